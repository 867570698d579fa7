//! Starting what a channel asked for: the interactive session (full screen or line mode)
//! or a command without a pty.

use russh::ChannelId;
use russh::server::Session;

use super::Connection;
use crate::commands::{self, Output};
use crate::ssh::session::{self, SessionStart};
use crate::ui::colors::ColorDepth;

/// Terminal types that draw nothing but lines: line mode, whatever else was asked.
fn is_dumb(term: &str) -> bool {
    matches!(term.trim(), "dumb" | "emacs")
}

impl Connection {
    /// The request is granted, then what it would start may still be refused — a limit
    /// reached, a member suspended — and said so on the channel: false then, and nothing
    /// more is to be done with it.
    fn admit(&mut self, channel: ChannelId, session: &mut Session) -> Result<bool, anyhow::Error> {
        session.channel_success(channel)?;
        self.ctl.touch();
        if self.tell_refused(channel, session) {
            return Ok(false);
        }
        if self.banned || self.ctl.is_suspended() {
            self.refuse_suspended(channel, session);
            return Ok(false);
        }
        Ok(true)
    }

    /// The session on `channel`; in line mode when `line` (`ssh -t host ligne`), the
    /// member's setting or the terminal type says so.
    pub(super) fn start_shell(
        &mut self,
        channel: ChannelId,
        line: bool,
        session: &mut Session,
    ) -> Result<(), anyhow::Error> {
        let Some(state) = self.channels.get_mut(&channel) else {
            session.channel_failure(channel)?;
            return Ok(());
        };
        if state.started() {
            session.channel_failure(channel)?;
            return Ok(());
        }
        if !self.admit(channel, session)? {
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
        // A terminal that cannot take the full screen (Emacs, a log), the member's own
        // setting, or `ssh -t host ligne`: plain lines.
        let line = line || self.saved_line || state.term.as_deref().is_some_and(is_dumb);
        let start = SessionStart {
            line,
            identity: self.identity.clone(),
            lang: state.lang(self.saved_lang),
            previous_visit: self.previous_visit,
            depth,
            terminal: state.terminal().chosen(self.saved_charset),
            size,
            peer: self.peer.to_string(),
        };
        let slot = state.slot.clone();
        state.input = Some(session::start(
            self.shared.clone(),
            session.handle(),
            channel,
            start,
            self.ctl.clone(),
            slot,
        ));
        Ok(())
    }

    /// A command without a pty (`ssh host articles`), or one that reads its text first.
    pub(super) fn exec_command(
        &mut self,
        channel: ChannelId,
        line: String,
        session: &mut Session,
    ) -> Result<(), anyhow::Error> {
        if !self.admit(channel, session)? {
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
                let out =
                    Output { stderr, status: 2, refused: Some("text needs no pty"), ..Default::default() };
                self.finish(channel, out, session);
            } else {
                state.waiting = Some((line, Vec::new()));
            }
            return Ok(());
        }
        self.run_command(channel, &line, String::new(), session);
        Ok(())
    }
}
