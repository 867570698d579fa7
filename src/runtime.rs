//! One session's loop, the same over SSH and on the local terminal: input → events →
//! `App::update` → effects performed against the store → results back as events → draw.
//!
//! Output discipline: at most one frame waits for the transport. While it waits, the loop
//! keeps taking input and only marks the screen dirty; when the transport is free it draws
//! once, so a slow client gets the latest screen, never a backlog of stale ones.

use chrono::Utc;
use ratatui::Terminal;
use tokio::sync::{broadcast, mpsc};
use tokio::time::{Instant, sleep_until};

use crate::domain::CommentPolicy;
use crate::domain::Identity;
use crate::domain::comment::PostError;
use crate::store::Store;
use crate::term::backend::BufferBackend;
use crate::term::input::{ESC_TIMEOUT, InputDecoder};
use crate::term::modes;
use crate::ui::{self, App, Effect, Event};

/// How many spaces a search shows at most: more than a person scrolls through.
const SPACES_PAGE: usize = 200;

/// How often relative dates on screen are brought up to date.
const CLOCK: std::time::Duration = std::time::Duration::from_secs(30);

/// What a transport hands to the session.
#[derive(Debug)]
pub enum Input {
    /// Raw bytes typed by the client (SSH).
    Bytes(Vec<u8>),
    /// An event already decoded (local terminal).
    Event(Event),
    Resize(u16, u16),
}

/// Runs the session until the member quits or the input closes. Frames go to `out`;
/// the caller turns the closed `out` into the end of the transport.
pub async fn run(
    store: Store,
    policy: CommentPolicy,
    mut app: App,
    effects: Vec<Effect>,
    mut input: mpsc::Receiver<Input>,
    out: mpsc::Sender<Vec<u8>>,
) {
    let (cols, rows) = app.size;
    let Ok(mut terminal) = Terminal::new(BufferBackend::new(cols, rows)) else {
        return;
    };
    let (results_tx, mut results) = mpsc::unbounded_channel::<Outcome>();
    let mut decoder = InputDecoder::new();
    let mut esc_deadline: Option<Instant> = None;
    let mut pending: Vec<u8> = modes::ENTER.as_bytes().to_vec();
    let mut dirty = true;
    let mut changes = store.subscribe();
    let mut clock = tokio::time::interval(CLOCK);
    clock.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let ctx = Ctx { store, policy };
    perform(&ctx, &app.identity, effects, &results_tx);

    while !app.wants_quit() {
        let mut events = Vec::new();
        tokio::select! {
            biased;
            msg = input.recv() => match msg {
                None => return,
                Some(Input::Bytes(bytes)) => {
                    events = decoder.feed(&bytes);
                    esc_deadline = decoder.is_pending().then(|| Instant::now() + ESC_TIMEOUT);
                }
                Some(Input::Event(ev)) => events.push(ev),
                Some(Input::Resize(c, r)) => {
                    terminal.backend_mut().resize(c, r);
                    events.push(Event::Resize(c, r));
                }
            },
            _ = sleep_until(esc_deadline.unwrap_or_else(Instant::now)), if esc_deadline.is_some() => {
                esc_deadline = None;
                events = decoder.flush();
            }
            Some(outcome) = results.recv() => match outcome {
                Outcome::Done(ev) => events.push(ev),
                // A query panicked on its worker thread: the session it served ends as if
                // the panic had happened here, and whoever runs the session reports it.
                Outcome::Panicked(payload) => std::panic::resume_unwind(payload),
            },
            _ = clock.tick() => events.push(Event::Tick(Utc::now())),
            change = changes.recv() => match change {
                Ok(()) | Err(broadcast::error::RecvError::Lagged(_)) => {
                    events.push(Event::Tick(Utc::now()));
                    events.push(Event::DataChanged);
                }
                // The store is gone: nothing will change any more.
                Err(broadcast::error::RecvError::Closed) => changes = broadcast::channel(1).1,
            },
            permit = out.reserve(), if dirty => {
                let Ok(permit) = permit else { return };
                dirty = false;
                if terminal.draw(|f| ui::draw(&app, f)).is_err() {
                    return;
                }
                pending.extend(terminal.backend_mut().take());
                if !pending.is_empty() {
                    permit.send(std::mem::take(&mut pending));
                }
            }
        }
        for ev in events {
            dirty = true;
            let effects = app.update(ev);
            perform(&ctx, &app.identity, effects, &results_tx);
        }
    }
    // Leave the client's terminal as we found it. A client that no longer reads gets
    // nothing more: the transport's own deadline ends it.
    let mut bye = std::mem::take(&mut pending);
    bye.extend_from_slice(modes::LEAVE.as_bytes());
    let _ = out.send(bye).await;
}

/// What effects are performed against.
struct Ctx {
    store: Store,
    policy: CommentPolicy,
}

/// What an effect performed in the background sends back.
enum Outcome {
    Done(Event),
    Panicked(Box<dyn std::any::Any + Send>),
}

