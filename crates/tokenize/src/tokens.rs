//! The tokenizer: one pass over the text, each token with its kind.
//!
//! Whitespace separates tokens and is not one. Tokens never overlap and together cover
//! every non-whitespace character. Letters run into one token (`Jae-myung` keeps its
//! hyphen when a side is not a Vietnamese syllable; `Việt-Trung` and `Nga-Ukraine`
//! split); digits with their separators make numbers (`11,8`, `1.000`) or date-likes
//! (`29/10-1/11`, `2021-2025`).
//!
//! Speed: bytes are classified by a table, ASCII letters and digits never decode a char,
//! Vietnamese letters are one table look-up, and a word is scanned once, collecting what
//! its kind depends on (digits, case) on the way; only then the syllable parser runs.

use sen_core::layers::{Token, TokenKind};
use sen_core::Span;

use crate::syllable;

/// Tokens of `text`, in order.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    tokenize_into(text, &mut out);
    out
}

// Byte classes of ASCII.
const SPACE: u8 = 0;
const LOWER: u8 = 1;
const UPPER: u8 = 2;
const DIGIT: u8 = 3;
const OTHER: u8 = 4;

const CLASS: [u8; 128] = {
    let mut t = [OTHER; 128];
    let mut c = 0;
    while c < 128 {
        t[c] = match c as u8 {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => SPACE,
            b'a'..=b'z' => LOWER,
            b'A'..=b'Z' => UPPER,
            b'0'..=b'9' => DIGIT,
            _ => OTHER,
        };
        c += 1;
    }
    t
};

/// [`tokenize`], appending to `out`.
pub fn tokenize_into(text: &str, out: &mut Vec<Token>) {
    // The syllable cache outlives a call: `sen segment` tokenizes one short line at a time,
    // and clearing 16 KB per line cost more than the line.
    thread_local! {
        static CACHE: std::cell::RefCell<Box<Caches>> = std::cell::RefCell::new(Box::default());
    }
    CACHE.with(|c| match c.try_borrow_mut() {
        Ok(mut cache) => tokenize_with(text, out, &mut cache),
        Err(_) => tokenize_with(text, out, &mut Caches::default()),
    })
}

/// What the tokenizer remembers between words.
struct Caches {
    validity: syllable::ValidityCache,
    runs: RunMemo,
    /// Where the next word probably starts in the text being tokenized, and its memo key
    /// (computed ahead; cleared at the start of every call).
    ahead: Option<(usize, Option<MemoKey>)>,
    /// Positions of the abbreviation tokens of the call (for [`headline_syllables`]).
    abbreviations: Vec<usize>,
}

impl Default for Caches {
    fn default() -> Self {
        Caches {
            validity: syllable::ValidityCache::new(),
            runs: RunMemo::default(),
            ahead: None,
            abbreviations: Vec::new(),
        }
    }
}

/// Scans of recently seen words (direct-mapped, keyed by the exact bytes up to the next
/// ASCII space or punctuation, at most 15): a scan depends on nothing else, running text
/// repeats its few thousand syllables, and comparing 16 bytes is cheaper than scanning
/// the chars again and asking whether they make a syllable.
struct RunMemo {
    /// Key bytes (the length in the top byte) and the [`Scan`] packed by [`Scan::pack`],
    /// its end relative to its start (24 bytes a slot: the table stays small in cache).
    slots: Vec<(u64, u64, u64)>,
}

const RUN_MEMO_BITS: u32 = 13;

impl Default for RunMemo {
    fn default() -> Self {
        RunMemo {
            slots: vec![(0, 0, 0); 1 << RUN_MEMO_BITS],
        }
    }
}

/// ASCII bytes that end a key of [`RunMemo`] (all but letters and digits; never in a run).
const KEY_END: [bool; 128] = {
    let mut t = [true; 128];
    let mut c = 0;
    while c < 128 {
        t[c] = !(c as u8).is_ascii_alphanumeric();
        c += 1;
    }
    t
};

