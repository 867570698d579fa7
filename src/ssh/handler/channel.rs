//! What one channel of a connection holds: what the client told us before its shell or
//! command, its place among the sessions, its input budget, and the way to its session.
//! Every request a client can repeat on a channel is paid from the same budget as its
//! keys, and those that only make sense once are answered once.

use std::time::Duration;

use crate::i18n::Lang;
use crate::ssh::channels::{ChannelRefusal, Slot};
use crate::ssh::input::SessionInput;
use crate::ssh::throttle::Throttle;
use crate::term::Profile;

/// What a request costs from the input budget (`input_bytes_per_sec`), whatever its kind:
/// about what it weighs on the wire, so that a flood of requests is slowed as a flood of
/// keys is.
pub const REQUEST_COST: usize = 64;

/// Environment variables taken on one channel: OpenSSH sends a handful (`SendEnv LANG
/// LC_*`); a client sending thousands is refused the rest.
pub const MAX_ENV_REQUESTS: usize = 32;

/// The most characters kept of one variable's value.
const ENV_VALUE_MAX: usize = 256;

#[derive(Default)]
pub struct ChannelState {
    pub size: Option<(u16, u16)>,
    pub term: Option<String>,
    /// The locale variables, kept apart because POSIX ranks them whatever order they came in:
    /// LC_ALL, then LC_MESSAGES, then LANG.
    lc_all: Option<String>,
    lc_messages: Option<String>,
    /// Which characters the terminal shows: LC_ALL, then LC_CTYPE, then LANG.
    lc_ctype: Option<String>,
    lang_env: Option<String>,
    pub colorterm: Option<String>,
    pub no_color: Option<String>,
    /// Environment requests received, taken or not.
    env_requests: usize,
    /// A pty was asked for: a second request is refused.
    pub pty_requested: bool,
    /// This channel's place among the sessions; `None` when it was refused one.
    pub slot: Option<Slot>,
    /// Opened over a limit: told why at its first shell or command, then closed.
    pub refused: Option<ChannelRefusal>,
    /// Set once the UI runs on this channel.
    pub input: Option<SessionInput>,
    /// A command that reads its text from the client (`comment`, `reply`): its command line
    /// and the text received so far, until the client sends EOF.
    pub waiting: Option<(String, Vec<u8>)>,
    /// The input rate of this channel, bytes and requests together; created when first used.
    pub throttle: Option<Throttle>,
    /// The input rate limit was hit and logged (once per channel).
    pub throttled: bool,
    /// Since when output has waited for a client that takes none (its window is full).
    pub stalled_since: Option<tokio::time::Instant>,
}

impl ChannelState {
    pub fn lang(&self, saved: Option<Lang>) -> Lang {
        saved.unwrap_or_else(|| {
            Lang::from_locales([&self.lc_all, &self.lc_messages, &self.lang_env].map(|v| v.as_deref()))
        })
    }

    /// The client's terminal, as its pty request and environment describe it.
    pub fn terminal(&self) -> Profile {
        Profile::new(
            self.term.as_deref(),
            [&self.lc_all, &self.lc_ctype, &self.lang_env].map(|v| v.as_deref()),
        )
    }

    /// A shell or a command was asked for already: a channel runs one thing.
    pub fn started(&self) -> bool {
        self.input.is_some() || self.waiting.is_some()
    }

    /// The server ended this channel's session or command: nothing more is done on it, and
    /// what it held can go.
    pub fn ended(&self) -> bool {
        self.slot.as_ref().is_some_and(Slot::is_released)
    }

    /// Takes the variable `name` if it is one we read (or a locale one we ignore) and the
    /// channel has not sent too many; says whether it was taken.
    pub fn set_env(&mut self, name: &str, value: &str) -> bool {
        self.env_requests += 1;
        if self.env_requests > MAX_ENV_REQUESTS {
            return false;
        }
        let value = value.chars().take(ENV_VALUE_MAX).collect::<String>();
        let field = match name {
            "LC_ALL" => &mut self.lc_all,
            "LC_MESSAGES" => &mut self.lc_messages,
            "LC_CTYPE" => &mut self.lc_ctype,
            "LANG" => &mut self.lang_env,
            "TERM" => &mut self.term,
            "COLORTERM" => &mut self.colorterm,
            "NO_COLOR" => &mut self.no_color,
            n => return n.starts_with("LC_"),
        };
        *field = Some(value);
        true
    }

