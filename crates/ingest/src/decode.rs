//! Encoding detection and decoding into UTF-8, with the offset map of the decoding.
//!
//! Detection: a byte-order mark decides; otherwise a UTF-16 pattern (every other byte
//! zero) is UTF-16; otherwise UTF-8 whose multi-byte sequences are (nearly all) valid is
//! UTF-8 — a legacy 8-bit text almost never forms one by chance; otherwise each legacy
//! Vietnamese decoding (Windows-1258, TCVN3, VNI) of the first 64 KiB is scored by how
//! Vietnamese its words look, and the best one wins. Bytes that cannot be decoded become
//! U+FFFD and are reported with their offset (the first hundred one by one, then a count).

use serde::{Deserialize, Serialize};

use sen_core::document::Warning;
use sen_core::OffsetMap;

/// A text encoding Sen reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Encoding {
    #[serde(rename = "utf-8")]
    Utf8,
    #[serde(rename = "utf-16le")]
    Utf16Le,
    #[serde(rename = "utf-16be")]
    Utf16Be,
    #[serde(rename = "windows-1258")]
    Windows1258,
    #[serde(rename = "tcvn3")]
    Tcvn3,
    #[serde(rename = "vni")]
    Vni,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1258 => "windows-1258",
            Encoding::Tcvn3 => "TCVN3",
            Encoding::Vni => "VNI",
        }
    }
}

/// Decoded text, the map back to the bytes, the encoding used and any problems.
pub struct Decoded {
    pub text: String,
    pub map: OffsetMap,
    pub encoding: Encoding,
    pub warnings: Vec<Warning>,
}

/// Decode `bytes`, detecting the encoding unless `forced`.
pub fn decode(bytes: &[u8], forced: Option<Encoding>) -> Decoded {
    // The common case, valid UTF-8 without a BOM, is validated once (SIMD: Vietnamese text
    // is mostly multi-byte letters, where the standard check is several times slower) and
    // copied once.
    if forced.is_none_or(|e| e == Encoding::Utf8) && bom_len(bytes, Encoding::Utf8) == 0 {
        if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
            if forced.is_some() || looks_utf16(sample(bytes)).is_none() {
                return Decoded {
                    text: s.to_owned(),
                    map: OffsetMap::identity(s.len()),
                    encoding: Encoding::Utf8,
                    warnings: Vec::new(),
                };
            }
        }
    }
    // A BOM is kept out of the text but stays in the map (a deleted piece).
    let (enc, bom) = match forced {
        Some(e) => (e, bom_len(bytes, e)),
        None => detect(bytes),
    };
    let mut d = match enc {
        Encoding::Utf8 => decode_utf8(&bytes[bom..], bom),
        Encoding::Utf16Le | Encoding::Utf16Be => {
            decode_utf16(&bytes[bom..], enc == Encoding::Utf16Le, bom)
        }
        Encoding::Windows1258 => {
            let t = windows_1258();
            by_chars(bytes, |b, f| b.iter().for_each(|&x| f(1, t[x as usize])))
        }
        Encoding::Tcvn3 => by_chars(bytes, |b, f| crate::legacy::decode_tcvn3(b, f)),
        Encoding::Vni => by_chars(bytes, |b, f| crate::legacy::decode_vni(b, f)),
    };
    d.encoding = enc;
    d
}

/// How much of a file detection looks at: enough words to tell the encodings apart.
const SAMPLE: usize = 64 << 10;

fn sample(bytes: &[u8]) -> &[u8] {
    &bytes[..bytes.len().min(SAMPLE)]
}

fn bom_len(bytes: &[u8], enc: Encoding) -> usize {
    match enc {
        Encoding::Utf8 if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) => 3,
        Encoding::Utf16Le if bytes.starts_with(&[0xFF, 0xFE]) => 2,
        Encoding::Utf16Be if bytes.starts_with(&[0xFE, 0xFF]) => 2,
        _ => 0,
    }
}

