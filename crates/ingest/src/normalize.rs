//! Normalization: NFC, one tone-mark convention, look-alike letters, odd spaces, and a
//! missing space after a sentence-final period — every change recorded in an offset map.
//!
//! One forward pass. ASCII bytes cost a compare (only `.` is looked at, for glued
//! sentences); precomposed Vietnamese letters cost a range check (and a neighbour check
//! when they could be a misplaced tone mark). Only a word that really needs a change —
//! decomposed marks, invisible characters, a look-alike `Ð`, a tone on the other vowel —
//! goes through the slow path, which rewrites that one word. Normalizing twice gives the
//! same text as normalizing once.

use serde::{Deserialize, Serialize};
use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use sen_core::OffsetMap;

/// Where the tone mark of an open `oa`, `oe`, `uy` syllable goes.
///
/// `modern` writes `hòa`, `khóa`, `thúy`, `hủy` (the mark on the first vowel, as most
/// newsrooms do today); `traditional` writes `hoà`, `khoá`, `thuý`, `huỷ`. Syllables
/// with a final consonant (`hoàng`, `thuyết`) and `qu`/`gi` initials (`quý`, `già`)
/// are the same in both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToneMarks {
    #[default]
    Modern,
    Traditional,
}

/// Normalize `input`; the map takes spans of the result back to `input`.
pub fn normalize(input: &str, tones: ToneMarks) -> (String, OffsetMap) {
    normalize_with(input, tones, true)
}

/// [`normalize`]; `skip`: pass over 16 bytes at a time where none can need a change.
fn normalize_with(input: &str, tones: ToneMarks, skip: bool) -> (String, OffsetMap) {
    let mut n = Normalizer {
        input,
        out: String::with_capacity(input.len() + 16),
        map: OffsetMap::default(),
        copy_from: 0,
    };
    let b = input.as_bytes();
    let skip = skip && tones == ToneMarks::Modern;
    let mut i = 0;
    while i < b.len() {
        if skip && i >= 1 && i + 17 <= b.len() {
            let f = first_flagged(b, i);
            if f > 0 {
                // the chars before the flagged byte need nothing (a flag sits on the
                // first byte of a char); with none flagged, the char the 16 bytes end
                // in was looked at by its first byte: its other bytes are passed too
                i += f as usize;
                while f == 16 && i < b.len() && b[i] & 0xC0 == 0x80 {
                    i += 1;
                }
                continue;
            }
        }
        let c = b[i];
        if c < 0x80 {
            // A glued sentence: `nước.Chủ` gets a space after the period.
            if c == b'.'
                && b.get(i + 1)
                    .is_some_and(|&x| x >= 0x80 || x.is_ascii_uppercase())
                && glued_sentence(input, i)
            {
                n.flush(i + 1);
                n.edit(0, " ");
            }
            i += 1;
            continue;
        }
        // Vietnamese letters are two bytes (U+00C0..U+01B0) or three starting E1
        // (U+1EA0..U+1EF9): their class comes from a table, without decoding the char.
        let (class, len) = if c < 0xE0 {
            let cp = ((c & 0x1F) as usize) << 6 | (b[i + 1] & 0x3F) as usize;
            (classes().two[cp], 2)
        } else if c == 0xE1 {
            let cp = ((b[i + 1] & 0x3F) as usize) << 6 | (b[i + 2] & 0x3F) as usize;
            (classes().e1[cp], 3)
        } else {
            let ch = input[i..].chars().next().unwrap_or('\u{FFFD}');
            (class_code(ch), ch.len_utf8())
        };
        match class & 3 {
            CLEAN => {}
            VOWEL => {
                // the neighbour a misplaced mark needs, before looking closer
                let candidate = match tones {
                    ToneMarks::Modern => {
                        let prev = if i > 0 { b[i - 1] | 0x20 } else { 0 };
                        matches!((prev, class >> 2), (b'o', BASE_AE) | (b'u', BASE_Y))
                    }
                    ToneMarks::Traditional => {
                        let next = b.get(i + len).map_or(0, |x| x | 0x20);
                        matches!((class >> 2, next), (BASE_O, b'a' | b'e') | (BASE_U, b'y'))
                    }
                };
                let ch = input[i..].chars().next().unwrap_or('\u{FFFD}');
                if candidate && misplaced_tone_here(input, i, ch, tones) {
                    i = n.fix_word_at(i, tones);
                    continue;
                }
            }
            SPACE => {
                n.flush(i);
                n.edit(len, " ");
            }
            _ => {
                let ch = input[i..].chars().next().unwrap_or('\u{FFFD}');
                if is_word_char(ch) {
                    i = n.fix_word_at(i, tones);
                    continue;
                }
                // A symbol NFC maps to another (U+037E → `;`, U+1D15E → U+1D157 U+1D165),
                // normalized with the marks after it, which its own marks join.
                let end = i
                    + len
                    + input[i + len..]
                        .chars()
                        .take_while(|c| is_combining_mark(*c))
                        .map(char::len_utf8)
                        .sum::<usize>();
                let nfc: String = input[i..end].nfc().collect();
                n.flush(i);
                n.edit(end - i, &nfc);
                i = end;
                continue;
            }
        }
        i += len;
    }
    n.flush(b.len());
    (n.out, n.map)
}

