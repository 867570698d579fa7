//! Reading « jeudi 9h », « demain 14:30 » or « 2026-12-03 10:00 » as a Paris local time,
//! for « ouvert le … à … ».

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::domain::moment::WEEKDAYS as DAYS;

/// The moment a person means, relative to `now` (Paris local time). A weekday means the
/// next one (today if the hour has not passed); no hour means 10:00.
pub fn parse_when(input: &str, now: NaiveDateTime) -> Option<NaiveDateTime> {
    let text = input.trim().to_lowercase();
    let mut words = text.split_whitespace().filter(|w| !matches!(*w, "à" | "a" | "at" | "le" | "on"));
    let first = words.next()?;
    let rest: Vec<&str> = words.collect();
    let time = match rest.as_slice() {
        [] => None,
        [t] => Some(parse_time(t)?),
        _ => return None,
    };
    let today = now.date();
    let (date, time) = if let Ok(d) = NaiveDate::parse_from_str(first, "%Y-%m-%d") {
        (d, time.unwrap_or(default_time()))
    } else if let Some(t) = parse_time(first).filter(|_| time.is_none()) {
        // Only an hour: today if still to come, else tomorrow.
        let d = if t >= now.time() { today } else { today + Duration::days(1) };
        (d, t)
    } else {
        let t = time.unwrap_or(default_time());
        let d = match first {
            "aujourd'hui" | "aujourd’hui" | "today" => today,
            "demain" | "tomorrow" => today + Duration::days(1),
            day => {
                let wd =
                    DAYS.iter().find(|(name, _)| *name == day || name.starts_with(day) && day.len() >= 3)?.1;
                let mut d = today;
                while d.weekday() != wd || (d == today && t < now.time()) {
                    d += Duration::days(1);
                }
                d
            }
        };
        (d, t)
    };
    Some(date.and_time(time))
}

fn default_time() -> NaiveTime {
    NaiveTime::from_hms_opt(10, 0, 0).unwrap_or(NaiveTime::MIN)
}

/// « 9h », « 9h30 », « 09:30 », « 14 », « 9am ».
fn parse_time(s: &str) -> Option<NaiveTime> {
    let s = s.trim_end_matches("am");
    let (h, m) = if let Some((h, m)) = s.split_once(['h', ':']) {
        (h, if m.is_empty() { "0" } else { m })
    } else if let Some(h) = s.strip_suffix("pm") {
        let h: u32 = h.parse().ok()?;
        return NaiveTime::from_hms_opt(if h < 12 { h + 12 } else { h }, 0, 0);
    } else {
        (s, "0")
    };
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn days_and_hours_as_people_say_them() {
        // Friday 27 November 2026, 12:00.
        let now = at("2026-11-27 12:00");
        assert_eq!(parse_when("jeudi 9h", now), Some(at("2026-12-03 09:00")));
        assert_eq!(parse_when("vendredi 14h30", now), Some(at("2026-11-27 14:30")));
        assert_eq!(parse_when("vendredi à 9h", now), Some(at("2026-12-04 09:00")));
        assert_eq!(parse_when("demain 8:30", now), Some(at("2026-11-28 08:30")));
        assert_eq!(parse_when("2026-12-03 10:00", now), Some(at("2026-12-03 10:00")));
        assert_eq!(parse_when("9h", now), Some(at("2026-11-28 09:00")));
        assert_eq!(parse_when("thursday 9am", now), Some(at("2026-12-03 09:00")));
        assert_eq!(parse_when("sam", now), Some(at("2026-11-28 10:00")));
        assert_eq!(parse_when("n'importe quoi", now), None);
        assert_eq!(parse_when("jeudi 25h", now), None);
        assert_eq!(parse_when("", now), None);
    }
}
