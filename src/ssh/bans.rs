//! A suspension reaches the connections already open. Each authenticated member's
//! connection is listed here while it lives; on every change notice of the store (this
//! process's writes, and the console's or `cedille users ban` through the file) one task
//! reads the suspended members and marks their connections, whose watchdog then ends them
//! (`conn::watch`). Commands read the ban again before running (`commands::run`), which
//! covers a ban landing between a login and its listing here.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, Weak};

use tokio::sync::{broadcast, watch};

use super::conn::{Ctl, stopping};
use crate::store::Store;

/// The open connections of members, by an id of their own.
#[derive(Default)]
pub struct Bans {
    next: AtomicU64,
    open: Mutex<HashMap<u64, (i64, Weak<Ctl>)>>,
}

/// A connection's place in [`Bans`], given up when it drops with the connection.
pub struct Listed {
    bans: Arc<Bans>,
    id: u64,
}

impl Drop for Listed {
    fn drop(&mut self) {
        self.bans.open.lock().unwrap_or_else(PoisonError::into_inner).remove(&self.id);
    }
}

impl Bans {
    /// Lists the connection `ctl` of member `user` until the returned place drops.
    pub fn list(self: &Arc<Self>, user: i64, ctl: &Arc<Ctl>) -> Listed {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        self.open.lock().unwrap_or_else(PoisonError::into_inner).insert(id, (user, Arc::downgrade(ctl)));
        Listed { bans: self.clone(), id }
    }

    fn is_empty(&self) -> bool {
        self.open.lock().unwrap_or_else(PoisonError::into_inner).is_empty()
    }

    /// Marks every listed connection of a member in `suspended`; returns how many.
    fn end(&self, suspended: &HashSet<i64>) -> usize {
        let hit: Vec<Arc<Ctl>> = self
            .open
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .values()
            .filter(|(user, _)| suspended.contains(user))
            .filter_map(|(_, ctl)| ctl.upgrade())
            .collect();
        let mut marked = 0;
        for ctl in hit {
            if ctl.suspend() {
                marked += 1;
            }
        }
        marked
    }
}

/// Ends the connections of members suspended while connected, until the server stops. A
/// burst of notices is one check: each check reads one short list (the suspended
/// members, by a partial index), whatever the number of connections.
pub async fn enforce(bans: Arc<Bans>, store: Store, mut stop: watch::Receiver<bool>) {
    let mut changes = store.subscribe();
    loop {
        tokio::select! {
            change = changes.recv() => match change {
                Ok(()) | Err(broadcast::error::RecvError::Lagged(_)) => {}
                Err(broadcast::error::RecvError::Closed) => return,
            },
            _ = stopping(&mut stop) => return,
        }
        // What came meanwhile is the same news.
        while matches!(changes.try_recv(), Ok(()) | Err(broadcast::error::TryRecvError::Lagged(_))) {}
        if bans.is_empty() {
            continue;
        }
        let reader = store.clone();
        match tokio::task::spawn_blocking(move || reader.members().suspended()).await {
            Ok(Ok(suspended)) if !suspended.is_empty() => {
                let ended = bans.end(&suspended);
                if ended > 0 {
                    tracing::info!(connections = ended, "suspension: connections of suspended members end");
                }
            }
            Ok(Ok(_)) => {}
            Ok(Err(e)) => tracing::warn!("suspensions cannot be read: {e}"),
            Err(e) => tracing::error!("reading suspensions crashed: {e}"),
        }
    }
}