/// The encoding of `bytes` and the length of its byte-order mark.
pub fn detect(bytes: &[u8]) -> (Encoding, usize) {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return (Encoding::Utf8, 3);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return (Encoding::Utf16Le, 2);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return (Encoding::Utf16Be, 2);
    }
    let head = sample(bytes);
    if let Some(le) = looks_utf16(head) {
        let enc = if le {
            Encoding::Utf16Le
        } else {
            Encoding::Utf16Be
        };
        return (enc, 0);
    }
    let (good, bad) = utf8_sequences(head);
    if bad == 0 || (good > 0 && good >= 4 * bad) {
        return (Encoding::Utf8, 0);
    }
    let best = [Encoding::Windows1258, Encoding::Tcvn3, Encoding::Vni]
        .into_iter()
        .map(|e| (e, plausibility(&decode(head, Some(e)).text)))
        .fold(
            (Encoding::Utf8, 0.0),
            |best, x| if x.1 > best.1 { x } else { best },
        );
    // Nothing reads as Vietnamese: UTF-8 with its bad bytes reported is the honest answer.
    (best.0, 0)
}

/// UTF-16 without BOM: in text that is mostly ASCII or Vietnamese, one byte of each pair
/// is zero far more often than in any 8-bit text. `Some(true)` for little-endian.
fn looks_utf16(bytes: &[u8]) -> Option<bool> {
    let bytes = &bytes[..bytes.len() & !1];
    // Text has spaces; UTF-16 text has a zero byte in the first few hundred.
    if bytes.len() < 4 || !bytes[..bytes.len().min(512)].contains(&0) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let (mut even0, mut odd0) = (0usize, 0usize);
    for p in bytes.chunks_exact(2) {
        even0 += usize::from(p[0] == 0);
        odd0 += usize::from(p[1] == 0);
    }
    if odd0 * 10 > pairs * 4 && even0 * 10 < pairs {
        Some(true)
    } else if even0 * 10 > pairs * 4 && odd0 * 10 < pairs {
        Some(false)
    } else {
        None
    }
}

/// Valid multi-byte UTF-8 sequences and invalid ones in `bytes` (a sequence cut by the
/// end of the sample counts as neither).
fn utf8_sequences(bytes: &[u8]) -> (usize, usize) {
    let lead = |s: &[u8]| s.iter().filter(|&&b| b >= 0xC0).count();
    let (mut good, mut bad) = (0, 0);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(_) => return (good + lead(rest), bad),
            Err(e) => {
                let ok = e.valid_up_to();
                good += lead(&rest[..ok]);
                let Some(n) = e.error_len() else {
                    return (good, bad);
                };
                bad += 1;
                rest = &rest[ok + n..];
            }
        }
    }
}

/// How Vietnamese a decoded text looks, word by word (after NFC, so Windows-1258's
/// combining marks count as letters): a word that is a well-formed Vietnamese syllable
/// (initial, vowel nucleus, final, at most one tone) scores; a word with letters no
/// Vietnamese text has (¸ µ ¶ ø …) or an impossible shape (`Haứ`, `Noọi`) costs. A wrong
/// legacy table yields such words fast.
fn plausibility(text: &str) -> f64 {
    use unicode_normalization::UnicodeNormalization;
    let nfc: String = text.nfc().collect();
    let mut score = 0.0;
    for word in nfc.split(|c: char| !c.is_alphabetic()) {
        if word.is_ascii() {
            continue;
        }
        score += match syllable_shape(word) {
            Shape::Syllable => 1.0,
            Shape::Malformed => -1.0,
            Shape::Foreign(n) => -2.0 * n as f64,
        };
    }
    score
}

enum Shape {
    Syllable,
    Malformed,
    /// This many letters no Vietnamese word has.
    Foreign(usize),
}

