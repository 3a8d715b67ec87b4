//! Lower case for the hot paths of every stage: ASCII and the Vietnamese letters without
//! Unicode table look-ups, the same result as `char::to_lowercase` on every character, and
//! comparisons that need no new `String`.

use std::cell::RefCell;
use std::rc::Rc;

/// A document's text lowered with every byte offset kept
/// ([`crate::events::lex::fold_same_len`]), made once and read by the stages that follow
/// on the same thread (the gazetteer's lookups, the sentence scans of `places` and
/// `events`) instead of each lowering the same words again.
pub(crate) struct FoldedText {
    text: Box<str>,
    folded: String,
    /// No character kept as it was (see [`crate::events::lex::fold_same_len_exact`]).
    exact: bool,
}

impl FoldedText {
    /// The whole of `text` lowered as [`push_lower`] lowers it, when this is its fold and
    /// no character was kept: then any slice of it on character boundaries is the lowered
    /// slice of `text`.
    pub(crate) fn lowered_all(&self, text: &str) -> Option<&str> {
        (self.exact && *self.text == *text).then_some(self.folded.as_str())
    }

    /// The fold itself (its slices are the text's lowered only where
    /// [`FoldedText::lowered_all`] or [`FoldedText::folded`] said so).
    pub(crate) fn as_str(&self) -> &str {
        &self.folded
    }

    /// `text[a..b]` folded as [`crate::events::lex::fold_same_len`] folds it, when this
    /// fold holds those very bytes at `a..b` (another document, or the same one changed,
    /// gives `None`).
    pub(crate) fn folded<'s>(&'s self, text: &str, a: usize, b: usize) -> Option<&'s str> {
        (self.text.get(a..b) == text.get(a..b)).then(|| &self.folded[a..b])
    }
}

/// The fold of `text`, the one kept on this thread when it was made for a text at the
/// same address and of the same length (callers check the bytes they read through
/// [`FoldedText::folded`] and [`FoldedText::lowered_all`]; a kept fold of other bytes only costs them the slow path).
pub(crate) fn folded_document(text: &str) -> Rc<FoldedText> {
    thread_local! {
        static KEPT: RefCell<Option<(usize, Rc<FoldedText>)>> = const { RefCell::new(None) };
    }
    KEPT.with(|k| {
        let mut k = k.borrow_mut();
        if let Some((ptr, f)) = k.as_ref() {
            if *ptr == text.as_ptr() as usize
                && f.text.len() == text.len()
                && same_samples(&f.text, text)
            {
                return f.clone();
            }
        }
        let (folded, exact) = crate::events::lex::fold_same_len_exact(text);
        let f = Rc::new(FoldedText {
            text: text.into(),
            folded,
            exact,
        });
        *k = Some((text.as_ptr() as usize, f.clone()));
        f
    })
}

/// A few bytes of two texts of one length agree (their ends and 16 places between): a
/// new document in a freed one's place is told from it without comparing it all.
fn same_samples(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    // (a short text is compared whole: the samples below index into it)
    if n < 64 {
        return a == b;
    }
    let end = n.min(32);
    a[..end] == b[..end]
        && a[n - end..] == b[n - end..]
        && (1..16).all(|k| a[n * k / 16] == b[n * k / 16])
}

/// Lower case of ASCII and of the Vietnamese letters without Unicode table look-ups;
/// `None` for anything else. Where it answers, `c.to_lowercase()` is that one character.
#[inline]
pub(crate) fn lower_fast(c: char) -> Option<char> {
    let u = c as u32;
    Some(match u {
        0..=0x7f => c.to_ascii_lowercase(),
        // Latin-1 capitals À…Þ (not ×)
        0xc0..=0xde if u != 0xd7 => char::from_u32(u + 0x20)?,
        0xdf..=0xff => c,
        // Ă Đ Ĩ Ũ Ơ Ư and their small letters
        0x102 | 0x110 | 0x128 | 0x168 | 0x1a0 => char::from_u32(u + 1)?,
        0x1af => '\u{1b0}',
        0x103 | 0x111 | 0x129 | 0x169 | 0x1a1 | 0x1b0 => c,
        // Vietnamese letters with tone marks: capital even, small odd
        0x1ea0..=0x1ef9 => char::from_u32(u | 1)?,
        0x300..=0x36f => c,
        _ => return None,
    })
}

