//! Read models every session shows the same: read once per change for the whole process and
//! shared behind an `Arc`, so that a thousand members on the bulletin cost one query, not a
//! thousand, and one copy of the list in memory, not a thousand.
//!
//! A value is good for the [generation](super::Inner) it was read at: every change notice
//! (a commit of this process, another process's commit seen by the poller, a scheduled
//! article's hour) bumps it. Without change notices running nobody would know a value went
//! stale, so then nothing is kept and every call reads afresh.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, PoisonError};

use super::{Result, Store};

/// Values by key, each with the generation it was read at.
pub(super) struct Shared<K, V> {
    slots: Mutex<HashMap<K, (u64, Arc<V>)>>,
    /// Entries kept; past it, what older generations read goes first.
    capacity: usize,
}

impl<K, V> Shared<K, V> {
    pub(super) fn new(capacity: usize) -> Self {
        Shared { slots: Mutex::new(HashMap::new()), capacity }
    }
}

impl<K: Eq + Hash + Clone, V> Shared<K, V> {
    /// The value for `key` read at the current generation, reading it with `read` when there
    /// is none (or `fresh` says the one kept no longer holds, for values that also expire
    /// with time). Two sessions asking at once may both read: both get a correct answer, and
    /// the cache keeps one.
    pub(super) fn get(
        &self,
        store: &Store,
        key: &K,
        fresh: impl Fn(&V) -> bool,
        read: impl FnOnce() -> Result<V>,
    ) -> Result<Arc<V>> {
        let watched = store.inner.watch.lock().map(|w| w.is_some()).unwrap_or(false);
        if !watched {
            return read().map(Arc::new);
        }
        // Read before the query: a change during it leaves an older generation behind.
        let generation = store.inner.generation.load(Ordering::Acquire);
        if let Some((at, value)) = self.lock().get(key)
            && *at == generation
            && fresh(value)
        {
            return Ok(value.clone());
        }
        let value = Arc::new(read()?);
        let mut slots = self.lock();
        if slots.len() >= self.capacity {
            // What an older generation read is stale anyway; if all are current, start over.
            slots.retain(|_, (at, _)| *at == generation);
            if slots.len() >= self.capacity {
                slots.clear();
            }
        }
        slots.insert(key.clone(), (generation, value.clone()));
        Ok(value)
    }

    /// A cache that panicked while held is still a valid map: the worst is a value missing.
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<K, (u64, Arc<V>)>> {
        self.slots.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
