//! The SSH server: russh underneath, one tokio task per connection, one per interactive
//! session. Identity comes only from a verified signature; everything else a client asks
//! for beyond a shell, a pty, window changes, a few environment variables and our own
//! commands is refused.

mod bans;
mod channels;
mod conn;
mod files;
mod gate;
mod handler;
pub mod hostkey;
mod input;
mod kill;
mod limits;
mod paced;
mod session;
mod throttle;

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use russh::keys::PrivateKey;
use russh::server::Config;
use russh::{MethodKind, MethodSet};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::time::{Instant, timeout};
use tracing::Instrument;

pub use files::{OpenFiles, raise_open_files};
pub use gate::Refusal;
pub use limits::Limits;

use crate::domain::comment::CommentPolicy;
use crate::observe::{Beacon, Metrics};
use crate::runtime::Workers;
use crate::store::Store;
use gate::Gate;
use kill::{Killable, Killer};

/// What every connection shares.
pub struct Shared {
    pub store: Store,
    /// The rules of posting comments, set by the operator (`--moderation`).
    pub policy: CommentPolicy,
    pub limits: Limits,
    /// What members type after `ssh` to come here: in the examples the server shows.
    pub public_address: String,
    /// The blocking threads members' effects and commands share; logins and the start of
    /// a session keep the rest of tokio's pool.
    pub workers: Workers,
    /// Counted for the metrics endpoint and `cedille status`.
    pub metrics: Arc<Metrics>,
    gate: Arc<Gate>,
    /// The members' open connections, which a suspension ends.
    bans: Arc<bans::Bans>,
    /// Becomes `true` when the server stops.
    stop: watch::Receiver<bool>,
}

/// The russh settings, with the defaults that hurt changed; why each one, below.
pub fn config(host_key: PrivateKey) -> Config {
    config_with(host_key, &Limits::default())
}

fn config_with(host_key: PrivateKey, limits: &Limits) -> Config {
    Config {
        keys: vec![host_key],
        methods: MethodSet::from(&[MethodKind::PublicKey, MethodKind::KeyboardInteractive][..]),
        // OpenSSH's first `none` attempt would otherwise wait a second.
        auth_rejection_time: Duration::from_millis(300),
        auth_rejection_time_initial: Some(Duration::ZERO),
        // Quiet readers are members too: idleness is the application's business. This only
        // fires when keepalives go unanswered, or when a write to the client's socket makes
        // no progress (russh then waits on it, keepalives included).
        inactivity_timeout: Some(limits.keepalive_interval + limits.stalled_client_timeout),
        // Keepalives notice a client that vanished without closing its side.
        keepalive_interval: Some(limits.keepalive_interval),
        keepalive_max: limits.keepalive_max,
        max_auth_attempts: limits.max_auth_attempts,
        nodelay: true,
        ..Default::default()
    }
}

/// Accepts connections on `listener` until `shutdown` completes, with the default limits.
pub async fn serve(
    listener: TcpListener,
    store: Store,
    host_key: PrivateKey,
    policy: CommentPolicy,
    shutdown: impl Future<Output = ()>,
) {
    serve_with(listener, store, host_key, policy, Limits::default(), shutdown).await;
}

/// Accepts connections on `listener` until `shutdown` completes; then tells every member
/// the server restarts, lets what is under way finish, and returns within
/// [`SHUTDOWN_DEADLINE`].
pub async fn serve_with(
    listener: TcpListener,
    store: Store,
    host_key: PrivateKey,
    policy: CommentPolicy,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let settings = Settings { policy, limits, public_address: None, metrics: None };
    serve_configured(listener, store, host_key, settings, shutdown).await;
}

/// What the operator sets for a server beyond its database and host key.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub policy: CommentPolicy,
    pub limits: Limits,
    /// `None`: derived from the address `listener` is bound to.
    pub public_address: Option<String>,
    /// What the server counts, when someone else reads it too (the metrics endpoint);
    /// `None`: counted for the server's row in the database only.
    pub metrics: Option<Arc<Metrics>>,
}

