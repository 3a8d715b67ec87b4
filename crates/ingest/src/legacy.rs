//! The 8-bit Vietnamese encodings older documents still use: TCVN3 (ABC, TCVN 5712:1993)
//! and VNI (VNI-Windows). Tables written from the published charts.
//!
//! TCVN3 gives one byte per precomposed letter. The common ABC fonts (VN3) have only the
//! small toned letters and wrote capitals by switching to a capital font, so such
//! capitals decode as small letters; the full standard (VN1) also puts toned capitals in
//! 0x01–0x17 and 0x80–0x9F and combining tone marks in 0xB0–0xB4, and those decode too.
//! VNI writes a base letter followed by one mark byte (`a` + `ù` = `á`), so decoding
//! looks one byte ahead; bytes VNI does not use read as Windows-1252.

/// TCVN 5712:1993 bytes that are not ASCII (every other byte is ASCII).
const TCVN3_PAIRS: [(u8, char); 140] = [
    (0x01, 'Ú'),
    (0x02, 'Ụ'),
    (0x04, 'Ừ'),
    (0x05, 'Ử'),
    (0x06, 'Ữ'),
    (0x11, 'Ứ'),
    (0x12, 'Ự'),
    (0x13, 'Ỳ'),
    (0x14, 'Ỷ'),
    (0x15, 'Ỹ'),
    (0x16, 'Ý'),
    (0x17, 'Ỵ'),
    (0x80, 'À'),
    (0x81, 'Ả'),
    (0x82, 'Ã'),
    (0x83, 'Á'),
    (0x84, 'Ạ'),
    (0x85, 'Ặ'),
    (0x86, 'Ậ'),
    (0x87, 'È'),
    (0x88, 'Ẻ'),
    (0x89, 'Ẽ'),
    (0x8A, 'É'),
    (0x8B, 'Ẹ'),
    (0x8C, 'Ệ'),
    (0x8D, 'Ì'),
    (0x8E, 'Ỉ'),
    (0x8F, 'Ĩ'),
    (0x90, 'Í'),
    (0x91, 'Ị'),
    (0x92, 'Ò'),
    (0x93, 'Ỏ'),
    (0x94, 'Õ'),
    (0x95, 'Ó'),
    (0x96, 'Ọ'),
    (0x97, 'Ộ'),
    (0x98, 'Ờ'),
    (0x99, 'Ở'),
    (0x9A, 'Ỡ'),
    (0x9B, 'Ớ'),
    (0x9C, 'Ợ'),
    (0x9D, 'Ù'),
    (0x9E, 'Ủ'),
    (0x9F, 'Ũ'),
    (0xA0, '\u{00A0}'),
    (0xA1, 'Ă'),
    (0xA2, 'Â'),
    (0xA3, 'Ê'),
    (0xA4, 'Ô'),
    (0xA5, 'Ơ'),
    (0xA6, 'Ư'),
    (0xA7, 'Đ'),
    (0xA8, 'ă'),
    (0xA9, 'â'),
    (0xAA, 'ê'),
    (0xAB, 'ô'),
    (0xAC, 'ơ'),
    (0xAD, 'ư'),
    (0xAE, 'đ'),
    (0xAF, 'Ằ'),
    (0xB0, '\u{0300}'),
    (0xB1, '\u{0309}'),
    (0xB2, '\u{0303}'),
    (0xB3, '\u{0301}'),
    (0xB4, '\u{0323}'),
    (0xB5, 'à'),
    (0xB6, 'ả'),
    (0xB7, 'ã'),
    (0xB8, 'á'),
    (0xB9, 'ạ'),
    (0xBA, 'Ẳ'),
    (0xBB, 'ằ'),
    (0xBC, 'ẳ'),
    (0xBD, 'ẵ'),
    (0xBE, 'ắ'),
    (0xBF, 'Ẵ'),
    (0xC0, 'Ắ'),
    (0xC1, 'Ầ'),
    (0xC2, 'Ẩ'),
    (0xC3, 'Ẫ'),
    (0xC4, 'Ấ'),
    (0xC5, 'Ề'),
    (0xC6, 'ặ'),
    (0xC7, 'ầ'),
    (0xC8, 'ẩ'),
    (0xC9, 'ẫ'),
    (0xCA, 'ấ'),
    (0xCB, 'ậ'),
    (0xCC, 'è'),
    (0xCD, 'Ể'),
    (0xCE, 'ẻ'),
    (0xCF, 'ẽ'),
    (0xD0, 'é'),
    (0xD1, 'ẹ'),
    (0xD2, 'ề'),
    (0xD3, 'ể'),
    (0xD4, 'ễ'),
    (0xD5, 'ế'),
    (0xD6, 'ệ'),
    (0xD7, 'ì'),
    (0xD8, 'ỉ'),
    (0xD9, 'Ễ'),
    (0xDA, 'Ế'),
    (0xDB, 'Ồ'),
    (0xDC, 'ĩ'),
    (0xDD, 'í'),
    (0xDE, 'ị'),
    (0xDF, 'ò'),
    (0xE0, 'Ổ'),
    (0xE1, 'ỏ'),
    (0xE2, 'õ'),
    (0xE3, 'ó'),
    (0xE4, 'ọ'),
    (0xE5, 'ồ'),
    (0xE6, 'ổ'),
    (0xE7, 'ỗ'),
    (0xE8, 'ố'),
    (0xE9, 'ộ'),
    (0xEA, 'ờ'),
    (0xEB, 'ở'),
    (0xEC, 'ỡ'),
    (0xED, 'ớ'),
    (0xEE, 'ợ'),
    (0xEF, 'ù'),
    (0xF0, 'Ỗ'),
    (0xF1, 'ủ'),
    (0xF2, 'ũ'),
    (0xF3, 'ú'),
    (0xF4, 'ụ'),
    (0xF5, 'ừ'),
    (0xF6, 'ử'),
    (0xF7, 'ữ'),
    (0xF8, 'ứ'),
    (0xF9, 'ự'),
    (0xFA, 'ỳ'),
    (0xFB, 'ỷ'),
    (0xFC, 'ỹ'),
    (0xFD, 'ý'),
    (0xFE, 'ỵ'),
    (0xFF, 'Ố'),
];

