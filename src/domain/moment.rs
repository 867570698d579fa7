//! A date and an hour as people write them, in French or English: « jeudi 10 décembre 14h »,
//! « demain 18 h 30 », « 10/12 14h », `2026-12-10 14:00`, « tomorrow 6:30 pm », « Thursday
//! 10 December 14:00 ». Pure: `now` (Paris local time) is given, never read, so that the
//! same words always mean the same moment in a test and on the screen.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use thiserror::Error;

use crate::domain::space::fold;

/// Why words are not a moment. Said to people by `i18n`; this `Display` is for the logs.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MomentError {
    #[error("nothing written")]
    Empty,
    /// A word that is neither a day, a month, a number nor an hour.
    #[error("« {0} » is not understood")]
    Unknown(String),
    #[error("no hour given")]
    NoTime,
    #[error("no day given")]
    NoDay,
    /// A day that no calendar has (« 31 février »).
    #[error("no such day")]
    NoSuchDay,
    #[error("« {0} » is not an hour")]
    BadTime(String),
    /// The weekday written is not the one of the date written.
    #[error("{date} is a {weekday}")]
    WrongWeekday { date: NaiveDate, weekday: Weekday },
}

/// Weekdays by name, French then English: the one table every reader of dates uses.
pub const WEEKDAYS: [(&str, Weekday); 14] = [
    ("lundi", Weekday::Mon),
    ("mardi", Weekday::Tue),
    ("mercredi", Weekday::Wed),
    ("jeudi", Weekday::Thu),
    ("vendredi", Weekday::Fri),
    ("samedi", Weekday::Sat),
    ("dimanche", Weekday::Sun),
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// French months as they are written, January first: the one table every French date is
/// written with (the screens' and the demo articles').
pub const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// Months by their folded names, French then English; three letters are enough.
const MONTHS: [(&str, u32); 24] = [
    ("janvier", 1),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("decembre", 12),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
];

/// Words that say nothing of the moment (« le jeudi 10 à 14 h »).
const FILLERS: [&str; 9] = ["a", "le", "at", "on", "the", "of", "de", "du", "et"];

/// What the words said, before they are put together.
#[derive(Default)]
struct Said {
    date: Option<NaiveDate>,
    weekday: Option<Weekday>,
    day: Option<u32>,
    month: Option<u32>,
    year: Option<i32>,
    /// Days after today (« demain »: 1).
    offset: Option<i64>,
    time: Option<NaiveTime>,
}

/// The moment `input` means, seen from `now`. Without a date, `day_of` is the day (the end
/// of a meetup on the day of its start), else today when the hour is still to come, else
/// tomorrow. A weekday alone is the next one (today if the hour is still to come); a day and
/// a month without a year are the next such day.
pub fn parse_moment(
    input: &str,
    now: NaiveDateTime,
    day_of: Option<NaiveDate>,
) -> Result<NaiveDateTime, MomentError> {
    let said = read_words(input)?;
    let time = said.time.ok_or(MomentError::NoTime)?;
    let today = now.date();
    let date = if let Some(d) = said.date {
        d
    } else if let Some(offset) = said.offset {
        today + Duration::days(offset)
    } else if let Some(day) = said.day {
        let month = said.month.ok_or(MomentError::NoDay)?;
        match said.year {
            Some(y) => NaiveDate::from_ymd_opt(y, month, day).ok_or(MomentError::NoSuchDay)?,
            None => next_date(today, month, day)?,
        }
    } else if let Some(wd) = said.weekday {
        let mut d = today;
        while d.weekday() != wd || (d == today && time < now.time()) {
            d += Duration::days(1);
        }
        d
    } else if let Some(day) = day_of {
        day
    } else if time >= now.time() {
        today
    } else {
        today + Duration::days(1)
    };
    if let Some(wd) = said.weekday
        && date.weekday() != wd
    {
        return Err(MomentError::WrongWeekday { date, weekday: date.weekday() });
    }
    Ok(date.and_time(time))
}

/// This year's `day`/`month` if still to come, else next year's.
fn next_date(today: NaiveDate, month: u32, day: u32) -> Result<NaiveDate, MomentError> {
    let this = NaiveDate::from_ymd_opt(today.year(), month, day);
    match this {
        Some(d) if d >= today => Ok(d),
        _ => NaiveDate::from_ymd_opt(today.year() + 1, month, day).ok_or(MomentError::NoSuchDay),
    }
}

fn read_words(input: &str) -> Result<Said, MomentError> {
    let text = input.trim().replace(['\u{a0}', '\u{202f}', ','], " ");
    let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    if words.is_empty() {
        return Err(MomentError::Empty);
    }
    let mut said = Said::default();
    let mut i = 0;
    while i < words.len() {
        let raw = words[i].as_str();
        let word = fold(raw);
        i += 1;
        if word.is_empty() || FILLERS.contains(&word.as_str()) {
            continue;
        }
        if let Some(used) = read_time(raw, words.get(i..).unwrap_or(&[]))? {
            said.time = Some(used.0);
            i += used.1;
            continue;
        }
        if let Some((date, time)) = iso(raw) {
            said.date = Some(date);
            if time.is_some() {
                said.time = time;
            }
            continue;
        }
        if let Some(date) = slashed(raw)? {
            said.day = Some(date.0);
            said.month = Some(date.1);
            said.year = date.2.or(said.year);
            continue;
        }
        if let Some(n) = number(raw) {
            if n >= 1900 {
                said.year = i32::try_from(n).ok();
            } else if said.day.is_none() && n <= 31 {
                said.day = Some(n);
            } else {
                return Err(MomentError::Unknown(raw.to_string()));
            }
            continue;
        }
        if let Some(offset) = relative(&word, words.get(i).map(|w| fold(w)).as_deref()) {
            said.offset = Some(offset.0);
            i += offset.1;
            continue;
        }
        if let Some(wd) = lookup(&WEEKDAYS, &word) {
            said.weekday = Some(wd);
            continue;
        }
        if let Some(m) = lookup(&MONTHS, &word) {
            said.month = Some(m);
            continue;
        }
        return Err(MomentError::Unknown(raw.to_string()));
    }
    Ok(said)
}

/// A name, whole or cut after three letters or more (« jeu. », « déc », « Thu »).
fn lookup<T: Copy>(table: &[(&str, T)], word: &str) -> Option<T> {
    let word = word.trim_end_matches('.');
    if word.chars().count() < 3 {
        return None;
    }
    table.iter().find(|(name, _)| *name == word || name.starts_with(word)).map(|(_, v)| *v)
}

/// « aujourd'hui », « demain », « après-demain », « today », « tomorrow »; with the number of
/// words used beyond the first (fold splits « aujourd'hui » and « après-demain » in two).
fn relative(word: &str, next: Option<&str>) -> Option<(i64, usize)> {
    match (word, next) {
        ("aujourd hui", _) | ("today", _) => Some((0, 0)),
        ("aujourd", Some("hui")) => Some((0, 1)),
        ("demain", _) | ("tomorrow", _) => Some((1, 0)),
        ("apres demain", _) => Some((2, 0)),
        ("apres", Some("demain")) => Some((2, 1)),
        _ => None,
    }
}

/// A whole number, with an English ordinal's ending or a French « 1er » allowed.
fn number(raw: &str) -> Option<u32> {
    let s = raw.to_lowercase();
    let s = s.trim_end_matches('.');
    let s = ["er", "st", "nd", "rd", "th", "e"].iter().find_map(|end| s.strip_suffix(end)).unwrap_or(s);
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `2026-12-10`, `2026-12-10T14:00`.
fn iso(raw: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let (day, time) = match raw.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (raw, None),
    };
    let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    match time {
        None => Some((date, None)),
        Some(t) => Some((date, Some(clock(t)?))),
    }
}

/// `10/12`, `10/12/2026`, `10/12/26` (day first, as in French).
fn slashed(raw: &str) -> Result<Option<(u32, u32, Option<i32>)>, MomentError> {
    if !raw.contains('/') {
        return Ok(None);
    }
    let parts: Vec<&str> = raw.split('/').collect();
    let n = |s: &str| s.parse::<u32>().map_err(|_| MomentError::Unknown(raw.to_string()));
    match parts.as_slice() {
        [d, m] => Ok(Some((n(d)?, n(m)?, None))),
        [d, m, y] => {
            let y = n(y)?;
            let y = if y < 100 { 2000 + y } else { y };
            Ok(Some((n(d)?, n(m)?, i32::try_from(y).ok())))
        }
        _ => Err(MomentError::Unknown(raw.to_string())),
    }
}

/// `14:00`, `14.30` (no suffix).
fn clock(s: &str) -> Option<NaiveTime> {
    let (h, m) = s.split_once([':', '.'])?;
    let m = m.strip_suffix(":00").unwrap_or(m);
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

/// `am` (false) or `pm` (true), dotted or not.
fn meridiem(s: &str) -> Option<bool> {
    match s.trim_end_matches('.').replace('.', "").as_str() {
        "am" => Some(false),
        "pm" => Some(true),
        _ => None,
    }
}

fn hour_minute(h: &str, m: &str) -> Option<NaiveTime> {
    let m: u32 = if m.is_empty() { 0 } else { m.parse().ok()? };
    NaiveTime::from_hms_opt(h.parse().ok()?, m, 0)
}

/// An hour of the twelve-hour clock (1 to 12) read with its am or pm.
fn twelve_hours(t: NaiveTime, pm: bool) -> Option<NaiveTime> {
    use chrono::Timelike;
    let h = t.hour();
    if !(1..=12).contains(&h) {
        return None;
    }
    let h = match (h, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    };
    NaiveTime::from_hms_opt(h, t.minute(), 0)
}

/// An hour starting at `raw`, perhaps over the words after it (« 14 h 30 », « 6:30 pm »,
/// « 6 pm »): the time and how many of `rest` it used. `None`: not an hour at all.
fn read_time(raw: &str, rest: &[String]) -> Result<Option<(NaiveTime, usize)>, MomentError> {
    let lower = raw.to_lowercase();
    let bad = || MomentError::BadTime(raw.to_string());
    match fold(&lower).as_str() {
        "midi" | "noon" => return Ok(NaiveTime::from_hms_opt(12, 0, 0).map(|t| (t, 0))),
        "minuit" | "midnight" => return Ok(Some((NaiveTime::MIN, 0))),
        _ => {}
    }
    let next = |k: usize| rest.get(k).map(|w| w.to_lowercase());
    // Split a suffix glued to the digits: « 6pm », « 6:30pm », « 14h30 ».
    let digits_end =
        lower.find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.')).unwrap_or(lower.len());
    let (head, tail) = lower.split_at(digits_end);
    if head.is_empty() || !head.starts_with(|c: char| c.is_ascii_digit()) {
        return Ok(None);
    }
    let head = head.trim_end_matches('.');
    let hm = |h: &str, m: &str| hour_minute(h, m).ok_or_else(bad);
    let with_meridiem = |t: NaiveTime, pm: bool| twelve_hours(t, pm).ok_or_else(bad);
    if let Some((h, m)) = head.split_once([':', '.']) {
        let t = hm(h, m)?;
        if let Some(pm) = meridiem(tail) {
            return Ok(Some((with_meridiem(t, pm)?, 0)));
        }
        if !tail.is_empty() {
            return Err(bad());
        }
        if let Some(pm) = next(0).as_deref().and_then(meridiem) {
            return Ok(Some((with_meridiem(t, pm)?, 1)));
        }
        return Ok(Some((t, 0)));
    }
    if head.contains('.') || head.len() > 2 {
        return Ok(None);
    }
    if let Some(pm) = meridiem(tail) {
        return Ok(Some((with_meridiem(hm(head, "")?, pm)?, 0)));
    }
    if let Some(m) = tail.strip_prefix('h') {
        let m = m.trim_end_matches("min");
        if m.is_empty() {
            // « 14h 30 »: the minutes in the next word.
            if let Some(n) = next(0).filter(|w| w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit())) {
                return Ok(Some((hm(head, &n)?, 1)));
            }
        }
        return Ok(Some((hm(head, m)?, 0)));
    }
    if !tail.is_empty() {
        return Ok(None);
    }
    // A bare number is an hour only when a word after it says so.
    match next(0).as_deref() {
        Some("h") => {
            let minutes = next(1).filter(|w| w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit()));
            match minutes {
                Some(m) => Ok(Some((hm(head, &m)?, 2))),
                None => Ok(Some((hm(head, "")?, 1))),
            }
        }
        Some(w) if meridiem(w).is_some() => {
            let pm = meridiem(w).unwrap_or(false);
            Ok(Some((with_meridiem(hm(head, "")?, pm)?, 1)))
        }
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    /// Thursday 3 December 2026, 15:00.
    fn now() -> NaiveDateTime {
        at("2026-12-03 15:00")
    }

    #[test]
    fn moments_as_people_write_them_in_both_languages() {
        let cases = [
            ("jeudi 10 décembre 14h", "2026-12-10 14:00"),
            ("jeudi 10 décembre 14 h", "2026-12-10 14:00"),
            ("Jeudi 10 Décembre à 14 h 30", "2026-12-10 14:30"),
            ("le jeudi 10 décembre 2026 à 14h30", "2026-12-10 14:30"),
            ("demain 18 h 30", "2026-12-04 18:30"),
            ("demain 18h30", "2026-12-04 18:30"),
            ("après-demain midi", "2026-12-05 12:00"),
            ("aujourd'hui 17h", "2026-12-03 17:00"),
            ("10/12 14h", "2026-12-10 14:00"),
            ("10/12/2026 9:05", "2026-12-10 09:05"),
            ("2026-12-10 14:00", "2026-12-10 14:00"),
            ("2026-12-10T14:00", "2026-12-10 14:00"),
            ("1er janvier 10h", "2027-01-01 10:00"),
            ("2 déc. 9h", "2027-12-02 09:00"),
            ("vendredi 9h", "2026-12-04 09:00"),
            ("jeudi 16h", "2026-12-03 16:00"),
            ("jeudi 14h", "2026-12-10 14:00"),
            ("tomorrow 6:30 pm", "2026-12-04 18:30"),
            ("tomorrow 6pm", "2026-12-04 18:00"),
            ("Thursday 10 December 14:00", "2026-12-10 14:00"),
            ("Thursday, December 10th, 2:15 p.m.", "2026-12-10 14:15"),
            ("December 10 at 12 am", "2026-12-10 00:00"),
            ("today noon", "2026-12-03 12:00"),
            ("16h", "2026-12-03 16:00"),
            ("9h", "2026-12-04 09:00"),
        ];
        for (input, want) in cases {
            assert_eq!(parse_moment(input, now(), None), Ok(at(want)), "{input}");
        }
    }

    #[test]
    fn an_hour_alone_is_on_the_day_given() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 10);
        assert_eq!(parse_moment("16 h", now(), day), Ok(at("2026-12-10 16:00")));
        assert_eq!(parse_moment("11:00", now(), day), Ok(at("2026-12-10 11:00")));
    }

    #[test]
    fn what_is_not_a_moment_says_why() {
        use MomentError as E;
        let cases = [
            ("", E::Empty),
            ("   ", E::Empty),
            ("jeudi", E::NoTime),
            ("10 décembre", E::NoTime),
            ("bientôt 14h", E::Unknown("bientôt".into())),
            ("jeudi 25h", E::BadTime("25h".into())),
            ("demain 14h75", E::BadTime("14h75".into())),
            ("13 pm", E::BadTime("13".into())),
            ("31 février 10h", E::NoSuchDay),
            ("10 14h", E::NoDay),
        ];
        for (input, want) in cases {
            assert_eq!(parse_moment(input, now(), None), Err(want), "{input}");
        }
        assert_eq!(
            parse_moment("vendredi 10 décembre 14h", now(), None),
            Err(E::WrongWeekday {
                date: NaiveDate::from_ymd_opt(2026, 12, 10).unwrap(),
                weekday: Weekday::Thu
            })
        );
    }
}
