//! Recognition: which pieces of text are date expressions, and what they say before any
//! year is filled in. One left-to-right pass; at each piece the patterns are tried from
//! the longest prefix (a time, a day-part, `ngày`/`hôm`) to the bare number.

use super::calendar::valid_day;
use super::lex::{lower_small, Kind, Lexed};
use crate::fold::{pack, short_lower_key};

/// A time of day, hours and minutes (24-hour clock).
pub(crate) type Time = (u32, u32);

/// A day whose year may be unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Dmy {
    pub d: u32,
    pub m: u32,
    pub y: Option<i32>,
}

/// What a date expression says, before resolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Raw {
    Day {
        day: Dmy,
        time: Option<Time>,
    },
    DayRange(Dmy, Dmy),
    Month {
        m: u32,
        y: Option<i32>,
    },
    /// A month of a year counted from the document's (`tháng 12 năm ngoái`).
    MonthOfYear {
        m: u32,
        year_offset: i32,
    },
    Year(i32),
    YearRange(i32, i32),
    /// Days from the document date: `hôm nay` 0, `hôm qua` -1, `ngày mai` +1.
    RelDay {
        offset: i32,
        time: Option<Time>,
    },
    RelWeek(i32),
    RelMonth(i32),
    RelYear(i32),
    /// A named weekday (Monday = 1) seen from the document date.
    Weekday {
        wd: u32,
        rel: WeekdayRel,
    },
    /// `thứ Tư đến thứ Năm tuần này`: two weekdays of one week (the second's words say which).
    WeekdayRange {
        from: u32,
        to: u32,
        rel: WeekdayRel,
    },
    /// `cùng ngày`, `cũng trong ngày`: the day last mentioned.
    SameDay,
    /// Days of the first lunar month: `mùng 9 tháng Giêng` (9, 9), `mùng 8 đến 13 tháng
    /// Giêng` (8, 13), `mùng 2 Tết` (2, 2).
    Lunar(u32, u32),
}

/// Which `thứ Năm` a text means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WeekdayRel {
    /// `hôm thứ Năm`: the last one, today included.
    OnOrBefore,
    /// `thứ Năm vừa qua`: the last one before today.
    Last,
    /// `thứ Năm tới`: the next one after today.
    Next,
    /// `thứ Năm tuần trước` (-1), `tuần này` (0), `tuần tới` (+1).
    Week(i32),
}

/// A recognized expression: pieces `[first, end)` of the lexed text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Found {
    pub first: usize,
    pub end: usize,
    pub raw: Raw,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Options {
    pub bare_day_month: bool,
    pub relative: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Morning,
    Noon,
    Afternoon,
    Evening,
    Night,
}

/// Years we accept as years (a four-digit number outside is a count or a code).
pub(crate) fn plausible_year(y: u32) -> bool {
    (1800..=2199).contains(&y)
}

/// Words before a bare `a/b` that make it a fraction (`tỷ lệ 1/2`, `chiếm 1/3`).
const FRACTION_BEFORE: &[&str] = &[
    "lệ", "khoảng", "gần", "hơn", "chiếm", "trên", "dưới", "số", "được", "đạt", "còn", "tới",
    "bằng", "quá", "tầm", "mức", "giảm", "tăng", "thứ", "thắng", "thua", "hòa", "hoà",
];
/// Words after a bare `a/b` that make it a fraction (`2/3 số phiếu`, `1/3 dân số`).
const FRACTION_AFTER: &[&str] = &[
    "số", "dân", "tổng", "diện", "lượng", "các", "những", "phiếu", "phần", "thời", "trong", "lần",
    "giá", "ghế",
];
/// Words before a count that make `tháng`/`năm`/`tuần` plural or a duration.
const PLURAL_BEFORE: &[&str] = &[
    "những", "các", "vài", "mấy", "nhiều", "mỗi", "hàng", "từng", "mọi", "một", "hai", "ba", "bốn",
    "năm", "thứ",
];

pub(crate) fn find(lx: &Lexed, opts: Options) -> Vec<Found> {
    let n = lx.len();
    let mut out = Vec::new();
    // the text lowered once for the stages of this thread (see `fold::folded_document`)
    let doc = crate::fold::folded_document(lx.text);
    let lowered = doc.lowered_all(lx.text);
    let mut i = 0;
    while i < n {
        // Patterns start on numbers or on a few words only.
        let starts = match lx.toks[i].kind {
            Kind::Num => true,
            Kind::Word => {
                let t = &lx.toks[i];
                starts_pattern(lx.str(i), lowered.map(|l| &l[t.start..t.end]))
            }
            Kind::Punct(_) => false,
        };
        if !starts {
            i += 1;
            continue;
        }
        // An expression stays on one line (`07:40` of a header is no time of the next line).
        let one_line = |f: &Found| (f.first + 1..f.end).all(|t| !lx.toks[t].newline_before);
        let Some(f) = match_at(lx, i, opts).filter(one_line) else {
            i += 1;
            continue;
        };
        // `đầu tháng 12`, `cuối năm 2018`, `giữa tháng này`: the part of the month or year
        // belongs to the expression (its value stays the month or year)
        let mut f = f;
        if f.first > 0
            && matches!(
                f.raw,
                Raw::Month { .. }
                    | Raw::MonthOfYear { .. }
                    | Raw::RelMonth(_)
                    | Raw::Year(_)
                    | Raw::RelYear(_)
            )
            && lx.is_any(f.first, &["tháng", "năm"])
            && lx.is_any(f.first - 1, &["đầu", "giữa", "cuối"])
            && !lx.toks[f.first].newline_before
        {
            f.first -= 1;
        }
        // `hạ tuần tháng 3`, `thượng tuần tháng Giêng`: a third of the month, its value the
        // month
        if f.first > 1
            && matches!(
                f.raw,
                Raw::Month { .. } | Raw::MonthOfYear { .. } | Raw::RelMonth(_)
            )
            && lx.is_word(f.first, "tháng")
            && lx.is_word(f.first - 1, "tuần")
            && lx.is_any(f.first - 2, &["thượng", "trung", "hạ"])
            && !lx.toks[f.first].newline_before
            && !lx.toks[f.first - 1].newline_before
        {
            f.first -= 2;
        }
        let mut end = f.end;
        out.push(f);
        // `Chiều qua (2-12)`: the day a relative expression names, restated in brackets
        if matches!(f.raw, Raw::RelDay { .. } | Raw::SameDay) && lx.is_punct(end, '(') {
            if let Some((e, raw @ Raw::Day { .. })) = core_at(lx, end + 1, true) {
                if lx.is_punct(e, ')') {
                    out.push(Found {
                        first: end + 1,
                        end: e,
                        raw,
                    });
                    end = e + 1;
                }
            }
        }
        // `năm 2017 và 2019`, `2010, 2015 và 2020`: every year of the list is a date.
        if matches!(f.raw, Raw::Year(_) | Raw::YearRange(..)) {
            while end + 1 < n
                && (lx.is_any(end, &["và", "hoặc"]) || lx.is_punct(end, ','))
                && lx.toks[end + 1].space_before
            {
                let Some(y) = standalone_year(lx, end + 1) else {
                    break;
                };
                out.push(Found {
                    first: end + 1,
                    end: end + 2,
                    raw: Raw::Year(y),
                });
                end += 2;
            }
        }
        i = end;
    }
    out
}

