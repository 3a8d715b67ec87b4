//! Resolution: fill in what the text leaves out (mostly the year) from the document date,
//! or, without one, from years the text itself states, and write ISO 8601 values.

use super::calendar::{
    day_number, days_in_month, first_lunar_month_day, from_day_number, iso_week, weekday,
};
use super::grammar::{plausible_year, Dmy, Found, Raw, Time, WeekdayRel};
use super::lex::{Kind, Lexed};

/// The date a document speaks from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reference {
    Day(i32, u32, u32),
    Month(i32, u32),
    Year(i32),
}

impl Reference {
    /// `YYYY-MM-DD` (anything after the day, such as a time, is ignored), `YYYY-MM`, `YYYY`.
    pub(crate) fn parse(s: &str) -> Option<Reference> {
        let s = s.trim();
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let p = s.get(r)?;
            (p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        let y = num(0..4).filter(|&y| plausible_year(y))? as i32;
        if s.len() == 4 {
            return Some(Reference::Year(y));
        }
        if s.as_bytes().get(4) != Some(&b'-') {
            return None;
        }
        let m = num(5..7).filter(|m| (1..=12).contains(m))?;
        if s.len() == 7 {
            return Some(Reference::Month(y, m));
        }
        if s.as_bytes().get(7) != Some(&b'-') {
            return None;
        }
        let d = num(8..10).filter(|&d| d >= 1 && d <= days_in_month(Some(y), m))?;
        if s.len() > 10 && !matches!(s.as_bytes()[10], b'T' | b' ') {
            return None;
        }
        Some(Reference::Day(y, m, d))
    }
}

/// A year the text states, at piece `tok`. `strong` years tell which year the article is
/// about: a full date, a year of a name (`APEC 2024`), `trong năm 2016`, a sentence
/// opening `Năm 2025 …`, a life span `(1973-2023)`.
/// they are not dates themselves but tell which year the article is about.
#[derive(Clone, Copy, Debug)]
struct Anchor {
    tok: usize,
    sentence: u32,
    year: i32,
    strong: bool,
}

pub(crate) struct Resolver<'a> {
    /// Sentence number of every piece.
    sentence_of: &'a [u32],
    reference: Option<Reference>,
    anchors: Vec<Anchor>,
    /// Per found expression: a weekday told without `hôm` in a sentence about what is to
    /// come (`Sáng thứ Năm, Thủ tướng … sẽ chủ trì …`), which is the next such day.
    ahead: Vec<bool>,
}

impl<'a> Resolver<'a> {
    pub(crate) fn new(
        lx: &Lexed,
        sentence_of: &'a [u32],
        found: &[Found],
        reference: Option<Reference>,
    ) -> Self {
        let mut anchors = Vec::new();
        if reference.is_none() {
            anchors = collect_anchors(lx, sentence_of, found);
        }
        let ahead = found
            .iter()
            .map(|f| {
                matches!(
                    f.raw,
                    Raw::Weekday {
                        rel: WeekdayRel::OnOrBefore,
                        ..
                    } | Raw::WeekdayRange {
                        rel: WeekdayRel::OnOrBefore,
                        ..
                    }
                ) && !(f.first..f.end).any(|k| lx.is_word(k, "hôm"))
                    && tells_what_is_to_come(lx, sentence_of, f.first)
            })
            .collect();
        Resolver {
            sentence_of,
            reference,
            anchors,
            ahead,
        }
    }

