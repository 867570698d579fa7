//! What a session runs: the full-screen App drawn through `term::screen`, or line mode's
//! plain lines. Both take the same events and ask for the same effects; only the way their
//! state reaches the client differs, and that is decided here, once, at the start.

use chrono::{DateTime, Utc};

use crate::domain::Identity;
use crate::domain::member::CharsetChoice;
use crate::i18n::Lang;
use crate::ui::line::Line;
use crate::ui::{App, Effect, Event};

pub enum Front {
    Screen(Box<App>),
    Line(Box<Line>),
}

impl From<App> for Front {
    fn from(app: App) -> Front {
        Front::Screen(Box::new(app))
    }
}

impl From<Line> for Front {
    fn from(line: Line) -> Front {
        Front::Line(Box::new(line))
    }
}

impl Front {
    pub fn update(&mut self, event: Event) -> Vec<Effect> {
        match self {
            Front::Screen(app) => app.update(event),
            Front::Line(line) => line.update(event),
        }
    }

    pub fn identity(&self) -> &Identity {
        match self {
            Front::Screen(app) => &app.identity,
            Front::Line(line) => &line.identity,
        }
    }

    pub fn lang(&self) -> Lang {
        match self {
            Front::Screen(app) => app.lang,
            Front::Line(line) => line.lang,
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Front::Screen(app) => app.now,
            Front::Line(line) => line.now,
        }
    }

    pub fn size(&self) -> (u16, u16) {
        match self {
            Front::Screen(app) => app.size,
            Front::Line(line) => line.size,
        }
    }

    pub fn next_tick(&self) -> Option<DateTime<Utc>> {
        match self {
            Front::Screen(app) => app.next_tick(),
            Front::Line(line) => line.next_tick(),
        }
    }

    pub fn wants_quit(&self) -> bool {
        match self {
            Front::Screen(app) => app.wants_quit(),
            Front::Line(line) => line.wants_quit(),
        }
    }

    pub fn farewell(&self) -> Option<String> {
        match self {
            Front::Screen(app) => app.farewell.clone(),
            Front::Line(line) => line.farewell.clone(),
        }
    }

    /// The editor counts to the limit the store enforces.
    pub fn set_comment_limit(&mut self, limit: usize) {
        match self {
            Front::Screen(app) => app.comment_limit = limit,
            Front::Line(line) => line.comment_limit = limit,
        }
    }

    /// The screen the full-screen App is on, for the session's counts.
    pub fn view(&self) -> Option<crate::ui::View> {
        match self {
            Front::Screen(app) => Some(app.view),
            Front::Line(_) => None,
        }
    }

    /// The characters the member chose, once their profile is known to the session.
    pub fn charset_choice(&self) -> Option<CharsetChoice> {
        match self {
            Front::Screen(app) => app.charset_choice(),
            Front::Line(line) => line.charset_choice(),
        }
    }

    pub fn is_line(&self) -> bool {
        matches!(self, Front::Line(_))
    }
}