/// The first words of the patterns of [`match_at`].
const PATTERN_STARTS: [&str; 19] = [
    "sáng", "thứ", "chủ", "mùng", "mồng", "trưa", "chiều", "tối", "đêm", "khuya", "rạng", "ngày",
    "hôm", "cũng", "trong", "cùng", "tháng", "năm", "tuần",
];

/// [`PATTERN_STARTS`] as packed keys.
const PATTERN_KEYS: [u64; 19] = {
    let mut keys = [0u64; 19];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = pack(PATTERN_STARTS[i]);
        i += 1;
    }
    keys
};

/// Does a pattern of [`match_at`] start with `word`? `lowered`: the word lowered, when
/// the document's fold gives it.
fn starts_pattern(word: &str, lowered: Option<&str>) -> bool {
    if word.len() < 3 || word.len() > 7 {
        return false;
    }
    // an ASCII first letter none of the patterns starts with (folded, only ASCII gives
    // ASCII): most words stop here, before lower-casing
    let b0 = word.as_bytes()[0];
    if b0 < 0x80
        && !matches!(
            b0 | 0x20,
            b's' | b't' | b'c' | b'm' | b'k' | b'r' | b'n' | b'h'
        )
    {
        return false;
    }
    if let Some(l) = lowered {
        return l.len() <= 8 && PATTERN_KEYS.contains(&pack(l));
    }
    // folded by bytes into an integer, or else lowered the general way
    match short_lower_key(word) {
        Some(key) => PATTERN_KEYS.contains(&key),
        None => {
            let mut buf = [0u8; 24];
            lower_small(word, &mut buf).is_some_and(|w| PATTERN_STARTS.contains(&w))
        }
    }
}

