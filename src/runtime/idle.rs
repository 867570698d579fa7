//! When an idle session is warned, then closed.

use std::time::Duration;

use tokio::time::Instant;

pub struct Idle {
    pub timeout: Duration,
    pub warning: Duration,
    last_input: Instant,
    pub warned: bool,
    /// The warning was said (line mode says it once, as a line).
    pub said: bool,
}

impl Idle {
    pub fn new(timeout: Duration, warning: Duration) -> Self {
        Idle {
            timeout,
            warning: warning.min(timeout),
            last_input: Instant::now(),
            warned: false,
            said: false,
        }
    }

    pub fn next_deadline(&self) -> Instant {
        if self.warned {
            self.last_input + self.timeout
        } else {
            self.last_input + (self.timeout - self.warning)
        }
    }

    /// Input came: the clock starts again. True when a warning on screen must go.
    pub fn touch(&mut self) -> bool {
        self.last_input = Instant::now();
        self.said = false;
        std::mem::take(&mut self.warned)
    }
}