/// Byte → char for TCVN3.
static TCVN3: [char; 256] = {
    let mut t = ['\0'; 256];
    let mut i = 0;
    while i < 128 {
        t[i] = i as u8 as char;
        i += 1;
    }
    let mut k = 0;
    while k < TCVN3_PAIRS.len() {
        t[TCVN3_PAIRS[k].0 as usize] = TCVN3_PAIRS[k].1;
        k += 1;
    }
    t
};

/// Decode TCVN3; `each(bytes_consumed, char)`. Every byte is one char (all 256 have one).
pub fn decode_tcvn3(bytes: &[u8], mut each: impl FnMut(usize, char)) {
    for &b in bytes {
        each(1, TCVN3[b as usize]);
    }
}

/// Encode text as TCVN3 (for tests and round trips); `None` if a char has no byte.
/// Toned capitals take their VN1 bytes.
pub fn encode_tcvn3(text: &str) -> Option<Vec<u8>> {
    text.chars()
        .map(|c| {
            if (c as u32) < 0x80 {
                // The control bytes TCVN3 reuses for capitals cannot stand for themselves.
                return (TCVN3[c as usize] == c).then_some(c as u8);
            }
            TCVN3_PAIRS.iter().find(|(_, t)| *t == c).map(|(b, _)| *b)
        })
        .collect()
}

/// What a VNI mark byte does to the base letter before it.
#[derive(Clone, Copy)]
enum Mark {
    /// A tone (index into [`ROWS`] columns: 1 huyền … 5 nặng).
    Tone(usize),
    /// Circumflex (â ê ô) with a tone index 0..=5.
    Hat(usize),
    /// Breve (ă) with a tone index 0..=5.
    Breve(usize),
}

/// VNI mark bytes in their small form; the capital form is the Latin-1 capital (-0x20).
const VNI_MARKS: [(u8, Mark); 17] = [
    (0xF8, Mark::Tone(1)),  // ø huyền
    (0xF9, Mark::Tone(2)),  // ù sắc
    (0xFB, Mark::Tone(3)),  // û hỏi
    (0xF5, Mark::Tone(4)),  // õ ngã
    (0xEF, Mark::Tone(5)),  // ï nặng
    (0xE2, Mark::Hat(0)),   // â
    (0xE0, Mark::Hat(1)),   // à
    (0xE1, Mark::Hat(2)),   // á
    (0xE5, Mark::Hat(3)),   // å
    (0xE3, Mark::Hat(4)),   // ã
    (0xE4, Mark::Hat(5)),   // ä
    (0xEA, Mark::Breve(0)), // ê
    (0xE8, Mark::Breve(1)), // è
    (0xE9, Mark::Breve(2)), // é
    (0xFA, Mark::Breve(3)), // ú
    (0xFC, Mark::Breve(4)), // ü
    (0xEB, Mark::Breve(5)), // ë
];