fn match_at(lx: &Lexed, i: usize, opts: Options) -> Option<Found> {
    let found = |end, raw| Some(Found { first: i, end, raw });

    // `11 giờ ngày 27-2`, `19h30 tối 29/10`, `9 giờ sáng nay`.
    if let Some((j, h, mi)) = time_at(lx, i) {
        let (k, part) = match daypart_at(lx, j) {
            Some((k, p)) => (k, Some(p)),
            None => (j, None),
        };
        let time = Some((adjust_hour(h, part), mi));
        if part.is_some() {
            if let Some(off) = rel_day_word(lx, k).filter(|_| opts.relative) {
                return found(k + 1, Raw::RelDay { offset: off, time });
            }
        }
        if lx.is_any(k, &["ngày", "hôm"]) || part.is_some() {
            let k2 = if lx.is_any(k, &["ngày", "hôm"]) {
                k + 1
            } else {
                k
            };
            if let Some((e, Raw::Day { day, .. })) = core_at(lx, k2, true) {
                return found(e, Raw::Day { day, time });
            }
            if lx.is_word(k, "hôm") && opts.relative {
                if let Some(off) = rel_day_word(lx, k + 1) {
                    return found(k + 2, Raw::RelDay { offset: off, time });
                }
            }
        }
    }

    // `sáng 20/2`, `tối 29/10`, `chiều nay`, `sáng ngày 26/10`, `chiều hôm qua`.
    if let Some((k, _)) = daypart_at(lx, i) {
        if let Some(off) = rel_day_word(lx, k).filter(|_| opts.relative) {
            return found(
                k + 1,
                Raw::RelDay {
                    offset: off,
                    time: None,
                },
            );
        }
        let dayword = lx.is_any(k, &["ngày", "hôm"]);
        let k2 = if dayword { k + 1 } else { k };
        if let Some(r) = core_at(lx, k2, true) {
            return found(r.0, r.1);
        }
        // `Chiều ngày 4 tháng 10 năm 2010`
        if let Some(r) = dayword
            .then(|| day_words_range_at(lx, k2).or_else(|| day_month_words_at(lx, k2)))
            .flatten()
        {
            return found(r.0, r.1);
        }
        if dayword && opts.relative {
            if let Some(off) = rel_day_word(lx, k2) {
                return found(
                    k2 + 1,
                    Raw::RelDay {
                        offset: off,
                        time: None,
                    },
                );
            }
        }
        if let Some(r) = weekday_at(lx, k2, opts) {
            return found(r.0, r.1);
        }
        // `Tối cùng ngày`.
        if let Some(e) = same_day_at(lx, k).filter(|_| opts.relative) {
            return found(e, Raw::SameDay);
        }
    }

    // `Hai ngày trước,`, `3 ngày trước.`: days before the document date (not `hai ngày
    // trước hội nghị`, `trước đó`: before another time)
    if opts.relative && lx.is_word(i, "ngày") && lx.is_word(i + 1, "trước") && i > 0 {
        let n = lx.num(i - 1, 2).or_else(|| count_word(lx, i - 1));
        let closed = matches!(lx.kind(i + 2), None | Some(Kind::Punct(',' | '.' | ';')));
        let vague = i > 1 && lx.is_any(i - 2, &["những", "mấy", "vài", "các"]);
        if let Some(n) = n.filter(|&n| (1..=31).contains(&n) && closed && !vague) {
            return Some(Found {
                first: i - 1,
                end: i + 2,
                raw: Raw::RelDay {
                    offset: -(n as i32),
                    time: None,
                },
            });
        }
    }

    // `ngày 29/10`, `hôm 15/11`, `hôm nay`, `ngày mai`, `ngày 26 tháng 10 năm 2025`.
    if lx.is_any(i, &["ngày", "hôm"]) {
        let hom = lx.is_word(i, "hôm");
        if opts.relative {
            // `ngày nay` means "nowadays" and is no date; `ngày hôm nay` is.
            let (k, ok) = if !hom && lx.is_word(i + 1, "hôm") {
                (i + 2, true)
            } else {
                (i + 1, hom)
            };
            if ok {
                if let Some(off) = rel_day_word(lx, k).filter(|&o| o <= 0) {
                    return found(
                        k + 1,
                        Raw::RelDay {
                            offset: off,
                            time: None,
                        },
                    );
                }
                if lx.is_word(k, "kia") {
                    return found(
                        k + 1,
                        Raw::RelDay {
                            offset: -2,
                            time: None,
                        },
                    );
                }
            }
            if !hom && lx.is_word(i + 1, "mai") {
                return found(
                    i + 2,
                    Raw::RelDay {
                        offset: 1,
                        time: None,
                    },
                );
            }
        }
        if let Some(r) = core_at(lx, i + 1, true) {
            return found(r.0, r.1);
        }
        if let Some(r) = day_words_range_at(lx, i + 1).or_else(|| day_month_words_at(lx, i + 1)) {
            return found(r.0, r.1);
        }
        if let Some(r) = weekday_at(lx, i + 1, opts) {
            return found(r.0, r.1);
        }
    }

    // `mùng 9 tháng Giêng`, `mùng 8 đến 13 tháng Giêng`, `mùng 2 Tết`: the lunar calendar
    if lx.is_any(i, &["mùng", "mồng"]) {
        if let Some(r) = lunar_at(lx, i + 1) {
            return found(r.0, r.1);
        }
    }
    // `mùng 2/9`, `mồng 1 tháng 5`.
    if lx.is_any(i, &["mùng", "mồng"]) {
        if let Some(r) = core_at(lx, i + 1, true).or_else(|| day_month_words_at(lx, i + 1)) {
            return found(r.0, r.1);
        }
    }

    // `thứ Bảy tuần trước`, `Chủ nhật tới`, `vào thứ Hai`, `từ thứ Tư đến thứ Năm tuần này`.
    if opts.relative && lx.is_any(i, &["thứ", "chủ"]) {
        if let Some((e, r @ Raw::Weekday { wd, .. })) = weekday_at(lx, i, opts) {
            // a range of two weekdays: the second's week words (`tuần này`) hold for both
            if e == i + 2 && lx.is_word(e, "đến") {
                if let Some((e2, Raw::Weekday { wd: to, rel })) = weekday_at(lx, e + 1, opts) {
                    if to > wd || to == 7 {
                        return found(e2, Raw::WeekdayRange { from: wd, to, rel });
                    }
                }
            }
            let after = i > 0 && lx.is_any(i - 1, &["vào", "từ", "đến"]);
            if after || e > i + 2 {
                return found(e, r);
            }
        }
    }

    if let Some(e) = same_day_at(lx, i) {
        return found(e, Raw::SameDay);
    }

    if lx.is_word(i, "tháng") {
        return month_at(lx, i, opts).and_then(|(e, r)| found(e, r));
    }
    if lx.is_word(i, "năm") {
        return year_at(lx, i, opts).and_then(|(e, r)| found(e, r));
    }
    if lx.is_word(i, "tuần") && opts.relative && !plural_before(lx, i) {
        let off = relative_word(lx, i + 1, true)?;
        return found(i + 2, Raw::RelWeek(off));
    }

    if lx.is_num(i) {
        if let Some((e, raw)) = core_at(lx, i, false) {
            let bare_dm = matches!(
                raw,
                Raw::Day {
                    day: Dmy { y: None, .. },
                    ..
                } | Raw::DayRange(..)
            );
            if bare_dm && !opts.bare_day_month {
                return None;
            }
            return found(e, raw);
        }
    }
    None
}

