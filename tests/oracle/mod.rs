//! The recorded sessions of the oracle, the frames they draw, and their replay into an
//! emulator beside a full redraw of each state.

#![allow(dead_code)]

pub mod tmux;

use std::num::NonZeroU16;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use cedille::term::Profile;
use cedille::term::screen::Screen;

/// What a member did, as the session received it.
#[derive(Debug, Clone)]
pub enum Step {
    /// ↓ (positive) or ↑ pressed this many times, one frame each.
    Down(i32),
    /// G: the end of the thread.
    End,
    /// g: its start.
    Home,
    /// A page down (positive) or up, one frame.
    Page(i32),
    /// A comment changed (edited, moderated) while on screen.
    Edit(usize, &'static str),
    /// The window took this size.
    Resize(u16, u16),
    /// The window went to this size and back in one burst: the session sees its own size.
    Burst(u16, u16),
}

/// A recorded session: its name, the comments of its thread, what the member did.
pub struct Recorded {
    pub name: &'static str,
    pub comments: Vec<String>,
    pub steps: Vec<Step>,
    pub size: (u16, u16),
}

/// Comments as members write them: CJK, emoji, flags, accents composed and not, ZWJ
/// sequences, skin tones, emoji presentation selectors, French typography.
const SAMPLES: &[&str] = &[
    "日本語のコメント、ありがとうございます 🙏 とても良い",
    "Merci 😀 👍 🎉 pour la réunion de jeudi à Crest",
    "Drapeaux 🇫🇷 🇮🇹 🇪🇸 au café, et 🇩🇪🇬🇧 côte à côte",
    "Cafe\u{301} cre\u{300}me a\u{300} Die, e\u{301}te\u{301} comme hiver",
    "« Télétravail » : l’équipe 👩‍💻 et la famille 👨‍👩‍👧 en visio…",
    "Cœur ❤️ et ☀️ soleil, 1️⃣ premier point",
    "Pouces 👍🏽 🙏🏿 et 中文字符测试 mélangés",
    "Une ligne française ordinaire, sans rien de spécial dedans",
    "한국어 댓글 🎉🎉🎉 fin",
    "─── séparateur ─── • ◆ ○ → ←",
];

/// A thread of `n` comments drawn from the samples.
pub fn thread(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{i:02} {}", SAMPLES[i % SAMPLES.len()])).collect()
}

/// The sessions replayed: the scroll of issue 17 (G, then ↑ twice), flags replaced by
/// narrow text, and resizes, one at a time and in bursts.
pub fn recorded() -> Vec<Recorded> {
    use Step::*;
    vec![
        Recorded {
            name: "scrolling a thread of wide characters",
            comments: thread(60),
            steps: vec![End, Down(-2), Page(-1), Down(3), Home, Down(25), Page(1), Page(1), Down(-7), End],
            size: (80, 24),
        },
        Recorded {
            name: "flags and emoji replaced by narrow text",
            comments: thread(12),
            steps: vec![
                // Each flag's first column now a letter, its second a blank.
                Edit(2, "02 Drapeaux a  b  c  au café, et d e  côte à côte"),
                Edit(2, "02 Drapeaux 🇫🇷 🇮🇹 🇪🇸 au café, et 🇩🇪🇬🇧 côte à côte"),
                Edit(2, "02 Drapeaux"),
                Edit(2, "02 Drapeaux 🇫🇷 🇮🇹 🇪🇸 au café, et 🇩🇪🇬🇧 côte à côte"),
                Edit(2, "02 Drapeaux  a  b  c au café, et  d  e côte à côte"),
                Edit(2, "02 Drapeaux 🇫🇷 🇮🇹 🇪🇸 au café, et 🇩🇪🇬🇧 côte à côte"),
                // Only the emoji change, the text after them stays.
                Edit(6, "06 Pouces 😀 😀 et 中文字符测试 mélangés"),
                Edit(6, "06 Pouces 👍🏽 🙏🏿 et 中文字符测试 mélangés"),
                Edit(4, "04 « Télétravail » : l’équipe 😀 et la famille 😀 en visio…"),
                Edit(4, "04 « Télétravail » : l’équipe 👩‍💻 et la famille 👨‍👩‍👧 en visio…"),
                Edit(5, "05 Cœur ❤ et ☀ soleil, 1 premier point"),
                Edit(5, "05 Cœur ❤️ et ☀️ soleil, 1️⃣ premier point"),
                Down(2),
                Edit(2, "Drapeaux remplacés par du texte, plus d'emoji"),
                Edit(1, "Merci   pour"),
                Edit(4, "🇫🇷🇫🇷🇫🇷🇫🇷🇫🇷🇫🇷 rien que des drapeaux"),
                Down(3),
                Edit(4, "a"),
                Edit(6, "👍🏽👍🏽 x"),
                Edit(6, "xx"),
                Edit(5, "❤️❤️❤️❤️"),
                Edit(5, "ab cd"),
                Edit(0, "日本日本日本"),
                Edit(0, "a日本日本日"),
                Down(-4),
            ],
            size: (60, 20),
        },
        Recorded {
            name: "resizes one at a time and in bursts",
            comments: thread(40),
            steps: vec![
                Down(10),
                Resize(60, 20),
                Down(2),
                Burst(80, 24),
                Down(-3),
                Resize(100, 30),
                Burst(60, 20),
                Burst(120, 40),
                Resize(61, 21),
                End,
                Resize(80, 24),
                Down(-4),
            ],
            size: (80, 24),
        },
    ]
}

/// The state of the thread's screen.
#[derive(Debug, Clone)]
pub struct Thread {
    pub comments: Vec<String>,
    pub selected: usize,
    pub top: usize,
    pub size: (u16, u16),
}

impl Thread {
    pub fn new(comments: Vec<String>, size: (u16, u16)) -> Thread {
        Thread { comments, selected: 0, top: 0, size }
    }

