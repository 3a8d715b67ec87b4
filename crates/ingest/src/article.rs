//! The sample-article text format: what the first lines say about the document.
//!
//! - ` date YYYY-MM-DD` at the very start: the article's date; the marker is removed from
//!   the text (the rest of that line is the lead paragraph);
//! - a printed header date on its own first line (`16/02/2016`, `Thứ Năm, 30/10/2025 07:40`);
//! - an outlet prefix at the start of a paragraph: `(Ngày Nay) -`, `(TTXVN) –`;
//! - a first line without final punctuation: the title.

use sen_core::{DocMeta, Span};

/// Length of a leading ` date YYYY-MM-DD ` marker and the date it gives.
pub fn date_marker(text: &str) -> Option<(usize, String)> {
    let t = text.trim_start_matches([' ', '\t']);
    let lead = text.len() - t.len();
    let rest = t.strip_prefix("date ")?;
    let date = rest.get(..10)?;
    let b = date.as_bytes();
    let ok = b.iter().enumerate().all(|(i, c)| {
        if i == 4 || i == 7 {
            *c == b'-'
        } else {
            c.is_ascii_digit()
        }
    });
    if !ok || !valid_ymd(date) {
        return None;
    }
    let after = &rest[10..];
    let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
    Some((lead + 5 + 10 + spaces, date.to_string()))
}

fn valid_ymd(d: &str) -> bool {
    let m: u32 = d[5..7].parse().unwrap_or(0);
    let day: u32 = d[8..10].parse().unwrap_or(0);
    (1..=12).contains(&m) && (1..=31).contains(&day)
}

/// Fill title, outlet and printed date from the text's first lines.
pub fn read_header(text: &str, meta: &mut DocMeta) {
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if n >= 4 {
            break;
        }
        let body = line.trim_end();
        let start = offset + (line.len() - line.trim_start().len());
        offset += line.len();
        let trimmed = body.trim();
        if trimmed.is_empty() {
            continue;
        }
        if meta.date.is_none() {
            if let Some(d) = printed_date(trimmed) {
                meta.date = Some(d);
                continue;
            }
        }
        if meta.source.is_none() {
            if let Some((name, len)) = outlet_prefix(trimmed) {
                meta.source = Some(name.to_string());
                meta.source_span = Some(Span::new(start, start + len));
            }
        }
        if n == 0
            && meta.title.is_none()
            && is_title(trimmed)
            && !text[offset..].trim_start().is_empty()
        {
            meta.title = Some(trimmed.to_string());
            meta.title_span = Some(Span::new(start, start + trimmed.len()));
        }
        // Only the first non-empty line may be a title or a date header; the outlet
        // prefix may open the first paragraph after the title.
        if meta.title.is_none() && meta.source.is_some() {
            break;
        }
    }
}

/// A title: short, no final punctuation, more than one word.
fn is_title(line: &str) -> bool {
    // the punctuation first: a lead paragraph is long, its words need not be counted
    !line.ends_with(['.', '!', '?', ':', ';', ',', '…', '”', '"'])
        && (2..=40).contains(&line.split_whitespace().take(41).count())
}

/// `(Ngày Nay) -` → ("Ngày Nay", length of the prefix up to the name's closing bracket).
fn outlet_prefix(line: &str) -> Option<(&str, usize)> {
    let rest = line.strip_prefix('(')?;
    let close = rest.find(')')?;
    let name = &rest[..close];
    if name.is_empty()
        || name.chars().count() > 30
        || !name.chars().next()?.is_uppercase()
        || name.contains(['(', '.', ','])
    {
        return None;
    }
    let after = rest[close + 1..].trim_start();
    if !after.starts_with(['-', '–', '—']) {
        return None;
    }
    Some((name, close + 2))
}

/// A header line that is only a date: `16/02/2016`, `Thứ Năm, 30/10/2025 07:40`, `30-10-2025`.
fn printed_date(line: &str) -> Option<String> {
    if line.len() > 48 {
        return None;
    }
    let digits_part = line.rsplit(',').next()?.trim();
    let date = digits_part.split_whitespace().next()?;
    let parts: Vec<&str> = date.split(['/', '-', '.']).collect();
    if parts.len() != 3 {
        return None;
    }
    let (d, m, y): (u32, u32, u32) = (
        parts[0].parse().ok()?,
        parts[1].parse().ok()?,
        parts[2].parse().ok()?,
    );
    if !(1..=31).contains(&d) || !(1..=12).contains(&m) || !(1900..=2100).contains(&y) {
        return None;
    }
    // Everything else on the line must be a weekday or a time.
    let rest = line.replace(date, "");
    let ok = rest
        .split([',', ' ', '|'])
        .filter(|w| !w.is_empty())
        .all(|w| {
            w.contains(':')
                || w.ends_with("GMT+7")
                || matches!(
                    w.to_lowercase().as_str(),
                    "thứ" | "hai" | "ba" | "tư" | "năm" | "sáu" | "bảy" | "chủ" | "nhật" | "ngày"
                )
        });
    ok.then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_marker_is_found() {
        let t = " date 2025-10-29 Chủ tịch nước Lương Cường gặp Tổng thống Mỹ";
        let (len, d) = date_marker(t).unwrap();
        assert_eq!(d, "2025-10-29");
        assert_eq!(&t[len..], "Chủ tịch nước Lương Cường gặp Tổng thống Mỹ");
        assert!(date_marker("Chủ tịch nước date 2025-10-29").is_none());
        assert!(date_marker(" date 2025-13-29 x").is_none());
    }

    #[test]
    fn title_outlet_and_printed_date() {
        let mut m = DocMeta::default();
        let t = "Tổng Bí thư Tô Lâm gặp Tổng thống Hoa Kỳ Donald Trump\n\n(Ngày Nay) - Sáng 20/2 (giờ địa phương), Tổng Bí thư …";
        read_header(t, &mut m);
        assert_eq!(
            m.title.as_deref(),
            Some("Tổng Bí thư Tô Lâm gặp Tổng thống Hoa Kỳ Donald Trump")
        );
        assert_eq!(m.source.as_deref(), Some("Ngày Nay"));
        assert_eq!(m.source_span.unwrap().slice(t), "(Ngày Nay)");
        let mut m = DocMeta::default();
        read_header(
            "Thứ Ba, 16/02/2016 07:40\nHai nước ký kết hiệp định thương mại tự do.",
            &mut m,
        );
        assert_eq!(m.date.as_deref(), Some("2016-02-16"));
        assert_eq!(m.title, None);
        let mut m = DocMeta::default();
        read_header(
            "Thủ tướng tiếp Đại sứ Nhật Bản chào từ biệt.\nNgày 5/3, tại Hà Nội…",
            &mut m,
        );
        assert_eq!(m.title, None);
    }
}