/// Where, in the 16 bytes from `i` (`b[i - 1..i + 17]` readable), the first byte is that
/// may start a char the per-char loop of [`normalize`] changes or looks closer at under
/// the modern convention; 16 if none. Flagged, on the first byte of a char: `.`; every
/// lead byte of a char that is not a plain Latin or Vietnamese letter (C2: NBSP, soft
/// hyphen, Latin-1 signs; CC..DF: combining marks and other scripts; E0 and E2..F4: spaces,
/// invisibles, quotes, other scripts; E1 unless U+1E80..U+1EFF), `Ð`/`ð` (C3 90, C3 B0),
/// `Ɖ` (C6 89); and any non-ASCII char after an ASCII `o`/`u` (a possibly misplaced mark).
#[inline]
fn first_flagged(b: &[u8], i: usize) -> u32 {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::*;
        // SAFETY: SSE2 is part of x86_64; the loads read b[i - 1..i + 17], inside `b`.
        #[allow(unused_unsafe)]
        let mask = unsafe {
            let load = |k: usize| _mm_loadu_si128(b[k..k + 16].as_ptr() as *const __m128i);
            let (v, prev, next) = (load(i), load(i - 1), load(i + 1));
            let eq = |x: __m128i, c: u8| _mm_cmpeq_epi8(x, _mm_set1_epi8(c as i8));
            // unsigned x >= c: the signed compare after flipping the top bit
            let flip = |x: __m128i| _mm_xor_si128(x, _mm_set1_epi8(-128));
            let ge =
                |x: __m128i, c: u8| _mm_cmpgt_epi8(flip(x), _mm_set1_epi8((c ^ 0x80) as i8 - 1));
            let or = _mm_or_si128;
            let and = _mm_and_si128;
            // C2, CC..E0, E2..FF
            let lead_bad = or(
                or(eq(v, 0xC2), _mm_andnot_si128(ge(v, 0xE1), ge(v, 0xCC))),
                ge(v, 0xE2),
            );
            let e1 = _mm_andnot_si128(or(eq(next, 0xBA), eq(next, 0xBB)), eq(v, 0xE1));
            let eth = and(eq(v, 0xC3), or(eq(next, 0x90), eq(next, 0xB0)));
            let african_d = and(eq(v, 0xC6), eq(next, 0x89));
            let p = _mm_or_si128(prev, _mm_set1_epi8(0x20));
            let after_ou = and(ge(v, 0xC0), or(eq(p, b'o'), eq(p, b'u')));
            let all = or(
                or(or(eq(v, b'.'), lead_bad), or(e1, eth)),
                or(african_d, after_ou),
            );
            _mm_movemask_epi8(all) as u32
        };
        (mask | 1 << 16).trailing_zeros()
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (b, i);
        0
    }
}

struct Normalizer<'a> {
    input: &'a str,
    out: String,
    map: OffsetMap,
    /// Start of the pending run of input copied as it is.
    copy_from: usize,
}

