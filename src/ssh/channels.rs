//! The channels of one connection. Each channel can be a whole session, so a connection
//! holds at most `max_channels_per_connection` at once, and every channel beyond the first
//! takes its own place among the sessions (`max_sessions`, `max_sessions_per_address`): the
//! first one uses the place the connection took when it authenticated.
//!
//! A channel's place is held by a [`Slot`], given back by whichever side ends the channel
//! first: the client closing it, or the server ending its session or command. The server
//! gives it back before it sends its close, so that a client that waits for that close
//! before opening its next channel always finds the place free.

use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use super::gate::{Gate, Refusal, Seat};

/// Why a channel was not given a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelRefusal {
    /// The connection holds `max_channels_per_connection` channels already.
    PerConnection,
    /// One more session would pass a session limit.
    Sessions(Refusal),
}

impl ChannelRefusal {
    /// The name of the limit, as logs and the README give it.
    pub fn limit(self) -> &'static str {
        match self {
            ChannelRefusal::PerConnection => "max_channels_per_connection",
            ChannelRefusal::Sessions(r) => r.limit(),
        }
    }
}

#[derive(Default)]
struct Held {
    /// Channels holding a place now.
    open: usize,
    /// The places of the channels beyond the first: always `open - 1` of them.
    extra: Vec<Seat>,
}

/// The places the channels of one connection hold.
#[derive(Default)]
pub struct Channels {
    held: Mutex<Held>,
}

impl Channels {
    pub fn new() -> Arc<Channels> {
        Arc::new(Channels::default())
    }

    fn held(&self) -> MutexGuard<'_, Held> {
        // Every change below is made whole under the lock: a panic elsewhere leaves it right.
        self.held.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A place for one more channel of a connection from `ip`, or why there is none.
    pub fn open(self: &Arc<Self>, gate: &Arc<Gate>, ip: IpAddr, max: usize) -> Result<Slot, ChannelRefusal> {
        let mut held = self.held();
        if held.open >= max {
            return Err(ChannelRefusal::PerConnection);
        }
        if held.open >= 1 {
            // A place taken the way a new connection takes one, through the same counts.
            let seat = gate.handshake(ip).and_then(|h| gate.seat(h)).map_err(ChannelRefusal::Sessions)?;
            held.extra.push(seat);
        }
        held.open += 1;
        Ok(Slot(Arc::new(SlotInner { channels: self.clone(), released: AtomicBool::new(false) })))
    }

    /// Channels holding a place now.
    #[cfg(test)]
    pub fn open_now(&self) -> usize {
        self.held().open
    }

    fn release(&self) {
        let seat = {
            let mut held = self.held();
            held.open = held.open.saturating_sub(1);
            if held.extra.len() > held.open.saturating_sub(1) { held.extra.pop() } else { None }
        };
        // Outside our lock: giving a seat back takes the gate's.
        drop(seat);
    }
}

/// One channel's place; clones share it. Given back by [`Slot::release`] or when the last
/// clone goes, whichever comes first.
#[derive(Clone)]
pub struct Slot(Arc<SlotInner>);

struct SlotInner {
    channels: Arc<Channels>,
    released: AtomicBool,
}

impl Slot {
    /// Gives the place back now; later calls do nothing.
    pub fn release(&self) {
        self.0.release();
    }

    /// The channel ended: its place is free again.
    pub fn is_released(&self) -> bool {
        self.0.released.load(Ordering::SeqCst)
    }
}

impl SlotInner {
    fn release(&self) {
        if !self.released.swap(true, Ordering::SeqCst) {
            self.channels.release();
        }
    }
}

impl Drop for SlotInner {
    fn drop(&mut self) {
        self.release();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssh::Limits;

    #[test]
    fn channels_beyond_the_cap_or_the_session_limits_are_refused_and_places_come_back() {
        let gate = Gate::new(Limits { max_sessions: 3, max_sessions_per_address: 3, ..Limits::default() });
        let ip = IpAddr::from([10, 0, 0, 1]);
        // The connection's own place, as authentication takes it.
        let connection = gate.seat(gate.handshake(ip).unwrap()).unwrap();
        let channels = Channels::new();
        let first = channels.open(&gate, ip, 2).unwrap();
        assert_eq!(gate.sessions(), 1, "the first channel uses the connection's place");
        let second = channels.open(&gate, ip, 2).unwrap();
        assert_eq!(gate.sessions(), 2, "the second takes one more");
        assert_eq!(channels.open(&gate, ip, 2).err(), Some(ChannelRefusal::PerConnection));

        // Given back by either side, once.
        let held_elsewhere = first.clone();
        first.release();
        held_elsewhere.release();
        drop(held_elsewhere);
        assert!(first.is_released());
        assert_eq!((channels.open_now(), gate.sessions()), (1, 1));

        // The session limits count channels: here the server's total.
        let other = gate.seat(gate.handshake(IpAddr::from([10, 0, 0, 2])).unwrap()).unwrap();
        let third = channels.open(&gate, ip, 3).unwrap();
        assert_eq!(gate.sessions(), 3);
        assert_eq!(channels.open(&gate, ip, 3).err(), Some(ChannelRefusal::Sessions(Refusal::Sessions)));
        drop((second, third));
        assert_eq!((channels.open_now(), gate.sessions()), (0, 2));
        drop((other, connection));
        assert_eq!(gate.sessions(), 0);
    }
}
