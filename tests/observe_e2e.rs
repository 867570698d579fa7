#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! What an operator sees of a running server, through what they use: the Prometheus
//! endpoint scraped over HTTP (`[metrics] listen`), `cedille status` run beside the server,
//! and the log as JSON lines (`log_format = "json"`, `RUST_LOG=cedille=debug`).

mod common;
mod process;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::time::Duration;

use common::*;
use process::{OPEN_CONFIG, ServerProcess, cedille, db};
use tokio::time::Instant;

/// A plain HTTP/1.1 GET, as a scraper sends it: the status line, the headers, the body.
fn get(addr: &str, path: &str) -> (String, String, String) {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    let (status, headers) = head.split_once("\r\n").unwrap_or((head, ""));
    (status.to_string(), headers.to_lowercase(), body.to_string())
}

/// The samples of an exposition: `name{labels}` → value.
fn samples(body: &str) -> HashMap<String, f64> {
    body.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| {
            let (name, value) = l.rsplit_once(' ')?;
            Some((name.to_string(), value.parse().ok()?))
        })
        .collect()
}

/// Where the server said its metrics are (« Metrics on http://ADDR/metrics »).
fn metrics_addr(server: &ServerProcess) -> String {
    let out = server.stdout();
    let line = out.lines().find(|l| l.starts_with("Metrics on http://")).unwrap_or_else(|| panic!("{out}"));
    line.trim_start_matches("Metrics on http://").trim_end_matches("/metrics").to_string()
}

