#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Each limit of `[limits]` hit through the interfaces people use, and reported: to the
//! member in their language where SSH allows it, and always in the server's log.

mod common;

use std::net::Ipv4Addr;
use std::time::Duration;

use cedille::ssh::Limits;
use common::*;
use tokio::io::AsyncReadExt;
use tokio::time::Instant;

/// A second client address on this machine (all of 127/8 is loopback).
const OTHER: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 2);
const THIRD: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 3);

async fn member_from(addr: std::net::SocketAddr, from: Ipv4Addr) -> Client {
    let mut c = Client::connect_with(addr, from, russh::client::Config::default()).await;
    assert!(c.login(fresh_key()).await, "publickey authentication refused");
    c
}

/// Waits until the server closes `stream` (EOF or reset); what it sent before is returned.
async fn wait_closed(stream: &mut tokio::net::TcpStream) -> Vec<u8> {
    let mut got = Vec::new();
    let mut buf = [0u8; 1024];
    let read = async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => got.extend_from_slice(&buf[..n]),
            }
        }
    };
    tokio::time::timeout(DEADLINE, read).await.expect("the server did not close the connection");
    got
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_over_the_per_address_cap_are_told_why_and_the_place_comes_back() {
    capture_logs();
    let limits = Limits { max_sessions_per_address: 2, ..Limits::default() };
    let (server, _) = Server::start_with_limits(limits).await;
    let a = member_from(server.addr, LOOPBACK).await;
    let mut sa = a.shell(80, 24).await;
    sa.wait_status("1/9").await;
    let b = member_from(server.addr, LOOPBACK).await;
    let mut sb = b.shell(80, 24).await;
    sb.wait_status("1/9").await;

    // The third from the same address: told on its screen, in French by default.
    let c = member_from(server.addr, LOOPBACK).await;
    let mut sc = c.shell(100, 24).await;
    sc.wait_text("Trop de sessions ouvertes depuis votre adresse (2 au plus)").await;
    assert_eq!(sc.wait_exit().await, 1);
    wait_log(&["limit=\"max_sessions_per_address\"", &c.peer_field()]).await;

    // Another address is not concerned.
    let d = member_from(server.addr, OTHER).await;
    let mut sd = d.shell(80, 24).await;
    sd.wait_status("1/9").await;

    // One leaves: its place is free again.
    sa.send(b"\x03").await;
    assert_eq!(sa.wait_exit().await, 0);
    drop(sa);
    drop(a);
    let mut ok = None;
    for _ in 0..50 {
        let e = member_from(server.addr, LOOPBACK).await;
        let out = e.exec("help").await;
        if out.status == Some(0) {
            ok = Some(out);
            break;
        }
        // The server frees the place when it sees the connection end: try again.
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(ok.is_some(), "the place of a member who left never came back");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_server_says_so_in_english_when_lang_asks() {
    capture_logs();
    let limits = Limits { max_sessions: 1, ..Limits::default() };
    let (server, _) = Server::start_with_limits(limits).await;
    let a = member_from(server.addr, LOOPBACK).await;
    let mut sa = a.shell(80, 24).await;
    sa.wait_status("1/9").await;

    let b = member_from(server.addr, OTHER).await;
    let out = b.exec_with_env("articles", &[("LANG", "en_GB.UTF-8")]).await;
    assert_eq!(out.status, Some(1));
    assert!(out.stderr().contains("Cédille is full right now"), "{out:?}");
    assert!(out.stdout.is_empty(), "no articles for a refused client: {out:?}");
    wait_log(&["limit=\"max_sessions\"", &b.peer_field()]).await;

    // The member already in is untouched.
    sa.send(b"j").await;
    sa.wait_status("2/9").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unauthenticated_connections_per_address_are_capped() {
    capture_logs();
    let limits = Limits { max_unauthenticated_per_address: 2, ..Limits::default() };
    let (server, _) = Server::start_with_limits(limits).await;
    // Two connections that never say a word hold their places.
    let mut held = Vec::new();
    for _ in 0..2 {
        let mut s = tcp_from(server.addr, THIRD).await;
        // The server's greeting proves the connection was taken in.
        let mut greeting = [0u8; 8];
        tokio::time::timeout(DEADLINE, s.read_exact(&mut greeting)).await.unwrap().unwrap();
        assert_eq!(&greeting, b"SSH-2.0-");
        held.push(s);
    }
    let mut third = tcp_from(server.addr, THIRD).await;
    let local = third.local_addr().unwrap();
    let got = wait_closed(&mut third).await;
    assert!(got.is_empty(), "a refused connection gets no greeting: {got:?}");
    wait_log(&["connection refused", "limit=\"max_unauthenticated_per_address\"", &format!("peer={local}")])
        .await;

    // Other addresses, and members who finished their handshake, still come in.
    let c = member_from(server.addr, OTHER).await;
    assert_eq!(c.exec("help").await.status, Some(0));
    drop(held);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_handshake_not_finished_in_time_is_closed() {
    capture_logs();
    let limits = Limits { handshake_timeout: Duration::from_secs(1), ..Limits::default() };
    let (server, _) = Server::start_with_limits(limits).await;

    // A client that never sends its SSH version.
    let mut silent = tcp_from(server.addr, LOOPBACK).await;
    let local = silent.local_addr().unwrap();
    wait_closed(&mut silent).await;
    wait_log(&["limit=\"handshake_timeout_secs\"", &format!("peer={local}")]).await;

    // A client that does the key exchange, then never authenticates.
    let mut lazy = Client::connect(server.addr).await;
    let peer = lazy.peer_field();
    let handle = lazy.handle();
    let deadline = Instant::now() + DEADLINE;
    while !handle.is_closed() {
        assert!(Instant::now() < deadline, "an unauthenticated client was kept past the deadline");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    wait_log(&["limit=\"handshake_timeout_secs\"", &peer]).await;

    // Authenticating in time is not affected.
    let c = Client::member(server.addr).await;
    assert_eq!(c.exec("help").await.status, Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authentication_attempts_are_capped() {
    capture_logs();
    let limits = Limits { max_auth_attempts: 3, ..Limits::default() };
    let (server, _) = Server::start_with_limits(limits).await;
    let mut c = Client::connect(server.addr).await;
    let peer = c.peer_field();
    for attempt in 1..=3 {
        let r = c.handle().authenticate_none("someone").await.unwrap();
        assert!(!r.success(), "`none` authentication accepted");
        assert!(!c.handle().is_closed(), "closed after only {attempt} attempts");
    }
    wait_log(&["limit=\"max_auth_attempts\"", &peer]).await;
    // One more: the server hangs up instead of answering.
    let _ = c.handle().authenticate_none("someone").await;
    wait_until("the connection to close", || c.handle().is_closed()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_session_is_warned_then_closed_and_a_key_resets_the_clock() {
    capture_logs();
    let limits = Limits {
        idle_timeout: Duration::from_secs(2),
        idle_warning: Duration::from_secs(1),
        ..Limits::default()
    };
    let (server, _) = Server::start_with_limits(limits).await;
    let client = Client::member(server.addr).await;
    let mut s = client.shell(100, 30).await;
    s.wait_status("1/9").await;

    s.wait_text("la session se ferme dans 1 s").await;
    // Any key: the warning goes, the member stays.
    s.send(b"j").await;
    s.wait_for("the warning to go", |t| !t.contains("la session se ferme") && t.contains("2/9")).await;
    // Then nothing: warned again, then closed, with a word.
    s.wait_text("la session se ferme dans 1 s").await;
    s.wait_text("Session fermée faute d'activité").await;
    assert_eq!(s.wait_exit().await, 0);
    assert!(s.text().contains("Session fermée faute d'activité"), "the word stays on the main screen");
    wait_log(&["idle session closed", &client.peer_field()]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn input_over_the_byte_rate_is_slowed_not_lost() {
    capture_logs();
    let rate = 4000;
    let limits = Limits { input_bytes_per_sec: rate, ..Limits::default() };
    let (server, _) = Server::start_with_limits(limits).await;
    let client = Client::member(server.addr).await;
    let mut s = client.shell(80, 24).await;
    s.wait_status("1/9").await;

    // Three seconds' worth in one paste (harmless on the list), then a key.
    let mut paste = b"\x1b[200~".to_vec();
    paste.resize(3 * rate, b'x');
    paste.extend_from_slice(b"\x1b[201~");
    let started = Instant::now();
    s.send(&paste).await;
    s.send(b"j").await;
    s.wait_status("2/9").await;
    // The first second's worth passes at once, the rest at the rate: the key that followed
    // cannot have been read sooner than this.
    let floor = Duration::from_secs_f64((paste.len() - rate) as f64 / rate as f64 * 0.9);
    assert!(started.elapsed() >= floor, "input was not slowed: {:?} < {floor:?}", started.elapsed());
    wait_log(&["limit=\"input_bytes_per_sec\"", &client.peer_field()]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paste_over_max_paste_bytes_is_cut_not_typed_as_keys() {
    let limits = Limits { max_paste_bytes: 2048, ..Limits::default() };
    let (server, _) = Server::start_with_limits(limits).await;
    let client = Client::member(server.addr).await;
    let mut s = client.shell(80, 24).await;
    s.wait_status("1/9").await;
    let mut paste = b"\x1b[200~".to_vec();
    while paste.len() < 6000 {
        // Spaces page down and `G` goes to the end, when typed as keys.
        paste.extend_from_slice(b"G G ");
    }
    paste.extend_from_slice(b"\x1b[201~j");
    s.send(&paste).await;
    let text = s.wait_for("the selection to move", |t| !t.contains(" 1/9") && t.contains("/9")).await;
    assert!(text.contains("2/9"), "the paste beyond the limit was typed as keys:\n{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_window_sizes_are_clamped() {
    let limits = Limits { max_cols: 120, max_rows: 40, ..Limits::default() };
    let (server, _) = Server::start_with_limits(limits).await;
    let client = Client::member(server.addr).await;

    // 0×0: drawn as 80×24.
    let mut s = client.shell_sized(80, 24, (0, 0), &[]).await;
    let text = s.wait_status("1/9").await;
    assert!(text.contains(NEWEST_TITLE) || text.contains("Agenda"), "{text}");

    // 65535×65535: drawn at the cap, 120×40, and the session goes on.
    s.window_change_raw(65535, 65535).await;
    s.resize(200, 60).await;
    s.window_change_raw(65535, 65535).await;
    let rows = s
        .wait_until("the status line on row 40", |r| {
            let rows = screen_rows(r.screen());
            rows[39].contains("1/9").then_some(rows)
        })
        .await;
    assert!(rows[40..].iter().all(|r| r.is_empty()), "nothing drawn below row 40: {rows:?}");
    assert!(rows.iter().all(|r| r.chars().count() <= 120), "nothing drawn right of column 120");

    // Back to a sane size, and out cleanly.
    s.resize(100, 30).await;
    s.wait_status("1/9").await;
    s.send(b"\x03").await;
    assert_eq!(s.wait_exit().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_reader_is_cut_and_never_slows_another_session() {
    capture_logs();
    let limits = Limits { stalled_client_timeout: Duration::from_secs(3), ..Limits::default() };
    let (server, _) = Server::start_with_limits(limits).await;

    // The stalled client: through a proxy that will stop reading, with a small SSH window so
    // that the server runs out of it after a few frames.
    let proxy = Proxy::start(server.addr).await;
    let stream = tokio::net::TcpStream::connect(proxy.addr).await.unwrap();
    let config = russh::client::Config { window_size: 16 * 1024, ..Default::default() };
    let mut stalled = Client::over(stream, config).await;
    assert!(stalled.login(fresh_key()).await);
    let mut ss = stalled.shell(120, 40).await;
    ss.wait_status("1/9").await;
    let stalled_peer = proxy.peer_field();

    let normal = Client::member(server.addr).await;
    let mut sn = normal.shell(80, 24).await;
    sn.wait_status("1/9").await;

    // The stalled client stops reading and keeps asking for whole new screens, a few a
    // second, as a flood of input would: a new size each time, as the sizes of a burst
    // replace each other.
    proxy.freeze();
    let flood = tokio::spawn(async move {
        for i in 0..u32::MAX {
            let (c, r) = (100 + i % 21, 30 + i % 11);
            ss.window_change_raw(c, r).await;
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    });

    // Meanwhile the other member's keys are answered at once, every time.
    let started = Instant::now();
    for i in 0..8 {
        let (key, want) = if i % 2 == 0 { (b"j", "2/9") } else { (b"k", "1/9") };
        sn.send(key).await;
        sn.wait_status(want).await;
    }
    let took = started.elapsed();
    assert!(
        log_lines(&["stopped reading", &stalled_peer]).is_empty(),
        "the normal session took {took:?}, longer than the stalled client's deadline"
    );

    // The stalled client is cut after its deadline; the server carries on.
    wait_log(&["limit=\"stalled_client_timeout_secs\"", "client stopped reading", &stalled_peer]).await;
    wait_log(&["connection ended", &stalled_peer]).await;
    flood.abort();
    sn.send(b"j").await;
    sn.wait_status("2/9").await;
    sn.send(b"\x03").await;
    assert_eq!(sn.wait_exit().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_vanished_client_is_noticed_by_keepalives() {
    capture_logs();
    let limits = Limits {
        keepalive_interval: Duration::from_millis(500),
        keepalive_max: 2,
        idle_timeout: Duration::from_secs(600),
        ..Limits::default()
    };
    let (server, _) = Server::start_with_limits(limits).await;
    let proxy = Proxy::start(server.addr).await;
    let stream = tokio::net::TcpStream::connect(proxy.addr).await.unwrap();
    let mut c = Client::over(stream, russh::client::Config::default()).await;
    assert!(c.login(fresh_key()).await);
    let mut s = c.shell(80, 24).await;
    s.wait_status("1/9").await;
    let peer = proxy.peer_field();
    // Nothing comes back from this client any more, not even keepalive replies.
    proxy.freeze();
    wait_log(&["connection ended", &peer]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_stops_within_its_deadline_telling_members() {
    capture_logs();
    let (server, _) = Server::start_with_limits(Limits::default()).await;
    let fr = Client::member(server.addr).await;
    let mut sfr = fr.shell(80, 24).await;
    sfr.wait_status("1/9").await;
    let en = Client::member(server.addr).await;
    let mut sen = en.shell_with_env(80, 24, &[("LANG", "en_US.UTF-8")]).await;
    sen.wait_text("Agenda").await;
    // A connection with no session at all, and one still in its handshake.
    let _quiet = Client::member(server.addr).await;
    let _lurker = tcp_from(server.addr, LOOPBACK).await;

    let stopping = tokio::spawn(server.shut_down(cedille::ssh::SHUTDOWN_DEADLINE));
    sfr.wait_text("Cédille redémarre, à tout de suite.").await;
    assert_eq!(sfr.wait_exit().await, 0);
    sen.wait_text("Cédille is restarting, see you in a moment.").await;
    assert_eq!(sen.wait_exit().await, 0);
    assert_ends_restored_then(&sfr.raw(), "Cédille redémarre");
    stopping.await.unwrap();
}

/// The session left the alternate screen before its last words.
fn assert_ends_restored_then(raw: &[u8], words: &str) {
    let text = String::from_utf8_lossy(raw);
    let leave = text.rfind("\x1b[?1049l").expect("the alternate screen is left");
    assert!(text[leave..].contains(words), "« {words} » must come after leaving the alternate screen");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_listed_environment_variables_are_taken() {
    let server = Server::start().await;
    let client = Client::member(server.addr).await;
    let channel = client.open_channel().await;
    let (mut read, write) = channel.split();
    let mut answers = Vec::new();
    for (name, value) in
        [("LANG", "fr_FR.UTF-8"), ("LD_PRELOAD", "/tmp/x.so"), ("LC_TIME", "C"), ("PATH", "/tmp")]
    {
        write.set_env(true, name, value).await.unwrap();
        let answer = tokio::time::timeout(DEADLINE, async {
            loop {
                match read.wait().await {
                    Some(russh::ChannelMsg::Success) => break true,
                    Some(russh::ChannelMsg::Failure) => break false,
                    Some(_) => {}
                    None => panic!("channel closed"),
                }
            }
        })
        .await
        .unwrap();
        answers.push((name, answer));
    }
    assert_eq!(answers, [("LANG", true), ("LD_PRELOAD", false), ("LC_TIME", true), ("PATH", false)]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logs_name_the_connection_and_key_but_never_a_comments_text() {
    capture_logs();
    let (server, _) = Server::start_with_limits(Limits::default()).await;
    let key = fresh_key();
    let fingerprint = key.public_key().fingerprint(russh::keys::HashAlg::Sha256).to_string();
    let mut client = Client::connect(server.addr).await;
    assert!(client.login(key).await);
    let peer = client.peer_field();
    assert_eq!(client.exec("handle loggeur").await.status, Some(0));
    let id = client.exec("articles --json").await;
    let article = id
        .stdout()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find_map(|a| a["id"].as_i64())
        .unwrap();
    let secret = "Mon texte très personnel 7f3a";
    let mut channel = client.open_channel().await;
    channel.exec(true, format!("comment {article}")).await.unwrap();
    channel.data(secret.as_bytes()).await.unwrap();
    channel.eof().await.unwrap();
    let mut status = None;
    tokio::time::timeout(DEADLINE, async {
        while let Some(msg) = channel.wait().await {
            match msg {
                russh::ChannelMsg::ExitStatus { exit_status } => status = Some(exit_status),
                russh::ChannelMsg::Close => break,
                _ => {}
            }
        }
    })
    .await
    .unwrap();
    assert_eq!(status, Some(0), "the comment was not posted");

    wait_log(&["connection", &peer]).await;
    wait_log(&["member authenticated", &fingerprint, &peer]).await;
    assert!(log_lines(&["7f3a"]).is_empty(), "a comment's text reached the logs");
}
