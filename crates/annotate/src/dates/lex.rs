//! A small lexer for the date and quantity grammars: letter runs, digit runs and single
//! punctuation characters, each with a flag for the whitespace before it.
//!
//! The grammars need finer pieces than the shared token layer (`29/10-1/11` is one
//! `DateLike` token there, `11,8%` may be one number), and whether two pieces touch
//! (`29/10` vs `29 / 10`, `G20` vs `G 20`). One linear pass over the bytes gives both,
//! without regexes or per-token allocation.

use std::cell::RefCell;

use crate::fold::{char_at, lower_fast};

/// What a piece is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A run of letters (and combining marks).
    Word,
    /// A run of ASCII digits.
    Num,
    /// One character that is neither a letter, a digit nor whitespace.
    Punct(char),
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Whitespace separates this piece from the previous one.
    pub space_before: bool,
    /// That whitespace holds a line break (or this is the first piece).
    pub newline_before: bool,
}

pub(crate) fn lex(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut toks = Vec::with_capacity(text.len() / 4);
    let mut i = 0;
    let mut space = true;
    let mut newline = true;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_whitespace() {
                space = true;
                newline |= b == b'\n' || b == b'\r';
                i += 1;
                continue;
            }
            let start = i;
            let kind = if b.is_ascii_digit() {
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                Kind::Num
            } else if b.is_ascii_alphabetic() {
                i = word_end(text, i);
                Kind::Word
            } else {
                i += 1;
                Kind::Punct(b as char)
            };
            toks.push(Tok {
                start,
                end: i,
                kind,
                space_before: space,
                newline_before: newline,
            });
            space = false;
            newline = false;
            continue;
        }
        // Non-ASCII: decode one char (i is always on a char boundary here).
        let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
        let start = i;
        if c.is_whitespace() {
            space = true;
            newline |= c == '\u{2028}' || c == '\u{2029}' || c == '\u{85}';
            i += c.len_utf8();
            continue;
        }
        let kind = if is_letter(c) {
            i = word_end(text, i);
            Kind::Word
        } else {
            i += c.len_utf8();
            Kind::Punct(c)
        };
        toks.push(Tok {
            start,
            end: i,
            kind,
            space_before: space,
            newline_before: newline,
        });
        space = false;
        newline = false;
    }
    toks
}

fn is_letter(c: char) -> bool {
    // Vietnamese letters first: Latin-1, Latin Extended-A/B and Extended Additional
    // (the general lookup is slow and this runs on every non-ASCII letter).
    match c as u32 {
        0xC0..=0x24F => c != '×' && c != '÷',
        0x1E00..=0x1EFF => true,
        // General Punctuation (dashes, quotes, ellipsis …): neither
        0x2000..=0x206F => false,
        _ => c.is_alphabetic() || is_combining_mark(c),
    }
}

/// Tone and vowel marks of decomposed text stay inside the word.
fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF)
}

fn word_end(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            break;
        }
        // Vietnamese letters and combining marks by their first bytes (what `is_letter`
        // accepts wholesale), anything else decoded
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        let w = match b {
            0xc3 if next != 0x97 && next != 0xb7 => 2,
            0xc4..=0xc8 | 0xcc => 2,
            0xc9 if next < 0x90 => 2,
            0xcd if next < 0xb0 => 2,
            0xe1 if (0xb8..=0xbb).contains(&next) => 3,
            _ => {
                let (c, w) = char_at(text, i);
                if !is_letter(c) {
                    break;
                }
                w
            }
        };
        i += w;
    }
    i
}

/// Case-insensitive comparison of a word with a lowercase keyword. Vietnamese letters
/// have upper and lower forms of the same UTF-8 length, so the length test is a cheap
/// first filter.
pub(crate) fn eq_fold(word: &str, lower_kw: &str) -> bool {
    if word.len() != lower_kw.len() {
        return false;
    }
    if word == lower_kw {
        return true;
    }
    if word.is_ascii() {
        return word.eq_ignore_ascii_case(lower_kw);
    }
    let mut a = word.chars();
    let mut b = lower_kw.chars();
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) => {
                if x != y && lower_fast(x).or_else(|| x.to_lowercase().next()) != Some(y) {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// `word` lowercased into `buf` when it is short enough (keywords are short words).
pub(crate) fn lower_small<'b>(word: &str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    if word.len() > buf.len() {
        return None;
    }
    let mut n = 0;
    for c in word.chars() {
        let l = lower_fast(c).unwrap_or_else(|| c.to_lowercase().next().unwrap_or(c));
        if n + l.len_utf8() > buf.len() {
            return None;
        }
        n += l.encode_utf8(&mut buf[n..]).len();
    }
    std::str::from_utf8(&buf[..n]).ok()
}

