//! The tokenizer: one pass over the text, each token with its kind.
//!
//! Whitespace separates tokens and is not one. Tokens never overlap and together cover
//! every non-whitespace character. Letters run into one token (`Jae-myung` keeps its
//! hyphen when a side is not a Vietnamese syllable; `Việt-Trung` splits); digits with
//! their separators make numbers (`11,8`, `1.000`) or date-likes (`29/10-1/11`, `2021-2025`).

use sen_core::layers::{Token, TokenKind};
use sen_core::Span;

use crate::syllable;

/// Tokens of `text`, in order.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    tokenize_into(text, &mut out);
    out
}

/// [`tokenize`], appending to `out`.
pub fn tokenize_into(text: &str, out: &mut Vec<Token>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b' ' || c == b'\n' || c == b'\t' || c == b'\r' {
            i += 1;
            continue;
        }
        let ch = char_at(text, i);
        if ch.is_whitespace() {
            i += ch.len_utf8();
            continue;
        }
        let (end, kind) = if let Some(end) = url_end(text, i) {
            (end, TokenKind::Url)
        } else if let Some(end) = email_end(text, i) {
            (end, TokenKind::Email)
        } else if ch.is_ascii_digit() {
            number(text, i)
        } else if is_letter(ch) {
            word(text, i)
        } else {
            punct(text, i, ch)
        };
        out.push(Token {
            span: Span::new(i, end),
            kind,
        });
        i = end;
    }
}

fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or('\0')
}