/// Whether `c` is upper case (`char::is_uppercase`), ASCII and Vietnamese letters
/// without a Unicode table look-up.
#[inline]
pub(crate) fn is_upper(c: char) -> bool {
    match lower_fast(c) {
        Some(l) => l != c,
        None => c.is_uppercase(),
    }
}

/// The character starting at byte `i` of `s` and its length in bytes (`i` on a char
/// boundary), decoded by hand: the hot loops walk bytes and meet mostly ASCII.
#[inline]
pub(crate) fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes();
    let b0 = b[i] as u32;
    let (u, w) = if b0 < 0x80 {
        return (b0 as u8 as char, 1);
    } else if b0 < 0xe0 {
        (((b0 & 0x1f) << 6) | (b[i + 1] as u32 & 0x3f), 2)
    } else if b0 < 0xf0 {
        (
            ((b0 & 0x0f) << 12) | ((b[i + 1] as u32 & 0x3f) << 6) | (b[i + 2] as u32 & 0x3f),
            3,
        )
    } else {
        (
            ((b0 & 0x07) << 18)
                | ((b[i + 1] as u32 & 0x3f) << 12)
                | ((b[i + 2] as u32 & 0x3f) << 6)
                | (b[i + 3] as u32 & 0x3f),
            4,
        )
    };
    (char::from_u32(u).unwrap_or('\u{fffd}'), w)
}

/// Appends `s` lowercased, exactly as `c.to_lowercase()` on each character.
#[inline]
pub(crate) fn push_lower(out: &mut String, s: &str) {
    let start = out.len();
    out.push_str(s);
    if s.is_ascii() {
        out[start..].make_ascii_lowercase();
        return;
    }
    // Vietnamese text: folded in place byte by byte
    // SAFETY: `fold_bytes` replaces whole characters by characters of the same UTF-8
    // length only, so the string stays valid UTF-8 whatever it returns.
    if unsafe { fold_bytes(&mut out.as_mut_vec()[start..]) } {
        return;
    }
    out.truncate(start);
    for c in s.chars() {
        match lower_fast(c) {
            Some(l) => out.push(l),
            None => out.extend(c.to_lowercase()),
        }
    }
}

/// `s` lowercased, exactly as `c.to_lowercase()` on each character.
pub(crate) fn lower(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    push_lower(&mut o, s);
    o
}

/// `s` lowercased into `buf`, or `None` when it is longer than the buffer (so longer
/// than any short keyword it is compared with).
#[inline]
pub(crate) fn lower_small<'b>(s: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    let mut n = 0;
    let mut put = |l: char| {
        let w = l.len_utf8();
        if n + w > buf.len() {
            return false;
        }
        l.encode_utf8(&mut buf[n..]);
        n += w;
        true
    };
    for c in s.chars() {
        match lower_fast(c) {
            Some(l) => {
                if !put(l) {
                    return None;
                }
            }
            None => {
                for l in c.to_lowercase() {
                    if !put(l) {
                        return None;
                    }
                }
            }
        }
    }
    std::str::from_utf8(&buf[..n]).ok()
}

/// A word of at most 8 bytes packed in a `u64` (its bytes in order, zero-padded): with
/// [`short_lower_key`], a word is compared with a list of short lower-case keywords by
/// integers.
pub(crate) const fn pack(s: &str) -> u64 {
    let b = s.as_bytes();
    assert!(b.len() <= 8);
    let mut k = 0u64;
    let mut i = 0;
    while i < b.len() {
        k |= (b[i] as u64) << (8 * i);
        i += 1;
    }
    k
}

