//! A session's effects wait here for their turn, so that one member's keys cost the server
//! a bounded amount of work however fast they come.
//!
//! The rules: at most [`IN_FLIGHT`] effects of a session are under way at once; a new
//! query of a kind already waiting takes its place (typing in a search runs the latest
//! query, not every key's), and a write a session cannot usefully have waiting twice (its
//! language, a read mark) is kept once, the last; two effects of one kind never run
//! together, so the last one asked is the last one done. Writes that matter (a comment, an
//! answer to a meetup, a message, a moderator's decision) have no kind: each is performed,
//! one at a time and in the order asked — the store's one writer would take them one at a
//! time anyway, and the last decision is the one that stands. Which operations have a kind
//! is each section's choice (`runtime/<section>.rs::kind`).

use std::collections::VecDeque;
use std::mem::Discriminant;

use crate::ui::Effect;

/// Effects of one session under way at once. Three: a screen's reload, a search and a
/// write can go together, which is all one person's screen needs; more would only queue on
/// the store's one writer and on the cores, holding threads the other members need.
pub const IN_FLIGHT: usize = 3;

/// Effects of one session waiting their turn. Queries supersede each other, so what piles
/// up here are writes that matter; past this many the session reads no more input until
/// some are done, and a flood of keys waits as keys, on the flooder's own connection.
pub const WAITING: usize = 32;

/// What makes two operations of a section the same query, or the same pending write: a
/// name, and the record it is about when one of each may wait (`comments` of article 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Kind {
    name: &'static str,
    of: Option<i64>,
}

impl Kind {
    /// One of its kind per session: a new one supersedes the one waiting.
    pub const fn one(name: &'static str) -> Kind {
        Kind { name, of: None }
    }

    /// One of its kind per record (`id`) per session.
    pub const fn each(name: &'static str, id: i64) -> Kind {
        Kind { name, of: Some(id) }
    }
}

/// An effect's kind within its section: kinds of two sections never meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key(Discriminant<Effect>, Kind);

/// The kind of `effect`, if a later one of the same kind may take its place; `None` for a
/// write that matters, which is never dropped.
pub fn coalesce_key(effect: &Effect) -> Option<Key> {
    let kind = match effect {
        Effect::Bulletin(op) => super::bulletin::kind(op),
        Effect::Profile(op) => super::profile::kind(op),
        Effect::Spaces(op) => super::spaces::kind(op),
        Effect::Agenda(op) => super::agenda::kind(op),
        Effect::Network(op) => super::network::kind(op),
        Effect::Admin(op) => super::admin::kind(op),
        Effect::Follow(op) => super::follow::kind(op),
    }?;
    Some(Key(std::mem::discriminant(effect), kind))
}

/// One session's effects: those waiting, in the order asked, and the kinds under way.
/// Generic over what is queued so that the rules can be tested on their own.
pub struct Queue<T> {
    waiting: VecDeque<(Option<Key>, T)>,
    /// The kind of each effect under way (`None`: a write without a kind).
    running: Vec<Option<Key>>,
}

impl<T> Default for Queue<T> {
    fn default() -> Self {
        Queue { waiting: VecDeque::new(), running: Vec::new() }
    }
}

impl<T> Queue<T> {
    /// Queues `item`. One of the same kind still waiting is dropped: the new one goes last,
    /// after whatever was asked before it, so that it reads what those wrote.
    pub fn push(&mut self, key: Option<Key>, item: T) {
        if key.is_some() {
            self.waiting.retain(|(waiting, _)| *waiting != key);
        }
        self.waiting.push_back((key, item));
    }

    /// The next effect to start, if the session has room for one: the first waiting whose
    /// kind is not already under way (writes without a kind count as one kind). Give its
    /// key back to [`Queue::done`] when it ends.
    pub fn next(&mut self) -> Option<(Option<Key>, T)> {
        if self.running.len() >= IN_FLIGHT {
            return None;
        }
        let free = |key: &Option<Key>| !self.running.contains(key);
        let at = self.waiting.iter().position(|(key, _)| free(key))?;
        let (key, item) = self.waiting.remove(at)?;
        self.running.push(key);
        Some((key, item))
    }

    /// An effect started by [`Queue::next`] ended, whatever its result.
    pub fn done(&mut self, key: Option<Key>) {
        if let Some(at) = self.running.iter().position(|k| *k == key) {
            self.running.swap_remove(at);
        }
    }

    /// Whether the session should stop taking input until some effects are done.
    pub fn is_full(&self) -> bool {
        self.waiting.len() >= WAITING
    }

    /// How many effects wait, and how many are under way.
    #[cfg(test)]
    pub fn counts(&self) -> (usize, usize) {
        (self.waiting.len(), self.running.len())
    }
}

#[cfg(test)]
#[path = "queue_tests.rs"]
mod tests;