/// A date made of numbers starting at piece `i`: `29/10`, `16/02/2016`, `29/10-1/11`,
/// `12-16/11`, `2025-10-29`, `2021-2025`, `10/2025`, and with a preceding `ngày`/`hôm`/
/// day-part (`prefixed`) also `27-2` and `27.2`. Returns the end piece and the value.
fn core_at(lx: &Lexed, i: usize, prefixed: bool) -> Option<(usize, Raw)> {
    if !lx.is_num(i) || glued_to_name(lx, i) {
        return None;
    }
    let nd = lx.digits(i);
    if nd == 4 {
        let y = lx.num(i, 4)?;
        // ISO `2025-10-29`.
        let iso =
            lx.is_punct(i + 1, '-') && lx.glued(i + 1) && lx.digits(i + 2) == 2 && lx.glued(i + 2);
        if iso
            && lx.is_punct(i + 3, '-')
            && lx.glued(i + 3)
            && lx.digits(i + 4) == 2
            && lx.glued(i + 4)
        {
            let (m, d) = (lx.num(i + 2, 2)?, lx.num(i + 4, 2)?);
            let y = plausible_year(y).then_some(y as i32)?;
            if valid_day(Some(y), m, d) && clean_after(lx, i + 5) {
                return Some((
                    i + 5,
                    Raw::Day {
                        day: Dmy { d, m, y: Some(y) },
                        time: None,
                    },
                ));
            }
            return None;
        }
        // `2021-2025`, `(1973 – 2023)`, `từ 2010 đến 2020`.
        let from_to = i > 0 && lx.is_word(i - 1, "từ") && lx.is_any(i + 1, &["đến", "tới"]);
        let dash = is_dash(lx, i + 1) && lx.glued(i + 1) == lx.glued(i + 2);
        if (dash || from_to) && lx.digits(i + 2) == 4 {
            let y2 = lx.num(i + 2, 4)?;
            if plausible_year(y) && plausible_year(y2) && y2 > y && clean_after(lx, i + 3) {
                return Some((i + 3, Raw::YearRange(y as i32, y2 as i32)));
            }
        }
        return None;
    }
    if nd > 2 {
        return None;
    }
    let d = lx.num(i, 2)?;

    if lx.is_punct(i + 1, '/') && lx.glued(i + 1) && lx.glued(i + 2) {
        // `10/2025`: a month of a year.
        if lx.digits(i + 2) == 4 {
            let y = lx.num(i + 2, 4)?;
            if (1..=12).contains(&d) && plausible_year(y) && clean_after(lx, i + 3) {
                return Some((
                    i + 3,
                    Raw::Month {
                        m: d,
                        y: Some(y as i32),
                    },
                ));
            }
            return None;
        }
        let m = lx.num(i + 2, 2)?;
        let (day, mut e) = with_year(lx, i + 3, d, m)?;
        if let Some((e2, b)) = range_tail(lx, e, day) {
            return Some((e2, Raw::DayRange(day, b)));
        }
        if !clean_after(lx, e) {
            return None;
        }
        if !prefixed && is_fraction(lx, i, e) {
            return None;
        }
        if day.y.is_none() && lx.is_word(e, "năm") {
            if let Some(y) = standalone_year(lx, e + 1) {
                e += 2;
                return Some((
                    e,
                    Raw::Day {
                        day: Dmy { y: Some(y), ..day },
                        time: None,
                    },
                ));
            }
        }
        return Some((e, Raw::Day { day, time: None }));
    }

    // `12-16/11`, `ngày 12 đến 16/11`, `hai ngày 27 và 28/2`, `ngày 5 và 6-11`.
    let dash = is_dash(lx, i + 1);
    let and = prefixed && lx.is_word(i + 1, "và");
    let from = i > 0 && lx.is_word(i - 1, "từ");
    let sep = dash || and || ((prefixed || from) && lx.is_any(i + 1, &["đến", "tới"]));
    let month_sep = lx.is_punct(i + 3, '/')
        || (prefixed && !dash && (lx.is_punct(i + 3, '-') || lx.is_punct(i + 3, '.')));
    if sep && lx.digits(i + 2) <= 2 && month_sep && lx.glued(i + 3) && lx.glued(i + 4) {
        let d2 = lx.num(i + 2, 2)?;
        let m = lx.num(i + 4, 2)?;
        let (b, e) = if lx.is_punct(i + 3, '/') {
            with_year(lx, i + 5, d2, m)?
        } else {
            (
                valid_day(None, m, d2).then_some(Dmy { d: d2, m, y: None })?,
                i + 5,
            )
        };
        // Two days joined by `và` make a range only when they follow each other.
        let ok = if and { d2 == d + 1 } else { d < d2 };
        if valid_day(b.y, m, d) && ok && clean_after(lx, e) {
            return Some((e, Raw::DayRange(Dmy { d, m, y: b.y }, b)));
        }
        return None;
    }

    // `ngày 27-2`, `ngày 27.2.2026`: only after a day word, where a score or a decimal
    // reading is impossible.
    if prefixed
        && (lx.is_punct(i + 1, '-') || lx.is_punct(i + 1, '.'))
        && lx.glued(i + 1)
        && lx.glued(i + 2)
    {
        let sep = lx.toks[i + 1].kind;
        let m = lx.num(i + 2, 2)?;
        let mut e = i + 3;
        let mut y = None;
        if lx.kind(e) == Some(sep) && lx.glued(e) && lx.glued(e + 1) && lx.digits(e + 1) == 4 {
            y = lx
                .num(e + 1, 4)
                .filter(|&y| plausible_year(y))
                .map(|y| y as i32);
            y?;
            e += 2;
        }
        // `ngày 2.3 đến 4.3`, `ngày 30-9 đến 2-10`: a range written the same way twice
        if y.is_none() && valid_day(None, m, d) && lx.is_any(e, &["đến", "tới"]) {
            let k = if lx.is_word(e + 1, "ngày") {
                e + 2
            } else {
                e + 1
            };
            if lx.digits(k) <= 2
                && lx.kind(k + 1) == Some(sep)
                && lx.glued(k + 1)
                && lx.glued(k + 2)
                && lx.digits(k + 2) <= 2
            {
                let (d2, m2) = (lx.num(k, 2)?, lx.num(k + 2, 2)?);
                let mut e2 = k + 3;
                let mut y2 = None;
                if lx.kind(e2) == Some(sep) && lx.glued(e2) && lx.digits(e2 + 1) == 4 {
                    y2 = lx
                        .num(e2 + 1, 4)
                        .filter(|&y| plausible_year(y))
                        .map(|y| y as i32);
                    e2 += 2;
                }
                let y1 = y2.map(|y| if (m2, d2) < (m, d) { y - 1 } else { y });
                if valid_day(y2, m2, d2) && (m, d) != (m2, d2) && clean_after(lx, e2) {
                    return Some((
                        e2,
                        Raw::DayRange(
                            Dmy { d, m, y: y1 },
                            Dmy {
                                d: d2,
                                m: m2,
                                y: y2,
                            },
                        ),
                    ));
                }
            }
        }
        if valid_day(y, m, d) && clean_after(lx, e) {
            return Some((
                e,
                Raw::Day {
                    day: Dmy { d, m, y },
                    time: None,
                },
            ));
        }
    }
    None
}

/// A count spelled as a word (`hai`, `ba` … `mười`).
fn count_word(lx: &Lexed, i: usize) -> Option<u32> {
    const WORDS: [&str; 10] = [
        "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười",
    ];
    (0..WORDS.len())
        .find(|&k| lx.is_word(i, WORDS[k]))
        .map(|k| k as u32 + 1)
}

/// After `d/m` at piece `e`: an optional `/yyyy` (or `/yy`). Validates the day.
fn with_year(lx: &Lexed, e: usize, d: u32, m: u32) -> Option<(Dmy, usize)> {
    let mut y = None;
    let mut e = e;
    if lx.is_punct(e, '/') && lx.glued(e) && lx.glued(e + 1) && lx.is_num(e + 1) {
        let v = lx.num(e + 1, 4)?;
        y = Some(match lx.digits(e + 1) {
            4 if plausible_year(v) => v as i32,
            2 => 2000 + v as i32,
            _ => return None,
        });
        e += 2;
    }
    valid_day(y, m, d).then_some((Dmy { d, m, y }, e))
}

