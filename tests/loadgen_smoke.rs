//! The load generator runs for a few seconds against a server it starts itself and measures
//! something. No timing is checked here: figures depend on the machine, and BENCHMARKS.md
//! says how to take them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

fn loadgen(extra: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_loadgen"))
        .args(["--spawn", "--server-bin", env!("CARGO_BIN_EXE_cedille"), "--json"])
        .args(extra)
        .output()
        .expect("loadgen did not run");
    assert!(
        out.status.success(),
        "loadgen failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not one JSON object ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

fn num(report: &serde_json::Value, key: &str) -> f64 {
    report[key].as_f64().unwrap_or_else(|| panic!("{key} missing or not a number in {report}"))
}

#[test]
fn a_short_run_measures_sessions_keys_memory_and_cpu() {
    let r = loadgen(&["--sessions", "6", "--active", "3", "--rate", "8", "--duration", "2", "--probes", "3"]);
    for key in [
        "sessions",
        "active",
        "connect_p50_ms",
        "connect_p99_ms",
        "connects_per_s",
        "key_p50_ms",
        "key_p99_ms",
        "bytes_per_key",
        "rss_idle_kib",
        "rss_loaded_kib",
        "rss_per_session_kib",
        "pss_per_session_kib",
        "cpu_ms_per_1000_keys",
        "server_cpu_ms_per_s",
        "server_cpu_pct",
        "client_cpu_pct",
        "measured_s",
        "sessions_held",
        "errors",
    ] {
        num(&r, key);
    }
    assert_eq!(num(&r, "sessions_held"), 6.0, "{r}");
    assert_eq!(num(&r, "sessions"), 6.0);
    assert_eq!(num(&r, "errors"), 0.0, "{r}");
    assert!(num(&r, "keys") > 0.0, "no key was timed: {r}");
    assert!(num(&r, "key_p50_ms") > 0.0 && num(&r, "connect_p50_ms") > 0.0, "{r}");
    assert!(num(&r, "bytes_per_key") > 0.0 && num(&r, "full_frame_bytes") > 0.0, "{r}");
    assert!(num(&r, "rss_idle_kib") > 0.0 && num(&r, "rss_loaded_kib") > 0.0, "{r}");
    // Every step of the routine was answered.
    let actions = r["per_action"].as_object().expect("per_action");
    assert!(actions.contains_key("list"), "{r}");
    for (name, a) in actions {
        assert_eq!(a["unanswered"].as_u64(), Some(0), "{name} unanswered: {r}");
    }
}

#[test]
fn idle_sessions_are_held_for_the_duration_and_the_server_cpu_measured() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("server.log");
    let log_arg = log.to_str().unwrap();
    let r = loadgen(&[
        "--sessions",
        "4",
        "--active",
        "0",
        "--duration",
        "1",
        "--probes",
        "1",
        "--server-log",
        log_arg,
    ]);
    assert_eq!((num(&r, "active"), num(&r, "keys")), (0.0, 0.0), "{r}");
    assert_eq!((num(&r, "errors"), num(&r, "sessions_held")), (0.0, 4.0), "{r}");
    // Nothing typed, nothing to divide by: a number, not NaN (which JSON would make null).
    assert_eq!(num(&r, "cpu_ms_per_1000_keys"), 0.0, "{r}");
    assert_eq!(num(&r, "bytes_per_key"), 0.0, "{r}");
    assert!(num(&r, "measured_s") >= 1.0, "the sessions were held for the duration: {r}");
    let cpu = num(&r, "server_cpu_pct");
    assert!(cpu.is_finite() && cpu >= 0.0, "{r}");
    // The server's log is kept where it was asked for, to read after the run.
    let kept = std::fs::read_to_string(&log).unwrap();
    assert!(kept.contains("member authenticated"), "{kept}");
}

#[test]
fn a_hard_limit_on_open_files_too_low_for_the_run_stops_it_before_connecting() {
    // `ulimit -n` lowers both limits of the shell, which the load generator then inherits.
    let out = Command::new("sh")
        .args(["-c", "ulimit -n 100 && exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_loadgen"))
        .args(["--spawn", "--server-bin", env!("CARGO_BIN_EXE_cedille"), "--sessions", "500", "--json"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(out.stdout.is_empty(), "no report: {}", String::from_utf8_lossy(&out.stdout));
    assert!(err.contains("500 sessions need about 594 open files"), "{err}");
    assert!(err.contains("ulimit -Hn") && err.contains("LimitNOFILE="), "says how to raise it: {err}");
}

#[test]
fn a_window_size_is_used_and_a_bad_one_refused() {
    let r = loadgen(&[
        "--sessions",
        "2",
        "--active",
        "1",
        "--rate",
        "8",
        "--duration",
        "1",
        "--probes",
        "1",
        "--cols",
        "120",
        "--rows",
        "40",
    ]);
    assert_eq!(num(&r, "cols"), 120.0);
    assert_eq!(num(&r, "errors"), 0.0, "{r}");
    let out = Command::new(env!("CARGO_BIN_EXE_loadgen"))
        .args(["--spawn", "--cols", "20", "--rows", "5"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("60×20"));
}

#[test]
fn demo_generate_fills_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("gen.db");
    let out = Command::new(env!("CARGO_BIN_EXE_cedille"))
        .args([
            "demo",
            "generate",
            "--spaces",
            "50",
            "--articles",
            "5",
            "--comments",
            "200",
            "--members",
            "20",
        ])
        .arg("--db")
        .arg(&db)
        // The admin commands speak the language of the environment: English here.
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("20 members, 5 articles, 200 comments, 50 spaces"), "{said}");
    let (store, _) = cedille::store::Store::open(&db).unwrap();
    // The 9 demo articles and the 5 generated ones.
    assert_eq!(store.articles().count().unwrap(), 14);
    let listed = store.articles().list_published(None, chrono::Utc::now()).unwrap();
    assert_eq!(listed.iter().map(|a| a.comments).sum::<i64>(), 200);
}
