//! Vietnamese syllable structure: initial, medial, nucleus, final and tone.
//!
//! Table-driven and allocation-free, because the tokenizer asks about every word:
//! - a letter table, built at compile time, maps every Vietnamese letter (either case,
//!   with or without its tone mark) to a small letter code, its tone and its case;
//!   combining marks of decomposed (NFD) input are folded in as they come;
//! - the initial is read off the first letter codes; the rhyme (medial + nucleus + final)
//!   is looked up, packed into one integer, in the sorted table of rhymes that Vietnamese
//!   spelling allows;
//! - spelling and phonotactic rules are then checked: `k`/`gh`/`ngh` only before front
//!   vowels, `c`/`g`/`ng` never before them, `iê` after an initial but `yê` without one,
//!   stop finals (`c ch p t`) only with the sắc or nặng tone, one tone mark at most.
//!
//! Tone-less (`Nội` → `Nôi`/`nôi`) and accent-less (`noi`) forms serve matching and search.

use std::sync::LazyLock;

/// The six tones of Vietnamese.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tone {
    /// ngang (no mark): `ma`
    Level,
    /// huyền: `mà`
    Falling,
    /// sắc: `má`
    Rising,
    /// hỏi: `mả`
    Dipping,
    /// ngã: `mã`
    Creaky,
    /// nặng: `mạ`
    Heavy,
}

impl Tone {
    /// In the order of the columns of the vowel tables.
    pub const ALL: [Tone; 6] = [
        Tone::Level,
        Tone::Falling,
        Tone::Rising,
        Tone::Dipping,
        Tone::Creaky,
        Tone::Heavy,
    ];

    /// The Vietnamese name of the tone.
    pub fn name(self) -> &'static str {
        ["ngang", "huyền", "sắc", "hỏi", "ngã", "nặng"][self as usize]
    }
}

/// Whether a derived form keeps the case of the input or lowercases it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    Keep,
    Lower,
}

// Letter codes (Telex names for the letters with a diacritic). 0 means "not a letter".
const A: u8 = 1;
const AW: u8 = 2; // ă
const AA: u8 = 3; // â
const B: u8 = 4;
const C: u8 = 5;
const D: u8 = 6;
const DD: u8 = 7; // đ
const E: u8 = 8;
const EE: u8 = 9; // ê
const G: u8 = 10;
const H: u8 = 11;
const I: u8 = 12;
const K: u8 = 13;
const L: u8 = 14;
const M: u8 = 15;
const N: u8 = 16;
const O: u8 = 17;
const OO: u8 = 18; // ô
const OW: u8 = 19; // ơ
const P: u8 = 20;
const Q: u8 = 21;
const R: u8 = 22;
const S: u8 = 23;
const T: u8 = 24;
const U: u8 = 25;
const UW: u8 = 26; // ư
const V: u8 = 27;
const X: u8 = 28;
const Y: u8 = 29;
// Letters of the Latin alphabet that no Vietnamese syllable uses (f, j, w, z).
const FOREIGN_F: u8 = 30;

/// Lowercase letter of each code (index = code).
const LOWER: [char; 34] = [
    '\0', 'a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'ô',
    'ơ', 'p', 'q', 'r', 's', 't', 'u', 'ư', 'v', 'x', 'y', 'f', 'j', 'w', 'z',
];
const UPPER: [char; 34] = [
    '\0', 'A', 'Ă', 'Â', 'B', 'C', 'D', 'Đ', 'E', 'Ê', 'G', 'H', 'I', 'K', 'L', 'M', 'N', 'O', 'Ô',
    'Ơ', 'P', 'Q', 'R', 'S', 'T', 'U', 'Ư', 'V', 'X', 'Y', 'F', 'J', 'W', 'Z',
];

/// Code of each ASCII lowercase letter `a..=z`.
const ASCII_CODES: [u8; 26] = [
    A,
    B,
    C,
    D,
    E,
    FOREIGN_F,
    G,
    H,
    I,
    FOREIGN_F + 1,
    K,
    L,
    M,
    N,
    O,
    P,
    Q,
    R,
    S,
    T,
    U,
    V,
    FOREIGN_F + 2,
    X,
    Y,
    FOREIGN_F + 3,
];

