//! « Ouvert le … »: the moment read by the app's one reader of dates (`domain::moment`), so
//! that whatever the agenda and the forms accept (« jeudi 9 h », « demain 14:30 »,
//! « 03/12 10h ») is accepted here too.

use chrono::NaiveDateTime;

use crate::domain::moment::{MomentError, parse_moment};

/// The hour a day alone means (« ouvert samedi »): a person asking about a day asks whether
/// the place is open during it, and mid-morning is when nearly every place is.
const DEFAULT_HOUR: &str = "10h";

/// The moment a person means, relative to `now` (Paris local time). A weekday means the
/// next one (today if the hour has not passed); no hour means 10:00.
pub fn parse_when(input: &str, now: NaiveDateTime) -> Result<NaiveDateTime, MomentError> {
    match parse_moment(input, now, None) {
        Err(MomentError::NoTime) => parse_moment(&format!("{input} {DEFAULT_HOUR}"), now, None),
        other => other,
    }
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
        let ok = |s: &str| parse_when(s, now).ok();
        assert_eq!(ok("jeudi 9h"), Some(at("2026-12-03 09:00")));
        assert_eq!(ok("jeudi 9 h"), Some(at("2026-12-03 09:00")));
        assert_eq!(ok("vendredi 14h30"), Some(at("2026-11-27 14:30")));
        assert_eq!(ok("vendredi à 9h"), Some(at("2026-12-04 09:00")));
        assert_eq!(ok("demain 8:30"), Some(at("2026-11-28 08:30")));
        assert_eq!(ok("2026-12-03 10:00"), Some(at("2026-12-03 10:00")));
        assert_eq!(ok("9h"), Some(at("2026-11-28 09:00")));
        assert_eq!(ok("thursday 9am"), Some(at("2026-12-03 09:00")));
        assert_eq!(ok("sam"), Some(at("2026-11-28 10:00")));
        assert_eq!(ok("03/12"), Some(at("2026-12-03 10:00")));
        assert!(matches!(parse_when("n'importe quoi", now), Err(MomentError::Unknown(_))));
        assert!(parse_when("jeudi 25h", now).is_err());
        assert_eq!(parse_when("", now), Err(MomentError::Empty));
    }
}
