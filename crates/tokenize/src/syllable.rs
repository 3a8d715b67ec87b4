//! Vietnamese syllable structure: initial, medial, nucleus, final and tone.
//!
//! Table-driven: a letter table maps every Vietnamese letter (with its tone mark) to its
//! base letter and tone; the initials and rhymes are lists from Vietnamese orthography.
//! Parsing allocates nothing: it works on a small stack buffer of base letters.

/// The six tones of Vietnamese.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tone {
    /// ngang (no mark): `ma`
    Level,
    /// huyền: `mà`
    Falling,
    /// sắc: `má`
    Rising,
    /// hỏi: `mả`
    Dipping,
    /// ngã: `mã`
    Creaky,
    /// nặng: `mạ`
    Heavy,
}

const TONES: [Tone; 6] = [
    Tone::Level,
    Tone::Falling,
    Tone::Rising,
    Tone::Dipping,
    Tone::Creaky,
    Tone::Heavy,
];

/// Each row: a base vowel, then the vowel with the five marks in the order of [`TONES`].
const VOWELS: [[char; 6]; 12] = [
    ['a', 'à', 'á', 'ả', 'ã', 'ạ'],
    ['ă', 'ằ', 'ắ', 'ẳ', 'ẵ', 'ặ'],
    ['â', 'ầ', 'ấ', 'ẩ', 'ẫ', 'ậ'],
    ['e', 'è', 'é', 'ẻ', 'ẽ', 'ẹ'],
    ['ê', 'ề', 'ế', 'ể', 'ễ', 'ệ'],
    ['i', 'ì', 'í', 'ỉ', 'ĩ', 'ị'],
    ['o', 'ò', 'ó', 'ỏ', 'õ', 'ọ'],
    ['ô', 'ồ', 'ố', 'ổ', 'ỗ', 'ộ'],
    ['ơ', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ'],
    ['u', 'ù', 'ú', 'ủ', 'ũ', 'ụ'],
    ['ư', 'ừ', 'ứ', 'ử', 'ữ', 'ự'],
    ['y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'],
];

/// Base letter (lowercase, tone removed) and tone of one character, or `None` if the
/// character is not a Vietnamese letter.
pub fn letter(c: char) -> Option<(char, Tone)> {
    let l = if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        lower(c)
    };
    if l.is_ascii_lowercase() {
        // f, j, w, z are letters too, just never in a Vietnamese syllable.
        return Some((l, Tone::Level));
    }
    if l == 'đ' {
        return Some(('đ', Tone::Level));
    }
    for row in &VOWELS {
        if let Some(t) = row.iter().position(|&v| v == l) {
            return Some((row[0], TONES[t]));
        }
    }
    None
}