/// Each row: a base vowel, then the vowel with the five marks in the order of [`Tone::ALL`].
const VOWELS: [[char; 6]; 12] = [
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
const VOWELS_UPPER: [[char; 6]; 12] = [
    ['A', 'À', 'Á', 'Ả', 'Ã', 'Ạ'],
    ['Ă', 'Ằ', 'Ắ', 'Ẳ', 'Ẵ', 'Ặ'],
    ['Â', 'Ầ', 'Ấ', 'Ẩ', 'Ẫ', 'Ậ'],
    ['E', 'È', 'É', 'Ẻ', 'Ẽ', 'Ẹ'],
    ['Ê', 'Ề', 'Ế', 'Ể', 'Ễ', 'Ệ'],
    ['I', 'Ì', 'Í', 'Ỉ', 'Ĩ', 'Ị'],
    ['O', 'Ò', 'Ó', 'Ỏ', 'Õ', 'Ọ'],
    ['Ô', 'Ồ', 'Ố', 'Ổ', 'Ỗ', 'Ộ'],
    ['Ơ', 'Ờ', 'Ớ', 'Ở', 'Ỡ', 'Ợ'],
    ['U', 'Ù', 'Ú', 'Ủ', 'Ũ', 'Ụ'],
    ['Ư', 'Ừ', 'Ứ', 'Ử', 'Ữ', 'Ự'],
    ['Y', 'Ỳ', 'Ý', 'Ỷ', 'Ỹ', 'Ỵ'],
];
/// Letter code of each row of [`VOWELS`].
const VOWEL_CODES: [u8; 12] = [A, AW, AA, E, EE, I, O, OO, OW, U, UW, Y];

/// Row of [`VOWELS`] of each letter code, or `NO_ROW` for consonants.
const NO_ROW: u8 = 255;
const ROW_OF: [u8; 34] = {
    let mut t = [NO_ROW; 34];
    let mut r = 0;
    while r < 12 {
        t[VOWEL_CODES[r] as usize] = r as u8;
        r += 1;
    }
    t
};

/// A packed letter: code (bits 0–5), tone (bits 6–8), uppercase (bit 9); 0 = not a letter.
const fn pack(code: u8, tone: usize, upper: bool) -> u16 {
    code as u16 | (tone as u16) << 6 | (upper as u16) << 9
}

pub(crate) const ASCII_TABLE: [u16; 128] = {
    let mut t = [0u16; 128];
    let mut k = 0;
    while k < 26 {
        t[b'a' as usize + k] = pack(ASCII_CODES[k], 0, false);
        t[b'A' as usize + k] = pack(ASCII_CODES[k], 0, true);
        k += 1;
    }
    t
};

/// Letters U+00C0..=U+01B0 (Latin-1 Supplement, Latin Extended-A/B: `à`, `ă`, `đ`, `ơ`, `ư` …).
const LATIN_START: u32 = 0xC0;
const LATIN_TABLE: [u16; 0x1B1 - 0xC0] = build_table(LATIN_START, 0x1B1);
/// Letters U+1EA0..=U+1EF9 (Latin Extended Additional: `ạ`, `ầ`, `ệ`, `ữ` …).
const EXT_START: u32 = 0x1EA0;
const EXT_TABLE: [u16; 0x1EFA - 0x1EA0] = build_table(EXT_START, 0x1EFA);

const fn build_table<const LEN: usize>(start: u32, end: u32) -> [u16; LEN] {
    let mut t = [0u16; LEN];
    let mut r = 0;
    while r < 12 {
        let mut k = 0;
        while k < 6 {
            let lo = VOWELS[r][k] as u32;
            if lo >= start && lo < end {
                t[(lo - start) as usize] = pack(VOWEL_CODES[r], k, false);
            }
            let up = VOWELS_UPPER[r][k] as u32;
            if up >= start && up < end {
                t[(up - start) as usize] = pack(VOWEL_CODES[r], k, true);
            }
            k += 1;
        }
        r += 1;
    }
    if 0x110 >= start && 0x111 < end {
        t[(0x110 - start) as usize] = pack(DD, 0, true);
        t[(0x111 - start) as usize] = pack(DD, 0, false);
        // `Ð` (U+00D0, the Icelandic eth) stands in for `Đ` in many Vietnamese texts.
        t[(0xD0 - start) as usize] = pack(DD, 0, true);
    }
    t
}

/// The packed letter of `c` (0 if `c` is not a letter of the Vietnamese alphabet or
/// of the Latin one).
#[inline]
pub(crate) fn packed(c: char) -> u16 {
    let u = c as u32;
    if u < 128 {
        ASCII_TABLE[u as usize]
    } else if (LATIN_START..0x1B1).contains(&u) {
        LATIN_TABLE[(u - LATIN_START) as usize]
    } else if (EXT_START..0x1EFA).contains(&u) {
        EXT_TABLE[(u - EXT_START) as usize]
    } else {
        0
    }
}

/// Whether a packed letter is uppercase.
#[inline]
pub(crate) fn packed_upper(p: u16) -> bool {
    p >> 9 & 1 == 1
}

/// What a combining mark (NFD input) does to the letter before it.
enum Mark {
    Tone(usize),
    /// Circumflex, breve or horn: `a` → `â`/`ă`, `o` → `ô`/`ơ`, `u` → `ư`, `e` → `ê`.
    Diacritic(u32),
}

#[inline]
fn combining(c: char) -> Option<Mark> {
    Some(match c as u32 {
        0x300 | 0x340 => Mark::Tone(1),
        0x301 | 0x341 => Mark::Tone(2),
        0x309 => Mark::Tone(3),
        0x303 => Mark::Tone(4),
        0x323 => Mark::Tone(5),
        d @ (0x302 | 0x306 | 0x31B) => Mark::Diacritic(d),
        _ => return None,
    })
}

fn with_diacritic(code: u8, mark: u32) -> Option<u8> {
    Some(match (code, mark) {
        (A, 0x302) => AA,
        (A, 0x306) => AW,
        (E, 0x302) => EE,
        (O, 0x302) => OO,
        (O, 0x31B) => OW,
        (U, 0x31B) => UW,
        _ => return None,
    })
}

/// Base letter (lowercase, tone removed) and tone of one character, or `None` if the
/// character is not a letter of the Vietnamese (or Latin) alphabet.
pub fn letter(c: char) -> Option<(char, Tone)> {
    let p = packed(c);
    (p != 0).then(|| (LOWER[(p & 63) as usize], Tone::ALL[((p >> 6) & 7) as usize]))
}

/// `c` with its tone replaced by `tone`, case kept (`a` → `á`, `Ộ` → `Ố`); any other
/// character as given.
pub fn with_tone(c: char, tone: Tone) -> char {
    let p = packed(c);
    match ROW_OF[(p & 63) as usize] {
        NO_ROW => c,
        r if p >> 9 & 1 == 1 => VOWELS_UPPER[r as usize][tone as usize],
        r => VOWELS[r as usize][tone as usize],
    }
}

/// A parsed syllable. Parts are lowercase and tone-less.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Syllable {
    /// `""` when the syllable starts with a vowel (`anh`). `qu` and `gi` are initials.
    pub initial: &'static str,
    /// The glide before the nucleus: `o` in `hoa`, `u` in `thuý`, `tuấn`.
    pub medial: Option<char>,
    /// `a`, `iê`, `yê`, `ia`, `ya`, `uô`, `ua`, `ươ`, `ưa`, `oo` …
    pub nucleus: &'static str,
    /// `""`, or one of `c ch m n ng nh p t i y o u`.
    pub final_: &'static str,
    pub tone: Tone,
}