/// `-1/11`, ` – 2/11/2026`, ` đến ngày 1/11` after a first day `a`.
fn range_tail(lx: &Lexed, e: usize, a: Dmy) -> Option<(usize, Dmy)> {
    let mut k = e;
    if is_dash(lx, k) || lx.is_any(k, &["đến", "tới"]) {
        k += 1;
    } else {
        return None;
    }
    if lx.is_word(k, "ngày") {
        k += 1;
    }
    if lx.digits(k) > 2
        || !lx.is_punct(k + 1, '/')
        || !lx.glued(k + 1)
        || !lx.glued(k + 2)
        || lx.digits(k + 2) > 2
    {
        return None;
    }
    let d2 = lx.num(k, 2)?;
    let m2 = lx.num(k + 2, 2)?;
    let (mut b, end) = with_year(lx, k + 3, d2, m2)?;
    if !clean_after(lx, end) {
        return None;
    }
    // A range names its year once, at the end (`29/12/2025-2/1/2026` names both).
    if b.y.is_none() {
        b.y = a.y.map(|y| if (m2, d2) < (a.m, a.d) { y + 1 } else { y });
    }
    Some((end, b))
}

/// `4 đến ngày 7 tháng 10`, `4 - 7 tháng 10 năm 2010` (after `ngày`): days of one month
/// written in words, the month and year named once at the end.
fn day_words_range_at(lx: &Lexed, i: usize) -> Option<(usize, Raw)> {
    let d1 = lx.num(i, 2)?;
    if !(lx.is_any(i + 1, &["đến", "tới"]) || is_dash(lx, i + 1)) {
        return None;
    }
    let k = if lx.is_word(i + 2, "ngày") {
        i + 3
    } else {
        i + 2
    };
    let (e, Raw::Day { day: b, .. }) = day_month_words_at(lx, k)? else {
        return None;
    };
    let a = Dmy {
        d: d1,
        m: b.m,
        y: b.y,
    };
    (d1 < b.d && valid_day(a.y, a.m, a.d)).then_some((e, Raw::DayRange(a, b)))
}

/// `26 tháng 10`, `26 tháng 10 năm 2025` (after `ngày`).
fn day_month_words_at(lx: &Lexed, i: usize) -> Option<(usize, Raw)> {
    let d = lx.num(i, 2)?;
    if !lx.is_word(i + 1, "tháng") {
        return None;
    }
    let m = lx.num(i + 2, 2)?;
    let mut e = i + 3;
    let mut y = None;
    if lx.is_word(e, "năm") {
        if let Some(v) = standalone_year(lx, e + 1) {
            y = Some(v);
            e += 2;
        }
    } else if lx.is_punct(e, ',') && lx.is_word(e + 1, "năm") {
        if let Some(v) = standalone_year(lx, e + 2) {
            y = Some(v);
            e += 3;
        }
    }
    (valid_day(y, m, d) && clean_after(lx, e)).then_some((
        e,
        Raw::Day {
            day: Dmy { d, m, y },
            time: None,
        },
    ))
}

/// `tháng 10`, `tháng 10/2025`, `tháng 10 năm 2025`, `tháng tới`, `tháng trước`.
fn month_at(lx: &Lexed, i: usize, opts: Options) -> Option<(usize, Raw)> {
    if let Some(m) = lx.num(i + 1, 2) {
        // `3 tháng 10 ngày` is a duration; `các tháng 10 và 11` are months.
        if i > 0 && lx.is_num(i - 1) && !lx.toks[i].newline_before {
            return None;
        }
        if !(1..=12).contains(&m) || glued_to_name(lx, i + 1) {
            return None;
        }
        if lx.is_punct(i + 2, '/') && lx.glued(i + 2) && lx.glued(i + 3) && lx.digits(i + 3) == 4 {
            let y = lx.num(i + 3, 4).filter(|&y| plausible_year(y))?;
            return clean_after(lx, i + 4).then_some((
                i + 4,
                Raw::Month {
                    m,
                    y: Some(y as i32),
                },
            ));
        }
        if lx.is_word(i + 2, "năm") {
            if let Some(y) = standalone_year(lx, i + 3) {
                return Some((i + 4, Raw::Month { m, y: Some(y) }));
            }
            // `tháng 12 năm ngoái`, `tháng 3 năm sau`.
            let off = if lx.is_word(i + 3, "ngoái") {
                Some(-1)
            } else {
                relative_word(lx, i + 3, false)
            };
            if let Some(off) = off.filter(|_| opts.relative) {
                return Some((
                    i + 4,
                    Raw::MonthOfYear {
                        m,
                        year_offset: off,
                    },
                ));
            }
        }
        // `tháng 9 tới`, `tháng 12 này`: the coming one, the current one (the year is
        // resolved as for a bare month)
        if lx.is_any(i + 2, &["tới", "này"]) && clean_after(lx, i + 3) {
            return Some((i + 3, Raw::Month { m, y: None }));
        }
        // `tháng 5 vừa qua`: the last one (its words are part of the expression)
        if lx.is_word(i + 2, "vừa") && lx.is_word(i + 3, "qua") && clean_after(lx, i + 4) {
            return Some((i + 4, Raw::Month { m, y: None }));
        }
        return clean_after(lx, i + 2).then_some((i + 2, Raw::Month { m, y: None }));
    }
    if !opts.relative || plural_before(lx, i) {
        return None;
    }
    let off = relative_word(lx, i + 1, false)?;
    Some((i + 2, Raw::RelMonth(off)))
}

/// `năm 2017`, `năm 2021-2025`, `năm nay`, `năm sau`, `năm ngoái`.
fn year_at(lx: &Lexed, i: usize, opts: Options) -> Option<(usize, Raw)> {
    // `thứ Năm` is Thursday.
    if i > 0 && lx.is_word(i - 1, "thứ") {
        return None;
    }
    if lx.digits(i + 1) == 4 && lx.toks[i + 1].space_before {
        // (looked for only before a year: the scan back is not for every `năm`)
        if in_document_name(lx, i) {
            return None;
        }
        if let Some((e, r @ Raw::YearRange(..))) = core_at(lx, i + 1, true) {
            return Some((e, r));
        }
        let y = standalone_year(lx, i + 1)?;
        return Some((i + 2, Raw::Year(y)));
    }
    // `ba năm sau` is a duration, `những năm tới` a span.
    if !opts.relative || plural_before(lx, i) {
        return None;
    }
    let off = if lx.is_word(i + 1, "ngoái") {
        -1
    } else {
        relative_word(lx, i + 1, false)?
    };
    Some((i + 2, Raw::RelYear(off)))
}

