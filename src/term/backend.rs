//! A ratatui backend that writes a remote terminal's frames into a buffer.
//!
//! crossterm's own backend asks the *server's* tty for its size and cursor: wrong over SSH.
//! This wrapper answers with the size the client reported and a cursor it tracks, and hides
//! the cursor only once, so that a frame where nothing changed produces no bytes at all.
//!
//! It also keeps a copy of what the client's screen shows. When a new frame is mostly the
//! old one moved up or down (scrolling an article), it asks the terminal to scroll that band
//! itself (a scroll region, then `SU`/`SD`) and sends only the cells that still differ:
//! ratatui alone would rewrite every moved line, most of a frame for one line of scroll.

use std::io;
use std::sync::{Arc, Mutex};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};

/// The largest move looked for, in rows: a page of scroll at most on common terminals.
const MAX_SHIFT: usize = 12;
/// Fewer rows than this moving together are cheaper to rewrite than to scroll.
const MIN_RUN: usize = 3;

/// The frame bytes, shared between the crossterm backend that writes them and the session
/// that takes them. Only the session's own task touches it, so the lock is never contended.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.lock().map_err(|_| io::Error::other("poisoned"))?.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

pub struct BufferBackend {
    inner: CrosstermBackend<Sink>,
    sink: Sink,
    size: Size,
    cursor: Position,
    cursor_hidden: bool,
    /// What the client's screen shows, as far as this backend wrote it.
    shown: Buffer,
    /// False after a partial clear this backend does not follow: no scrolling then, until
    /// the next full clear makes the copy true again.
    shown_known: bool,
}

/// A band of rows to scroll: rows `top..bottom` (0-based, end excluded), by `by` rows,
/// up (content moves up, as when reading on) or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shift {
    top: usize,
    bottom: usize,
    by: usize,
    up: bool,
}

fn row(b: &Buffer, r: usize) -> &[Cell] {
    let w = usize::from(b.area.width);
    &b.content[r * w..(r + 1) * w]
}

/// The move that turns the most rows of `old` into rows of `new`, if it is worth it.
fn find_shift(old: &Buffer, new: &Buffer) -> Option<Shift> {
    if old.area != new.area {
        return None;
    }
    let rows = usize::from(new.area.height);
    // Only rows that changed can have moved: a selection that moved changes two or three.
    let changed: Vec<bool> = (0..rows).map(|r| row(new, r) != row(old, r)).collect();
    if changed.iter().filter(|c| **c).count() < MIN_RUN {
        return None;
    }
    let mut best: Option<(usize, Shift)> = None;
    for by in 1..=MAX_SHIFT.min(rows.saturating_sub(1)) {
        for up in [true, false] {
            // The longest run of rows `r` of `new` equal to the old row `by` below (up) or
            // above (down), and not already equal to the old row at the same place.
            let mut r = 0;
            while r < rows {
                let from = |r: usize| if up { r + by } else { r.wrapping_sub(by) };
                let matches = |r: usize| changed[r] && from(r) < rows && row(new, r) == row(old, from(r));
                if !matches(r) {
                    r += 1;
                    continue;
                }
                let start = r;
                while r < rows && matches(r) {
                    r += 1;
                }
                let run = r - start;
                let shift = if up {
                    Shift { top: start, bottom: r + by, by, up }
                } else {
                    Shift { top: start - by, bottom: r, by, up }
                };
                if run >= MIN_RUN && best.is_none_or(|(n, _)| run > n) {
                    best = Some((run, shift));
                }
            }
        }
    }
    best.map(|(_, s)| s)
}

/// `buf` as the terminal shows it after scrolling `s`: rows moved, new rows blank.
fn apply_shift(buf: &mut Buffer, s: Shift) {
    let w = usize::from(buf.area.width);
    let band = &mut buf.content[s.top * w..s.bottom * w];
    if s.up {
        band.rotate_left(s.by * w);
        let len = band.len();
        band[len - s.by * w..].iter_mut().for_each(|c| *c = Cell::default());
    } else {
        band.rotate_right(s.by * w);
        band[..s.by * w].iter_mut().for_each(|c| *c = Cell::default());
    }
}

impl BufferBackend {
    pub fn new(cols: u16, rows: u16) -> Self {
        let sink = Sink::default();
        BufferBackend {
            inner: CrosstermBackend::new(sink.clone()),
            sink,
            size: Size::new(cols, rows),
            cursor: Position::ORIGIN,
            // The enter sequence hides it.
            cursor_hidden: true,
            // The enter sequence switches to the alternate screen, blank.
            shown: Buffer::empty(Rect::new(0, 0, cols, rows)),
            shown_known: true,
        }
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.size = Size::new(cols, rows);
        // ratatui clears the whole screen on a new size before it draws again.
        self.shown = Buffer::empty(Rect::new(0, 0, cols, rows));
        self.shown_known = false;
    }

    /// The bytes written since the last call.
    pub fn take(&mut self) -> Vec<u8> {
        // crossterm buffers nothing itself once flushed; flush so every byte is in the sink.
        let _ = io::Write::flush(&mut self.inner);
        self.sink.0.lock().map(|mut b| std::mem::take(&mut *b)).unwrap_or_default()
    }
}

