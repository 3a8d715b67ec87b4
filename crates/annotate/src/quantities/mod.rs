//! The `quantities` plugin: quantities written with digits — money (`453 tỷ USD` →
//! 453000000000 `USD`, `1,5 triệu đồng` → 1500000 `VND`, `$3 billion`), percentages
//! (`11,8%` → 11.8 `%`) and counts with their counted noun (`100 doanh nghiệp`,
//! `30 năm`). Spelled-out numbers, ordinals (`lần thứ 31`), numbers inside names
//! (`Nhóm 20 nền kinh tế`, `G20`, `Đại hội 14`) and dates are not quantities.
//!
//! Units: an ISO 4217 code for money, `%` for percentages, otherwise the counted noun as
//! written (`doanh nghiệp`). A bare number with a multiplier (`dân số 100 triệu`) has
//! the unit `""`.

mod number;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use sen_core::layers::Quantity;
use sen_core::{AnnotateError, Annotator, Document, Layer, SettingsError, Span};

use crate::dates::lex::{eq_fold, lex, Kind, Lexed};

/// Counted nouns shipped with Sen (one per line, `#` comments).
const UNITS: &str = include_str!("units.txt");

/// Currency names after a number, and their ISO 4217 codes.
const CURRENCIES: &[(&str, &str)] = &[
    ("usd", "USD"),
    ("đô la mỹ", "USD"),
    ("đô-la mỹ", "USD"),
    ("đôla mỹ", "USD"),
    ("đô la", "USD"),
    ("đô-la", "USD"),
    ("đôla", "USD"),
    ("đô", "USD"),
    ("dollar", "USD"),
    ("dollars", "USD"),
    ("vnd", "VND"),
    ("vnđ", "VND"),
    ("đồng", "VND"),
    ("euro", "EUR"),
    ("eur", "EUR"),
    ("yen", "JPY"),
    ("yên", "JPY"),
    ("jpy", "JPY"),
    ("nhân dân tệ", "CNY"),
    ("ndt", "CNY"),
    ("cny", "CNY"),
    ("won", "KRW"),
    ("krw", "KRW"),
    ("bảng anh", "GBP"),
    ("gbp", "GBP"),
    ("rúp", "RUB"),
    ("rub", "RUB"),
    ("ringgit", "MYR"),
    ("baht", "THB"),
    ("bạt", "THB"),
    ("rupee", "INR"),
    ("rupiah", "IDR"),
    ("peso", "PHP"),
    ("kíp", "LAK"),
    ("riel", "KHR"),
    ("đô la singapore", "SGD"),
    ("sgd", "SGD"),
    ("đô la úc", "AUD"),
    ("aud", "AUD"),
    ("đô la canada", "CAD"),
    ("cad", "CAD"),
    ("franc thụy sĩ", "CHF"),
    ("chf", "CHF"),
    ("đô la new zealand", "NZD"),
    ("nzd", "NZD"),
    ("đô la hồng kông", "HKD"),
    ("hkd", "HKD"),
    ("inr", "INR"),
    ("thb", "THB"),
    ("myr", "MYR"),
    ("idr", "IDR"),
    ("php", "PHP"),
    ("brl", "BRL"),
    ("zar", "ZAR"),
    ("aed", "AED"),
    ("sar", "SAR"),
    ("qar", "QAR"),
];

/// `đồng` opens many words that are no currency (`đồng chí`, `đồng bào`, `đồng minh`).
const DONG_COMPOUNDS: &[&str] = &[
    "chí", "bào", "minh", "thời", "ý", "chủ", "hành", "nghiệp", "đội", "loạt", "bằng", "hồ",
    "phục", "thuận", "tình", "lòng", "cảm", "hương", "nhất", "đều", "ruộng", "tâm", "sáng", "tổ",
    "tác", "tiền", "hạng", "dạng", "điệu", "thanh",
];

/// Words before a number that make it an ordinal, a label or part of a date.
const LABEL_BEFORE: &[&str] = &[
    "thứ",
    "số",
    "khóa",
    "khoá",
    "điều",
    "khoản",
    "chương",
    "mục",
    "hạng",
    "cấp",
    "tầng",
    "phòng",
    "quận",
    "phường",
    "lô",
    "lộ",
    "tập",
    "đợt",
    "đoạn",
    "lần",
    "phần",
    "ngày",
    "tháng",
    "năm",
    "hôm",
    "lúc",
    "giờ",
    "kỳ",
    "vòng",
    "top",
    "nhóm",
    "tổ",
    "khu",
    "mã",
    "bản",
    "trang",
    "câu",
    "bảng",
    "hình",
    "phiên",
];