/// Letters and the combining marks that may follow them (NFD input not yet normalized).
fn is_letter(c: char) -> bool {
    c.is_alphabetic() || is_mark(c)
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn url_end(text: &str, i: usize) -> Option<usize> {
    let rest = &text.as_bytes()[i..];
    let starts = |p: &[u8]| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
    if !(starts(b"http://") || starts(b"https://") || starts(b"www.")) {
        return None;
    }
    let mut end = i + rest
        .iter()
        .position(|c| c.is_ascii_whitespace())
        .unwrap_or(rest.len());
    // A URL does not take the sentence's closing punctuation.
    while end > i
        && matches!(
            text.as_bytes()[end - 1],
            b'.' | b',' | b';' | b':' | b')' | b'!' | b'?' | b'"' | b'\''
        )
    {
        end -= 1;
    }
    // Stop at a non-ASCII quote or bracket glued to the URL.
    let end = text[i..end]
        .find(['“', '”', '»', '）'])
        .map_or(end, |k| i + k);
    (end > i).then_some(end)
}

fn email_end(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    if !b[i].is_ascii_alphanumeric() {
        return None;
    }
    let local = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-');
    let mut j = i;
    while j < b.len() && local(b[j]) {
        j += 1;
    }
    if j >= b.len() || b[j] != b'@' {
        return None;
    }
    let dom = j + 1;
    let mut k = dom;
    while k < b.len() && (b[k].is_ascii_alphanumeric() || b[k] == b'.' || b[k] == b'-') {
        k += 1;
    }
    while k > dom && b[k - 1] == b'.' {
        k -= 1;
    }
    (k > dom && text[dom..k].contains('.')).then_some(k)
}

/// Digits with inner separators. `/` or a day-month/year-year hyphen make a date-like;
/// letters glued after the digits make an abbreviation (`5G`, `20h30`).
fn number(text: &str, i: usize) -> (usize, TokenKind) {
    let b = text.as_bytes();
    let mut j = i;
    let mut slash = false;
    let mut hyphen_at = None;
    while j < b.len() {
        let c = b[j];
        if c.is_ascii_digit() {
            j += 1;
        } else if matches!(c, b'.' | b',' | b'/' | b'-')
            && j + 1 < b.len()
            && b[j + 1].is_ascii_digit()
        {
            if c == b'/' {
                slash = true;
            }
            if c == b'-' {
                if hyphen_at.is_some() {
                    break;
                }
                hyphen_at = Some(j);
            }
            j += 1;
        } else {
            break;
        }
    }
    // Letters glued on: `5G`, `20h30`, `100km` — one token.
    if j < b.len() && char_at(text, j).is_alphabetic() {
        let (end, _) = word(text, j);
        return (end, TokenKind::Abbreviation);
    }
    if let Some(h) = hyphen_at {
        let (left, right) = (&text[i..h], &text[h + 1..j]);
        if !slash && !hyphen_is_date(left, right) {
            // `20-30`: two numbers and a hyphen.
            return (h, kind_of_number(left));
        }
        return (j, TokenKind::DateLike);
    }
    if slash {
        return (j, TokenKind::DateLike);
    }
    (j, kind_of_number(&text[i..j]))
}

fn kind_of_number(_s: &str) -> TokenKind {
    TokenKind::Number
}

/// `2021-2025` (years) or `27-2` (day-month) are date-likes; `20-30` is not.
fn hyphen_is_date(left: &str, right: &str) -> bool {
    let all = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    if !all(left) || !all(right) {
        return false;
    }
    let year = |s: &str| s.len() == 4 && matches!(&s[..2], "19" | "20");
    if year(left) && year(right) {
        return true;
    }
    let (d, m) = (
        left.parse::<u32>().unwrap_or(0),
        right.parse::<u32>().unwrap_or(0),
    );
    left.len() <= 2 && right.len() <= 2 && (1..=31).contains(&d) && (1..=12).contains(&m)
}

/// A run of letters (and digits glued to letters: `G20`, `D1`), with inner hyphens
/// between non-Vietnamese parts (`Jae-myung`), apostrophes (`O'Neill`) and dotted
/// abbreviations (`TP.HCM`, `U.S.`, `D.C`, `Ph.D`).
fn word(text: &str, i: usize) -> (usize, TokenKind) {
    let b = text.as_bytes();
    let run_end = |from: usize| {
        let mut k = from;
        for (o, c) in text[from..].char_indices() {
            if c.is_alphanumeric() || is_mark(c) {
                k = from + o + c.len_utf8();
            } else {
                break;
            }
        }
        k
    };
    let mut end = run_end(i);
    let mut dotted = false;
    let mut hyphenated = false;
    loop {
        if end + 1 >= b.len() {
            break;
        }
        let sep = b[end];
        if !matches!(sep, b'.' | b'-' | b'\'') {
            break;
        }
        let next = char_at(text, end + 1);
        let seg_start = text[..end]
            .rfind(|c: char| !(c.is_alphanumeric() || is_mark(c)))
            .map_or(0, |k| k + 1)
            .max(i);
        let seg = &text[seg_start..end];
        if sep == b'.' && next.is_ascii_uppercase() && short_caps(seg) {
            end = run_end(end + 1);
            dotted = true;
        } else if (sep == b'-' || sep == b'\'') && next.is_alphabetic() {
            let next_end = run_end(end + 1);
            let right = &text[end + 1..next_end];
            // Vietnamese compounds written with a hyphen (`Việt-Trung`) stay apart.
            if sep == b'-' && syllable::is_valid(seg) && syllable::is_valid(right) {
                break;
            }
            end = next_end;
            hyphenated = true;
        } else {
            break;
        }
    }
    // `U.S.`: single letters with dots take the last dot too — unless a capital follows
    // after a space: then the dot more likely ends the sentence (`… Washington, D.C. Hôm sau`).
    if dotted && end < b.len() && b[end] == b'.' {
        let seg_start = text[..end].rfind('.').map_or(i, |k| k + 1);
        let after = text[end + 1..].trim_start();
        let sentence_follows = after.len() < text.len() - end - 1
            && after.chars().next().is_some_and(char::is_uppercase);
        if end - seg_start == 1 && !after.is_empty() && !sentence_follows {
            end += 1;
        }
    }
    let s = &text[i..end];
    let kind = if dotted || s.bytes().any(|c| c.is_ascii_digit()) {
        TokenKind::Abbreviation
    } else if hyphenated {
        TokenKind::Foreign
    } else if is_acronym(s) {
        TokenKind::Abbreviation
    } else if syllable::is_valid(s) {
        TokenKind::Syllable
    } else {
        TokenKind::Foreign
    };
    (end, kind)
}

/// A segment that may start a dotted abbreviation: `TP`, `U`, `D`, `Ph`.
fn short_caps(seg: &str) -> bool {
    let n = seg.chars().count();
    let first_upper = seg.chars().next().is_some_and(|c| c.is_uppercase());
    first_upper && (n <= 2 || (n <= 4 && seg.chars().all(|c| c.is_uppercase())))
}

/// All capitals, two letters or more, and not a Vietnamese syllable written in capitals
/// with its diacritics (`HÀ NỘI` in a headline is words, `ASEAN` an acronym).
fn is_acronym(s: &str) -> bool {
    let mut n = 0;
    for c in s.chars() {
        if !c.is_uppercase() {
            return false;
        }
        n += 1;
    }
    n >= 2 && !(s.chars().any(|c| !c.is_ascii()) && syllable::is_valid(s))
}

/// Punctuation (`...` is one token), symbols, anything else one char at a time.
fn punct(text: &str, i: usize, ch: char) -> (usize, TokenKind) {
    if text[i..].starts_with("...") {
        let n = text[i..].bytes().take_while(|&c| c == b'.').count();
        return (i + n, TokenKind::Punct);
    }
    let mut end = i + ch.len_utf8();
    // Combining marks glued to a non-letter stay with it (no token starts with a mark).
    while let Some(m) = text[end..].chars().next().filter(|&c| is_mark(c)) {
        end += m.len_utf8();
    }
    let kind = if is_punct(ch) {
        TokenKind::Punct
    } else {
        TokenKind::Symbol
    };
    (end, kind)
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        && !matches!(
            c,
            '$' | '%' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~' | '#' | '&' | '*' | '@'
        )
        || matches!(
            c,
            '“' | '”'
                | '‘'
                | '’'
                | '«'
                | '»'
                | '…'
                | '–'
                | '—'
                | '‐'
                | '‑'
                | '„'
                | '‹'
                | '›'
                | '·'
                | '（'
                | '）'
                | '，'
                | '。'
                | '：'
                | '；'
                | '！'
                | '？'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text)
            .iter()
            .map(|t| (t.span.slice(text), t.kind))
            .collect()
    }

    use TokenKind::*;

    #[test]
    fn syllables_foreign_and_names() {
        assert_eq!(
            toks("Tổng thống Hàn Quốc Lee Jae-myung"),
            vec![
                ("Tổng", Syllable),
                ("thống", Syllable),
                ("Hàn", Syllable),
                ("Quốc", Syllable),
                ("Lee", Foreign),
                ("Jae-myung", Foreign)
            ]
        );
        assert_eq!(
            toks("Việt-Trung"),
            vec![("Việt", Syllable), ("-", Punct), ("Trung", Syllable)]
        );
    }

    #[test]
    fn numbers_and_dates() {
        assert_eq!(
            toks("453 tỷ USD"),
            vec![("453", Number), ("tỷ", Syllable), ("USD", Abbreviation)]
        );
        assert_eq!(
            toks("tăng 11,8%"),
            vec![("tăng", Syllable), ("11,8", Number), ("%", Symbol)]
        );
        assert_eq!(
            toks("1.000 doanh nghiệp"),
            vec![("1.000", Number), ("doanh", Syllable), ("nghiệp", Syllable)]
        );
        assert_eq!(
            toks("ngày 29/10-1/11"),
            vec![("ngày", Syllable), ("29/10-1/11", DateLike)]
        );
        assert_eq!(toks("12-16/11"), vec![("12-16/11", DateLike)]);
        assert_eq!(
            toks("(2021-2025)"),
            vec![("(", Punct), ("2021-2025", DateLike), (")", Punct)]
        );
        assert_eq!(
            toks("ngày 27-2"),
            vec![("ngày", Syllable), ("27-2", DateLike)]
        );
        assert_eq!(
            toks("20-30"),
            vec![("20", Number), ("-", Punct), ("30", Number)]
        );
        assert_eq!(toks("28.000."), vec![("28.000", Number), (".", Punct)]);
    }

    #[test]
    fn abbreviations() {
        assert_eq!(
            toks("ASEAN, APEC và G20"),
            vec![
                ("ASEAN", Abbreviation),
                (",", Punct),
                ("APEC", Abbreviation),
                ("và", Syllable),
                ("G20", Abbreviation)
            ]
        );
        assert_eq!(toks("TP.HCM"), vec![("TP.HCM", Abbreviation)]);
        assert_eq!(toks("Washington, D.C (Hoa Kỳ)")[2], ("D.C", Abbreviation));
        assert_eq!(toks("quan hệ U.S.-Việt Nam")[2], ("U.S.", Abbreviation));
        assert_eq!(toks("về U.S. Sau đó")[1], ("U.S", Abbreviation));
        assert_eq!(
            toks("ASW 2.0"),
            vec![("ASW", Abbreviation), ("2.0", Number)]
        );
        assert_eq!(
            toks("Ảnh: TTXVN"),
            vec![("Ảnh", Syllable), (":", Punct), ("TTXVN", Abbreviation)]
        );
        assert_eq!(toks("HÀ NỘI"), vec![("HÀ", Syllable), ("NỘI", Syllable)]);
    }

    #[test]
    fn glued_sentence_is_not_an_abbreviation() {
        assert_eq!(
            toks("Việt Nam.Chủ tịch"),
            vec![
                ("Việt", Syllable),
                ("Nam", Syllable),
                (".", Punct),
                ("Chủ", Syllable),
                ("tịch", Syllable)
            ]
        );
    }

    #[test]
    fn urls_emails_quotes() {
        assert_eq!(
            toks("xem https://baochinhphu.vn/a-b.htm."),
            vec![
                ("xem", Syllable),
                ("https://baochinhphu.vn/a-b.htm", Url),
                (".", Punct)
            ]
        );
        assert_eq!(
            toks("gửi toasoan@ttxvn.vn"),
            vec![("gửi", Syllable), ("toasoan@ttxvn.vn", Email)]
        );
        assert_eq!(
            toks("“Tầm nhìn”…"),
            vec![
                ("“", Punct),
                ("Tầm", Syllable),
                ("nhìn", Syllable),
                ("”", Punct),
                ("…", Punct)
            ]
        );
        assert_eq!(toks("chờ..."), vec![("chờ", Syllable), ("...", Punct)]);
    }

    #[test]
    fn nfd_input_stays_one_token() {
        let nfd = "Ha\u{300} No\u{302}\u{323}i";
        assert_eq!(toks(nfd).len(), 2);
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Tokens are in order, never overlap, lie on char boundaries, and cover every
        /// non-whitespace character, whatever the input.
        #[test]
        fn tokens_cover_the_text_without_overlap(text in "(\\PC|[ \n\t\u{300}\u{323}.,/\\-@:…“”0-9]){0,60}") {
            let toks = tokenize(&text);
            let mut covered = vec![false; text.len()];
            let mut last = 0;
            for t in &toks {
                prop_assert!(t.span.start >= last && t.span.start < t.span.end);
                prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
                covered[t.span.start..t.span.end].iter_mut().for_each(|c| *c = true);
                last = t.span.end;
            }
            for (i, c) in text.char_indices() {
                prop_assert!(c.is_whitespace() || covered[i], "{:?} at {} not covered", c, i);
            }
        }
    }
}