/// Is `word` (with at least one letter outside ASCII) a well-formed Vietnamese syllable?
fn syllable_shape(word: &str) -> Shape {
    const INITIALS: &[&str] = &[
        "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
        "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
    ];
    const NUCLEI: &[&str] = &[
        "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu",
        "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "oo", "ôi", "ơi", "ua", "uâ",
        "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê", "iêu", "oai", "oao", "oay",
        "oeo", "uây", "uôi", "uya", "uyê", "uyu", "ươi", "ươu", "yêu",
    ];
    const FINALS: &[&str] = &["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];
    let mut base = String::with_capacity(word.len());
    let (mut tones, mut foreign) = (0, 0);
    for c in word.chars().flat_map(char::to_lowercase) {
        match base_letter(c) {
            Some((b, toned)) => {
                base.push(b);
                tones += usize::from(toned);
            }
            None => foreign += 1,
        }
    }
    if foreign > 0 {
        return Shape::Foreign(foreign);
    }
    let is_vowel = |c: char| "aăâeêioôơuưy".contains(c);
    let v0 = base.find(is_vowel).unwrap_or(base.len());
    let v1 = base[v0..]
        .find(|c| !is_vowel(c))
        .map_or(base.len(), |k| v0 + k);
    // `gi` and `qu` take the vowel letter after them: `giờ`, `quý`, `quyết` (not `gì`).
    let lead = base.starts_with("gi") || base.starts_with("qu");
    let (initial, nucleus) = if lead && v0 == 1 && v1 > 2 {
        (&base[..2], &base[2..v1])
    } else {
        (&base[..v0], &base[v0..v1])
    };
    let fin = &base[v1..];
    let ok = tones <= 1
        && !nucleus.is_empty()
        && INITIALS.contains(&initial)
        && NUCLEI.contains(&nucleus)
        && FINALS.contains(&fin);
    if ok {
        Shape::Syllable
    } else {
        Shape::Malformed
    }
}

/// A small Vietnamese letter without its tone, and whether it had one.
fn base_letter(c: char) -> Option<(char, bool)> {
    const TONED: [(char, &str); 12] = [
        ('a', "àáảãạ"),
        ('ă', "ằắẳẵặ"),
        ('â', "ầấẩẫậ"),
        ('e', "èéẻẽẹ"),
        ('ê', "ềếểễệ"),
        ('i', "ìíỉĩị"),
        ('o', "òóỏõọ"),
        ('ô', "ồốổỗộ"),
        ('ơ', "ờớởỡợ"),
        ('u', "ùúủũụ"),
        ('ư', "ừứửữự"),
        ('y', "ỳýỷỹỵ"),
    ];
    if c.is_ascii_lowercase() || "ăâêôơưđ".contains(c) {
        return Some((c, false));
    }
    TONED
        .iter()
        .find(|(_, t)| t.contains(c))
        .map(|(b, _)| (*b, true))
}

/// Problems met while decoding: the first [`Report::MAX`] one by one, then a count, so a
/// binary file does not turn into millions of warnings.
#[derive(Default)]
struct Report {
    warnings: Vec<Warning>,
    more: usize,
    first_more: usize,
}

impl Report {
    const MAX: usize = 100;

    fn push(&mut self, offset: usize, message: impl FnOnce() -> String) {
        if self.warnings.len() < Self::MAX {
            self.warnings.push(Warning {
                offset,
                message: message(),
            });
        } else {
            if self.more == 0 {
                self.first_more = offset;
            }
            self.more += 1;
        }
    }

    fn finish(mut self) -> Vec<Warning> {
        if self.more > 0 {
            self.warnings.push(Warning {
                offset: self.first_more,
                message: format!(
                    "{} more undecodable byte sequence(s) from here on, each replaced by U+FFFD",
                    self.more
                ),
            });
        }
        self.warnings
    }
}

fn decode_utf8(bytes: &[u8], bom: usize) -> Decoded {
    let mut map = OffsetMap::default();
    map.replace(bom, 0);
    let mut report = Report::default();
    let mut text = String::with_capacity(bytes.len());
    let mut pos = 0;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                text.push_str(s);
                map.copy(s.len());
                break;
            }
            Err(e) => {
                let ok = e.valid_up_to();
                // `ok` bytes were just validated.
                text.push_str(std::str::from_utf8(&rest[..ok]).unwrap_or_default());
                map.copy(ok);
                let bad = e.error_len().unwrap_or(rest.len() - ok);
                report.push(bom + pos + ok, || {
                    format!("{bad} byte(s) are not valid UTF-8; replaced by U+FFFD")
                });
                text.push('\u{FFFD}');
                map.replace(bad, 3);
                pos += ok + bad;
                rest = &rest[ok + bad..];
            }
        }
    }
    Decoded {
        text,
        map,
        encoding: Encoding::Utf8,
        warnings: report.finish(),
    }
}