    /// The values of `found`, in order; `None` where nothing can be said (a `cùng ngày`
    /// with no day before it).
    pub(crate) fn resolve(&self, found: &[Found]) -> Vec<Option<String>> {
        let mut last_year: Option<i32> = None;
        // the year of the last day written with one: the time the text speaks from, which a
        // month it looks back to (`Hội nghị lần thứ nhất … tháng 3/2016`) does not move
        let mut last_day_year: Option<i32> = None;
        let mut last_day: Option<String> = None;
        let mut out = Vec::with_capacity(found.len());
        for (n, f) in found.iter().enumerate() {
            let ahead = self.ahead.get(n).copied().unwrap_or(false);
            let v = match f.raw {
                Raw::Day { day, time } => {
                    let y = day.y.or_else(|| {
                        self.year_for(day.m, day.d, f.first, last_day_year.or(last_year))
                    });
                    last_year = y.or(last_year);
                    last_day_year = y.or(last_day_year);
                    let v = fmt_day(y, day.m, day.d);
                    last_day = Some(v.clone());
                    Some(with_time(v, time))
                }
                Raw::DayRange(a, b) => {
                    let ya = a
                        .y
                        .or_else(|| self.year_for(a.m, a.d, f.first, last_day_year.or(last_year)));
                    last_day_year = ya.or(last_day_year);
                    let yb =
                        b.y.or_else(|| ya.map(|y| if (b.m, b.d) < (a.m, a.d) { y + 1 } else { y }));
                    last_year = ya.or(last_year);
                    Some(format!(
                        "{}/{}",
                        fmt_day(ya, a.m, a.d),
                        fmt_day(yb, b.m, b.d)
                    ))
                }
                Raw::Month { m, y } => {
                    let y = y.or_else(|| self.year_for(m, 15, f.first, last_year));
                    last_year = y.or(last_year);
                    Some(format!("{}-{m:02}", fmt_year(y)))
                }
                Raw::MonthOfYear { m, year_offset } => Some(match self.reference {
                    Some(Reference::Day(y, ..) | Reference::Month(y, _) | Reference::Year(y)) => {
                        format!("{:04}-{m:02}", y + year_offset)
                    }
                    None => format!("XXXX-{m:02}"),
                }),
                Raw::Year(y) => Some(format!("{y:04}")),
                Raw::YearRange(a, b) => Some(format!("{a:04}/{b:04}")),
                Raw::RelDay { offset, time } => {
                    let v = self.relative_day(|day| Some(day + i64::from(offset)));
                    if self.is_day_reference() {
                        last_day = Some(v.clone());
                    }
                    Some(with_time(v, time))
                }
                Raw::Weekday { wd, rel } => {
                    let v = self.relative_day(|day| Some(weekday_day(day, wd, rel, ahead)));
                    // the day the text now speaks of (`Sáng thứ Năm … Chiều cùng ngày …`)
                    if self.is_day_reference() {
                        last_day = Some(v.clone());
                    }
                    Some(v)
                }
                Raw::WeekdayRange { from, to, rel } => {
                    let first = self.relative_day(|day| Some(weekday_day(day, from, rel, ahead)));
                    let last = self.relative_day(|day| {
                        let a = weekday_day(day, from, rel, ahead);
                        Some(a + i64::from(to) - i64::from(from))
                    });
                    Some(format!("{first}/{last}"))
                }
                Raw::RelWeek(off) => Some(match self.reference {
                    Some(Reference::Day(y, m, d)) => {
                        let (wy, w) = iso_week(day_number(y, m, d) + 7 * i64::from(off));
                        format!("{wy:04}-W{w:02}")
                    }
                    Some(Reference::Month(y, m)) => format!("{y:04}-{m:02}"),
                    Some(Reference::Year(y)) => format!("{y:04}"),
                    None => "XXXX-WXX".to_string(),
                }),
                Raw::RelMonth(off) => Some(match self.reference {
                    Some(Reference::Day(y, m, _) | Reference::Month(y, m)) => {
                        let t = i64::from(y) * 12 + i64::from(m) - 1 + i64::from(off);
                        format!("{:04}-{:02}", t.div_euclid(12), t.rem_euclid(12) + 1)
                    }
                    Some(Reference::Year(y)) => format!("{y:04}"),
                    None => "XXXX-XX".to_string(),
                }),
                Raw::RelYear(off) => Some(match self.reference {
                    Some(Reference::Day(y, ..) | Reference::Month(y, _) | Reference::Year(y)) => {
                        format!("{:04}", y + off)
                    }
                    // no document date: the year the text speaks from, as for a day
                    // without a year (`Chiều 27/6/2012 … trong năm nay`)
                    None => match self
                        .text_year(f.first)
                        .or(last_year)
                        .or_else(|| self.anchors.iter().find(|a| a.strong).map(|a| a.year))
                    {
                        Some(y) => format!("{:04}", y + off),
                        None => "XXXX".to_string(),
                    },
                }),
                Raw::Lunar(from, to) => {
                    // the lunar year that starts in the year the text speaks of
                    let y = match self.reference {
                        Some(
                            Reference::Day(y, ..) | Reference::Month(y, _) | Reference::Year(y),
                        ) => Some(y),
                        None => last_year.or_else(|| self.text_year(f.first)),
                    };
                    y.and_then(|y| {
                        let a = first_lunar_month_day(y, from)?;
                        let b = first_lunar_month_day(y, to)?;
                        let fmt = |n: i64| {
                            let (y, m, d) = from_day_number(n);
                            fmt_day(Some(y), m, d)
                        };
                        Some(if from == to {
                            fmt(a)
                        } else {
                            format!("{}/{}", fmt(a), fmt(b))
                        })
                    })
                }
                Raw::SameDay => last_day.clone().or_else(|| match self.reference {
                    Some(Reference::Day(y, m, d)) => Some(fmt_day(Some(y), m, d)),
                    _ => None,
                }),
            };
            out.push(v);
        }
        out
    }

