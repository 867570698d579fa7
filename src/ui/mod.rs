//! The application a member uses: state, transitions and drawing. No socket, file, SQL or
//! clock here: events come in (keys, sizes, query results), effects go out as data, and
//! [`draw`] paints the state. The same App runs over SSH, on a local terminal and in tests.

mod app;
pub mod colors;
mod event;

pub mod layout;
pub mod line;
pub mod screens;
pub mod theme;
pub mod widgets;

pub use app::{
    AdminError, AdminOp, AdminResult, AgendaOp, AgendaResult, App, BulletinOp, BulletinResult, CatchUpView,
    Changed, Confirm, Detail, Doc, Editor, Focus, FollowOp, FollowResult, Intent, Loading, MapView, Modal,
    NetOp, NetResult, ProfileOp, ProfileResult, Prompt, PromptKind, Reader, Section, Share, SpacesMode,
    SpacesOp, SpacesResult, Target, View,
};
pub use app::{Field, FieldKind, Form, OFFERS_MAX, Offer, Purpose};
pub use event::{Effect, Event, Key};

use ratatui::Frame;

/// The smallest window the screens are laid out for; below, one screen asks to enlarge.
pub const MIN_COLS: u16 = 60;
pub const MIN_ROWS: u16 = 20;

/// Paints the whole screen from the state.
pub fn draw(app: &App, frame: &mut Frame<'_>) {
    let area = frame.area();
    if area.width < MIN_COLS || area.height < MIN_ROWS {
        screens::too_small::draw(app, frame, area);
        return;
    }
    let [top, body, status] = ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Length(1),
        ratatui::layout::Constraint::Fill(1),
        ratatui::layout::Constraint::Length(1),
    ])
    .areas(area);
    widgets::topbar::draw(app, frame, top);
    match app.view {
        View::List => screens::bulletin::draw(app, frame, body),
        View::Reader => screens::reader::draw(app, frame, body),
        View::Profile => screens::profile::draw(app, frame, body),
        View::Spaces => screens::spaces::draw(app, frame, body),
        View::Network => screens::network::draw(app, frame, body),
        View::Admin(section) => screens::admin::draw(app, frame, body, section),
        View::Agenda => screens::agenda::draw(app, frame, body),
        View::Member => screens::member::draw(app, frame, body),
    }
    widgets::status::draw(app, frame, status);
    screens::modal::draw(app, frame, body);
    if app.help {
        screens::help::draw(app, frame, body);
    }
}
