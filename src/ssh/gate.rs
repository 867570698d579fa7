//! Who may come in: counts of handshakes and sessions, in all, per network prefix and per
//! address, held by tickets that give their place back when dropped (whatever way a
//! connection ends).
//!
//! Handshakes and sessions are counted apart, so that connections which never
//! authenticate can fill only the handshake places, never the sessions'. Handshakes are
//! capped per address, per prefix (one host holds a whole IPv6 /64, a site often an IPv4
//! /24: more addresses must not mean more places) and in all, below `max_sessions`, with
//! the last tenth of the handshake places kept for addresses that have a session in now.

use std::collections::HashMap;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::{Arc, Mutex, MutexGuard};

use super::Limits;

/// Why a connection was turned away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Too many connections of this address have not authenticated yet.
    HandshakesPerAddress,
    /// Too many connections of this address's network prefix have not authenticated yet.
    HandshakesPerPrefix,
    /// Too many handshakes at once on the whole server.
    Handshakes,
    /// The server holds its maximum of sessions.
    Sessions,
    /// This address holds its maximum of sessions.
    SessionsPerAddress,
    /// This address's network prefix holds its maximum of sessions.
    SessionsPerPrefix,
}

impl Refusal {
    /// The name of the limit, as logs and the README give it.
    pub fn limit(self) -> &'static str {
        match self {
            Refusal::HandshakesPerAddress => "max_unauthenticated_per_address",
            Refusal::HandshakesPerPrefix => "max_unauthenticated_per_prefix",
            Refusal::Handshakes => "max_unauthenticated",
            Refusal::Sessions => "max_sessions",
            Refusal::SessionsPerAddress => "max_sessions_per_address",
            Refusal::SessionsPerPrefix => "max_sessions_per_prefix",
        }
    }
}

/// A network prefix: the addresses one host or one site usually holds together, counted
/// as one so that a client cannot take more places by using more of its addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Prefix {
    network: IpAddr,
    len: u8,
}

impl Prefix {
    /// The prefix of `ip`, `ipv4_len` bits long for IPv4 and `ipv6_len` for IPv6. An
    /// IPv4-mapped IPv6 address (`::ffff:10.1.2.3`, what a dual-stack listener reports for
    /// an IPv4 client) is the IPv4 address it carries, else one client would count twice.
    /// A length past the address's size is the whole address.
    pub fn of(ip: IpAddr, ipv4_len: u8, ipv6_len: u8) -> Prefix {
        match ip.to_canonical() {
            IpAddr::V4(v4) => {
                let len = ipv4_len.min(32);
                let mask = u32::MAX.checked_shl(u32::from(32 - len)).unwrap_or(0);
                Prefix { network: IpAddr::V4(Ipv4Addr::from(u32::from(v4) & mask)), len }
            }
            IpAddr::V6(v6) => {
                let len = ipv6_len.min(128);
                let mask = u128::MAX.checked_shl(u32::from(128 - len)).unwrap_or(0);
                Prefix { network: IpAddr::V6(Ipv6Addr::from(u128::from(v6) & mask)), len }
            }
        }
    }
}

impl fmt::Display for Prefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.network, self.len)
    }
}

#[derive(Default)]
struct PerAddress {
    pending: usize,
    sessions: usize,
}

#[derive(Default)]
struct Counts {
    pending: usize,
    sessions: usize,
    by_address: HashMap<IpAddr, PerAddress>,
    /// Handshakes per prefix; a prefix is forgotten with its last handshake.
    by_prefix: HashMap<Prefix, usize>,
    /// Sessions per prefix: guests log in for free, so without it one host with a /64 of
    /// addresses would seat one guest per address until the server is full.
    sessions_by_prefix: HashMap<Prefix, usize>,
}

impl Counts {
    fn forget_if_empty(&mut self, ip: IpAddr) {
        if self.by_address.get(&ip).is_some_and(|a| a.pending == 0 && a.sessions == 0) {
            self.by_address.remove(&ip);
        }
    }

    fn pending_at(&self, ip: IpAddr) -> usize {
        self.by_address.get(&ip).map_or(0, |a| a.pending)
    }

    fn pending_in(&self, prefix: Prefix) -> usize {
        self.by_prefix.get(&prefix).copied().unwrap_or(0)
    }

    /// Whether a member (or guest) is in from this address now.
    fn seated_at(&self, ip: IpAddr) -> bool {
        self.by_address.get(&ip).is_some_and(|a| a.sessions > 0)
    }
}

pub struct Gate {
    limits: Limits,
    counts: Mutex<Counts>,
}

impl Gate {
    pub fn new(limits: Limits) -> Arc<Gate> {
        Arc::new(Gate { limits, counts: Mutex::new(Counts::default()) })
    }

