#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! One connection trying to take more than its share through what SSH lets a client
//! repeat: channels, window changes, environment and pty requests, keepalives, and link
//! codes guessed in a loop. Each test plays the attack as fast as the client can and checks
//! that the attacker gets little, is told why, and that another member beside it logs in
//! within 2 s and has their keys answered as usual.

mod common;

use std::net::Ipv4Addr;
use std::time::Duration;

use cedille::ssh::Limits;
use common::*;
use russh::ChannelMsg;
use tokio::time::Instant;

/// A second client address on this machine (all of 127/8 is loopback).
const OTHER: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 2);

/// How long a member beside an attack may take to log in and see their screen.
const LOGIN: Duration = Duration::from_secs(2);

/// A member from another address logs in and is drawn within [`LOGIN`], then their keys
/// are answered; their session is returned.
async fn member_served_beside(addr: std::net::SocketAddr) -> (Client, Session) {
    let started = Instant::now();
    let mut client = Client::connect_with(addr, OTHER, russh::client::Config::default()).await;
    assert!(client.login(fresh_key()).await, "publickey authentication refused");
    let mut s = client.shell(80, 24).await;
    s.wait_status("1/9").await;
    let took = started.elapsed();
    eprintln!("a member beside the attack logged in and was drawn in {took:?}");
    assert!(took < LOGIN, "a member beside the attack took {took:?} to log in");
    for (key, want) in [(b"j", "2/9"), (b"k", "1/9")] {
        s.send(key).await;
        s.wait_status(want).await;
    }
    (client, s)
}

/// What a command run on `channel` printed, and its exit status.
async fn run_on(channel: russh::Channel<russh::client::Msg>, command: &str) -> ExecOutput {
    let mut channel = channel;
    channel.exec(true, command).await.unwrap();
    collect(&mut channel, command).await
}

