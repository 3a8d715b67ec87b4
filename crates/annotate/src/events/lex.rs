//! A light word scanner for the event and place rules: syllables and names with their byte
//! spans, a case-folded copy that keeps byte offsets, and punctuation as separate tokens.
//! It needs no other layer, so the rules also work on a bare sentence in tests.

use sen_core::Span;

use crate::fold::{char_at, is_upper, lower_fast};

/// One token of a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tok {
    pub span: Span,
    /// Letters or digits (a syllable, a name, a number); otherwise one punctuation mark.
    pub word: bool,
    /// First letter upper case (`Hội`, `APEC`, `Jae-myung`).
    pub cap: bool,
    /// Digits only (`2024`, `47`).
    pub number: bool,
}

/// Lower case with the same byte length, so offsets into the folded copy are offsets into
/// the original (Vietnamese letters keep their length; others that would not are kept).
pub fn fold_same_len(s: &str) -> String {
    fold_same_len_exact(s).0
}

/// [`fold_same_len`], and whether every character was lowered (none kept because its
/// lower case has another length): then any slice of it on character boundaries is that
/// slice lowered as [`crate::fold::push_lower`] lowers it.
pub fn fold_same_len_exact(s: &str) -> (String, bool) {
    let mut exact = true;
    // A copy changed in place: ASCII bytes directly, other letters re-encoded only when
    // their lower case differs (it has the same length).
    let mut out = s.as_bytes().to_vec();
    // ASCII in bulk (other bytes are left alone), then the other letters one by one
    out.make_ascii_lowercase();
    let mut i = 0;
    while i < out.len() {
        let b = out[i];
        if b < 0x80 {
            match out[i..].iter().position(|&b| b >= 0x80) {
                Some(n) => i += n,
                None => break,
            }
            continue;
        }
        // Vietnamese letters by their bytes: À–Þ (not ×) are 0x20 after their small
        // letters; the toned letters U+1EA0–U+1EF9 are capital even, small odd.
        let next = out.get(i + 1).copied().unwrap_or(0);
        if b == 0xc3 {
            if (0x80..=0x9e).contains(&next) && next != 0x97 {
                out[i + 1] = next + 0x20;
            }
            i += 2;
            continue;
        }
        if b == 0xe1 && (next == 0xba || next == 0xbb) {
            let u = 0x1e80 + ((next as u32 - 0xba) << 6) + (out[i + 2] as u32 & 0x3f);
            if (0x1ea0..=0x1ef9).contains(&u) {
                out[i + 2] |= 1;
                i += 3;
                continue;
            }
        }
        // Ă Đ Ĩ Ũ Ơ Ư (their small letters follow them) and those small letters
        match (b, next) {
            (0xc4, 0x82 | 0x90 | 0xa8) | (0xc5, 0xa8) | (0xc6, 0xa0) => {
                out[i + 1] = next + 1;
                i += 2;
                continue;
            }
            (0xc6, 0xaf) => {
                out[i + 1] = 0xb0;
                i += 2;
                continue;
            }
            (0xc4, 0x83 | 0x91 | 0xa9) | (0xc5, 0xa9) | (0xc6, 0xa1 | 0xb0) => {
                i += 2;
                continue;
            }
            _ => {}
        }
        let (c, w) = char_at(s, i);
        let l = lower_fast(c).unwrap_or_else(|| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(x), None) if x.len_utf8() == w => x,
                _ => {
                    exact = false;
                    c
                }
            }
        });
        if l != c {
            l.encode_utf8(&mut out[i..i + w]);
        }
        i += w;
    }
    // SAFETY: `out` is `s` with whole characters replaced by characters of the same
    // UTF-8 length, so it is valid UTF-8.
    (unsafe { String::from_utf8_unchecked(out) }, exact)
}

/// One character as [`fold_same_len`] folds it: its lower case when that is one character
/// of the same UTF-8 length, else itself.
#[inline]
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    lower_fast(c).unwrap_or_else(|| {
        let mut l = c.to_lowercase();
        match (l.next(), l.next()) {
            (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
            _ => c,
        }
    })
}