    fn is_day_reference(&self) -> bool {
        matches!(self.reference, Some(Reference::Day(..)))
    }

    /// A day counted from the document date, written as precisely as the reference allows.
    fn relative_day(&self, shift: impl Fn(i64) -> Option<i64>) -> String {
        match self.reference {
            Some(Reference::Day(y, m, d)) => match shift(day_number(y, m, d)) {
                Some(day) => {
                    let (y, m, d) = from_day_number(day);
                    fmt_day(Some(y), m, d)
                }
                None => "XXXX-XX-XX".to_string(),
            },
            Some(Reference::Month(y, m)) => format!("{y:04}-{m:02}"),
            Some(Reference::Year(y)) => format!("{y:04}"),
            None => "XXXX-XX-XX".to_string(),
        }
    }

    /// The year of day `d` of month `m`, mentioned at piece `tok` without one.
    fn year_for(&self, m: u32, d: u32, tok: usize, last_year: Option<i32>) -> Option<i32> {
        match self.reference {
            Some(Reference::Day(ry, rm, rd)) => Some(closest_year(ry, rm, rd, m, d)),
            Some(Reference::Month(ry, rm)) => Some(closest_year(ry, rm, 15, m, d)),
            Some(Reference::Year(ry)) => Some(ry),
            None => self
                .text_year(tok)
                .or(last_year)
                .or_else(|| self.anchors.iter().find(|a| a.strong).map(|a| a.year)),
        }
    }

    /// A year stated in the same sentence: the nearest before, else the nearest after.
    fn text_year(&self, tok: usize) -> Option<i32> {
        let s = self.sentence_of.get(tok).copied()?;
        let before = self
            .anchors
            .iter()
            .rev()
            .find(|a| a.tok < tok && a.sentence == s);
        let after = || self.anchors.iter().find(|a| a.tok > tok && a.sentence == s);
        before.or_else(after).map(|a| a.year)
    }
}

/// Of the years around the reference, the one that puts `d/m` nearest to it, so that a
/// 30 December article's `2/1` is next January and a 3 January article's `28/12` last December.
fn closest_year(ry: i32, rm: u32, rd: u32, m: u32, d: u32) -> i32 {
    let r = day_number(ry, rm, rd);
    (ry - 1..=ry + 1)
        .min_by_key(|&y| {
            let d = d.min(days_in_month(Some(y), m));
            (day_number(y, m, d) - r).abs()
        })
        .unwrap_or(ry)
}

/// Years the text states: dates with a year, and years of names (`APEC 2024`,
/// `SEA Games 2025`), in text order.
fn collect_anchors(lx: &Lexed, sentence_of: &[u32], found: &[Found]) -> Vec<Anchor> {
    let mut anchors = Vec::new();
    let mut fi = 0;
    let mut i = 0;
    while i < lx.len() {
        if fi < found.len() && found[fi].first == i {
            let f = found[fi];
            let year = match f.raw {
                Raw::Day {
                    day: Dmy { y, .. }, ..
                }
                | Raw::Month { y, .. } => y,
                Raw::DayRange(a, _) => a.y,
                Raw::Year(y) => Some(y),
                // `(1973-2023)`: the later year is the one an article speaks from.
                Raw::YearRange(_, b) => Some(b),
                _ => None,
            };
            let strong = match f.raw {
                Raw::Day { .. } | Raw::Month { .. } | Raw::DayRange(..) => true,
                Raw::YearRange(..) => {
                    f.first > 0 && lx.is_punct(f.first - 1, '(') && lx.is_punct(f.end, ')')
                }
                Raw::Year(_) => {
                    lx.is_word(f.first, "năm")
                        && (lx.starts_sentence(f.first)
                            || (f.first > 0 && lx.is_word(f.first - 1, "trong")))
                }
                _ => false,
            };
            if let Some(year) = year {
                anchors.push(Anchor {
                    tok: f.first,
                    sentence: sentence_of[f.first],
                    year,
                    strong,
                });
            }
            fi += 1;
            i = f.end;
            continue;
        }
        if lx.digits(i) == 4
            && lx.toks[i].space_before
            && i > 0
            && lx.kind(i - 1) == Some(Kind::Word)
            && lx.capitalized(i - 1)
        {
            let y = lx.num(i, 4).unwrap_or(0);
            let glued_after = i + 1 < lx.len()
                && lx.glued(i + 1)
                && !matches!(
                    lx.kind(i + 1),
                    Some(Kind::Punct(',' | '.' | ')' | ';' | ':'))
                );
            if plausible_year(y) && !glued_after {
                anchors.push(Anchor {
                    tok: i,
                    sentence: sentence_of[i],
                    year: y as i32,
                    strong: true,
                });
            }
        }
        i += 1;
    }
    anchors
}