fn decode_utf16(bytes: &[u8], le: bool, bom: usize) -> Decoded {
    let mut map = OffsetMap::default();
    map.replace(bom, 0);
    let mut report = Report::default();
    let mut text = String::with_capacity(bytes.len());
    let units = bytes.chunks_exact(2).map(|p| {
        if le {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    let mut offset = bom;
    for r in char::decode_utf16(units) {
        let (c, n) = match r {
            Ok(c) => (c, c.len_utf16() * 2),
            Err(_) => {
                report.push(offset, || {
                    "an unpaired UTF-16 surrogate; replaced by U+FFFD".into()
                });
                ('\u{FFFD}', 2)
            }
        };
        text.push(c);
        map.replace(n, c.len_utf8());
        offset += n;
    }
    if bytes.len() % 2 == 1 {
        report.push(offset, || {
            "a trailing odd byte in UTF-16; replaced by U+FFFD".into()
        });
        text.push('\u{FFFD}');
        map.replace(1, 3);
    }
    Decoded {
        text,
        map,
        encoding: Encoding::Utf16Le,
        warnings: report.finish(),
    }
}

/// Windows-1258 byte → char, from encoding_rs; the bytes the code page leaves undefined
/// (decoded by WHATWG as C1 controls) are U+FFFD.
fn windows_1258() -> &'static [char; 256] {
    static TABLE: std::sync::OnceLock<[char; 256]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = ['\u{FFFD}'; 256];
        for (b, slot) in t.iter_mut().enumerate() {
            let byte = [b as u8];
            let (s, _) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(&byte);
            let c = s.chars().next().unwrap_or('\u{FFFD}');
            if b < 0x80 || !('\u{80}'..='\u{9F}').contains(&c) {
                *slot = c;
            }
        }
        t
    })
}

fn by_chars(bytes: &[u8], run: impl FnOnce(&[u8], &mut dyn FnMut(usize, char))) -> Decoded {
    let mut text = String::with_capacity(bytes.len() * 2);
    let mut map = OffsetMap::default();
    let mut report = Report::default();
    let mut offset = 0;
    run(bytes, &mut |n, c| {
        if c == '\u{FFFD}' {
            report.push(offset, || {
                "a byte with no character in this encoding; replaced by U+FFFD".into()
            });
        }
        if c.is_ascii() && n == 1 {
            map.copy(1);
        } else {
            map.replace(n, c.len_utf8());
        }
        text.push(c);
        offset += n;
    });
    Decoded {
        text,
        map,
        encoding: Encoding::Utf8,
        warnings: report.finish(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_vietnamese_words_are_syllables() {
        for w in [
            "Việt",
            "người",
            "đường",
            "nghiêng",
            "khuya",
            "quyết",
            "giờ",
            "gì",
            "giữa",
            "thuở",
            "hoàng",
            "xoay",
            "Huế",
            "khuyên",
            "ngoằn",
            "Nẵng",
            "tuyệt",
            "Quốc",
            "hội",
            "ĐÀM",
        ] {
            assert!(matches!(syllable_shape(w), Shape::Syllable), "{w}");
        }
        for w in ["Haứ", "Noọi", "Viờũt", "thươngg", "µa"] {
            assert!(!matches!(syllable_shape(w), Shape::Syllable), "{w}");
        }
    }

    #[test]
    fn the_sample_articles_read_as_vietnamese_word_by_word() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/summits");
        let (mut good, mut all) = (0, 0);
        for e in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            for w in text
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_ascii())
            {
                all += 1;
                good += usize::from(matches!(syllable_shape(w), Shape::Syllable));
            }
        }
        assert!(all > 1000 && good * 100 >= all * 99, "{good} of {all}");
    }
}
