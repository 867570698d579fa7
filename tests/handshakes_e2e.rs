#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Handshake capacity shared fairly: connections that never authenticate, from as many
//! addresses as a host holds, take only their prefix's share and the server's share of the
//! handshakes, and a member from elsewhere, or one already in, still logs in at once.

mod common;

use std::net::Ipv4Addr;
use std::time::Duration;

use cedille::ssh::Limits;
use common::*;
use tokio::io::AsyncReadExt;
use tokio::time::timeout;

/// How long a member may take to log in beside an attack: what the issue promises.
const LOGIN_WITHIN: Duration = Duration::from_secs(2);

/// Whether the server took the connection in: its SSH greeting (true), or a close before
/// any byte (false), as for every connection refused at the gate.
async fn greeted(stream: &mut tokio::net::TcpStream) -> bool {
    let mut greeting = [0u8; 8];
    match timeout(DEADLINE, stream.read_exact(&mut greeting)).await.expect("neither greeted nor closed") {
        Ok(_) => {
            assert_eq!(&greeting, b"SSH-2.0-");
            true
        }
        Err(_) => false,
    }
}

/// Opens `count` idle TCP connections from `from`; returns those the server took in and
/// how many it refused.
async fn idle_from(
    server: std::net::SocketAddr,
    from: Ipv4Addr,
    count: usize,
) -> (Vec<tokio::net::TcpStream>, usize) {
    let mut held = Vec::new();
    let mut refused = 0;
    for _ in 0..count {
        let mut s = tcp_from(server, from).await;
        if greeted(&mut s).await {
            held.push(s);
        } else {
            refused += 1;
        }
    }
    (held, refused)
}

/// Logs a member in from `from` within [`LOGIN_WITHIN`], or fails.
async fn logs_in_at_once(server: std::net::SocketAddr, from: Ipv4Addr) -> Client {
    let login = async {
        let mut c = Client::connect_with(server, from, russh::client::Config::default()).await;
        assert!(c.login(fresh_key()).await, "publickey authentication refused");
        c
    };
    timeout(LOGIN_WITHIN, login).await.expect("a member could not log in within 2 s")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_connections_from_one_prefix_leave_a_member_from_another_logging_in() {
    capture_logs();
    // The server of the report: 100 sessions; its handshakes a quarter of that.
    let limits = Limits { max_sessions: 100, max_unauthenticated: 25, ..Limits::default() };
    let (server, _) = Server::start_with_limits(limits).await;

    // 100 connections that never say a word, from 20 addresses of 127.0.0.0/24.
    let mut held = Vec::new();
    let mut refused = 0;
    for host in 10..30 {
        let (h, r) = idle_from(server.addr, Ipv4Addr::new(127, 0, 0, host), 5).await;
        held.extend(h);
        refused += r;
    }
    assert_eq!(held.len(), 20, "one /24 holds max_unauthenticated_per_prefix places, no more");
    assert_eq!(refused, 80);
    wait_log(&[
        "connection refused 127.0.0.0/24: 20 connections without authentication",
        "prefix=127.0.0.0/24",
        "limit=\"max_unauthenticated_per_prefix\"",
    ])
    .await;

    // A member from another /24 is served at once, while the 20 are still held.
    let member = logs_in_at_once(server.addr, Ipv4Addr::new(127, 0, 1, 1)).await;
    let mut shell = member.shell(80, 24).await;
    shell.wait_status("1/9").await;
    shell.send(b"j").await;
    shell.wait_status("2/9").await;
    drop(held);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_from_many_prefixes_keeps_room_for_members_already_in() {
    capture_logs();
    // Ten handshakes at once: nine for strangers, the last kept for addresses with a session.
    let limits = Limits { max_unauthenticated: 10, ..Limits::default() };
    let (server, _) = Server::start_with_limits(limits).await;
    let home = Ipv4Addr::new(127, 0, 1, 1);
    let member = logs_in_at_once(server.addr, home).await;
    let mut shell = member.shell(80, 24).await;
    shell.wait_status("1/9").await;

    // Strangers from nine prefixes, one connection each: within every per-prefix cap.
    let mut held = Vec::new();
    for net in 2..11 {
        let (h, refused) = idle_from(server.addr, Ipv4Addr::new(127, 0, net, 1), 1).await;
        assert_eq!(refused, 0, "127.0.{net}.1 refused before the server's cap");
        held.extend(h);
    }
    // The next stranger, from a fresh prefix, finds the server's share full.
    let (_, refused) = idle_from(server.addr, Ipv4Addr::new(127, 0, 11, 1), 1).await;
    assert_eq!(refused, 1);
    wait_log(&[
        "connection refused 127.0.11.0/24: 9 connections without authentication on the server",
        "limit=\"max_unauthenticated\"",
    ])
    .await;

    // The member already in connects again and logs in at once; handshakes never took the
    // places of sessions, so the second one is served too.
    let again = logs_in_at_once(server.addr, home).await;
    assert_eq!(again.exec("help").await.status, Some(0));
    // And the first session never noticed.
    shell.send(b"j").await;
    shell.wait_status("2/9").await;
    drop(held);
}