impl Normalizer<'_> {
    /// Copy the pending input up to `to`.
    fn flush(&mut self, to: usize) {
        if to > self.copy_from {
            self.out.push_str(&self.input[self.copy_from..to]);
            self.map.copy(to - self.copy_from);
            self.copy_from = to;
        }
    }

    /// `src_len` input bytes at the copy point become `text`.
    fn edit(&mut self, src_len: usize, text: &str) {
        self.out.push_str(text);
        self.map.replace(src_len, text.len());
        self.copy_from += src_len;
    }

    /// Rewrite the word around byte `i` if it needs it; returns where the word ends.
    fn fix_word_at(&mut self, i: usize, tones: ToneMarks) -> usize {
        let start = word_start(self.input, i).max(self.copy_from);
        let end = word_end(self.input, i);
        let word = &self.input[start..end];
        if let Some(fixed) = fix_word(word, tones) {
            // Only the part that differs is a replaced piece: the rest maps one to one.
            let (pre, suf) = common_affixes(word, &fixed);
            self.flush(start + pre);
            self.edit(word.len() - pre - suf, &fixed[pre..fixed.len() - suf]);
            self.flush(end);
        }
        end
    }
}

/// Byte lengths of the longest common prefix and suffix (on char boundaries, not overlapping).
fn common_affixes(a: &str, b: &str) -> (usize, usize) {
    let pre = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((k, _), _)| k);
    let max_suf = a.len().min(b.len()) - pre;
    let suf = a[pre..]
        .chars()
        .rev()
        .zip(b[pre..].chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .scan(0, |acc, l| {
            *acc += l;
            Some(*acc)
        })
        .take_while(|&s| s <= max_suf)
        .last()
        .unwrap_or(0);
    (pre, suf)
}

// A char's class as a number: [`Class`] in the low two bits, and for a vowel the base
// letter the misplaced-tone check looks at in the bits above.
const CLEAN: u8 = 0;
const VOWEL: u8 = 1;
const SPACE: u8 = 2;
const DIRTY: u8 = 3;
const BASE_AE: u8 = 1;
const BASE_Y: u8 = 2;
const BASE_O: u8 = 3;
const BASE_U: u8 = 4;

fn class_code(c: char) -> u8 {
    match classify(c) {
        Class::Clean => CLEAN,
        Class::Vowel => {
            let base = match tone_of(c).map(|(b, _, _)| b) {
                Some('a' | 'e') => BASE_AE,
                Some('y') => BASE_Y,
                Some('o') => BASE_O,
                Some('u') => BASE_U,
                _ => 0,
            };
            VOWEL | base << 2
        }
        Class::Space => SPACE,
        Class::Dirty => DIRTY,
    }
}

/// [`class_code`] of every char below U+0800 (two UTF-8 bytes or fewer) and of
/// U+1000..U+2000 (three bytes, the first E1).
struct Classes {
    two: Vec<u8>,
    e1: Vec<u8>,
}

fn classes() -> &'static Classes {
    static TABLE: std::sync::OnceLock<Classes> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let code = |u: u32| char::from_u32(u).map_or(DIRTY, class_code);
        Classes {
            two: (0..0x800).map(code).collect(),
            e1: (0x1000..0x2000).map(code).collect(),
        }
    })
}

enum Class {
    /// Needs nothing.
    Clean,
    /// A vowel with a tone mark that may sit on the wrong vowel of `oa`/`oe`/`uy`.
    Vowel,
    /// A space other than U+0020 that becomes U+0020.
    Space,
    /// Needs the slow path: decomposed or not NFC, invisible, a look-alike letter.
    Dirty,
}

fn classify(c: char) -> Class {
    match c as u32 {
        // NBSP, en/em/thin… spaces, narrow NBSP, medium math space, ideographic space.
        0xA0 | 0x2000..=0x200A | 0x202F | 0x205F | 0x3000 => Class::Space,
        0xAD | 0xD0 | 0xF0 | 0x189 => Class::Dirty,
        0xC0..=0x24F | 0x1E00..=0x1EFF => {
            if tone_of(c).is_some_and(|(_, t, _)| t != 0) {
                Class::Vowel
            } else {
                Class::Clean
            }
        }
        // Latin-1 punctuation and symbols, Latin extended spacing letters.
        0x80..=0xBF | 0x250..=0x2FF => Class::Clean,
        // Dashes, quotes, ellipsis, per-mille…: NFC-stable starters.
        0x2010..=0x2027 | 0x2030..=0x205E => Class::Clean,
        _ if is_invisible(c) => Class::Dirty,
        _ => {
            if canonical_combining_class(c) != 0
                || is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes
            {
                Class::Dirty
            } else {
                Class::Clean
            }
        }
    }
}

