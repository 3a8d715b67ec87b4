//! Proleptic Gregorian arithmetic: day numbers, month lengths, ISO weeks.

pub(crate) fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in month `m` (1–12) of year `y`; an unknown year allows 29 February.
pub(crate) fn days_in_month(y: Option<i32>, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match y {
            Some(y) if !is_leap(y) => 28,
            _ => 29,
        },
        _ => 0,
    }
}

pub(crate) fn valid_day(y: Option<i32>, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
pub(crate) fn day_number(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub(crate) fn from_day_number(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

/// The first day of the lunar year (Tết Nguyên đán) in the Vietnamese calendar, 2008–2030,
/// as (month, day) of the Gregorian year: the lunar month 1 (`tháng Giêng`) starts then.
const TET: [(u32, u32); 23] = [
    (2, 7),  // 2008
    (1, 26), // 2009
    (2, 14), // 2010
    (2, 3),  // 2011
    (1, 23), // 2012
    (2, 10), // 2013
    (1, 31), // 2014
    (2, 19), // 2015
    (2, 8),  // 2016
    (1, 28), // 2017
    (2, 16), // 2018
    (2, 5),  // 2019
    (1, 25), // 2020
    (2, 12), // 2021
    (2, 1),  // 2022
    (1, 22), // 2023
    (2, 10), // 2024
    (1, 29), // 2025
    (2, 17), // 2026
    (2, 6),  // 2027
    (1, 26), // 2028
    (2, 13), // 2029
    (2, 3),  // 2030
];

/// The day number of day `d` of the first lunar month (`mùng 9 tháng Giêng`) of the lunar
/// year that starts in Gregorian year `y` (`None` outside the table).
pub(crate) fn first_lunar_month_day(y: i32, d: u32) -> Option<i64> {
    let &(m, day) = TET.get(usize::try_from(y - 2008).ok()?)?;
    (1..=30)
        .contains(&d)
        .then(|| day_number(y, m, day) + i64::from(d) - 1)
}

/// ISO weekday, Monday = 1 … Sunday = 7.
pub(crate) fn weekday(day: i64) -> u32 {
    // 1970-01-01 was a Thursday.
    ((day + 3).rem_euclid(7) + 1) as u32
}

/// ISO 8601 week-numbering year and week of a day number.
pub(crate) fn iso_week(day: i64) -> (i32, u32) {
    let thursday = day - i64::from(weekday(day)) + 4;
    let (y, _, _) = from_day_number(thursday);
    let week = (thursday - day_number(y, 1, 1)) / 7 + 1;
    (y, week as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_weekdays() {
        for &(y, m, d) in &[
            (1970, 1, 1),
            (2000, 2, 29),
            (2025, 10, 29),
            (2026, 1, 1),
            (1900, 3, 1),
        ] {
            assert_eq!(from_day_number(day_number(y, m, d)), (y, m, d));
        }
        // 29/10/2025 was a Wednesday, 20/2/2026 a Friday.
        assert_eq!(weekday(day_number(2025, 10, 29)), 3);
        assert_eq!(weekday(day_number(2026, 2, 20)), 5);
        // mùng 9 tháng Giêng Quý Mão (2023) was 30 January
        assert_eq!(
            first_lunar_month_day(2023, 9),
            Some(day_number(2023, 1, 30))
        );
        assert_eq!(first_lunar_month_day(2031, 1), None);
    }

    #[test]
    fn iso_weeks_at_year_edges() {
        assert_eq!(iso_week(day_number(2025, 12, 29)), (2026, 1));
        assert_eq!(iso_week(day_number(2021, 1, 3)), (2020, 53));
        assert_eq!(iso_week(day_number(2025, 11, 5)), (2025, 45));
    }

    #[test]
    fn month_lengths() {
        assert!(valid_day(None, 2, 29));
        assert!(!valid_day(Some(2025), 2, 29));
        assert!(valid_day(Some(2024), 2, 29));
        assert!(!valid_day(None, 13, 1));
        assert!(!valid_day(None, 4, 31));
    }
}
