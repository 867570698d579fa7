//! One SSH connection: authentication, channel requests, input routing.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use russh::keys::HashAlg;
use russh::server::{Auth, ChannelOpenHandle, Handler, Msg, Response, Session, VerifiedPublicKey};
use russh::{Channel, ChannelId, ChannelOpenFailure, Pty};

use super::Shared;
use super::channels::Channels;
use super::conn::Ctl;
use super::gate::{Handshake, Refusal, Seat};
use crate::commands::{self, Output};
use crate::domain::Identity;
use crate::domain::member::CharsetChoice;
use crate::i18n::Lang;
use channel::{ChannelState, REQUEST_COST};

mod actions;
mod channel;
mod start;

/// The most text a `comment` or `reply` reads from the client: far more than any comment
/// may hold, small enough that nobody fills our memory with it.
const STDIN_MAX: usize = 64 * 1024;

/// Channels over a limit kept open at once to be told why (at their first shell or
/// command); beyond them a new channel is refused outright, so that refusals cost nothing.
const REFUSED_HELD: usize = 2;

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
    /// The places its channels hold among the sessions.
    open: std::sync::Arc<Channels>,
    /// A channel was refused and that was logged (once per connection).
    channel_refused_logged: bool,
    /// The kinds of refused requests logged so far: each is logged once per connection.
    refusals_logged: std::collections::HashSet<&'static str>,
    /// Authentication attempts refused so far.
    rejections: usize,
    identity: Identity,
    /// A suspended member is let in only to be told so: a refused key would look like a
    /// broken setup, and OpenSSH would fall back to guest access without a word.
    banned: bool,
    /// The language the member chose in the app, which wins over the client's `LANG`.
    saved_lang: Option<Lang>,
    /// The member chose line mode for every session.
    saved_line: bool,
    /// The characters the member said their terminal shows.
    saved_charset: CharsetChoice,
    /// When this member came before this connection: the « since your last visit » point.
    previous_visit: Option<chrono::DateTime<chrono::Utc>>,
    channels: HashMap<ChannelId, ChannelState>,
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
                self.shared.metrics.refused(refusal.limit());
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
        // Straight to tokio's blocking pool, not through `runtime::Workers`: members' work
        // holds only that share of it, so a login never waits behind their keys.
        let owner = tokio::task::spawn_blocking(move || store.users().for_key(&fp, &algorithm)).await;
        match owner {
            Ok(Ok(owner)) => {
                if owner.banned {
                    tracing::info!(peer = %self.peer, %fingerprint, "suspended member authenticated");
                } else {
                    tracing::info!(peer = %self.peer, %fingerprint, "member authenticated");
                }
                self.banned = owner.banned;
                if !owner.banned {
                    self.ctl.member(&self.shared.bans, owner.user_id);
                }
                self.saved_lang = owner.lang.as_deref().and_then(Lang::from_code);
                self.saved_line = owner.line_mode;
                self.saved_charset = owner.charset;
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
        let id = channel.id();
        drop(channel);
        // Channels whose session or command the server ended: their state goes now, as the
        // client may never close them.
        self.channels.retain(|_, state| !state.ended());
        let max = self.shared.limits.max_channels_per_connection;
        if self.channels.len() >= max + REFUSED_HELD {
            self.channel_refused("max_channels_per_connection");
            reply.reject(ChannelOpenFailure::ResourceShortage).await;
            return Ok(());
        }
        let mut state = ChannelState::default();
        // A connection over a session limit takes no place: its channel tells it why.
        if self.refused.is_none() {
            match self.open.open(&self.shared.gate, self.peer.ip(), max) {
                Ok(slot) => state.slot = Some(slot),
                Err(refusal) => {
                    self.channel_refused(refusal.limit());
                    state.refused = Some(refusal);
                }
            }
        }
        self.channels.insert(id, state);
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
        self.pace(channel, REQUEST_COST).await;
        let size = self.shared.limits.clamp_size(cols, rows);
        // One pty per channel, before its shell: a second one is refused.
        if self.channels.get_mut(&channel).is_some_and(|state| state.set_pty(term, size)) {
            session.channel_success(channel)?;
        } else {
            session.channel_failure(channel)?;
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
        self.pace(channel, REQUEST_COST).await;
        let taken = self.channels.get_mut(&channel).is_some_and(|state| state.set_env(name, value));
        if taken {
            session.channel_success(channel)?;
        } else {
            tracing::debug!(peer = %self.peer, variable = name, "environment variable refused");
            session.channel_failure(channel)?;
        }
        Ok(())
    }

    async fn shell_request(&mut self, channel: ChannelId, session: &mut Session) -> Result<(), Self::Error> {
        self.start_shell(channel, false, session)
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.channels.get(&channel).is_none_or(ChannelState::started) {
            session.channel_failure(channel)?;
            return Ok(());
        }
        let line = String::from_utf8_lossy(data).to_string();
        if line.trim().is_empty() {
            return self.shell_request(channel, session).await;
        }
        // `ssh -t host ligne`: the session itself, in line mode.
        if commands::is_line_mode(&line) && self.channels.get(&channel).is_some_and(|s| s.size.is_some()) {
            return self.start_shell(channel, true, session);
        }
        self.exec_command(channel, line, session)
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.pace(channel, REQUEST_COST).await;
        if self.first_refusal("subsystem") {
            tracing::info!(peer = %self.peer, subsystem = name, "refused: subsystem");
        }
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
        self.pace(channel, REQUEST_COST).await;
        if self.first_refusal("x11") {
            tracing::info!(peer = %self.peer, "refused: X11 forwarding");
        }
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn agent_request(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        self.pace(channel, REQUEST_COST).await;
        if self.first_refusal("agent") {
            tracing::info!(peer = %self.peer, "refused: agent forwarding");
        }
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
        if self.first_refusal("tcp") {
            tracing::info!(peer = %self.peer, host = host_to_connect, port = port_to_connect, "refused: TCP forwarding");
        }
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
        if self.first_refusal("socket") {
            tracing::info!(peer = %self.peer, "refused: socket forwarding");
        }
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
        if self.first_refusal("x11 channel") {
            tracing::info!(peer = %self.peer, "refused: X11 channel");
        }
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
        if self.first_refusal("remote") {
            tracing::info!(peer = %self.peer, address, port = *port, "refused: remote forwarding");
        }
        Ok(false)
    }

    async fn streamlocal_forward(
        &mut self,
        _socket_path: &str,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        if self.first_refusal("remote socket") {
            tracing::info!(peer = %self.peer, "refused: remote socket forwarding");
        }
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
        // Paid like keys; then only the latest size is kept for the session (`RESIZE_PACE`).
        self.pace(channel, REQUEST_COST).await;
        if let Some(state) = self.channels.get_mut(&channel) {
            let size = self.shared.limits.clamp_size(cols, rows);
            state.size = Some(size);
            if let Some(input) = &state.input {
                input.resize(size);
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
        self.pace(channel, data.len()).await;
        let Some(state) = self.channels.get_mut(&channel) else {
            return Ok(());
        };
        if let Some((_, text)) = state.waiting.as_mut() {
            if text.len() + data.len() > STDIN_MAX {
                let stderr = state.lang(saved).input_too_long(STDIN_MAX / 1024);
                // The channel's state goes: whatever else the client sends is dropped.
                let out = Output { stderr, status: 1, refused: Some("input too long"), ..Default::default() };
                self.finish(channel, out, session);
            } else {
                text.extend_from_slice(data);
            }
            return Ok(());
        }
        if let Some(input) = state.input.as_ref() {
            input.bytes(data.to_vec()).await;
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
        // Its input, its place and, through them, its session go with it.
        self.channels.remove(&channel);
        Ok(())
    }
}