/// Bytes from `from` to the first one in [`KEY_END`], at most 16.
#[inline]
fn key_len(b: &[u8], from: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    if from + 16 <= b.len() {
        use std::arch::x86_64::*;
        // SAFETY: SSE2 is part of x86_64; the 16 bytes read are inside `b`.
        #[allow(unused_unsafe)]
        let mask = unsafe {
            let v = _mm_loadu_si128(b[from..from + 16].as_ptr() as *const __m128i);
            let between = |x: __m128i, lo: u8, hi: u8| {
                _mm_and_si128(
                    _mm_cmpgt_epi8(x, _mm_set1_epi8(lo as i8 - 1)),
                    _mm_cmplt_epi8(x, _mm_set1_epi8(hi as i8 + 1)),
                )
            };
            let ascii = _mm_cmpgt_epi8(v, _mm_set1_epi8(-1));
            let digit = between(v, b'0', b'9');
            let letter = between(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', b'z');
            let keep = _mm_or_si128(digit, letter);
            _mm_movemask_epi8(_mm_andnot_si128(keep, ascii)) as u32
        };
        return (mask | 1 << 16).trailing_zeros() as usize;
    }
    let mut e = from;
    while e < b.len() && e - from < 16 && !(b[e] < 0x80 && KEY_END[b[e] as usize]) {
        e += 1;
    }
    e - from
}

impl Caches {
    /// The [`Scan`] of the [`run`] from `from`.
    #[inline]
    fn run(&mut self, text: &str, from: usize) -> Scan {
        let b = text.as_bytes();
        let key = match self.ahead {
            Some((at, key)) if at == from => key,
            _ => memo_key(b, from),
        };
        let Some((lo, hi, i)) = key else {
            return Scan::of(&run(text, from), &mut self.validity);
        };
        // the next word most often starts after one space: its slot is fetched now, while
        // this one is looked at (a word's scan waits on its slot, and the next on this one)
        let end = from + (hi >> 56) as usize;
        self.ahead = None;
        if b.get(end) == Some(&b' ') {
            let next = memo_key(b, end + 1);
            if let Some((_, _, j)) = next {
                prefetch(&self.runs.slots[j]);
            }
            self.ahead = Some((end + 1, next));
        }
        let slot = &mut self.runs.slots[i];
        if slot.0 == lo && slot.1 == hi {
            return Scan::unpack(slot.2, from);
        }
        let scan = Scan::of(&run(text, from), &mut self.validity);
        *slot = (lo, hi, scan.pack(from));
        scan
    }
}

/// Key bytes (length in the top byte) and slot index of [`RunMemo`].
type MemoKey = (u64, u64, usize);

/// The key of [`RunMemo`] for the bytes from `from` (the length in the top byte) and its
/// slot; `None` where there is no key (an ASCII space or punctuation at once, or more than
/// 15 bytes).
#[inline]
fn memo_key(b: &[u8], from: usize) -> Option<MemoKey> {
    let len = key_len(b, from);
    if len == 0 || len > 15 {
        return None;
    }
    Some(crate::short_key::short_key(b, from, len, RUN_MEMO_BITS))
}

/// Asks the CPU to fetch what `p` points to (a hint; nothing is read).
#[inline(always)]
fn prefetch<T>(p: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint, and the address is a valid reference.
    #[allow(unused_unsafe)]
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
            p as *const T as *const i8,
        )
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

fn tokenize_with(text: &str, out: &mut Vec<Token>, cache: &mut Caches) {
    // a key computed ahead belongs to the text it was computed on
    cache.ahead = None;
    let b = text.as_bytes();
    let first = out.len();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let (end, kind) = if c < 0x80 {
            match CLASS[c as usize] {
                SPACE => {
                    i += 1;
                    continue;
                }
                LOWER | UPPER => match url_end(text, i) {
                    Some(end) => (end, TokenKind::Url),
                    None => word(text, i, cache),
                },
                DIGIT => number(text, i, cache),
                _ => punct(text, i, c as char),
            }
        } else {
            let ch = char_at(text, i);
            if ch.is_whitespace() {
                i += ch.len_utf8();
                continue;
            }
            if is_letter(ch) {
                word(text, i, cache)
            } else {
                punct(text, i, ch)
            }
        };
        // A run that turns out to be the local part of an e-mail address, or a web
        // address written without `http://` (`vnexpress.net/thoi-su`).
        let (end, kind) = if end < b.len() && matches!(b[end], b'@' | b'.' | b'_' | b'+' | b'-') {
            match email_end(text, i) {
                Some(e) => (e, TokenKind::Email),
                None if b[end] == b'.' => {
                    bare_domain_end(text, i).map_or((end, kind), |e| (e, TokenKind::Url))
                }
                None => (end, kind),
            }
        } else {
            (end, kind)
        };
        if kind == TokenKind::Abbreviation {
            cache.abbreviations.push(out.len() - first);
        }
        out.push(Token {
            span: Span::new(i, end),
            kind,
        });
        i = end;
    }
    headline_syllables(text, &mut out[first..], &cache.abbreviations);
    cache.abbreviations.clear();
}

