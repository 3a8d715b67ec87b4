//! Encoding detection and decoding into UTF-8, with the offset map of the decoding.
//!
//! Detection: a byte-order mark decides; otherwise valid UTF-8 is UTF-8; otherwise a
//! UTF-16 pattern (every other byte zero) is UTF-16; otherwise each legacy Vietnamese
//! decoding (Windows-1258, TCVN3, VNI) is scored by how Vietnamese its letters look, and
//! the best one wins. Bytes that cannot be decoded become U+FFFD and are reported.

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
        Encoding::Windows1258 => decode_1258(bytes),
        Encoding::Tcvn3 => by_chars(bytes, |b, f| crate::legacy::decode_tcvn3(b, f)),
        Encoding::Vni => by_chars(bytes, |b, f| crate::legacy::decode_vni(b, f)),
    };
    d.encoding = enc;
    d
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
    if std::str::from_utf8(bytes).is_ok() && looks_utf16(bytes).is_none() {
        return (Encoding::Utf8, 0);
    }
    if let Some(le) = looks_utf16(bytes) {
        return (
            if le {
                Encoding::Utf16Le
            } else {
                Encoding::Utf16Be
            },
            0,
        );
    }
    // Mostly valid UTF-8 with a few bad bytes is still UTF-8.
    let valid = utf8_valid_share(bytes);
    if valid > 0.98 && bytes.iter().any(|&b| b >= 0xC0) {
        return (Encoding::Utf8, 0);
    }
    let candidates = [Encoding::Windows1258, Encoding::Tcvn3, Encoding::Vni];
    let best = candidates
        .into_iter()
        .map(|e| (e, plausibility(&decode(bytes, Some(e)).text)))
        .fold((Encoding::Utf8, f64::MIN), |best, x| {
            if x.1 > best.1 {
                x
            } else {
                best
            }
        });
    (if best.1 > 0.0 { best.0 } else { Encoding::Utf8 }, 0)
}

/// UTF-16 without BOM: in text that is mostly ASCII or Vietnamese, one byte of each pair
/// is zero (or 0x1E/0x01 for Vietnamese letters) far more often than in any 8-bit text.
fn looks_utf16(bytes: &[u8]) -> Option<bool> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
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

fn utf8_valid_share(bytes: &[u8]) -> f64 {
    let mut bad = 0usize;
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(_) => break,
            Err(e) => {
                bad += e.error_len().unwrap_or(1);
                rest = &rest
                    [e.valid_up_to() + e.error_len().unwrap_or(rest.len() - e.valid_up_to())..];
            }
        }
    }
    1.0 - bad as f64 / bytes.len().max(1) as f64
}

/// How Vietnamese a decoded text looks, word by word (after NFC, so Windows-1258's
/// combining marks count as letters): a word whose letters are all Vietnamese and that
/// carries at most one tone mark scores; a word with two tone marks, or with letters no
/// Vietnamese text has (¸ µ ¶ ø …), costs. A wrong legacy table yields such words fast.
fn plausibility(text: &str) -> f64 {
    use unicode_normalization::UnicodeNormalization;
    let nfc: String = text.nfc().collect();
    let mut score = 0.0;
    for word in nfc.split(|c: char| c.is_whitespace() || c.is_ascii_punctuation()) {
        if word.is_ascii() {
            continue;
        }
        let mut tones = 0;
        let mut foreign = 0;
        for c in word.chars() {
            if c.is_ascii_alphabetic() {
                continue;
            }
            match vietnamese_letter_tone(c) {
                Some(true) => tones += 1,
                Some(false) => {}
                None => foreign += 1,
            }
        }
        score += if foreign > 0 {
            -2.0 * foreign as f64
        } else if tones > 1 {
            -3.0
        } else {
            1.0
        };
    }
    score
}

/// `Some(has_tone)` for a Vietnamese letter outside ASCII, `None` for anything else.
fn vietnamese_letter_tone(c: char) -> Option<bool> {
    const TONED: &str = "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ";
    const PLAIN: &str = "ăâêôơưđ";
    let l = c.to_lowercase().next().unwrap_or(c);
    if TONED.contains(l) {
        Some(true)
    } else if PLAIN.contains(l) {
        Some(false)
    } else {
        None
    }
}

fn decode_utf8(bytes: &[u8], bom: usize) -> Decoded {
    let mut map = OffsetMap::default();
    map.replace(bom, 0);
    let mut warnings = Vec::new();
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
                // Safe: `ok` bytes were just validated.
                text.push_str(std::str::from_utf8(&rest[..ok]).unwrap_or_default());
                map.copy(ok);
                let bad = e.error_len().unwrap_or(rest.len() - ok);
                warnings.push(Warning {
                    offset: bom + pos + ok,
                    message: format!("{bad} byte(s) are not valid UTF-8; replaced by U+FFFD"),
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
        warnings,
    }
}

fn decode_utf16(bytes: &[u8], le: bool, bom: usize) -> Decoded {
    let mut map = OffsetMap::default();
    map.replace(bom, 0);
    let mut warnings = Vec::new();
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
                warnings.push(Warning {
                    offset,
                    message: "an unpaired UTF-16 surrogate; replaced by U+FFFD".into(),
                });
                ('\u{FFFD}', 2)
            }
        };
        text.push(c);
        if c.is_ascii() && n == 2 {
            map.replace(2, 1);
        } else {
            map.replace(n, c.len_utf8());
        }
        offset += n;
    }
    if bytes.len() % 2 == 1 {
        warnings.push(Warning {
            offset,
            message: "a trailing odd byte in UTF-16; replaced by U+FFFD".into(),
        });
        text.push('\u{FFFD}');
        map.replace(1, 3);
    }
    Decoded {
        text,
        map,
        encoding: Encoding::Utf16Le,
        warnings,
    }
}

fn decode_1258(bytes: &[u8]) -> Decoded {
    // Windows-1258 is single-byte: decode byte by byte to keep an exact map.
    by_chars(bytes, |b, f| {
        let mut buf = [0u8; 1];
        for &x in b {
            if x < 0x80 {
                f(1, x as char);
                continue;
            }
            buf[0] = x;
            let (s, _) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(&buf);
            f(1, s.chars().next().unwrap_or('\u{FFFD}'));
        }
    })
}

fn by_chars(bytes: &[u8], run: impl FnOnce(&[u8], &mut dyn FnMut(usize, char))) -> Decoded {
    let mut text = String::with_capacity(bytes.len() * 2);
    let mut map = OffsetMap::default();
    let mut warnings = Vec::new();
    let mut offset = 0;
    run(bytes, &mut |n, c| {
        if c == '\u{FFFD}' {
            warnings.push(Warning {
                offset,
                message: "a byte with no character in this encoding; replaced by U+FFFD".into(),
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
        warnings,
    }
}
