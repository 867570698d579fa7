//! One session's loop, the same over SSH and on the local terminal: input → events →
//! `App::update` → effects performed against the store → results back as events → draw.
//!
//! Output discipline: at most one frame waits for the transport. While it waits, the loop
//! keeps taking input and only marks the screen dirty; when the transport is free it draws
//! once, so a slow client gets the latest screen, never a backlog of stale ones.

mod network;

use std::time::Duration;

use chrono::Utc;
use ratatui::Terminal;
use tokio::sync::{broadcast, mpsc, watch};
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

/// What only a terminal on the server itself can do: hand the screen to another program.
pub trait LocalTerminal: Send + Sync {
    /// Opens `text` in the admin's editor (`$VISUAL`, `$EDITOR`) and returns it as saved.
    /// `suffix` names the kind of text for the editor's colours (`.md`).
    fn edit(&self, text: &str, suffix: &str) -> Result<String, String>;
}

/// What a local console adds to a session: the name admin actions are signed with, and the
/// terminal. A session over SSH has neither, so admin effects are never performed there.
#[derive(Clone, Default)]
pub struct Local {
    pub actor: Option<String>,
    pub terminal: Option<std::sync::Arc<dyn LocalTerminal>>,
}

/// What a network session is held to; the local terminal runs without any of it.
#[derive(Default)]
pub struct Guard {
    /// Close after this long without input, warning the member the second value before.
    pub idle: Option<(Duration, Duration)>,
    /// Becomes `true` when the server stops: the session says so and ends.
    pub stop: Option<watch::Receiver<bool>>,
    /// The longest paste kept (None: the decoder's default).
    pub max_paste: Option<usize>,
    /// The powers of a console on the server's own terminal.
    pub local: Local,
}

/// Why a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The member quit.
    Quit,
    /// The transport closed the input, or stopped taking frames.
    Gone,
    /// No input within the idle timeout.
    Idle,
    /// The server is stopping.
    Shutdown,
}

/// Runs the session until the member quits or the input closes. Frames go to `out`;
/// the caller turns the closed `out` into the end of the transport.
pub async fn run(
    store: Store,
    policy: CommentPolicy,
    app: App,
    effects: Vec<Effect>,
    input: mpsc::Receiver<Input>,
    out: mpsc::Sender<Vec<u8>>,
) {
    run_guarded(store, policy, app, effects, input, out, Guard::default()).await;
}

/// [`run`], for a console on the server's own terminal.
pub async fn run_local(
    store: Store,
    policy: CommentPolicy,
    app: App,
    effects: Vec<Effect>,
    input: mpsc::Receiver<Input>,
    out: mpsc::Sender<Vec<u8>>,
    local: Local,
) {
    run_guarded(store, policy, app, effects, input, out, Guard { local, ..Guard::default() }).await;
}