/// In a headline set in capitals, an ASCII word that is a Vietnamese syllable (`KHAI`,
/// `CAO`) is a syllable, not an acronym, when it stands next to a capitalized syllable
/// with diacritics (`KHAI MẠC`, `CẤP CAO`); `ASEAN` stays an acronym.
/// `abbreviations`: the positions of the abbreviation tokens, in order (only they can turn).
fn headline_syllables(text: &str, tokens: &mut [Token], abbreviations: &[usize]) {
    let caps_syllable = |t: &Token| {
        t.kind == TokenKind::Syllable && !t.span.slice(text).chars().any(char::is_lowercase)
    };
    let candidate = |t: &Token| {
        t.kind == TokenKind::Abbreviation
            && t.span.slice(text).bytes().all(|c| c.is_ascii_uppercase())
            && syllable::is_valid(t.span.slice(text))
    };
    // Both directions, so a run of such words next to one marked syllable all turn.
    for &k in abbreviations {
        if k > 0 && candidate(&tokens[k]) && caps_syllable(&tokens[k - 1]) {
            tokens[k].kind = TokenKind::Syllable;
        }
    }
    for &k in abbreviations.iter().rev() {
        if k + 1 < tokens.len() && candidate(&tokens[k]) && caps_syllable(&tokens[k + 1]) {
            tokens[k].kind = TokenKind::Syllable;
        }
    }
}

#[inline]
fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or('\0')
}

/// Letters and the combining marks that may follow them (NFD input not yet normalized).
#[inline]
fn is_letter(c: char) -> bool {
    syllable::packed(c) != 0 || c.is_alphabetic() || is_mark(c)
}

#[inline]
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn url_end(text: &str, i: usize) -> Option<usize> {
    let rest = &text.as_bytes()[i..];
    if !matches!(rest[0], b'h' | b'H' | b'w' | b'W') {
        return None;
    }
    let starts = |p: &[u8]| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
    if !(starts(b"http://") || starts(b"https://") || starts(b"www.")) {
        return None;
    }
    let mut end = text[i..]
        .find(char::is_whitespace)
        .map_or(text.len(), |k| i + k);
    // Stop at a non-ASCII quote or bracket glued to the URL.
    end = text[i..end]
        .find(['“', '”', '»', '）', '‘', '’', '…'])
        .map_or(end, |k| i + k);
    // A URL does not take the sentence's closing punctuation.
    while end > i
        && matches!(
            text.as_bytes()[end - 1],
            b'.' | b',' | b';' | b':' | b')' | b'!' | b'?' | b'"' | b'\''
        )
    {
        end -= 1;
    }
    (end > i).then_some(end)
}

/// Top-level domains common in Vietnamese news (a word before `.vn` is an address, a word
/// before `.Chủ` a glued sentence).
const TLDS: &[&str] = &[
    "vn", "com", "net", "org", "gov", "edu", "int", "info", "io", "asia", "uk", "us", "cn", "jp",
    "kr", "fr", "de", "ru", "au", "sg",
];

/// `baochinhphu.vn`, `VnExpress.net/thoi-su-123.html`: ASCII labels joined by dots, the
/// last a known top-level domain, and an optional path.
fn bare_domain_end(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let label = |c: u8| c.is_ascii_alphanumeric() || c == b'-';
    let mut k = i;
    let mut last_label;
    let mut dots = 0;
    loop {
        let start = k;
        while k < b.len() && label(b[k]) {
            k += 1;
        }
        if k == start {
            return None;
        }
        last_label = start;
        if k + 1 < b.len() && b[k] == b'.' && label(b[k + 1]) {
            dots += 1;
            k += 1;
        } else {
            break;
        }
    }
    // A non-ASCII letter glued on (`vn` + `ệt`) means no address.
    if dots == 0 || k < b.len() && b[k] >= 0x80 && is_letter(char_at(text, k)) {
        return None;
    }
    let tld = &text[last_label..k];
    if !TLDS.contains(&tld) {
        return None;
    }
    if k < b.len() && b[k] == b'/' {
        let path_end = text[k..]
            .find(char::is_whitespace)
            .map_or(text.len(), |p| k + p);
        k = text[k..path_end]
            .find(['“', '”', '»', '）', '‘', '’', '…', '(', ')'])
            .map_or(path_end, |p| k + p);
        while matches!(
            b[k - 1],
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b'"' | b'\''
        ) {
            k -= 1;
        }
    }
    Some(k)
}

