//! What a connection does outside russh's callbacks: running a command without a pty,
//! refusing a suspended member or a connection over a limit, noticing a stalled reader.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use russh::ChannelId;
use russh::server::{Auth, Handle, Session};
use tokio::time::timeout;

use crate::commands::{self, Ctx, Output};
use crate::domain::Identity;
use crate::domain::member::CharsetChoice;
use crate::i18n::Lang;
use crate::runtime::Workers;
use crate::ssh::Shared;
use crate::ssh::channels::{ChannelRefusal, Channels, Slot};
use crate::ssh::conn::{Busy, Ctl};
use crate::ssh::gate::{Handshake, Refusal};

use super::Connection;

impl Connection {
    pub fn new(shared: Arc<Shared>, peer: SocketAddr, ctl: Arc<Ctl>, handshake: Handshake) -> Self {
        Connection {
            shared,
            peer,
            ctl,
            handshake: Some(handshake),
            seat: None,
            refused: None,
            open: Channels::new(),
            channel_refused_logged: false,
            refusals_logged: Default::default(),
            rejections: 0,
            identity: Identity::Guest,
            banned: false,
            saved_lang: None,
            saved_line: false,
            saved_charset: CharsetChoice::Auto,
            previous_visit: None,
            channels: HashMap::new(),
        }
    }

    /// Runs the command `line` on `channel` with `stdin` as its input, then ends the channel.
    pub(super) fn run_command(
        &mut self,
        channel: ChannelId,
        line: &str,
        stdin: String,
        session: &mut Session,
    ) {
        let mut state = self.channels.remove(&channel).unwrap_or_default();
        let lang = state.lang(self.saved_lang);
        let pty = state.size.is_some();
        let slot = state.slot.take();
        let shared = self.shared.clone();
        let workers = self.shared.workers.clone();
        let viewer = self.identity.user_id();
        let fingerprint = self.identity.fingerprint().map(str::to_string);
        let handle = session.handle();
        let line = line.to_string();
        let busy = self.ctl.busy();
        let ctl = self.ctl.clone();
        let send_timeout = self.shared.limits.stalled_client_timeout;
        let peer = self.peer;
        let task = async move {
            let out = match commands::split(&line) {
                // Members' work: in their share of threads, never in the way of a login.
                Some(args) => Workers::run(&workers, move || {
                    let ctx = Ctx {
                        store: &shared.store,
                        lang,
                        viewer,
                        fingerprint: fingerprint.as_deref(),
                        stdin: &stdin,
                        policy: &shared.policy,
                        public_address: &shared.public_address,
                    };
                    commands::run(&ctx, &args)
                })
                .await
                .unwrap_or_else(|_| {
                    // The command did not end (its thread failed): said, not left silent.
                    let stderr = format!("{}\n", lang.fault(crate::domain::Fault::Broken));
                    Output { stderr, status: 1, ..Default::default() }
                }),
                None => Output {
                    stderr: match lang {
                        Lang::Fr => "cedille : guillemets non fermés.\n".into(),
                        Lang::En => "cedille: unbalanced quotes.\n".into(),
                    },
                    status: 2,
                    refused: Some("unbalanced quotes"),
                    ..Default::default()
                },
            };
            log_refused(&line, &out, peer);
            // Suspended since connecting: told so on this channel, then the connection ends.
            if out.suspended && ctl.suspend() {
                tracing::info!("command of a suspended member refused");
            }
            send_output(handle, channel, out, pty, send_timeout, (busy, slot)).await;
        };
        tokio::spawn(task);
    }

    /// Ends `channel` at once with `out`, without running anything.
    pub(super) fn finish(&mut self, channel: ChannelId, out: Output, session: &mut Session) {
        if let Some(reason) = out.refused {
            tracing::info!(peer = %self.peer, reason, "command refused");
        }
        let mut state = self.channels.remove(&channel).unwrap_or_default();
        let pty = state.size.is_some();
        let held = (self.ctl.busy(), state.slot.take());
        let handle = session.handle();
        let send_timeout = self.shared.limits.stalled_client_timeout;
        tokio::spawn(send_output(handle, channel, out, pty, send_timeout, held));
    }

    /// Tells a suspended member so and ends the channel: on the screen when there is a pty,
    /// on stderr otherwise.
    pub(super) fn refuse_suspended(&mut self, channel: ChannelId, session: &mut Session) {
        let Some(state) = self.channels.get(&channel) else {
            return;
        };
        let message = format!("{}\n", state.lang(self.saved_lang).suspended());
        let out = if state.size.is_some() {
            Output { stdout: message, status: 1, ..Default::default() }
        } else {
            Output { stderr: message, status: 1, ..Default::default() }
        };
        tracing::info!(peer = %self.peer, "suspended member told so");
        self.finish(channel, out, session);
    }

