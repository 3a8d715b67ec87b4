//! What the segmenter knows about one token: a 64-bit key of its folded form and a shape class.
//!
//! The key folds case, the tone-mark placement (`hoà` and `hòa` get the same key, because
//! the tone is hashed apart from the letters) and digit values (`2004` and `1999` share a key:
//! the value of a number says nothing about where words end). Computing it is one pass over
//! the characters with a small table, no allocation.

use std::sync::OnceLock;

use unicode_normalization::char::{compose, decompose_canonical};

/// Shape classes (the model conjoins them with keys; keep the numbering stable: it is hashed).
pub(crate) mod shape {
    /// All letters lowercase (`nhân`, `dân`).
    pub const LOWER: u8 = 0;
    /// First letter uppercase, the rest lowercase (`Hàn`, `Kim`, `K`).
    pub const TITLE: u8 = 1;
    /// Two or more letters, all uppercase (`ASEAN`, `HCM`).
    pub const UPPER: u8 = 2;
    /// Only digits (`28`, `000`).
    pub const DIGITS: u8 = 3;
    /// Digits with `.` `,` inside (`1.000`, `11,8`).
    pub const NUMBER: u8 = 4;
    /// Letters and digits (`G20`, `D1`).
    pub const ALNUM: u8 = 5;
    /// Other mixtures of letters (`iPhone`, `Jae-myung`).
    pub const MIXED: u8 = 6;
    /// `.` `!` `?` `…`: may end a sentence.
    pub const FINAL: u8 = 7;
    /// `,` `;` `:`.
    pub const COMMA: u8 = 8;
    /// `-` `–` `—` `/`: may sit inside a number or date written with spaces (`17 - 3 – 2004`).
    pub const DASH: u8 = 9;
    /// Quotes and brackets.
    pub const QUOTE: u8 = 10;
    /// Any other punctuation or symbol (`%`, `&`).
    pub const SYMBOL: u8 = 11;
    /// Before the first / after the last token.
    pub const EDGE: u8 = 12;
}

/// One token as the features see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Unit {
    pub key: u64,
    pub shape: u8,
    /// The character of a one-character punctuation token (`–`, `—` read as `-`), else 0.
    pub punct: u8,
}

impl Unit {
    pub const EDGE: Unit = Unit {
        key: 0x5EED_0000_0000_0001,
        shape: shape::EDGE,
        punct: 0,
    };

    /// A letter or digit token (not punctuation, not an edge).
    pub fn is_wordish(self) -> bool {
        self.shape <= shape::MIXED
    }

    pub fn is_numeric(self) -> bool {
        matches!(self.shape, shape::DIGITS | shape::NUMBER)
    }
}

const FNV: u64 = 0x0000_0100_0000_01B3;

/// Key and shape of one token's text.
pub(crate) fn unit(text: &str) -> Unit {
    let table = fold_table();
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    let mut tone = 0u8;
    let (mut upper, mut lower, mut digits, mut letters, mut other, mut numsep) =
        (0u32, 0u32, 0u32, 0u32, 0u32, 0u32);
    let mut first_upper = false;
    let mut n = 0u32;
    let mut last_punct = '\0';
    for c in text.chars() {
        n += 1;
        let folded: u32;
        if c.is_ascii() {
            if c.is_ascii_lowercase() {
                lower += 1;
                letters += 1;
                folded = c as u32;
            } else if c.is_ascii_uppercase() {
                upper += 1;
                letters += 1;
                first_upper |= n == 1;
                folded = c.to_ascii_lowercase() as u32;
            } else if c.is_ascii_digit() {
                digits += 1;
                folded = '0' as u32;
            } else {
                if c == '.' || c == ',' {
                    numsep += 1;
                }
                other += 1;
                last_punct = c;
                folded = c as u32;
            }
        } else if let Some((base, t, is_upper)) = table.get(c) {
            letters += 1;
            if is_upper {
                upper += 1;
                first_upper |= n == 1;
            } else {
                lower += 1;
            }
            if t != 0 {
                tone = t;
            }
            folded = base;
        } else if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
                first_upper |= n == 1;
            } else {
                lower += 1;
            }
            folded = c.to_lowercase().next().unwrap_or(c) as u32;
        } else if c.is_numeric() {
            digits += 1;
            folded = '0' as u32;
        } else {
            other += 1;
            last_punct = c;
            folded = c as u32;
        }
        h = (h ^ folded as u64).wrapping_mul(FNV);
    }
    h = (h ^ (0x100 | tone as u64)).wrapping_mul(FNV);
    let shape = if letters > 0 {
        if digits > 0 {
            shape::ALNUM
        } else if other > 0 && !(other == 1 && text.ends_with('.')) {
            shape::MIXED
        } else if upper == 0 {
            shape::LOWER
        } else if upper >= 2 && lower == 0 {
            shape::UPPER
        } else if first_upper && upper == 1 {
            shape::TITLE
        } else {
            shape::MIXED
        }
    } else if digits > 0 {
        if other == 0 {
            shape::DIGITS
        } else if other == numsep {
            shape::NUMBER
        } else {
            shape::ALNUM
        }
    } else if n == 1 || other == n {
        match last_punct {
            '.' | '!' | '?' | '…' => shape::FINAL,
            ',' | ';' | ':' => shape::COMMA,
            '-' | '–' | '—' | '/' => shape::DASH,
            '"' | '\'' | '“' | '”' | '‘' | '’' | '(' | ')' | '[' | ']' | '{' | '}' | '«' | '»' => {
                shape::QUOTE
            }
            _ => shape::SYMBOL,
        }
    } else {
        shape::SYMBOL
    };
    let punct = if n == 1 && other == 1 {
        match last_punct {
            '–' | '—' => b'-',
            c if c.is_ascii() => c as u8,
            _ => 0,
        }
    } else {
        0
    };
    Unit {
        key: finish(h),
        shape,
        punct,
    }
}

