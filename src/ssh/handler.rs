//! One SSH connection: authentication, channel requests, input routing.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use russh::keys::HashAlg;
use russh::server::{Auth, ChannelOpenHandle, Handle, Handler, Msg, Response, Session, VerifiedPublicKey};
use russh::{Channel, ChannelId, Pty};
use tokio::sync::mpsc;
use tokio::time::timeout;

use super::Shared;
use super::conn::{Busy, Ctl};
use super::gate::{Handshake, Refusal, Seat};
use super::session::{self, SessionStart};
use super::throttle::Throttle;
use crate::commands::{self, Ctx, Output};
use crate::domain::Identity;
use crate::i18n::Lang;
use crate::runtime::Input;
use crate::term::colors::ColorDepth;

/// The most text a `comment` or `reply` reads from the client: far more than any comment
/// may hold, small enough that nobody fills our memory with it.
const STDIN_MAX: usize = 64 * 1024;

pub struct Connection {
    shared: Arc<Shared>,
    peer: SocketAddr,
    ctl: Arc<Ctl>,
    /// This connection's place among those not authenticated yet, until it authenticates.
    handshake: Option<Handshake>,
    /// Its place among the sessions, once authenticated within the limits.
    seat: Option<Seat>,
    /// Authenticated over a limit: told why in its channel, then closed.
    refused: Option<Refusal>,
    /// Authentication attempts refused so far.
    rejections: usize,
    identity: Identity,
    /// A suspended member is let in only to be told so: a refused key would look like a
    /// broken setup, and OpenSSH would fall back to guest access without a word.
    banned: bool,
    /// The language the member chose in the app, which wins over the client's `LANG`.
    saved_lang: Option<Lang>,
    /// When this member came before this connection: the « since your last visit » point.
    previous_visit: Option<chrono::DateTime<chrono::Utc>>,
    channels: HashMap<ChannelId, ChannelState>,
}

#[derive(Default)]
struct ChannelState {
    size: Option<(u16, u16)>,
    term: Option<String>,
    /// The locale variables, kept apart because POSIX ranks them whatever order they came in:
    /// LC_ALL, then LC_MESSAGES, then LANG.
    lc_all: Option<String>,
    lc_messages: Option<String>,
    lang_env: Option<String>,
    colorterm: Option<String>,
    no_color: Option<String>,
    /// Set once the UI runs on this channel.
    input: Option<mpsc::Sender<Input>>,
    /// A command that reads its text from the client (`comment`, `reply`): its command line
    /// and the text received so far, until the client sends EOF.
    waiting: Option<(String, Vec<u8>)>,
    /// The input rate of this channel; created with its first bytes.
    throttle: Option<Throttle>,
    /// The input rate limit was hit and logged (once per channel).
    throttled: bool,
    /// Since when output has waited for a client that takes none (its window is full).
    stalled_since: Option<tokio::time::Instant>,
}

impl ChannelState {
    fn lang(&self, saved: Option<Lang>) -> Lang {
        saved.unwrap_or_else(|| {
            let locale = [&self.lc_all, &self.lc_messages, &self.lang_env]
                .into_iter()
                .flatten()
                .find(|v| !v.is_empty());
            locale.map(|v| Lang::from_locale(v)).unwrap_or_default()
        })
    }
}

impl Connection {
    pub fn new(shared: Arc<Shared>, peer: SocketAddr, ctl: Arc<Ctl>, handshake: Handshake) -> Self {
        Connection {
            shared,
            peer,
            ctl,
            handshake: Some(handshake),
            seat: None,
            refused: None,
            rejections: 0,
            identity: Identity::Guest,
            banned: false,
            saved_lang: None,
            previous_visit: None,
            channels: HashMap::new(),
        }
    }

    /// Runs the command `line` on `channel` with `stdin` as its input, then ends the channel.
    fn run_command(&mut self, channel: ChannelId, line: &str, stdin: String, session: &mut Session) {
        let state = self.channels.remove(&channel).unwrap_or_default();
        let lang = state.lang(self.saved_lang);
        let pty = state.size.is_some();
        let shared = self.shared.clone();
        let viewer = self.identity.user_id();
        let fingerprint = match &self.identity {
            Identity::Member { fingerprint, .. } => Some(fingerprint.clone()),
            Identity::Guest => None,
        };
        let handle = session.handle();
        let line = line.to_string();
        let busy = self.ctl.busy();
        let send_timeout = self.shared.limits.stalled_client_timeout;
        tokio::spawn(async move {
            let out = match commands::split(&line) {
                Some(args) => tokio::task::spawn_blocking(move || {
                    let ctx = Ctx {
                        store: &shared.store,
                        lang,
                        viewer,
                        fingerprint: fingerprint.as_deref(),
                        stdin: &stdin,
                        policy: &shared.policy,
                    };
                    commands::run(&ctx, &args)
                })
                .await
                .unwrap_or_else(|_| Output { status: 1, ..Default::default() }),
                None => Output {
                    stderr: match lang {
                        Lang::Fr => "cedille : guillemets non fermés.\n".into(),
                        Lang::En => "cedille: unbalanced quotes.\n".into(),
                    },
                    status: 2,
                    ..Default::default()
                },
            };
            send_output(handle, channel, out, pty, send_timeout, busy).await;
        });
    }