    /// Tells a client over a limit why it cannot have this channel, and ends the channel:
    /// a connection authenticated over a session limit (it goes soon after), or a channel
    /// opened over one. True when it was refused.
    pub(super) fn tell_refused(&mut self, channel: ChannelId, session: &mut Session) -> bool {
        let Some(state) = self.channels.get(&channel) else {
            return self.refused.is_some();
        };
        let Some(refusal) = self.refused.map(ChannelRefusal::Sessions).or(state.refused) else {
            return false;
        };
        let lang = state.lang(self.saved_lang);
        let limits = &self.shared.limits;
        let text = match refusal {
            ChannelRefusal::PerConnection => lang.too_many_channels(limits.max_channels_per_connection),
            ChannelRefusal::Sessions(Refusal::SessionsPerAddress) => {
                lang.too_many_sessions_here(limits.max_sessions_per_address)
            }
            ChannelRefusal::Sessions(Refusal::SessionsPerPrefix) => {
                lang.too_many_sessions_here(limits.max_sessions_per_prefix)
            }
            ChannelRefusal::Sessions(_) => lang.server_full().to_string(),
        };
        let message = format!("{text}\n");
        let out = if state.size.is_some() {
            Output { stdout: message, status: 1, ..Default::default() }
        } else {
            Output { stderr: message, status: 1, ..Default::default() }
        };
        self.finish(channel, out, session);
        true
    }

    /// A client that keeps sending but takes none of our output never lets russh's own
    /// timers fire: checked each time it sends something.
    pub(super) fn check_stalled(&mut self, channel: ChannelId, session: &Session) {
        let limit = self.shared.limits.stalled_client_timeout;
        let Some(state) = self.channels.get_mut(&channel) else {
            return;
        };
        if !session.has_pending_data(channel) {
            state.stalled_since = None;
            return;
        }
        let since = *state.stalled_since.get_or_insert_with(tokio::time::Instant::now);
        if since.elapsed() >= limit && !self.ctl.killer.is_killed() {
            self.shared.metrics.refused("stalled_client_timeout_secs");
            tracing::warn!(
                peer = %self.peer,
                limit = "stalled_client_timeout_secs",
                "client stopped reading, connection closed"
            );
            self.ctl.killer.kill();
        }
    }

    /// Pays `cost` bytes from the channel's input budget; over it, waits. Nothing more is
    /// read from this client meanwhile: a flood, of keys or of requests, slows its sender.
    pub(super) async fn pace(&mut self, channel: ChannelId, cost: usize) {
        let rate = self.shared.limits.input_bytes_per_sec;
        let Some((wait, first)) = self.channels.get_mut(&channel).and_then(|s| s.pay(cost, rate)) else {
            return;
        };
        if first {
            tracing::warn!(peer = %self.peer, limit = "input_bytes_per_sec", "input rate limit reached, input slowed");
        }
        tokio::time::sleep(wait).await;
    }

    /// Logs a channel refused over `limit`, once per connection: a client opening channels
    /// in a loop does not fill the log.
    pub(super) fn channel_refused(&mut self, limit: &'static str) {
        self.shared.metrics.refused(limit);
        if !std::mem::replace(&mut self.channel_refused_logged, true) {
            tracing::warn!(peer = %self.peer, limit, "channel refused: limit reached");
        }
    }

    /// Whether this is the connection's first refused request of this `kind`: only that one
    /// is logged, so that a client repeating a refused request does not fill the log.
    pub(super) fn first_refusal(&mut self, kind: &'static str) -> bool {
        self.refusals_logged.insert(kind)
    }

    /// Counts a refused authentication attempt; says so once the limit is reached.
    pub(super) fn rejected(&mut self) -> Auth {
        self.rejections += 1;
        if self.rejections == self.shared.limits.max_auth_attempts {
            self.shared.metrics.refused("max_auth_attempts");
            tracing::warn!(peer = %self.peer, limit = "max_auth_attempts", "too many authentication attempts, connection closed");
        }
        Auth::reject()
    }
}

/// Logs a command that was refused, with why and its name (cleaned, cut short: a name
/// nobody knows is still the client's text) — never its arguments or its input.
fn log_refused(line: &str, out: &Output, peer: SocketAddr) {
    let Some(reason) = out.refused else { return };
    let name = commands::split(line).and_then(|args| args.into_iter().next()).unwrap_or_default();
    let command: String = crate::text::clean::clean_line(&name).chars().take(32).collect();
    tracing::info!(%peer, command, reason, status = out.status, "command refused");
}

/// Sends a command's output, its exit status, EOF and close, each with a deadline. `held`:
/// the command counted as running on the connection, and the channel's place, given back
/// before the close so that a client waiting for it finds the place free.
pub(super) async fn send_output(
    handle: Handle,
    channel: ChannelId,
    out: Output,
    pty: bool,
    send_timeout: Duration,
    held: (Busy, Option<Slot>),
) {
    // With a pty the client's terminal expects CR LF.
    let fix = |s: String| if pty { s.replace('\n', "\r\n") } else { s };
    if !out.stdout.is_empty() {
        let _ = timeout(send_timeout, handle.data(channel, fix(out.stdout).into_bytes())).await;
    }
    if !out.stderr.is_empty() {
        let _ = timeout(send_timeout, handle.extended_data(channel, 1, fix(out.stderr).into_bytes())).await;
    }
    let _ = timeout(send_timeout, handle.exit_status_request(channel, out.status)).await;
    let _ = timeout(send_timeout, handle.eof(channel)).await;
    let (_busy, slot) = held;
    if let Some(slot) = slot {
        slot.release();
    }
    let _ = timeout(send_timeout, handle.close(channel)).await;
}