fn email_end(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    if !b[i].is_ascii_alphanumeric() {
        return None;
    }
    let local = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-');
    let mut j = i;
    while j < b.len() && local(b[j]) {
        j += 1;
    }
    if j >= b.len() || b[j] != b'@' {
        return None;
    }
    let dom = j + 1;
    let mut k = dom;
    while k < b.len() && (b[k].is_ascii_alphanumeric() || b[k] == b'.' || b[k] == b'-') {
        k += 1;
    }
    while k > dom && b[k - 1] == b'.' {
        k -= 1;
    }
    (k > dom && text[dom..k].contains('.')).then_some(k)
}

/// Digits with inner separators. `/` or a day-month/year-year hyphen make a date-like;
/// letters glued after the digits make an abbreviation (`5G`, `20h30`).
fn number(text: &str, i: usize, cache: &mut Caches) -> (usize, TokenKind) {
    let b = text.as_bytes();
    let mut j = i;
    let mut slash = false;
    let mut hyphen_at = None;
    while j < b.len() {
        let c = b[j];
        if c.is_ascii_digit() {
            j += 1;
        } else if matches!(c, b'.' | b',' | b'/' | b'-')
            && j + 1 < b.len()
            && b[j + 1].is_ascii_digit()
        {
            if c == b'/' {
                slash = true;
            }
            if c == b'-' {
                if hyphen_at.is_some() {
                    break;
                }
                hyphen_at = Some(j);
            }
            j += 1;
        } else {
            break;
        }
    }
    // Letters glued on: `5G`, `20h30`, `100km` — one token.
    if j < b.len() && (b[j].is_ascii_alphabetic() || b[j] >= 0x80 && is_letter(char_at(text, j))) {
        let (end, _) = word(text, j, cache);
        return (end, TokenKind::Abbreviation);
    }
    if let Some(h) = hyphen_at {
        let (left, right) = (&text[i..h], &text[h + 1..j]);
        if !slash && !hyphen_is_date(left, right) {
            // `20-30`: two numbers and a hyphen.
            return (h, TokenKind::Number);
        }
        return (j, TokenKind::DateLike);
    }
    if slash {
        return (j, TokenKind::DateLike);
    }
    (j, TokenKind::Number)
}

/// `2021-2025` (years) or `27-2` (day-month) are date-likes; `20-30` is not.
fn hyphen_is_date(left: &str, right: &str) -> bool {
    let all = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    if !all(left) || !all(right) {
        return false;
    }
    let year = |s: &str| s.len() == 4 && matches!(&s[..2], "19" | "20");
    if year(left) && year(right) {
        return true;
    }
    let (d, m) = (
        left.parse::<u32>().unwrap_or(0),
        right.parse::<u32>().unwrap_or(0),
    );
    left.len() <= 2 && right.len() <= 2 && (1..=31).contains(&d) && (1..=12).contains(&m)
}

/// What the word rules need of a [`Run`]: its extent and counts, and whether it is a
/// syllable (its letters parse, no digits).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Scan {
    end: usize,
    letters: u32,
    upper: u32,
    digits: u32,
    /// No byte outside ASCII.
    ascii: bool,
    syllable: bool,
}

impl Scan {
    fn of(r: &Run, validity: &mut syllable::ValidityCache) -> Scan {
        Scan {
            end: r.end,
            letters: r.letters,
            upper: r.upper,
            digits: r.digits,
            ascii: r.ascii,
            syllable: r.digits == 0 && validity.is_valid(&r.syl),
        }
    }

    /// One word, the end relative to `from`; for scans of at most 15 bytes (each count
    /// fits a byte).
    fn pack(&self, from: usize) -> u64 {
        (self.end - from) as u64
            | (self.letters as u64) << 8
            | (self.upper as u64) << 16
            | (self.digits as u64) << 24
            | (self.ascii as u64) << 32
            | (self.syllable as u64) << 33
    }

    fn unpack(p: u64, from: usize) -> Scan {
        Scan {
            end: from + (p & 0xFF) as usize,
            letters: (p >> 8 & 0xFF) as u32,
            upper: (p >> 16 & 0xFF) as u32,
            digits: (p >> 24 & 0xFF) as u32,
            ascii: p >> 32 & 1 != 0,
            syllable: p >> 33 & 1 != 0,
        }
    }

    fn first_upper(&self, text: &str, start: usize) -> bool {
        let c = text.as_bytes()[start];
        c.is_ascii_uppercase() || c >= 0x80 && char_at(text, start).is_uppercase()
    }
    /// All letters uppercase (digits allowed): `ASEAN`, `G20`, `HÀ`.
    fn all_caps(&self) -> bool {
        self.letters > 0 && self.upper == self.letters
    }
}

/// What a scan of letters and digits saw.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Run {
    end: usize,
    letters: u32,
    upper: u32,
    digits: u32,
    /// No byte outside ASCII.
    ascii: bool,
    /// The letters, for the syllable parser.
    syl: syllable::Letters,
}