/// The length of the character at byte `i` when it is a word character of the Latin
/// ranges [`is_word_char`] accepts wholesale (Latin-1 letters, Latin Extended-A/B,
/// combining marks, Latin Extended Additional), read from its first bytes; `None` for
/// anything else, which is decoded.
#[inline]
fn vietnamese_letter_len(b: &[u8], i: usize) -> Option<usize> {
    let next = *b.get(i + 1)?;
    match b[i] {
        // U+00C0–U+00FF except × and ÷
        0xc3 if next != 0x97 && next != 0xb7 => Some(2),
        // U+0100–U+023F, U+0240–U+024F
        0xc4..=0xc8 => Some(2),
        0xc9 if next < 0x90 => Some(2),
        // U+0300–U+036F
        0xcc => Some(2),
        0xcd if next < 0xb0 => Some(2),
        // U+1E00–U+1EFF
        0xe1 if (0xb8..=0xbb).contains(&next) => Some(3),
        _ => None,
    }
}

fn is_word_char(c: char) -> bool {
    let u = c as u32;
    match u {
        0..=0x7f => c.is_ascii_alphanumeric(),
        0xc0..=0x24f => u != 0xd7 && u != 0xf7,
        0x300..=0x36f | 0x1e00..=0x1eff => true,
        // General Punctuation (dashes, quotes, ellipsis …): no letter or digit
        0x2000..=0x206f => false,
        _ => c.is_alphanumeric(),
    }
}

/// The tokens of `text[span]`, spans absolute.
pub fn tokens(text: &str, span: Span) -> Vec<Tok> {
    let s = &text[span.start..span.end];
    let b = s.as_bytes();
    let at = |i: usize| char_at(s, i);
    let mut out = Vec::with_capacity(s.len() / 4);
    let mut i = 0;
    while i < b.len() {
        // ASCII spaces and letters without decoding
        let b0 = b[i];
        if matches!(b0, b' ' | b'\t'..=b'\r') {
            i += 1;
            continue;
        }
        if b0.is_ascii_alphanumeric() {
            // an ASCII letter or digit starts a word: its letters read by their bytes
            let (end, number) = word_end(s, b, i + 1, b0.is_ascii_digit());
            out.push(Tok {
                span: Span::new(span.start + i, span.start + end),
                word: true,
                cap: b0.is_ascii_uppercase(),
                number,
            });
            i = end;
            continue;
        }
        let (c, w) = at(i);
        if b0 >= 0x80 && c.is_whitespace() {
            i += w;
            continue;
        }
        if is_word_char(c) {
            let (end, number) = word_end(s, b, i + w, c.is_ascii_digit());
            out.push(Tok {
                span: Span::new(span.start + i, span.start + end),
                word: true,
                cap: is_upper(c),
                number,
            });
            i = end;
        } else {
            out.push(Tok {
                span: Span::new(span.start + i, span.start + i + w),
                word: false,
                cap: false,
                number: false,
            });
            i += w;
        }
    }
    out
}

/// A word of `s` (`b`: its bytes) read on from byte `end`, after its first character: where
/// it ends, and whether it is digits only (`number`: whether it is so far).
#[inline]
fn word_end(s: &str, b: &[u8], mut end: usize, mut number: bool) -> (usize, bool) {
    let at = |i: usize| char_at(s, i);
    while end < b.len() {
        let e = b[end];
        if e.is_ascii_alphanumeric() {
            number &= e.is_ascii_digit();
            end += 1;
            continue;
        }
        // a space or an ASCII mark (most words end so): nothing to decode
        if e < 0x80 && e != b'-' && e != b'.' {
            break;
        }
        if let Some(dw) = vietnamese_letter_len(b, end) {
            number = false;
            end += dw;
            continue;
        }
        let (d, dw) = at(end);
        if is_word_char(d) {
            number &= d.is_ascii_digit();
            end += dw;
            continue;
        }
        // Inner hyphen or dot joined to letters on both sides: `Jae-myung`, `D.C`.
        if (d == '-' || d == '.') && !number {
            let rest = &s[end + 1..];
            if rest.chars().next().is_some_and(|n| n.is_alphabetic()) {
                end += 1;
                continue;
            }
        }
        break;
    }
    (end, number)
}

/// Does `folded` (a folded text) hold `phrase` at byte `at`, on word boundaries?
pub fn phrase_at(folded: &str, at: usize, phrase: &str) -> bool {
    folded.get(at..).is_some_and(|r| r.starts_with(phrase))
        && boundary_before(folded, at)
        && boundary_after(folded, at + phrase.len())
}

