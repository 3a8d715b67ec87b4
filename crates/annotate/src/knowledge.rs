//! Knowledge files: countries, titles, organizations and places, as data the user can
//! extend. The built-in files live in `crates/annotate/knowledge/` (TSV, `#` comments,
//! `|` between the variants of a name, the first variant canonical) and are embedded in
//! the binary; the `gazetteer` stage's `extra` setting adds files of the same shape.

use std::sync::OnceLock;

/// One name the gazetteer looks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub kind: Kind,
    /// The canonical form (first variant of its line).
    pub canonical: String,
    /// ISO code, organization id, …
    pub id: String,
    /// Title rank, or the country of a place.
    pub extra: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Country,
    /// A country's short form, valid only inside compounds such as `Việt - Mỹ`.
    CountryShort,
    Title,
    Organization,
    /// An organization a country name may follow as part of its name (`Quốc hội` →
    /// `Quốc hội Indonesia`, `Bộ Ngoại giao` → `Bộ Ngoại giao Hoa Kỳ`).
    NationalBody,
    City,
    /// A region, sea or ocean (`Đông Nam Á`, `Ấn Độ Dương`): not a country, and it hides
    /// the country names inside it.
    Region,
    /// A well-known leader (a full name and its variants) and their country: the
    /// country of a person the text names without one (`Tổng thống Biden`).
    Leader,
}

/// A knowledge file: its kind and its text.
pub struct Source<'a> {
    pub kind: FileKind,
    pub text: &'a str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Countries,
    Titles,
    Organizations,
    Places,
    Leaders,
}

pub const BUILTIN: [(FileKind, &str); 5] = [
    (
        FileKind::Countries,
        include_str!("../knowledge/countries.tsv"),
    ),
    (FileKind::Titles, include_str!("../knowledge/titles.tsv")),
    (
        FileKind::Organizations,
        include_str!("../knowledge/organizations.tsv"),
    ),
    (FileKind::Places, include_str!("../knowledge/places.tsv")),
    (FileKind::Leaders, include_str!("../knowledge/leaders.tsv")),
];

/// Every (surface form, entry) pair of a file. Malformed lines are reported with their
/// line number.
pub fn parse(kind: FileKind, text: &str) -> Result<Vec<(String, Entry)>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let bad = || {
            format!(
                "line {}: expected tab-separated columns, got {line:?}",
                n + 1
            )
        };
        let names: Vec<&str> = cols[0]
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let push = |out: &mut Vec<(String, Entry)>,
                    surface: &str,
                    kind: Kind,
                    canonical: &str,
                    id: &str,
                    extra: &str| {
            out.push((
                surface.to_string(),
                Entry {
                    kind,
                    canonical: canonical.to_string(),
                    id: id.to_string(),
                    extra: extra.to_string(),
                },
            ));
        };
        match kind {
            FileKind::Countries => {
                // code, names, short forms
                let code = cols[0].trim();
                let names: Vec<&str> = cols
                    .get(1)
                    .ok_or_else(bad)?
                    .split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect();
                let canonical = names.first().ok_or_else(bad)?;
                for n in &names {
                    push(&mut out, n, Kind::Country, canonical, code, "");
                }
                for s in cols
                    .get(2)
                    .map_or("", |s| s.trim())
                    .split('|')
                    .filter(|s| !s.is_empty())
                {
                    push(&mut out, s, Kind::CountryShort, canonical, code, "");
                }
            }
            FileKind::Titles => {
                let canonical = names.first().ok_or_else(bad)?;
                let rank = cols.get(1).ok_or_else(bad)?.trim();
                let country = cols.get(2).map_or("", |s| s.trim());
                for n in &names {
                    push(&mut out, n, Kind::Title, canonical, country, rank);
                }
            }
            FileKind::Organizations => {
                let canonical = names.first().ok_or_else(bad)?;
                let id = cols.get(1).ok_or_else(bad)?.trim();
                let kind = match cols.get(2).map(|s| s.trim()) {
                    Some("national") => Kind::NationalBody,
                    None | Some("") => Kind::Organization,
                    Some(_) => return Err(bad()),
                };
                for n in &names {
                    // Organizations are written as they appear, so each variant is its own canonical form.
                    push(&mut out, n, kind, n, id, canonical);
                }
            }
            FileKind::Places => {
                let canonical = names.first().ok_or_else(bad)?;
                let kind = match cols.get(1).ok_or_else(bad)?.trim() {
                    "region" => Kind::Region,
                    "city" | "venue" => Kind::City,
                    _ => return Err(bad()),
                };
                let country = cols.get(2).map_or("", |s| s.trim());
                let country = if country == "-" { "" } else { country };
                for n in &names {
                    push(&mut out, n, kind, canonical, country, country);
                }
            }
            FileKind::Leaders => {
                let canonical = names.first().ok_or_else(bad)?;
                let country = cols.get(1).ok_or_else(bad)?.trim();
                for n in &names {
                    push(&mut out, n, Kind::Leader, canonical, country, "");
                }
            }
        }
    }
    Ok(out)
}

/// The built-in entries, parsed once.
pub fn builtin() -> &'static [(String, Entry)] {
    static ALL: OnceLock<Vec<(String, Entry)>> = OnceLock::new();
    ALL.get_or_init(|| {
        BUILTIN
            .iter()
            .flat_map(|(k, t)| parse(*k, t).expect("the built-in knowledge files are well formed"))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_files_parse_and_know_the_common_names() {
        let all = builtin();
        let find = |s: &str, k: Kind| {
            all.iter()
                .find(|(n, e)| n == s && e.kind == k)
                .map(|(_, e)| e.clone())
        };
        assert_eq!(find("Hoa Kỳ", Kind::Country).unwrap().id, "US");
        assert_eq!(find("Hoa Kỳ", Kind::Country).unwrap().canonical, "Mỹ");
        assert_eq!(find("Hàn Quốc", Kind::Country).unwrap().id, "KR");
        assert_eq!(find("Việt", Kind::CountryShort).unwrap().id, "VN");
        assert_eq!(find("Tổng Bí thư", Kind::Title).unwrap().id, "VN");
        assert_eq!(find("Kuala Lumpur", Kind::City).unwrap().extra, "MY");
        assert_eq!(find("TTXVN", Kind::Organization).unwrap().id, "vna");
    }

    #[test]
    fn a_bad_line_is_reported_with_its_number() {
        let err = parse(FileKind::Titles, "# titles\nĐại sứ\n").unwrap_err();
        assert!(err.starts_with("line 2"), "{err}");
    }
}