/// Rhymes (medial + nucleus + final, tone removed) that Vietnamese spelling allows.
const RHYMES: &[&str] = &[
    "a", "ai", "ao", "au", "ay", "ac", "ach", "am", "an", "ang", "anh", "ap", "at", "ăc", "ăm",
    "ăn", "ăng", "ăp", "ăt", "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây", "e", "eo", "ec",
    "em", "en", "eng", "ep", "et", "ê", "êu", "êch", "êm", "ên", "ênh", "êp", "êt", "i", "ia",
    "iu", "ich", "im", "in", "inh", "ip", "it", "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu",
    "yêm", "yên", "yêng", "yêt", "yêu", "o", "oi", "oc", "om", "on", "ong", "op", "ot", "ooc",
    "oong", "ô", "ôi", "ôc", "ôm", "ôn", "ông", "ôp", "ôt", "ơ", "ơi", "ơc", "ơm", "ơn", "ơp",
    "ơt", "u", "ua", "ui", "uc", "um", "un", "ung", "up", "ut", "uôc", "uôi", "uôm", "uôn", "uông",
    "uôt", "ư", "ưa", "ưi", "ưu", "ưc", "ưm", "ưn", "ưng", "ưt", "ươc", "ươi", "ươm", "ươn",
    "ương", "ươp", "ươt", "ươu", "y", "oa", "oai", "oao", "oay", "oac", "oach", "oam", "oan",
    "oang", "oanh", "oap", "oat", "oăc", "oăm", "oăn", "oăng", "oăt", "oe", "oeo", "oen", "oet",
    "uân", "uâng", "uât", "uây", "uy", "uya", "uyu", "uych", "uynh", "uyt", "uyn", "uyên", "uyêt",
    "uê", "uêch", "uênh", "uơ",
];

/// Vowel nuclei (after any medial), longest first.
const NUCLEI: [&str; 21] = [
    "iê", "yê", "uô", "ươ", "ia", "ya", "ua", "ưa", "oo", "a", "ă", "â", "e", "ê", "i", "o", "ô",
    "ơ", "u", "ư", "y",
];

/// Finals, longest first.
const FINALS: [&str; 12] = [
    "ng", "nh", "ch", "c", "m", "n", "p", "t", "i", "y", "o", "u",
];