pub fn boundary_before(s: &str, at: usize) -> bool {
    s[..at].chars().next_back().is_none_or(|c| !is_word_char(c))
}

pub fn boundary_after(s: &str, at: usize) -> bool {
    s.get(at..)
        .and_then(|r| r.chars().next())
        .is_none_or(|c| !is_word_char(c))
}

/// Every word-bounded occurrence of `phrase` in `folded`, as byte offsets.
pub fn find_all(folded: &str, phrase: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let (hay, pat) = (folded.as_bytes(), phrase.as_bytes());
    let Some(&first) = pat.first() else {
        return out;
    };
    // The leftmost match from `from`, found by its first byte (the phrases are short; a
    // match of a UTF-8 string starts on a character boundary).
    let next = |from: usize| {
        let mut i = from;
        while i + pat.len() <= hay.len() {
            if hay[i] == first && hay[i..].starts_with(pat) {
                return Some(i);
            }
            i += 1;
        }
        None
    };
    let mut from = 0;
    while let Some(at) = next(from) {
        if boundary_before(folded, at) && boundary_after(folded, at + phrase.len()) {
            out.push(at);
        }
        from = at + phrase.len().max(1);
        while !folded.is_char_boundary(from) {
            from += 1;
        }
    }
    out
}

/// A few words of a sentence ([`words_before`], [`words_after`]): held in place, not on
/// the heap (the rules ask for them around every trigger), read as a slice.
#[derive(Clone, Copy, Debug)]
pub struct Words<'a> {
    buf: [&'a str; Words::CAP],
    len: usize,
}

impl<'a> Words<'a> {
    /// The most words a rule asks for.
    pub const CAP: usize = 16;

    fn new(n: usize) -> Self {
        assert!(
            (1..=Self::CAP).contains(&n),
            "ask for 1 to {} words",
            Self::CAP
        );
        Words {
            buf: [""; Self::CAP],
            len: 0,
        }
    }

    fn push(&mut self, w: &'a str) {
        self.buf[self.len] = w;
        self.len += 1;
    }
}

impl<'a> std::ops::Deref for Words<'a> {
    type Target = [&'a str];

    fn deref(&self) -> &[&'a str] {
        &self.buf[..self.len]
    }
}

impl<'a> std::ops::DerefMut for Words<'a> {
    fn deref_mut(&mut self) -> &mut [&'a str] {
        &mut self.buf[..self.len]
    }
}

/// The words (folded) just before byte `at`, nearest last, at most `n`, not crossing
/// punctuation.
pub fn words_before(folded: &str, at: usize, n: usize) -> Words<'_> {
    let mut out = Words::new(n);
    let head = &folded[..at];
    let mut end = head.len();
    for (i, c) in head.char_indices().rev() {
        if is_word_char(c) {
            continue;
        }
        if i + c.len_utf8() < end {
            out.push(&head[i + c.len_utf8()..end]);
            if out.len() == n {
                break;
            }
        }
        if !c.is_whitespace() {
            out.reverse();
            return out;
        }
        end = i;
    }
    if out.len() < n && end > 0 && head[..end].chars().all(is_word_char) {
        out.push(&head[..end]);
    }
    out.reverse();
    out
}

/// The one word just before byte `at` (spaces between, no punctuation), without
/// allocating: [`words_before`] with `n = 1` on a hot path.
pub fn word_before(text: &str, at: usize) -> Option<&str> {
    let head = text[..at].trim_end_matches(' ');
    if head.len() == at && at > 0 {
        return None; // glued to the word before: not a word of its own
    }
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    if start == head.len() {
        return None;
    }
    // a mark right before the word ends the phrase, as in `words_before`
    Some(&head[start..])
}

