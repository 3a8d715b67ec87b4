//! Scoring summaries against gold files, by the rules of `corpus/summits-gold/GUIDELINES.md`
//! (scoring notes): precision, recall and F1 per layer, micro-averaged over documents,
//! and the location / occasion accuracy of matched events.
//!
//! The numbers are those of the reference scorer the gold files came with (`score.py`):
//! the same matching (greedy in gold order for events and dates, multiset for the rest),
//! the same comparison key ([`fold`]), the same report lines. Files are read as loose JSON
//! so a malformed system file scores as empty instead of aborting the run.

use std::io;
use std::path::Path;

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

/// Comparison key of names, organizations and date texts: NFC, case folded, non-breaking
/// spaces and runs of white space squeezed to one space, trimmed, and the tone mark of an
/// open `oa`/`oe`/`uy` moved onto the second vowel (`hoà` = `hòa`).
pub fn fold(s: &str) -> String {
    let lower: String = s.nfc().flat_map(char::to_lowercase).collect();
    let mut squeezed = String::with_capacity(lower.len());
    let mut space = false;
    for c in lower.chars() {
        if is_space(c) {
            space = true;
            continue;
        }
        if space && !squeezed.is_empty() {
            squeezed.push(' ');
        }
        space = false;
        squeezed.push(c);
    }
    let d: Vec<char> = squeezed.nfd().collect();
    let is_tone = |c: char| matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}');
    let mut out = String::with_capacity(squeezed.len());
    let mut i = 0;
    while i < d.len() {
        if i + 2 < d.len()
            && matches!(d[i], 'o' | 'u')
            && is_tone(d[i + 1])
            && matches!(d[i + 2], 'a' | 'e' | 'y')
            && d.get(i + 3)
                .is_none_or(|&n| !(n.is_ascii_lowercase() || ('\u{300}'..='\u{36f}').contains(&n)))
        {
            out.push(d[i]);
            out.push(d[i + 2]);
            out.push(d[i + 1]);
            i += 3;
        } else {
            out.push(d[i]);
            i += 1;
        }
    }
    out.nfc().collect()
}

/// White space as Python's `str.isspace` sees it.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// `fold` of a JSON value: `None` for null or absent, the text of a string, else its JSON.
fn fold_value(v: Option<&Value>) -> Option<String> {
    match v {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(fold(s)),
        Some(other) => Some(fold(&other.to_string())),
    }
}

