//! A ratatui backend that writes a remote terminal's frames into a buffer.
//!
//! crossterm's own backend asks the *server's* tty for its size and cursor: wrong over SSH.
//! This wrapper answers with the size the client reported and a cursor it tracks, and hides
//! the cursor only once, so that a frame where nothing changed produces no bytes at all.

use std::io;
use std::sync::{Arc, Mutex};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

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
        }
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.size = Size::new(cols, rows);
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
        let mut content = content.peekable();
        if content.peek().is_none() {
            return Ok(());
        }
        self.inner.draw(content)
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
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
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