/// Is `năm` at piece `i` inside the name of a document (`Hiệp ước hoạch định biên giới
/// quốc gia năm 1985`, `Công ước Liên hợp quốc về Luật Biển năm 1982`)? A capitalized
/// document word a few words back, with no punctuation or verb of the genre between.
fn in_document_name(lx: &Lexed, i: usize) -> bool {
    const HEADS: &[&str] = &[
        "hiệp", "công", "nghị", "tuyên", "hiến", "luật", "thỏa", "thoả", "bản", "chương",
    ];
    const SECOND: &[&str] = &[
        "ước", "định", "bố", "chương", "pháp", "thuận", "quyết", "trình", "ghi",
    ];
    let mut k = i;
    for _ in 0..12 {
        if k < 2 {
            return false;
        }
        k -= 1;
        if lx.kind(k) != Some(Kind::Word) {
            return false;
        }
        // the name's head: `Hiệp ước`, `Công ước`, `Tuyên bố`, `Luật`, `Bản ghi nhớ`
        if lx.capitalized(k - 1)
            && lx.is_any(k - 1, HEADS)
            && (lx.is_any(k, SECOND) || lx.is_word(k - 1, "luật"))
        {
            return true;
        }
        if lx.is_any(
            k,
            &[
                "ký", "kết", "thông", "ra", "tại", "vào", "từ", "đến", "trong",
            ],
        ) {
            return false;
        }
    }
    false
}

/// A four-digit year standing alone at piece `i` (nothing glued after it).
fn standalone_year(lx: &Lexed, i: usize) -> Option<i32> {
    if lx.digits(i) != 4 || !lx.toks[i].space_before {
        return None;
    }
    let y = lx.num(i, 4)?;
    (plausible_year(y) && clean_after(lx, i + 1)).then_some(y as i32)
}

/// `nay`/`này` 0, `tới`/`sau` +1, `trước` -1 (and `qua` -1 for weeks: `tuần qua`).
fn relative_word(lx: &Lexed, i: usize, week: bool) -> Option<i32> {
    if lx.is_any(i, &["nay", "này"]) {
        Some(0)
    } else if lx.is_any(i, &["tới", "sau"]) {
        // `năm sau đó` is "the year after that", relative to another date.
        (!lx.is_word(i + 1, "đó")).then_some(1)
    } else if lx.is_word(i, "trước") || (week && lx.is_word(i, "qua")) {
        (!lx.is_word(i + 1, "đó")).then_some(-1)
    } else {
        None
    }
}

/// After a day-part: `nay` 0, `qua` -1, `mai` +1.
fn rel_day_word(lx: &Lexed, i: usize) -> Option<i32> {
    if lx.is_word(i, "nay") {
        Some(0)
    } else if lx.is_word(i, "qua") {
        Some(-1)
    } else if lx.is_word(i, "mai") {
        Some(1)
    } else {
        None
    }
}

/// `sáng`, `chiều`, `tối`, `trưa`, `đêm`, `khuya`, `rạng sáng`, `sáng sớm`, `chiều tối`.
fn daypart_at(lx: &Lexed, i: usize) -> Option<(usize, Part)> {
    if lx.kind(i) != Some(Kind::Word) {
        return None;
    }
    let (mut k, part) = if lx.is_word(i, "rạng") && lx.is_word(i + 1, "sáng") {
        (i + 2, Part::Morning)
    } else if lx.is_word(i, "sáng") {
        (i + 1, Part::Morning)
    } else if lx.is_word(i, "trưa") {
        (i + 1, Part::Noon)
    } else if lx.is_word(i, "chiều") {
        (i + 1, Part::Afternoon)
    } else if lx.is_word(i, "tối") {
        (i + 1, Part::Evening)
    } else if lx.is_any(i, &["đêm", "khuya"]) {
        (i + 1, Part::Night)
    } else {
        return None;
    };
    if lx.is_any(k, &["sớm", "muộn", "tối", "khuya"])
        && (lx.is_num(k + 1) || lx.is_any(k + 1, &["nay", "ngày", "hôm"]))
    {
        k += 1;
    }
    Some((k, part))
}

/// `11 giờ`, `11 giờ 30`, `11 giờ 30 phút`, `19h`, `19h30`, `9:30`.
fn time_at(lx: &Lexed, i: usize) -> Option<(usize, u32, u32)> {
    if lx.digits(i) == 0 || lx.digits(i) > 2 || glued_to_name(lx, i) {
        return None;
    }
    let h = lx.num(i, 2).filter(|&h| h <= 24)?;
    let minute = |k: usize, glued: bool| -> Option<u32> {
        (lx.digits(k) == 2 || (!glued && lx.digits(k) == 1))
            .then(|| lx.num(k, 2))
            .flatten()
            .filter(|&m| m < 60 && (!glued || lx.glued(k)))
    };
    if lx.is_word(i + 1, "giờ") {
        if let Some(mi) = minute(i + 2, false) {
            let e = if lx.is_word(i + 3, "phút") {
                i + 4
            } else {
                i + 3
            };
            return Some((e, h, mi));
        }
        return Some((i + 2, h, 0));
    }
    if lx.is_any(i + 1, &["h", "g"]) && lx.glued(i + 1) {
        if let Some(mi) = minute(i + 2, true) {
            return Some((i + 3, h, mi));
        }
        return Some((i + 2, h, 0));
    }
    if lx.is_punct(i + 1, ':') && lx.glued(i + 1) {
        let mi = minute(i + 2, true)?;
        return Some((i + 3, h, mi));
    }
    None
}

fn adjust_hour(h: u32, part: Option<Part>) -> u32 {
    match part {
        Some(Part::Afternoon) if (1..12).contains(&h) => h + 12,
        Some(Part::Evening | Part::Night) if (5..12).contains(&h) => h + 12,
        Some(Part::Noon) if (1..=3).contains(&h) => h + 12,
        _ => h,
    }
}

