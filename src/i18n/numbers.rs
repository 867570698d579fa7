//! Numbers and times of day as each language writes them: one function each, used by every
//! screen, line and command, so that a time reads « 9 h 30 » in the agenda, under a
//! comment and in a filter alike.

use chrono::{DateTime, NaiveTime, Timelike, Utc};
use chrono_tz::Europe::Paris;

use super::Lang;

const NBSP: char = '\u{a0}';

impl Lang {
    /// « 9 h », « 9 h 30 », « 21 h 05 » / « 9:00 », « 21:05 ». English keeps the 24-hour
    /// clock: the association meets in France, where every time it posts is written so,
    /// and a column of times stays short without « am » and « pm ».
    pub fn time_of_day(self, t: NaiveTime) -> String {
        let (h, m) = (t.hour(), t.minute());
        match self {
            Lang::Fr if m == 0 => format!("{h}{NBSP}h"),
            Lang::Fr => format!("{h}{NBSP}h{NBSP}{m:02}"),
            Lang::En => format!("{h}:{m:02}"),
        }
    }

    /// The time of day of `at` in Paris, as [`Lang::time_of_day`] writes it.
    pub fn time_at(self, at: DateTime<Utc>) -> String {
        self.time_of_day(at.with_timezone(&Paris).time())
    }

    /// « 9 h–12 h », « 14 h–24 h » / « 9:00–12:00 »: an interval of a day, where an end at
    /// midnight is the end of that day.
    pub fn time_range(self, (start, end): (NaiveTime, NaiveTime)) -> String {
        let end = if end == NaiveTime::MIN {
            match self {
                Lang::Fr => format!("24{NBSP}h"),
                Lang::En => "24:00".to_string(),
            }
        } else {
            self.time_of_day(end)
        };
        format!("{}–{end}", self.time_of_day(start))
    }

    /// « 5 201 », « 57 000 » / « 5,201 »: groups of three digits, in French with the narrow
    /// no-break space French prints figures with, so they never part at the end of a line.
    pub fn number(self, n: i64) -> String {
        let digits = n.unsigned_abs().to_string();
        let separator = match self {
            Lang::Fr => '\u{202f}',
            Lang::En => ',',
        };
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2 + 1);
        if n < 0 {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(separator);
            }
            out.push(c);
        }
        out
    }

    /// [`Lang::number`] of a count.
    pub fn count(self, n: usize) -> String {
        self.number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
    }

    #[test]
    fn times_of_day() {
        assert_eq!(Lang::Fr.time_of_day(at(9, 0)), "9\u{a0}h");
        assert_eq!(Lang::Fr.time_of_day(at(5, 45)), "5\u{a0}h\u{a0}45");
        assert_eq!(Lang::Fr.time_of_day(at(21, 5)), "21\u{a0}h\u{a0}05");
        assert_eq!(Lang::En.time_of_day(at(9, 0)), "9:00");
        assert_eq!(Lang::En.time_of_day(at(21, 5)), "21:05");
        assert_eq!(Lang::Fr.time_range((at(14, 0), NaiveTime::MIN)), "14\u{a0}h–24\u{a0}h");
        assert_eq!(Lang::En.time_range((at(9, 30), at(12, 0))), "9:30–12:00");
    }

    #[test]
    fn numbers() {
        assert_eq!(Lang::Fr.number(5201), "5\u{202f}201");
        assert_eq!(Lang::Fr.number(57_000), "57\u{202f}000");
        assert_eq!(Lang::Fr.number(999), "999");
        assert_eq!(Lang::Fr.number(-1_234_567), "-1\u{202f}234\u{202f}567");
        assert_eq!(Lang::En.number(4000), "4,000");
        assert_eq!(Lang::En.count(0), "0");
    }
}
