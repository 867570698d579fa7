//! Where frames are drawn: one ratatui `Terminal` per thread, not per session.
//!
//! Widgets draw into a ratatui `Buffer`, and a `Frame` only comes from a `Terminal`. Each
//! thread that draws keeps one, over a backend that writes nothing and only records where
//! the frame asked for the cursor; it takes the size of the session drawing, and the
//! session's [`Screen`] turns the finished buffer into bytes. A session drawn on another
//! thread next time finds the same blank buffer there: nothing of a frame outlives it.
//!
//! A thread holds two buffers of the largest screen it drew lately (48 bytes a cell) and the
//! frame packed (16): about 1.3 MiB at 200×60, 14 MiB at the largest window (512×256), for
//! each runtime thread and whatever the number of sessions. Buffers grown for a window much larger than the ones
//! drawn since are given back after a while ([`Scratch::fits`]).

use std::cell::{Cell as Slot, RefCell};
use std::convert::Infallible;
use std::io;
use std::rc::Rc;

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::{Frame, Terminal};

use super::cell::Packed;
use super::screen::Screen;

/// A backend that sends nothing: the size it is told, the cursor the frame asked for.
struct Null {
    size: Size,
    cursor: Rc<Slot<Option<Position>>>,
}

impl Backend for Null {
    type Error = Infallible;

    /// ratatui hands its own diff against the previous frame, which may be another
    /// session's: left unread, so it is never even computed.
    fn draw<'a, I>(&mut self, _content: I) -> Result<(), Infallible>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        Ok(())
    }

    fn hide_cursor(&mut self) -> Result<(), Infallible> {
        self.cursor.set(None);
        Ok(())
    }

    fn show_cursor(&mut self) -> Result<(), Infallible> {
        Ok(())
    }

    fn get_cursor_position(&mut self) -> Result<Position, Infallible> {
        Ok(self.cursor.get().unwrap_or(Position::ORIGIN))
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Infallible> {
        self.cursor.set(Some(position.into()));
        Ok(())
    }

    fn clear(&mut self) -> Result<(), Infallible> {
        Ok(())
    }

    fn clear_region(&mut self, _clear_type: ClearType) -> Result<(), Infallible> {
        Ok(())
    }

    fn size(&self) -> Result<Size, Infallible> {
        Ok(self.size)
    }

    fn window_size(&mut self) -> Result<WindowSize, Infallible> {
        Ok(WindowSize { columns_rows: self.size, pixels: Size::default() })
    }

    fn flush(&mut self) -> Result<(), Infallible> {
        Ok(())
    }
}

/// Buffers this large (in cells, 200×60) are kept whatever the frames drawn since.
const KEEP_CELLS: usize = 200 * 60;
/// Larger ones are given back after this many frames in a row under a quarter of them.
const SHRINK_AFTER: u32 = 1000;

/// A thread's drawing room.
struct Scratch {
    terminal: Terminal<Null>,
    cursor: Rc<Slot<Option<Position>>>,
    /// The frame packed, before it becomes the session's copy.
    packed: Vec<Packed>,
    /// False while a frame is drawn: one that panicked halfway left its cells in the
    /// buffer, and the next frame on this thread starts from a new terminal.
    clean: bool,
    /// The most cells drawn at once since this scratch was made: what its buffers hold.
    largest: usize,
    /// Frames drawn in a row since one needed more than a quarter of `largest`.
    small_frames: u32,
}

impl Scratch {
    fn new() -> Self {
        let cursor = Rc::new(Slot::new(None));
        let backend = Null { size: Size::new(80, 24), cursor: cursor.clone() };
        let terminal = match Terminal::new(backend) {
            Ok(t) => t,
            Err(never) => match never {},
        };
        Scratch { terminal, cursor, packed: Vec::new(), clean: true, largest: 0, small_frames: 0 }
    }

    /// Whether this scratch is still the right one for a frame of `cells`: not after a
    /// panic, nor when it has held buffers far too large for a long while.
    fn fits(&mut self, cells: usize) -> bool {
        if cells * 4 > self.largest {
            self.largest = self.largest.max(cells);
            self.small_frames = 0;
        } else {
            self.small_frames += 1;
        }
        self.clean && (self.largest <= KEEP_CELLS || self.small_frames < SHRINK_AFTER)
    }
}

thread_local! {
    static SCRATCH: RefCell<Option<Scratch>> = const { RefCell::new(None) };
}

/// Draws a frame for `screen` with `draw` on this thread's terminal; the bytes that show it.
pub fn draw(screen: &mut Screen, draw: impl FnOnce(&mut Frame<'_>)) -> io::Result<Vec<u8>> {
    SCRATCH
        .try_with(|slot| {
            let mut slot =
                slot.try_borrow_mut().map_err(|_| io::Error::other("a frame drawn inside a frame"))?;
            let (cols, rows) = screen.size();
            let cells = usize::from(cols) * usize::from(rows);
            if !slot.as_mut().is_some_and(|s| s.fits(cells)) {
                let mut fresh = Scratch::new();
                fresh.fits(cells);
                *slot = Some(fresh);
            }
            let scratch = slot.get_or_insert_with(Scratch::new);
            scratch.terminal.backend_mut().size = Size::new(cols, rows);
            scratch.clean = false;
            let charset = screen.charset();
            let completed = match scratch.terminal.draw(|f| {
                draw(f);
                super::emoji::settle(f.buffer_mut());
                super::charset::fit(f.buffer_mut(), charset);
            }) {
                Ok(c) => c,
                Err(never) => match never {},
            };
            let bytes = screen.update(completed.buffer, scratch.cursor.get(), &mut scratch.packed);
            scratch.clean = true;
            bytes
        })
        .map_err(|_| io::Error::other("the thread is ending"))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffers_grown_for_a_huge_window_are_given_back_after_a_while() {
        let mut s = Scratch::new();
        assert!(s.fits(512 * 256));
        for _ in 1..SHRINK_AFTER {
            assert!(s.fits(80 * 24));
        }
        assert!(!s.fits(80 * 24), "kept too long");
        // A window as large as the operator's usual cap is kept.
        let mut s = Scratch::new();
        assert!(s.fits(200 * 60));
        for _ in 0..2 * SHRINK_AFTER {
            assert!(s.fits(80 * 24));
        }
        // Frames of comparable sizes keep the buffers.
        let mut s = Scratch::new();
        for n in 0..2 * SHRINK_AFTER {
            assert!(s.fits(if n % 2 == 0 { 512 * 256 } else { 300 * 200 }));
        }
    }
}