/// The words (folded) just after byte `at`, at most `n`, not crossing punctuation.
pub fn words_after(folded: &str, at: usize, n: usize) -> Words<'_> {
    let mut out = Words::new(n);
    let tail = &folded[at..];
    let mut start = None;
    for (i, c) in tail.char_indices() {
        if is_word_char(c) {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push(&tail[s..i]);
            if out.len() == n {
                return out;
            }
        }
        if !c.is_whitespace() {
            return out;
        }
    }
    if let Some(s) = start {
        if out.len() < n {
            out.push(&tail[s..]);
        }
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_word_before_a_position() {
        let t = "Sau hội đàm, hai Chủ tịch Quốc hội ký";
        let at = t.find("Chủ tịch").unwrap();
        assert_eq!(word_before(t, at), Some("hai"));
        let at = t.find("hai").unwrap();
        assert_eq!(word_before(t, at), None); // a comma before it
        assert_eq!(word_before(t, 0), None);
        assert_eq!(word_before("Chủ tịch", 2), None); // inside a word
    }
    use super::*;

    #[test]
    fn tokens_keep_names_and_offsets() {
        let t = "Tổng thống Lee Jae-myung, ở Washington, D.C (Hoa Kỳ) ngày 12-16/11.";
        let toks = tokens(t, Span::new(0, t.len()));
        let words: Vec<&str> = toks.iter().map(|k| k.span.slice(t)).collect();
        assert!(words.contains(&"Jae-myung"));
        assert!(words.contains(&"D.C"));
        assert!(words.contains(&"("));
        assert!(toks.iter().find(|k| k.span.slice(t) == "Tổng").unwrap().cap);
        assert!(
            toks.iter()
                .find(|k| k.span.slice(t) == "12")
                .unwrap()
                .number
        );
    }

    #[test]
    fn folding_keeps_byte_offsets() {
        for s in ["Đà Nẵng HỘI ĐÀM", "Tổng Bí thư", "İstanbul", "ƠƯĂÂÊÔ ỲÝỶỸỴ"]
        {
            assert_eq!(fold_same_len(s).len(), s.len());
            // the fast path agrees with Unicode's lower case
            let slow: String = s
                .chars()
                .map(|c| {
                    let l: Vec<char> = c.to_lowercase().collect();
                    if l.len() == 1 && l[0].len_utf8() == c.len_utf8() {
                        l[0]
                    } else {
                        c
                    }
                })
                .collect();
            assert_eq!(fold_same_len(s), slow);
        }
        assert_eq!(fold_same_len("HỘI ĐÀM"), "hội đàm");
    }

    #[test]
    fn phrases_on_word_boundaries() {
        let f = fold_same_len("Hai bên tiếp tục hội đàm, rồi tiếp Đại sứ.");
        assert_eq!(find_all(&f, "tiếp").len(), 2);
        assert_eq!(
            *words_before(&f, f.find("hội").unwrap(), 2),
            ["tiếp", "tục"]
        );
        assert_eq!(
            *words_after(&f, f.find("rồi").unwrap(), 5),
            ["rồi", "tiếp", "đại", "sứ"]
        );
    }
}

/// Sentence spans of a text without a sentence layer: a line break ends a sentence, and so
/// does `.`, `!` or `?` before a capital letter (glued or after a space). A one-letter or
/// dotted abbreviation (`D.C.`, `TP.`) does not.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let push = |a: usize, b: usize, out: &mut Vec<Span>| {
        let s = &text[a..b];
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if a + lead < b - trail {
            out.push(Span::new(a + lead, b - trail));
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            push(start, i, &mut out);
            start = i + 1;
        } else if matches!(b, b'.' | b'!' | b'?') {
            let rest = &text[i + 1..];
            let next = rest.trim_start_matches([' ', '\t']);
            let glued = rest.len() == next.len();
            let starts_upper = next
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '“' || c == '"' || c == '(');
            // the word before the mark: a single letter or a dotted abbreviation stays
            let before = text[start..i]
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("");
            let abbrev = before.chars().count() <= 1 && before.chars().all(char::is_uppercase)
                || before.contains('.')
                || before == "TP";
            if starts_upper && !abbrev && (!glued || before.chars().count() > 2) {
                push(start, i + 1, &mut out);
                start = i + 1;
            }
        }
        i += 1;
    }
    push(start, text.len(), &mut out);
    out
}

#[cfg(test)]
mod sentence_tests {
    use super::*;