/// Words right after a number that cannot be its counted noun.
const NOT_UNITS: &[&str] = &[
    "và", "hoặc", "hay", "của", "là", "có", "được", "bị", "đã", "sẽ", "đang", "với", "cho",
    "trong", "tại", "ở", "từ", "đến", "tới", "các", "những", "này", "đó", "thì", "mà", "nhưng",
    "để", "về", "theo", "như", "khi", "so", "trên", "dưới", "sau", "trước", "hơn", "gần", "khoảng",
    "vào", "ra", "lên", "xuống", "đạt", "tăng", "giảm", "chiếm", "bằng", "nữa", "rồi", "cũng",
    "vẫn", "còn", "lại", "không", "chưa", "rất", "đều", "qua", "nay", "do", "vì", "nên", "tuy",
    "dù", "nếu", "mới", "vừa", "cả", "mỗi", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám",
    "chín", "mười", "trăm", "ông", "bà", "anh", "chị", "em", "người", "tức", "gồm", "là", "nhằm",
    "bởi", "thuộc", "cùng", "giữa", "tỷ", "tỉ", "lệ", "đây", "kia", "ấy", "thế", "vậy", "sẽ",
    "hết", "chỉ", "đúng", "tận",
];

/// Settings of the `quantities` stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct QuantitiesSettings {
    /// List counts (`100 doanh nghiệp`), not only money and percentages.
    pub counts: bool,
    /// Counted nouns to add to the built-in list (lowercase, e.g. `xe tăng`).
    pub units: Vec<String>,
    /// Accept a count whose noun is not in the list: the word after the number (from the
    /// word layer when there is one) unless it is a function word.
    pub unknown_units: bool,
}

impl Default for QuantitiesSettings {
    fn default() -> Self {
        QuantitiesSettings {
            counts: true,
            units: Vec::new(),
            unknown_units: true,
        }
    }
}

/// Phrases to match after a number, longest first, keyed by their first word.
#[derive(Clone, Debug, Default)]
struct Phrases {
    by_first: HashMap<String, Vec<Phrase>>,
}

#[derive(Clone, Debug)]
struct Phrase {
    /// Pieces as the lexer cuts them (lowercase), with "glued to the previous piece".
    pieces: Vec<(String, bool)>,
    /// What a match gives: an ISO code, or empty for "the text as written".
    payload: &'static str,
}

impl Phrases {
    fn add(&mut self, phrase: &str, payload: &'static str) {
        let phrase = phrase.trim().to_lowercase();
        let pieces: Vec<(String, bool)> = lex(&phrase)
            .iter()
            .map(|t| (phrase[t.start..t.end].to_string(), !t.space_before))
            .collect();
        let Some(first) = pieces.first().map(|p| p.0.clone()) else {
            return;
        };
        let v = self.by_first.entry(first).or_default();
        if v.iter().any(|p| p.pieces == pieces) {
            return;
        }
        v.push(Phrase { pieces, payload });
        v.sort_by_key(|p| std::cmp::Reverse(p.pieces.len()));
    }

    /// The longest phrase starting at piece `k`: its end piece and payload.
    fn longest(&self, lx: &Lexed, k: usize) -> Option<(usize, &'static str)> {
        if k >= lx.len() || !matches!(lx.kind(k), Some(Kind::Word)) {
            return None;
        }
        let key = lx.str(k).to_lowercase();
        let cands = self.by_first.get(&key)?;
        cands.iter().find_map(|p| {
            let ok = p.pieces.iter().enumerate().skip(1).all(|(j, (s, glued))| {
                k + j < lx.len() && lx.glued(k + j) == *glued && eq_fold(lx.str(k + j), s)
            });
            // A phrase must end on a word boundary (`đô` is no prefix of `đông`).
            let end = k + p.pieces.len();
            let boundary = end >= lx.len()
                || !lx.glued(end)
                || !matches!(lx.kind(end), Some(Kind::Word | Kind::Num));
            (ok && boundary).then_some((end, p.payload))
        })
    }
}

/// The `quantities` annotator.
#[derive(Clone, Debug)]
pub struct Quantities {
    counts: bool,
    unknown_units: bool,
    units: Phrases,
    currencies: Phrases,
}