/// Base vowels with their six tones: plain, huyền, sắc, hỏi, ngã, nặng.
const ROWS: [[char; 6]; 12] = [
    ['a', 'à', 'á', 'ả', 'ã', 'ạ'],
    ['ă', 'ằ', 'ắ', 'ẳ', 'ẵ', 'ặ'],
    ['â', 'ầ', 'ấ', 'ẩ', 'ẫ', 'ậ'],
    ['e', 'è', 'é', 'ẻ', 'ẽ', 'ẹ'],
    ['ê', 'ề', 'ế', 'ể', 'ễ', 'ệ'],
    ['i', 'ì', 'í', 'ỉ', 'ĩ', 'ị'],
    ['o', 'ò', 'ó', 'ỏ', 'õ', 'ọ'],
    ['ô', 'ồ', 'ố', 'ổ', 'ỗ', 'ộ'],
    ['ơ', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ'],
    ['u', 'ù', 'ú', 'ủ', 'ũ', 'ụ'],
    ['ư', 'ừ', 'ứ', 'ử', 'ữ', 'ự'],
    ['y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'],
];

fn row(base: char) -> Option<&'static [char; 6]> {
    ROWS.iter().find(|r| r[0] == base)
}

fn upper(c: char) -> char {
    c.to_uppercase().next().unwrap_or(c)
}

/// VNI letters written as one byte: ơ ư đ, and i/ỵ with their tones.
const VNI_SINGLE: [(u8, char); 18] = [
    (0xF4, 'ơ'),
    (0xD4, 'Ơ'),
    (0xF6, 'ư'),
    (0xD6, 'Ư'),
    (0xF1, 'đ'),
    (0xD1, 'Đ'),
    (0xEC, 'ì'),
    (0xCC, 'Ì'),
    (0xED, 'í'),
    (0xCD, 'Í'),
    (0xE6, 'ỉ'),
    (0xC6, 'Ỉ'),
    (0xF3, 'ĩ'),
    (0xD3, 'Ĩ'),
    (0xF2, 'ị'),
    (0xD2, 'Ị'),
    (0xEE, 'ỵ'),
    (0xCE, 'Ỵ'),
];

fn vni_single(b: u8) -> Option<char> {
    VNI_SINGLE.iter().find(|(k, _)| *k == b).map(|(_, c)| *c)
}

fn vni_mark(b: u8) -> Option<Mark> {
    let small = if (0xC0..=0xDE).contains(&b) && b != 0xD7 {
        b + 0x20
    } else {
        b
    };
    VNI_MARKS.iter().find(|(k, _)| *k == small).map(|(_, m)| *m)
}

/// What one VNI byte is: a letter that may take a mark, a mark, or another char.
#[derive(Clone, Copy)]
enum VniByte {
    Base(char),
    /// A mark byte; alone it is the Latin-1 letter it looks like.
    Mark(char),
    Other(char),
}

static VNI: [VniByte; 256] = {
    let mut t = [VniByte::Other('\0'); 256];
    let mut i = 0;
    while i < 256 {
        t[i] = if i < 0x80 {
            VniByte::Base(i as u8 as char)
        } else {
            VniByte::Other(cp1252(i as u8))
        };
        i += 1;
    }
    t
};

/// Windows-1252 (the code page VNI fonts sit on) for bytes VNI leaves alone; the five
/// bytes Windows-1252 does not define are U+FFFD.
const fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{FFFD}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{FFFD}', 'Ž',
        '\u{FFFD}', '\u{FFFD}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ',
        '\u{FFFD}', 'ž', 'Ÿ',
    ];
    if b >= 0x80 && b < 0xA0 {
        HIGH[(b - 0x80) as usize]
    } else {
        b as char
    }
}

fn vni_byte(b: u8) -> VniByte {
    if let Some(c) = vni_single(b) {
        return VniByte::Base(c);
    }
    if vni_mark(b).is_some() {
        return VniByte::Mark(b as char);
    }
    VNI[b as usize]
}

fn combine(base: char, m: Mark) -> Option<char> {
    let up = base.is_uppercase();
    let l = base.to_lowercase().next().unwrap_or(base);
    let out = match m {
        Mark::Tone(t) => row(l)?[t],
        Mark::Hat(t) => match l {
            'a' => ROWS[2][t],
            'e' => ROWS[4][t],
            'o' => ROWS[7][t],
            _ => return None,
        },
        Mark::Breve(t) => match l {
            'a' => ROWS[1][t],
            _ => return None,
        },
    };
    Some(if up { upper(out) } else { out })
}

/// Decode VNI; `each(bytes_consumed, char)`. A mark byte after a letter it cannot go
/// on stays the Latin-1 letter it looks like.
pub fn decode_vni(bytes: &[u8], mut each: impl FnMut(usize, char)) {
    let mut i = 0;
    while i < bytes.len() {
        match vni_byte(bytes[i]) {
            VniByte::Base(base) => {
                if let Some(&n) = bytes.get(i + 1).filter(|&&n| n >= 0xC0) {
                    if let Some(c) = vni_mark(n).and_then(|m| combine(base, m)) {
                        each(2, c);
                        i += 2;
                        continue;
                    }
                }
                each(1, base);
            }
            VniByte::Mark(c) | VniByte::Other(c) => each(1, c),
        }
        i += 1;
    }
}

