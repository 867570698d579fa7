//! What one server lets its clients take: sessions, handshakes, input, screen, patience.
//! Every value comes from the `[limits]` table of the config file; the defaults suit a
//! small association's server and are documented in the README.

use std::time::Duration;

/// The limits `serve` enforces. Tests start servers with small ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Authenticated connections at once, all addresses together.
    pub max_sessions: usize,
    /// Authenticated connections at once from one IP address.
    pub max_sessions_per_address: usize,
    /// Authenticated sessions at once from one network prefix (`ipv4_prefix_len`,
    /// `ipv6_prefix_len`): one host holds a whole IPv6 /64.
    pub max_sessions_per_prefix: usize,
    /// Channels one connection may hold open at once; each beyond the first takes its own
    /// place among the sessions. One by default: nobody needs more, and each is a session.
    pub max_channels_per_connection: usize,
    /// Connections still in their handshake or authentication, from one IP address.
    pub max_unauthenticated_per_address: usize,
    /// The same, from one network prefix (`ipv4_prefix_len`, `ipv6_prefix_len`): one host
    /// holds a whole IPv6 /64, and more addresses must not buy more places.
    pub max_unauthenticated_per_prefix: usize,
    /// The same, all addresses together: below `max_sessions`, since handshakes cost CPU
    /// that members already in need; the last tenth is kept for addresses with a session in.
    pub max_unauthenticated: usize,
    /// Leading bits of an IPv4 address that make its prefix.
    pub ipv4_prefix_len: u8,
    /// Leading bits of an IPv6 address that make its prefix.
    pub ipv6_prefix_len: u8,
    /// Time from the TCP connection to a successful authentication.
    pub handshake_timeout: Duration,
    /// Refused authentication attempts before the connection is closed.
    pub max_auth_attempts: usize,
    /// Time without input before a session is closed.
    pub idle_timeout: Duration,
    /// How long before the idle close the member is warned.
    pub idle_warning: Duration,
    /// Bytes of input per second a session may send (bursts of one second's worth).
    pub input_bytes_per_sec: usize,
    /// The longest bracketed paste kept; the rest is dropped.
    pub max_paste_bytes: usize,
    /// The largest window drawn; larger windows are treated as this size.
    pub max_cols: u16,
    pub max_rows: u16,
    /// How long a client may leave a frame untaken before its connection is closed.
    pub stalled_client_timeout: Duration,
    /// Interval of SSH keepalives; after `keepalive_max` unanswered the connection ends.
    pub keepalive_interval: Duration,
    pub keepalive_max: usize,
}

impl Default for Limits {
    fn default() -> Self {
        let max_sessions = 2000;
        Limits {
            max_sessions,
            max_sessions_per_address: 10,
            max_sessions_per_prefix: 40,
            max_channels_per_connection: 1,
            max_unauthenticated_per_address: 5,
            max_unauthenticated_per_prefix: 20,
            max_unauthenticated: Limits::handshakes_for(max_sessions),
            ipv4_prefix_len: 24,
            ipv6_prefix_len: 64,
            handshake_timeout: Duration::from_secs(20),
            max_auth_attempts: 6,
            idle_timeout: Duration::from_secs(30 * 60),
            idle_warning: Duration::from_secs(60),
            input_bytes_per_sec: 256 * 1024,
            max_paste_bytes: 128 * 1024,
            max_cols: 512,
            max_rows: 256,
            stalled_client_timeout: Duration::from_secs(20),
            keepalive_interval: Duration::from_secs(30),
            keepalive_max: 4,
        }
    }
}

impl Limits {
    /// The handshakes at once a server of `max_sessions` takes when the config does not say:
    /// a quarter, so that a flood of them never costs what the sessions need.
    pub const fn handshakes_for(max_sessions: usize) -> usize {
        if max_sessions < 4 { 1 } else { max_sessions / 4 }
    }

    /// One line for the start-up banner, so the operator sees what is in force.
    pub fn summary(&self) -> String {
        format!(
            "Limits: {} sessions ({} per address, {} per connection), {} handshakes at once ({} per \
             IPv4 /{} or IPv6 /{}, {} per address) within {} s, {} auth attempts, idle close after {} \
             s (warning {} s before), input {} B/s, paste {} B, window {}x{} at most, stalled \
             clients closed after {} s, keepalive every {} s.",
            self.max_sessions,
            self.max_sessions_per_address,
            self.max_channels_per_connection,
            self.max_unauthenticated,
            self.max_unauthenticated_per_prefix,
            self.ipv4_prefix_len,
            self.ipv6_prefix_len,
            self.max_unauthenticated_per_address,
            self.handshake_timeout.as_secs(),
            self.max_auth_attempts,
            self.idle_timeout.as_secs(),
            self.idle_warning.as_secs(),
            self.input_bytes_per_sec,
            self.max_paste_bytes,
            self.max_cols,
            self.max_rows,
            self.stalled_client_timeout.as_secs(),
            self.keepalive_interval.as_secs(),
        )
    }

    /// What one connection may send in all, whatever it carries: a channel's worth of input
    /// for each channel it may hold, and as much again for SSH itself (keepalives, requests,
    /// key exchanges), which nobody needs more of.
    pub fn connection_bytes_per_sec(&self) -> usize {
        self.input_bytes_per_sec.saturating_mul(self.max_channels_per_connection.saturating_add(1))
    }

    /// Window sizes arrive as u32 from the SSH client and can be 0×0 or 65535×65535.
    pub fn clamp_size(&self, cols: u32, rows: u32) -> (u16, u16) {
        crate::term::clamp_size_to(cols, rows, self.max_cols, self.max_rows)
    }
}
