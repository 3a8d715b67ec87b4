//! The `dates` plugin: time expressions of Vietnamese news (`ngày 29/10`, `sáng 20/2`,
//! `29/10-1/11`, `năm 2017`, `Chiều nay`, `hôm 15/11`, `11 giờ ngày 27-2` …) resolved to
//! ISO 8601 against the document date.
//!
//! Values written:
//! - a day `2025-10-29`, with a time `2025-10-29T19:30`;
//! - a range of days `2025-10-29/2025-11-01`, of years `2021/2025`;
//! - a month `2025-10`, a year `2017`, an ISO week `2025-W45` (`tuần tới`);
//! - `XXXX` in place of a year the document does not fix (`XXXX-10-26`), and
//!   `XXXX-XX-XX` for a relative day (`hôm nay`) in a document without a date.
//!
//! Without a document date the year comes from the text only: a year in the same
//! sentence (`APEC 2024 … hôm 15/11`), else the year of the previous dated mention, else
//! the first year of a name in the document.

mod calendar;
mod grammar;
pub(crate) mod lex;
mod resolve;

use serde::{Deserialize, Serialize};

use sen_core::layers::DateExpr;
use sen_core::{AnnotateError, Annotator, Document, Layer, SettingsError, Span};

use grammar::Options;
use lex::Lexed;
use resolve::{Reference, Resolver};

/// Settings of the `dates` stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatesSettings {
    /// The date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) to resolve against when a document
    /// has none of its own.
    pub reference_date: Option<String>,
    /// Accept a bare `29/10` (without `ngày`, `hôm` or a day-part). Fraction contexts such
    /// as `tỷ lệ 1/2` are rejected either way.
    pub bare_day_month: bool,
    /// Recognize relative expressions (`hôm nay`, `tuần tới`, `năm ngoái`, `cùng ngày`).
    pub relative: bool,
}

impl Default for DatesSettings {
    fn default() -> Self {
        DatesSettings {
            reference_date: None,
            bare_day_month: true,
            relative: true,
        }
    }
}

/// The `dates` annotator.
#[derive(Clone, Debug)]
pub struct Dates {
    options: Options,
    fallback: Option<Reference>,
}

impl Dates {
    pub fn new(settings: DatesSettings) -> Result<Self, SettingsError> {
        let fallback = match settings.reference_date.as_deref() {
            None => None,
            Some(s) => Some(Reference::parse(s).ok_or_else(|| {
                SettingsError::msg(format!(
                    "reference_date: `{s}` is not YYYY-MM-DD, YYYY-MM or YYYY"
                ))
            })?),
        };
        Ok(Dates {
            options: Options {
                bare_day_month: settings.bare_day_month,
                relative: settings.relative,
            },
            fallback,
        })
    }

    /// The date expressions of `text`, in text order. `doc_date` is the document's own
    /// date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`); `sentences` are sentence spans (may be
    /// empty: sentences are then found from punctuation and line breaks).
    pub fn find(&self, text: &str, doc_date: Option<&str>, sentences: &[Span]) -> Vec<DateExpr> {
        let lx = Lexed::of_document(text);
        let dates = self.find_in(&lx, doc_date, sentences);
        // (for `quantities`, which reads the same pieces)
        lx.keep();
        dates
    }

    fn find_in(&self, lx: &Lexed, doc_date: Option<&str>, sentences: &[Span]) -> Vec<DateExpr> {
        let found = grammar::find(lx, self.options);
        if found.is_empty() {
            return Vec::new();
        }
        let reference = doc_date.and_then(Reference::parse).or(self.fallback);
        let sentence_of = sentence_numbers(lx, sentences);
        let values = Resolver::new(lx, &sentence_of, &found, reference).resolve(&found);
        found
            .iter()
            .zip(values)
            .filter_map(|(f, v)| {
                let span = Span::new(lx.toks[f.first].start, lx.toks[f.end - 1].end);
                v.map(|value| DateExpr { span, value })
            })
            .collect()
    }
}

impl Annotator for Dates {
    fn annotate(&self, doc: &mut Document) -> Result<(), AnnotateError> {
        let sentences: Vec<Span> = doc.layers.sentences.iter().map(|s| s.span).collect();
        let dates = self.find(&doc.text, doc.meta.date.as_deref(), &sentences);
        doc.layers.dates = dates;
        Ok(())
    }
}

/// The month an ISO week (`2024-W45`) lies in, when all its days are in one month
/// (`2024-11`): how precisely an event dated `tuần trước` is known as a calendar date.
pub(crate) fn month_of_week(v: &str) -> Option<String> {
    let (y, w) = v.split_once("-W")?;
    let (y, w): (i32, i64) = (y.parse().ok()?, w.parse().ok()?);
    if !(1..=53).contains(&w) {
        return None;
    }
    let jan4 = calendar::day_number(y, 1, 4);
    let monday = jan4 - i64::from(calendar::weekday(jan4)) + 1 + 7 * (w - 1);
    let (y1, m1, _) = calendar::from_day_number(monday);
    let (y2, m2, _) = calendar::from_day_number(monday + 6);
    ((y1, m1) == (y2, m2)).then(|| format!("{y1:04}-{m1:02}"))
}

/// The sentence number of every piece: from the sentence layer when there is one, else
/// from sentence-final marks and line breaks.
fn sentence_numbers(lx: &Lexed, sentences: &[Span]) -> Vec<u32> {
    let mut out = Vec::with_capacity(lx.len());
    if sentences.is_empty() {
        let mut s = 0u32;
        for i in 0..lx.len() {
            if i > 0 && lx.starts_sentence(i) {
                s += 1;
            }
            out.push(s);
        }
    } else {
        let mut s = 0usize;
        for t in &lx.toks {
            while s + 1 < sentences.len() && sentences[s].end <= t.start {
                s += 1;
            }
            out.push(s as u32);
        }
    }
    out
}

sen_core::inventory::submit! {
    sen_core::Plugin {
        name: "dates",
        description: "Dates, times and ranges (ngày 29/10, sáng nay, 12-16/11, năm 2017) resolved to ISO 8601 against the document date",
        requires: &[Layer::Tokens, Layer::Sentences],
        provides: &[Layer::Dates],
        defaults: sen_core::settings::defaults_of::<DatesSettings>,
        build: |s| Ok(Box::new(Dates::new(s.parse()?)?)),
    }
}

#[cfg(test)]
mod tests;