/// Encode text as VNI (for tests and round trips); `None` if a char has no encoding.
pub fn encode_vni(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mark_byte = |want: &dyn Fn(Mark) -> bool| VNI_MARKS.iter().find(|(_, m)| want(*m));
    for c in text.chars() {
        if (c as u32) < 0x80 {
            out.push(c as u8);
            continue;
        }
        if let Some((b, _)) = VNI_SINGLE.iter().find(|(_, s)| *s == c) {
            out.push(*b);
            continue;
        }
        let up = c.is_uppercase();
        let l = c.to_lowercase().next().unwrap_or(c);
        let Some((r, t)) = ROWS
            .iter()
            .enumerate()
            .find_map(|(ri, r)| r.iter().position(|&x| x == l).map(|t| (ri, t)))
        else {
            // Windows-1252 punctuation that VNI fonts show as is (“ ” – …).
            let b = (0x80u8..=0x9F).find(|&b| cp1252(b) == c && c != '\u{FFFD}')?;
            out.push(b);
            continue;
        };
        let tone_mark = || {
            if t == 0 {
                return Some(None);
            }
            mark_byte(&|m| matches!(m, Mark::Tone(x) if x == t)).map(|x| Some(x.0))
        };
        let (b, mark): (u8, Option<u8>) = match r {
            1 => (
                b'a',
                Some(mark_byte(&|m| matches!(m, Mark::Breve(x) if x == t))?.0),
            ),
            2 | 4 | 7 => (
                [b'a', b'e', b'o'][[2, 4, 7].iter().position(|&x| x == r)?],
                Some(mark_byte(&|m| matches!(m, Mark::Hat(x) if x == t))?.0),
            ),
            8 => (0xF4, tone_mark()?),
            10 => (0xF6, tone_mark()?),
            _ => (ROWS[r][0] as u8, tone_mark()?),
        };
        out.push(if !up {
            b
        } else if b < 0x80 {
            b.to_ascii_uppercase()
        } else {
            b - 0x20
        });
        if let Some(m) = mark {
            out.push(if up { m - 0x20 } else { m });
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8], f: fn(&[u8], &mut dyn FnMut(usize, char))) -> String {
        let mut s = String::new();
        f(bytes, &mut |_, c| s.push(c));
        s
    }

    fn tcvn3(b: &[u8], f: &mut dyn FnMut(usize, char)) {
        decode_tcvn3(b, f)
    }
    fn vni(b: &[u8], f: &mut dyn FnMut(usize, char)) {
        decode_vni(b, f)
    }

    /// Every Vietnamese letter, both cases.
    fn alphabet() -> String {
        let mut s: String = ROWS.iter().flatten().collect();
        s.push('đ');
        let up = s.to_uppercase();
        s + &up
    }

    #[test]
    fn every_letter_round_trips() {
        let all = alphabet();
        assert_eq!(all.chars().count(), 146);
        let t = encode_tcvn3(&all).expect("every letter has a TCVN3 byte");
        assert_eq!(t.len(), 146, "one byte a letter");
        assert_eq!(dec(&t, tcvn3), all);
        let v = encode_vni(&all).expect("every letter has a VNI spelling");
        assert_eq!(dec(&v, vni), all);
    }

    #[test]
    fn chart_spot_checks() {
        // From the charts: TCVN3 `Việt Nam` = 56 69 D6 74 20 4E 61 6D; VNI `Việt` = V i e ä t.
        assert_eq!(dec(b"Vi\xD6t Nam", tcvn3), "Việt Nam");
        assert_eq!(dec(b"Vie\xE4t Nam", vni), "Việt Nam");
        assert_eq!(dec(b"\xAE\xA9y", tcvn3), "đây");
        assert_eq!(dec(b"\xF1a\xE2y", vni), "đây");
        assert_eq!(dec(b"H\xD4\xD8NG", vni), "HỜNG");
        assert_eq!(dec(b"th\xF6\xF4ng th\xF6\xF4\xF9ng", vni), "thương thướng");
        // A mark byte with nothing to go on keeps its Latin-1 letter; 0x93/0x94 are quotes.
        assert_eq!(dec(b"\x93x\xF9\x94", vni), "“xù”");
    }

    #[test]
    fn control_bytes_reused_by_tcvn3_are_not_encoded_as_themselves() {
        assert_eq!(encode_tcvn3("a\u{1}b"), None);
        assert_eq!(encode_tcvn3("a\tb\n"), Some(b"a\tb\n".to_vec()));
    }
}
