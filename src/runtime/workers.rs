//! The blocking threads members' work may hold, all sessions together.
//!
//! Effects and commands without a pty run on tokio's blocking pool, which authentication
//! and the start of a session use too (`ssh/handler.rs`, `ssh/session.rs`) and which grows
//! to 512 threads before anything waits. Members' work takes one of [`MEMBER_THREADS`]
//! permits first, in the order asked, so it never holds more than that many threads: the
//! rest of the pool is the budget of logins, which therefore never wait behind members'
//! work, and the store's one writer never has more than that many members' writes queued
//! in front of a login's.

use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::task::JoinError;

/// Members' effects and commands under way at once, the whole server together. Writes go
/// one at a time through the store's writer and reads are short, so more threads would
/// only share the same cores; eight still lets a slow query or two (a search, an import by
/// the console) run beside everyone's screens.
pub const MEMBER_THREADS: usize = 8;

/// A share of blocking threads; clones share the same permits.
#[derive(Clone)]
pub struct Workers {
    permits: Arc<Semaphore>,
    threads: usize,
}

impl Default for Workers {
    fn default() -> Self {
        Workers::new(MEMBER_THREADS)
    }
}

impl Workers {
    /// At most `threads` at once (at least one).
    pub fn new(threads: usize) -> Workers {
        let threads = threads.max(1);
        Workers { permits: Arc::new(Semaphore::new(threads)), threads }
    }

    /// Runs `f` on a blocking thread as soon as one of the permits is free; permits go in
    /// the order they were asked for, so every session gets its turn.
    pub async fn run<T, F>(&self, f: F) -> Result<T, JoinError>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        // The semaphore is never closed, so the permit always comes; were it closed, the
        // work would still be done rather than lost.
        let permit = self.permits.clone().acquire_owned().await.ok();
        // Held by the thread itself: the permit comes back when the work ends, even if
        // whoever waits for it has gone.
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            f()
        })
        .await
    }

    /// How many threads of the share are taken now.
    pub fn busy(&self) -> usize {
        self.threads.saturating_sub(self.permits.available_permits())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;

    const DEADLINE: Duration = Duration::from_secs(5);

    /// Waits, without sleeping blindly, until `cond` holds; fails after [`DEADLINE`].
    async fn until(what: &str, cond: impl Fn() -> bool) {
        let deadline = tokio::time::Instant::now() + DEADLINE;
        while !cond() {
            assert!(tokio::time::Instant::now() < deadline, "timed out waiting for {what}");
            tokio::task::yield_now().await;
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn never_more_threads_than_the_share_and_logins_pass_beside_it() {
        let workers = Workers::new(3);
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let (release, gate) = std::sync::mpsc::channel::<()>();
        let gate = Arc::new(std::sync::Mutex::new(gate));
        let mut jobs = Vec::new();
        for _ in 0..20 {
            let (w, running, most, gate) = (workers.clone(), running.clone(), most.clone(), gate.clone());
            jobs.push(tokio::spawn(async move {
                w.run(move || {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    // Each job holds its thread until the test lets one go.
                    let _ = gate.lock().map(|g| g.recv());
                    running.fetch_sub(1, Ordering::SeqCst);
                })
                .await
            }));
        }
        until("the share to be taken", || workers.busy() == 3).await;

        // The share is full: a login's lookup goes straight to tokio's pool and is done.
        let login = tokio::time::timeout(DEADLINE, tokio::task::spawn_blocking(|| 42)).await;
        assert_eq!(login.ok().and_then(Result::ok), Some(42), "a login waited behind members' work");

        for _ in 0..20 {
            release.send(()).ok();
        }
        for job in jobs {
            assert!(job.await.is_ok_and(|r| r.is_ok()));
        }
        assert_eq!(most.load(Ordering::SeqCst), 3, "more threads than the share at once");
        assert_eq!(workers.busy(), 0, "every permit came back");
    }

    #[tokio::test]
    async fn a_panic_gives_its_permit_back() {
        let workers = Workers::new(1);
        let crashed = workers.run(|| std::panic::panic_any("boom")).await;
        assert!(crashed.is_err_and(|e| e.is_panic()));
        assert_eq!(workers.run(|| 7).await.ok(), Some(7));
    }
}
