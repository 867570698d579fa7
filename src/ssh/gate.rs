//! Who may come in: counts of handshakes and sessions, in all and per address, held by
//! tickets that give their place back when dropped (whatever way a connection ends).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use super::Limits;

/// Why a connection was turned away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Too many connections of this address have not authenticated yet.
    HandshakesPerAddress,
    /// Too many handshakes at once on the whole server.
    Handshakes,
    /// The server holds its maximum of sessions.
    Sessions,
    /// This address holds its maximum of sessions.
    SessionsPerAddress,
}

impl Refusal {
    /// The name of the limit, as logs and the README give it.
    pub fn limit(self) -> &'static str {
        match self {
            Refusal::HandshakesPerAddress => "max_unauthenticated_per_address",
            Refusal::Handshakes => "max_sessions (handshakes)",
            Refusal::Sessions => "max_sessions",
            Refusal::SessionsPerAddress => "max_sessions_per_address",
        }
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
}

impl Counts {
    fn forget_if_empty(&mut self, ip: IpAddr) {
        if self.by_address.get(&ip).is_some_and(|a| a.pending == 0 && a.sessions == 0) {
            self.by_address.remove(&ip);
        }
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

    /// A place for a connection that has yet to authenticate.
    pub fn handshake(self: &Arc<Self>, ip: IpAddr) -> Result<Handshake, Refusal> {
        let mut c = self.counts();
        // Handshakes cost CPU: never more at once than there are sessions to hold.
        if c.pending >= self.limits.max_sessions {
            return Err(Refusal::Handshakes);
        }
        let a = c.by_address.entry(ip).or_default();
        if a.pending >= self.limits.max_unauthenticated_per_address {
            return Err(Refusal::HandshakesPerAddress);
        }
        a.pending += 1;
        c.pending += 1;
        Ok(Handshake { gate: self.clone(), ip })
    }

    /// A session for an authenticated connection; its handshake place is given back.
    pub fn seat(self: &Arc<Self>, handshake: Handshake) -> Result<Seat, Refusal> {
        let ip = handshake.ip;
        drop(handshake);
        let mut c = self.counts();
        if c.sessions >= self.limits.max_sessions {
            return Err(Refusal::Sessions);
        }
        let a = c.by_address.entry(ip).or_default();
        if a.sessions >= self.limits.max_sessions_per_address {
            c.forget_if_empty(ip);
            return Err(Refusal::SessionsPerAddress);
        }
        a.sessions += 1;
        c.sessions += 1;
        Ok(Seat { gate: self.clone(), ip })
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
}

impl Drop for Handshake {
    fn drop(&mut self) {
        let mut c = self.gate.counts();
        c.pending = c.pending.saturating_sub(1);
        if let Some(a) = c.by_address.get_mut(&self.ip) {
            a.pending = a.pending.saturating_sub(1);
        }
        c.forget_if_empty(self.ip);
    }
}

/// An authenticated connection's session place; given back when dropped.
pub struct Seat {
    gate: Arc<Gate>,
    ip: IpAddr,
}

impl Drop for Seat {
    fn drop(&mut self) {
        let mut c = self.gate.counts();
        c.sessions = c.sessions.saturating_sub(1);
        if let Some(a) = c.by_address.get_mut(&self.ip) {
            a.sessions = a.sessions.saturating_sub(1);
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
    }
}