/// `thứ Năm`, `Chủ nhật` after a day word: the last such day, or the next with `tới`.
/// A date that follows (`thứ Năm (30/10)`, `thứ Năm, 30/10`) wins over the weekday.
fn weekday_at(lx: &Lexed, i: usize, opts: Options) -> Option<(usize, Raw)> {
    let (wd, k) = if lx.is_word(i, "thứ") {
        // `thứ Hai` (Monday) is capitalized; `ngày thứ hai` is "the second day".
        if !lx.capitalized(i + 1) {
            return None;
        }
        let wd = ["hai", "ba", "tư", "năm", "sáu", "bảy"]
            .iter()
            .position(|w| lx.is_word(i + 1, w))? as u32
            + 1;
        (wd, i + 2)
    } else if lx.is_word(i, "chủ") && lx.is_word(i + 1, "nhật") {
        (7, i + 2)
    } else {
        return None;
    };
    let paren = lx.is_punct(k, '(');
    if paren || lx.is_punct(k, ',') {
        if let Some((e, r @ Raw::Day { .. })) = core_at(lx, k + 1, true) {
            let e = if paren && lx.is_punct(e, ')') {
                e + 1
            } else {
                e
            };
            return Some((e, r));
        }
    }
    if !opts.relative {
        return None;
    }
    let (rel, k) = if lx.is_word(k, "tuần") && lx.is_any(k + 1, &["tới", "sau"]) {
        (WeekdayRel::Week(1), k + 2)
    } else if lx.is_word(k, "tuần") && lx.is_any(k + 1, &["trước", "qua"]) {
        (WeekdayRel::Week(-1), k + 2)
    } else if lx.is_word(k, "tuần") && lx.is_word(k + 1, "này") {
        (WeekdayRel::Week(0), k + 2)
    } else if lx.is_any(k, &["tới", "sau", "này"]) {
        (WeekdayRel::Next, k + 1)
    } else if lx.is_word(k, "vừa") && lx.is_word(k + 1, "qua") {
        (WeekdayRel::Last, k + 2)
    } else if lx.is_any(k, &["trước", "qua"]) {
        (WeekdayRel::Last, k + 1)
    } else {
        (WeekdayRel::OnOrBefore, k)
    };
    Some((k, Raw::Weekday { wd, rel }))
}

/// Days of the first lunar month after `mùng`: `9 tháng Giêng`, `8 đến 13 tháng Giêng`,
/// `2 Tết`.
fn lunar_at(lx: &Lexed, k: usize) -> Option<(usize, Raw)> {
    let from = lx.num(k, 2).filter(|d| (1..=30).contains(d))?;
    let (to, k) = if lx.is_word(k + 1, "đến") {
        let j = if lx.is_any(k + 2, &["mùng", "mồng"]) {
            k + 3
        } else {
            k + 2
        };
        (lx.num(j, 2).filter(|&d| d > from && d <= 30)?, j + 1)
    } else {
        (from, k + 1)
    };
    if lx.is_word(k, "tết") {
        return Some((k + 1, Raw::Lunar(from, to)));
    }
    (lx.is_word(k, "tháng") && lx.is_word(k + 1, "giêng")).then_some((k + 2, Raw::Lunar(from, to)))
}

/// `cùng ngày`, `trong ngày`, `cũng trong ngày`, `trong cùng ngày` closing a clause.
fn same_day_at(lx: &Lexed, i: usize) -> Option<usize> {
    let mut k = i;
    if lx.is_word(k, "cũng") {
        k += 1;
    }
    if lx.is_word(k, "trong") {
        k += 1;
        if lx.is_word(k, "cùng") {
            k += 1;
        }
    } else if lx.is_word(k, "cùng") {
        k += 1;
    } else {
        return None;
    }
    if !lx.is_word(k, "ngày") {
        return None;
    }
    let closes = k + 1 >= lx.len()
        || matches!(
            lx.toks[k + 1].kind,
            Kind::Punct(',' | '.' | ';' | ':' | ')' | '!')
        )
        || lx.toks[k + 1].newline_before
        // (or a predicate starts: `Chương trình thăm Almaty dự kiến cùng ngày đã bị hủy`)
        || ["đã", "sẽ", "bị", "được"].iter().any(|w| lx.is_word(k + 1, w));
    closes.then_some(k + 1)
}

fn is_dash(lx: &Lexed, i: usize) -> bool {
    matches!(lx.kind(i), Some(Kind::Punct('-' | '–' | '—' | '‐' | '‑')))
}

/// The number at `i` is glued to a word, number or mark before it (`G20`, `D1`, `3.5`,
/// `/2019`), so it is part of a name, a code or a larger number.
fn glued_to_name(lx: &Lexed, i: usize) -> bool {
    i > 0
        && lx.glued(i)
        && matches!(
            lx.toks[i - 1].kind,
            Kind::Word | Kind::Num | Kind::Punct('/' | '.' | ',' | '-' | '$' | '%')
        )
}

/// Nothing glued after the expression would make it a code (`12/5/2019/QH14`), a
/// number (`1/2,5`), a percentage or part of a word.
fn clean_after(lx: &Lexed, e: usize) -> bool {
    if e >= lx.len() || !lx.glued(e) {
        return true;
    }
    match lx.toks[e].kind {
        Kind::Word | Kind::Num => false,
        Kind::Punct('/' | '%') => false,
        Kind::Punct('.' | ',' | '-' | ':') => {
            !lx.glued(e + 1) || !matches!(lx.kind(e + 1), Some(Kind::Num))
        }
        Kind::Punct(_) => true,
    }
}

/// A bare `a/b` read as a fraction from its neighbours (`tỷ lệ 1/2`, `2/3 số phiếu`).
fn is_fraction(lx: &Lexed, i: usize, e: usize) -> bool {
    // `24/7` is "around the clock".
    let around_the_clock = e == i + 3 && lx.str(i) == "24" && lx.str(i + 2) == "7";
    around_the_clock || (i > 0 && lx.is_any(i - 1, FRACTION_BEFORE)) || lx.is_any(e, FRACTION_AFTER)
}

