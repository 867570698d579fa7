//! Opening hours in the OpenStreetMap `opening_hours` syntax (`Mo-Fr 08:30-18:00; Sa
//! 09:00-12:00`), parsed and evaluated by the `opening-hours` crate.
//!
//! Times are naive local times in Europe/Paris: that is what the expressions mean, and what
//! a person asking « ouvert le mardi à 9 h ? » means too. Public holidays (`PH`) are France's
//! national ones, from the holiday table compiled into the crate (no network, no feature
//! flag; it is decoded on the first evaluation of an expression that names `PH`). Regional
//! holidays (Alsace-Moselle) do not concern Drôme and Ardèche. School holidays (`SH`) are not
//! in that table for France: `SH` rules never match, so `SH off` changes nothing.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use opening_hours::localization::Country;
use opening_hours::{Context, OpeningHours, RuleKind};
use thiserror::Error;

/// Longest expression accepted: real ones are well under 200 characters, and the parser's
/// work grows with the length.
pub const MAX_HOURS_LEN: usize = 500;

/// A parsed `opening_hours` expression, ready to evaluate. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Hours(OpeningHours);

#[derive(Debug, Clone, Error, PartialEq)]
pub enum HoursError {
    /// The message says where and what (« at character 7: expected a time like 08:30 »).
    #[error("invalid opening hours: {0}")]
    Invalid(String),
}

impl Hours {
    /// Parses an expression. The message of the error names what is wrong, in one line.
    pub fn parse(s: &str) -> Result<Hours, HoursError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(HoursError::Invalid("empty".into()));
        }
        if s.chars().count() > MAX_HOURS_LEN {
            return Err(HoursError::Invalid(format!("longer than {MAX_HOURS_LEN} characters")));
        }
        let oh = <OpeningHours as std::str::FromStr>::from_str(s)
            .map_err(|e| HoursError::Invalid(one_line(&e.to_string(), s)))?;
        let ctx = Context::default().with_holidays(Country::FR.holidays());
        Ok(Hours(oh.with_context(ctx)))
    }

    /// Whether the place is open at `at`, a local time in Europe/Paris. An « unknown » state
    /// (`Mo 10:00-12:00 unknown`, or a rule with only a comment) counts as not open: the
    /// badge promises only what the hours promise.
    pub fn is_open(&self, at: NaiveDateTime) -> bool {
        let time = at.time();
        let minutes = time.hour() * 60 + time.minute();
        self.0.schedule_at(at.date()).into_iter().any(|r| {
            r.kind == RuleKind::Open
                && u32::from(r.range.start.mins_from_midnight()) <= minutes
                && minutes < u32::from(r.range.end.mins_from_midnight())
        })
    }

    /// The open intervals of each day of the week that starts on `monday` (index 0 = that
    /// day), in order, for a table of the week. An interval that runs to midnight ends at
    /// `00:00` (the only case where the end is not after the start): show it as `24:00`
    /// (`Lang::time_range` does). Hours past midnight (`Fr 20:00-02:00`) appear on the next
    /// day, from `00:00`.
    pub fn week(&self, monday: NaiveDate) -> [Vec<(NaiveTime, NaiveTime)>; 7] {
        std::array::from_fn(|i| {
            let day = monday + Duration::days(i as i64);
            self.0
                .schedule_at(day)
                .into_iter()
                .filter(|r| r.kind == RuleKind::Open)
                .filter_map(|r| {
                    let start = minutes_to_time(r.range.start.mins_from_midnight())?;
                    let end = minutes_to_time(r.range.end.mins_from_midnight() % (24 * 60))?;
                    Some((start, end))
                })
                .collect()
        })
    }

    /// The expression as the crate writes it back (normalised spacing).
    pub fn expression(&self) -> String {
        self.0.to_string()
    }
}

fn minutes_to_time(minutes: u16) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(u32::from(minutes / 60), u32::from(minutes % 60), 0)
}