/// Lower case in place, byte by byte, for ASCII, the Vietnamese letters and combining
/// marks (their small letters have the same UTF-8 length, so `b` stays valid UTF-8 with
/// the same character boundaries); `false` at the first other character, which the
/// caller lowers the general way (what was folded before it is lower case already).
#[inline]
fn fold_bytes(b: &mut [u8]) -> bool {
    let n = b.len();
    let mut i = 0;
    while i < n {
        let c = b[i];
        if c < 0x80 {
            b[i] = c.to_ascii_lowercase();
            i += 1;
            continue;
        }
        if i + 1 >= n {
            return false;
        }
        match (c, b[i + 1]) {
            // À…Þ (not ×) to à…þ; ß…ÿ and × as they are
            (0xc3, d) => {
                if (0x80..=0x9e).contains(&d) && d != 0x97 {
                    b[i + 1] = d + 0x20;
                }
                i += 2;
            }
            // Ă Đ Ĩ Ũ Ơ Ư to the next code point, their small letters as they are
            (0xc4..=0xc6, d) => {
                match ((c as u32 & 0x1f) << 6) | (d as u32 & 0x3f) {
                    0x102 | 0x110 | 0x128 | 0x168 | 0x1a0 | 0x1af => b[i + 1] = d + 1,
                    0x103 | 0x111 | 0x129 | 0x169 | 0x1a1 | 0x1b0 => {}
                    _ => return false,
                }
                i += 2;
            }
            // combining marks U+0300…036F
            (0xcc, _) | (0xcd, 0x80..=0xaf) => i += 2,
            // Ạ…ỹ: capitals even, small letters odd
            (0xe1, d @ (0xba | 0xbb)) if i + 2 < n => {
                let u = 0x1e00 | ((d as u32 & 0x3f) << 6) | (b[i + 2] as u32 & 0x3f);
                if !(0x1ea0..=0x1ef9).contains(&u) {
                    return false;
                }
                b[i + 2] |= 1;
                i += 3;
            }
            _ => return false,
        }
    }
    true
}

/// `pack(lower(s))` for a word of at most 8 bytes made of ASCII, Vietnamese letters and
/// combining marks, folded byte by byte (their small letters have the same UTF-8 length);
/// `None` for a longer word or any other character, which the caller compares the
/// general way. Keyword tests call this on every word.
#[inline]
pub(crate) fn short_lower_key(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.len() > 8 {
        return None;
    }
    // (copied byte by byte: a call to memcpy costs more than these few bytes)
    let mut buf = [0u8; 8];
    for (d, &c) in buf.iter_mut().zip(b) {
        *d = c;
    }
    fold_bytes(&mut buf[..b.len()]).then(|| u64::from_le_bytes(buf))
}

/// Whether `lower(s) == target`, without building the lower-case string.
#[inline]
pub(crate) fn lower_eq(s: &str, target: &str) -> bool {
    if s.is_ascii() {
        return s.len() == target.len()
            && s.bytes()
                .zip(target.bytes())
                .all(|(a, b)| a.to_ascii_lowercase() == b);
    }
    let mut t = target.chars();
    for c in s.chars() {
        match lower_fast(c) {
            Some(l) => {
                if t.next() != Some(l) {
                    return false;
                }
            }
            None => {
                for l in c.to_lowercase() {
                    if t.next() != Some(l) {
                        return false;
                    }
                }
            }
        }
    }
    t.next().is_none()
}

