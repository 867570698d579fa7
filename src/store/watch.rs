//! Change notices: "the database changed, look again", for screens that show live data.
//!
//! Writes come from this process and from others (the admin console, scripted imports), so
//! the notice cannot come from our own write path. SQLite tells, through
//! `PRAGMA data_version`, whether *other* connections committed since the asking connection
//! last looked; a thread with its own connection asks every [`POLL`] and broadcasts when the
//! answer changes. Our writer is another connection too, so our own commits are seen.

use std::sync::{Arc, Weak};
use std::time::Duration;

use tokio::sync::broadcast;

use super::{Inner, Store, connect};

/// How often the poller asks: fast enough to feel live, cheap enough to be free.
const POLL: Duration = Duration::from_millis(250);

/// Notices are "look again", so a slow receiver that misses some loses nothing.
const CAPACITY: usize = 16;

impl Store {
    /// A receiver that gets `()` soon after any commit to the database file, by this process
    /// or another. The polling thread starts on the first call and stops once every clone of
    /// this `Store` is dropped.
    pub fn subscribe(&self) -> broadcast::Receiver<()> {
        let mut slot = match self.inner.watch.lock() {
            Ok(slot) => slot,
            // A poisoned slot only means another thread panicked while starting the poller:
            // its content is still a valid Option.
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(tx) = slot.as_ref() {
            return tx.subscribe();
        }
        let (tx, rx) = broadcast::channel(CAPACITY);
        start_poller(Arc::downgrade(&self.inner), tx.clone());
        *slot = Some(tx);
        rx
    }
}

/// Opens the poller's connection and reads the starting version here, before `subscribe`
/// returns, so that a commit made right after subscribing is never taken as the baseline.
fn start_poller(inner: Weak<Inner>, tx: broadcast::Sender<()>) {
    let Some((path, options)) = inner.upgrade().map(|i| (i.path.clone(), i.options.clone())) else {
        return;
    };
    let conn = match connect(&path, &options) {
        Ok(c) => c,
        Err(e) => {
            tracing::error!("change notices disabled: {e}");
            return;
        }
    };
    let mut last = data_version(&conn);
    let spawned = std::thread::Builder::new().name("cedille-watch".into()).spawn(move || {
        // Holding only a Weak: the poller must not keep the store alive.
        while inner.strong_count() > 0 {
            std::thread::sleep(POLL);
            let now = data_version(&conn);
            if now.is_some() && now != last {
                last = now;
                // No receiver is not an error: nobody is looking right now.
                let _ = tx.send(());
            }
        }
    });
    if let Err(e) = spawned {
        tracing::error!("change notices disabled: cannot start the thread: {e}");
    }
}

fn data_version(c: &rusqlite::Connection) -> Option<i64> {
    c.query_row("PRAGMA data_version", [], |r| r.get(0)).ok()
}

#[cfg(test)]
mod tests {
    use tokio::time::timeout;

    use super::*;

    const DEADLINE: Duration = Duration::from_secs(2);

    #[tokio::test]
    async fn commits_from_this_store_and_from_another_are_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let (store, _) = Store::open(&path).unwrap();
        let mut rx = store.subscribe();
        let mut rx2 = store.subscribe();

        let owner = store.users().for_key("SHA256:w", "ssh-ed25519").unwrap();
        timeout(DEADLINE, rx.recv()).await.expect("own commit not noticed").unwrap();
        timeout(DEADLINE, rx2.recv()).await.expect("second subscriber not told").unwrap();

        let (other, _) = Store::open(&path).unwrap();
        let mut rx = store.subscribe();
        other.users().set_lang(owner.user_id, "en").unwrap();
        timeout(DEADLINE, rx.recv()).await.expect("commit by another connection not noticed").unwrap();
    }

    #[tokio::test]
    async fn the_poller_stops_with_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(&dir.path().join("c.db")).unwrap();
        let mut rx = store.subscribe();
        drop(store);
        // Once the thread sees the store is gone it drops its sender: the channel closes.
        let got = timeout(DEADLINE, rx.recv()).await.expect("the poller outlived the store");
        assert_eq!(got, Err(broadcast::error::RecvError::Closed));
    }
}
