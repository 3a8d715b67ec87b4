//! Sentence splitting over the token layer.
//!
//! A sentence ends at `.`, `!`, `?`, `…` (with the closing quotes and brackets glued after
//! it) when what follows starts a new sentence: a capital, an opening quote or bracket, a
//! digit, or the end of the text — also when the next sentence is glued on without a space
//! (`Việt Nam.Chủ tịch`). A line break always ends one: titles without final punctuation,
//! photo captions and credits (`Ảnh: TTXVN`) stand alone. Periods of abbreviations
//! (`TP.HCM`, `U.S.`, `GS.`) do not end a sentence.

use sen_core::layers::{Sentence, Token, TokenKind};
use sen_core::Span;

/// Sentences of `text`, given its tokens.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut k = 0;
    let slice = |t: &Token| t.span.slice(text);
    while k < tokens.len() {
        if k > start && has_newline(text, tokens[k - 1].span.end, tokens[k].span.start) {
            push(&mut out, tokens, start, k);
            start = k;
        }
        let t = &tokens[k];
        if t.kind == TokenKind::Punct
            && is_terminal(slice(t))
            && !after_title_abbreviation(text, tokens, k)
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
                        || has_newline(text, tokens[end - 1].span.end, next.span.start)
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

fn has_newline(text: &str, a: usize, b: usize) -> bool {
    text.as_bytes()[a..b]
        .iter()
        .any(|&c| c == b'\n' || c == b'\r')
        || text[a..b].contains(['\u{2028}', '\u{2029}'])
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

/// `GS. Nguyễn`, `TS. Lê`, `Mr. Smith`: a title abbreviation's period, not a sentence end.
fn after_title_abbreviation(text: &str, tokens: &[Token], k: usize) -> bool {
    if text[tokens[k].span.start..].starts_with("..") || k == 0 {
        return false;
    }
    let prev = &tokens[k - 1];
    if prev.span.end != tokens[k].span.start {
        return false;
    }
    matches!(
        prev.span.slice(text),
        "GS" | "PGS"
            | "TS"
            | "ThS"
            | "BS"
            | "KS"
            | "NXB"
            | "Mr"
            | "Mrs"
            | "Ms"
            | "Dr"
            | "St"
            | "Th"
            | "Tp"
            | "TP"
            | "Q"
            | "P"
            | "Ts"
    )
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
}
