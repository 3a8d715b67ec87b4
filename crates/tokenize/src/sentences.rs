//! Sentence splitting over the token layer.
//!
//! A sentence ends at `.`, `!`, `?`, `…`, `...` (with the closing quotes and brackets
//! glued after it) when what follows starts a new sentence: a capital, an opening quote
//! or bracket, a dash, a digit, or the end of the text — also when the next sentence is
//! glued on without a space (`Việt Nam.Chủ tịch`). A line break ends one too: titles
//! without final punctuation, photo captions and credits (`Ảnh: TTXVN`) stand alone —
//! except a single break before a lowercase word, which is a hard-wrapped line going on.
//! A photo credit at the end of a caption line without its own period
//! (`… tại Hàn Quốc Ảnh: TTXVN`) is cut off as its own line.
//! Periods of abbreviations (`TP.HCM`, `U.S.`, `GS.`, `PGS.TS.`) and of a name's
//! initial (`George W. Bush`) do not end a sentence.

use sen_core::layers::{Sentence, Token, TokenKind};
use sen_core::Span;

/// Sentences of `text`, given its tokens. Sentences are in order, do not overlap, and
/// together take every token.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::with_capacity(tokens.len() / 20 + 1);
    let mut start = 0;
    let mut k = 0;
    let slice = |t: &Token| t.span.slice(text);
    while k < tokens.len() {
        if k > start {
            let gap = &text.as_bytes()[tokens[k - 1].span.end..tokens[k].span.start];
            if (line_breaks(gap) > 0 && !continues_line(text, tokens, k, gap))
                || photo_credit_starts(text, tokens, k)
            {
                push(&mut out, tokens, start, k);
                start = k;
            }
        }
        let t = &tokens[k];
        if t.kind == TokenKind::Punct
            && is_terminal(slice(t))
            && !abbreviation_period(text, tokens, k)
        {
            // Take closing quotes and brackets glued to the terminal mark.
            let mut end = k + 1;
            while end < tokens.len()
                && tokens[end].span.start == tokens[end - 1].span.end
                && is_closing(slice(&tokens[end]))
            {
                end += 1;
            }
            let ends = match tokens.get(end) {
                None => true,
                Some(next) => {
                    starts_sentence(slice(next), next.kind)
                        || line_breaks(&text.as_bytes()[tokens[end - 1].span.end..next.span.start])
                            > 0
                }
            };
            if ends {
                push(&mut out, tokens, start, end);
                start = end;
                k = end;
                continue;
            }
        }
        k += 1;
    }
    if start < tokens.len() {
        push(&mut out, tokens, start, tokens.len());
    }
    out
}

fn push(out: &mut Vec<Sentence>, tokens: &[Token], a: usize, b: usize) {
    out.push(Sentence {
        span: Span::new(tokens[a].span.start, tokens[b - 1].span.end),
        tokens: (a, b),
    });
}

/// Line breaks in the whitespace between two tokens (`\r\n` counts once).
#[inline]
fn line_breaks(gap: &[u8]) -> usize {
    if gap.len() == 1 && gap[0] == b' ' {
        return 0; // the common case
    }
    let mut n = 0;
    for (i, &c) in gap.iter().enumerate() {
        match c {
            b'\n' => n += 1,
            b'\r' if gap.get(i + 1) != Some(&b'\n') => n += 1,
            0xE2 if gap[i..].starts_with("\u{2028}".as_bytes())
                || gap[i..].starts_with("\u{2029}".as_bytes()) =>
            {
                n += 1
            }
            _ => {}
        }
    }
    n
}

/// A single line break before a lowercase word, after a line that did not end a sentence:
/// a hard-wrapped paragraph going on, not a new line of its own.
fn continues_line(text: &str, tokens: &[Token], k: usize, gap: &[u8]) -> bool {
    let next = tokens[k].span.slice(text);
    let prev = tokens[k - 1].span.slice(text);
    line_breaks(gap) == 1
        && matches!(tokens[k].kind, TokenKind::Syllable | TokenKind::Foreign)
        && next.chars().next().is_some_and(char::is_lowercase)
        && !is_terminal(prev)
        && !is_closing(prev)
        && prev != ":"
}

/// `Ảnh: TTXVN` (or `Ảnh: Nguồn …`) ending a caption line that has no period of its own:
/// a credit of at most a few tokens up to the end of the line.
fn photo_credit_starts(text: &str, tokens: &[Token], k: usize) -> bool {
    if !matches!(tokens[k].span.slice(text), "Ảnh" | "ẢNH")
        || tokens.get(k + 1).is_none_or(|t| t.span.slice(text) != ":")
        || tokens[k - 1].span.slice(text) == "("
    {
        return false;
    }
    // The rest of the line is short: a credit, not a sentence about a picture.
    let mut n = 0;
    for j in k + 2..tokens.len() {
        if line_breaks(&text.as_bytes()[tokens[j - 1].span.end..tokens[j].span.start]) > 0 {
            break;
        }
        n += 1;
        if n > 8 {
            return false;
        }
    }
    n > 0
}