/// The run of letters, digits and combining marks starting at `from`.
#[inline]
fn run(text: &str, from: usize) -> Run {
    let b = text.as_bytes();
    let mut r = Run {
        end: from,
        ascii: true,
        ..Run::default()
    };
    let mut k = from;
    while k < b.len() {
        let c = b[k];
        if c < 0x80 {
            let p = syllable::ASCII_TABLE[c as usize];
            if p != 0 {
                r.letters += 1;
                r.upper += syllable::packed_upper(p) as u32;
                r.syl.push_packed(p);
            } else if c.is_ascii_digit() {
                r.digits += 1;
            } else {
                break;
            }
            k += 1;
            continue;
        }
        let ch = char_at(text, k);
        let p = syllable::packed(ch);
        if p != 0 {
            r.letters += 1;
            r.upper += syllable::packed_upper(p) as u32;
            r.syl.push_packed(p);
        } else if is_mark(ch) {
            r.syl.push(ch);
        } else if ch.is_alphabetic() {
            r.letters += 1;
            r.upper += ch.is_uppercase() as u32;
            r.syl.push(ch);
        } else if ch.is_alphanumeric() {
            r.digits += 1;
        } else {
            break;
        }
        r.ascii = false;
        k += ch.len_utf8();
    }
    r.end = k;
    r
}

/// A run of letters (and digits glued to letters: `G20`, `D1`), with inner hyphens
/// between non-Vietnamese parts (`Jae-myung`, `COVID-19`), apostrophes (`O'Neill`) and
/// dotted abbreviations (`TP.HCM`, `U.S.`, `D.C`, `Ph.D`).
fn word(text: &str, i: usize, cache: &mut Caches) -> (usize, TokenKind) {
    let b = text.as_bytes();
    let first = cache.run(text, i);
    let mut last = first;
    let mut seg_start = i;
    let mut end = first.end;
    let mut dotted = false;
    let mut hyphenated = false;
    let mut digits = first.digits > 0;
    while end + 1 < b.len() && matches!(b[end], b'.' | b'-' | b'\'') {
        let sep = b[end];
        let next = b[end + 1];
        if sep == b'.' && next.is_ascii_uppercase() {
            // `TP.HCM`, `U.S`, `D.C`, `Ph.D`: short ASCII pieces, the next one in capitals.
            // `Mỹ.Thủ tướng`, `APEC.Chủ tịch` are glued sentences, not abbreviations.
            let right = cache.run(text, end + 1);
            let left_ok = last.ascii
                && last.digits == 0
                && (last.letters <= 2 || last.letters <= 4 && last.all_caps());
            let right_ok =
                right.ascii && right.digits == 0 && right.all_caps() && right.letters <= 4;
            if !(left_ok && right_ok) {
                break;
            }
            dotted = true;
            seg_start = end + 1;
            last = right;
            end = right.end;
        } else if sep == b'-' && next.is_ascii_digit() && first.ascii && first.all_caps() {
            // `COVID-19`, `F-16`, `MH-370`.
            let right = cache.run(text, end + 1);
            seg_start = end + 1;
            last = right;
            end = right.end;
            digits = true;
        } else if (sep == b'-' || sep == b'\'')
            && (next.is_ascii_alphabetic() || next >= 0x80 && is_letter(char_at(text, end + 1)))
        {
            let right = cache.run(text, end + 1);
            if sep == b'-' {
                // Two names (`Nga-Ukraine`, `ASEAN-Mỹ`) or two Vietnamese syllables
                // (`Việt-Trung`, `kinh-tế`) stay apart; `Jae-myung`, `Suk-yeol` join.
                let both_capital =
                    last.first_upper(text, seg_start) && right.first_upper(text, end + 1);
                if both_capital || last.syllable && right.syllable {
                    break;
                }
            }
            digits |= right.digits > 0;
            seg_start = end + 1;
            last = right;
            end = right.end;
            hyphenated = true;
        } else {
            break;
        }
    }
    // `U.S.`: single letters with dots take the last dot too — unless a capital follows
    // after a space: then the dot more likely ends the sentence (`… Washington, D.C. Hôm sau`).
    if dotted && end < b.len() && b[end] == b'.' && last.letters == 1 {
        let after = text[end + 1..].trim_start();
        let spaced = after.len() < text.len() - end - 1;
        let sentence_follows = spaced && after.chars().next().is_some_and(char::is_uppercase);
        if !after.is_empty() && !sentence_follows {
            end += 1;
        }
    }
    let kind = if dotted || digits {
        TokenKind::Abbreviation
    } else if hyphenated {
        TokenKind::Foreign
    } else {
        let syllable = first.syllable;
        if first.letters >= 2 && first.all_caps() && (first.ascii || !syllable) {
            // `ASEAN`, `TTXVN`; but `HÀ NỘI` in a headline is words.
            TokenKind::Abbreviation
        } else if syllable {
            TokenKind::Syllable
        } else {
            TokenKind::Foreign
        }
    };
    (end, kind)
}