    /// Ends `channel` at once with `out`, without running anything.
    fn finish(&mut self, channel: ChannelId, out: Output, session: &mut Session) {
        let pty = self.channels.remove(&channel).is_some_and(|s| s.size.is_some());
        let handle = session.handle();
        let busy = self.ctl.busy();
        let send_timeout = self.shared.limits.stalled_client_timeout;
        tokio::spawn(send_output(handle, channel, out, pty, send_timeout, busy));
    }

    /// Tells a suspended member so and ends the channel: on the screen when there is a pty,
    /// on stderr otherwise.
    fn refuse_suspended(&mut self, channel: ChannelId, session: &mut Session) {
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

    /// Tells a client authenticated over a session limit why it cannot stay, and ends the
    /// channel; the connection goes soon after. True when it was refused.
    fn tell_refused(&mut self, channel: ChannelId, session: &mut Session) -> bool {
        let Some(refusal) = self.refused else {
            return false;
        };
        let Some(state) = self.channels.get(&channel) else {
            return true;
        };
        let lang = state.lang(self.saved_lang);
        let text = match refusal {
            Refusal::SessionsPerAddress => {
                lang.too_many_sessions_here(self.shared.limits.max_sessions_per_address)
            }
            _ => lang.server_full().to_string(),
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
    fn check_stalled(&mut self, channel: ChannelId, session: &Session) {
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
            tracing::warn!(
                peer = %self.peer,
                limit = "stalled_client_timeout_secs",
                "client stopped reading, connection closed"
            );
            self.ctl.killer.kill();
        }
    }

    /// Counts a refused authentication attempt; says so once the limit is reached.
    fn rejected(&mut self) -> Auth {
        self.rejections += 1;
        if self.rejections == self.shared.limits.max_auth_attempts {
            tracing::warn!(peer = %self.peer, limit = "max_auth_attempts", "too many authentication attempts, connection closed");
        }
        Auth::reject()
    }
}

/// Sends a command's output, its exit status, EOF and close, each with a deadline.
async fn send_output(
    handle: Handle,
    channel: ChannelId,
    out: Output,
    pty: bool,
    send_timeout: Duration,
    _busy: Busy,
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
    let _ = timeout(send_timeout, handle.close(channel)).await;
}

impl Handler for Connection {
    type Error = anyhow::Error;

    async fn auth_none(&mut self, _user: &str) -> Result<Auth, Self::Error> {
        // Accepting `none` would stop OpenSSH from ever offering its keys: guests come in
        // through keyboard-interactive with no prompt instead.
        Ok(self.rejected())
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        _user: &str,
        _submethods: &str,
        _response: Option<Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        tracing::info!(peer = %self.peer, "guest authenticated");
        self.identity = Identity::Guest;
        Ok(Auth::Accept)
    }

    async fn auth_succeeded(&mut self, _session: &mut Session) -> Result<(), Self::Error> {
        let Some(handshake) = self.handshake.take() else {
            return Ok(());
        };
        match self.shared.gate.seat(handshake) {
            Ok(seat) => {
                self.seat = Some(seat);
                self.ctl.authenticated(None);
            }
            Err(refusal) => {
                tracing::warn!(peer = %self.peer, limit = refusal.limit(), "session refused: limit reached");
                self.refused = Some(refusal);
                self.ctl.authenticated(Some(refusal));
            }
        }
        Ok(())
    }

    async fn auth_publickey(&mut self, _user: &str, key: VerifiedPublicKey<'_>) -> Result<Auth, Self::Error> {
        // The signature is verified: only now may the key name its owner.
        let fingerprint = key.public_key.fingerprint(HashAlg::Sha256).to_string();
        let algorithm = key.public_key.algorithm().to_string();
        let store = self.shared.store.clone();
        let fp = fingerprint.clone();
        let owner = tokio::task::spawn_blocking(move || store.users().for_key(&fp, &algorithm)).await;
        match owner {
            Ok(Ok(owner)) => {
                if owner.banned {
                    tracing::info!(peer = %self.peer, %fingerprint, "suspended member authenticated");
                } else {
                    tracing::info!(peer = %self.peer, %fingerprint, "member authenticated");
                }
                self.banned = owner.banned;
                self.saved_lang = owner.lang.as_deref().and_then(Lang::from_code);
                self.previous_visit = owner.previous_visit;
                self.identity =
                    Identity::Member { user_id: owner.user_id, fingerprint, handle: owner.handle };
                Ok(Auth::Accept)
            }
            Ok(Err(e)) => {
                tracing::error!(peer = %self.peer, %fingerprint, "cannot look the key up: {e}");
                Ok(self.rejected())
            }
            Err(e) => {
                tracing::error!(peer = %self.peer, %fingerprint, "key lookup crashed: {e}");
                Ok(self.rejected())
            }
        }
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // Input comes through `data`; a Channel kept but never read fills up and freezes
        // the session, so it is dropped here.
        self.ctl.touch();
        self.channels.insert(channel.id(), ChannelState::default());
        drop(channel);
        reply.accept().await;
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        cols: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        match self.channels.get_mut(&channel) {
            Some(state) => {
                state.size = Some(self.shared.limits.clamp_size(cols, rows));
                state.term = Some(term.to_string());
                session.channel_success(channel)?;
            }
            None => session.channel_failure(channel)?,
        }
        Ok(())
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let Some(state) = self.channels.get_mut(&channel) else {
            session.channel_failure(channel)?;
            return Ok(());
        };
        let value = value.chars().take(256).collect::<String>();
        let accepted = match name {
            "LC_ALL" => {
                state.lc_all = Some(value);
                true
            }
            "LC_MESSAGES" => {
                state.lc_messages = Some(value);
                true
            }
            "LANG" => {
                state.lang_env = Some(value);
                true
            }
            "TERM" => {
                state.term = Some(value);
                true
            }
            "COLORTERM" => {
                state.colorterm = Some(value);
                true
            }
            "NO_COLOR" => {
                state.no_color = Some(value);
                true
            }
            n if n.starts_with("LC_") => true,
            _ => {
                tracing::debug!(peer = %self.peer, variable = name, "environment variable refused");
                false
            }
        };
        if accepted {
            session.channel_success(channel)?;
        } else {
            session.channel_failure(channel)?;
        }
        Ok(())
    }

    async fn shell_request(&mut self, channel: ChannelId, session: &mut Session) -> Result<(), Self::Error> {
        let Some(state) = self.channels.get_mut(&channel) else {
            session.channel_failure(channel)?;
            return Ok(());
        };
        if state.input.is_some() {
            session.channel_failure(channel)?;
            return Ok(());
        }
        session.channel_success(channel)?;
        self.ctl.touch();
        if self.tell_refused(channel, session) {
            return Ok(());
        }
        if self.banned {
            self.refuse_suspended(channel, session);
            return Ok(());
        }
        let Some(state) = self.channels.get_mut(&channel) else {
            return Ok(());
        };
        let Some(size) = state.size else {
            // `ssh -T host`: no screen to draw on; say what can be done instead.
            self.run_command(channel, "help", String::new(), session);
            return Ok(());
        };
        let depth =
            ColorDepth::detect(state.term.as_deref(), state.colorterm.as_deref(), state.no_color.as_deref());
        let start = SessionStart {
            identity: self.identity.clone(),
            lang: state.lang(self.saved_lang),
            previous_visit: self.previous_visit,
            depth,
            size,
            peer: self.peer.to_string(),
        };
        state.input =
            Some(session::start(self.shared.clone(), session.handle(), channel, start, self.ctl.clone()));
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if !self.channels.contains_key(&channel) {
            session.channel_failure(channel)?;
            return Ok(());
        }
        let line = String::from_utf8_lossy(data).to_string();
        if line.trim().is_empty() {
            return self.shell_request(channel, session).await;
        }
        session.channel_success(channel)?;
        self.ctl.touch();
        if self.tell_refused(channel, session) {
            return Ok(());
        }
        if self.banned {
            self.refuse_suspended(channel, session);
            return Ok(());
        }
        // Guests are refused at once by the command itself: no need to wait for their text.
        let reads_stdin = !self.identity.is_guest()
            && commands::split(&line).is_some_and(|args| commands::reads_stdin(&args));
        if reads_stdin {
            let saved = self.saved_lang;
            let Some(state) = self.channels.get_mut(&channel) else {
                return Ok(());
            };
            if state.size.is_some() {
                // In raw mode the end of the text never arrives as EOF.
                let stderr = state.lang(saved).comment_needs_no_pty().to_string();
                self.finish(channel, Output { stderr, status: 2, ..Default::default() }, session);
            } else {
                state.waiting = Some((line, Vec::new()));
            }
            return Ok(());
        }
        self.run_command(channel, &line, String::new(), session);
        Ok(())
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        tracing::info!(peer = %self.peer, subsystem = name, "refused: subsystem");
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single: bool,
        _protocol: &str,
        _cookie: &str,
        _screen: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        tracing::info!(peer = %self.peer, "refused: X11 forwarding");
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn agent_request(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        tracing::info!(peer = %self.peer, "refused: agent forwarding");
        Ok(false)
    }

    async fn channel_open_direct_tcpip(
        &mut self,
        channel: Channel<Msg>,
        host_to_connect: &str,
        port_to_connect: u32,
        _originator_address: &str,
        _originator_port: u32,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        tracing::info!(peer = %self.peer, host = host_to_connect, port = port_to_connect, "refused: TCP forwarding");
        drop(channel);
        reply.reject(russh::ChannelOpenFailure::AdministrativelyProhibited).await;
        Ok(())
    }

    async fn channel_open_direct_streamlocal(
        &mut self,
        channel: Channel<Msg>,
        _socket_path: &str,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        tracing::info!(peer = %self.peer, "refused: socket forwarding");
        drop(channel);
        reply.reject(russh::ChannelOpenFailure::AdministrativelyProhibited).await;
        Ok(())
    }

    async fn channel_open_x11(
        &mut self,
        channel: Channel<Msg>,
        _originator_address: &str,
        _originator_port: u32,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        tracing::info!(peer = %self.peer, "refused: X11 channel");
        drop(channel);
        reply.reject(russh::ChannelOpenFailure::AdministrativelyProhibited).await;
        Ok(())
    }

    async fn tcpip_forward(
        &mut self,
        address: &str,
        port: &mut u32,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        tracing::info!(peer = %self.peer, address, port = *port, "refused: remote forwarding");
        Ok(false)
    }

    async fn streamlocal_forward(
        &mut self,
        _socket_path: &str,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        tracing::info!(peer = %self.peer, "refused: remote socket forwarding");
        Ok(false)
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        cols: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.ctl.touch();
        self.check_stalled(channel, session);
        if let Some(state) = self.channels.get_mut(&channel) {
            let (c, r) = self.shared.limits.clamp_size(cols, rows);
            state.size = Some((c, r));
            if let Some(input) = &state.input {
                let _ = input.send(Input::Resize(c, r)).await;
            }
        }
        Ok(())
    }

    async fn data(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.ctl.touch();
        self.check_stalled(channel, session);
        let saved = self.saved_lang;
        let rate = self.shared.limits.input_bytes_per_sec;
        let Some(state) = self.channels.get_mut(&channel) else {
            return Ok(());
        };
        // Waiting here reads nothing more from this client meanwhile: a flood slows its sender.
        if let Some(wait) = state.throttle.get_or_insert_with(|| Throttle::new(rate)).take(data.len()) {
            if !std::mem::replace(&mut state.throttled, true) {
                tracing::warn!(peer = %self.peer, limit = "input_bytes_per_sec", "input rate limit reached, input slowed");
            }
            tokio::time::sleep(wait).await;
        }
        let Some(state) = self.channels.get_mut(&channel) else {
            return Ok(());
        };
        if let Some((_, text)) = state.waiting.as_mut() {
            if text.len() + data.len() > STDIN_MAX {
                let stderr = state.lang(saved).input_too_long(STDIN_MAX / 1024);
                // The channel's state goes: whatever else the client sends is dropped.
                self.finish(channel, Output { stderr, status: 1, ..Default::default() }, session);
            } else {
                text.extend_from_slice(data);
            }
            return Ok(());
        }
        if let Some(input) = state.input.as_ref() {
            // Waiting here pushes back on a client that types faster than the UI reads.
            let _ = input.send(Input::Bytes(data.to_vec())).await;
        }
        Ok(())
    }

    async fn window_adjusted(
        &mut self,
        channel: ChannelId,
        _new_size: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // The client took some output: it is reading.
        if let Some(state) = self.channels.get_mut(&channel) {
            state.stalled_since = None;
        }
        Ok(())
    }

    async fn channel_eof(&mut self, channel: ChannelId, session: &mut Session) -> Result<(), Self::Error> {
        if let Some(state) = self.channels.get_mut(&channel) {
            if let Some((line, text)) = state.waiting.take() {
                let stdin = String::from_utf8_lossy(&text).into_owned();
                self.run_command(channel, &line, stdin, session);
                return Ok(());
            }
            state.input = None;
        }
        Ok(())
    }

    async fn channel_close(&mut self, channel: ChannelId, _session: &mut Session) -> Result<(), Self::Error> {
        self.channels.remove(&channel);
        Ok(())
    }
}
