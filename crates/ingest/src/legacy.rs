//! The 8-bit Vietnamese encodings older documents still use: TCVN3 (ABC, TCVN 5712:1993
//! VN3) and VNI (VNI-Windows). Tables written from the published charts.
//!
//! TCVN3 gives one byte per precomposed lowercase letter (capitals with tone marks were
//! made by switching to a capital font, so they decode as lowercase). VNI writes a base
//! letter followed by one mark byte (`a` + `ù` = `á`), so decoding looks one byte ahead.

/// TCVN3 letters in 0xA1..=0xFE; the other high bytes show as their Latin-1 characters.
const TCVN3_HIGH: [(u8, char); 74] = [
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
    (0xB5, 'à'),
    (0xB6, 'ả'),
    (0xB7, 'ã'),
    (0xB8, 'á'),
    (0xB9, 'ạ'),
    (0xBB, 'ằ'),
    (0xBC, 'ẳ'),
    (0xBD, 'ẵ'),
    (0xBE, 'ắ'),
    (0xC6, 'ặ'),
    (0xC7, 'ầ'),
    (0xC8, 'ẩ'),
    (0xC9, 'ẫ'),
    (0xCA, 'ấ'),
    (0xCB, 'ậ'),
    (0xCC, 'è'),
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
    (0xDC, 'ĩ'),
    (0xDD, 'í'),
    (0xDE, 'ị'),
    (0xDF, 'ò'),
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
];

fn tcvn3_char(b: u8) -> char {
    if b < 0x80 {
        return b as char;
    }
    TCVN3_HIGH
        .iter()
        .find(|(k, _)| *k == b)
        .map_or(b as char, |(_, c)| *c)
}

/// Decode TCVN3. Every byte gives one char, so the map is one piece per byte.
pub fn decode_tcvn3(bytes: &[u8], mut each: impl FnMut(usize, char)) {
    for &b in bytes {
        each(1, tcvn3_char(b));
    }
}

/// Encode text as TCVN3 (for tests and round trips); `None` if a char has no byte.
pub fn encode_tcvn3(text: &str) -> Option<Vec<u8>> {
    text.chars()
        .map(|c| {
            if (c as u32) < 0x80 {
                return Some(c as u8);
            }
            let l = c.to_lowercase().next().unwrap_or(c);
            TCVN3_HIGH
                .iter()
                .find(|(_, t)| *t == c || (*t == l && !"ĂÂÊÔƠƯĐ".contains(c)))
                .map(|(b, _)| *b)
        })
        .collect()
}

/// VNI mark bytes (lowercase form; the uppercase form is the Latin-1 capital) and what
/// they do to the base letter before them.
#[derive(Clone, Copy)]
enum Mark {
    Tone(usize),  // index into the tone columns: 1 huyền … 5 nặng
    Hat(usize),   // circumflex (â ê ô) with tone index 0..=5
    Breve(usize), // ă with tone index 0..=5
}

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

/// VNI single-byte letters: ơ ư đ and i/y with tones written as one byte.
const VNI_SINGLE: [(u8, char); 13] = [
    (0xF4, 'ơ'),
    (0xD4, 'Ơ'),
    (0xF6, 'ư'),
    (0xD6, 'Ư'),
    (0xF1, 'đ'),
    (0xD1, 'Đ'),
    (0xEC, 'ì'),
    (0xED, 'í'),
    (0xE6, 'ỉ'),
    (0xF3, 'ĩ'),
    (0xF2, 'ị'),
    (0xEE, 'ỵ'),
    (0xCE, 'Ỵ'),
];

fn vni_mark(b: u8) -> Option<(Mark, bool)> {
    let lower = if (0xC0..=0xDE).contains(&b) && b != 0xD7 {
        b + 0x20
    } else {
        b
    };
    VNI_MARKS
        .iter()
        .find(|(k, _)| *k == lower)
        .map(|(_, m)| (*m, lower != b))
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

/// Decode VNI. `each(bytes_consumed, char)`.
pub fn decode_vni(bytes: &[u8], mut each: impl FnMut(usize, char)) {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let base = if b < 0x80 {
            Some(b as char)
        } else {
            VNI_SINGLE.iter().find(|(k, _)| *k == b).map(|(_, c)| *c)
        };
        if let Some(base) = base {
            // A following mark byte combines with a vowel base (including ơ ư).
            if let Some((m, _)) = bytes.get(i + 1).and_then(|&n| vni_mark(n)) {
                if let Some(c) = combine(base, m) {
                    each(2, c);
                    i += 2;
                    continue;
                }
            }
            each(1, base);
        } else {
            each(1, b as char);
        }
        i += 1;
    }
}

/// Encode text as VNI (for tests and round trips); `None` if a char has no encoding.
pub fn encode_vni(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
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
        let (r, t) = ROWS
            .iter()
            .enumerate()
            .find_map(|(ri, r)| r.iter().position(|&x| x == l).map(|t| (ri, t)))?;
        let (base, mark) = match r {
            1 => (
                'a',
                VNI_MARKS
                    .iter()
                    .find(|(_, m)| matches!(m, Mark::Breve(x) if *x == t))?
                    .0,
            ),
            2 | 4 | 7 => (
                ['a', 'e', 'o'][[2, 4, 7].iter().position(|&x| x == r)?],
                VNI_MARKS
                    .iter()
                    .find(|(_, m)| matches!(m, Mark::Hat(x) if *x == t))?
                    .0,
            ),
            8 | 10 => {
                let single = if r == 8 { 0xF4 } else { 0xF6 };
                out.push(if up { single - 0x20 } else { single });
                if t > 0 {
                    let mb = VNI_MARKS
                        .iter()
                        .find(|(_, m)| matches!(m, Mark::Tone(x) if *x == t))?
                        .0;
                    out.push(if up { mb - 0x20 } else { mb });
                }
                continue;
            }
            _ => (
                ROWS[r][0],
                VNI_MARKS
                    .iter()
                    .find(|(_, m)| matches!(m, Mark::Tone(x) if *x == t))
                    .map_or(0, |x| x.0),
            ),
        };
        out.push(if up {
            base.to_ascii_uppercase() as u8
        } else {
            base as u8
        });
        if mark != 0 {
            out.push(if up { mark - 0x20 } else { mark });
        }
    }
    Some(out)
}