/// The Monday of the week that holds `day`.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// Turns the parser's message (several lines drawn around the expression, in the style of
/// rustc) into one line: where, and what was expected.
fn one_line(message: &str, input: &str) -> String {
    let mut position = None;
    let mut expected = None;
    for line in message.lines() {
        let line = line.trim();
        if let Some(at) = line.strip_prefix("-->") {
            // ` --> 1:7`: line and column in the expression.
            position = at.trim().rsplit(':').next().and_then(|c| c.parse::<usize>().ok());
        } else if let Some(what) = line.strip_prefix('=') {
            expected = Some(plain_expectation(what.trim()));
        }
    }
    match (position, expected) {
        (Some(col), Some(what)) => {
            let near: String = input.chars().skip(col.saturating_sub(1)).take(12).collect();
            if near.is_empty() {
                format!("at the end: {what}")
            } else {
                format!("at character {col} (« {near} »): {what}")
            }
        }
        _ => message.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

/// The grammar's rule names mean little to a person: say what they look like instead.
fn plain_expectation(what: &str) -> String {
    if what.contains("week_selector") || what.contains("small_range_selectors") {
        "expected days like Mo-Fr, then times like 08:30-18:00".into()
    } else if what.contains("timespan") {
        "expected times like 08:30-18:00 (two digits for hours and minutes)".into()
    } else if what.contains("extended_time") {
        "expected a time like 18:00".into()
    } else {
        what.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn weekday_hours_at_the_edges() {
        let h = Hours::parse("Mo-Fr 08:30-18:00; Sa 09:00-12:00").unwrap();
        // 2026-11-30 is a Monday.
        assert!(!h.is_open(at("2026-11-30 08:29")));
        assert!(h.is_open(at("2026-11-30 08:30")));
        assert!(h.is_open(at("2026-11-30 17:59")));
        assert!(!h.is_open(at("2026-11-30 18:00")));
        assert!(h.is_open(at("2026-12-05 11:59")));
        assert!(!h.is_open(at("2026-12-05 12:00")));
        assert!(!h.is_open(at("2026-12-06 10:00")), "Sunday");
    }

    #[test]
    fn round_the_clock_and_overnight() {
        let h = Hours::parse("Mo-Su 00:00-24:00").unwrap();
        assert!(h.is_open(at("2026-12-06 00:00")) && h.is_open(at("2026-12-06 23:59")));
        let week = h.week(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        assert!(week.iter().all(|d| d == &vec![(t(0, 0), t(0, 0))]), "{week:?}");
        let late = Hours::parse("Fr 20:00-02:00").unwrap();
        assert!(late.is_open(at("2026-12-04 23:00")));
        assert!(late.is_open(at("2026-12-05 01:30")), "Saturday night, from Friday");
        assert!(!late.is_open(at("2026-12-05 02:00")));
    }

    #[test]
    fn week_table() {
        let h = Hours::parse("Tu,Th 09:00-12:00,14:00-17:00").unwrap();
        let week = h.week(monday_of(NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()));
        assert!(week[0].is_empty());
        assert_eq!(week[1], vec![(t(9, 0), t(12, 0)), (t(14, 0), t(17, 0))]);
        assert_eq!(week[3], week[1]);
        assert!(week[6].is_empty());
    }

    #[test]
    fn french_public_holidays() {
        let h = Hours::parse("Mo-Fr 08:30-18:00; PH off").unwrap();
        // 14 July 2026 is a Tuesday; 15 July is not a holiday.
        assert!(!h.is_open(at("2026-07-14 10:00")));
        assert!(h.is_open(at("2026-07-15 10:00")));
        // Christmas 2026 is a Friday.
        assert!(!h.is_open(at("2026-12-25 10:00")));
    }

    #[test]
    fn invalid_hours_say_what_is_wrong() {
        for bad in ["Mo-Fr 8h-18h", "lundi 9:00-12:00", "Mo-Fr 08:30-", "Mo-Fr 25:00-26:00"] {
            let HoursError::Invalid(msg) = Hours::parse(bad).unwrap_err();
            assert!(!msg.contains('\n') && !msg.is_empty(), "{bad}: {msg}");
        }
        let HoursError::Invalid(msg) = Hours::parse("Mo-Fr 8h-18h").unwrap_err();
        assert!(msg.contains("character"), "{msg}");
        assert_eq!(Hours::parse("  ").unwrap_err(), HoursError::Invalid("empty".into()));
        assert!(Hours::parse(&"Mo 10:00-11:00,".repeat(100)).is_err());
    }
}