#[derive(Clone, Copy, Debug)]
struct Rhyme {
    medial: Option<char>,
    nucleus: &'static str,
    final_: &'static str,
    /// First letter code (for the spelling rules of the initials).
    first: u8,
    /// A stop final (`c ch p t`): only the sắc and nặng tones.
    stop: bool,
    /// The nucleus is `iê`, `yê` or `ya` (whose spelling depends on what precedes).
    ie: IeSpelling,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum IeSpelling {
    Other,
    /// `iê`, after an initial without a glide: `tiên`.
    IE,
    /// `yê`, alone or after the glide: `yên`, `nguyên`, `quyết`.
    YE,
    /// `ya`, only after the glide: `khuya`.
    YA,
}

/// What the spelling rules need to know of an initial.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Onset {
    /// No initial consonant.
    Empty,
    Plain,
    Gi,
    Qu,
    /// `k`, `gh`, `ngh`: only before front vowels.
    Front,
    /// `c`, `g`, `ng`: never before front vowels.
    Back,
}

/// The rhymes in an open-addressing hash table: each slot holds a rhyme's key (its letter
/// codes packed 6 bits each) and its index in `rhymes`. 512 slots of 4 bytes stay in L1,
/// and a look-up is one or two probes (a binary search over the rhymes was most of the
/// tokenizer's time).
struct RhymeIndex {
    slots: [u32; RHYME_SLOTS],
    rhymes: Vec<Rhyme>,
}

const RHYME_SLOTS: usize = 512;

#[inline]
fn slot_of(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> (32 - RHYME_SLOTS.trailing_zeros())) as usize
}

static RHYME_INDEX: LazyLock<RhymeIndex> = LazyLock::new(|| {
    let mut index = RhymeIndex {
        slots: [0; RHYME_SLOTS],
        rhymes: Vec::with_capacity(RHYMES.len()),
    };
    for &r in RHYMES {
        let codes: Vec<u8> = r.chars().map(|c| (packed(c) & 63) as u8).collect();
        let (medial, rest) = match (codes[0], codes.get(1)) {
            (O, Some(&(A | AW | E))) => (Some('o'), &r[1..]),
            (U, Some(&(AA | Y | EE | OW))) => (Some('u'), &r[1..]),
            _ => (None, r),
        };
        let nucleus = NUCLEI
            .iter()
            .copied()
            .find(|n| rest.starts_with(n))
            .expect("every rhyme has a nucleus");
        let final_ = FINALS
            .iter()
            .copied()
            .find(|f| *f == &rest[nucleus.len()..])
            .unwrap_or("");
        assert_eq!(nucleus.len() + final_.len(), rest.len(), "rhyme {r}");
        let key = key(&codes).expect("rhymes are short");
        let mut slot = slot_of(key);
        while index.slots[slot] != 0 {
            slot = (slot + 1) % RHYME_SLOTS;
        }
        index.slots[slot] = key << 8 | index.rhymes.len() as u32;
        index.rhymes.push(Rhyme {
            medial,
            nucleus,
            final_,
            first: codes[0],
            stop: matches!(final_, "c" | "ch" | "p" | "t"),
            ie: match nucleus {
                "iê" => IeSpelling::IE,
                "yê" => IeSpelling::YE,
                "ya" => IeSpelling::YA,
                _ => IeSpelling::Other,
            },
        });
    }
    index
});

#[inline]
fn key(codes: &[u8]) -> Option<u32> {
    if codes.is_empty() || codes.len() > 4 {
        return None;
    }
    Some(codes.iter().fold(0u32, |k, &c| k << 6 | c as u32))
}

#[inline]
fn rhyme(codes: &[u8]) -> Option<Rhyme> {
    let key = key(codes)?;
    let index = &*RHYME_INDEX;
    let mut slot = slot_of(key);
    loop {
        let e = index.slots[slot];
        if e == 0 {
            return None;
        }
        if e >> 8 == key {
            return Some(index.rhymes[(e & 0xFF) as usize]);
        }
        slot = (slot + 1) % RHYME_SLOTS;
    }
}

/// The initial of a syllable from its first letter codes, its length in letters and what
/// the spelling rules need to know of it; `None` if the syllable cannot start this way
/// (`q` without `u`, `f`, `w` …).
#[inline]
fn initial(c: &[u8]) -> Option<(&'static str, usize, Onset)> {
    use Onset::*;
    Some(match c {
        [N, G, H, ..] => ("ngh", 3, Front),
        [N, G, ..] => ("ng", 2, Back),
        [N, H, ..] => ("nh", 2, Plain),
        [G, H, ..] => ("gh", 2, Front),
        [G, I, ..] => ("gi", 2, Gi),
        [Q, U, ..] => ("qu", 2, Qu),
        [C, H, ..] => ("ch", 2, Plain),
        [T, R, ..] => ("tr", 2, Plain),
        [T, H, ..] => ("th", 2, Plain),
        [P, H, ..] => ("ph", 2, Plain),
        [K, H, ..] => ("kh", 2, Plain),
        [first, ..] => {
            let (name, onset) = match *first {
                B => ("b", Plain),
                C => ("c", Back),
                D => ("d", Plain),
                DD => ("đ", Plain),
                G => ("g", Back),
                H => ("h", Plain),
                K => ("k", Front),
                L => ("l", Plain),
                M => ("m", Plain),
                N => ("n", Plain),
                P => ("p", Plain),
                R => ("r", Plain),
                S => ("s", Plain),
                T => ("t", Plain),
                V => ("v", Plain),
                X => ("x", Plain),
                A | AW | AA | E | EE | I | O | OO | OW | U | UW | Y => return Some(("", 0, Empty)),
                _ => return None,
            };
            (name, 1, onset)
        }
        [] => return None,
    })
}