fn plural_before(lx: &Lexed, i: usize) -> bool {
    if i == 0 || lx.toks[i].newline_before {
        return false;
    }
    // `3 năm sau` is a duration, but in `tháng 12 năm ngoái` the number is the month.
    let count = lx.is_num(i - 1) && !(i >= 2 && lx.is_word(i - 2, "tháng"));
    count || lx.is_any(i - 1, PLURAL_BEFORE)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPTS: Options = Options {
        bare_day_month: true,
        relative: true,
    };

    fn spans(text: &str) -> Vec<(String, Raw)> {
        let lx = Lexed::new(text);
        find(&lx, OPTS)
            .into_iter()
            .map(|f| {
                (
                    text[lx.toks[f.first].start..lx.toks[f.end - 1].end].to_string(),
                    f.raw,
                )
            })
            .collect()
    }

    fn texts(text: &str) -> Vec<String> {
        spans(text).into_iter().map(|x| x.0).collect()
    }

    fn dmy(d: u32, m: u32, y: Option<i32>) -> Dmy {
        Dmy { d, m, y }
    }

    #[test]
    fn day_words_are_part_of_the_span() {
        let s = spans("Hôm 12/3, Thủ tướng tiếp Đại sứ Nhật Bản; tối 12/3 ông dự chiêu đãi.");
        assert_eq!(s[0].0, "Hôm 12/3");
        assert_eq!(s[1].0, "tối 12/3");
        assert_eq!(
            s[0].1,
            Raw::Day {
                day: dmy(12, 3, None),
                time: None
            }
        );
    }

    #[test]
    fn ranges() {
        let s = spans("Thủ tướng thăm chính thức Nhật Bản từ ngày 30/5 - 2/6 và dự hội nghị tại Tokyo ngày 3-4/6.");
        assert_eq!(s[0].0, "ngày 30/5 - 2/6");
        assert_eq!(s[0].1, Raw::DayRange(dmy(30, 5, None), dmy(2, 6, None)));
        assert_eq!(s[1].0, "ngày 3-4/6");
        assert_eq!(s[1].1, Raw::DayRange(dmy(3, 6, None), dmy(4, 6, None)));
        let s = spans("Kế hoạch hành động giai đoạn 2016-2020 đã hoàn tất.");
        assert_eq!(s[0], ("2016-2020".into(), Raw::YearRange(2016, 2020)));
    }

    #[test]
    fn hyphen_day_month_needs_a_day_word() {
        let s =
            spans("Khoảng 11 giờ ngày 27-2, đoàn đến Hà Nội. Đội tuyển thắng 27-2 trong trận đấu.");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].0, "11 giờ ngày 27-2");
        assert_eq!(
            s[0].1,
            Raw::Day {
                day: dmy(27, 2, None),
                time: Some((11, 0))
            }
        );
    }

    #[test]
    fn evening_hours_move_to_the_afternoon() {
        let s = spans("Lễ đón diễn ra lúc 7 giờ 30 tối 14/9 tại Phủ Chủ tịch.");
        assert_eq!(s[0].0, "7 giờ 30 tối 14/9");
        assert_eq!(
            s[0].1,
            Raw::Day {
                day: dmy(14, 9, None),
                time: Some((19, 30))
            }
        );
    }

    #[test]
    fn years_and_lists_of_years() {
        assert_eq!(
            texts("Ông từng thăm Hà Nội năm 2016 và 2019, dự APEC 2017 tại Đà Nẵng."),
            ["năm 2016", "2019"]
        );
        assert!(texts("Thời gian qua, hai nước ký UNCLOS 1982 và dự Đại hội 14.").is_empty());
    }

    #[test]
    fn fractions_are_not_dates() {
        assert!(texts("Tỷ lệ 1/2 số phiếu ủng hộ; nhóm này chiếm 1/3 dân số.").is_empty());
        assert!(
            texts("Chỉ số 32/13 không phải ngày, Nghị định 15/2020/NĐ-CP cũng không.").is_empty()
        );
        assert_eq!(texts("Hội nghị diễn ra 1/2 tại Singapore."), ["1/2"]);
    }

    #[test]
    fn relative_days() {
        let s =
            spans("Chiều nay, Chủ tịch nước tiếp Đại sứ; ngày mai ông lên đường, hôm qua ông họp.");
        assert_eq!(
            s.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            ["Chiều nay", "ngày mai", "hôm qua"]
        );
        assert_eq!(
            s[1].1,
            Raw::RelDay {
                offset: 1,
                time: None
            }
        );
        assert!(texts("Ngày nay, quan hệ hai nước ngày càng phát triển.").is_empty());
        assert!(texts("Trong những năm qua và những năm tới, hai bên hợp tác.").is_empty());
        assert_eq!(
            texts("Năm ngoái và tuần tới, năm sau."),
            ["Năm ngoái", "tuần tới", "năm sau"]
        );
    }

    #[test]
    fn months_and_spelled_days() {
        let s = spans("Tháng 5/2018, ông sang Paris; ngày 2 tháng 9 năm 1945 là Quốc khánh; tháng 11 năm 2019.");
        assert_eq!(
            s[0],
            (
                "Tháng 5/2018".into(),
                Raw::Month {
                    m: 5,
                    y: Some(2018)
                }
            )
        );
        assert_eq!(
            s[1],
            (
                "ngày 2 tháng 9 năm 1945".into(),
                Raw::Day {
                    day: dmy(2, 9, Some(1945)),
                    time: None
                }
            )
        );
        assert_eq!(
            s[2],
            (
                "tháng 11 năm 2019".into(),
                Raw::Month {
                    m: 11,
                    y: Some(2019)
                }
            )
        );
        assert!(texts("Chuyến đi kéo dài 3 tháng và vài tháng sau.").is_empty());
    }

    #[test]
    fn same_day_anaphora() {
        let s = spans("Ngày 5/7, ông gặp Thủ tướng Anh. Cùng ngày, ông tiếp Thị trưởng London.");
        assert_eq!(s[1], ("Cùng ngày".into(), Raw::SameDay));
        assert!(texts("Họ làm việc trong ngày lễ.").is_empty());
    }

    #[test]
    fn header_and_iso_dates() {
        let s = spans("Thứ Năm, 30/10/2025, 07:40 (GMT+7)\n2014-05-12 Hà Nội");
        assert_eq!(
            s[0],
            (
                "30/10/2025".into(),
                Raw::Day {
                    day: dmy(30, 10, Some(2025)),
                    time: None
                }
            )
        );
        assert_eq!(
            s[1],
            (
                "2014-05-12".into(),
                Raw::Day {
                    day: dmy(12, 5, Some(2014)),
                    time: None
                }
            )
        );
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn weekdays_after_day_words() {
        let s = spans("Hôm thứ Năm, hai bên điện đàm; sáng thứ Hai tới sẽ ký.");
        assert_eq!(
            s[0],
            (
                "Hôm thứ Năm".into(),
                Raw::Weekday {
                    wd: 4,
                    rel: WeekdayRel::OnOrBefore
                }
            )
        );
        assert_eq!(
            s[1],
            (
                "sáng thứ Hai tới".into(),
                Raw::Weekday {
                    wd: 1,
                    rel: WeekdayRel::Next
                }
            )
        );
    }
}