impl Backend for BufferBackend {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        // crossterm's backend resets colours after every draw, even an empty one: with no
        // changed cell, write nothing at all.
        let updates: Vec<(u16, u16, &Cell)> = content.collect();
        if updates.is_empty() {
            return Ok(());
        }
        let mut next = self.shown.clone();
        for &(x, y, cell) in &updates {
            if x < next.area.width && y < next.area.height {
                next[(x, y)] = cell.clone();
            }
        }
        let shift = if self.shown_known { find_shift(&self.shown, &next) } else { None };
        let result = match shift {
            Some(s) => {
                // Colours reset first: the lines the terminal opens take the current background.
                let scroll = format!(
                    "\x1b[0m\x1b[{};{}r\x1b[{}{}\x1b[r",
                    s.top + 1,
                    s.bottom,
                    s.by,
                    if s.up { 'S' } else { 'T' }
                );
                io::Write::write_all(&mut self.inner, scroll.as_bytes())?;
                apply_shift(&mut self.shown, s);
                let rest = self.shown.diff(&next);
                if rest.is_empty() { Ok(()) } else { self.inner.draw(rest.into_iter()) }
            }
            None => self.inner.draw(updates.into_iter()),
        };
        self.shown = next;
        result
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if !self.cursor_hidden {
            self.cursor_hidden = true;
            self.inner.hide_cursor()?;
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_hidden {
            self.cursor_hidden = false;
            self.inner.show_cursor()?;
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        self.cursor = p;
        self.inner.set_cursor_position(p)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.shown = Buffer::empty(Rect::new(0, 0, self.size.width, self.size.height));
        self.shown_known = true;
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        if clear_type == ClearType::All {
            self.shown = Buffer::empty(Rect::new(0, 0, self.size.width, self.size.height));
            self.shown_known = true;
        } else {
            self.shown_known = false;
        }
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        Ok(self.size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize { columns_rows: self.size, pixels: Size::default() })
    }

    fn flush(&mut self) -> io::Result<()> {
        // Bytes stay in the buffer until the session takes them.
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::style::{Color, Style};
    use ratatui::text::Line;
    use ratatui::widgets::{Block, Borders, Paragraph};

    use super::*;

    const COLS: u16 = 80;
    const ROWS: u16 = 24;

    /// A page of numbered lines from `from`, in a bordered box under a title line, with a
    /// status line: the shape of the reader.
    fn page(f: &mut ratatui::Frame<'_>, from: usize) {
        let lines: Vec<Line<'_>> = (from..from + 40)
            .map(|n| {
                Line::styled(
                    format!("ligne {n} : le télétravail dans la vallée"),
                    Style::new().fg(Color::Cyan),
                )
            })
            .collect();
        f.render_widget(Line::from("Cédille — lecture"), Rect::new(0, 0, COLS, 1));
        f.render_widget(
            Paragraph::new(lines).block(Block::new().borders(Borders::LEFT | Borders::RIGHT)),
            Rect::new(0, 1, COLS, ROWS - 2),
        );
        f.render_widget(Line::from(format!("ligne {from}")), Rect::new(0, ROWS - 1, COLS, 1));
    }

    fn screen_of(bytes: &[u8]) -> vt100::Parser {
        let mut p = vt100::Parser::new(
            std::num::NonZeroU16::new(ROWS).unwrap(),
            std::num::NonZeroU16::new(COLS).unwrap(),
            0,
        );
        p.process(bytes);
        p
    }

    #[test]
    fn a_scrolled_frame_is_sent_as_a_scroll_and_shows_the_same_screen() {
        let mut term = Terminal::new(BufferBackend::new(COLS, ROWS)).unwrap();
        term.draw(|f| page(f, 0)).unwrap();
        let mut sent = term.backend_mut().take();
        let full = sent.len();
        for (from, last) in [(1, false), (2, false), (5, false), (4, false), (0, true)] {
            term.draw(|f| page(f, from)).unwrap();
            let step = term.backend_mut().take();
            if !last {
                assert!(step.len() * 4 < full, "scrolling to {from} took {} bytes of {full}", step.len());
            }
            sent.extend_from_slice(&step);
            // The client's screen equals a screen drawn from scratch.
            let mut fresh = Terminal::new(BufferBackend::new(COLS, ROWS)).unwrap();
            fresh.draw(|f| page(f, from)).unwrap();
            let expected = screen_of(&fresh.backend_mut().take());
            let got = screen_of(&sent);
            assert_eq!(
                got.screen().contents_formatted(),
                expected.screen().contents_formatted(),
                "at {from}"
            );
        }
    }

    #[test]
    fn a_frame_that_did_not_move_is_not_scrolled() {
        let mut term = Terminal::new(BufferBackend::new(COLS, ROWS)).unwrap();
        term.draw(|f| page(f, 0)).unwrap();
        term.backend_mut().take();
        term.draw(|f| {
            page(f, 0);
            f.render_widget(Line::from("autre statut"), Rect::new(0, ROWS - 1, COLS, 1));
        })
        .unwrap();
        let step = String::from_utf8(term.backend_mut().take()).unwrap();
        assert!(!step.contains("\x1b[r"), "a scroll region for a changed status line: {step:?}");
        assert!(step.contains("statut"), "{step:?}");
    }
}