fn lower(c: char) -> char {
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// The character `base` (a base vowel) carrying `tone`.
pub fn with_tone(base: char, tone: Tone) -> char {
    let t = TONES.iter().position(|&x| x == tone).unwrap_or(0);
    VOWELS.iter().find(|r| r[0] == base).map_or(base, |r| r[t])
}

/// Initial consonants, longest first so `ngh` wins over `ng` and `n`.
const INITIALS: [&str; 27] = [
    "ngh", "ng", "gh", "gi", "qu", "ch", "tr", "th", "ph", "kh", "nh", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

/// Finals, longest first.
const FINALS: [&str; 12] = [
    "ng", "nh", "ch", "c", "m", "n", "p", "t", "i", "y", "o", "u",
];

/// Vowel nuclei (after any medial), longest first.
const NUCLEI: [&str; 21] = [
    "iê", "yê", "uô", "ươ", "ia", "ya", "ua", "ưa", "oo", "a", "ă", "â", "e", "ê", "i", "o", "ô",
    "ơ", "u", "ư", "y",
];

/// Rhymes (medial + nucleus + final, tone removed) that Vietnamese spelling allows.
const RHYMES: &[&str] = &[
    "a", "ai", "ao", "au", "ay", "ac", "ach", "am", "an", "ang", "anh", "ap", "at", "ăc", "ăm",
    "ăn", "ăng", "ăp", "ăt", "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây", "e", "eo", "ec",
    "em", "en", "eng", "ep", "et", "ê", "êu", "êch", "êm", "ên", "ênh", "êp", "êt", "i", "ia",
    "iu", "ich", "im", "in", "inh", "ip", "it", "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu",
    "yêm", "yên", "yêng", "yêt", "yêu", "o", "oi", "oc", "om", "on", "ong", "op", "ot", "ooc",
    "oong", "ô", "ôi", "ôc", "ôm", "ôn", "ông", "ôp", "ôt", "ơ", "ơi", "ơc", "ơm", "ơn", "ơp",
    "ơt", "u", "ua", "ui", "uc", "um", "un", "ung", "up", "ut", "uôc", "uôi", "uôm", "uôn", "uông",
    "uôt", "ư", "ưa", "ưi", "ưu", "ưc", "ưm", "ưn", "ưng", "ưt", "ươc", "ươi", "ươm", "ươn",
    "ương", "ươp", "ươt", "ươu", "y", "oa", "oai", "oao", "oay", "oac", "oach", "oam", "oan",
    "oang", "oanh", "oap", "oat", "oăc", "oăm", "oăn", "oăng", "oăt", "oe", "oeo", "oen", "oet",
    "uân", "uâng", "uât", "uây", "uy", "uya", "uyu", "uych", "uynh", "uyt", "uyn", "uyên", "uyêt",
    "uê", "uêch", "uênh", "uơ",
];

/// A parsed syllable. Parts are lowercase and tone-less.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Syllable<'a> {
    pub initial: &'a str,
    /// `o` or `u` glide before the nucleus (`hoa`, `thuý`, `quyết` has none: `qu` is the initial).
    pub medial: Option<char>,
    pub nucleus: &'a str,
    pub final_: &'a str,
    pub tone: Tone,
}

/// Up to 8 base letters of a syllable, lowercase and tone-less.
struct Bases {
    buf: [u8; 32],
    len: usize,
}

impl Bases {
    fn as_str(&self) -> &str {
        // Only whole chars are ever pushed.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

fn bases(s: &str) -> Option<(Bases, Tone)> {
    let mut b = Bases {
        buf: [0; 32],
        len: 0,
    };
    let mut tone = Tone::Level;
    let mut n = 0;
    for c in s.chars() {
        n += 1;
        if n > 8 {
            return None;
        }
        let (base, t) = letter(c)?;
        if t != Tone::Level {
            if tone != Tone::Level {
                return None; // two tone marks
            }
            tone = t;
        }
        let mut tmp = [0u8; 4];
        let e = base.encode_utf8(&mut tmp);
        if b.len + e.len() > b.buf.len() {
            return None;
        }
        b.buf[b.len..b.len + e.len()].copy_from_slice(e.as_bytes());
        b.len += e.len();
    }
    (n > 0).then_some((b, tone))
}

/// Parse a syllable (any case, NFC, either tone-mark convention); `None` if it is not a
/// well-formed Vietnamese syllable.
pub fn parse(s: &str) -> Option<Syllable<'static>> {
    let (b, tone) = bases(s)?;
    let base = b.as_str();
    // Try the longest initial first, then shorter ones (`gi` + `ên` vs `g` + `iên`), then none.
    for init in INITIALS
        .iter()
        .copied()
        .filter(|i| base.starts_with(i))
        .chain(std::iter::once(""))
    {
        let rhyme = &base[init.len()..];
        let rhyme = if rhyme.is_empty() && init == "gi" {
            "i"
        } else {
            rhyme
        };
        if let Some(syl) = split_rhyme(init, rhyme, tone) {
            if spelling_ok(&syl) {
                return Some(syl);
            }
        }
    }
    None
}

fn split_rhyme(initial: &'static str, rhyme: &str, tone: Tone) -> Option<Syllable<'static>> {
    let canon = RHYMES.iter().copied().find(|r| *r == rhyme)?;
    // Stop finals take only the rising or heavy tone.
    let (medial, rest) = match canon.chars().next() {
        Some(m @ ('o' | 'u')) if canon.len() > 1 && is_medial(canon) => (Some(m), &canon[1..]),
        _ => (None, canon),
    };
    let nucleus = NUCLEI.iter().copied().find(|n| rest.starts_with(n))?;
    let final_ = &rest[nucleus.len()..];
    let final_ = FINALS.iter().copied().find(|f| *f == final_).unwrap_or("");
    if nucleus.len() + final_.len() != rest.len() {
        return None;
    }
    if matches!(final_, "c" | "ch" | "p" | "t") && !matches!(tone, Tone::Rising | Tone::Heavy) {
        return None;
    }
    Some(Syllable {
        initial,
        medial,
        nucleus,
        final_,
        tone,
    })
}

/// `oa`, `oe`, `oă`, `uâ`, `uy`, `uê`, `uơ`: the first vowel is a glide, not the nucleus.
fn is_medial(rhyme: &str) -> bool {
    let mut it = rhyme.chars();
    let (Some(a), Some(b)) = (it.next(), it.next()) else {
        return false;
    };
    matches!(
        (a, b),
        ('o', 'a' | 'ă' | 'e') | ('u', 'â' | 'y' | 'ê' | 'ơ')
    )
}

/// Spelling rules of the initials: `k`, `gh`, `ngh` only before front vowels; `c`, `g`,
/// `ng` not before them; `q` only as `qu`.
fn spelling_ok(s: &Syllable) -> bool {
    let first = s.medial.or_else(|| s.nucleus.chars().next()).unwrap_or('a');
    let front = matches!(first, 'i' | 'e' | 'ê' | 'y');
    match s.initial {
        "k" | "gh" | "ngh" => front,
        "c" | "ng" => !front || s.medial.is_some(),
        "qu" => s.medial.is_none(),
        _ => true,
    }
}

/// Whether `s` is a well-formed Vietnamese syllable.
pub fn is_valid(s: &str) -> bool {
    parse(s).is_some()
}

/// `s` without its tone mark, case kept: `Nội` → `Nôi`.
pub fn strip_tone(s: &str) -> String {
    s.chars()
        .map(|c| match letter(c) {
            Some((base, t)) if t != Tone::Level => {
                if c.is_uppercase() {
                    base.to_uppercase().next().unwrap_or(base)
                } else {
                    base
                }
            }
            _ => c,
        })
        .collect()
}

/// `s` without any diacritic, case kept: `Nội` → `Noi`, `Đà` → `Da`.
pub fn strip_accents(s: &str) -> String {
    s.chars()
        .map(|c| {
            let up = c.is_uppercase();
            let plain = match letter(c) {
                Some(('đ', _)) => 'd',
                Some((b, _)) => match b {
                    'ă' | 'â' => 'a',
                    'ê' => 'e',
                    'ô' | 'ơ' => 'o',
                    'ư' => 'u',
                    other => other,
                },
                None => return c,
            };
            if up {
                plain.to_ascii_uppercase()
            } else {
                plain
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_parts() {
        let s = parse("Nguyễn").unwrap();
        assert_eq!(
            (s.initial, s.medial, s.nucleus, s.final_, s.tone),
            ("ng", Some('u'), "yê", "n", Tone::Creaky)
        );
    }

    #[test]
    fn parts_of_common_syllables() {
        let hoa = parse("hòa").unwrap();
        assert_eq!(
            (hoa.initial, hoa.medial, hoa.nucleus, hoa.final_, hoa.tone),
            ("h", Some('o'), "a", "", Tone::Falling)
        );
        let quoc = parse("Quốc").unwrap();
        assert_eq!(
            (
                quoc.initial,
                quoc.medial,
                quoc.nucleus,
                quoc.final_,
                quoc.tone
            ),
            ("qu", None, "ô", "c", Tone::Rising)
        );
        let nghia = parse("nghĩa").unwrap();
        assert_eq!(
            (nghia.initial, nghia.nucleus, nghia.tone),
            ("ngh", "ia", Tone::Creaky)
        );
        let gi = parse("gì").unwrap();
        assert_eq!(
            (gi.initial, gi.nucleus, gi.tone),
            ("gi", "i", Tone::Falling)
        );
        let giua = parse("giữa").unwrap();
        assert_eq!((giua.initial, giua.nucleus), ("gi", "ưa"));
        let thuy = parse("thuý").unwrap();
        assert_eq!(
            (thuy.initial, thuy.medial, thuy.nucleus, thuy.tone),
            ("th", Some('u'), "y", Tone::Rising)
        );
        let uong = parse("Ương").unwrap();
        assert_eq!((uong.initial, uong.nucleus, uong.final_), ("", "ươ", "ng"));
    }

    #[test]
    fn every_initial_parses_with_a_fitting_rhyme() {
        for init in INITIALS {
            let rhyme = match init {
                "k" | "gh" | "ngh" => "iên",
                "qu" => "ân",
                "gi" => "ang",
                _ => "ang",
            };
            let s = format!("{init}{rhyme}");
            let p = parse(&s).unwrap_or_else(|| panic!("{s}"));
            assert_eq!(p.initial, init, "{s}");
        }
    }

    #[test]
    fn every_rhyme_parses_with_every_allowed_tone() {
        for rhyme in RHYMES {
            let stop = ["c", "ch", "p", "t"].iter().any(|f| rhyme.ends_with(f));
            for tone in TONES {
                if stop && !matches!(tone, Tone::Rising | Tone::Heavy) {
                    let s = format!("t{}", mark(rhyme, tone));
                    assert!(
                        parse(&s).is_none(),
                        "{s} has a stop final and the wrong tone"
                    );
                    continue;
                }
                let s = format!("t{}", mark(rhyme, tone));
                let p = parse(&s).unwrap_or_else(|| panic!("{s}"));
                assert_eq!(p.tone, tone, "{s}");
            }
        }
    }

    /// Put the tone on the first vowel that can carry it (placement does not matter to parse).
    fn mark(rhyme: &str, tone: Tone) -> String {
        let mut done = false;
        rhyme
            .chars()
            .map(|c| {
                if !done && VOWELS.iter().any(|r| r[0] == c) {
                    done = true;
                    with_tone(c, tone)
                } else {
                    c
                }
            })
            .collect()
    }

    #[test]
    fn foreign_words_are_not_syllables() {
        for w in [
            "Trump", "Lee", "Jae", "Gyeongju", "Kuala", "Lumpur", "Donald", "Albanese", "Wong",
            "Peru",
        ] {
            assert!(!is_valid(w), "{w}");
        }
        for w in [
            "Nội",
            "thượng",
            "đỉnh",
            "Kim",
            "Minh",
            "Chính",
            "nghiêng",
            "khuya",
            "quyết",
            "Huế",
        ] {
            assert!(is_valid(w), "{w}");
        }
        assert!(!is_valid("cá1"));
        assert!(!is_valid("hàá"), "two tone marks");
        assert!(is_valid("tác"));
        assert!(!is_valid("tàc"), "stop final with the falling tone");
        assert!(is_valid("ki") && is_valid("ca") && is_valid("kê"));
        assert!(!is_valid("ce"), "c before e is spelled k");
        assert!(!is_valid("ghà"), "gh only before front vowels");
    }

    #[test]
    fn tone_less_and_accent_less_forms() {
        assert_eq!(strip_tone("Nội"), "Nôi");
        assert_eq!(strip_accents("Nội"), "Noi");
        assert_eq!(strip_accents("Đà Nẵng"), "Da Nang");
        assert_eq!(strip_tone("Hòa bình"), "Hoa binh");
        assert_eq!(strip_tone("Trump"), "Trump");
    }
}