/// Equality with numbers compared by value (`4` = `4.0`), as the reference does.
fn value_eq(a: Option<&Value>, b: Option<&Value>) -> bool {
    let a = a.unwrap_or(&Value::Null);
    let b = b.unwrap_or(&Value::Null);
    let num = |v: &Value| match v {
        Value::Number(n) => n.as_f64(),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        _ => None,
    };
    match (num(a), num(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// A gold date `XXXX-MM-DD` (year not fixed by the text) also accepts a resolved year.
pub fn date_eq(gold: Option<&Value>, sys: Option<&Value>) -> bool {
    if value_eq(gold, sys) {
        return true;
    }
    if let (Some(Value::String(g)), Some(Value::String(s))) = (gold, sys) {
        if g.starts_with("XXXX") && g.chars().count() == s.chars().count() {
            let s4: String = s.chars().take(4).collect();
            return s.chars().skip(4).eq(g.chars().skip(4))
                && s4.chars().count() == 4
                && s4.chars().all(char::is_numeric);
        }
    }
    false
}

/// True positives, false positives, false negatives of one layer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    /// Precision, recall, F1. With nothing predicted, precision is 1 when nothing was
    /// expected either; with nothing expected, recall is 1.
    pub fn prf(&self) -> (f64, f64, f64) {
        let (tp, fp, fn_) = (self.tp as f64, self.fp as f64, self.fn_ as f64);
        let p = if self.tp + self.fp > 0 {
            tp / (tp + fp)
        } else if self.fn_ == 0 {
            1.0
        } else {
            0.0
        };
        let r = if self.tp + self.fn_ > 0 {
            tp / (tp + fn_)
        } else {
            1.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }

    pub fn f1(&self) -> f64 {
        self.prf().2
    }
}

/// The scores of a set of documents.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Layers in the order they were first scored: `people`, `people.country`, `countries`,
    /// `organizations`, `dates`, `quantities`, `events.strict`, `events.lenient`.
    pub layers: Vec<(String, Counts)>,
    loc_ok: usize,
    loc_n: usize,
    occ_ok: usize,
    occ_n: usize,
    /// Gold documents without a system file.
    pub missing_docs: usize,
    /// Per-document event mismatches, for a reader chasing errors.
    pub notes: Vec<String>,
}

/// Multiset matching: each gold item takes one equal system item.
fn match_sets<T, F: Fn(&T, &T) -> bool>(gold: &[T], sys: &[T], eq: F) -> Counts {
    let mut used = vec![false; sys.len()];
    let mut tp = 0;
    for g in gold {
        if let Some(i) = (0..sys.len()).find(|&i| !used[i] && eq(g, &sys[i])) {
            used[i] = true;
            tp += 1;
        }
    }
    Counts {
        tp,
        fp: sys.len() - tp,
        fn_: gold.len() - tp,
    }
}

/// Greedy one-to-one matching in gold order; returns the counts and the matched pairs.
fn greedy<'a, F: Fn(&Value, &Value) -> bool>(
    gold: &'a [Value],
    sys: &'a [Value],
    pred: F,
) -> (Counts, Vec<(&'a Value, &'a Value)>) {
    let mut used = vec![false; sys.len()];
    let mut pairs = Vec::new();
    for g in gold {
        if let Some(i) = (0..sys.len()).find(|&i| !used[i] && pred(g, &sys[i])) {
            used[i] = true;
            pairs.push((g, &sys[i]));
        }
    }
    let tp = pairs.len();
    (
        Counts {
            tp,
            fp: sys.len() - tp,
            fn_: gold.len() - tp,
        },
        pairs,
    )
}

fn list<'a>(doc: &'a Value, key: &str) -> &'a [Value] {
    doc.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn participants(e: &Value) -> Vec<Option<String>> {
    let mut v: Vec<Option<String>> = list(e, "participants")
        .iter()
        .map(|p| fold_value(Some(p)))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// `None` for an absent, null or empty date (the reference reads `date or None`).
fn event_date(e: &Value) -> Option<&Value> {
    match e.get("date") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.is_empty() => None,
        Some(v) => Some(v),
    }
}

/// Same type, and (strict) the same participants and date, or (lenient) a shared
/// participant.
pub fn event_match(gold: &Value, sys: &Value, strict: bool) -> bool {
    if !value_eq(gold.get("type"), sys.get("type")) {
        return false;
    }
    let gp = participants(gold);
    let sp = participants(sys);
    if strict {
        gp == sp && date_eq(event_date(gold), event_date(sys))
    } else {
        gp.iter().any(|p| sp.contains(p)) || (gp.is_empty() && sp.is_empty())
    }
}

impl Report {
    fn add(&mut self, layer: &str, c: Counts) {
        match self.layers.iter_mut().find(|(k, _)| k == layer) {
            Some((_, t)) => {
                t.tp += c.tp;
                t.fp += c.fp;
                t.fn_ += c.fn_;
            }
            None => self.layers.push((layer.to_string(), c)),
        }
    }

    /// The counts of one layer (zero when it was never scored).
    pub fn counts(&self, layer: &str) -> Counts {
        self.layers
            .iter()
            .find(|(k, _)| k == layer)
            .map(|(_, c)| *c)
            .unwrap_or_default()
    }

    pub fn f1(&self, layer: &str) -> f64 {
        self.counts(layer).f1()
    }

    /// Share of matched (lenient) events whose location country agrees.
    pub fn location_country_acc(&self) -> Option<f64> {
        (self.loc_n > 0).then(|| self.loc_ok as f64 / self.loc_n as f64)
    }

    /// Share of matched (lenient) events whose occasion agrees.
    pub fn occasion_acc(&self) -> Option<f64> {
        (self.occ_n > 0).then(|| self.occ_ok as f64 / self.occ_n as f64)
    }