/// Starts each effect in the background; each result comes back as an event.
fn perform(ctx: &Ctx, identity: &Identity, effects: Vec<Effect>, results: &mpsc::UnboundedSender<Outcome>) {
    let viewer = identity.user_id();
    let fingerprint = match identity {
        Identity::Member { fingerprint, .. } => Some(fingerprint.clone()),
        Identity::Guest => None,
    };
    for effect in effects {
        if effect == Effect::Quit {
            continue;
        }
        let store = ctx.store.clone();
        let policy = ctx.policy.clone();
        let results = results.clone();
        let fingerprint = fingerprint.clone();
        tokio::task::spawn_blocking(move || {
            // The store stays usable after a panic (its writer rolls back and is not poisoned):
            // only the session whose query it was has to end.
            let run = std::panic::AssertUnwindSafe(|| {
                perform_one(&store, &policy, viewer, fingerprint.as_deref(), effect)
            });
            match std::panic::catch_unwind(run) {
                Ok(Some(event)) => {
                    let _ = results.send(Outcome::Done(event));
                }
                Ok(None) => {}
                Err(payload) => {
                    let _ = results.send(Outcome::Panicked(payload));
                }
            }
        });
    }
}

fn perform_one(
    store: &Store,
    policy: &CommentPolicy,
    viewer: Option<i64>,
    fingerprint: Option<&str>,
    effect: Effect,
) -> Option<Event> {
    let now = Utc::now();
    let guest = || PostError::NoHandle;
    Some(match effect {
        Effect::LoadArticles => {
            Event::ArticlesLoaded(store.articles().list_published(viewer, now).map_err(log_error))
        }
        Effect::LoadArticle(id) => Event::ArticleLoaded(
            store.articles().get_published(&id.to_string(), viewer, now).map_err(log_error),
        ),
        Effect::LoadComments(id) => {
            Event::CommentsLoaded(id, store.comments().for_article(id, viewer, false).map_err(log_error))
        }
        Effect::PostComment { article, parent, body } => Event::CommentSaved(match viewer {
            Some(user) => store.comments().post(user, article, parent, &body, policy, now).map_err(log_post),
            None => Err(guest()),
        }),
        Effect::EditComment { id, body } => Event::CommentSaved(match viewer {
            Some(user) => store.comments().edit(user, id, &body, policy, now).map_err(log_post),
            None => Err(guest()),
        }),
        Effect::DeleteComment(id) => Event::CommentDeleted(match viewer {
            Some(user) => store.comments().delete(user, id, now).map_err(log_post),
            None => Err(guest()),
        }),
        Effect::SetHandle(handle) => match viewer {
            Some(user) => Event::HandleSet(store.users().set_handle(user, &handle)),
            None => return None,
        },
        Effect::LoadCatchUp(since) => match viewer.map(|user| store.catch_up(user, since)) {
            Some(Ok(c)) => Event::CatchUpLoaded(c),
            Some(Err(e)) => {
                log_error(e);
                return None;
            }
            None => return None,
        },
        Effect::SearchSpaces { seq, query } => {
            let page = store.spaces().search_page(&query, now, 0, SPACES_PAGE);
            Event::SpacesFound(seq, page.map_err(log_error))
        }
        Effect::CompleteCommune(prefix) => match store.communes().complete(&prefix, 6) {
            Ok(list) => Event::CommunesCompleted(prefix, list),
            Err(e) => {
                log_error(e);
                return None;
            }
        },
        Effect::LoadProfile => match viewer {
            Some(user) => Event::ProfileLoaded(store.users().profile(user).map_err(log_error)),
            None => return None,
        },
        Effect::SetTown(town) => match viewer {
            Some(user) => Event::ProfileSaved(store.users().set_town(user, &town).map_err(log_error)),
            None => return None,
        },
        Effect::SetBio(bio) => match viewer {
            Some(user) => Event::ProfileSaved(store.users().set_bio(user, &bio).map_err(log_error)),
            None => return None,
        },
        Effect::CreateLinkCode => match viewer {
            Some(user) => {
                Event::LinkCodeCreated(store.users().create_link_code(user, now).map_err(log_error))
            }
            None => return None,
        },
        Effect::RedeemLinkCode(code) => match fingerprint {
            Some(fp) => Event::LinkRedeemed(store.users().redeem_link_code(fp, &code, now)),
            None => return None,
        },
        Effect::MarkRead(article) => {
            if let Some(user) = viewer {
                let _ = store.articles().mark_read(user, article, now).map_err(log_error);
            }
            return None;
        }
        Effect::SaveLang(lang) => {
            if let Some(user) = viewer {
                let _ = store.users().set_lang(user, lang.code()).map_err(log_error);
            }
            return None;
        }
        Effect::Quit => return None,
    })
}

fn log_error(e: crate::store::StoreError) -> String {
    if e.is_unavailable() {
        tracing::warn!("store: {e}: {}", source_of(&e));
    } else {
        tracing::error!("store: {e}");
    }
    e.to_string()
}

/// Logs the failures of the database; a comment refused by a rule is no news for the log.
fn log_post(e: PostError) -> PostError {
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