/// A view of the pieces of one text with the helpers both grammars use.
pub(crate) struct Lexed<'t> {
    pub text: &'t str,
    pub toks: Vec<Tok>,
}

thread_local! {
    /// The pieces of the last document text lexed whole on this thread, with that text:
    /// `dates` and then `quantities` read the same document, and lexing it was a third
    /// of each stage's time. At most one document is kept per thread.
    static KEPT: RefCell<(String, Vec<Tok>)> = const { RefCell::new((String::new(), Vec::new())) };
}

impl<'t> Lexed<'t> {
    pub fn new(text: &'t str) -> Self {
        Lexed {
            text,
            toks: lex(text),
        }
    }

    /// The pieces of a whole document's text: those [`Lexed::keep`] left on this thread
    /// for the same bytes, else lexed now.
    pub fn of_document(text: &'t str) -> Self {
        let kept = KEPT.with(|k| {
            let mut k = k.borrow_mut();
            if k.0 != text || text.is_empty() {
                return None;
            }
            // taken once: whoever asks next lexes again
            k.0.clear();
            Some(std::mem::take(&mut k.1))
        });
        match kept {
            Some(toks) => Lexed { text, toks },
            None => Lexed::new(text),
        }
    }

    /// Leave the pieces for the next stage that reads the same document on this thread.
    pub fn keep(self) {
        KEPT.with(|k| {
            let mut k = k.borrow_mut();
            k.0.clear();
            k.0.push_str(self.text);
            k.1 = self.toks;
        });
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn str(&self, i: usize) -> &'t str {
        let t = &self.toks[i];
        &self.text[t.start..t.end]
    }

    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// Piece `i` is a word equal to `kw` (lowercase) ignoring case.
    pub fn is_word(&self, i: usize, kw: &str) -> bool {
        self.kind(i) == Some(Kind::Word) && eq_fold(self.str(i), kw)
    }

    /// Piece `i` is a word among `kws`.
    pub fn is_any(&self, i: usize, kws: &[&str]) -> bool {
        self.kind(i) == Some(Kind::Word) && kws.iter().any(|k| eq_fold(self.str(i), k))
    }

    pub fn is_punct(&self, i: usize, c: char) -> bool {
        self.kind(i) == Some(Kind::Punct(c))
    }

