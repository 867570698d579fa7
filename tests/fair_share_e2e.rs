#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Fair share: one session sending keys as fast as SSH takes them (the server's input
//! limit, 256 KB/s, fifty times the rate that froze logins before) slows only its own
//! screen. Meanwhile a second member logs in within two seconds and their keys are
//! answered. What the flooder's own screen and the database end with is checked in
//! `tests/session_fair_share.rs`, without an SSH window's worth of keys to wait for.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use common::*;
use tokio::task::JoinHandle;
use tokio::time::Instant;

/// What « logs in at once » means under attack, from TCP connect to the first screen.
const LOGIN_WITHIN: Duration = Duration::from_secs(2);
/// How long one key of the probing member may take to change their screen.
const KEY_WITHIN: Duration = Duration::from_secs(1);

/// A session sending `chunk` again and again until told to stop.
struct Flood {
    stop: Arc<AtomicBool>,
    sent: Arc<AtomicUsize>,
    task: JoinHandle<()>,
}

impl Flood {
    fn start(session: Session, chunk: Vec<u8>) -> Flood {
        let stop = Arc::new(AtomicBool::new(false));
        let sent = Arc::new(AtomicUsize::new(0));
        let (s, n) = (stop.clone(), sent.clone());
        let task = tokio::spawn(async move {
            while !s.load(Ordering::Relaxed) {
                session.send(&chunk).await;
                n.fetch_add(chunk.len(), Ordering::Relaxed);
            }
        });
        Flood { stop, sent, task }
    }

    /// Waits until the server has taken a second's worth of the flood from `peer`: its
    /// input limit says so in the log.
    async fn under_way(&self, peer: &str) {
        wait_log(&["input rate limit reached", peer]).await;
    }

    /// Stops sending (what the server has not read yet is left to it); says how many
    /// bytes were sent.
    fn stop(self) -> usize {
        self.stop.store(true, Ordering::Relaxed);
        self.task.abort();
        self.sent.load(Ordering::Relaxed)
    }
}

/// A new member logs in and gets the list within [`LOGIN_WITHIN`]; then each of their keys
/// moves the cursor within [`KEY_WITHIN`]. Returns the login time and the slowest key.
async fn probe(addr: std::net::SocketAddr) -> (Duration, Duration) {
    let started = Instant::now();
    let client = Client::member(addr).await;
    let mut s = client.shell(80, 24).await;
    s.wait_status("1/9").await;
    let login = started.elapsed();
    assert!(login < LOGIN_WITHIN, "a member's login took {login:?} beside the flood");
    let mut slowest = Duration::ZERO;
    for i in 0..6 {
        let (key, want) = if i % 2 == 0 { (b"j", "2/9") } else { (b"k", "1/9") };
        let pressed = Instant::now();
        s.send(key).await;
        s.wait_status(want).await;
        slowest = slowest.max(pressed.elapsed());
    }
    assert!(slowest < KEY_WITHIN, "a key took {slowest:?} beside the flood");
    s.send(b"\x03").await;
    assert_eq!(s.wait_exit().await, 0);
    (login, slowest)
}

/// How many threads this process runs now (the server is in it).
fn threads() -> usize {
    std::fs::read_dir("/proc/self/task").map(|d| d.count()).unwrap_or(0)
}

/// How long the flood goes on while members keep logging in beside it.
const ATTACK: Duration = Duration::from_secs(3);

/// For [`ATTACK`] once `flood` is under way, members log in one after another and are
/// served as usual; the server never holds many more threads than before (not one per key).
async fn served_beside(flood: Flood, peer: &str, addr: std::net::SocketAddr) {
    let before = threads();
    flood.under_way(peer).await;
    let started = Instant::now();
    let (mut logins, mut slowest_login, mut slowest_key, mut most) = (0, Duration::ZERO, Duration::ZERO, 0);
    while logins < 3 || started.elapsed() < ATTACK {
        let (login, key) = probe(addr).await;
        logins += 1;
        slowest_login = slowest_login.max(login);
        slowest_key = slowest_key.max(key);
        most = most.max(threads());
    }
    let sent = flood.stop();
    eprintln!(
        "{sent} bytes sent: {logins} logins beside, the slowest {slowest_login:?}, the slowest key \
         {slowest_key:?}, threads {before} → {most} at most"
    );
    assert!(most < before + 32, "threads went from {before} to {most} during the flood");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_flooding_the_language_key_leaves_logins_and_keys_to_others() {
    capture_logs();
    let server = Server::start().await;
    let flooder = Client::member(server.addr).await;
    let mut s = flooder.shell(80, 24).await;
    s.wait_status("1/9").await;
    // `L` switches the language, and each switch is saved: as fast as SSH takes them.
    let flood = Flood::start(s, vec![b'L'; 4096]);
    served_beside(flood, &flooder.peer_field(), server.addr).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guest_typing_and_erasing_in_the_spaces_search_leaves_logins_and_keys_to_others() {
    capture_logs();
    let server = Server::start().await;
    let guest = Client::guest(server.addr).await;
    let mut s = guest.shell(100, 30).await;
    s.wait_status("1/9").await;
    s.send(b"\t").await;
    s.wait_text("Cédille · Agenda").await;
    s.send(b"\t").await;
    s.wait_text("Cédille · Espaces").await;
    s.send(b"/").await;
    s.wait_status("Entrée valider").await;
    // A word typed and erased, again and again: each key is a new search.
    let flood = Flood::start(s, b"crest\x7f\x7f\x7f\x7f\x7f".repeat(400));
    served_beside(flood, &guest.peer_field(), server.addr).await;
}
