//! What the screen tests share: the App drawn on ratatui's TestBackend as text, and keys.
#![allow(dead_code)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use cedille::ui::{self, App, Effect, Event, Key};

/// The App drawn, as ratatui's buffer holds it.
pub fn buffer(app: &App) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    t.draw(|f| ui::draw(app, f)).unwrap();
    t.backend().buffer().clone()
}

/// The cells of the drawn App holding part of what terminals draw as one glyph: half a
/// flag (one regional indicator alone), a joiner, skin tone or selector cut from its emoji.
/// Each is drawn at another width by some terminal; none may reach one.
pub fn cut_sequences(app: &App) -> Vec<String> {
    let buf = buffer(app);
    let regional = |c: char| ('\u{1F1E6}'..='\u{1F1FF}').contains(&c);
    let mut out = Vec::new();
    for (i, cell) in buf.content.iter().enumerate() {
        let symbol = cell.symbol();
        let first = symbol.chars().next().unwrap_or(' ');
        let halves = symbol.chars().filter(|&c| regional(c)).count() % 2 == 1;
        let stray = matches!(first, '\u{200d}' | '\u{fe0f}' | '\u{1F3FB}'..='\u{1F3FF}')
            || symbol.ends_with('\u{200d}');
        if halves || stray {
            let width = usize::from(buf.area.width);
            out.push(format!("{symbol:?} at column {}, row {}", i % width, i / width));
        }
    }
    out
}

/// The whole screen as text, one line per row, no-break spaces (narrow ones too) read as
/// spaces.
pub fn screen(app: &App) -> String {
    let buf = buffer(app);
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
        .replace(['\u{a0}', '\u{202f}'], " ")
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