/// [`run`], held to `guard`; says why it ended.
pub async fn run_guarded(
    store: Store,
    policy: CommentPolicy,
    mut app: App,
    effects: Vec<Effect>,
    mut input: mpsc::Receiver<Input>,
    out: mpsc::Sender<Vec<u8>>,
    guard: Guard,
) -> End {
    let (cols, rows) = app.size;
    let Ok(mut terminal) = Terminal::new(BufferBackend::new(cols, rows)) else {
        return End::Gone;
    };
    let (results_tx, mut results) = mpsc::unbounded_channel::<Outcome>();
    let mut decoder = guard.max_paste.map(InputDecoder::with_max_paste).unwrap_or_default();
    let mut idle = guard.idle.map(|(timeout, warning)| Idle::new(timeout, warning));
    // A server that never stops: a sender kept alive, never used.
    let (_never, never_rx) = watch::channel(false);
    let mut stop = guard.stop.unwrap_or(never_rx);
    let mut ending: Option<End> = None;
    let mut esc_deadline: Option<Instant> = None;
    let mut pending: Vec<u8> = modes::ENTER.as_bytes().to_vec();
    let mut dirty = true;
    let mut changes = store.subscribe();
    let mut clock = tokio::time::interval(CLOCK);
    clock.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let ctx = Ctx { store, policy, local: guard.local };
    perform(&ctx, &app.identity, effects, &results_tx);

    while !app.wants_quit() && ending.is_none() {
        let mut events = Vec::new();
        let idle_deadline = idle.as_ref().map(Idle::next_deadline);
        tokio::select! {
            biased;
            changed = stop.changed() => match changed {
                Ok(()) if *stop.borrow() => ending = Some(End::Shutdown),
                Ok(()) => {}
                // Nobody can stop us any more: wait on a sender that never speaks.
                Err(_) => stop = watch::channel(false).1,
            },
            msg = input.recv() => match msg {
                None => return End::Gone,
                Some(msg) => {
                    if let Some(idle) = idle.as_mut() && idle.touch() {
                        dirty = true;
                    }
                    match msg {
                Input::Bytes(bytes) => {
                    events = decoder.feed(&bytes);
                    esc_deadline = decoder.is_pending().then(|| Instant::now() + ESC_TIMEOUT);
                }
                Input::Event(ev) => events.push(ev),
                Input::Resize(c, r) => {
                    terminal.backend_mut().resize(c, r);
                    events.push(Event::Resize(c, r));
                }
                    }
                }
            },
            _ = sleep_until(idle_deadline.unwrap_or_else(Instant::now)), if idle_deadline.is_some() => {
                if let Some(idle) = idle.as_mut() {
                    if idle.warned {
                        ending = Some(End::Idle);
                    } else {
                        idle.warned = true;
                        dirty = true;
                    }
                }
            }
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
                let Ok(permit) = permit else { return End::Gone };
                dirty = false;
                let warning = idle.as_ref().and_then(|i| i.warned.then(|| app.lang.idle_warning(i.warning.as_secs())));
                let drawn = terminal.draw(|f| {
                    ui::draw(&app, f);
                    if let Some(text) = &warning {
                        draw_notice(f, text);
                    }
                });
                if drawn.is_err() {
                    return End::Gone;
                }
                pending.extend(terminal.backend_mut().take());
                if !pending.is_empty() {
                    permit.send(std::mem::take(&mut pending));
                }
            }
        }
        for ev in events {
            dirty = true;
            // Another program had the screen: everything is drawn again.
            if matches!(ev, Event::Admin(crate::ui::AdminResult::Edited(..))) {
                let _ = terminal.clear();
            }
            let effects = app.update(ev);
            perform(&ctx, &app.identity, effects, &results_tx);
        }
    }
    // Leave the client's terminal as we found it, then say why it ended when it was not
    // the member's choice. A client that no longer reads gets nothing more: the
    // transport's own deadline ends it.
    let end = ending.unwrap_or(End::Quit);
    let mut bye = std::mem::take(&mut pending);
    bye.extend_from_slice(modes::LEAVE.as_bytes());
    let message = match (end, &idle) {
        (End::Shutdown, _) => Some(app.lang.restarting().to_string()),
        (End::Idle, Some(idle)) => Some(app.lang.idle_closed(idle.timeout.as_secs() / 60)),
        // A suspension, say.
        _ => app.farewell.clone(),
    };
    if let Some(message) = message {
        bye.extend_from_slice(format!("\r\n{}\r\n", message.replace('\n', "\r\n")).as_bytes());
    }
    let _ = out.send(bye).await;
    end
}

/// When an idle session is warned, then closed.
struct Idle {
    timeout: Duration,
    warning: Duration,
    last_input: Instant,
    warned: bool,
}

impl Idle {
    fn new(timeout: Duration, warning: Duration) -> Self {
        Idle { timeout, warning: warning.min(timeout), last_input: Instant::now(), warned: false }
    }

    fn next_deadline(&self) -> Instant {
        if self.warned {
            self.last_input + self.timeout
        } else {
            self.last_input + (self.timeout - self.warning)
        }
    }

    /// Input came: the clock starts again. True when a warning on screen must go.
    fn touch(&mut self) -> bool {
        self.last_input = Instant::now();
        std::mem::take(&mut self.warned)
    }
}

