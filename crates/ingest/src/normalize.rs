//! Normalization: NFC, one tone-mark convention, look-alike letters, odd spaces, and a
//! missing space after a sentence-final period — every change recorded in an offset map.
//!
//! The text is handled a word at a time (a run of letters and combining marks); other
//! characters one at a time. ASCII words are copied untouched, so most of a Vietnamese
//! text costs one scan. Normalizing twice gives the same text as normalizing once.

use serde::{Deserialize, Serialize};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use sen_core::OffsetMap;

/// Where the tone mark of an open `oa`, `oe`, `uy` syllable goes.
///
/// Sen follows the names used in its pipelines: `modern` writes `hòa`, `khóa`, `thúy`
/// (mark on the first vowel), `traditional` writes `hoà`, `khoá`, `thuý`. Syllables with
/// a final consonant (`hoàng`, `thuyết`) are the same in both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToneMarks {
    #[default]
    Modern,
    Traditional,
}

/// Normalize `input`; the map takes spans of the result back to `input`.
pub fn normalize(input: &str, tones: ToneMarks) -> (String, OffsetMap) {
    let mut out = String::with_capacity(input.len() + 16);
    let mut map = OffsetMap::default();
    let b = input.as_bytes();
    let mut i = 0;
    let mut copy_from = 0; // start of a pending run copied as is
    let flush = |out: &mut String, map: &mut OffsetMap, from: usize, to: usize| {
        if to > from {
            out.push_str(&input[from..to]);
            map.copy(to - from);
        }
    };
    while i < b.len() {
        let c = b[i];
        if c.is_ascii() {
            // A glued sentence: `nước.Chủ` gets a space after the period.
            if c == b'.' && glued_sentence(input, i) {
                flush(&mut out, &mut map, copy_from, i + 1);
                out.push(' ');
                map.replace(0, 1);
                copy_from = i + 1;
            }
            i += 1;
            continue;
        }
        let ch = input[i..].chars().next().unwrap_or('\u{FFFD}');
        if is_word_char(ch) {
            // The whole word (it may begin with ASCII letters already passed).
            let start = word_start(input, i).max(copy_from);
            let end = word_end(input, i);
            let word = &input[start..end];
            let fixed = fix_word(word, tones);
            if let Some(fixed) = fixed {
                flush(&mut out, &mut map, copy_from, start);
                out.push_str(&fixed);
                map.replace(end - start, fixed.len());
                copy_from = end;
            }
            i = end;
            continue;
        }
        let n = ch.len_utf8();
        let replacement = match ch {
            '\u{00A0}'
            | '\u{2007}'
            | '\u{202F}'
            | '\u{2000}'..='\u{200A}'
            | '\u{3000}'
            | '\u{205F}' => Some(" "),
            _ => None,
        };
        if let Some(r) = replacement {
            flush(&mut out, &mut map, copy_from, i);
            out.push_str(r);
            map.replace(n, r.len());
            copy_from = i + n;
        }
        i += n;
    }
    flush(&mut out, &mut map, copy_from, b.len());
    (out, map)
}

/// Letters, combining marks, and the invisible characters that get deleted — so a mark
/// after a zero-width space still lands on its letter, in one pass.
/// Only Latin letters make words here: other scripts are copied as they are.
fn is_word_char(c: char) -> bool {
    is_latin_letter(c) || is_mark(c) || is_invisible(c)
}

fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic() && ((c as u32) < 0x250 || ('\u{1E00}'..='\u{1EFF}').contains(&c))
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF)
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

/// `.` between a lowercase word of three letters or more and a capital letter, with no
/// space: two sentences glued. `TP.HCM`, `D.C`, `U.S.`, `Ph.D`, `2.0`, `28.000`, domain
/// names (`vnexpress.net`) are left alone.
fn glued_sentence(s: &str, dot: usize) -> bool {
    let after = s[dot + 1..].chars().find(|c| !is_invisible(*c));
    if !after.is_some_and(char::is_uppercase) {
        return false;
    }
    let before: Vec<char> = s[..dot]
        .chars()
        .rev()
        .take_while(|c| is_word_char(*c))
        .collect();
    let mut letters = before.iter().filter(|c| c.is_alphabetic());
    if !letters.next().is_some_and(|c| c.is_lowercase()) || letters.count() < 2 {
        return false;
    }
    // Not inside a URL, an e-mail or a file name.
    let word_start = dot - before.iter().map(|c| c.len_utf8()).sum::<usize>();
    let prev = s[..word_start].chars().next_back();
    !matches!(prev, Some('/' | '@' | ':' | '_'))
}

/// The normalized form of one word, or `None` when it is already normal.
fn fix_word(word: &str, tones: ToneMarks) -> Option<String> {
    let visible: Option<String> = word
        .contains(is_invisible)
        .then(|| word.replace(is_invisible, ""));
    let word = visible.as_deref().unwrap_or(word);
    let nfc: Option<String> = match is_nfc_quick(word.chars()) {
        IsNormalized::Yes => None,
        _ => {
            let n: String = word.nfc().collect();
            (n != word).then_some(n)
        }
    };
    let w = nfc.as_deref().unwrap_or(word);
    let lookalike = w.contains(['\u{00D0}', '\u{0189}']);
    let w2: Option<String> = lookalike.then(|| w.replace(['\u{00D0}', '\u{0189}'], "Đ"));
    let w = w2.as_deref().unwrap_or(w);
    match place_tone(w, tones) {
        Some(t) => Some(t),
        None => w2.or(nfc).or(visible),
    }
}