/// Avalanche, so that keys mixed by the feature hash differ in their high bits.
#[inline]
pub(crate) fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}

/// Folding of the Latin letters Vietnamese uses: lowercase base letter (with its
/// circumflex, breve or horn) and tone number 1..=5 (0 = level tone), built once from the
/// Unicode decompositions.
struct FoldTable {
    /// U+00C0..U+0250 and U+1E00..U+1F00; `(base, tone, is_upper)`, base 0 = not a letter.
    latin: Vec<(u32, u8, bool)>,
    extended: Vec<(u32, u8, bool)>,
}

const LATIN: (u32, u32) = (0xC0, 0x250);
const EXTENDED: (u32, u32) = (0x1E00, 0x1F00);

impl FoldTable {
    #[inline]
    fn get(&self, c: char) -> Option<(u32, u8, bool)> {
        let u = c as u32;
        let e = if (LATIN.0..LATIN.1).contains(&u) {
            self.latin[(u - LATIN.0) as usize]
        } else if (EXTENDED.0..EXTENDED.1).contains(&u) {
            self.extended[(u - EXTENDED.0) as usize]
        } else {
            return None;
        };
        (e.0 != 0).then_some(e)
    }
}

fn fold_table() -> &'static FoldTable {
    static TABLE: OnceLock<FoldTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let build = |(lo, hi): (u32, u32)| {
            (lo..hi)
                .map(|u| char::from_u32(u).map_or((0, 0, false), fold_char))
                .collect()
        };
        FoldTable {
            latin: build(LATIN),
            extended: build(EXTENDED),
        }
    })
}

fn fold_char(c: char) -> (u32, u8, bool) {
    if !c.is_alphabetic() {
        return (0, 0, false);
    }
    let mut parts = Vec::with_capacity(4);
    decompose_canonical(c, |d| parts.push(d));
    let mut tone = 0u8;
    let mut base = parts[0];
    for &m in &parts[1..] {
        match m as u32 {
            0x300 => tone = 1,
            0x301 => tone = 2,
            0x309 => tone = 3,
            0x303 => tone = 4,
            0x323 => tone = 5,
            _ => base = compose(base, m).unwrap_or(base),
        }
    }
    let is_upper = c.is_uppercase();
    let lower = base.to_lowercase().next().unwrap_or(base);
    (lower as u32, tone, is_upper)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tone_placement_and_case_fold_to_one_key() {
        assert_eq!(unit("hoà").key, unit("hòa").key);
        assert_eq!(unit("Hoà").key, unit("hòa").key);
        assert_eq!(unit("THUỶ").key, unit("thủy").key);
        assert_ne!(unit("hòa").key, unit("hóa").key);
        assert_ne!(unit("hoa").key, unit("hòa").key);
        assert_ne!(unit("Đà").key, unit("Da").key);
        assert_eq!(unit("Đà").key, unit("đà").key);
        assert_eq!(unit("2004").key, unit("1999").key);
    }

    #[test]
    fn shapes() {
        assert_eq!(unit("nhân").shape, shape::LOWER);
        assert_eq!(unit("Hàn").shape, shape::TITLE);
        assert_eq!(unit("Đ").shape, shape::TITLE);
        assert_eq!(unit("ASEAN").shape, shape::UPPER);
        assert_eq!(unit("TTXVN").shape, shape::UPPER);
        assert_eq!(unit("28").shape, shape::DIGITS);
        assert_eq!(unit("1.000").shape, shape::NUMBER);
        assert_eq!(unit("11,8").shape, shape::NUMBER);
        assert_eq!(unit("G20").shape, shape::ALNUM);
        assert_eq!(unit("Jae-myung").shape, shape::MIXED);
        assert_eq!(unit(".").shape, shape::FINAL);
        assert_eq!(unit("…").shape, shape::FINAL);
        assert_eq!(unit(",").shape, shape::COMMA);
        assert_eq!(unit("–").shape, shape::DASH);
        assert_eq!(unit("“").shape, shape::QUOTE);
        assert_eq!(unit("%").shape, shape::SYMBOL);
    }
}
