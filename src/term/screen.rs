//! What a client's screen shows, kept once per session, and the bytes that bring it to the
//! next frame.
//!
//! A session used to hold a ratatui `Terminal` (two full buffers of 48-byte cells) and a
//! third copy for scrolling: some 270 KiB at 80×24, the largest part of a session's memory.
//! Now frames are drawn into one scratch terminal per thread ([`super::scratch`]) and each
//! session keeps only this: one packed copy of what its client shows (16 bytes a cell,
//! [`Packed`]), the long symbols on it, and where its cursor is.
//!
//! The cells sent are the ones ratatui's own `Buffer::diff` would send: the columns after
//! a wide character are passed over, the trailing columns rewritten when a wide character
//! with VS16 is drawn or a narrow one replaces a styled wide one, skipped cells never
//! written. The 16 named colours go out as SGR 30–37/90–97 ([`super::sgr`]), which
//! terminals of 8 or 16 colours read. A frame where nothing changed sends nothing at all,
//! the cursor included. When a band of rows only moved, the terminal scrolls it itself
//! ([`scroll`]).

use std::io;

use ratatui::Frame;
use ratatui::backend::{Backend, ClearType, CrosstermBackend};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::Position;

use super::Profile;
use super::caps::Scroll;
use super::cell::{Packed, Symbols, cell_width, is_skip};
use super::charset::Charset;
use super::scroll;

/// The client's cursor, as far as the bytes sent tell: `None` where they do not (cells were
/// written since, or another program had the terminal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cursor {
    shown: Option<bool>,
    at: Option<Position>,
}

/// One client's screen: its size, what it shows, its cursor.
#[derive(Debug)]
pub struct Screen {
    width: u16,
    height: u16,
    /// Row by row, what the client shows as far as this screen wrote it.
    cells: Vec<Packed>,
    symbols: Symbols,
    /// The client's screen is cleared before the next frame (a new size, another program
    /// had it), and the frame then drawn whole.
    clear: bool,
    cursor: Cursor,
    /// The client's terminal: how it scrolls, which characters it shows.
    profile: Profile,
}

impl Screen {
    /// A client that just received `modes::ENTER`: a blank screen, the cursor hidden at home.
    pub fn new(cols: u16, rows: u16) -> Self {
        Screen::for_terminal(cols, rows, Profile::default())
    }

    /// The same, for a terminal of `profile` that just received [`Profile::enter`].
    pub fn for_terminal(cols: u16, rows: u16, profile: Profile) -> Self {
        Screen {
            width: cols,
            height: rows,
            cells: vec![Packed::BLANK; usize::from(cols) * usize::from(rows)],
            symbols: Symbols::default(),
            clear: false,
            cursor: Cursor { shown: Some(false), at: Some(Position::ORIGIN) },
            profile,
        }
    }

    /// The characters the client's terminal shows: frames are made to fit before they
    /// reach [`Self::update`].
    pub(super) fn charset(&self) -> Charset {
        self.profile.charset
    }

    /// The member chose other characters mid-session: everything is drawn again in them.
    pub fn set_charset(&mut self, charset: Charset) {
        if charset != self.profile.charset {
            self.profile.charset = charset;
            self.clear();
        }
    }

    /// Columns and rows.
    pub fn size(&self) -> (u16, u16) {
        (self.width, self.height)
    }

