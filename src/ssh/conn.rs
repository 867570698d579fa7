//! What watches one connection from outside russh: the handshake deadline, the refused
//! session, idleness without a screen, a suspension, and the server's stop. Each ends the
//! same way, by cutting the socket, after telling the client where SSH lets us.

use std::sync::Mutex;
use std::time::Duration;

use russh::Disconnect;
use russh::server::Handle;
use tokio::sync::watch;
use tokio::time::{Instant, sleep, sleep_until, timeout};

use super::bans::{Bans, Listed};
use super::gate::Refusal;
use super::kill::Killer;
use super::{Limits, Shared};
use crate::i18n::Lang;
use crate::observe::Metrics;

/// How long a client refused for a full server keeps its connection: time to read why.
const REFUSED_GRACE: Duration = Duration::from_secs(5);
/// Idleness is the session's to handle, with its warning; the connection is cut only if
/// the session did not end it first (no screen, or a client that keeps the link open).
const IDLE_GRACE: Duration = Duration::from_secs(5);
/// At a stop, how long commands and sessions under way have to finish.
pub const STOP_GRACE: Duration = Duration::from_millis(2500);
/// Time for a disconnect message to leave before the socket is cut.
const DISCONNECT_GRACE: Duration = Duration::from_millis(500);
/// A suspended member's interactive sessions say why on their screen and end by
/// themselves, and a command already running finishes; this bounds the wait for both.
const SUSPENDED_GRACE: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Handshake,
    Member,
    Refused(Refusal),
}

/// Shared between a connection's handler, its sessions and its watchdog.
pub struct Ctl {
    pub killer: Killer,
    phase: watch::Sender<Phase>,
    /// Sessions and commands running on this connection.
    busy: watch::Sender<usize>,
    last_input: Mutex<Instant>,
    /// The member was suspended while connected: the connection ends.
    suspended: watch::Sender<bool>,
    /// Its place among the members' connections that a suspension reaches.
    listed: Mutex<Option<Listed>>,
}

impl Ctl {
    pub fn new(killer: Killer) -> Self {
        Ctl {
            killer,
            phase: watch::channel(Phase::Handshake).0,
            busy: watch::channel(0).0,
            last_input: Mutex::new(Instant::now()),
            suspended: watch::channel(false).0,
            listed: Mutex::new(None),
        }
    }

    /// The connection is member `user`'s: a suspension of theirs ends it.
    pub fn member(self: &std::sync::Arc<Self>, bans: &std::sync::Arc<Bans>, user: i64) {
        let place = bans.list(user, self);
        if let Ok(mut listed) = self.listed.lock() {
            *listed = Some(place);
        }
    }

    /// Ends the connection of a member suspended since they connected; `false` if it was
    /// already ending for that.
    pub fn suspend(&self) -> bool {
        !self.suspended.send_replace(true)
    }

    pub fn is_suspended(&self) -> bool {
        *self.suspended.borrow()
    }

    /// Authentication succeeded; `refused` says the client may not stay.
    pub fn authenticated(&self, refused: Option<Refusal>) {
        self.phase.send_replace(refused.map_or(Phase::Member, Phase::Refused));
    }

    /// The client sent something: idleness starts again.
    pub fn touch(&self) {
        if let Ok(mut t) = self.last_input.lock() {
            *t = Instant::now();
        }
    }

    fn last_input(&self) -> Instant {
        self.last_input.lock().map(|t| *t).unwrap_or_else(|_| Instant::now())
    }

    /// Marks a session or command as running until the returned guard drops.
    pub fn busy(self: &std::sync::Arc<Self>) -> Busy {
        self.busy.send_modify(|n| *n += 1);
        Busy(self.clone())
    }
}

pub struct Busy(std::sync::Arc<Ctl>);

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.busy.send_modify(|n| *n = n.saturating_sub(1));
    }
}

/// Resolves once `stop` says the server stops (never if its sender is gone unsaid).
pub async fn stopping(stop: &mut watch::Receiver<bool>) {
    if stop.wait_for(|s| *s).await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// Watches the connection; never returns (the connection's end drops it).
pub async fn watch(ctl: &Ctl, handle: Handle, shared: &Shared, handshake_deadline: Instant) {
    let (limits, mut stop) = (&shared.limits, shared.stop.clone());
    let mut phase = ctl.phase.subscribe();
    tokio::select! {
        _ = phase.wait_for(|p| *p != Phase::Handshake) => {}
        _ = sleep_until(handshake_deadline) => {
            shared.metrics.refused("handshake_timeout_secs");
            tracing::warn!(limit = "handshake_timeout_secs", "authentication not finished in time, connection closed");
            ctl.killer.kill();
        }
        _ = stopping(&mut stop) => ctl.killer.kill(),
    }
    let refused = match *phase.borrow() {
        Phase::Refused(r) => Some(r),
        _ => None,
    };
    if !ctl.killer.is_killed() {
        if refused.is_some() {
            // The handler tells the client in its channel; this bounds the wait.
            tokio::select! {
                _ = sleep(REFUSED_GRACE) => {}
                _ = stopping(&mut stop) => {}
            }
            ctl.killer.kill();
        } else {
            member(ctl, &handle, (limits, &shared.metrics), &mut stop).await;
        }
    }
    std::future::pending::<()>().await
}

async fn member(
    ctl: &Ctl,
    handle: &Handle,
    (limits, metrics): (&Limits, &Metrics),
    stop: &mut watch::Receiver<bool>,
) {
    let mut suspended = ctl.suspended.subscribe();
    loop {
        let idle_at = ctl.last_input() + limits.idle_timeout + IDLE_GRACE;
        tokio::select! {
            _ = sleep_until(idle_at) => {
                if ctl.last_input() + limits.idle_timeout + IDLE_GRACE <= Instant::now() {
                    metrics.refused("idle_timeout_secs");
                    tracing::info!(limit = "idle_timeout_secs", "idle connection closed");
                    let minutes = limits.idle_timeout.as_secs() / 60;
                    let text = format!("{} / {}", Lang::Fr.idle_closed(minutes), Lang::En.idle_closed(minutes));
                    disconnect(ctl, handle, text).await;
                    return;
                }
            }
            _ = stopping(stop) => {
                // Sessions say goodbye themselves and commands finish; then the link goes.
                let mut busy = ctl.busy.subscribe();
                let _ = timeout(STOP_GRACE, busy.wait_for(|n| *n == 0)).await;
                let text = format!("{} / {}", Lang::Fr.restarting(), Lang::En.restarting());
                disconnect(ctl, handle, text).await;
                return;
            }
            // The Ref the wait gives back is not Send: dropped before the branch goes on.
            _ = async { suspended.wait_for(|s| *s).await.is_ok() } => {
                tracing::info!("member suspended, connection closed");
                let mut busy = ctl.busy.subscribe();
                let _ = timeout(SUSPENDED_GRACE, busy.wait_for(|n| *n == 0)).await;
                let text = format!("{} / {}", Lang::Fr.suspended(), Lang::En.suspended());
                disconnect(ctl, handle, text).await;
                return;
            }
        }
    }
}

/// Says goodbye at the SSH level (OpenSSH prints it), then cuts the socket.
async fn disconnect(ctl: &Ctl, handle: &Handle, text: String) {
    let _ =
        timeout(DISCONNECT_GRACE, handle.disconnect(Disconnect::ByApplication, text, String::new())).await;
    sleep(DISCONNECT_GRACE).await;
    ctl.killer.kill();
}