/// The day number of weekday `wd` (Monday = 1) seen from day number `day`; `ahead`: an
/// unmarked weekday that is the next one, today included.
fn weekday_day(day: i64, wd: u32, rel: WeekdayRel, ahead: bool) -> i64 {
    let today = i64::from(weekday(day));
    let wd = i64::from(wd);
    match rel {
        WeekdayRel::OnOrBefore if ahead => day + (wd - today).rem_euclid(7),
        WeekdayRel::OnOrBefore => day - (today - wd).rem_euclid(7),
        WeekdayRel::Last => day - (today - wd - 1).rem_euclid(7) - 1,
        WeekdayRel::Next => day + (wd - today - 1).rem_euclid(7) + 1,
        WeekdayRel::Week(w) => day - (today - 1) + 7 * i64::from(w) + (wd - 1),
    }
}

/// Does the sentence of piece `tok` tell what is to come: `sẽ`, `sắp`, `dự kiến`, a
/// schedule (`lịch trình`, `theo kế hoạch`, `theo chương trình`), and nothing as done
/// (`Sáng thứ Năm, hai bên đã hội đàm và nhất trí sẽ …` is the last Thursday)?
fn tells_what_is_to_come(lx: &Lexed, sentence_of: &[u32], tok: usize) -> bool {
    let s = sentence_of.get(tok).copied();
    let mut a = tok;
    while a > 0 && sentence_of.get(a - 1).copied() == s {
        a -= 1;
    }
    let mut k = a;
    let mut ahead = false;
    while k < lx.len() && sentence_of.get(k).copied() == s {
        if lx.is_any(k, &["đã", "vừa"]) {
            return false;
        }
        if lx.is_any(k, &["sẽ", "sắp"])
            || (lx.is_word(k, "dự") && lx.is_word(k + 1, "kiến"))
            || (lx.is_word(k, "lịch") && lx.is_word(k + 1, "trình"))
            || (lx.is_word(k, "theo")
                && ((lx.is_word(k + 1, "kế") && lx.is_word(k + 2, "hoạch"))
                    || (lx.is_word(k + 1, "chương") && lx.is_word(k + 2, "trình"))))
        {
            ahead = true;
        }
        k += 1;
    }
    ahead
}

fn fmt_year(y: Option<i32>) -> String {
    match y {
        Some(y) => format!("{y:04}"),
        None => "XXXX".to_string(),
    }
}

fn fmt_day(y: Option<i32>, m: u32, d: u32) -> String {
    format!("{}-{m:02}-{d:02}", fmt_year(y))
}

fn with_time(mut v: String, time: Option<Time>) -> String {
    if let Some((h, mi)) = time {
        use std::fmt::Write;
        let _ = write!(v, "T{h:02}:{mi:02}");
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_reference_dates() {
        assert_eq!(
            Reference::parse("2025-10-29"),
            Some(Reference::Day(2025, 10, 29))
        );
        assert_eq!(
            Reference::parse("2025-10"),
            Some(Reference::Month(2025, 10))
        );
        assert_eq!(Reference::parse("2016"), Some(Reference::Year(2016)));
        assert_eq!(
            Reference::parse("2025-10-29T08:00:00+07:00"),
            Some(Reference::Day(2025, 10, 29))
        );
        assert_eq!(Reference::parse("2025-02-30"), None);
        assert_eq!(Reference::parse("29/10/2025"), None);
        assert_eq!(Reference::parse(""), None);
    }

    #[test]
    fn closest_year_rolls_over() {
        assert_eq!(closest_year(2025, 12, 30, 1, 2), 2026);
        assert_eq!(closest_year(2026, 1, 3, 12, 28), 2025);
        assert_eq!(closest_year(2025, 10, 29, 11, 1), 2025);
        assert_eq!(closest_year(2025, 7, 1, 2, 29), 2025);
    }
}
