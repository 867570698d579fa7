//! How long writes take, for whoever watches the server (its metrics): the store only
//! calls the function it was given, and knows nothing of what it does with the time.

use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant};

use super::Store;

/// Told how long each write took, from asking for the writer to the end of the commit.
pub type WriteTimer = Arc<dyn Fn(Duration) + Send + Sync>;

/// The function writes are timed for, if any; every clone of a store shares it.
#[derive(Default)]
pub(super) struct Timer(RwLock<Option<WriteTimer>>);

impl Timer {
    fn get(&self) -> Option<WriteTimer> {
        self.0.read().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

/// Held through one write; tells the timer when dropped, whichever way the write ended.
pub(super) struct Timing {
    timer: Option<WriteTimer>,
    started: Instant,
}

impl Timing {
    pub(super) fn start(store: &Store) -> Timing {
        Timing { timer: store.inner.write_timer.get(), started: Instant::now() }
    }
}

impl Drop for Timing {
    fn drop(&mut self) {
        if let Some(timer) = &self.timer {
            timer(self.started.elapsed());
        }
    }
}

impl Store {
    /// Times every write of this store (and its clones) with `timer`; `None` stops.
    pub fn time_writes(&self, timer: Option<WriteTimer>) {
        *self.inner.write_timer.0.write().unwrap_or_else(PoisonError::into_inner) = timer;
    }
}
