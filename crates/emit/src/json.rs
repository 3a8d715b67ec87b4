//! JSON written straight into a byte buffer, byte for byte as `serde_json` writes it: the
//! bulk of the JSON outputs (token and word spans, summaries) without a serializer's
//! per-field key escaping or intermediate values. Parts that are rare or intricate still
//! go through `serde_json` (see `jsonl`); tests compare every output with serde's.

/// `s` as a JSON string, escaped exactly as `serde_json` escapes (`\"`, `\\`, the short
/// forms `\b \f \n \r \t`, other control characters as `\u00XX`; everything else as is).
pub fn str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let n = bytes.len();
    out.reserve(n + 2);
    out.push(b'"');
    // Most strings (names, sentences, keys) have nothing to escape: tested whole, copied
    // whole.
    if clean(bytes) {
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
    let mut start = 0;
    let mut i = 0;
    loop {
        // Past the (usual) runs with nothing to escape: sixteen bytes at a time, then the
        // rest (and short strings such as keys) byte by byte in a tight loop.
        while let Some(w) = bytes.get(i..i + 16) {
            if !clean16(w.try_into().expect("16 bytes")) {
                break;
            }
            i += 16;
        }
        while i < n && !escaped(bytes[i]) {
            i += 1;
        }
        if i == n {
            break;
        }
        let b = bytes[i];
        out.extend_from_slice(&bytes[start..i]);
        i += 1;
        start = i;
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0C => out.extend_from_slice(b"\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[(b >> 4) as usize]);
                out.push(HEX[(b & 0xF) as usize]);
            }
        }
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// Whether no byte of `b` needs escaping: sixteen bytes at a time, the last sixteen
/// overlapping the ones before; a short string as one or two overlapping words.
#[inline]
fn clean(b: &[u8]) -> bool {
    let n = b.len();
    let word = |k: usize| u64::from_le_bytes(b[k..k + 8].try_into().expect("8 bytes"));
    let half = |k: usize| u64::from(u32::from_le_bytes(b[k..k + 4].try_into().expect("4 bytes")));
    match n {
        16.. => {
            let mut i = 0;
            while i + 16 <= n {
                if !clean16(b[i..i + 16].try_into().expect("16 bytes")) {
                    return false;
                }
                i += 16;
            }
            i == n || clean16(b[n - 16..].try_into().expect("16 bytes"))
        }
        8.. => !needs_escape(word(0)) && !needs_escape(word(n - 8)),
        4.. => !needs_escape(half(0) | (half(n - 4) << 32)),
        _ => b.iter().all(|&c| !escaped(c)),
    }
}

/// Whether JSON escapes byte `b` (a control character, `"`, `\\`).
#[inline]
fn escaped(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Whether any of the eight bytes of `w` is a control character, `"` or `\\` (exact:
/// the zero-byte tests have no false positives as a whole).
#[inline]
fn needs_escape(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below_space = w.wrapping_sub(ONES * 0x20) & !w;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v;
    (below_space | zero(w ^ (ONES * u64::from(b'"'))) | zero(w ^ (ONES * u64::from(b'\\')))) & HIGH
        != 0
}

/// Whether none of the sixteen bytes needs escaping (a control character, `"`, `\\`).
#[cfg(target_arch = "x86_64")]
#[inline]
fn clean16(b: &[u8; 16]) -> bool {
    use std::arch::x86_64::*;
    // SAFETY: SSE2 is part of every x86_64 target; the load is unaligned and reads the
    // sixteen bytes of `b` only.
    unsafe {
        let v = _mm_loadu_si128(b.as_ptr() as *const __m128i);
        // unsigned v <= 0x1f: the minimum of v and 0x1f is v itself
        let control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v);
        let quote = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8));
        let backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8));
        _mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))) == 0
    }
}

#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn clean16(b: &[u8; 16]) -> bool {
    let w = |k: usize| u64::from_le_bytes(b[k..k + 8].try_into().expect("8 bytes"));
    !needs_escape(w(0)) && !needs_escape(w(8))
}

/// A string or `null`.
pub fn opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// An unsigned integer (inline: four a span, millions of calls in a JSON Lines output).
#[inline]
pub fn uint(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// Any value, through `serde_json` (for the rare and intricate parts).
pub fn serde(out: &mut Vec<u8>, v: &impl serde::Serialize) {
    // Writing into a Vec cannot fail, and every value here serializes.
    serde_json::to_writer(&mut *out, v).expect("a value always serializes");
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn strings_are_escaped_as_serde_json_does(s in "\\PC*|[\\x00-\\x7f]{0,40}|.*") {
            let mut out = Vec::new();
            str(&mut out, &s);
            prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&s).unwrap());
        }
    }

    #[test]
    fn eight_byte_test_finds_every_byte_to_escape() {
        for b in 0..=255u8 {
            for pos in 0..8 {
                let mut w = *b"Hanoi ok";
                w[pos] = b;
                let want = w.iter().any(|&c| c < 0x20 || c == b'"' || c == b'\\');
                assert_eq!(needs_escape(u64::from_le_bytes(w)), want, "{b} at {pos}");
            }
        }
        let viet = "Thủ tướng".as_bytes();
        assert!(!needs_escape(u64::from_le_bytes(
            viet[..8].try_into().unwrap()
        )));
    }

    #[test]
    fn sixteen_byte_test_finds_every_byte_to_escape() {
        for b in 0..=255u8 {
            for pos in 0..16 {
                let mut w = *b"Ha Noi, Viet Nam";
                w[pos] = b;
                let want = w.iter().any(|&c| c < 0x20 || c == b'"' || c == b'\\');
                assert_eq!(!clean16(&w), want, "{b} at {pos}");
            }
        }
        assert!(clean16(
            "Thủ tướng Chính".as_bytes()[..16].try_into().unwrap()
        ));
    }

    #[test]
    fn whole_string_test_finds_every_byte_to_escape_at_any_length() {
        for n in 0..50 {
            let base: Vec<u8> = "Hà Nội, Việt Nam: thủ đô".bytes().cycle().take(n).collect();
            assert!(clean(&base), "{n}");
            for pos in 0..n {
                for b in [0u8, 0x1f, b'"', b'\\', b'\n', 0x20, 0x7f, 0xe1] {
                    let mut w = base.clone();
                    w[pos] = b;
                    assert_eq!(clean(&w), !escaped(b), "{b} at {pos} of {n}");
                }
            }
        }
    }

    #[test]
    fn every_control_character_and_vietnamese() {
        let s: String = (0u8..0x80)
            .map(char::from)
            .chain("Hà Nội \u{7f}\u{2028}".chars())
            .collect();
        let mut out = Vec::new();
        str(&mut out, &s);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string(&s).unwrap()
        );
    }
}