    /// Score one system summary against its gold summary (both as JSON); a missing or
    /// unreadable system file is an empty object.
    pub fn add_document(&mut self, gold: &Value, sys: &Value) {
        let doc = gold.get("doc").and_then(Value::as_str).unwrap_or("?");
        let name = |p: &Value| fold_value(p.get("name"));
        let gp: Vec<_> = list(gold, "people").iter().map(name).collect();
        let sp: Vec<_> = list(sys, "people").iter().map(name).collect();
        self.add("people", match_sets(&gp, &sp, |a, b| a == b));
        // Country of the people found by both (the last of a repeated name, as a dict keeps).
        let by_name = |d: &Value| {
            let mut m: Vec<(Option<String>, Value)> = Vec::new();
            for p in list(d, "people") {
                let c = p.get("country").cloned().unwrap_or(Value::Null);
                match m.iter_mut().find(|(k, _)| *k == name(p)) {
                    Some(slot) => slot.1 = c,
                    None => m.push((name(p), c)),
                }
            }
            m
        };
        let (gm, sm) = (by_name(gold), by_name(sys));
        for (k, gc) in &gm {
            if let Some((_, sc)) = sm.iter().find(|(sk, _)| sk == k) {
                self.add(
                    "people.country",
                    match_sets(
                        std::slice::from_ref(gc),
                        std::slice::from_ref(sc),
                        |a, b| value_eq(Some(a), Some(b)),
                    ),
                );
            }
        }
        let set = |d: &Value, key: &str, f: &dyn Fn(&Value) -> Option<String>| {
            let mut v: Vec<Option<String>> = list(d, key).iter().map(f).collect();
            v.sort();
            v.dedup();
            v
        };
        let raw = |v: &Value| match v {
            Value::String(s) => Some(s.clone()),
            Value::Null => None,
            other => Some(other.to_string()),
        };
        self.add(
            "countries",
            match_sets(
                &set(gold, "countries", &raw),
                &set(sys, "countries", &raw),
                |a, b| a == b,
            ),
        );
        let folded = |v: &Value| fold_value(Some(v));
        self.add(
            "organizations",
            match_sets(
                &set(gold, "organizations", &folded),
                &set(sys, "organizations", &folded),
                |a, b| a == b,
            ),
        );

        let dates = |d: &Value| -> Vec<Value> {
            list(d, "dates")
                .iter()
                .map(|x| {
                    let t = fold_value(x.get("text")).map_or(Value::Null, Value::String);
                    Value::Array(vec![t, x.get("value").cloned().unwrap_or(Value::Null)])
                })
                .collect()
        };
        let (gd, sd) = (dates(gold), dates(sys));
        let (c, _) = greedy(&gd, &sd, |g, s| {
            g[0] == s[0] && date_eq(Some(&g[1]), Some(&s[1]))
        });
        self.add("dates", c);

        let quantities = |d: &Value| -> Vec<(Option<String>, Value)> {
            list(d, "quantities")
                .iter()
                .map(|q| {
                    (
                        fold_value(q.get("text")),
                        q.get("value").cloned().unwrap_or(Value::Null),
                    )
                })
                .collect()
        };
        self.add(
            "quantities",
            match_sets(&quantities(gold), &quantities(sys), |a, b| {
                a.0 == b.0 && value_eq(Some(&a.1), Some(&b.1))
            }),
        );

        let (ge, se) = (list(gold, "events"), list(sys, "events"));
        let (strict, spairs) = greedy(ge, se, |g, s| event_match(g, s, true));
        self.add("events.strict", strict);
        let (lenient, pairs) = greedy(ge, se, |g, s| event_match(g, s, false));
        self.add("events.lenient", lenient);
        for g in ge {
            if !spairs.iter().any(|(pg, _)| std::ptr::eq(*pg, g)) {
                self.notes.push(format!(
                    "{doc}: missed {}",
                    serde_json::to_string(&brief(g)).unwrap_or_default()
                ));
            }
        }
        for s in se {
            if !spairs.iter().any(|(_, ps)| std::ptr::eq(*ps, s)) {
                self.notes.push(format!(
                    "{doc}: extra  {}",
                    serde_json::to_string(&brief(s)).unwrap_or_default()
                ));
            }
        }
        for (g, s) in pairs {
            let country = |e: &Value| e.get("location").and_then(|l| l.get("country")).cloned();
            self.loc_n += 1;
            if value_eq(country(g).as_ref(), country(s).as_ref()) {
                self.loc_ok += 1;
            } else {
                self.notes.push(format!(
                    "{doc}: location country {} ≠ gold {} ({} {:?})",
                    country(s).unwrap_or(Value::Null),
                    country(g).unwrap_or(Value::Null),
                    g.get("type").and_then(Value::as_str).unwrap_or("?"),
                    g.get("date").and_then(Value::as_str),
                ));
            }
            self.occ_n += 1;
            let occ_g = fold_value(g.get("occasion"));
            let occ_s = fold_value(s.get("occasion"));
            if occ_g == occ_s {
                self.occ_ok += 1;
            } else {
                self.notes.push(format!(
                    "{doc}: occasion {:?} ≠ gold {:?} ({} {:?})",
                    s.get("occasion").and_then(Value::as_str),
                    g.get("occasion").and_then(Value::as_str),
                    g.get("type").and_then(Value::as_str).unwrap_or("?"),
                    g.get("date").and_then(Value::as_str),
                ));
            }
        }
    }

