//! When the words on screen next change with the clock alone. A session sleeps until then:
//! ten thousand members reading an old article or the list cost no wake-up at all, and a
//! reader under a fresh comment is woken when « il y a 4 min » becomes « il y a 5 min ».

use chrono::{DateTime, Duration, DurationRound, Utc};

use super::{App, Loading, SpacesMode, View};
use crate::i18n::Lang;

impl App {
    /// The next time a string this screen shows changes by itself; `None`: never.
    pub fn next_tick(&self) -> Option<DateTime<Utc>> {
        match self.view {
            // Dates there are written out: they change only when the data does.
            View::List | View::Profile | View::Member => None,
            View::Reader => self.reader_changes(),
            // Opening hours said against « now ».
            View::Spaces => (self.spaces.mode == SpacesMode::Detail).then(|| next_minute(self.now)),
            // Ages of messages, reports and members' last visits, said relatively.
            View::Agenda | View::Network | View::Admin(_) => Some(next_minute(self.now)),
        }
    }

    /// The article's byline (its age for a week) and the comments in view.
    fn reader_changes(&self) -> Option<DateTime<Utc>> {
        let Loading::Ready(article) = &self.reader.article else { return None };
        let mut next = Lang::relative_changes(article.summary.published_at, self.now);
        if let Loading::Ready(list) = &self.reader.comments {
            let top = self.reader.comments_top();
            let from = self.reader.scroll.saturating_sub(top);
            let to = (self.reader.scroll + self.reader_rows()).saturating_sub(top);
            for c in self.reader.laid.comments_in(from, to).filter_map(|i| list.get(i)) {
                let at = Lang::relative_changes(c.created_at, self.now);
                next = match (next, at) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
            }
        }
        next
    }

    /// Whether the article's byline says something else at `now` than at `before`.
    pub(super) fn byline_changed(&self, before: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        match &self.reader.article {
            Loading::Ready(a) => {
                Lang::relative_changes(a.summary.published_at, before).is_some_and(|t| t <= now)
            }
            _ => false,
        }
    }
}

/// The start of the next minute.
fn next_minute(now: DateTime<Utc>) -> DateTime<Utc> {
    now.duration_trunc(Duration::minutes(1)).unwrap_or(now) + Duration::minutes(1)
}
