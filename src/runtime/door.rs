//! Where a session's effects are performed: each on a blocking thread of the members' share
//! ([`Workers`]), each handed to the door of its section with who asks ([`Viewer`]). Which
//! effect goes when is the session's queue's business (`queue.rs`). A section's performer
//! never sees another section's operations.

use std::sync::Arc;

use tokio::sync::mpsc;

use super::LocalTerminal;
use super::queue::Key;
use super::workers::Workers;
use crate::domain::comment::PostError;
use crate::domain::{CommentPolicy, Fault, Identity};
use crate::store::{Store, StoreError};
use crate::ui::{Effect, Event};

/// What effects are performed against.
pub struct Ctx {
    pub store: Store,
    pub policy: CommentPolicy,
}

/// The powers of a console on the server's own terminal: the name its actions are signed
/// with, and the terminal it can hand to the admin's editor.
#[derive(Clone)]
pub struct Console {
    pub actor: String,
    pub terminal: Option<Arc<dyn LocalTerminal>>,
}

/// Who asks. Built afresh for every batch of effects: a key linked to another account
/// changes the member mid-session.
#[derive(Clone)]
pub enum Viewer {
    /// No key: reads what is published, writes nothing.
    Guest,
    /// A verified key and the member it belongs to.
    Member { user: i64, fingerprint: String },
    /// The association's console: sees the whole agenda and every comment, signs admin
    /// actions. Never over the network.
    Console(Console),
}

impl Viewer {
    pub fn of(identity: &Identity, console: Option<&Console>) -> Viewer {
        match (console, identity) {
            (Some(console), _) => Viewer::Console(console.clone()),
            (None, Identity::Member { user_id, fingerprint, .. }) => {
                Viewer::Member { user: *user_id, fingerprint: fingerprint.clone() }
            }
            (None, Identity::Guest) => Viewer::Guest,
        }
    }

    /// The member acting, if any.
    pub fn user(&self) -> Option<i64> {
        match self {
            Viewer::Member { user, .. } => Some(*user),
            Viewer::Guest | Viewer::Console(_) => None,
        }
    }
}

/// What an effect performed in the background sends back.
pub enum Outcome {
    /// Its result, if it has one for the screen.
    Done(Option<Event>),
    Panicked(Box<dyn std::any::Any + Send>),
}

/// An effect that ended, with its kind for the session's queue.
pub struct Finished {
    pub key: Option<Key>,
    pub outcome: Outcome,
}

/// Starts `effect` in the background, on a thread of `workers`; its end comes back on
/// `results`, with its result if it has one, whatever happened.
pub fn perform(
    ctx: &Arc<Ctx>,
    workers: &Workers,
    viewer: Viewer,
    (key, effect): (Option<Key>, Effect),
    results: &mpsc::UnboundedSender<Finished>,
) {
    let (ctx, workers, results) = (ctx.clone(), workers.clone(), results.clone());
    // By name only: what an effect carries (a comment, a message) never reaches the log.
    let name = tracing::enabled!(tracing::Level::DEBUG).then(|| super::meter::effect_name(&effect));
    let started = tokio::time::Instant::now();
    let task = async move {
        let ran = workers
            .run(move || {
                // The store stays usable after a panic (its writer rolls back and is not
                // poisoned): only the session whose query it was has to end.
                let run = std::panic::AssertUnwindSafe(|| perform_one(&ctx, &viewer, effect));
                std::panic::catch_unwind(run)
            })
            .await;
        let outcome = match ran {
            Ok(Ok(event)) => Outcome::Done(event),
            Ok(Err(payload)) => Outcome::Panicked(payload),
            Err(e) if e.is_panic() => Outcome::Panicked(e.into_panic()),
            // Cancelled: the runtime is shutting down, nobody is left to tell.
            Err(_) => Outcome::Done(None),
        };
        if let Some(effect) = name {
            let ms = started.elapsed().as_millis() as u64;
            tracing::debug!(effect, ms, "effect ran");
        }
        let _ = results.send(Finished { key, outcome });
    };
    tokio::spawn(tracing::Instrument::in_current_span(task));
}

/// One effect, through the door of its section.
pub fn perform_one(ctx: &Ctx, viewer: &Viewer, effect: Effect) -> Option<Event> {
    match effect {
        Effect::Bulletin(op) => super::bulletin::perform(ctx, viewer, op).map(Event::Bulletin),
        Effect::Profile(op) => super::profile::perform(ctx, viewer, op).map(Event::Profile),
        Effect::Spaces(op) => super::spaces::perform(ctx, viewer, op).map(Event::Spaces),
        Effect::Agenda(op) => super::agenda::perform(ctx, viewer, op).map(Event::Agenda),
        Effect::Network(op) => super::network::perform(ctx, viewer, op).map(Event::Network),
        Effect::Admin(op) => super::admin::perform(ctx, viewer, op),
        Effect::Follow(op) => super::follow::perform(ctx, viewer, op).map(Event::Follow),
    }
}

/// The store's error goes to the log; the member is told what kind of failure it was.
pub fn fault(e: StoreError) -> Fault {
    match e {
        StoreError::NotFound => Fault::NotFound,
        e if e.is_unavailable() => {
            tracing::warn!("store: {e}: {}", source_of(&e));
            Fault::Unavailable
        }
        e => {
            tracing::error!("store: {e}");
            Fault::Broken
        }
    }
}

/// Logs the failures of the database; a comment refused by a rule is no news for the log.
pub fn log_post(e: PostError) -> PostError {
    match &e {
        PostError::Unavailable(_) => tracing::warn!("store: a comment could not be saved: {e}"),
        PostError::Store(_) => tracing::error!("store: a comment could not be saved: {e}"),
        _ => {}
    }
    e
}

fn source_of(e: &dyn std::error::Error) -> String {
    e.source().map(ToString::to_string).unwrap_or_default()
}