    /// Score every `GOLD/*.json` against `SYSTEM/<same name>`.
    pub fn score_dirs(gold: &Path, system: &Path) -> io::Result<Report> {
        let mut files: Vec<_> = std::fs::read_dir(gold)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        let mut report = Report::default();
        for gf in files {
            let g: Value = serde_json::from_str(&std::fs::read_to_string(&gf)?).map_err(|e| {
                io::Error::new(io::ErrorKind::InvalidData, format!("{}: {e}", gf.display()))
            })?;
            let sf = system.join(gf.file_name().unwrap_or_default());
            let s = match std::fs::read_to_string(&sf) {
                Ok(text) => serde_json::from_str::<Value>(&text)
                    .ok()
                    .filter(Value::is_object)
                    .unwrap_or_else(|| Value::Object(Default::default())),
                Err(_) => {
                    report.missing_docs += 1;
                    Value::Object(Default::default())
                }
            };
            report.add_document(&g, &s);
        }
        Ok(report)
    }

    /// The report as the reference scorer prints it, line for line.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for (k, c) in &self.layers {
            let (p, r, f) = c.prf();
            out.push_str(&format!(
                "{k:22} P {p:.3}  R {r:.3}  F1 {f:.3}  (tp {} fp {} fn {})\n",
                c.tp, c.fp, c.fn_
            ));
        }
        let acc = |v: Option<f64>| v.map_or_else(|| "None".to_string(), |x| py_float(round3(x)));
        out.push_str(&format!(
            "{:22} {}\n",
            "events.location_country_acc",
            acc(self.location_country_acc())
        ));
        out.push_str(&format!(
            "{:22} {}\n",
            "events.occasion_acc",
            acc(self.occasion_acc())
        ));
        out.push_str(&format!("{:22} {}\n", "missing_docs", self.missing_docs));
        out.push_str(&format!(
            "summary: people F1 {:.3}, events strict F1 {:.3}, lenient F1 {:.3}, missing docs {}\n",
            self.f1("people"),
            self.f1("events.strict"),
            self.f1("events.lenient"),
            self.missing_docs
        ));
        out
    }

    /// The report as the reference scorer's `--json` prints it.
    pub fn to_json(&self) -> String {
        let mut items: Vec<String> = Vec::new();
        for (k, c) in &self.layers {
            let (p, r, f) = c.prf();
            items.push(format!(
                " {}: {{\n  \"p\": {},\n  \"r\": {},\n  \"f1\": {},\n  \"tp\": {},\n  \"fp\": {},\n  \"fn\": {}\n }}",
                serde_json::to_string(k).unwrap_or_default(),
                py_float(round3(p)),
                py_float(round3(r)),
                py_float(round3(f)),
                c.tp,
                c.fp,
                c.fn_
            ));
        }
        let acc = |v: Option<f64>| v.map_or_else(|| "null".to_string(), |x| py_float(round3(x)));
        items.push(format!(
            " \"events.location_country_acc\": {}",
            acc(self.location_country_acc())
        ));
        items.push(format!(
            " \"events.occasion_acc\": {}",
            acc(self.occasion_acc())
        ));
        items.push(format!(" \"missing_docs\": {}", self.missing_docs));
        format!("{{\n{}\n}}\n", items.join(",\n"))
    }
}

/// Round to 3 decimals, half to even on the exact binary value (Python's `round`).
fn round3(x: f64) -> f64 {
    format!("{x:.3}").parse().unwrap_or(x)
}