/// Could the toned vowel `c` at byte `i` be the misplaced mark of an open `oa`, `oe`,
/// `uy` rhyme? A cheap look at the neighbours; [`place_tone`] decides for real.
fn misplaced_tone_here(s: &str, i: usize, c: char, tones: ToneMarks) -> bool {
    let b = s.as_bytes();
    let Some((base, _, _)) = tone_of(c) else {
        return false;
    };
    match tones {
        // `hoà` → `hòa`: the mark is on the second vowel, right after a plain o/u.
        ToneMarks::Modern => {
            let prev = if i > 0 { b[i - 1] | 0x20 } else { 0 };
            let pair = matches!((prev, base), (b'o', 'a' | 'e') | (b'u', 'y'));
            pair && !next_is_word_char(s, i + c.len_utf8())
        }
        // `hòa` → `hoà`: the mark is on the first vowel, right before a plain a/e/y.
        ToneMarks::Traditional => {
            let j = i + c.len_utf8();
            let next = b.get(j).map_or(0, |x| x | 0x20);
            let pair = matches!((base, next), ('o', b'a' | b'e') | ('u', b'y'));
            pair && !next_is_word_char(s, j + 1)
        }
    }
}

fn next_is_word_char(s: &str, j: usize) -> bool {
    s.get(j..)
        .and_then(|r| r.chars().next())
        .is_some_and(is_word_char)
}

/// Letters, combining marks, and the invisible characters that get deleted — so a mark
/// after a zero-width space still lands on its letter.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    c.is_alphabetic() || is_combining_mark(c) || is_invisible(c)
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

fn word_start(s: &str, i: usize) -> usize {
    s[..i]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word_char(*c))
        .last()
        .map_or(i, |(k, _)| k)
}

fn word_end(s: &str, i: usize) -> usize {
    s[i..]
        .char_indices()
        .find(|(_, c)| !is_word_char(*c))
        .map_or(s.len(), |(k, _)| i + k)
}

/// `.` followed by a capital with no space: two sentences glued (`nước.Chủ tịch`,
/// `vượng".Chủ`, `12-16/11.Diễn`). Left alone: `TP.HCM`, `D.C`, `U.S.`, `Ph.D`, `2.0`,
/// `28.000`, domain names, URLs and e-mail addresses.
fn glued_sentence(s: &str, dot: usize) -> bool {
    let mut after = s[dot + 1..].chars().filter(|c| !is_invisible(*c));
    if !after.next().is_some_and(char::is_uppercase) {
        return false;
    }
    // A capitalized word (`Chủ`), not an acronym (`HCM`).
    let word_follows = after
        .next()
        .is_some_and(|c| c.is_lowercase() || is_combining_mark(c));
    let mut before = s[..dot]
        .chars()
        .rev()
        .filter(|c| !is_invisible(*c))
        .peekable();
    let mut closers = 0;
    while before
        .next_if(|c| matches!(c, '"' | '\'' | '”' | '’' | ')' | '»' | ']'))
        .is_some()
    {
        closers += 1;
    }
    let glued = if closers > 0 {
        // `vượng".Chủ`: a quotation or a bracket closed, then the next sentence.
        before
            .find(|c| !is_combining_mark(*c))
            .is_some_and(char::is_alphanumeric)
    } else if before.peek().is_some_and(char::is_ascii_digit) {
        // `12-16/11.Diễn`; `2.0` and `28.000` have a digit after the dot.
        word_follows
    } else {
        // A lowercase word of three letters or more: `Ph.D`, `TP.HCM`, `e.g.` are not.
        let (mut last, mut letters, mut prev) = (None, 0, None);
        for c in before {
            if !is_word_char(c) {
                prev = Some(c);
                break;
            }
            if c.is_alphabetic() {
                last = last.or(Some(c));
                letters += 1;
            }
        }
        // Not a file name or a path piece (`tin_tuc.Html`, `/index.Html`).
        last.is_some_and(char::is_lowercase)
            && letters >= 3
            && !matches!(prev, Some('/' | '@' | ':' | '_' | '\\'))
    };
    glued && !in_address(s, dot)
}