    /// The client's window has a new size: its screen is cleared and the next frame drawn
    /// whole, as ratatui does (a terminal may have wrapped or cut the old lines anywhere).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        if (cols, rows) == self.size() {
            return;
        }
        self.width = cols;
        self.height = rows;
        self.cells = vec![Packed::BLANK; usize::from(cols) * usize::from(rows)];
        self.clear = true;
        self.cursor.at = None;
    }

    /// Another program had the terminal (the console's editor): the next frame clears it
    /// and draws everything again, the cursor included.
    pub fn clear(&mut self) {
        self.cells.fill(Packed::BLANK);
        self.clear = true;
        self.cursor = Cursor { shown: None, at: None };
    }

    /// Draws a frame with `draw` and returns the bytes that show it on the client.
    pub fn draw(&mut self, draw: impl FnOnce(&mut Frame<'_>)) -> io::Result<Vec<u8>> {
        super::scratch::draw(self, draw)
    }

    /// Bytes held by this screen on the heap, beside the struct itself.
    pub fn heap_bytes(&self) -> usize {
        self.cells.capacity() * std::mem::size_of::<Packed>() + self.symbols.heap_bytes()
    }

    /// The bytes that turn what the client shows into `frame`, with the cursor at `cursor`
    /// (hidden when `None`). `next` is scratch room for the packed frame.
    pub(super) fn update(
        &mut self,
        frame: &Buffer,
        cursor: Option<Position>,
        next: &mut Vec<Packed>,
    ) -> io::Result<Vec<u8>> {
        let area = frame.area;
        if (area.width, area.height) != self.size() {
            self.resize(area.width, area.height);
        }
        let mut out = Vec::new();
        let cleared = std::mem::take(&mut self.clear);
        if cleared {
            CrosstermBackend::new(&mut out).clear_region(ClearType::All)?;
            self.cursor.at = None;
        }
        next.clear();
        next.extend(frame.content.iter().map(|c| self.symbols.pack(c)));
        let width = usize::from(area.width);
        let how = self.profile.caps.scroll;
        if !cleared
            && how != Scroll::Redraw
            && let Some(shift) = scroll::find_shift(&self.cells, next, width)
            && let Some(sequence) = shift.sequence(how)
        {
            out.extend_from_slice(sequence.as_bytes());
            scroll::apply_shift(&mut self.cells, width, shift);
            self.cursor.at = None;
        }
        let changes = self.changes(next, &frame.content);
        if !changes.is_empty() {
            let at = |i: usize| {
                let (x, y) = (i % width, i / width);
                (area.x + x as u16, area.y + y as u16)
            };
            let cells = changes.iter().filter_map(|&i| frame.content.get(i).map(|c| (at(i), c)));
            let mut drawn = Vec::new();
            CrosstermBackend::new(&mut drawn).draw(cells.map(|((x, y), c)| (x, y, c)))?;
            out.extend_from_slice(&super::sgr::plain_colors(&drawn));
            self.cursor.at = None;
        }
        if self.cells.len() == next.len() {
            self.cells.copy_from_slice(next);
        } else {
            self.cells = next.clone();
        }
        self.symbols.compact(&mut self.cells);
        self.write_cursor(cursor, &mut out)?;
        Ok(self.profile.charset.encode(out))
    }

    /// The cells of `frame` (packed: `next`) to send over what the client shows, in the
    /// order and by the rules of ratatui's `Buffer::diff`, and the columns of wide
    /// characters the client shows that those cut in two ([`Self::cut_halves`]).
    fn changes(&self, next: &[Packed], frame: &[Cell]) -> Vec<usize> {
        let old = &self.cells;
        let len = old.len().min(next.len()).min(frame.len());
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < len {
            let i = pos;
            pos += 1;
            let cell = &frame[i];
            if is_skip(cell) {
                continue;
            }
            if let CellDiffOption::ForcedWidth(w) = cell.diff_option {
                pos = pos.saturating_add(usize::from(w.get()) - 1);
                if next[i] != old[i] {
                    out.push(i);
                }
                continue;
            }
            let width = cell_width(cell);
            if cell.diff_option == CellDiffOption::None && next[i] == old[i] {
                // Equal cells still cover their columns.
                pos += width.saturating_sub(1);
                continue;
            }
            out.push(i);
            if width > 1 && cell.symbol().contains('\u{FE0F}') {
                // Some terminals leave the trailing column of a VS16 emoji as it was.
                pos = self.trailing(next, frame, (i + 1, (i + width).min(len)), false, &mut out);
            } else if width > 1 {
                pos += width - 1;
            } else if self.symbols.width(old[i]) > width && old[i].visible_on_blank() {
                // The wide character replaced had a style that shows on blank columns.
                pos = self.trailing(
                    next,
                    frame,
                    (i + 1, (i + self.symbols.width(old[i])).min(len)),
                    true,
                    &mut out,
                );
            }
        }
        self.cut_halves(frame, &mut out);
        out
    }

    /// Adds to `out` the columns of wide characters the client shows that the cells in
    /// `out` cut in two. A terminal writing over one column of a wide character blanks the
    /// others itself, with whatever colours it is drawing in: ratatui's diff counts on
    /// them being blank already and sends nothing there, leaving a coloured blot when the
    /// selection moves over emoji. Each one is written again, as the frame has it.
    fn cut_halves(&self, frame: &[Cell], out: &mut Vec<usize>) {
        if out.is_empty() {
            return;
        }
        let len = self.cells.len().min(frame.len());
        let mut written = vec![false; len];
        let cover = |written: &mut Vec<bool>, i: usize| {
            let end = (i + cell_width(&frame[i]).max(1)).min(len);
            written[i..end].fill(true);
            end
        };
        let mut todo: Vec<usize> = out.clone();
        for &i in out.iter() {
            cover(&mut written, i);
        }
        let before = out.len();
        while let Some(i) = todo.pop() {
            let end = (i + cell_width(&frame[i]).max(1)).min(len);
            // A wide character the client shows from the column before or from one of these.
            for start in i.saturating_sub(1)..end {
                let width = self.symbols.width(self.cells[start]);
                if width < 2 {
                    continue;
                }
                for column in start..(start + width).min(len) {
                    if !written[column] && !is_skip(&frame[column]) {
                        cover(&mut written, column);
                        out.push(column);
                        todo.push(column);
                    }
                }
            }
        }
        if out.len() > before {
            out.sort_unstable();
        }
    }

    /// The trailing columns `from..end` of a wide character: each one sent when `force`, or
    /// when its symbol changed. Returns where the diff goes on.
    fn trailing(
        &self,
        next: &[Packed],
        frame: &[Cell],
        (from, mut end): (usize, usize),
        force: bool,
        out: &mut Vec<usize>,
    ) -> usize {
        let len = self.cells.len().min(next.len()).min(frame.len());
        let mut j = from;
        while j < end {
            let k = j;
            // A wide cell here covers its own trailing column too.
            j += cell_width(&frame[k]).max(1);
            end = end.max(j).min(len);
            if !is_skip(&frame[k]) && (force || !self.cells[k].same_symbol(next[k])) {
                out.push(k);
            }
        }
        end
    }

    /// Shows the cursor at `want` or hides it, sending only what differs from the client's.
    fn write_cursor(&mut self, want: Option<Position>, out: &mut Vec<u8>) -> io::Result<()> {
        let mut term = CrosstermBackend::new(out);
        match want {
            None => {
                if self.cursor.shown != Some(false) {
                    term.hide_cursor()?;
                    self.cursor.shown = Some(false);
                }
            }
            Some(p) => {
                if self.cursor.at != Some(p) {
                    term.set_cursor_position(p)?;
                    self.cursor.at = Some(p);
                }
                if self.cursor.shown != Some(true) {
                    term.show_cursor()?;
                    self.cursor.shown = Some(true);
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "screen_tests.rs"]
mod tests;
