//! Numbers written with digits in either convention: Vietnamese (`1.000`, `11,8`,
//! `1.234,5`) and English (`1,000`, `3.5`, `1,234.5`).

use crate::dates::lex::{Kind, Lexed};

/// A number read from pieces `[first, end)`: its digits without separators and how
/// many of them are decimals, so a multiplier can be applied exactly.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Number {
    pub end: usize,
    pub digits: String,
    pub decimals: u32,
}

impl Number {
    /// The value times `multiplier`, exact whenever the result is an integer that fits.
    pub(crate) fn value(&self, multiplier: u64) -> f64 {
        let int: Option<u128> = self.digits.parse().ok();
        let scale = 10u128.checked_pow(self.decimals);
        if let (Some(int), Some(scale)) = (int, scale) {
            let m = u128::from(multiplier);
            if let Some(p) = int.checked_mul(m) {
                if p % scale == 0 {
                    return (p / scale) as f64;
                }
            }
        }
        let s = if self.decimals == 0 {
            self.digits.clone()
        } else {
            let cut = self.digits.len() - self.decimals as usize;
            format!("{}.{}", &self.digits[..cut], &self.digits[cut..])
        };
        s.parse::<f64>().unwrap_or(f64::NAN) * multiplier as f64
    }
}

/// Read a number starting at piece `i`. `multiplier_follows` tells whether a word such as
/// `tỷ` comes next, which makes `1,245` a decimal (`1,245 tỷ`) rather than a thousand.
pub(crate) fn read(
    lx: &Lexed,
    i: usize,
    multiplier_follows: impl Fn(usize) -> bool,
) -> Option<Number> {
    if !lx.is_num(i) {
        return None;
    }
    let mut groups = vec![i];
    let mut seps = Vec::new();
    let mut k = i + 1;
    while let Some(Kind::Punct(c @ ('.' | ','))) = lx.kind(k) {
        if !(lx.glued(k) && lx.is_num(k + 1) && lx.glued(k + 1)) {
            break;
        }
        seps.push(c);
        groups.push(k + 1);
        k += 2;
    }
    let len = |g: usize| lx.digits(g);
    let joined = |gs: &[usize]| gs.iter().map(|&g| lx.str(g)).collect::<String>();

    let (digits, decimals) = match seps.as_slice() {
        [] => (lx.str(i).to_string(), 0),
        [c] => {
            let thousands =
                len(groups[1]) == 3 && len(groups[0]) <= 3 && (*c == '.' || !multiplier_follows(k));
            if thousands {
                (joined(&groups), 0)
            } else {
                (joined(&groups), len(groups[1]) as u32)
            }
        }
        _ => {
            let last = *seps.last()?;
            let first = seps[0];
            // `1.234.567`, `1,234,567`: every separator groups thousands.
            if seps.iter().all(|&c| c == first) {
                if len(groups[0]) > 3 || groups[1..].iter().any(|&g| len(g) != 3) {
                    return None;
                }
                (joined(&groups), 0)
            } else {
                // `1.234,5`, `1,234.5`: the last separator is the decimal mark.
                let n = seps.len();
                if seps[..n - 1].iter().any(|&c| c != first) || last == first {
                    return None;
                }
                if len(groups[0]) > 3 || groups[1..n].iter().any(|&g| len(g) != 3) {
                    return None;
                }
                (joined(&groups), len(groups[n]) as u32)
            }
        }
    };
    if digits.len() > 30 {
        return None;
    }
    Some(Number {
        end: k,
        digits,
        decimals,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn val(text: &str, mult: bool) -> Option<f64> {
        let lx = Lexed::new(text);
        read(&lx, 0, |_| mult).map(|n| n.value(1))
    }

    #[test]
    fn both_conventions() {
        assert_eq!(val("11,8", false), Some(11.8));
        assert_eq!(val("1.000", false), Some(1000.0));
        assert_eq!(val("28.000", false), Some(28000.0));
        assert_eq!(val("1.234.567", false), Some(1_234_567.0));
        assert_eq!(val("1.234,5", false), Some(1234.5));
        assert_eq!(val("1,234.5", false), Some(1234.5));
        assert_eq!(val("3.5", false), Some(3.5));
        assert_eq!(val("1,000", false), Some(1000.0));
        assert_eq!(val("1,245", true), Some(1.245));
        assert_eq!(val("1.2.3", false), None);
    }

    #[test]
    fn multipliers_are_exact() {
        let lx = Lexed::new("1,245");
        let n = read(&lx, 0, |_| true).unwrap();
        assert_eq!(n.value(1_000_000_000), 1_245_000_000.0);
        let lx = Lexed::new("0,7");
        assert_eq!(read(&lx, 0, |_| true).unwrap().value(1_000_000), 700_000.0);
    }
}