/// Is byte `dot` inside a URL, an e-mail address or a path (the run of non-spaces around it)?
fn in_address(s: &str, dot: usize) -> bool {
    let start = s[..dot]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(k, c)| k + c.len_utf8());
    let end = s[dot..]
        .find(|c: char| c.is_whitespace())
        .map_or(s.len(), |k| dot + k);
    let chunk = &s[start..end];
    chunk.contains("://")
        || chunk.contains('@')
        || chunk
            .trim_start_matches(is_invisible)
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("www."))
}

/// The normalized form of one word, or `None` when it is already normal.
fn fix_word(word: &str, tones: ToneMarks) -> Option<String> {
    let mut changed = false;
    let mut w: std::borrow::Cow<str> = word.into();
    if w.contains(is_invisible) {
        w = w.replace(is_invisible, "").into();
        changed = true;
    }
    if is_nfc_quick(w.chars()) != IsNormalized::Yes {
        let n: String = w.nfc().collect();
        if n != w {
            w = n.into();
            changed = true;
        }
    }
    if let Some(d) = lookalike_d(&w) {
        w = d.into();
        changed = true;
    }
    if let Some(t) = place_tone(&w, tones) {
        return Some(t);
    }
    changed.then(|| w.into_owned())
}

/// `Ð` (U+00D0, Icelandic eth), `Ɖ` (U+0189, African D) and `ð` stand in for `Đ`/`đ` in
/// careless Vietnamese text. Replaced only at the start of a word — where eth never
/// stands in the languages that have it — before a vowel, a capital or nothing
/// (`Ðà Nẵng`, `ÐBSCL`).
fn lookalike_d(w: &str) -> Option<String> {
    let mut it = w.chars();
    let first = it.next()?;
    let fixed = match first {
        '\u{00D0}' | '\u{0189}' => 'Đ',
        '\u{00F0}' => 'đ',
        _ => return None,
    };
    let next = it.next();
    let vietnamese = next.is_none_or(|c| c.is_uppercase() || tone_of_any(c).is_some());
    vietnamese.then(|| {
        let mut s = String::with_capacity(w.len());
        s.push(fixed);
        s.push_str(&w[first.len_utf8()..]);
        s
    })
}

/// Vowels with their tones: plain, huyền, sắc, hỏi, ngã, nặng.
const ROWS: [[char; 6]; 12] = [
    ['a', 'à', 'á', 'ả', 'ã', 'ạ'],
    ['e', 'è', 'é', 'ẻ', 'ẽ', 'ẹ'],
    ['o', 'ò', 'ó', 'ỏ', 'õ', 'ọ'],
    ['u', 'ù', 'ú', 'ủ', 'ũ', 'ụ'],
    ['y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'],
    ['i', 'ì', 'í', 'ỉ', 'ĩ', 'ị'],
    ['ă', 'ằ', 'ắ', 'ẳ', 'ẵ', 'ặ'],
    ['â', 'ầ', 'ấ', 'ẩ', 'ẫ', 'ậ'],
    ['ê', 'ề', 'ế', 'ể', 'ễ', 'ệ'],
    ['ô', 'ồ', 'ố', 'ổ', 'ỗ', 'ộ'],
    ['ơ', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ'],
    ['ư', 'ừ', 'ứ', 'ử', 'ữ', 'ự'],
];

/// (base, tone, uppercase) of any Vietnamese vowel letter. Every Vietnamese vowel and its
/// capital lie below U+0250 or in U+1E00..U+1F00: there one table look-up (this runs for
/// every accented letter of the text), elsewhere the search of [`tone_of_any_slow`].
fn tone_of_any(c: char) -> Option<(char, usize, bool)> {
    let u = c as u32;
    let i = if u < TONE_LOW {
        u
    } else if (TONE_HIGH.0..TONE_HIGH.1).contains(&u) {
        u - TONE_HIGH.0 + TONE_LOW
    } else {
        return tone_of_any_slow(c);
    };
    let e = tone_table()[i as usize];
    (e != 0).then(|| {
        let row = (e & 0xF) as usize - 1;
        (ROWS[row][0], (e >> 4 & 7) as usize, e & 0x80 != 0)
    })
}

const TONE_LOW: u32 = 0x250;
const TONE_HIGH: (u32, u32) = (0x1E00, 0x1F00);

/// [`tone_of_any_slow`] of every char below U+0250, then of U+1E00..U+1F00; an entry is
/// 0 (none) or row + 1 | tone << 4 | uppercase << 7.
fn tone_table() -> &'static [u8] {
    static TABLE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..TONE_LOW)
            .chain(TONE_HIGH.0..TONE_HIGH.1)
            .map(|u| {
                char::from_u32(u)
                    .and_then(tone_of_any_slow)
                    .map_or(0, |(base, tone, up)| {
                        let row = ROWS.iter().position(|r| r[0] == base).unwrap_or(0);
                        (row as u8 + 1) | (tone as u8) << 4 | (up as u8) << 7
                    })
            })
            .collect()
    })
}