/// Parse a syllable (any of lowercase, Capitalized or ALL CAPS; NFC or NFD; either
/// tone-mark convention); `None` if it is not a well-formed Vietnamese syllable.
pub fn parse(s: &str) -> Option<Syllable> {
    if s.is_empty() || s.len() > 32 {
        return None;
    }
    let mut letters = Letters::default();
    for c in s.chars() {
        letters.push(c);
    }
    letters.parse()
}

/// The letters of a would-be syllable, gathered one char at a time (the tokenizer feeds
/// them while it scans a word, so a word is decoded once).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Letters {
    codes: [u8; 8],
    n: u8,
    tone: u8,
    first_upper: bool,
    /// Case of the letters after the first: bit 0 = a lowercase one, bit 1 = an uppercase one.
    later: u8,
    /// Too many letters, two tone marks, a non-letter: not a syllable.
    bad: bool,
}

impl Letters {
    /// Add the letter with packed value `p` (non-zero).
    #[inline]
    pub(crate) fn push_packed(&mut self, p: u16) {
        let n = self.n as usize;
        if n == self.codes.len() {
            self.bad = true;
            return;
        }
        let upper = p >> 9 & 1 == 1;
        if n == 0 {
            self.first_upper = upper;
        } else {
            self.later |= 1 << upper as u8;
        }
        self.codes[n] = (p & 63) as u8;
        self.n += 1;
        let t = (p >> 6 & 7) as u8;
        if t != 0 {
            self.bad |= self.tone != 0; // two tone marks
            self.tone = t;
        }
    }

    /// Add any character: a letter, a combining mark (NFD), or anything else (which makes
    /// it no syllable).
    #[inline]
    pub(crate) fn push(&mut self, c: char) {
        let p = packed(c);
        if p != 0 {
            return self.push_packed(p);
        }
        match combining(c) {
            Some(_) if self.n == 0 => self.bad = true,
            Some(Mark::Tone(t)) => {
                self.bad |= self.tone != 0;
                self.tone = t as u8;
            }
            Some(Mark::Diacritic(d)) => {
                let last = &mut self.codes[self.n as usize - 1];
                match with_diacritic(*last, d) {
                    Some(code) => *last = code,
                    None => self.bad = true,
                }
            }
            None => self.bad = true,
        }
    }

    pub(crate) fn parse(&self) -> Option<Syllable> {
        // `hà`, `Hà`, `HÀ`; not `hÀ` or `HàN`.
        if self.bad || self.n == 0 || self.later == 3 || (self.later == 2 && !self.first_upper) {
            return None;
        }
        parse_codes(
            &self.codes[..self.n as usize],
            Tone::ALL[self.tone as usize],
        )
    }
}

fn parse_codes(c: &[u8], tone: Tone) -> Option<Syllable> {
    let (init, len, onset) = initial(c)?;
    let rest = &c[len..];
    let r = match onset {
        // `gì` (gi + i), `giữa` (gi + ưa), `giết` (gi + iêt: the i is shared).
        Onset::Gi => match rest {
            [] => rhyme(&[I])?,
            [I | Y, ..] => return None,
            _ => {
                let mut with_i = [I, 0, 0, 0];
                let shared = (rest.len() <= 3)
                    .then(|| {
                        with_i[1..=rest.len()].copy_from_slice(rest);
                        rhyme(&with_i[..=rest.len()])
                    })
                    .flatten();
                // `giêng`, `giết` are gi + iê: prefer the shared i before ê.
                match (rest[0], shared) {
                    (EE, Some(r)) => r,
                    _ => rhyme(rest).or(shared)?,
                }
            }
        },
        // `qu` carries the glide: `quân` (uân), `quyết` (uyêt), `quốc`, `qua`, `quen`.
        Onset::Qu => {
            let mut with_u = [U, 0, 0, 0, 0];
            let glided = (!rest.is_empty() && rest.len() <= 3)
                .then(|| {
                    with_u[1..=rest.len()].copy_from_slice(rest);
                    rhyme(&with_u[..=rest.len()]).filter(|r| r.medial == Some('u'))
                })
                .flatten();
            match glided {
                Some(r) => Rhyme { medial: None, ..r },
                None => {
                    let r = rhyme(rest)?;
                    if r.medial.is_some() || matches!(r.first, O | U | UW | Y) {
                        return None;
                    }
                    r
                }
            }
        }
        _ => rhyme(rest)?,
    };
    let front = matches!(r.first, I | E | EE | Y);
    let ok = match onset {
        Onset::Front => front,
        Onset::Back => !front,
        _ => true,
    };
    // `iê`/`ia` follow an initial (`tiên`, `kia`); `yê`/`ya` begin a syllable or follow
    // the glide (`yên`, `quyên`, `khuya`).
    let ie_ok = match r.ie {
        IeSpelling::IE => onset != Onset::Empty && r.medial.is_none(),
        IeSpelling::YE => onset == Onset::Empty || onset == Onset::Qu || r.medial.is_some(),
        IeSpelling::YA => r.medial.is_some() || onset == Onset::Qu,
        IeSpelling::Other => true,
    };
    if !ok || !ie_ok || (r.stop && !matches!(tone, Tone::Rising | Tone::Heavy)) {
        return None;
    }
    Some(Syllable {
        initial: init,
        medial: r.medial,
        nucleus: r.nucleus,
        final_: r.final_,
        tone,
    })
}