    fn counts(&self) -> MutexGuard<'_, Counts> {
        // The counts stay right even if a holder panicked: every change is one statement.
        self.counts.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The prefix `ip` is counted in, after the configured lengths.
    pub fn prefix(&self, ip: IpAddr) -> Prefix {
        Prefix::of(ip, self.limits.ipv4_prefix_len, self.limits.ipv6_prefix_len)
    }

    /// How many handshakes may run at once when one more comes: all of
    /// `max_unauthenticated` for an address with a session in now, a tenth fewer for any
    /// other, so that a flood of strangers leaves members already in room to connect again.
    fn handshake_room(&self, seated: bool) -> usize {
        let all = self.limits.max_unauthenticated;
        if seated { all } else { all - all / 10 }
    }

    /// A place for a connection that has yet to authenticate. The narrowest limit reached
    /// is the one named: the address, then its prefix, then the server.
    pub fn handshake(self: &Arc<Self>, ip: IpAddr) -> Result<Handshake, Refusal> {
        let ip = ip.to_canonical();
        let prefix = self.prefix(ip);
        let mut c = self.counts();
        if c.pending_at(ip) >= self.limits.max_unauthenticated_per_address {
            return Err(Refusal::HandshakesPerAddress);
        }
        if c.pending_in(prefix) >= self.limits.max_unauthenticated_per_prefix {
            return Err(Refusal::HandshakesPerPrefix);
        }
        // Handshakes cost CPU: never more at once than the share of the server they have.
        if c.pending >= self.handshake_room(c.seated_at(ip)) {
            return Err(Refusal::Handshakes);
        }
        c.by_address.entry(ip).or_default().pending += 1;
        *c.by_prefix.entry(prefix).or_default() += 1;
        c.pending += 1;
        Ok(Handshake { gate: self.clone(), ip, prefix })
    }

    /// What the log says of a connection `handshake` refused: its prefix, and how many
    /// connections without authentication hold the places it was refused
    /// (« refused 10.1.2.0/24: 8 connections without authentication »).
    pub fn refused(&self, ip: IpAddr, refusal: Refusal) -> String {
        let ip = ip.to_canonical();
        let prefix = self.prefix(ip);
        let c = self.counts();
        match refusal {
            Refusal::HandshakesPerAddress => {
                format!("refused {prefix}: {} connections without authentication from {ip}", c.pending_at(ip))
            }
            Refusal::HandshakesPerPrefix => {
                format!("refused {prefix}: {} connections without authentication", c.pending_in(prefix))
            }
            Refusal::Handshakes if c.seated_at(ip) => {
                format!("refused {prefix}: {} connections without authentication on the server", c.pending)
            }
            Refusal::Handshakes => format!(
                "refused {prefix}: {} connections without authentication on the server ({} more kept \
                 for addresses with a session in)",
                c.pending,
                self.limits.max_unauthenticated / 10
            ),
            Refusal::Sessions | Refusal::SessionsPerAddress | Refusal::SessionsPerPrefix => {
                format!("refused {prefix}: {}", refusal.limit())
            }
        }
    }

    /// A session for an authenticated connection; its handshake place is given back.
    pub fn seat(self: &Arc<Self>, handshake: Handshake) -> Result<Seat, Refusal> {
        let ip = handshake.ip;
        drop(handshake);
        let prefix = self.prefix(ip);
        let mut c = self.counts();
        if c.sessions >= self.limits.max_sessions {
            return Err(Refusal::Sessions);
        }
        if c.sessions_by_prefix.get(&prefix).copied().unwrap_or(0) >= self.limits.max_sessions_per_prefix {
            return Err(Refusal::SessionsPerPrefix);
        }
        let a = c.by_address.entry(ip).or_default();
        if a.sessions >= self.limits.max_sessions_per_address {
            c.forget_if_empty(ip);
            return Err(Refusal::SessionsPerAddress);
        }
        a.sessions += 1;
        c.sessions += 1;
        *c.sessions_by_prefix.entry(prefix).or_default() += 1;
        Ok(Seat { gate: self.clone(), ip, prefix })
    }

    /// Sessions held now.
    #[cfg(test)]
    pub fn sessions(&self) -> usize {
        self.counts().sessions
    }
}

/// A connection in its handshake; the place is given back when dropped.
pub struct Handshake {
    gate: Arc<Gate>,
    ip: IpAddr,
    prefix: Prefix,
}

impl Drop for Handshake {
    fn drop(&mut self) {
        let mut c = self.gate.counts();
        c.pending = c.pending.saturating_sub(1);
        if let Some(a) = c.by_address.get_mut(&self.ip) {
            a.pending = a.pending.saturating_sub(1);
        }
        if let Some(n) = c.by_prefix.get_mut(&self.prefix) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                c.by_prefix.remove(&self.prefix);
            }
        }
        c.forget_if_empty(self.ip);
    }
}

