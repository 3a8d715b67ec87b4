//! Text made one line for the line-based outputs (CoNLL-U forms and comments, brat
//! notes): runs of white space and control characters become one space.

/// `s` appended to `out` as one line: runs of white space and control characters (a
/// newline inside a title line, a tab, the space inside a word of several syllables)
/// become one space, none at the ends.
pub(crate) fn push(out: &mut String, s: &str) {
    // One pass over the bytes: runs of characters that are neither white space nor
    // control characters, a space apart, copied as whole slices. The only gaps taken
    // here are ASCII (so the slices are cut at characters); a byte that may start a wider
    // one (see `byte_class`) sends the string to the character-wise way.
    let b = s.as_bytes();
    let mark = out.len();
    let mut run = 0;
    for i in 0..b.len() {
        match byte_class(b, i) {
            Byte::Plain => {}
            Byte::Gap => {
                if run < i {
                    if out.len() > mark {
                        out.push(' ');
                    }
                    out.push_str(&s[run..i]);
                }
                run = i + 1;
            }
            Byte::Wide => {
                out.truncate(mark);
                return push_chars(out, s);
            }
        }
    }
    if run < b.len() {
        if out.len() > mark {
            out.push(' ');
        }
        out.push_str(&s[run..]);
    }
}

/// [`push`] character by character.
#[cold]
fn push_chars(out: &mut String, s: &str) {
    let s = s.trim_matches(|c: char| c.is_whitespace() || c.is_control());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
}

/// What the byte at `i` of UTF-8 text is to [`push`].
#[derive(Clone, Copy, PartialEq)]
enum Byte {
    /// Part of a character that is neither white space nor a control character.
    Plain,
    /// An ASCII white space or control character.
    Gap,
    /// May start a wider one: U+0080–U+00A0, U+1680, U+2000–U+205F and U+3000 start with
    /// C2, E1 9A, E2 or E3, which Vietnamese letters never do (so does `©`: it only takes
    /// the slower way).
    Wide,
}

#[inline]
fn byte_class(b: &[u8], i: usize) -> Byte {
    match b[i] {
        0x21..=0x7e | 0x80..=0xC1 | 0xC3..=0xE0 | 0xE4..=0xFF => Byte::Plain,
        0xE1 if b.get(i + 1) != Some(&0x9A) => Byte::Plain,
        0x00..=0x20 | 0x7f => Byte::Gap,
        _ => Byte::Wide,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_space_or_control(s: &str) -> bool {
        (0..s.len()).all(|i| byte_class(s.as_bytes(), i) == Byte::Plain)
    }

    fn no_wide_space_or_control(s: &str) -> bool {
        (0..s.len()).all(|i| byte_class(s.as_bytes(), i) != Byte::Wide)
    }

    #[test]
    fn byte_test_never_passes_white_space_or_controls() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = format!("Hà{c}Nội");
            if no_space_or_control(&s) {
                assert!(!c.is_whitespace() && !c.is_control(), "{:?}", c);
            }
        }
        assert!(no_space_or_control("Nguyễn_Phú_Trọng-ASEAN"));
        let mut out = String::new();
        push(&mut out, " \u{3000}Hà\u{a0}\u{2028}Nội\t");
        assert_eq!(out, "Hà Nội");
    }

    #[test]
    fn ascii_gaps_are_the_ascii_white_space_and_controls() {
        for b in 0..0x80u8 {
            let c = char::from(b);
            let gap = byte_class(&[b], 0) == Byte::Gap;
            assert_eq!(gap, c.is_whitespace() || c.is_control(), "{c:?}");
        }
    }

    #[test]
    fn wide_byte_test_never_passes_wide_white_space_or_controls() {
        for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = format!("Hà {c}\tNội");
            if no_wide_space_or_control(&s) {
                assert!(!c.is_whitespace() && !c.is_control(), "{:?}", c);
            }
        }
    }

    /// What [`push`] does, character by character.
    fn collapsed_by_chars(s: &str) -> String {
        let gap = |c: char| c.is_whitespace() || c.is_control();
        s.split(gap)
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    proptest::proptest! {
        #[test]
        fn collapsed_as_by_characters(s in "([ \t\n\r\x00\x1f\x7f\u{85}\u{a0}\u{3000}\u{2028}©–“]|[a-zA-Zàáạảãđươôêăằắặẳẵấầậẩẫ]{1,5}){0,12}") {
            let mut out = String::from("x");
            push(&mut out, &s);
            proptest::prop_assert_eq!(&out[1..], collapsed_by_chars(&s));
        }
    }
}