/// Remembers which letter sequences were syllables, for the tokenizer: words repeat so
/// much in running text that most are answered by one probe of this direct-mapped table
/// instead of a parse. Lives for one tokenizer call (16 KB on the stack, no locking).
pub(crate) struct ValidityCache {
    /// The letters' codes as one integer, and their tone, case pattern and validity
    /// (`meta`; 0 = empty slot).
    slots: [(u64, u8); 1024],
}

impl ValidityCache {
    pub(crate) fn new() -> Self {
        ValidityCache {
            slots: [(0, 0); 1024],
        }
    }

    #[inline]
    pub(crate) fn is_valid(&mut self, l: &Letters) -> bool {
        if l.bad || l.n == 0 {
            return false;
        }
        let codes = u64::from_le_bytes(l.codes);
        // tone (3 bits), case (3 bits), a set bit so the meta of a filled slot is never 0.
        let meta = l.tone | (l.first_upper as u8) << 3 | l.later << 4 | 0x40;
        let slot =
            ((codes ^ (meta as u64) << 56).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 54) as usize;
        let (k, m) = self.slots[slot];
        if k == codes && m & 0x7F == meta {
            return m & 0x80 != 0;
        }
        let valid = l.parse().is_some();
        self.slots[slot] = (codes, meta | (valid as u8) << 7);
        valid
    }
}

/// Whether `s` is a well-formed Vietnamese syllable.
#[inline]
pub fn is_valid(s: &str) -> bool {
    parse(s).is_some()
}

/// `s` without its tone marks, case kept: `Nội` → `Nôi`.
pub fn strip_tone(s: &str) -> String {
    tone_less(s, Case::Keep)
}

/// `s` without any diacritic, case kept: `Nội` → `Noi`, `Đà` → `Da`.
pub fn strip_accents(s: &str) -> String {
    accent_less(s, Case::Keep)
}

/// `s` without its tone marks: `Nội` → `Nôi` (or `nôi` with [`Case::Lower`]).
pub fn tone_less(s: &str, case: Case) -> String {
    let mut out = String::with_capacity(s.len());
    tone_less_into(s, case, &mut out);
    out
}

/// `s` without any diacritic: `Nội` → `Noi` (or `noi` with [`Case::Lower`]).
pub fn accent_less(s: &str, case: Case) -> String {
    let mut out = String::with_capacity(s.len());
    accent_less_into(s, case, &mut out);
    out
}

/// [`tone_less`], appending to `out`.
pub fn tone_less_into(s: &str, case: Case, out: &mut String) {
    fold_into(s, case, false, out)
}

/// [`accent_less`], appending to `out`.
pub fn accent_less_into(s: &str, case: Case, out: &mut String) {
    fold_into(s, case, true, out)
}

