//! Opening hours as a search evaluates them: each distinct expression parsed once, and each
//! answer (open or not, at a minute) remembered, so that a search on every keystroke with
//! « ouvert maintenant » on costs one evaluation per expression and minute.

use std::collections::HashMap;

use chrono::{NaiveDateTime, Timelike};

use crate::domain::hours::Hours;

/// Parsed expressions by text; `None` for text that does not parse (written by hand in the
/// database, or by an older version). Bounded: cleared when full, it refills on use.
///
/// Also the answers already given: open or not (`None`: unknown) by minute and expression.
/// An answer never changes (it depends on the text and the minute only), and a person who
/// types with « ouvert maintenant » on asks the same minute at every keystroke: only the
/// first search of a minute evaluates the expressions of thousands of spaces.
#[derive(Default)]
pub(super) struct HoursCache {
    parsed: HashMap<String, Option<Hours>>,
    answers: HashMap<NaiveDateTime, HashMap<String, Option<bool>>>,
}

const HOURS_CACHE_MAX: usize = 20_000;
/// Minutes whose answers are kept (now, and a few « ouvert le … à … »).
const ANSWERED_MINUTES_MAX: usize = 8;

impl HoursCache {
    pub(super) fn get(&mut self, text: &str) -> Option<&Hours> {
        if !self.parsed.contains_key(text) {
            if self.parsed.len() >= HOURS_CACHE_MAX {
                self.parsed.clear();
            }
            self.parsed.insert(text.to_string(), Hours::parse(text).ok());
        }
        self.parsed.get(text).and_then(Option::as_ref)
    }

    /// Whether `text` says open at `at` (seconds ignored); `None` when it does not parse.
    pub(super) fn is_open(&mut self, text: &str, at: NaiveDateTime) -> Option<bool> {
        let minute = at.with_second(0).and_then(|t| t.with_nanosecond(0)).unwrap_or(at);
        if let Some(v) = self.answers.get(&minute).and_then(|m| m.get(text)) {
            return *v;
        }
        let v = self.get(text).map(|h| h.is_open(minute));
        if !self.answers.contains_key(&minute) && self.answers.len() >= ANSWERED_MINUTES_MAX {
            self.answers.clear();
        }
        let answers = self.answers.entry(minute).or_default();
        if answers.len() >= HOURS_CACHE_MAX {
            answers.clear();
        }
        answers.insert(text.to_string(), v);
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_hours_answers_are_the_hours_answers() {
        let mut cache = HoursCache::default();
        let texts = ["Mo-Fr 08:30-18:00", "Tu,Th 09:00-17:00", "Mo-Su 00:00-24:00", "Mo-Fr 8h-18h"];
        for at in [
            "2026-12-01 08:29",
            "2026-12-01 08:30",
            "2026-12-01 17:59",
            "2026-12-01 18:00",
            "2026-12-06 10:00",
        ] {
            let at = chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M").unwrap();
            for t in texts {
                let direct = Hours::parse(t).ok().map(|h| h.is_open(at));
                assert_eq!(cache.is_open(t, at), direct, "{t} {at}");
                // Again, from memory, and seconds later in the same minute.
                assert_eq!(cache.is_open(t, at), direct, "{t} {at}");
                assert_eq!(cache.is_open(t, at + chrono::Duration::seconds(59)), direct, "{t} {at}");
            }
        }
        // Bounded: old minutes are forgotten.
        for m in 0..20 {
            cache.is_open(
                texts[0],
                chrono::NaiveDateTime::parse_from_str("2026-12-01 10:00", "%Y-%m-%d %H:%M").unwrap()
                    + chrono::Duration::minutes(m),
            );
        }
        assert!(cache.answers.len() <= ANSWERED_MINUTES_MAX);
    }
}