/// CPU time this process used so far (server and clients together), from `/proc`.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name, which ends with the last `)`.
    let fields: Vec<&str> =
        stat.rsplit_once(')').map(|(_, f)| f.split_whitespace().collect()).unwrap_or_default();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    // utime and stime, in clock ticks of 10 ms.
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_connection_opening_50_channels_gets_one_session() {
    capture_logs();
    // As in the report: a guest, on a server that holds two sessions.
    let limits = Limits { max_sessions: 2, ..Limits::default() };
    let (server, store) = Server::start_with_limits(limits).await;
    let mut guest = Client::guest(server.addr).await;
    let mut first = guest.shell(80, 24).await;
    first.wait_status("1/9").await;

    let mut opened = Vec::new();
    let mut refused = 0;
    for _ in 0..49 {
        match guest.handle().channel_open_session().await {
            Ok(channel) => opened.push(channel),
            Err(_) => refused += 1,
        }
    }
    // A couple are let in to be told why; the rest are refused outright.
    assert_eq!((opened.len(), refused), (2, 47));
    for channel in opened {
        let out = run_on(channel, "articles").await;
        assert_eq!(out.status, Some(1), "{out:?}");
        assert!(out.stderr().contains("Une seule session par connexion"), "{out:?}");
        assert!(out.stdout.is_empty(), "a refused channel runs nothing: {out:?}");
    }
    wait_log(&["limit=\"max_channels_per_connection\"", &guest.peer_field()]).await;

    // The server's second place is free for a member, and the guest's session is untouched.
    let (_member, _screen) = member_served_beside(server.addr).await;
    first.send(b"j").await;
    first.wait_status("2/9").await;
    assert_eq!(store.sessions().count().unwrap(), 2);

    // The guest's session ends: the same connection may open one again.
    first.send(b"\x03").await;
    assert_eq!(first.wait_exit().await, 0);
    assert_eq!(guest.exec("help").await.status, Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn channels_beyond_the_first_are_counted_by_the_session_limits() {
    capture_logs();
    let limits = Limits { max_channels_per_connection: 3, max_sessions_per_address: 2, ..Limits::default() };
    let (server, _) = Server::start_with_limits(limits).await;
    let member = Client::member(server.addr).await;
    let mut a = member.shell(80, 24).await;
    a.wait_status("1/9").await;
    let mut b = member.shell(80, 24).await;
    b.wait_status("1/9").await;

    // A third channel would be a third session from this address: told why, on its screen.
    let mut c = member.shell(100, 24).await;
    c.wait_text("Trop de sessions ouvertes depuis votre adresse (2 au plus)").await;
    assert_eq!(c.wait_exit().await, 1);
    wait_log(&["channel refused", "limit=\"max_sessions_per_address\"", &member.peer_field()]).await;
    // Another connection from the address finds it full too.
    let other = Client::member(server.addr).await;
    let out = other.exec("articles").await;
    assert!(out.stderr().contains("Trop de sessions ouvertes"), "{out:?}");

    // One of the two ends: its place comes back, for another connection.
    b.send(b"\x03").await;
    assert_eq!(b.wait_exit().await, 0);
    let third = Client::member(server.addr).await;
    assert_eq!(third.exec("help").await.status, Some(0));
    a.send(b"j").await;
    a.wait_status("2/9").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_session_gives_back_its_place_and_its_task() {
    let (server, store) = Server::start_with_limits(Limits::default()).await;
    let member = Client::member(server.addr).await;
    // Twenty sessions at the largest size, one after another on one connection, each
    // closed by the client without a word: only the end of the channel ends each.
    for round in 0..20 {
        let mut channel = member.open_channel().await;
        channel.request_pty(false, "xterm-256color", 512, 256, 0, 0, &[]).await.unwrap();
        channel.request_shell(false).await.unwrap();
        let drawn = tokio::time::timeout(DEADLINE, async {
            while let Some(msg) = channel.wait().await {
                if matches!(msg, ChannelMsg::Data { .. }) {
                    return true;
                }
            }
            false
        });
        assert!(drawn.await.unwrap(), "session {round} was not drawn");
        channel.close().await.unwrap();
        // The session's row goes once its task ended, and its task ends only once nothing
        // can send it input any more.
        wait_until("the closed session's task to end", || store.sessions().count().unwrap() == 0).await;
    }
    assert_eq!(member.exec("help").await.status, Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_window_changes_cost_little_and_the_last_size_is_drawn() {
    capture_logs();
    let (server, _) = Server::start_with_limits(Limits::default()).await;
    let flooder = Client::member(server.addr).await;
    let mut f = flooder.shell(80, 24).await;
    f.wait_status("1/9").await;
    let peer = flooder.peer_field();

    let mark = f.mark();
    let cpu = cpu_time();
    let started = Instant::now();
    let flood = tokio::spawn(async move {
        // Never 45 rows before the last one.
        for i in 0..9_999u32 {
            f.window_change_raw(60 + i % 140, 20 + i % 20).await;
        }
        f.resize(123, 45).await;
        f
    });
    // Meanwhile another member logs in and is served.
    let (_member, _screen) = member_served_beside(server.addr).await;
    let mut f = flood.await.unwrap();

    // The last size is the one drawn: the status line on row 45, nothing right of 123.
    let rows = f
        .wait_until("the status line on row 45", |r| {
            let rows = screen_rows(r.screen());
            rows.get(44).is_some_and(|last| last.contains("1/9")).then_some(rows)
        })
        .await;
    assert!(rows.iter().all(|r| r.chars().count() <= 123));
    let drawn = started.elapsed();
    let (bytes, frames) = f.since(mark);
    eprintln!(
        "10,000 window changes: last size drawn after {drawn:?}, {frames} frames ({} KiB), {:?} of CPU in all",
        bytes.len() / 1024,
        cpu_time().saturating_sub(cpu)
    );
    // Sizes replace each other: at most one new layout per `RESIZE_PACE` (100 ms).
    assert!(frames < 200, "{frames} frames drawn for 10,000 window changes");
    // And they were paid from the input budget.
    wait_log(&["limit=\"input_bytes_per_sec\"", &peer]).await;
    f.send(b"j").await;
    f.wait_status("2/9").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn environment_and_pty_requests_are_capped_per_channel() {
    let server = Server::start().await;
    let client = Client::member(server.addr).await;
    let channel = client.open_channel().await;
    let (mut read, write) = channel.split();
    write.request_pty(true, "xterm-256color", 90, 30, 0, 0, &[]).await.unwrap();
    write.request_pty(true, "vt100", 200, 60, 0, 0, &[]).await.unwrap();
    write.set_env(true, "LANG", "en_GB.UTF-8").await.unwrap();
    for _ in 0..99 {
        write.set_env(true, "LC_TIME", "C").await.unwrap();
    }
    // Past the cap: refused, so the language stays English.
    write.set_env(true, "LANG", "fr_FR.UTF-8").await.unwrap();
    write.request_shell(true).await.unwrap();

    let mut answers = Vec::new();
    let mut parser = vt100::Parser::new(nz(30), nz(90), 0);
    tokio::time::timeout(DEADLINE, async {
        loop {
            match read.wait().await {
                Some(ChannelMsg::Success) => answers.push(true),
                Some(ChannelMsg::Failure) => answers.push(false),
                Some(ChannelMsg::Data { data }) => {
                    parser.process(&data);
                    let rows = screen_rows(parser.screen());
                    if rows.get(29).is_some_and(|r| r.contains("1/9"))
                        && screen_text(parser.screen()).contains("Enter")
                    {
                        break;
                    }
                }
                Some(_) => {}
                None => panic!("channel closed"),
            }
        }
    })
    .await
    .unwrap_or_else(|_| panic!("no English screen of 90×30:\n{}", screen_text(parser.screen())));
    // The first pty, the second refused; 32 variables, the 69 after them refused; the shell.
    let mut want = vec![true, false];
    want.extend(std::iter::repeat_n(true, 32));
    want.extend(std::iter::repeat_n(false, 69));
    want.push(true);
    assert_eq!(answers, want);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keepalives_and_other_requests_russh_answers_alone_are_paced() {
    // 4,000 B/s of input per channel: a connection reads 8,000 B/s in all.
    let rate = 4000;
    let limits = Limits { input_bytes_per_sec: rate, ..Limits::default() };
    let (server, _) = Server::start_with_limits(limits).await;
    let mut flooder = Client::member(server.addr).await;
    let mut f = flooder.shell(80, 24).await;
    f.wait_status("1/9").await;

    let started = Instant::now();
    let keepalives = 600;
    for _ in 0..keepalives {
        flooder.handle().send_keepalive(false).await.unwrap();
    }
    f.send(b"j").await;
    let (_member, _screen) = member_served_beside(server.addr).await;
    f.wait_status("2/9").await;
    // Each keepalive weighs 48 bytes or more on the wire; past the first second's worth
    // they are read at the connection's rate, and the key after them waits its turn.
    let budget = 2 * rate;
    let floor = Duration::from_secs_f64((keepalives * 48 - budget) as f64 / budget as f64 * 0.9);
    let took = started.elapsed();
    eprintln!("{keepalives} keepalives, then a key: answered after {took:?}");
    assert!(took >= floor, "keepalives were not paced: {took:?} < {floor:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guessing_link_codes_slows_down_and_locks() {
    let (server, _) = Server::start_with_limits(Limits::default()).await;
    let guesser = Client::member(server.addr).await;
    let mut g = guesser.shell(100, 30).await;
    g.wait_status("1/9").await;
    g.send(b"p").await;
    // Three wrong codes, each answered as such.
    for last in ['2', '3', '4'] {
        g.send(b"K").await;
        g.wait_text("Lier cette clé à un autre compte").await;
        g.send(format!("AAAA-AAA{last}\r").as_bytes()).await;
        g.wait_text("Ce code n'existe pas").await;
        g.send(b"\x1b").await;
        g.wait_for("the prompt to close", |t| !t.contains("Lier cette clé")).await;
    }
    // Then Enter as fast as the client can send it: refused in memory, no write each.
    g.send(b"K").await;
    g.wait_text("Lier cette clé à un autre compte").await;
    let mut guesses = b"AAAA-AAA5".to_vec();
    guesses.extend(std::iter::repeat_n(b'\r', 500));
    g.send(&guesses).await;
    let (_member, _screen) = member_served_beside(server.addr).await;
    g.wait_text("Trop d'essais : réessayez dans").await;
}