/// A one-line notice over the middle of the screen, the application still visible around.
fn draw_notice(f: &mut ratatui::Frame, text: &str) {
    use ratatui::layout::Rect;
    use ratatui::style::{Modifier, Style};
    use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
    let area = f.area();
    let width = area.width.min(u16::try_from(text.chars().count() + 4).unwrap_or(u16::MAX)).max(1);
    let inner = width.saturating_sub(2).max(1);
    let lines = u16::try_from(text.chars().count().div_ceil(usize::from(inner))).unwrap_or(1).max(1);
    let height = (lines + 2).min(area.height);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + area.height.saturating_sub(height) / 2,
        width,
        height,
    };
    let notice = Paragraph::new(text)
        .wrap(Wrap { trim: true })
        .style(Style::default().add_modifier(Modifier::BOLD))
        .block(Block::default().borders(Borders::ALL));
    f.render_widget(Clear, rect);
    f.render_widget(notice, rect);
}

/// What effects are performed against.
struct Ctx {
    store: Store,
    policy: CommentPolicy,
    local: Local,
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
        let local = ctx.local.clone();
        let results = results.clone();
        let fingerprint = fingerprint.clone();
        tokio::task::spawn_blocking(move || {
            // The store stays usable after a panic (its writer rolls back and is not poisoned):
            // only the session whose query it was has to end.
            let run = std::panic::AssertUnwindSafe(|| match effect {
                Effect::Admin(op) => {
                    local.actor.as_ref().map(|actor| crate::admin::perform(&store, actor, op))
                }
                // The console sees the agenda whole: proposals and cancelled meetups too.
                Effect::LoadAgenda { past: false, all: true } if local.actor.is_some() => {
                    Some(Event::AgendaLoaded(store.events().console(Utc::now()).map_err(log_error)))
                }
                Effect::LoadEvent(id) if local.actor.is_some() => Some(Event::EventLoaded(
                    store.events().get_any(id).map(|e| e.map(Box::new)).map_err(log_error),
                )),
                // The console reads comments as a moderator: waiting and hidden ones too.
                Effect::LoadComments(id) if local.actor.is_some() => Some(Event::CommentsLoaded(
                    id,
                    store.comments().for_article(id, None, true).map_err(log_error),
                )),
                Effect::EditExternally(doc, text) => local.terminal.as_ref().map(|t| {
                    let suffix = match doc {
                        crate::ui::Doc::Article(_) => ".md",
                        crate::ui::Doc::Space(_) => ".txt",
                    };
                    Event::Admin(crate::ui::AdminResult::Edited(doc, t.edit(&text, suffix)))
                }),
                effect => perform_one(&store, &policy, viewer, fingerprint.as_deref(), effect),
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
            // The role is read again each time: a member made moderator (or no longer) sees
            // the difference at once.
            let moderator = match viewer {
                Some(user) => store.users().is_moderator(user).unwrap_or(false),
                None => false,
            };
            Event::CommentsLoaded(id, store.comments().for_article(id, viewer, moderator).map_err(log_error))
        }
        Effect::LoadAgenda { past, all: _ } => Event::AgendaLoaded(
            if past { store.events().past(viewer, now, 200) } else { store.events().upcoming(viewer, now) }
                .map_err(log_error),
        ),
        Effect::LoadEvent(id) => {
            Event::EventLoaded(store.events().get(id, viewer).map(|e| e.map(Box::new)).map_err(log_error))
        }
        Effect::Rsvp { id, going } => Event::RsvpDone(
            id,
            match viewer {
                Some(user) => store.events().rsvp(user, id, going, now),
                None => Err(crate::store::EventError::NoHandle),
            },
        ),
        Effect::ProposeEvent(p) => Event::ProposalDone(match viewer {
            Some(user) => store.events().propose(user, &p, now),
            None => Err(crate::store::EventError::NoHandle),
        }),
        Effect::LoadMember => match viewer.map(|user| store.users().state(user)) {
            Some(Ok((handle, moderator, banned))) => Event::MemberLoaded { handle, moderator, banned },
            Some(Err(e)) => {
                log_error(e);
                return None;
            }
            None => return None,
        },
        Effect::Moderate(id, status) => Event::Moderated(match viewer {
            Some(user) => {
                store.comments().moderate_as(user, id, status).map(|_| ()).map_err(|e| e.to_string())
            }
            None => Err(PostError::NoHandle.to_string()),
        }),
        Effect::Network(op) => return network::perform(store, policy, viewer, op),
        // Performed in `perform`, where the console's own powers are.
        Effect::Admin(_) | Effect::EditExternally(..) => return None,
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
            Some(Ok(c)) => Event::CatchUpLoaded(Box::new(c)),
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