fn is_terminal(p: &str) -> bool {
    matches!(p, "." | "!" | "?" | "…" | "。" | "！" | "？") || p.starts_with("...")
}

fn is_closing(p: &str) -> bool {
    matches!(
        p,
        "”" | "’" | "\"" | "'" | ")" | "]" | "»" | "›" | "）" | "!" | "?"
    )
}

fn starts_sentence(s: &str, kind: TokenKind) -> bool {
    let c = s.chars().next().unwrap_or(' ');
    c.is_uppercase()
        || matches!(kind, TokenKind::Number | TokenKind::DateLike)
        || matches!(
            c,
            '“' | '"' | '‘' | '\'' | '(' | '[' | '«' | '-' | '–' | '—' | '•'
        )
}

/// Titles and words abbreviated with a period: `GS. Nguyễn`, `TS. Lê`, `PGS.TS. Trần`,
/// `Mr. Smith`, `Tp. Hồ Chí Minh`, `Q. 1`, `tr. 15`.
const ABBREVIATIONS: &[&str] = &[
    "GS", "PGS", "TS", "ThS", "BS", "KS", "CN", "NXB", "Nxb", "NSƯT", "NSND", "Mr", "Mrs", "Ms",
    "Dr", "Prof", "St", "Mt", "Jr", "Sr", "Gen", "Lt", "Col", "Gov", "Th", "Tp", "TP", "Q", "P",
    "Ts", "tr", "Tr", "TT", "Đ/c",
];