    #[test]
    fn splits_lines_and_glued_periods_not_abbreviations() {
        let t = "Tiêu đề\nA gặp B tại Washington, D.C. Hai bên nhất trí.Chủ tịch nói rằng ổn. Ảnh: TTXVN";
        let s: Vec<&str> = sentences(t).iter().map(|s| s.slice(t)).collect();
        assert_eq!(
            s,
            vec![
                "Tiêu đề",
                "A gặp B tại Washington, D.C. Hai bên nhất trí.",
                "Chủ tịch nói rằng ổn.",
                "Ảnh: TTXVN"
            ]
        );
    }
}

#[cfg(test)]
mod fast_path_tests {
    use super::*;
    use proptest::prelude::*;

    /// The folding as first written, char by char: the byte paths must give the same.
    fn fold_reference(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(x), None) if x.len_utf8() == c.len_utf8() => out.push(x),
                _ => out.push(c),
            }
        }
        out
    }

    /// The scanner as first written, over `char_indices`.
    fn tokens_reference(s: &str) -> Vec<Tok> {
        let mut out = Vec::new();
        let mut it = s.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if c.is_whitespace() {
                continue;
            }
            if is_word_char(c) {
                let mut end = i + c.len_utf8();
                let mut number = c.is_ascii_digit();
                while let Some(&(j, d)) = it.peek() {
                    if is_word_char(d) {
                        number &= d.is_ascii_digit();
                        end = j + d.len_utf8();
                        it.next();
                        continue;
                    }
                    if (d == '-' || d == '.')
                        && !number
                        && s[j + 1..].chars().next().is_some_and(|n| n.is_alphabetic())
                    {
                        end = j + 1;
                        it.next();
                        continue;
                    }
                    break;
                }
                out.push(Tok {
                    span: Span::new(i, end),
                    word: true,
                    cap: c.is_uppercase(),
                    number,
                });
            } else {
                out.push(Tok {
                    span: Span::new(i, i + c.len_utf8()),
                    word: false,
                    cap: false,
                    number: false,
                });
            }
        }
        out
    }

    const VIETNAMESE: &str = "[a-zA-Z0-9 ,.:;()\\-\n\u{a0}àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ×÷ßẞḀẀỺỻɐɏ\u{300}\u{301}\u{309}\u{36f}\u{370}]{0,40}";

    proptest! {
        #[test]
        fn byte_paths_agree_with_the_char_by_char_versions(
            a in VIETNAMESE,
            b in "\\PC{0,20}",
        ) {
            for s in [a.as_str(), b.as_str(), &format!("{a}{b}")] {
                prop_assert_eq!(fold_same_len(s), fold_reference(s));
                prop_assert_eq!(tokens(s, Span::new(0, s.len())), tokens_reference(s));
            }
        }
    }

    proptest! {
        /// The table-free lower case and word test agree with Unicode's on every char.
        #[test]
        fn fast_paths_agree_with_unicode(c in any::<char>()) {
            if let Some(l) = lower_fast(c) {
                let mut u = c.to_lowercase();
                let want = match (u.next(), u.next()) {
                    (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
                    _ => c,
                };
                prop_assert_eq!(l, want);
            }
            let slow = c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c);
            prop_assert_eq!(is_word_char(c), slow);
        }
    }

    #[test]
    fn the_word_test_is_unicode_on_every_char() {
        for u in 0..=0x10ffffu32 {
            let Some(c) = char::from_u32(u) else { continue };
            let slow = c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c);
            assert_eq!(is_word_char(c), slow, "U+{u:04X}");
        }
    }

    #[test]
    fn every_char_of_the_latin_ranges_folds_like_the_reference() {
        for u in (0..0x800).chain(0x1e00..=0x1eff) {
            let Some(c) = char::from_u32(u) else { continue };
            let s = format!("a{c}b{c}");
            assert_eq!(fold_same_len(&s), fold_reference(&s), "U+{u:04X}");
        }
    }

    #[test]
    fn every_vietnamese_letter_folds_like_unicode() {
        for u in (0xc0..=0x24f).chain(0x1e00..=0x1eff) {
            let Some(c) = char::from_u32(u) else { continue };
            if let Some(l) = lower_fast(c) {
                let want: String = c.to_lowercase().collect();
                if want.chars().count() == 1 && want.len() == c.len_utf8() {
                    assert_eq!(l.to_string(), want, "U+{u:04X}");
                }
            }
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "U+{u:04X}");
        }
    }
}