/// A float as Python's `repr` writes it in this range (`1.0`, `0.857`).
fn py_float(x: f64) -> String {
    let s = format!("{x}");
    if s.contains('.') || s.contains('e') || s.contains("inf") || s.contains("NaN") {
        s
    } else {
        format!("{s}.0")
    }
}

/// The scored fields of an event, for mismatch notes.
fn brief(e: &Value) -> Value {
    serde_json::json!({
        "type": e.get("type"),
        "date": e.get("date"),
        "participants": e.get("participants"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fold_unifies_case_spacing_and_tone_placement() {
        assert_eq!(fold("Hội đồng Hoà bình"), fold("hội đồng  hòa bình"));
        assert_eq!(fold("Thủ Tướng\u{a0}Phạm"), "thủ tướng phạm");
        assert_eq!(fold("khuỳnh"), "khuỳnh"); // not an open `uy`: the coda stays
        assert_eq!(fold("Thuỷ"), fold("Thủy"));
        assert_eq!(fold("  Tô   Lâm "), "tô lâm");
        // NFD input folds to the same NFC key.
        let nfd: String = "Hoà".nfd().collect();
        assert_eq!(fold(&nfd), fold("hòa"));
    }

    #[test]
    fn unknown_year_accepts_a_resolved_one() {
        let g = json!("XXXX-10-26");
        assert!(date_eq(Some(&g), Some(&json!("2025-10-26"))));
        assert!(!date_eq(Some(&g), Some(&json!("2025-10-27"))));
        assert!(!date_eq(
            Some(&json!("2025-10-26")),
            Some(&json!("XXXX-10-26"))
        ));
        assert!(date_eq(None, Some(&Value::Null)));
    }

    fn ev(kind: &str, date: Option<&str>, who: &[&str]) -> Value {
        json!({"type": kind, "date": date, "participants": who,
               "location": {"city": null, "country": "KR", "venue": null}, "occasion": "APEC"})
    }

    #[test]
    fn strict_and_lenient_event_matching() {
        let gold = json!({"doc": "d", "events": [
            ev("meeting", Some("2025-10-29"), &["Lương Cường", "Donald Trump"]),
            ev("visit", Some("2017"), &["Donald Trump"]),
        ]});
        let sys = json!({"doc": "d", "events": [
            ev("meeting", Some("2025-10-29"), &["donald trump", "Lương  Cường"]),
            ev("visit", None, &["Donald Trump"]),
            ev("talks", None, &["Donald Trump"]),
        ]});
        let mut r = Report::default();
        r.add_document(&gold, &sys);
        assert_eq!(
            r.counts("events.strict"),
            Counts {
                tp: 1,
                fp: 2,
                fn_: 1
            }
        );
        assert_eq!(
            r.counts("events.lenient"),
            Counts {
                tp: 2,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(r.location_country_acc(), Some(1.0));
    }

    #[test]
    fn empty_system_scores_zero_recall_and_prints_like_the_reference() {
        let gold = json!({"doc": "d", "people": [{"name": "Tô Lâm", "country": "VN"}],
                          "countries": ["VN"], "organizations": [], "events": [],
                          "dates": [], "quantities": []});
        let mut r = Report::default();
        r.add_document(&gold, &json!({}));
        assert_eq!(
            r.counts("people"),
            Counts {
                tp: 0,
                fp: 0,
                fn_: 1
            }
        );
        let text = r.to_text();
        assert!(text
            .starts_with("people                 P 0.000  R 0.000  F1 0.000  (tp 0 fp 0 fn 1)\n"));
        assert!(text.contains("organizations          P 1.000  R 1.000  F1 1.000"));
        assert!(text.contains("events.location_country_acc None\n"));
    }

    #[test]
    fn quantities_compare_numbers_by_value() {
        let gold = json!({"quantities": [{"text": "4 lần", "value": 4, "unit": "lần"}]});
        let sys = json!({"quantities": [{"text": "4 lần", "value": 4.0, "unit": "lần"}]});
        let mut r = Report::default();
        r.add_document(&gold, &sys);
        assert_eq!(r.counts("quantities").tp, 1);
    }

    #[test]
    fn python_float_repr() {
        assert_eq!(py_float(round3(1.0)), "1.0");
        assert_eq!(py_float(round3(6.0 / 7.0)), "0.857");
        assert_eq!(round3(0.0625), 0.062);
    }
}
