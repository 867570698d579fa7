//! The input rate of one session: a bucket of one second's worth of bytes, refilled at the
//! operator's rate. Over it, the connection waits before reading more, so a flood slows the
//! flooding client down (TCP pushes back) instead of the server's memory or other sessions.

use std::time::Duration;

use tokio::time::Instant;

pub struct Throttle {
    rate: f64,
    /// Bytes that may still pass at once; negative when a packet took more than was there.
    tokens: f64,
    last: Instant,
}

impl Throttle {
    pub fn new(bytes_per_sec: usize) -> Self {
        let rate = bytes_per_sec.max(1) as f64;
        Throttle { rate, tokens: rate, last: Instant::now() }
    }

    /// Counts `n` bytes received now; returns how long to wait before reading more.
    pub fn take(&mut self, n: usize) -> Option<Duration> {
        self.take_at(n, Instant::now())
    }

    fn take_at(&mut self, n: usize, now: Instant) -> Option<Duration> {
        let elapsed = now.saturating_duration_since(self.last).as_secs_f64();
        self.last = now;
        self.tokens = (self.tokens + elapsed * self.rate).min(self.rate) - n as f64;
        (self.tokens < 0.0).then(|| Duration::from_secs_f64(-self.tokens / self.rate))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_worth_passes_then_the_rest_waits_its_turn() {
        let now = Instant::now();
        let mut t = Throttle { rate: 1000.0, tokens: 1000.0, last: now };
        assert_eq!(t.take_at(1000, now), None);
        let wait = t.take_at(500, now).unwrap();
        assert!((wait.as_secs_f64() - 0.5).abs() < 1e-6, "{wait:?}");
        // After waiting, the debt is paid and the bucket refills up to one second.
        assert_eq!(t.take_at(10, now + Duration::from_millis(600)), None);
        assert_eq!(t.take_at(1000, now + Duration::from_secs(10)), None);
    }
}