impl Quantities {
    pub fn new(settings: QuantitiesSettings) -> Result<Self, SettingsError> {
        let mut units = Phrases::default();
        for line in UNITS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            units.add(line, "");
        }
        for u in &settings.units {
            if u.trim().is_empty() || u.bytes().any(|b| b.is_ascii_digit()) {
                return Err(SettingsError::msg(format!(
                    "units: `{u}` is not a counted noun"
                )));
            }
            units.add(u, "");
        }
        let mut currencies = Phrases::default();
        for (name, code) in CURRENCIES {
            currencies.add(name, code);
        }
        Ok(Quantities {
            counts: settings.counts,
            unknown_units: settings.unknown_units,
            units,
            currencies,
        })
    }

    /// The quantities of `text` in text order. Numbers inside `skip` spans (the dates)
    /// are left alone; `words` (may be empty) gives the extent of an unknown counted noun.
    pub fn find(&self, text: &str, skip: &[Span], words: &[Span]) -> Vec<Quantity> {
        // (the pieces `dates` just cut from the same text, when it ran before)
        let lx = Lexed::of_document(text);
        let out = self.find_in(&lx, skip, words);
        lx.keep();
        out
    }

    fn find_in(&self, lx: &Lexed, skip: &[Span], words: &[Span]) -> Vec<Quantity> {
        let mut out = Vec::new();
        let mut s = 0;
        let mut i = 0;
        while i < lx.len() {
            if !lx.is_num(i) {
                i += 1;
                continue;
            }
            let t = lx.toks[i];
            while s < skip.len() && skip[s].end <= t.start {
                s += 1;
            }
            if s < skip.len() && skip[s].start < t.end {
                i += 1;
                continue;
            }
            match self.at(lx, i, words) {
                Some((first, end, value, unit)) => {
                    let span = Span::new(lx.toks[first].start, lx.toks[end - 1].end);
                    // A quantity never runs into a date (`30 năm` right before `(1945-1975)`).
                    if skip.get(s).is_none_or(|d| d.start >= span.end) {
                        out.push(Quantity { span, value, unit });
                    }
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }

    /// A quantity whose number starts at piece `i`: first and end piece, value, unit.
    fn at(&self, lx: &Lexed, i: usize, words: &[Span]) -> Option<(usize, usize, f64, String)> {
        // `$3 billion`, `US$3 tỷ`.
        let mut prefix = None;
        if i > 0 && lx.is_punct(i - 1, '$') && lx.glued(i) {
            let us = i >= 2 && lx.glued(i - 1) && lx.is_word(i - 2, "us");
            prefix = Some(if us { i - 2 } else { i - 1 });
        }
        if prefix.is_none() && glued_before(lx, i) {
            return None;
        }
        let num = number::read(lx, i, |k| multiplier(lx, k).is_some())?;
        let mut k = num.end;
        if k < lx.len() && lx.glued(k) {
            match lx.kind(k) {
                Some(Kind::Punct('%')) => {}
                Some(Kind::Punct('/')) => return None,
                Some(Kind::Punct('-' | '–')) if lx.is_num(k + 1) => return None,
                // `5km`, `20MW`: glued units are fine; `20h`, `5G`, `3D` are not quantities.
                Some(Kind::Word) if self.units.longest(lx, k).is_none() => return None,
                _ => {}
            }
        }
        let mut mult: u64 = 1;
        while let Some(m) = multiplier(lx, k) {
            mult = mult.saturating_mul(m);
            k += 1;
        }
        let value = num.value(mult);
        let first = prefix.unwrap_or(i);

        if lx.is_punct(k, '%') {
            return Some((first, k + 1, value, "%".into()));
        }
        if lx.is_word(k, "phần") && lx.is_word(k + 1, "trăm") {
            return Some((first, k + 2, value, "%".into()));
        }
        if lx.is_word(k, "điểm") && lx.is_word(k + 1, "phần") && lx.is_word(k + 2, "trăm") {
            return Some((first, k + 3, value, "điểm phần trăm".into()));
        }
        if let Some((e, code)) = self.currencies.longest(lx, k) {
            let dong = code == "VND" && lx.is_word(k, "đồng");
            if !(dong && lx.is_any(e, DONG_COMPOUNDS)) {
                return Some((first, e, value, code.into()));
            }
        }
        if prefix.is_some() {
            return Some((first, k, value, "USD".into()));
        }
        // `USD 3 tỷ`.
        if mult > 1 && i > 0 && lx.toks[i].space_before {
            if let Some((_, code)) = self.currencies.longest(lx, i - 1) {
                if lx.str(i - 1).chars().all(|c| c.is_ascii_uppercase()) {
                    return Some((i - 1, k, value, code.into()));
                }
            }
        }

        if !self.counts {
            return None;
        }
        // `lần thứ 31`, `khóa 14`, `Nhóm 20 nền kinh tế`, `APEC 2025`.
        // (`cung cấp 500.000 tấn`, `nâng cấp`: the verb, not a label's `cấp`)
        let verb_cap = i > 1 && lx.is_word(i - 1, "cấp") && lx.is_any(i - 2, &["cung", "nâng"]);
        if i > 0 && lx.is_any(i - 1, LABEL_BEFORE) && !verb_cap {
            return None;
        }
        // After an acronym the number is part of the name (`APEC 2025`, `ASW 2.0`); after
        // a person's name it is not (`ông Trump 79 tuổi`).
        if i > 0
            && lx.toks[i].space_before
            && is_acronym(lx.str(i - 1))
            && lx.kind(i - 1) == Some(Kind::Word)
        {
            return None;
        }
        // `01`, `007`: labels, not counts.
        if num.decimals == 0 && num.digits.len() > 1 && num.digits.starts_with('0') {
            return None;
        }
        let listed = self.units.longest(lx, k).map(|(e, _)| e);
        let unknown = if self.unknown_units {
            unknown_unit(lx, k, words)
        } else {
            None
        };
        // A listed noun, or a longer word of the word layer that starts with it
        // (`xe` is listed, `xe tăng` is the word).
        let end = match (listed, unknown) {
            (Some(a), Some(b)) if !words.is_empty() => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        if let Some(e) = end {
            return Some((
                first,
                e,
                value,
                lx.text[lx.toks[k].start..lx.toks[e - 1].end].to_string(),
            ));
        }
        (mult > 1).then(|| (first, k, value, String::new()))
    }
}

/// Two or more letters, all capitals (`APEC`, `ASEAN`, `WEF`).
fn is_acronym(w: &str) -> bool {
    w.chars().count() >= 2 && w.chars().all(char::is_uppercase)
}

/// `nghìn` 10³, `triệu` 10⁶, `tỷ` 10⁹ and their English names.
fn multiplier(lx: &Lexed, k: usize) -> Option<u64> {
    if lx.kind(k) != Some(Kind::Word) {
        return None;
    }
    let w = lx.str(k);
    let m = if eq_fold(w, "nghìn") || eq_fold(w, "ngàn") || eq_fold(w, "thousand") {
        1_000
    } else if eq_fold(w, "vạn") {
        10_000
    } else if eq_fold(w, "triệu") || eq_fold(w, "million") {
        1_000_000
    } else if ((eq_fold(w, "tỷ") || eq_fold(w, "tỉ")) && !lx.is_word(k + 1, "lệ"))
        || eq_fold(w, "billion")
        || eq_fold(w, "bn")
    {
        1_000_000_000
    } else if eq_fold(w, "trillion") {
        1_000_000_000_000
    } else {
        return None;
    };
    Some(m)
}

/// The number is glued to what precedes it (`G20`, `D1`, `/2019`, `3.5` read from the
/// middle), so it is part of a name, a code or a larger number.
fn glued_before(lx: &Lexed, i: usize) -> bool {
    i > 0
        && lx.glued(i)
        && matches!(
            lx.toks[i - 1].kind,
            Kind::Word | Kind::Num | Kind::Punct('/' | '.' | ',' | '-' | '–' | ':')
        )
}

/// A counted noun outside the list: the word after the number if it is a lowercase
/// content word; its extent from the word layer when that has a word starting there.
fn unknown_unit(lx: &Lexed, k: usize, words: &[Span]) -> Option<usize> {
    if lx.kind(k) != Some(Kind::Word) || lx.capitalized(k) || lx.is_any(k, NOT_UNITS) {
        return None;
    }
    let start = lx.toks[k].start;
    let Ok(w) = words.binary_search_by_key(&start, |w| w.start) else {
        return Some(k + 1);
    };
    let end = words[w].end;
    // Extend over the pieces of that word while they are lowercase words.
    let mut e = k + 1;
    while e < lx.len()
        && lx.toks[e].end <= end
        && lx.kind(e) == Some(Kind::Word)
        && !lx.capitalized(e)
    {
        e += 1;
    }
    Some(e)
}

impl Annotator for Quantities {
    fn annotate(&self, doc: &mut Document) -> Result<(), AnnotateError> {
        let skip: Vec<Span> = doc.layers.dates.iter().map(|d| d.span).collect();
        let words: Vec<Span> = doc.layers.words.iter().map(|w| w.span).collect();
        doc.layers.quantities = self.find(&doc.text, &skip, &words);
        Ok(())
    }
}

sen_core::inventory::submit! {
    sen_core::Plugin {
        name: "quantities",
        description: "Quantities written with digits: money (453 tỷ USD), percentages (11,8%), counts with their noun (100 doanh nghiệp)",
        requires: &[Layer::Tokens, Layer::Sentences],
        provides: &[Layer::Quantities],
        defaults: sen_core::settings::defaults_of::<QuantitiesSettings>,
        build: |s| Ok(Box::new(Quantities::new(s.parse()?)?)),
    }
}

#[cfg(test)]
mod tests;