/// Punctuation (`...` is one token), symbols, anything else one char at a time.
fn punct(text: &str, i: usize, ch: char) -> (usize, TokenKind) {
    let b = text.as_bytes();
    if b[i] == b'.' && b.len() > i + 2 && b[i + 1] == b'.' && b[i + 2] == b'.' {
        let n = b[i..].iter().take_while(|&&c| c == b'.').count();
        return (i + n, TokenKind::Punct);
    }
    let mut end = i + ch.len_utf8();
    // Combining marks glued to a non-letter stay with it (no token starts with a mark).
    while end < b.len() && b[end] >= 0x80 {
        match text[end..].chars().next() {
            Some(m) if is_mark(m) => end += m.len_utf8(),
            _ => break,
        }
    }
    let kind = if is_punct(ch) {
        TokenKind::Punct
    } else {
        TokenKind::Symbol
    };
    (end, kind)
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        && !matches!(
            c,
            '$' | '%' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~' | '#' | '&' | '*' | '@'
        )
        || matches!(
            c,
            '“' | '”'
                | '‘'
                | '’'
                | '«'
                | '»'
                | '…'
                | '–'
                | '—'
                | '‐'
                | '‑'
                | '„'
                | '‹'
                | '›'
                | '·'
                | '•'
                | '（'
                | '）'
                | '，'
                | '。'
                | '：'
                | '；'
                | '！'
                | '？'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text)
            .iter()
            .map(|t| (t.span.slice(text), t.kind))
            .collect()
    }

    use TokenKind::*;

    #[test]
    fn syllables_foreign_and_names() {
        assert_eq!(
            toks("Tổng thống Hàn Quốc Lee Jae-myung"),
            vec![
                ("Tổng", Syllable),
                ("thống", Syllable),
                ("Hàn", Syllable),
                ("Quốc", Syllable),
                ("Lee", Foreign),
                ("Jae-myung", Foreign)
            ]
        );
        assert_eq!(
            toks("Việt-Trung"),
            vec![("Việt", Syllable), ("-", Punct), ("Trung", Syllable)]
        );
    }

    #[test]
    fn numbers_and_dates() {
        assert_eq!(
            toks("453 tỷ USD"),
            vec![("453", Number), ("tỷ", Syllable), ("USD", Abbreviation)]
        );
        assert_eq!(
            toks("tăng 11,8%"),
            vec![("tăng", Syllable), ("11,8", Number), ("%", Symbol)]
        );
        assert_eq!(
            toks("1.000 doanh nghiệp"),
            vec![("1.000", Number), ("doanh", Syllable), ("nghiệp", Syllable)]
        );
        assert_eq!(
            toks("ngày 29/10-1/11"),
            vec![("ngày", Syllable), ("29/10-1/11", DateLike)]
        );
        assert_eq!(toks("12-16/11"), vec![("12-16/11", DateLike)]);
        assert_eq!(
            toks("(2021-2025)"),
            vec![("(", Punct), ("2021-2025", DateLike), (")", Punct)]
        );
        assert_eq!(
            toks("ngày 27-2"),
            vec![("ngày", Syllable), ("27-2", DateLike)]
        );
        assert_eq!(
            toks("20-30"),
            vec![("20", Number), ("-", Punct), ("30", Number)]
        );
        assert_eq!(toks("28.000."), vec![("28.000", Number), (".", Punct)]);
    }

    #[test]
    fn abbreviations() {
        assert_eq!(
            toks("ASEAN, APEC và G20"),
            vec![
                ("ASEAN", Abbreviation),
                (",", Punct),
                ("APEC", Abbreviation),
                ("và", Syllable),
                ("G20", Abbreviation)
            ]
        );
        assert_eq!(toks("TP.HCM"), vec![("TP.HCM", Abbreviation)]);
        assert_eq!(toks("Washington, D.C (Hoa Kỳ)")[2], ("D.C", Abbreviation));
        assert_eq!(toks("quan hệ U.S.-Việt Nam")[2], ("U.S.", Abbreviation));
        assert_eq!(toks("về U.S. Sau đó")[1], ("U.S", Abbreviation));
        assert_eq!(
            toks("ASW 2.0"),
            vec![("ASW", Abbreviation), ("2.0", Number)]
        );
        assert_eq!(
            toks("Ảnh: TTXVN"),
            vec![("Ảnh", Syllable), (":", Punct), ("TTXVN", Abbreviation)]
        );
        assert_eq!(toks("HÀ NỘI"), vec![("HÀ", Syllable), ("NỘI", Syllable)]);
        assert_eq!(
            toks("KHAI MẠC HỘI NGHỊ CẤP CAO ASEAN"),
            vec![
                ("KHAI", Syllable),
                ("MẠC", Syllable),
                ("HỘI", Syllable),
                ("NGHỊ", Syllable),
                ("CẤP", Syllable),
                ("CAO", Syllable),
                ("ASEAN", Abbreviation)
            ]
        );
        assert_eq!(toks("BAN tổ chức")[0], ("BAN", Abbreviation));
    }

    #[test]
    fn hyphens_between_names_and_in_codes() {
        assert_eq!(
            toks("xung đột Nga-Ukraine"),
            vec![
                ("xung", Syllable),
                ("đột", Syllable),
                ("Nga", Syllable),
                ("-", Punct),
                ("Ukraine", Foreign)
            ]
        );
        assert_eq!(
            toks("quan hệ ASEAN-Mỹ"),
            vec![
                ("quan", Syllable),
                ("hệ", Syllable),
                ("ASEAN", Abbreviation),
                ("-", Punct),
                ("Mỹ", Syllable)
            ]
        );
        assert_eq!(
            toks("dịch COVID-19 và tiêm kích F-16"),
            vec![
                ("dịch", Syllable),
                ("COVID-19", Abbreviation),
                ("và", Syllable),
                ("tiêm", Syllable),
                ("kích", Syllable),
                ("F-16", Abbreviation)
            ]
        );
        assert_eq!(
            toks("Tổng thống Yoon Suk-yeol và ông Ban Ki-moon"),
            vec![
                ("Tổng", Syllable),
                ("thống", Syllable),
                ("Yoon", Foreign),
                ("Suk-yeol", Foreign),
                ("và", Syllable),
                ("ông", Syllable),
                ("Ban", Syllable),
                ("Ki-moon", Foreign)
            ]
        );
        assert_eq!(toks("Quỳnh")[0].1, Syllable);
        assert_eq!(toks("O'Neill")[0], ("O'Neill", Foreign));
    }

    #[test]
    fn glued_sentence_is_not_an_abbreviation() {
        assert_eq!(
            toks("quan hệ với Mỹ.Thủ tướng").len(),
            7,
            "Mỹ . Thủ are three tokens"
        );
        assert_eq!(
            toks("Tuần lễ APEC.Chủ tịch")[2..5],
            [("APEC", Abbreviation), (".", Punct), ("Chủ", Syllable)]
        );
        assert_eq!(
            toks("Việt Nam.Chủ tịch"),
            vec![
                ("Việt", Syllable),
                ("Nam", Syllable),
                (".", Punct),
                ("Chủ", Syllable),
                ("tịch", Syllable)
            ]
        );
    }

    #[test]
    fn urls_emails_quotes() {
        assert_eq!(
            toks("xem https://baochinhphu.vn/a-b.htm."),
            vec![
                ("xem", Syllable),
                ("https://baochinhphu.vn/a-b.htm", Url),
                (".", Punct)
            ]
        );
        assert_eq!(
            toks("gửi toasoan@ttxvn.vn"),
            vec![("gửi", Syllable), ("toasoan@ttxvn.vn", Email)]
        );
        assert_eq!(
            toks("“Tầm nhìn”…"),
            vec![
                ("“", Punct),
                ("Tầm", Syllable),
                ("nhìn", Syllable),
                ("”", Punct),
                ("…", Punct)
            ]
        );
        assert_eq!(toks("chờ..."), vec![("chờ", Syllable), ("...", Punct)]);
        assert_eq!(
            toks("theo baochinhphu.vn, VnExpress.net/thoi-su-123.html."),
            vec![
                ("theo", Syllable),
                ("baochinhphu.vn", Url),
                (",", Punct),
                ("VnExpress.net/thoi-su-123.html", Url),
                (".", Punct)
            ]
        );
        assert_eq!(
            toks("với Việt Nam.Com")[2..4],
            [("Nam", Syllable), (".", Punct)]
        );
    }

    #[test]
    fn nfd_input_stays_one_token() {
        let nfd = "Ha\u{300} No\u{302}\u{323}i";
        assert_eq!(toks(nfd).len(), 2);
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    /// Tokens are in order, never overlap, lie on char boundaries, cover every
    /// non-whitespace character and contain no whitespace.
    fn check(text: &str) -> Result<(), TestCaseError> {
        let toks = tokenize(text);
        let mut covered = vec![false; text.len()];
        let mut last = 0;
        for t in &toks {
            prop_assert!(t.span.start >= last && t.span.start < t.span.end);
            prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            prop_assert!(
                !t.span.slice(text).contains(char::is_whitespace),
                "{:?} holds whitespace",
                t.span.slice(text)
            );
            covered[t.span.start..t.span.end]
                .iter_mut()
                .for_each(|c| *c = true);
            last = t.span.end;
        }
        for (i, c) in text.char_indices() {
            prop_assert!(
                c.is_whitespace() || covered[i],
                "{:?} at {} not covered",
                c,
                i
            );
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn key_len_stops_at_the_first_ascii_non_alphanumeric(text in "[a-zA-Z0-9ắ ,.@\\[`{~\u{7f}\u{0}]{0,40}") {
            let b = text.as_bytes();
            for from in 0..b.len() {
                let want = b[from..]
                    .iter()
                    .take(16)
                    .position(|&c| c < 0x80 && KEY_END[c as usize])
                    .unwrap_or(b.len().min(from + 16) - from);
                prop_assert_eq!(key_len(b, from), want);
            }
        }

        #[test]
        fn headline_pass_over_abbreviations_equals_the_pass_over_all_tokens(text in "(KHAI|MẠC|HỘI|NGHỊ|CẤP|CAO|ASEAN|APEC|BAN|HÀ|NỘI|TTXVN|tổ|chức|G20|5G|U\\.S\\.|[ .,\n]){0,30}") {
            let tokens = tokenize(&text);
            // the kinds before the headline pass, turned by the reference pass over all tokens
            let mut reference = tokens.clone();
            for t in reference.iter_mut() {
                if t.kind == TokenKind::Syllable
                    && t.span.slice(&text).bytes().all(|c| c.is_ascii_uppercase())
                {
                    t.kind = TokenKind::Abbreviation;
                }
            }
            let mut untouched = tokenize(&text);
            for (u, r) in untouched.iter_mut().zip(&reference) {
                u.kind = r.kind;
            }
            let caps = |t: &Token| t.kind == TokenKind::Syllable && !t.span.slice(&text).chars().any(char::is_lowercase);
            let cand = |t: &Token| t.kind == TokenKind::Abbreviation && t.span.slice(&text).bytes().all(|c| c.is_ascii_uppercase()) && syllable::is_valid(t.span.slice(&text));
            for k in 0..untouched.len() {
                if k > 0 && cand(&untouched[k]) && caps(&untouched[k - 1]) {
                    untouched[k].kind = TokenKind::Syllable;
                }
            }
            for k in (0..untouched.len().saturating_sub(1)).rev() {
                if cand(&untouched[k]) && caps(&untouched[k + 1]) {
                    untouched[k].kind = TokenKind::Syllable;
                }
            }
            prop_assert_eq!(tokens, untouched);
        }

        #[test]
        fn remembered_runs_equal_fresh_ones(text in "([A-ZĐa-zđàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹ]{1,5}|[ \n\u{300}\u{302}\u{323}.,/\\-@:'…“”%$0-9²ñЖ]){0,30}", other in any::<String>()) {
            let mut caches = Caches::default();
            for t in [&text, &other] {
                // twice: the second time from the memo
                for _ in 0..2 {
                    // as every tokenizer call does: keys computed ahead were for another text
                    caches.ahead = None;
                    for (i, _) in t.char_indices() {
                        let r = run(t, i);
                        let want = Scan {
                            end: r.end,
                            letters: r.letters,
                            upper: r.upper,
                            digits: r.digits,
                            ascii: r.ascii,
                            syllable: r.digits == 0 && r.syl.parse().is_some(),
                        };
                        prop_assert_eq!(caches.run(t, i), want);
                    }
                }
            }
        }

        #[test]
        fn tokens_cover_vietnamese_like_text(text in "([A-ZĐa-zđàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹ]{1,5}|[ \n\t\u{a0}\u{300}\u{302}\u{323}.,/\\-@:'…“”%$0-9]|https?://|www\\.|\\.\\.\\.|😀|\u{200b}|\u{0}|\u{7}){0,50}") {
            check(&text)?;
        }

        #[test]
        fn tokens_cover_any_text(text in any::<String>()) {
            check(&text)?;
        }
    }
}