/// An authenticated connection's session place; given back when dropped.
pub struct Seat {
    gate: Arc<Gate>,
    ip: IpAddr,
    prefix: Prefix,
}

impl Drop for Seat {
    fn drop(&mut self) {
        let mut c = self.gate.counts();
        c.sessions = c.sessions.saturating_sub(1);
        if let Some(a) = c.by_address.get_mut(&self.ip) {
            a.sessions = a.sessions.saturating_sub(1);
        }
        if let Some(n) = c.sessions_by_prefix.get_mut(&self.prefix) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                c.sessions_by_prefix.remove(&self.prefix);
            }
        }
        c.forget_if_empty(self.ip);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(n: u8) -> IpAddr {
        IpAddr::from([10, 0, 0, n])
    }

    fn addr(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn prefix(s: &str) -> String {
        Prefix::of(addr(s), 24, 64).to_string()
    }

    #[test]
    fn places_come_back_when_tickets_drop() {
        let gate = Gate::new(Limits {
            max_sessions: 3,
            max_sessions_per_address: 2,
            max_unauthenticated_per_address: 1,
            ..Limits::default()
        });
        let h = gate.handshake(ip(1)).unwrap();
        assert_eq!(gate.handshake(ip(1)).err(), Some(Refusal::HandshakesPerAddress));
        let s1 = gate.seat(h).unwrap();
        let s2 = gate.seat(gate.handshake(ip(1)).unwrap()).unwrap();
        assert_eq!(gate.seat(gate.handshake(ip(1)).unwrap()).err(), Some(Refusal::SessionsPerAddress));
        let s3 = gate.seat(gate.handshake(ip(2)).unwrap()).unwrap();
        assert_eq!(gate.seat(gate.handshake(ip(3)).unwrap()).err(), Some(Refusal::Sessions));
        drop((s1, s2, s3));
        assert_eq!(gate.sessions(), 0);
        assert!(gate.counts().by_address.is_empty());
        assert!(gate.counts().by_prefix.is_empty());
    }

    #[test]
    fn sessions_are_capped_per_prefix_whatever_the_addresses() {
        // The review's attack: a guest from each address of one IPv6 /64 until the server
        // is full. One seat per address, yet the prefix stops at its cap.
        let gate = Gate::new(Limits {
            max_sessions: 100,
            max_sessions_per_address: 1,
            max_sessions_per_prefix: 4,
            ..Limits::default()
        });
        let v6 = |n: u16| addr(&format!("2001:db8:1:2::{n:x}"));
        let mut seats: Vec<Seat> =
            (1..=4).map(|n| gate.seat(gate.handshake(v6(n)).unwrap()).unwrap()).collect();
        let refused = (5..=100).filter(|n| gate.seat(gate.handshake(v6(*n)).unwrap()).is_err()).count();
        assert_eq!(refused, 96, "one /64 holds max_sessions_per_prefix sessions");
        assert_eq!(
            gate.seat(gate.handshake(v6(200)).unwrap()).err(),
            Some(Refusal::SessionsPerPrefix),
            "said with its limit"
        );
        // A member from another network still comes in; a place of the prefix comes back.
        assert!(gate.seat(gate.handshake(addr("2001:db8:9:9::1")).unwrap()).is_ok());
        seats.pop();
        seats.push(gate.seat(gate.handshake(v6(300)).unwrap()).unwrap());
        drop(seats);
        assert!(gate.counts().sessions_by_prefix.is_empty(), "a prefix is forgotten with its last session");
    }

    #[test]
    fn prefixes_of_ipv4_ipv6_and_mapped_ipv4() {
        assert_eq!(prefix("10.1.2.3"), "10.1.2.0/24");
        assert_eq!(prefix("10.1.2.255"), "10.1.2.0/24");
        assert_eq!(prefix("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
        assert_eq!(prefix("::1"), "::/64");
        // An IPv4 client seen through a dual-stack listener is the IPv4 client.
        assert_eq!(prefix("::ffff:10.1.2.3"), "10.1.2.0/24");
        assert_eq!(Prefix::of(addr("::ffff:10.1.2.3"), 24, 64), Prefix::of(addr("10.1.2.77"), 24, 64));
        // Other lengths, the whole address, everything, and lengths past the address.
        assert_eq!(Prefix::of(addr("10.1.2.3"), 16, 64).to_string(), "10.1.0.0/16");
        assert_eq!(Prefix::of(addr("10.1.2.3"), 23, 64).to_string(), "10.1.2.0/23");
        assert_eq!(Prefix::of(addr("10.1.3.3"), 23, 64).to_string(), "10.1.2.0/23");
        assert_eq!(Prefix::of(addr("10.1.2.3"), 32, 64).to_string(), "10.1.2.3/32");
        assert_eq!(Prefix::of(addr("10.1.2.3"), 0, 64).to_string(), "0.0.0.0/0");
        assert_eq!(Prefix::of(addr("10.1.2.3"), 40, 64).to_string(), "10.1.2.3/32");
        assert_eq!(Prefix::of(addr("2001:db8:1:2:3:4:5:6"), 24, 48).to_string(), "2001:db8:1::/48");
        assert_eq!(Prefix::of(addr("2001:db8::1"), 24, 128).to_string(), "2001:db8::1/128");
        assert_eq!(Prefix::of(addr("2001:db8::1"), 24, 0).to_string(), "::/0");
        assert_eq!(Prefix::of(addr("2001:db8::1"), 24, 200).to_string(), "2001:db8::1/128");
    }

    #[test]
    fn handshakes_are_capped_per_prefix_whatever_the_addresses() {
        let gate = Gate::new(Limits {
            max_unauthenticated_per_address: 2,
            max_unauthenticated_per_prefix: 3,
            ..Limits::default()
        });
        let mut held = vec![
            gate.handshake(addr("10.1.2.1")).unwrap(),
            gate.handshake(addr("10.1.2.1")).unwrap(),
            gate.handshake(addr("10.1.2.2")).unwrap(),
        ];
        // A fresh address of the same /24, or the same address seen as IPv6, is refused.
        assert_eq!(gate.handshake(addr("10.1.2.3")).err(), Some(Refusal::HandshakesPerPrefix));
        assert_eq!(gate.handshake(addr("::ffff:10.1.2.9")).err(), Some(Refusal::HandshakesPerPrefix));
        let said = gate.refused(addr("10.1.2.3"), Refusal::HandshakesPerPrefix);
        assert_eq!(said, "refused 10.1.2.0/24: 3 connections without authentication");
        // The next /24 is another prefix; a mapped address counts as its IPv4 address.
        held.push(gate.handshake(addr("10.1.3.1")).unwrap());
        held.push(gate.handshake(addr("::ffff:10.1.3.1")).unwrap());
        assert_eq!(gate.handshake(addr("10.1.3.1")).err(), Some(Refusal::HandshakesPerAddress));
        assert!(
            gate.refused(addr("10.1.3.1"), Refusal::HandshakesPerAddress)
                .starts_with("refused 10.1.3.0/24: 2")
        );
        // Every address of one /64 is one prefix.
        held.push(gate.handshake(addr("2001:db8::1")).unwrap());
        held.push(gate.handshake(addr("2001:db8::2")).unwrap());
        held.push(gate.handshake(addr("2001:db8::ffff:3")).unwrap());
        assert_eq!(gate.handshake(addr("2001:db8::4")).err(), Some(Refusal::HandshakesPerPrefix));
        assert!(gate.handshake(addr("2001:db8:0:1::1")).is_ok());
        // Places come back, per prefix too.
        held.clear();
        assert!(gate.counts().by_prefix.is_empty() && gate.counts().by_address.is_empty());
        assert!(gate.handshake(addr("10.1.2.3")).is_ok());
    }

    #[test]
    fn the_last_tenth_of_handshakes_is_kept_for_addresses_with_a_session_in() {
        let gate = Gate::new(Limits { max_unauthenticated: 10, ..Limits::default() });
        let member = addr("10.9.9.9");
        let seat = gate.seat(gate.handshake(member).unwrap()).unwrap();
        // Strangers from as many prefixes as they like take nine places, not ten.
        let mut held: Vec<Handshake> =
            (1..=9).map(|n| gate.handshake(IpAddr::from([10, n, 0, 1])).unwrap()).collect();
        assert_eq!(gate.handshake(addr("10.10.0.1")).err(), Some(Refusal::Handshakes));
        let said = gate.refused(addr("10.10.0.1"), Refusal::Handshakes);
        assert!(said.starts_with("refused 10.10.0.0/24: 9 connections"), "{said}");
        // The member already in still comes in again; then the server is full for all.
        let again = gate.handshake(member).unwrap();
        assert_eq!(gate.handshake(member).err(), Some(Refusal::Handshakes));
        // Handshakes never take the sessions' places: the member's second session is seated.
        let second = gate.seat(again).unwrap();
        assert_eq!(gate.sessions(), 2);
        held.pop();
        assert!(gate.handshake(addr("10.10.0.1")).is_ok());
        drop((seat, second, held));
        assert!(gate.counts().by_address.is_empty() && gate.counts().by_prefix.is_empty());
    }
}