/// [`tone_of_any`] by searching the rows.
fn tone_of_any_slow(c: char) -> Option<(char, usize, bool)> {
    let up = c.is_uppercase();
    let l = if up { c.to_lowercase().next()? } else { c };
    ROWS.iter()
        .find_map(|r| r.iter().position(|&x| x == l).map(|t| (r[0], t, up)))
}

/// (base, tone, uppercase) of a vowel of the `oa`/`oe`/`uy` rhymes (a e o u y).
fn tone_of(c: char) -> Option<(char, usize, bool)> {
    tone_of_any(c).filter(|(b, _, _)| matches!(b, 'a' | 'e' | 'o' | 'u' | 'y'))
}

fn toned(base: char, tone: usize, up: bool) -> char {
    let c = ROWS.iter().find(|r| r[0] == base).map_or(base, |r| r[tone]);
    if up {
        c.to_uppercase().next().unwrap_or(c)
    } else {
        c
    }
}

/// Move the tone of a word ending in the open rhymes `oa`, `oe`, `uy` to the place the
/// convention wants. `qua`/`quý` (u belongs to `qu`) and `gia` are not such rhymes.
fn place_tone(w: &str, tones: ToneMarks) -> Option<String> {
    let chars: Vec<char> = w.chars().collect();
    let n = chars.len();
    // A Vietnamese syllable has at most 7 letters (`nghiêng`).
    if !(2..=7).contains(&n) {
        return None;
    }
    let (a, b) = (tone_of(chars[n - 2])?, tone_of(chars[n - 1])?);
    if !matches!((a.0, b.0), ('o', 'a') | ('o', 'e') | ('u', 'y')) {
        return None;
    }
    if n >= 3 {
        let before = chars[n - 3];
        // `qua`, `quý`: the u belongs to `qu`; after another vowel the pair is not a rhyme.
        if matches!(before, 'q' | 'Q') || tone_of_any(before).is_some() {
            return None;
        }
    }
    let tone = if a.1 != 0 { a.1 } else { b.1 };
    if tone == 0 || (a.1 != 0 && b.1 != 0) {
        return None;
    }
    let want_first = tones == ToneMarks::Modern;
    if (a.1 != 0) == want_first {
        return None; // already right
    }
    let mut out: String = chars[..n - 2].iter().collect();
    if want_first {
        out.push(toned(a.0, tone, a.2));
        out.push(toned(b.0, 0, b.2));
    } else {
        out.push(toned(a.0, 0, a.2));
        out.push(toned(b.0, tone, b.2));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn norm(s: &str) -> String {
        normalize(s, ToneMarks::Modern).0
    }

    fn trad(s: &str) -> String {
        normalize(s, ToneMarks::Traditional).0
    }

    #[test]
    fn tone_table_answers_like_the_search_for_every_char() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(tone_of_any(c), tone_of_any_slow(c), "{c:?}");
        }
    }

    #[test]
    fn both_tone_conventions_become_one() {
        assert_eq!(norm("Hoà bình"), "Hòa bình");
        assert_eq!(norm("Hòa bình"), "Hòa bình");
        assert_eq!(
            norm("khoá học, Thuý Kiều, loè loẹt, huỷ bỏ, HOÀ BÌNH"),
            "khóa học, Thúy Kiều, lòe loẹt, hủy bỏ, HÒA BÌNH"
        );
        assert_eq!(
            trad("Hòa bình, khóa, thúy, hủy, Khỏe"),
            "Hoà bình, khoá, thuý, huỷ, Khoẻ"
        );
        // Not open oa/oe/uy rhymes: unchanged in both conventions.
        for w in [
            "hoàng", "thuyết", "quý", "quá", "Quỳnh", "giá", "già", "xoay", "khuya", "ngoài",
            "thuở", "hoặc", "quyết",
        ] {
            assert_eq!(norm(w), w);
            assert_eq!(trad(w), w);
        }
    }

    #[test]
    fn one_article_mixing_both_conventions_reads_one_way() {
        let mixed = "Hội đồng Hoà bình về Gaza; Hòa bình và ổn định ở khu vực.";
        let t = norm(mixed);
        assert_eq!(t.matches("Hòa bình").count(), 2, "{t}");
        let t = trad(mixed);
        assert_eq!(t.matches("Hoà bình").count(), 2, "{t}");
    }

    #[test]
    fn nfd_becomes_nfc_and_maps_back() {
        let nfd = "Ha\u{300} No\u{302}\u{323}i";
        let (t, m) = normalize(nfd, ToneMarks::Modern);
        assert_eq!(t, "Hà Nội");
        let noi = t.find("Nội").unwrap();
        assert_eq!(&nfd[m.to_source(noi..t.len())], "No\u{302}\u{323}i");
        // The whole of a real sentence in NFD, with an old-style `hoà`.
        let src = "Chủ tịch nước Lương Cường gặp Tổng thống Mỹ, hoà bình và hợp tác.";
        let nfd: String = src.nfd().collect();
        assert_eq!(
            norm(&nfd),
            "Chủ tịch nước Lương Cường gặp Tổng thống Mỹ, hòa bình và hợp tác."
        );
        // Marks in the non-canonical order are reordered, then composed.
        assert_eq!(norm("Vie\u{323}\u{302}t"), "Việt");
    }

    #[test]
    fn spaces_lookalikes_and_invisibles() {
        assert_eq!(norm("Hà\u{00A0}Nội\u{200B}"), "Hà Nội");
        assert_eq!(norm("Thủ\u{2009}tướng\u{202F}Nhật"), "Thủ tướng Nhật");
        assert_eq!(norm("\u{FEFF}Việt\u{00AD}Nam"), "ViệtNam");
        assert_eq!(
            norm("\u{00D0}à Nẵng, \u{00F0}ổi mới, \u{00D0}BSCL"),
            "Đà Nẵng, đổi mới, ĐBSCL"
        );
        // Eth inside a word is a letter of another language.
        assert_eq!(norm("Guðmundur, ÞÓRÐUR"), "Guðmundur, ÞÓRÐUR");
        // Curly quotes are kept as they are.
        assert_eq!(norm("“Tầm nhìn chung”"), "“Tầm nhìn chung”");
    }

    #[test]
    fn glued_sentences_get_a_space() {
        for (glued, fixed) in [
            ("của Việt Nam.Chủ tịch", "của Việt Nam. Chủ tịch"),
            ("thịnh vượng\".Chủ tịch", "thịnh vượng\". Chủ tịch"),
            ("ngày 12-16/11.Diễn đàn", "ngày 12-16/11. Diễn đàn"),
            ("Thủ tướng Ishiba.Chủ tịch", "Thủ tướng Ishiba. Chủ tịch"),
            ("hợp tác.Ông", "hợp tác. Ông"),
            ("“Hòa bình”.Sau đó", "“Hòa bình”. Sau đó"),
        ] {
            assert_eq!(norm(glued), fixed);
        }
        for keep in [
            "TP.HCM",
            "Tp.HCM",
            "Washington, D.C (Hoa Kỳ)",
            "U.S. Navy",
            "ASW 2.0",
            "28.000 tỷ",
            "Ph.D",
            "PGS.TS Nguyễn Văn A",
            "xem vnexpress.net/Thoi-su",
            "https://baochinhphu.vn/Tin.Html",
            "gửi nguyen.Van@mofa.gov.vn",
            "www.Vietnamplus.vn",
            "tin_tuc.Html",
            "v.v.Các",
        ] {
            assert_eq!(norm(keep), keep);
        }
    }

    #[test]
    fn glue_fix_maps_back() {
        let src = "hợp tác.Chủ tịch";
        let (t, m) = normalize(src, ToneMarks::Modern);
        let chu = t.find("Chủ").unwrap();
        assert_eq!(&src[m.to_source(chu..t.len())], "Chủ tịch");
        // The inserted space maps to an empty range between the period and the capital.
        assert_eq!(
            m.to_source(chu - 1..chu),
            "hợp tác.".len().."hợp tác.".len()
        );
    }

    #[test]
    fn only_the_changed_letters_are_a_replaced_piece() {
        let src = "Thuý";
        let (t, m) = normalize(src, ToneMarks::Modern);
        assert_eq!(t, "Thúy");
        assert_eq!(m.to_source(0..2), 0..2, "`Th` maps one to one");
    }

    #[test]
    fn skipping_clean_bytes_changes_nothing_on_the_sample_articles() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
        let mut n = 0;
        for dir in ["summits", "summits-extra"] {
            for e in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = e.unwrap().path();
                if path.extension().is_none_or(|x| x != "txt") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let nfd: String = text.nfd().collect();
                for t in [&text, &nfd] {
                    assert_eq!(
                        normalize_with(t, ToneMarks::Modern, true),
                        normalize_with(t, ToneMarks::Modern, false),
                        "{}",
                        path.display()
                    );
                }
                n += 1;
            }
        }
        assert!(n >= 5);
    }

    fn check_map(s: &str, t: &str, m: &OffsetMap) -> Result<(), TestCaseError> {
        prop_assert_eq!(m.text_len(), t.len());
        prop_assert_eq!(m.source_len(), s.len());
        let mut last = 0;
        for (i, _) in t.char_indices() {
            let r = m.to_source(i..t.len());
            prop_assert!(
                r.end <= s.len() && s.is_char_boundary(r.start) && s.is_char_boundary(r.end)
            );
            prop_assert!(r.start >= last, "monotone");
            last = r.start;
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn skipping_clean_bytes_changes_nothing(s in "(\\PC|[ .\u{300}\u{301}\u{302}\u{323}\u{A0}\u{AD}\u{200B}\u{2009}\u{3000}\u{FEFF}\u{D0}\u{F0}\u{189}\u{1E00}\u{1AB0}\"”]|[a-zđàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹ]{1,6}|oa|Oà|uý|oè|òa|ÚY|hoà|Thuỷ|Nam\\.Chủ|\\.Ông|11\\.Diễn|www\\.){0,60}") {
            let (t, m) = normalize_with(&s, ToneMarks::Modern, true);
            let (t0, m0) = normalize_with(&s, ToneMarks::Modern, false);
            prop_assert_eq!(&t, &t0);
            prop_assert_eq!(m, m0);
        }

        #[test]
        fn idempotent_and_maps_into_source(s in "(\\PC|[ .\u{300}\u{301}\u{302}\u{323}\u{A0}\u{200B}\u{D0}\u{F0}\"”]|oa|Oà|uý|oè|òa|ÚY|Nam\\.Chủ|\\.Ông|11\\.Diễn|www\\.){0,40}") {
            for tones in [ToneMarks::Modern, ToneMarks::Traditional] {
                let (t, m) = normalize(&s, tones);
                let (t2, _) = normalize(&t, tones);
                prop_assert_eq!(&t2, &t);
                check_map(&s, &t, &m)?;
            }
        }

        #[test]
        fn vietnamese_in_nfd_and_either_convention_reads_the_same(
            words in prop::collection::vec(prop::sample::select(vec![
                "hòa", "hoà", "khóa", "khoá", "thúy", "thuý", "hủy", "huỷ", "Hòa", "HOÀ",
                "Việt", "Nam", "quý", "già", "hoàng", "thuyết", "nước.Chủ", "tịch", "28.000",
            ]), 1..12),
            nfd in any::<bool>(),
        ) {
            let s = words.join(" ");
            let input: String = if nfd { s.nfd().collect() } else { s.clone() };
            let (t, m) = normalize(&input, ToneMarks::Modern);
            prop_assert_eq!(&t, &norm(&s));
            for old in ["hoà", "khoá", "thuý", "huỷ", "HOÀ"] {
                prop_assert!(!t.split(' ').any(|w| w == old), "{} in {}", old, t);
            }
            check_map(&input, &t, &m)?;
        }
    }
}