    pub fn is_num(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Num)
    }

    /// Piece `i` touches the previous piece (no whitespace between them).
    pub fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space_before)
    }

    /// The value of a digit run of at most `max_digits` digits.
    pub fn num(&self, i: usize, max_digits: usize) -> Option<u32> {
        if !self.is_num(i) {
            return None;
        }
        let s = self.str(i);
        if s.len() > max_digits {
            return None;
        }
        s.parse().ok()
    }

    pub fn digits(&self, i: usize) -> usize {
        if self.is_num(i) {
            self.toks[i].end - self.toks[i].start
        } else {
            0
        }
    }

    /// The word starts with an uppercase letter.
    pub fn capitalized(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Word)
            && self.str(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Piece `i` begins a sentence or a line: nothing before it but a line break or a
    /// sentence-final mark (a glued `.Chủ` counts: the source often misses the space).
    pub fn starts_sentence(&self, i: usize) -> bool {
        if i == 0 || self.toks[i].newline_before {
            return true;
        }
        let mut j = i;
        // Skip opening quotes and brackets.
        while j > 0
            && matches!(
                self.toks[j - 1].kind,
                Kind::Punct('"' | '“' | '(' | '‘' | '\'' | '[')
            )
        {
            j -= 1;
            if j == 0 || self.toks[j].newline_before {
                return true;
            }
        }
        j > 0
            && matches!(
                self.toks[j - 1].kind,
                Kind::Punct('.' | '!' | '?' | '…' | ':')
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn eq_fold_is_equality_of_lower_case(
            a in "[a-zA-Z\\u{c0}-\\u{1b5}\\u{1ea0}-\\u{1ef9}]{0,5}",
            b in "[a-zA-Z\\u{c0}-\\u{1b5}\\u{1ea0}-\\u{1ef9}]{0,5}",
        ) {
            let lower = |s: &str| -> String { s.chars().flat_map(char::to_lowercase).collect() };
            let (la, lb) = (lower(&a), lower(&b));
            if la.len() == a.len() {
                prop_assert!(eq_fold(&a, &la));
            }
            if lb.len() == b.len() && la.len() == a.len() {
                prop_assert_eq!(eq_fold(&a, &lb), la == lb);
            }
        }
    }

    fn spans(lx: &Lexed) -> Vec<(usize, usize, Kind, bool)> {
        lx.toks
            .iter()
            .map(|t| (t.start, t.end, t.kind, t.space_before))
            .collect()
    }

    #[test]
    fn kept_pieces_are_taken_only_for_the_same_text() {
        let a = "Sáng 12/3, hai bên ký 5 thỏa thuận trị giá 3,5 tỷ USD.";
        let b = "Chiều 12/3, hai bên ký 5 thỏa thuận trị giá 3,5 tỷ USD.";
        let fresh = |t| spans(&Lexed::new(t));
        Lexed::new(a).keep();
        // another text (of another length) is lexed anew, the kept one is not used
        assert_eq!(spans(&Lexed::of_document(b)), fresh(b));
        Lexed::new(a).keep();
        let taken = Lexed::of_document(a);
        assert_eq!(spans(&taken), fresh(a));
        // taken once: the next reader lexes again
        assert_eq!(spans(&Lexed::of_document(a)), fresh(a));
        taken.keep();
        let same_len = "SÁNG 12/3, HAI BÊN KÝ 5 THỎA THUẬN TRỊ GIÁ 3,5 TỶ USD.";
        assert_eq!(same_len.len(), a.len());
        assert_eq!(spans(&Lexed::of_document(same_len)), fresh(same_len));
    }

    #[test]
    fn the_letter_test_is_unicode_on_every_char() {
        for u in 0..=0x10ffffu32 {
            let Some(c) = char::from_u32(u) else { continue };
            assert_eq!(
                is_letter(c),
                c.is_alphabetic() || is_combining_mark(c),
                "U+{u:04X}"
            );
        }
    }

    #[test]
    fn a_word_ends_where_the_letter_test_says_on_every_char() {
        for u in 0x80..=0x10ffffu32 {
            let Some(c) = char::from_u32(u) else { continue };
            let s = format!("a{c}");
            let want = if is_letter(c) { s.len() } else { 1 };
            assert_eq!(word_end(&s, 0), want, "U+{u:04X}");
        }
    }

    fn kinds(text: &str) -> Vec<(String, Kind, bool)> {
        lex(text)
            .into_iter()
            .map(|t| (text[t.start..t.end].to_string(), t.kind, t.space_before))
            .collect()
    }

    #[test]
    fn splits_digits_letters_and_marks() {
        let k = kinds("Ngày 29/10-1/11, G20 đạt 11,8%.");
        let strs: Vec<_> = k.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            strs,
            [
                "Ngày", "29", "/", "10", "-", "1", "/", "11", ",", "G", "20", "đạt", "11", ",",
                "8", "%", "."
            ]
        );
        assert_eq!(k[1].1, Kind::Num);
        assert!(k[1].2, "space before 29");
        assert!(!k[2].2, "slash glued");
        assert!(!k[10].2, "G20 glued");
    }

    #[test]
    fn fold_compares_vietnamese_case() {
        assert!(eq_fold("Ngày", "ngày"));
        assert!(eq_fold("NGÀY", "ngày"));
        assert!(eq_fold("Đêm", "đêm"));
        assert!(!eq_fold("ngay", "ngày"));
    }

    #[test]
    fn decomposed_marks_stay_in_the_word() {
        let text = "nga\u{300}y 5";
        let k = kinds(text);
        assert_eq!(k[0].0, "nga\u{300}y");
        assert_eq!(k.len(), 2);
    }
}