fn fold_into(s: &str, case: Case, accents: bool, out: &mut String) {
    let lower = case == Case::Lower;
    for c in s.chars() {
        if c.is_ascii() {
            out.push(if lower { c.to_ascii_lowercase() } else { c });
            continue;
        }
        let p = packed(c);
        if p == 0 {
            match combining(c) {
                Some(Mark::Tone(_)) => {}
                Some(Mark::Diacritic(_)) if accents => {}
                _ if accents && ('\u{300}'..='\u{36F}').contains(&c) => {}
                _ if lower => out.extend(c.to_lowercase()),
                _ => out.push(c),
            }
            continue;
        }
        let mut code = (p & 63) as u8;
        if accents {
            code = match code {
                AW | AA => A,
                EE => E,
                OO | OW => O,
                UW => U,
                DD => D,
                other => other,
            };
        }
        let upper = p >> 9 & 1 == 1 && !lower;
        out.push(if upper { UPPER } else { LOWER }[code as usize]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(s: &str) -> (&'static str, Option<char>, &'static str, &'static str, Tone) {
        let p = parse(s).unwrap_or_else(|| panic!("{s} should parse"));
        (p.initial, p.medial, p.nucleus, p.final_, p.tone)
    }

    #[test]
    fn parts_of_common_syllables() {
        use Tone::*;
        assert_eq!(parts("Nguyễn"), ("ng", Some('u'), "yê", "n", Creaky));
        assert_eq!(parts("hòa"), ("h", Some('o'), "a", "", Falling));
        assert_eq!(parts("hoà"), ("h", Some('o'), "a", "", Falling));
        assert_eq!(parts("Quốc"), ("qu", None, "ô", "c", Rising));
        assert_eq!(parts("quân"), ("qu", None, "â", "n", Level));
        assert_eq!(parts("Quỳnh"), ("qu", None, "y", "nh", Falling));
        assert_eq!(parts("quyết"), ("qu", None, "yê", "t", Rising));
        assert_eq!(parts("nghĩa"), ("ngh", None, "ia", "", Creaky));
        assert_eq!(parts("gì"), ("gi", None, "i", "", Falling));
        assert_eq!(parts("giữa"), ("gi", None, "ưa", "", Creaky));
        assert_eq!(parts("giết"), ("gi", None, "iê", "t", Rising));
        assert_eq!(parts("thuý"), ("th", Some('u'), "y", "", Rising));
        assert_eq!(parts("thúy"), ("th", Some('u'), "y", "", Rising));
        assert_eq!(parts("Ương"), ("", None, "ươ", "ng", Level));
        assert_eq!(parts("khuya"), ("kh", Some('u'), "ya", "", Level));
        assert_eq!(parts("Thượng"), ("th", None, "ươ", "ng", Heavy));
        assert_eq!(parts("ĐỈNH"), ("đ", None, "i", "nh", Dipping));
        assert_eq!(parts("khuếch"), ("kh", Some('u'), "ê", "ch", Rising));
        assert_eq!(parts("xoong"), ("x", None, "oo", "ng", Level));
        assert_eq!(parts("yên"), ("", None, "yê", "n", Level));
        assert_eq!(parts("tiếng"), ("t", None, "iê", "ng", Rising));
        assert_eq!(parts("muốn"), ("m", None, "uô", "n", Rising));
        assert_eq!(parts("rượu"), ("r", None, "ươ", "u", Heavy));
    }

    /// Every initial with a rhyme its spelling allows.
    #[test]
    fn every_initial() {
        let all = [
            "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
            "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
        ];
        for init in all {
            let rhyme = match init {
                "k" | "gh" | "ngh" => "iên",
                "qu" => "ân",
                _ => "ang",
            };
            let s = format!("{init}{rhyme}");
            assert_eq!(parts(&s).0, init, "{s}");
            // Capitalized and in capitals too.
            let cap: String = s
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if i == 0 {
                        c.to_uppercase().next().unwrap()
                    } else {
                        c
                    }
                })
                .collect();
            assert_eq!(parts(&cap).0, init, "{cap}");
            assert_eq!(parts(&s.to_uppercase()).0, init, "{s}");
        }
        for bad in [
            "fang", "jang", "wang", "zang", "qang", "cên", "kang", "ghang", "ngen",
        ] {
            assert!(!is_valid(bad), "{bad}");
        }
    }

    /// Every rhyme with every tone: accepted unless a stop final meets a tone it cannot
    /// carry; the parts put back together give the rhyme again.
    #[test]
    fn every_rhyme_and_every_tone() {
        for rhyme in RHYMES {
            let stop = ["c", "ch", "p", "t"].iter().any(|f| rhyme.ends_with(f));
            // `iê`/`ia` need an initial, `yê` needs none: pick the onset accordingly.
            let onset = if rhyme.starts_with('y') { "" } else { "t" };
            for tone in Tone::ALL {
                let s = format!("{onset}{}", mark(rhyme, tone));
                if stop && !matches!(tone, Tone::Rising | Tone::Heavy) {
                    assert!(
                        parse(&s).is_none(),
                        "{s}: stop final with the {} tone",
                        tone.name()
                    );
                    continue;
                }
                let p = parse(&s).unwrap_or_else(|| panic!("{s}"));
                assert_eq!(p.tone, tone, "{s}");
                let back = format!(
                    "{}{}{}",
                    p.medial.map(String::from).unwrap_or_default(),
                    p.nucleus,
                    p.final_
                );
                assert_eq!(&back, rhyme, "{s}");
            }
        }
    }

    /// Put the tone on the first vowel that can carry it (placement does not matter to parse).
    fn mark(rhyme: &str, tone: Tone) -> String {
        let mut done = false;
        rhyme
            .chars()
            .map(|c| {
                if !done && VOWELS.iter().any(|r| r[0] == c) {
                    done = true;
                    with_tone(c, tone)
                } else {
                    c
                }
            })
            .collect()
    }

    #[test]
    fn every_letter_decomposes_and_composes_back() {
        for (r, (low, up)) in VOWELS.iter().zip(VOWELS_UPPER).enumerate() {
            for (t, tone) in Tone::ALL.iter().enumerate() {
                assert_eq!(letter(low[t]), Some((VOWELS[r][0], *tone)));
                assert_eq!(letter(up[t]), Some((VOWELS[r][0], *tone)));
                assert_eq!(with_tone(low[0], *tone), low[t]);
                assert_eq!(with_tone(up[5], *tone), up[t]);
                assert_eq!(up[t].to_lowercase().next(), Some(low[t]));
            }
        }
        assert_eq!(letter('Đ'), Some(('đ', Tone::Level)));
        assert_eq!(with_tone('Đ', Tone::Rising), 'Đ');
        assert_eq!(
            letter('\u{D0}'),
            Some(('đ', Tone::Level)),
            "the Ð look-alike"
        );
        assert!(is_valid("\u{D0}à"));
        assert_eq!(letter('ñ'), None);
        assert_eq!(letter('1'), None);
    }

    #[test]
    fn foreign_words_and_malformed_syllables_are_not_syllables() {
        for w in [
            "Trump", "Lee", "Jae", "Gyeongju", "Kuala", "Lumpur", "Donald", "Albanese", "Wong",
            "Peru", "Biden", "Yoon", "Suk", "Shigeru", "Ishiba", "Anwar", "Putin", "Kyiv",
        ] {
            assert!(!is_valid(w), "{w}");
        }
        for w in [
            "Nội",
            "thượng",
            "đỉnh",
            "Kim",
            "Minh",
            "Chính",
            "nghiêng",
            "khuya",
            "quyết",
            "Huế",
            "Quỳnh",
            "Nguyễn",
            "Lâm",
            "Tô",
            "Cường",
            "gìn",
            "giêng",
            "ngoằn",
            "khuấy",
            "oẳn",
            "Xi",
        ] {
            assert!(is_valid(w), "{w}");
        }
        assert!(!is_valid("cá1"));
        assert!(!is_valid("hàá"), "two tone marks");
        assert!(!is_valid("tàc"), "stop final with the falling tone");
        assert!(!is_valid("ce"), "c before e is spelled k");
        assert!(!is_valid("ghà"), "gh only before front vowels");
        assert!(
            !is_valid("iên") && !is_valid("tyên"),
            "iê after an initial, yê without"
        );
        assert!(!is_valid("hÀ") && !is_valid("HàN"), "mixed case");
        assert!(!is_valid("nghiênggg") && !is_valid(""));
    }

    #[test]
    fn decomposed_input_parses_like_composed() {
        assert_eq!(parse("No\u{302}\u{323}i"), parse("Nội"));
        assert_eq!(parse("Ha\u{300}"), parse("Hà"));
        assert_eq!(parse("Tru\u{31B}o\u{31B}\u{300}ng"), parse("Trường"));
        assert!(!is_valid("\u{300}a"), "a mark with nothing to sit on");
    }

    /// The tokenizer's cache answers like the parser, also for words that collide in it.
    #[test]
    fn validity_cache_agrees_with_the_parser() {
        let mut cache = ValidityCache::new();
        let inits = ["", "b", "c", "gh", "gi", "k", "ngh", "qu", "tr", "f"];
        let mut words = Vec::new();
        for init in inits {
            for rhyme in RHYMES.iter().chain(&["ôông", "ya", "iên", "uk"]) {
                for tone in [Tone::Level, Tone::Rising, Tone::Falling] {
                    let w = format!("{init}{}", mark(rhyme, tone));
                    words.push(w.to_uppercase());
                    words.push(w);
                }
            }
        }
        for _ in 0..2 {
            for w in &words {
                let mut l = Letters::default();
                w.chars().for_each(|c| l.push(c));
                assert_eq!(cache.is_valid(&l), is_valid(w), "{w}");
            }
        }
    }

    #[test]
    fn tone_less_and_accent_less_forms() {
        assert_eq!(strip_tone("Nội"), "Nôi");
        assert_eq!(tone_less("Nội", Case::Lower), "nôi");
        assert_eq!(strip_accents("Nội"), "Noi");
        assert_eq!(accent_less("Nội", Case::Lower), "noi");
        assert_eq!(strip_accents("Đà Nẵng"), "Da Nang");
        assert_eq!(accent_less("ĐÀ NẴNG", Case::Lower), "da nang");
        assert_eq!(strip_tone("Hòa bình"), "Hoa binh");
        assert_eq!(strip_tone("Trường Sa"), "Trương Sa");
        assert_eq!(strip_tone("Trump"), "Trump");
        assert_eq!(strip_tone("No\u{302}\u{323}i"), "No\u{302}i");
        assert_eq!(strip_accents("No\u{302}\u{323}i"), "Noi");
        assert_eq!(tone_less("Ĩ Ỹ", Case::Lower), "i y");
    }
}
