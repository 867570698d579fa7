//! What the handler hands a running session: the bytes the client types, in order, and its
//! window size, paced. A client may send thousands of window changes a second, and each new
//! size is a new layout and a whole new screen: the sizes of a burst replace each other, the
//! session takes one at most every [`RESIZE_PACE`], and the last one is always drawn, even
//! when the burst ends at the size the session already has (60×20 then 80×24 from 80×24:
//! the client's terminal cut its lines meanwhile, so the session draws everything again). Keys
//! typed after a resize still reach the session after it (a `G` means the end of the page
//! the member sees), waiting for the pace when a size is pending.

use std::sync::{Arc, Weak};
use std::time::Duration;

use tokio::sync::{Mutex, mpsc, watch};
use tokio::time::{Instant, sleep_until};
use tracing::Instrument;

use crate::runtime::Input;

/// How often a session takes a new window size at most.
pub const RESIZE_PACE: Duration = Duration::from_millis(100);

/// Where the handler sends a session's input. Dropping it closes the session's input, once
/// a resize being handed over has gone.
pub struct SessionInput(Arc<Inner>);

/// A size the client gave, and how many changes of size came before it: a burst that ends
/// at the size the session has is still a change.
type Given = ((u16, u16), u64);

struct Inner {
    /// The latest size the client gave.
    size: watch::Sender<Given>,
    /// The way into the session, taken by one sender at a time so that keys and sizes keep
    /// the order the client sent them in.
    out: Mutex<Out>,
}

struct Out {
    keys: mpsc::Sender<Input>,
    /// The size the session has, as given.
    drawn: Given,
    /// When the session may take its next size.
    next: Instant,
}

impl Out {
    /// Hands the session the latest size when it is not the one it has, as soon as the pace
    /// allows. `Err` when the session is gone.
    async fn catch_up(&mut self, size: &watch::Sender<Given>) -> Result<(), ()> {
        if *size.borrow() == self.drawn {
            return Ok(());
        }
        sleep_until(self.next).await;
        // Sizes that came meanwhile replaced it.
        let latest = *size.borrow();
        self.drawn = latest;
        self.next = Instant::now() + RESIZE_PACE;
        let ((cols, rows), _) = latest;
        self.keys.send(Input::Resize(cols, rows)).await.map_err(drop)
    }
}

impl SessionInput {
    /// The way into a session whose screen is `size` now; a task hands it the sizes that
    /// come later, at the pace.
    pub fn new(keys: mpsc::Sender<Input>, size: (u16, u16)) -> SessionInput {
        let (size_tx, size_rx) = watch::channel((size, 0));
        let out = Mutex::new(Out { keys, drawn: (size, 0), next: Instant::now() });
        let inner = Arc::new(Inner { size: size_tx, out });
        tokio::spawn(pace(Arc::downgrade(&inner), size_rx).in_current_span());
        SessionInput(inner)
    }

    /// Bytes the client typed, after the size it gave before them. Waiting here pushes back
    /// on a client that types faster than the UI reads.
    pub async fn bytes(&self, data: Vec<u8>) {
        let mut out = self.0.out.lock().await;
        if out.catch_up(&self.0.size).await.is_ok() {
            let _ = out.keys.send(Input::Bytes(data)).await;
        }
    }

    /// The window's new size: it replaces any size the session has not taken yet.
    pub fn resize(&self, size: (u16, u16)) {
        self.0.size.send_if_modified(|(given, changes)| {
            if *given == size {
                return false;
            }
            *given = size;
            *changes = changes.wrapping_add(1);
            true
        });
    }
}

/// Hands the session each new size, at the pace. Holds the way in only while handing one
/// over: once the handler dropped its side, the session's input closes and this ends.
async fn pace(inner: Weak<Inner>, mut size: watch::Receiver<Given>) {
    while size.changed().await.is_ok() {
        let Some(inner) = inner.upgrade() else { return };
        let mut out = inner.out.lock().await;
        if out.catch_up(&inner.size).await.is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_burst_of_sizes_is_taken_at_the_pace_the_last_one_last_and_keys_after_it() {
        let (keys, mut session) = mpsc::channel(1024);
        let input = SessionInput::new(keys, (80, 24));
        let started = Instant::now();
        for cols in 81..=1080 {
            input.resize((cols, 24));
        }
        input.bytes(b"G".to_vec()).await;
        input.resize((100, 30));
        let mut got = Vec::new();
        while got.last().is_none_or(|m| m != "100x30") {
            let msg = tokio::time::timeout(Duration::from_secs(5), session.recv()).await.unwrap().unwrap();
            got.push(match msg {
                Input::Resize(c, r) => format!("{c}x{r}"),
                Input::Bytes(b) => String::from_utf8_lossy(&b).into_owned(),
                Input::Event(_) => String::new(),
            });
        }
        // A thousand sizes, then a key: the key comes after the last size of the burst, and
        // the size given after the key comes last, a pace later.
        let key = got.iter().position(|m| m == "G").unwrap();
        assert_eq!(got[key - 1], "1080x24", "{got:?}");
        assert!(got.len() <= 4, "{got:?}");
        assert!(started.elapsed() >= RESIZE_PACE, "sizes came faster than the pace");
        // Once the handler lets go, the session's input closes.
        drop(input);
        assert!(tokio::time::timeout(Duration::from_secs(5), session.recv()).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn a_burst_that_ends_at_the_size_drawn_is_still_handed_over() {
        let (keys, mut session) = mpsc::channel(16);
        let input = SessionInput::new(keys, (80, 24));
        // Two window changes in one write: nothing runs between them.
        input.resize((60, 20));
        input.resize((80, 24));
        let msg = tokio::time::timeout(Duration::from_secs(5), session.recv()).await;
        assert!(matches!(msg, Ok(Some(Input::Resize(80, 24)))), "{msg:?}");
        // A window change to the size the session has, alone, changes nothing.
        input.resize((80, 24));
        input.bytes(b"q".to_vec()).await;
        let msg = tokio::time::timeout(Duration::from_secs(5), session.recv()).await;
        assert!(matches!(&msg, Ok(Some(Input::Bytes(b))) if b == b"q"), "{msg:?}");
    }
}