    /// Comments shown at once: the frame less its title, borders and status line.
    fn shown(&self) -> usize {
        usize::from(self.size.1.saturating_sub(4)).max(1)
    }

    fn select(&mut self, to: isize) {
        let last = self.comments.len().saturating_sub(1) as isize;
        self.selected = to.clamp(0, last) as usize;
        if self.selected < self.top {
            self.top = self.selected;
        }
        if self.selected >= self.top + self.shown() {
            self.top = self.selected + 1 - self.shown();
        }
    }

    /// Applies one key of `step`; returns the new size, if it changed.
    fn apply(&mut self, step: &Step) {
        match step {
            Step::Down(n) => self.select(self.selected as isize + n.signum() as isize),
            Step::End => self.select(isize::MAX / 2),
            Step::Home => self.select(0),
            Step::Page(n) => self.select(self.selected as isize + *n as isize * self.shown() as isize),
            Step::Edit(i, text) => {
                if let Some(c) = self.comments.get_mut(*i) {
                    *c = (*text).to_string();
                }
            }
            Step::Resize(w, h) => {
                self.size = (*w, *h);
                self.select(self.selected as isize);
            }
            Step::Burst(..) => {}
        }
    }

    /// The reader's shape: a title, the comments in a box, the selected one highlighted, a
    /// status line.
    pub fn draw(&self, f: &mut Frame<'_>) {
        let (w, h) = (f.area().width, f.area().height);
        f.render_widget(
            Line::styled("Cédille · Fil « Télétravail » 🇫🇷", Style::new().add_modifier(Modifier::BOLD)),
            Rect::new(0, 0, w, 1),
        );
        let lines: Vec<Line<'_>> = self
            .comments
            .iter()
            .enumerate()
            .skip(self.top)
            .take(self.shown())
            .map(|(i, c)| {
                if i == self.selected {
                    Line::styled(c.as_str(), Style::new().fg(Color::White).bg(Color::Blue))
                } else if i % 3 == 0 {
                    Line::styled(c.as_str(), Style::new().fg(Color::Cyan))
                } else {
                    Line::from(c.as_str())
                }
            })
            .collect();
        let block = Block::new().borders(Borders::ALL).title(" Commentaires ");
        f.render_widget(Paragraph::new(lines).block(block), Rect::new(0, 1, w, h.saturating_sub(2)));
        let status = format!("↑↓ défiler  g début  G fin  {}/{}", self.selected + 1, self.comments.len());
        f.render_widget(Line::from(status), Rect::new(0, h.saturating_sub(1), w, 1));
    }
}

/// What the oracle compares: for each step of a session, the incremental bytes and the
/// bytes of a full redraw of the same state on a fresh terminal, at the size of that state.
pub struct Frames {
    pub what: String,
    pub size: (u16, u16),
    pub incremental: Vec<u8>,
    pub full: Vec<u8>,
    /// The window changed before these bytes (and maybe went back).
    pub resized: Option<Vec<(u16, u16)>>,
}

/// The frames of `session` on a terminal of `profile`, step by step, as the runtime sends
/// them: a new size resizes the screen, a size that came back clears it (`runtime.rs`).
pub fn frames(session: &Recorded, profile: Profile) -> Vec<Frames> {
    let mut state = Thread::new(session.comments.clone(), session.size);
    let mut screen = Screen::for_terminal(session.size.0, session.size.1, profile);
    let mut out = Vec::new();
    let mut first = profile.enter();
    first.extend(screen.draw(|f| state.draw(f)).unwrap());
    out.push(Frames {
        what: "the first frame".into(),
        size: state.size,
        incremental: first,
        full: Vec::new(),
        resized: None,
    });
    for (n, step) in session.steps.iter().enumerate() {
        let keys = match step {
            Step::Down(k) => k.unsigned_abs() as usize,
            _ => 1,
        };
        for k in 0..keys {
            let resized = match step {
                Step::Resize(w, h) => {
                    screen.resize(*w, *h);
                    Some(vec![(*w, *h)])
                }
                Step::Burst(w, h) => {
                    screen.clear();
                    Some(vec![(*w, *h), state.size])
                }
                _ => None,
            };
            state.apply(step);
            let incremental = screen.draw(|f| state.draw(f)).unwrap();
            out.push(Frames {
                what: format!("step {n} ({step:?}), key {k}"),
                size: state.size,
                incremental,
                full: Vec::new(),
                resized,
            });
            let mut fresh = Screen::for_terminal(state.size.0, state.size.1, profile);
            let mut full = profile.enter();
            full.extend(fresh.draw(|f| state.draw(f)).unwrap());
            if let Some(last) = out.last_mut() {
                last.full = full;
            }
        }
    }
    if let Some(first) = out.first_mut() {
        first.full = first.incremental.clone();
    }
    out
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap()
}

/// A screen as `vt100` holds it, row by row: each cell's text, colours and attributes, `·`
/// for the second column of a wide character.
pub fn cells(s: &vt100::Screen) -> Vec<String> {
    let (rows, cols) = (s.size().0.get(), s.size().1.get());
    let cell = |r, c| match s.cell(r, c) {
        Some(cell) if cell.is_wide_continuation() => "·".to_string(),
        Some(cell) if cell.contents().trim().is_empty() && !cell.inverse() => {
            format!("[ {:?}]", cell.bgcolor())
        }
        Some(cell) => format!(
            "[{}{:?}{:?}{}{}]",
            cell.contents(),
            cell.fgcolor(),
            cell.bgcolor(),
            u8::from(cell.bold()),
            u8::from(cell.inverse())
        ),
        None => "?".to_string(),
    };
    (0..rows).map(|r| (0..cols).map(|c| cell(r, c)).collect()).collect()
}

fn is_border(cell: Option<&str>) -> bool {
    matches!(cell, Some("│" | "|"))
}

/// Replays `session` into `vt100` and fails at the first frame whose screen is not the
/// full redraw's.
pub fn replay_vt100(session: &Recorded, profile: Profile, terminal: &str) {
    let (w, h) = session.size;
    let mut shown = vt100::Parser::new(nz(h), nz(w), 0);
    for frame in frames(session, profile) {
        if let Some(sizes) = &frame.resized {
            for (w, h) in sizes {
                shown.screen_mut().set_size(nz(*h), nz(*w));
            }
        }
        shown.process(&frame.incremental);
        let mut fresh = vt100::Parser::new(nz(frame.size.1), nz(frame.size.0), 0);
        fresh.process(&frame.full);
        let borders = |r: u16| {
            [0, frame.size.0 - 1].map(|c| shown.screen().cell(r, c).map(|c| c.contents().to_string()))
        };
        for r in 2..frame.size.1.saturating_sub(2) {
            let [left, right] = borders(r);
            let row = shown.screen().contents().lines().nth(usize::from(r)).unwrap_or_default().to_string();
            assert!(
                is_border(left.as_deref()) && is_border(right.as_deref()),
                "{terminal}, « {} », {}: row {r} is not where the frame put it: {row:?}",
                session.name,
                frame.what
            );
        }
        let (got, want) = (cells(shown.screen()), cells(fresh.screen()));
        if let Some(r) = (0..want.len()).find(|&r| got.get(r) != want.get(r)) {
            let row = |s: &vt100::Screen| s.contents().lines().nth(r).unwrap_or_default().to_string();
            panic!(
                "{terminal}, « {} », {}: row {r} differs from a full redraw\n  got: {:?}\n want: {:?}\n  got: {:?}\n want: {:?}",
                session.name,
                frame.what,
                row(shown.screen()),
                row(fresh.screen()),
                got.get(r),
                want.get(r)
            );
        }
    }
}

/// Replays `session` into a tmux pane beside another that gets each full redraw, and fails
/// at the first frame where tmux shows them differently.
pub fn replay_tmux(tmux: &mut tmux::Tmux, session: &Recorded, profile: Profile, terminal: &str) {
    tmux.resize(session.size.0, session.size.1);
    tmux.reset();
    for frame in frames(session, profile) {
        if let Some(sizes) = &frame.resized {
            for (w, h) in sizes {
                tmux.resize(*w, *h);
            }
        }
        let (got, want, plain) = tmux.show(&frame.incremental, &frame.full);
        // Every row of the box ends with its border in the last column: a character tmux
        // draws wider or narrower than the frame measured moves it.
        let rows: Vec<&str> = plain.lines().collect();
        for r in 2..usize::from(frame.size.1.saturating_sub(2)) {
            let row = rows.get(r).copied().unwrap_or_default();
            assert!(
                is_border(row.chars().next().map(|c| c.to_string()).as_deref())
                    && is_border(row.chars().last().map(|c| c.to_string()).as_deref()),
                "{terminal}, « {} », {}: tmux does not show row {r} where the frame put it: {row:?}",
                session.name,
                frame.what
            );
        }
        if got != want {
            let r = got.lines().zip(want.lines()).position(|(a, b)| a != b).unwrap_or(0);
            panic!(
                "{terminal}, « {} », {}: tmux shows row {r} otherwise than a full redraw\n  got: {:?}\n want: {:?}",
                session.name,
                frame.what,
                got.lines().nth(r),
                want.lines().nth(r)
            );
        }
    }
}
