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

/// Whether JSON escapes byte `b` (a control character, `"`, `\\`).
#[inline]
fn escaped(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Whether any of the eight bytes of `w` is a control character, `"` or `\\` (exact:
/// the zero-byte tests have no false positives as a whole).
#[cfg(any(test, not(target_arch = "x86_64")))]
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

/// An unsigned integer.
pub fn uint(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// Any value, through `serde_json` (for the rare and intricate parts).
pub fn serde(out: &mut Vec<u8>, v: &impl serde::Serialize) {
    // Writing into a Vec cannot fail, and every value here serializes.
    serde_json::to_writer(&mut *out, v).expect("a value always serializes");
}

/// Pretty JSON as `serde_json::ser::PrettyFormatter` writes it: each member or element on
/// its own line, indented by `indent` per level, `"key": value`, empty containers as
/// `[]` / `{}`.
pub struct Pretty<'a> {
    pub out: &'a mut Vec<u8>,
    indent: &'static [u8],
    depth: usize,
    /// The innermost open container has a member already (serde_json's `has_value`).
    has_value: bool,
}

impl<'a> Pretty<'a> {
    pub fn new(out: &'a mut Vec<u8>, indent: &'static [u8]) -> Self {
        Pretty {
            out,
            indent,
            depth: 0,
            has_value: false,
        }
    }

    fn newline(&mut self) {
        // a newline and up to 31 spaces of indent (the summaries) as one copy
        const SPACED: &[u8; 32] = b"\n                               ";
        if self.indent == b" " && self.depth < SPACED.len() {
            self.out.extend_from_slice(&SPACED[..1 + self.depth]);
            return;
        }
        self.out.push(b'\n');
        for _ in 0..self.depth {
            self.out.extend_from_slice(self.indent);
        }
    }

    /// Open `{` or `[`.
    pub fn open(&mut self, bracket: u8) {
        self.depth += 1;
        self.has_value = false;
        self.out.push(bracket);
    }

    /// Close `}` or `]`.
    pub fn close(&mut self, bracket: u8) {
        self.depth -= 1;
        if self.has_value {
            self.newline();
        }
        self.out.push(bracket);
        // The container just closed is a value of the one around it.
        self.has_value = true;
    }

    /// Start the next member of an object: `"key": ` on its own line.
    pub fn key(&mut self, key: &str) {
        self.sep();
        str(self.out, key);
        self.out.extend_from_slice(b": ");
    }

    /// Start the next element of an array.
    pub fn item(&mut self) {
        self.sep();
    }

    fn sep(&mut self) {
        if self.has_value {
            self.out.push(b',');
        }
        self.newline();
        // Set now: a scalar value written after this needs nothing more; a container
        // resets it on open and sets it again on close.
        self.has_value = true;
    }

    /// A member whose value is a string or `null`.
    pub fn str_member(&mut self, key: &str, value: Option<&str>) {
        self.key(key);
        opt_str(self.out, value);
    }

    /// A member whose value is an array of strings.
    pub fn str_list_member<'s>(&mut self, key: &str, items: impl IntoIterator<Item = &'s str>) {
        self.key(key);
        self.open(b'[');
        for s in items {
            self.item();
            str(self.out, s);
        }
        self.close(b']');
    }
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

    #[test]
    fn pretty_matches_serde_json() {
        let v = serde_json::json!({
            "doc": "bài-1",
            "empty": [],
            "none": null,
            "people": [{"name": "Lương Cường", "titles": ["Chủ tịch nước"], "x": []}, {"n": {}}],
            "nested": [[], [[]], ["a"]],
            "last": "x"
        });
        let want = {
            let mut buf = Vec::new();
            let fmt = serde_json::ser::PrettyFormatter::with_indent(b" ");
            let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
            serde::Serialize::serialize(&v, &mut ser).unwrap();
            String::from_utf8(buf).unwrap()
        };
        // serde_json's map sorts its keys: written here in that order.
        let mut out = Vec::new();
        let mut p = Pretty::new(&mut out, b" ");
        p.open(b'{');
        p.str_member("doc", Some("bài-1"));
        p.str_list_member("empty", []);
        p.str_member("last", Some("x"));
        p.key("nested");
        p.open(b'[');
        p.item();
        p.open(b'[');
        p.close(b']');
        p.item();
        p.open(b'[');
        p.item();
        p.open(b'[');
        p.close(b']');
        p.close(b']');
        p.item();
        p.open(b'[');
        p.item();
        str(p.out, "a");
        p.close(b']');
        p.close(b']');
        p.str_member("none", None);
        p.key("people");
        p.open(b'[');
        p.item();
        p.open(b'{');
        p.str_member("name", Some("Lương Cường"));
        p.str_list_member("titles", ["Chủ tịch nước"]);
        p.str_list_member("x", []);
        p.close(b'}');
        p.item();
        p.open(b'{');
        p.key("n");
        p.open(b'{');
        p.close(b'}');
        p.close(b'}');
        p.close(b']');
        p.close(b'}');
        assert_eq!(String::from_utf8(out).unwrap(), want);
    }
}
