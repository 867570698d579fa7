//! Change notices: "the database changed, look again", for screens that show live data.
//!
//! Writes of this process announce themselves: [`Store::write`] sends a notice as soon as it
//! commits (and `write_quiet` does not, for what no other screen shows). Writes of other
//! processes (the admin console, scripted imports) are seen through `PRAGMA data_version`
//! on our writer connection, which changes only when *another* connection commits: a thread
//! asks every [`POLL`] and broadcasts when the answer changes. Our own commits, quiet ones
//! included, are therefore never mistaken for someone else's. The hour of a scheduled article
//! is announced the same way, once for every session: no list polls for it. The same tick asks whether
//! the database file is still the one opened (see `file`).

use std::sync::atomic::Ordering;
use std::sync::{Arc, PoisonError, Weak};
use std::time::Duration;

use tokio::sync::broadcast;

use super::{Inner, Store};

/// How often the poller asks: fast enough to feel live, cheap enough to be free.
const POLL: Duration = Duration::from_millis(250);

/// Notices are "look again", so a slow receiver that misses some loses nothing.
const CAPACITY: usize = 16;

impl Store {
    /// A receiver that gets `()` soon after any commit to the database file that a screen
    /// may show, by this process or another. The polling thread starts on the first call
    /// and stops once every clone of this `Store` is dropped.
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
        start_poller(&self.inner, tx.clone());
        *slot = Some(tx);
        rx
    }

    /// Tells the subscribers that this process changed something they may show.
    pub(super) fn notify(&self) {
        self.inner.generation.fetch_add(1, std::sync::atomic::Ordering::AcqRel);
        let slot = match self.inner.watch.lock() {
            Ok(slot) => slot,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(tx) = slot.as_ref() {
            // No receiver is not an error: nobody is looking right now.
            let _ = tx.send(());
        }
    }
}

/// Reads the starting version here, before `subscribe` returns, so that a commit made by
/// another process right after subscribing is never taken as the baseline.
fn start_poller(inner: &Arc<Inner>, tx: broadcast::Sender<()>) {
    let mut last = writer_version(inner);
    let weak: Weak<Inner> = Arc::downgrade(inner);
    let spawned = std::thread::Builder::new().name("cedille-watch".into()).spawn(move || {
        loop {
            std::thread::sleep(POLL);
            // Holding only a Weak between polls: the poller must not keep the store alive.
            let Some(inner) = weak.upgrade() else { break };
            // The file too (see `file`): a server with nobody writing notices within a tick.
            if !inner.still_ours() {
                let mut writer = inner.writer.lock().unwrap_or_else(PoisonError::into_inner);
                let _ = inner.retire(&mut writer);
            }
            let now = writer_version(&inner);
            // A scheduled article's hour is a change too, announced once for everybody.
            let due = inner.next_publish.load(Ordering::Acquire) <= chrono::Utc::now().timestamp();
            if due {
                inner.next_publish.store(i64::MAX, Ordering::Release);
            }
            let changed = (now.is_some() && now != last) || due;
            if changed {
                inner.generation.fetch_add(1, Ordering::AcqRel);
            }
            drop(inner);
            if changed {
                last = now.or(last);
                let _ = tx.send(());
            }
        }
    });
    if let Err(e) = spawned {
        tracing::error!("change notices from other processes disabled: cannot start the thread: {e}");
    }
}

fn writer_version(inner: &Inner) -> Option<i64> {
    let conn = inner.writer.lock().ok()?;
    conn.query_row("PRAGMA data_version", [], |r| r.get(0)).ok()
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
        store
            .network()
            .update(
                owner.user_id,
                crate::store::ProfileField::Commune(Some("26113".into())),
                chrono::Utc::now(),
            )
            .unwrap();
        timeout(DEADLINE, rx.recv()).await.expect("own commit not noticed").unwrap();
        timeout(DEADLINE, rx2.recv()).await.expect("second subscriber not told").unwrap();

        let (other, _) = Store::open(&path).unwrap();
        let mut rx = store.subscribe();
        other.users().set_lang(owner.user_id, "en").unwrap();
        timeout(DEADLINE, rx.recv()).await.expect("commit by another connection not noticed").unwrap();
    }

    #[tokio::test]
    async fn arrivals_reads_and_a_language_send_no_notice() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(&dir.path().join("c.db")).unwrap();
        let mut rx = store.subscribe();
        let owner = store.users().for_key("SHA256:q", "ssh-ed25519").unwrap();
        let session = store.sessions().open(Some(owner.user_id), Some("SHA256:q"), "127.0.0.1:1").unwrap();
        let article = store.articles().list_published(None, chrono::Utc::now()).unwrap()[0].id;
        store.articles().mark_read(owner.user_id, article, chrono::Utc::now()).unwrap();
        store.sessions().close(session).unwrap();
        store.users().set_lang(owner.user_id, "en").unwrap();
        // One write that a screen shows, after the quiet ones: exactly one notice.
        store
            .network()
            .update(
                owner.user_id,
                crate::store::ProfileField::Commune(Some("26108".into())),
                chrono::Utc::now(),
            )
            .unwrap();
        timeout(DEADLINE, rx.recv()).await.expect("the visible change not noticed").unwrap();
        assert_eq!(rx.try_recv(), Err(broadcast::error::TryRecvError::Empty));
    }

    #[tokio::test]
    async fn a_scheduled_articles_hour_is_announced_once_for_everybody() {
        use crate::domain::article::NewArticle;
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(&dir.path().join("c.db")).unwrap();
        let mut rx = store.subscribe();
        let at = chrono::Utc::now() + chrono::Duration::seconds(1);
        let id = store
            .articles()
            .insert(&NewArticle {
                slug: "bientot".into(),
                title: "Bientôt".into(),
                rubrique: String::new(),
                author: String::new(),
                author_handle: None,
                body: "…".into(),
                published: true,
                published_at: at,
            })
            .unwrap();
        timeout(DEADLINE, rx.recv()).await.expect("the insert not noticed").unwrap();
        let before = store.articles().published(chrono::Utc::now()).unwrap();
        assert!(before.items.iter().all(|a| a.id != id), "shown before its hour");
        assert!(before.next_at.is_some());
        timeout(Duration::from_secs(5), rx.recv()).await.expect("the hour never announced").unwrap();
        let after = store.articles().published(chrono::Utc::now()).unwrap();
        assert_eq!(after.items[0].id, id, "the newest article is the one whose hour came");
    }

    #[tokio::test]
    async fn every_session_shares_one_list_until_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(&dir.path().join("c.db")).unwrap();
        let mut rx = store.subscribe();
        let now = chrono::Utc::now();
        let a = store.articles().published(now).unwrap();
        let b = store.articles().published(now).unwrap();
        assert!(Arc::ptr_eq(&a, &b), "read twice for two sessions");
        let article = a.items[0].id;
        let t1 = store.comments().thread(article, None, false).unwrap();
        assert!(Arc::ptr_eq(&t1, &store.comments().thread(article, None, false).unwrap()));
        let owner = store.users().for_key("SHA256:s", "ssh-ed25519").unwrap();
        store.users().set_handle(owner.user_id, "sabine").unwrap();
        timeout(DEADLINE, rx.recv()).await.expect("the handle not noticed").unwrap();
        let c = store.articles().published(now).unwrap();
        assert!(!Arc::ptr_eq(&a, &c), "a change keeps the old list");
        assert_eq!(*a, *c);
        let t2 = store.comments().thread(article, None, false).unwrap();
        assert!(!Arc::ptr_eq(&t1, &t2));
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