/// Scrapes until `cond` holds for the samples, or fails after the deadline.
async fn scrape_until(
    addr: &str,
    what: &str,
    cond: impl Fn(&HashMap<String, f64>) -> bool,
) -> HashMap<String, f64> {
    let deadline = Instant::now() + DEADLINE;
    loop {
        let (_, _, body) = get(addr, "/metrics");
        let s = samples(&body);
        if cond(&s) {
            return s;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}:\n{body}");
        // Nothing to wait on from outside the process: scrape again shortly.
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn value(s: &HashMap<String, f64>, name: &str) -> f64 {
    s.get(name).copied().unwrap_or_else(|| panic!("no sample {name} in {s:#?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_metrics_endpoint_counts_sessions_keys_frames_refusals_and_writes() {
    let dir = tempfile::tempdir().unwrap();
    let config =
        format!("{OPEN_CONFIG}[metrics]\nlisten = \"127.0.0.1:0\"\n[limits]\nmax_sessions_per_address = 1\n");
    let server = ServerProcess::start(dir.path(), &config, &[]);
    let addr = metrics_addr(&server);

    let (status, headers, body) = get(&addr, "/metrics");
    assert_eq!(status, "HTTP/1.1 200 OK", "{headers}\n{body}");
    assert!(headers.contains("content-type: application/openmetrics-text"), "{headers}");
    assert!(body.ends_with("# EOF\n"), "{body}");
    for name in [
        "# TYPE cedille_sessions gauge",
        "# TYPE cedille_connections gauge",
        "# TYPE cedille_refusals counter",
        "# TYPE cedille_keys counter",
        "# TYPE cedille_frames counter",
        "# TYPE cedille_key_to_frame_seconds histogram",
        "# TYPE cedille_store_write_seconds histogram",
        "# TYPE cedille_database_bytes gauge",
        "# TYPE cedille_database_wal_bytes gauge",
    ] {
        assert!(body.contains(name), "{name} missing:\n{body}");
    }
    let before = samples(&body);
    assert_eq!(value(&before, "cedille_sessions"), 0.0);
    assert_eq!(value(&before, "cedille_keys_total"), 0.0);
    assert_eq!(value(&before, "cedille_refusals_total{limit=\"max_sessions_per_address\"}"), 0.0);
    assert!(value(&before, "cedille_database_bytes") > 0.0);
    let (status, _, _) = get(&addr, "/");
    assert_eq!(status, "HTTP/1.1 404 Not Found");

    // A member reads the list, moves and opens an article: keys, frames, a session.
    let member = Client::member(server.addr).await;
    let mut s = member.shell(80, 24).await;
    s.wait_status("1/9").await;
    s.send(b"j").await;
    s.wait_status("2/9").await;
    s.send(b"k").await;
    s.wait_status("1/9").await;
    s.send(b"\r").await;
    s.wait_text(NEWEST_TITLE).await;
    let during = scrape_until(&addr, "the session and its keys", |m| {
        m.get("cedille_sessions") == Some(&1.0)
            && m.get("cedille_keys_total").is_some_and(|k| *k >= 3.0)
            && m.get("cedille_key_to_frame_seconds_count").is_some_and(|n| *n >= 3.0)
    })
    .await;
    assert!(value(&during, "cedille_connections") >= 1.0);
    assert!(value(&during, "cedille_frames_total") >= 4.0, "the first screen and one per key");
    assert!(
        value(&during, "cedille_key_to_frame_seconds_bucket{le=\"+Inf\"}")
            == value(&during, "cedille_key_to_frame_seconds_count")
    );
    assert!(value(&during, "cedille_key_to_frame_seconds_sum") > 0.0);
    // The session's row and the article marked read are writes.
    assert!(
        value(&during, "cedille_store_write_seconds_count")
            > value(&before, "cedille_store_write_seconds_count")
    );

    // A second member from the same address is over `max_sessions_per_address`.
    let other = Client::member(server.addr).await;
    let refused = other.exec("articles").await;
    assert_eq!(refused.status, Some(1), "{}", refused.stderr());
    scrape_until(&addr, "the refusal counted by its limit", |m| {
        m.get("cedille_refusals_total{limit=\"max_sessions_per_address\"}") == Some(&1.0)
    })
    .await;

    // Back to the list first: ESC and `q` together would be Alt+q.
    s.send(b"\x1b").await;
    s.wait_status("1/9").await;
    s.send(b"q").await;
    s.wait_exit().await;
    scrape_until(&addr, "the session closed", |m| m.get("cedille_sessions") == Some(&0.0)).await;
}

/// `cedille status --json` for the database of `dir`, parsed.
fn status_json(dir: &std::path::Path) -> serde_json::Value {
    let db = db(dir);
    let (code, out, err) = cedille(&["status", "--json", "--db", db.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// Runs `cedille status --json` until `cond` holds, or fails after the deadline.
async fn status_until(
    dir: &std::path::Path,
    what: &str,
    cond: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let deadline = Instant::now() + DEADLINE;
    loop {
        let status = status_json(dir);
        if cond(&status) {
            return status;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}: {status:#}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_follows_a_running_server_its_sessions_and_its_stop() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = ServerProcess::start(dir.path(), OPEN_CONFIG, &[]);
    let status = status_until(dir.path(), "the server running", |s| s["server"]["state"] == "running").await;
    assert_eq!(status["sessions"], 0);
    assert_eq!(status["server"]["listen"], server.addr.to_string());
    assert!(status["database_bytes"].as_u64().unwrap() > 0);
    assert!(status["wal_bytes"].is_u64());
    assert_eq!(status["schema"], status["schema_binary"]);
    assert!(status["last_backup"].is_null());

    let a = Client::member(server.addr).await;
    let b = Client::guest(server.addr).await;
    let mut sa = a.shell(80, 24).await;
    let mut sb = b.shell(80, 24).await;
    sa.wait_status("1/9").await;
    sb.wait_status("1/9").await;
    status_until(dir.path(), "two sessions", |s| s["sessions"] == 2).await;
    let db = db(dir.path());
    let (code, text, err) = cedille(&["--db", db.to_str().unwrap(), "status"]);
    assert_eq!(code, 0, "{err}");
    assert!(text.contains("server       running: pid "), "{text}");
    assert!(text.contains("sessions     2 interactive"), "{text}");

    sa.send(b"q").await;
    sa.wait_exit().await;
    status_until(dir.path(), "one session left", |s| s["sessions"] == 1).await;

    // A backup is recorded for `status`.
    let backup = dir.path().join("copy.db");
    let (code, _, err) = cedille(&["backup", "--db", db.to_str().unwrap(), backup.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let status = status_json(dir.path());
    let recorded = status["last_backup"]["path"].as_str().unwrap();
    assert_eq!(std::path::Path::new(recorded), std::fs::canonicalize(&backup).unwrap());
    assert_eq!(status["last_backup"]["bytes"], std::fs::metadata(&backup).unwrap().len());

    server.terminate();
    assert_eq!(server.exit_code(DEADLINE).await, Some(0));
    let status = status_json(dir.path());
    assert_eq!(status["server"]["state"], "stopped", "{status:#}");
    assert!(status["sessions"].is_null());
    let (_, text, _) = cedille(&["status", "--db", db.to_str().unwrap()]);
    assert!(text.contains("server       stopped at "), "{text}");
    assert!(text.contains("last backup  "), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_says_a_killed_server_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), OPEN_CONFIG, &[]);
    let pid =
        status_until(dir.path(), "the server running", |s| s["server"]["state"] == "running").await["server"]
            ["pid"]
            .clone();
    server.kill();
    let status = status_json(dir.path());
    assert_eq!(status["server"]["state"], "gone", "{status:#}");
    assert_eq!(status["server"]["pid"], pid);
    let db = db(dir.path());
    let (_, text, _) = cedille(&["status", "--db", db.to_str().unwrap()]);
    assert!(text.contains("not running: pid"), "{text}");
}

/// The JSON lines of a log, each parsed; a line that is not JSON fails the test.
fn json_lines(log: &str) -> Vec<serde_json::Value> {
    log.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
        .collect()
}

fn has(lines: &[serde_json::Value], message: &str, field: &str, value: &str) -> bool {
    lines.iter().any(|l| l["message"] == message && (field.is_empty() || l[field] == value))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_json_log_says_what_sessions_do_and_never_what_members_write() {
    let dir = tempfile::tempdir().unwrap();
    let config = format!("log_format = \"json\"\n{OPEN_CONFIG}");
    let server = ServerProcess::start(dir.path(), &config, &[("RUST_LOG", "cedille=debug")]);
    const SECRET: &str = "Mon code de porte est 4242";

    let member = Client::member(server.addr).await;
    let mut s = member.shell(80, 30).await;
    s.wait_status("1/9").await;
    s.send(b"\r").await;
    s.wait_text(NEWEST_TITLE).await;
    s.send(b"c").await;
    s.wait_text("Choisissez votre pseudo").await;
    s.send(b"camille\r").await;
    s.wait_text("Nouveau commentaire").await;
    s.send(SECRET.as_bytes()).await;
    s.send(&[0x13]).await;
    s.wait_status("Commentaire publié.").await;
    s.send(b"\x1b\x1b").await;
    s.wait_status("1/9").await;
    s.send(b"q").await;
    s.wait_exit().await;
    let refused = member.exec("frobnicate fortement").await;
    assert_eq!(refused.status, Some(2));

    let log = server
        .wait_log("the session's end and the refused command", DEADLINE, |log| {
            log.contains("\"session closed\"") && log.contains("\"command refused\"")
        })
        .await;
    let lines = json_lines(&log);
    assert!(lines.iter().all(|l| l["timestamp"].is_string() && l["level"].is_string()), "{log}");
    let opened = lines.iter().find(|l| l["message"] == "session opened").unwrap_or_else(|| panic!("{log}"));
    assert_eq!(opened["level"], "INFO");
    // Whose session: its address and the member's id, on every line of its work.
    let spans = opened["spans"].as_array().unwrap();
    let session = spans.iter().find(|s| s["name"] == "session").unwrap_or_else(|| panic!("{opened}"));
    assert!(session["peer"].as_str().unwrap().starts_with("127.0.0.1:"), "{opened}");
    assert!(session["user"].as_str().unwrap().parse::<i64>().is_ok(), "{opened}");
    let effect = lines.iter().find(|l| l["message"] == "effect ran").unwrap();
    assert_eq!(effect["spans"][0]["name"], "session", "{effect}");
    assert!(has(&lines, "section", "to", "Reader"), "a section change:\n{log}");
    assert!(has(&lines, "effect ran", "effect", "bulletin.LoadArticle"), "{log}");
    assert!(has(&lines, "effect ran", "effect", "bulletin.PostComment"), "{log}");
    assert!(has(&lines, "session closed", "end", "quit"), "{log}");
    let command = lines.iter().find(|l| l["message"] == "command refused").unwrap();
    assert_eq!(command["level"], "INFO");
    assert_eq!(command["reason"], "unknown command");
    assert_eq!(command["command"], "frobnicate");
    // Never what members write.
    assert!(!log.contains("4242") && !log.contains("porte"), "a member's text reached the log:\n{log}");
    assert!(!log.contains("fortement"), "a command's arguments reached the log:\n{log}");
}

#[test]
fn status_needs_an_existing_database_and_takes_global_options_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope").join("c.db");
    let (code, out, err) = cedille(&["status", "--db", missing.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("no database at"), "{err}");
    assert!(!missing.parent().unwrap().exists(), "a mistyped --db creates nothing");

    // A database a server never served: no server, no backup, the schema of this binary.
    let db = dir.path().join("c.db");
    cedille::store::Store::open(&db).unwrap();
    let config = dir.path().join("other.toml");
    std::fs::write(&config, "").unwrap();
    for args in [
        vec!["--db", db.to_str().unwrap(), "--config", config.to_str().unwrap(), "status"],
        vec!["status", "--config", config.to_str().unwrap(), "--db", db.to_str().unwrap()],
    ] {
        let (code, out, err) = cedille(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(out.contains("server       never served this database"), "{out}");
        assert!(out.contains("last backup  none recorded"), "{out}");
        let (schema, _) = cedille::store::versions();
        assert!(out.contains(&format!("schema       {schema} (this binary writes {schema})")), "{out}");
    }
    let (code, out, _) = cedille(&["status", "--json", "--db", db.to_str().unwrap()]);
    assert_eq!(code, 0);
    let status: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert!(status["server"].is_null() && status["sessions"].is_null() && status["last_backup"].is_null());
    assert_eq!(status["database"], db.to_str().unwrap());

    // An older schema is read as it is, named, and left alone.
    let old = dir.path().join("old.db");
    drop(cedille::store::Store::open(&old).unwrap());
    let (schema, _) = cedille::store::versions();
    rusqlite::Connection::open(&old)
        .unwrap()
        .execute_batch(&format!(
            "DROP TABLE server_status; DROP TABLE last_backup; PRAGMA user_version = {};",
            schema - 1
        ))
        .unwrap();
    let (code, out, err) = cedille(&["status", "--db", old.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let said =
        format!("schema       {} (this binary writes {schema}): `cedille migrate` upgrades it", schema - 1);
    assert!(out.contains(&said), "{out}");
    assert!(out.contains("server       never served this database"), "{out}");
    let version: i64 =
        rusqlite::Connection::open(&old).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, schema as i64 - 1, "status migrates nothing");

    // `--log-format` is an option of every command, checked like the others.
    let (code, _, err) = cedille(&["--log-format", "xml", "status", "--db", db.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = cedille(&["status", "--db", db.to_str().unwrap(), "--log-format", "json"]);
    assert_eq!(code, 0, "{err}");
}