/// [`serve_with`], with every setting.
pub async fn serve_configured(
    listener: TcpListener,
    store: Store,
    host_key: PrivateKey,
    settings: Settings,
    shutdown: impl Future<Output = ()>,
) {
    let Settings { policy, limits, public_address, metrics } = settings;
    let listening = listener.local_addr().map(|a| a.to_string()).unwrap_or_default();
    let public_address = public_address.unwrap_or_else(|| crate::domain::address::from_listen(&listening));
    let metrics = metrics.unwrap_or_else(|| Metrics::new(store.path()));
    store.time_writes(Some(metrics.write_timer()));
    let beacon = Beacon::start(store.clone(), metrics.clone(), listening).await;
    let config = Arc::new(config_with(host_key, &limits));
    let (stop_tx, stop) = watch::channel(false);
    let gate = Gate::new(limits.clone());
    let bans = Arc::new(bans::Bans::default());
    let enforcer = tokio::spawn(bans::enforce(bans.clone(), store.clone(), stop.clone()));
    let workers = Workers::default();
    let shared = Arc::new(Shared {
        store,
        policy,
        limits,
        public_address,
        workers,
        metrics,
        gate: gate.clone(),
        bans,
        stop,
    });
    let live = Arc::new(Live::default());
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((socket, peer)) => {
                    let handshake = match gate.handshake(peer.ip()) {
                        Ok(h) => h,
                        Err(refusal) => {
                            turned_away(&gate, &shared.metrics, peer, refusal);
                            drop(socket);
                            continue;
                        }
                    };
                    let _ = socket.set_nodelay(true);
                    tracing::info!(%peer, "connection");
                    let (stream, killer) = Killable::new(socket);
                    let ctl = Arc::new(conn::Ctl::new(killer.clone()));
                    let handler = handler::Connection::new(shared.clone(), peer, ctl.clone(), handshake);
                    let config = config.clone();
                    let shared = shared.clone();
                    let entry = (live.enter(killer), shared.metrics.connection());
                    let span = tracing::info_span!("conn", %peer);
                    tokio::spawn(
                        async move {
                            let _entry = entry;
                            connection(config, stream, handler, shared, ctl).await;
                        }
                        .instrument(span),
                    );
                }
                Err(e) => {
                    // Out of file descriptors and the like: wait a little, keep serving.
                    tracing::warn!("accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            },
        }
    }
    drop(listener);
    drain(&live, &stop_tx).await;
    enforcer.abort();
    beacon.stop().await;
    tracing::info!("stopped");
}

/// A connection refused before any SSH exchange: there is no way to say why but the log,
/// with the prefix, which is what an operator blocks.
fn turned_away(gate: &Gate, metrics: &Metrics, peer: std::net::SocketAddr, refusal: Refusal) {
    let prefix = gate.prefix(peer.ip());
    let said = gate.refused(peer.ip(), refusal);
    metrics.refused(refusal.limit());
    tracing::warn!(%peer, %prefix, limit = refusal.limit(), "connection {said}");
}

/// Tells every connection the server stops, and waits for them to end; cuts those still
/// open after the grace.
async fn drain(live: &Live, stop_tx: &watch::Sender<bool>) {
    let open = live.count();
    tracing::info!(connections = open, "stopping: no new connections, telling members");
    let _ = stop_tx.send(true);
    let mut count = live.count.subscribe();
    if timeout(conn::STOP_GRACE + Duration::from_millis(1200), count.wait_for(|n| *n == 0)).await.is_err() {
        let left = live.kill_all();
        tracing::warn!(connections = left, "stopping: connections still open were cut");
        let _ = timeout(Duration::from_millis(500), count.wait_for(|n| *n == 0)).await;
    }
}

/// One connection: the SSH handshake within `handshake_timeout`, then the session until
/// it ends, is cut, or the server stops.
async fn connection(
    config: Arc<Config>,
    stream: Killable<tokio::net::TcpStream>,
    handler: handler::Connection,
    shared: Arc<Shared>,
    ctl: Arc<conn::Ctl>,
) {
    let deadline = Instant::now() + shared.limits.handshake_timeout;
    let stream = paced::Paced::new(stream, shared.limits.connection_bytes_per_sec());
    let mut stop = shared.stop.clone();
    let running = tokio::select! {
        r = russh::server::run_stream(config, stream, handler) => r,
        _ = tokio::time::sleep_until(deadline) => {
            shared.metrics.refused("handshake_timeout_secs");
            tracing::warn!(limit = "handshake_timeout_secs", "no SSH greeting in time, connection closed");
            return;
        }
        _ = conn::stopping(&mut stop) => return,
    };
    let running = match running {
        Ok(running) => running,
        Err(e) => {
            tracing::debug!("handshake failed: {e}");
            return;
        }
    };
    let handle = running.handle();
    tokio::select! {
        ended = running => match ended {
            Ok(()) => tracing::info!("connection ended"),
            Err(e) => tracing::info!("connection ended: {e}"),
        },
        _ = conn::watch(&ctl, handle, &shared, deadline) => {}
    }
}

/// How long `serve_with` may take to return once told to stop.
pub const SHUTDOWN_DEADLINE: Duration = Duration::from_secs(5);

/// The connections alive now, to wait for them or cut them at a stop.
#[derive(Default)]
struct Live {
    next: AtomicU64,
    killers: Mutex<HashMap<u64, Killer>>,
    count: watch::Sender<usize>,
}

impl Live {
    fn enter(self: &Arc<Self>, killer: Killer) -> LiveEntry {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut k) = self.killers.lock() {
            k.insert(id, killer);
        }
        self.count.send_modify(|n| *n += 1);
        LiveEntry { live: self.clone(), id }
    }

    fn count(&self) -> usize {
        *self.count.borrow()
    }

    fn kill_all(&self) -> usize {
        let killers: Vec<Killer> = match self.killers.lock() {
            Ok(k) => k.values().cloned().collect(),
            Err(_) => Vec::new(),
        };
        for k in &killers {
            k.kill();
        }
        killers.len()
    }
}

struct LiveEntry {
    live: Arc<Live>,
    id: u64,
}

impl Drop for LiveEntry {
    fn drop(&mut self) {
        if let Ok(mut k) = self.live.killers.lock() {
            k.remove(&self.id);
        }
        self.live.count.send_modify(|n| *n = n.saturating_sub(1));
    }
}