/// Whether `lower(s)` is one of `targets`.
#[inline]
pub(crate) fn lower_in(s: &str, targets: &[&str]) -> bool {
    targets.iter().any(|t| lower_eq(s, t))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_documents_fold_is_read_only_where_it_holds_the_bytes() {
        let text = "Chủ tịch nước LƯƠNG CƯỜNG hội đàm với Tổng thống Hoà.".to_string();
        let f = folded_document(&text);
        assert_eq!(f.lowered_all(&text), Some(lower(&text).as_str()));
        let at = text.find("LƯƠNG").unwrap();
        assert_eq!(f.folded(&text, at, at + "LƯƠNG".len()), Some("lương"));
        // the same call again gives the kept fold
        assert!(Rc::ptr_eq(&f, &folded_document(&text)));
        // another text of the same length: nothing read off the first one's fold
        let other = text.replace("LƯƠNG", "TRẦN ");
        assert_eq!(other.len(), text.len());
        assert_eq!(f.folded(&other, at, at + 6), None);
        assert_eq!(f.lowered_all(&other), None);
        let g = folded_document(&other);
        assert_eq!(g.folded(&other, at, at + 6), Some("trần"));
        // an empty document (and one after it)
        assert_eq!(folded_document("").lowered_all(""), Some(""));
        assert_eq!(folded_document("").folded("", 0, 0), Some(""));
        // a letter whose lower case is longer (İ: i and a dot) is kept by the fold, which
        // then lowers no slice as `lower` does
        let turkish = "Thủ tướng tới İzmir.";
        let t = folded_document(turkish);
        assert_eq!(t.lowered_all(turkish), None);
        let z = turkish.find("İzmir").unwrap();
        assert_eq!(t.folded(turkish, z, turkish.len() - 1), Some("İzmir"));
    }

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn fast_lower_case_is_unicode_lower_case_on_every_char() {
        for u in 0..=0x10ffffu32 {
            let Some(c) = char::from_u32(u) else { continue };
            if let Some(l) = lower_fast(c) {
                let want: Vec<char> = c.to_lowercase().collect();
                assert_eq!(want, vec![l], "U+{u:04X}");
            }
        }
    }

    #[test]
    fn fast_upper_case_test_is_unicode_on_every_char() {
        for u in 0..=0x10ffffu32 {
            let Some(c) = char::from_u32(u) else { continue };
            assert_eq!(is_upper(c), c.is_uppercase(), "U+{u:04X}");
        }
    }

    proptest! {
        #[test]
        fn char_at_decodes_like_the_standard_library(s in "\\PC{0,12}") {
            let mut i = 0;
            for c in s.chars() {
                prop_assert_eq!(char_at(&s, i), (c, c.len_utf8()));
                i += c.len_utf8();
            }
        }

        #[test]
        fn lower_and_lower_eq_agree_with_the_standard_library(s in "\\PC{0,12}", t in "\\PC{0,12}") {
            let want: String = s.chars().flat_map(char::to_lowercase).collect();
            prop_assert_eq!(&lower(&s), &want);
            prop_assert!(lower_eq(&s, &want));
            prop_assert_eq!(lower_eq(&s, &t), want == t);
            let mut buf = [0u8; 32];
            match lower_small(&s, &mut buf) {
                Some(l) => prop_assert_eq!(l, want.as_str()),
                None => prop_assert!(want.len() > 32),
            }
        }
    }

    proptest! {
        #[test]
        fn a_short_lower_key_is_the_packed_lower_case(
            s in "[a-zA-Z0-9 .\u{c0}-\u{1b5}\u{300}-\u{36f}\u{1e80}-\u{1eff}\u{130}\u{212a}]{0,12}"
        ) {
            let want = lower(&s);
            let unicode: String = s.chars().flat_map(char::to_lowercase).collect();
            prop_assert_eq!(&want, &unicode);
            match short_lower_key(&s) {
                Some(k) => {
                    prop_assert!(want.len() <= 8);
                    prop_assert_eq!(want.len(), s.len());
                    let mut bytes = [0u8; 8];
                    bytes[..want.len()].copy_from_slice(want.as_bytes());
                    prop_assert_eq!(k, u64::from_le_bytes(bytes));
                }
                // another character (or too long): compared the general way
                None => prop_assert!(
                    s.len() > 8
                        || s.chars().any(|c| !c.is_ascii() && lower_fast(c).is_none())
                        || s.chars().any(|c| matches!(c as u32, 0x100..=0x1b5 | 0x1e80..=0x1e9f | 0x1efa..=0x1eff))
                ),
            }
        }
    }

    #[test]
    fn short_words_fold_to_their_keyword_keys() {
        for (word, kw) in [
            ("THÁNG", "tháng"),
            ("Sáng", "sáng"),
            ("ĐÊM", "đêm"),
            ("Ưu", "ưu"),
            ("Ngày", "ngày"),
        ] {
            assert_eq!(short_lower_key(word), Some(pack(kw)), "{word}");
        }
        assert_ne!(short_lower_key("Tháng"), Some(pack("thang")));
        // the Kelvin sign lowers to `k` but is left to the general way
        assert_eq!(short_lower_key("\u{212a}huya"), None);
        assert_eq!(short_lower_key("Hôm nay nữa"), None);
    }

    #[test]
    fn vietnamese_words_compare_without_allocating() {
        assert!(lower_eq("Ông", "ông"));
        assert!(lower_eq("NGUYỄN", "nguyễn"));
        assert!(!lower_eq("Ông", "ông "));
        assert!(lower_in("Bà", &["ông", "bà"]));
        assert_eq!(lower("Đặng Thị Ngọc Thịnh"), "đặng thị ngọc thịnh");
        assert_eq!(lower("İstanbul"), "i\u{307}stanbul");
    }
}