/// Whether the period at `k` belongs to the token before it: a listed abbreviation, or a
/// single capital initial inside a name (`George W. Bush`, `John F. Kennedy`).
fn abbreviation_period(text: &str, tokens: &[Token], k: usize) -> bool {
    if k == 0 || tokens[k].span.slice(text) != "." {
        return false;
    }
    let prev = &tokens[k - 1];
    if prev.span.end != tokens[k].span.start {
        return false;
    }
    let p = prev.span.slice(text);
    // A list marker at the start of a line: `1. Quan hệ chính trị`, `II. Kết quả`, `a. …`.
    let line_start =
        k == 1 || line_breaks(&text.as_bytes()[tokens[k - 2].span.end..prev.span.start]) > 0;
    let marker = match prev.kind {
        TokenKind::Number => p.len() <= 2,
        _ => p.len() == 1 || p.len() <= 4 && p.bytes().all(|c| matches!(c, b'I' | b'V' | b'X')),
    };
    if line_start && marker && tokens.get(k + 1).is_some() {
        return true;
    }
    // `PGS.TS`: the last dotted piece decides.
    let last = p.rsplit('.').next().unwrap_or(p);
    if ABBREVIATIONS.contains(&last) {
        return true;
    }
    let initial = p.len() == 1 && p.as_bytes()[0].is_ascii_uppercase();
    // `V.League`, `E.ON`: a capital letter and a period glued to the next word.
    if initial
        && tokens
            .get(k + 1)
            .is_some_and(|t| t.span.start == tokens[k].span.end)
    {
        return true;
    }
    let name_before = k >= 2
        && tokens[k - 2].kind == TokenKind::Foreign
        && tokens[k - 2].span.end < prev.span.start;
    let name_after = tokens.get(k + 1).is_some_and(|t| {
        t.kind == TokenKind::Foreign && t.span.slice(text).starts_with(|c: char| c.is_uppercase())
    });
    // A run of initials opens the name it is glued to by the press (`A.K. Abdul Momen`,
    // `J.R.R. Tolkien`): a foreign name follows, nothing needs to come before.
    let initials = p.len() >= 3
        && p.split('.')
            .all(|q| q.len() == 1 && q.as_bytes()[0].is_ascii_uppercase());
    (initial && name_before || initials) && name_after
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize;

    fn split(text: &str) -> Vec<&str> {
        let toks = tokenize(text);
        sentences(text, &toks)
            .iter()
            .map(|s| s.span.slice(text))
            .collect()
    }

    #[test]
    fn plain_and_glued_sentences() {
        assert_eq!(
            split("Hai bên nhất trí tăng cường hợp tác. Thủ tướng cảm ơn Tổng thống."),
            vec![
                "Hai bên nhất trí tăng cường hợp tác.",
                "Thủ tướng cảm ơn Tổng thống."
            ]
        );
        assert_eq!(
            split("lựa chọn chiến lược của Việt Nam.Chủ tịch Tập Cận Bình nói rằng"),
            vec![
                "lựa chọn chiến lược của Việt Nam.",
                "Chủ tịch Tập Cận Bình nói rằng"
            ]
        );
    }

    #[test]
    fn abbreviations_and_numbers_do_not_split() {
        assert_eq!(
            split("Ông đến TP.HCM và Washington, D.C. Hôm sau ông về.").len(),
            2
        );
        assert_eq!(
            split("Kim ngạch đạt 28.000 tỷ đồng, tăng 2.5 lần.").len(),
            1
        );
        assert_eq!(split("GS. Nguyễn Văn An phát biểu tại hội thảo.").len(), 1);
    }

    #[test]
    fn quotes_ellipses_titles_and_captions() {
        assert_eq!(
            split("Ông nói: “Chúng tôi sẵn sàng.” Sau đó hai bên ký kết."),
            vec!["Ông nói: “Chúng tôi sẵn sàng.”", "Sau đó hai bên ký kết."]
        );
        assert_eq!(
            split("Còn nhiều việc phải làm... nhưng hai bên tin tưởng.").len(),
            1
        );
        assert_eq!(
            split("Thủ tướng hội đàm với Thủ tướng Nhật Bản\nHai bên nhất trí.\nThủ tướng tại lễ đón. Ảnh: VGP\nTin tiếp theo."),
            vec!["Thủ tướng hội đàm với Thủ tướng Nhật Bản", "Hai bên nhất trí.", "Thủ tướng tại lễ đón.", "Ảnh: VGP", "Tin tiếp theo."]
        );
    }

    #[test]
    fn credits_hard_wraps_titles_and_initials() {
        assert_eq!(
            split("Chủ tịch nước Lương Cường gặp Tổng thống Mỹ Donald Trump tại Hàn Quốc Ảnh: TTXVN\nHai bên nhất trí."),
            vec![
                "Chủ tịch nước Lương Cường gặp Tổng thống Mỹ Donald Trump tại Hàn Quốc",
                "Ảnh: TTXVN",
                "Hai bên nhất trí."
            ]
        );
        assert_eq!(
            split("Ảnh: Tổng thống Hàn Quốc phát biểu tại lễ khai mạc hội nghị thượng đỉnh APEC năm nay.").len(),
            1,
            "a long sentence after Ảnh: is no credit"
        );
        assert_eq!(
            split("Thủ tướng Phạm Minh Chính đã có cuộc tiếp xúc ngắn\nvới Tổng thống Hoa Kỳ Donald Trump.\nHai bên nhất trí."),
            vec![
                "Thủ tướng Phạm Minh Chính đã có cuộc tiếp xúc ngắn\nvới Tổng thống Hoa Kỳ Donald Trump.",
                "Hai bên nhất trí."
            ]
        );
        assert_eq!(
            split("PGS.TS. Nguyễn Văn An và Tổng thống George W. Bush gặp nhau. Hai bên nhất trí.")
                .len(),
            2
        );
        assert_eq!(
            split("Ngoại trưởng Bangladesh A.K. Abdul Momen hội đàm với Bộ trưởng Bùi Thanh Sơn. Hai bên nhất trí."),
            vec![
                "Ngoại trưởng Bangladesh A.K. Abdul Momen hội đàm với Bộ trưởng Bùi Thanh Sơn.",
                "Hai bên nhất trí."
            ]
        );
        assert_eq!(
            split("Phái đoàn đã tới U.S. Hai bên nhất trí.").len(),
            2,
            "initials before a Vietnamese word still end a sentence"
        );
        assert_eq!(
            split("Hai bên ký kết 12 văn kiện.\r\nTối cùng ngày, Chủ tịch nước chủ trì tiệc chiêu đãi.").len(),
            2
        );
        assert_eq!(
            split("Đội bóng thi đấu tại giải V.League từ năm 2020.").len(),
            1
        );
        assert_eq!(
            split("Kết quả chính:\n1. Nâng cấp quan hệ.\n2. Ký 12 văn kiện.\nII. Triển vọng"),
            vec![
                "Kết quả chính:",
                "1. Nâng cấp quan hệ.",
                "2. Ký 12 văn kiện.",
                "II. Triển vọng"
            ]
        );
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use crate::tokenize;
    use proptest::prelude::*;

    proptest! {
        /// Sentences are in order, do not overlap, take every token exactly once, and their
        /// spans are those of their first and last tokens.
        #[test]
        fn sentences_tile_the_tokens(text in "([A-ZĐa-zđàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹ]{1,6}|[ \n.!?…“”\"():,0-9-]|\\.\\.\\.|Ảnh: TTXVN|TP\\.HCM|U\\.S\\.|GS\\.){0,40}") {
            let toks = tokenize(&text);
            let sents = sentences(&text, &toks);
            let mut next = 0;
            for s in &sents {
                prop_assert_eq!(s.tokens.0, next);
                prop_assert!(s.tokens.1 > s.tokens.0);
                prop_assert_eq!(s.span.start, toks[s.tokens.0].span.start);
                prop_assert_eq!(s.span.end, toks[s.tokens.1 - 1].span.end);
                next = s.tokens.1;
            }
            prop_assert_eq!(next, toks.len());
        }

        #[test]
        fn sentences_never_panic_on_any_text(text in any::<String>()) {
            let toks = tokenize(&text);
            let sents = sentences(&text, &toks);
            prop_assert_eq!(sents.last().map_or(0, |s| s.tokens.1), toks.len());
        }
    }
}
