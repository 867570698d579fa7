//! What the screen tests share: the App drawn on ratatui's TestBackend as text, and keys.
#![allow(dead_code)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use cedille::ui::{self, App, Effect, Event, Key};

/// The whole screen as text, one line per row, no-break spaces read as spaces.
pub fn screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    t.draw(|f| ui::draw(app, f)).unwrap();
    let buf = t.backend().buffer().clone();
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
        .replace('\u{a0}', " ")
}

pub fn key(app: &mut App, k: Key) -> Vec<Effect> {
    app.update(Event::Key(k))
}

/// Types `text` one key at a time.
pub fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, Key::Char(c));
    }
}