    /// Takes the pty the client asked for, unless it asked before or its shell runs
    /// already; says whether it was taken.
    pub fn set_pty(&mut self, term: &str, size: (u16, u16)) -> bool {
        if std::mem::replace(&mut self.pty_requested, true) || self.started() {
            return false;
        }
        self.size = Some(size);
        self.term = Some(term.chars().take(ENV_VALUE_MAX).collect());
        true
    }

    /// Pays `cost` bytes from this channel's input budget of `rate` bytes a second. Over
    /// it, says how long to wait, and whether the budget ran out for the first time here.
    pub fn pay(&mut self, cost: usize, rate: usize) -> Option<(Duration, bool)> {
        let wait = self.throttle.get_or_insert_with(|| Throttle::new(rate)).take(cost)?;
        Some((wait, !std::mem::replace(&mut self.throttled, true)))
    }

    /// Whether this channel has sent more environment requests than it may.
    #[cfg(test)]
    pub fn too_many_env(&self) -> bool {
        self.env_requests > MAX_ENV_REQUESTS
    }
}

impl Drop for ChannelState {
    /// The channel's state goes with the channel (closed by the client, ended by the
    /// server, or the connection gone): so does its place among the sessions.
    fn drop(&mut self) {
        if let Some(slot) = &self.slot {
            slot.release();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_terminal_follows_term_and_the_locale_in_posix_order() {
        use crate::term::caps::Scroll;
        use crate::term::charset::Charset;
        let mut state = ChannelState::default();
        assert_eq!(state.terminal(), crate::term::Profile::new(None, [None, None, None]));
        assert!(state.set_pty("linux", (80, 25)));
        state.set_env("LANG", "fr_FR.UTF-8");
        assert_eq!(state.terminal().caps.scroll, Scroll::Lines);
        assert_eq!(state.terminal().charset, Charset::Utf8);
        state.set_env("LC_CTYPE", "fr_FR.ISO-8859-1");
        assert_eq!(state.terminal().charset, Charset::Latin1);
        state.set_env("LC_ALL", "C");
        assert_eq!(state.terminal().charset, Charset::Ascii);
        // The language is not the charset's business: LC_CTYPE leaves it as LANG says.
        assert_eq!(state.lang(None), Lang::Fr);
    }

    #[test]
    fn environment_requests_are_capped_per_channel() {
        let mut state = ChannelState::default();
        assert!(state.set_env("LANG", "en_GB.UTF-8"));
        assert!(state.set_env("LC_TIME", "C"));
        assert!(!state.set_env("LD_PRELOAD", "/tmp/x.so"));
        for _ in 3..MAX_ENV_REQUESTS {
            state.set_env("LC_CTYPE", "C");
        }
        assert!(!state.too_many_env());
        // Past the cap even a variable we read is refused and changes nothing.
        assert!(!state.set_env("LANG", "fr_FR.UTF-8"));
        assert!(state.too_many_env());
        assert_eq!(state.lang(None), Lang::En);
    }

    #[test]
    fn a_pty_is_taken_once() {
        let mut state = ChannelState::default();
        assert!(state.set_pty("xterm-256color", (80, 24)));
        assert!(!state.set_pty("vt100", (200, 60)));
        assert_eq!((state.size, state.term.as_deref()), (Some((80, 24)), Some("xterm-256color")));
    }

    #[test]
    fn requests_are_paid_from_the_input_budget() {
        let mut state = ChannelState::default();
        let rate = 100 * REQUEST_COST;
        // A second's worth passes at once; the next is over and said so once.
        for _ in 0..100 {
            assert_eq!(state.pay(REQUEST_COST, rate), None);
        }
        let (wait, first) = state.pay(REQUEST_COST, rate).unwrap();
        assert!(first && wait > Duration::ZERO);
        assert!(!state.pay(REQUEST_COST, rate).unwrap().1);
    }
}