/// Vowels with their tones: plain, huyền, sắc, hỏi, ngã, nặng.
const ROWS: [[char; 6]; 6] = [
    ['a', 'à', 'á', 'ả', 'ã', 'ạ'],
    ['e', 'è', 'é', 'ẻ', 'ẽ', 'ẹ'],
    ['o', 'ò', 'ó', 'ỏ', 'õ', 'ọ'],
    ['u', 'ù', 'ú', 'ủ', 'ũ', 'ụ'],
    ['y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'],
    ['i', 'ì', 'í', 'ỉ', 'ĩ', 'ị'],
];

/// (base, tone, uppercase) of a vowel in [`ROWS`].
fn vowel(c: char) -> Option<(char, usize, bool)> {
    let up = c.is_uppercase();
    let l = if up { c.to_lowercase().next()? } else { c };
    ROWS.iter()
        .find_map(|r| r.iter().position(|&x| x == l).map(|t| (r[0], t, up)))
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
    if !(2..=7).contains(&n) {
        return None;
    }
    let (a, b) = (vowel(chars[n - 2])?, vowel(chars[n - 1])?);
    let pair = (a.0, b.0);
    if !matches!(pair, ('o', 'a') | ('o', 'e') | ('u', 'y')) {
        return None;
    }
    if n >= 3 {
        let before = chars[n - 3].to_lowercase().next()?;
        // `qua`, `quý`: the u belongs to `qu`; after another vowel the pair is not a rhyme.
        if before == 'q' || vowel(chars[n - 3]).is_some() || "ăâêôơư".contains(before) {
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

    #[test]
    fn both_tone_conventions_become_one() {
        assert_eq!(norm("Hoà bình"), "Hòa bình");
        assert_eq!(norm("Hòa bình"), "Hòa bình");
        assert_eq!(
            norm("khoá học, Thuý Kiều, loè loẹt"),
            "khóa học, Thúy Kiều, lòe loẹt"
        );
        assert_eq!(
            normalize("Hòa bình, khóa, thúy", ToneMarks::Traditional).0,
            "Hoà bình, khoá, thuý"
        );
        // Not open oa/oe/uy rhymes: unchanged in both conventions.
        for w in ["hoàng", "thuyết", "quý", "quá", "Quỳnh", "giá", "xoay"] {
            assert_eq!(norm(w), w);
            assert_eq!(normalize(w, ToneMarks::Traditional).0, w);
        }
    }

    #[test]
    fn nfd_becomes_nfc_and_maps_back() {
        let nfd = "Ha\u{300} No\u{302}\u{323}i";
        let (t, m) = normalize(nfd, ToneMarks::Modern);
        assert_eq!(t, "Hà Nội");
        let noi = t.find("Nội").unwrap();
        assert_eq!(&nfd[m.to_source(noi..t.len())], "No\u{302}\u{323}i");
    }

    #[test]
    fn spaces_lookalikes_and_glue() {
        assert_eq!(norm("Hà\u{00A0}Nội\u{200B}"), "Hà Nội");
        assert_eq!(norm("\u{00D0}à Nẵng"), "Đà Nẵng");
        assert_eq!(
            norm("của Việt Nam.Chủ tịch Tập Cận Bình"),
            "của Việt Nam. Chủ tịch Tập Cận Bình"
        );
        for keep in [
            "TP.HCM",
            "Washington, D.C (Hoa Kỳ)",
            "U.S. Navy",
            "ASW 2.0",
            "28.000 tỷ",
            "Ph.D",
            "xem vnexpress.net/Thoi-su",
        ] {
            assert_eq!(norm(keep), keep);
        }
        // Curly quotes are kept as they are.
        assert_eq!(norm("“Tầm nhìn chung”"), "“Tầm nhìn chung”");
    }

    #[test]
    fn glue_fix_maps_back() {
        let src = "hợp tác.Chủ tịch";
        let (t, m) = normalize(src, ToneMarks::Modern);
        let chu = t.find("Chủ").unwrap();
        assert_eq!(&src[m.to_source(chu..t.len())], "Chủ tịch");
    }

    proptest! {
        #[test]
        fn idempotent_and_maps_into_source(s in "(\\PC|[ .\u{300}\u{301}\u{323}\u{A0}\u{200B}]|oa|Oà|uý|oè|Nam\\.Chủ){0,40}") {
            for tones in [ToneMarks::Modern, ToneMarks::Traditional] {
                let (t, m) = normalize(&s, tones);
                let (t2, _) = normalize(&t, tones);
                prop_assert_eq!(&t2, &t);
                prop_assert_eq!(m.text_len(), t.len());
                prop_assert_eq!(m.source_len(), s.len());
                for (i, _) in t.char_indices() {
                    let r = m.to_source(i..t.len());
                    prop_assert!(r.end <= s.len() && s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
                }
            }
        }
    }
}
