//! The workload: every session opened, some of them typing a person's routine, newcomers
//! arriving meanwhile; and the figures of what that cost and how long people waited.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use tokio::sync::{Mutex, Semaphore};
use tokio::time::Instant;

use super::client::{self, Live};
use super::procfs::{self, Usage};
use super::{Action, Args, Report, Target, ms, percentile, round, round_report};

/// One step of the person's routine, and what kind of step it is (for the per-action table).
/// Every step changes the screen, so that each one can be timed.
const ROUTINE: &[(&str, &[u8])] = &[
    ("list", b"j"),
    ("list", b"j"),
    ("list", b"k"),
    ("open", b"\r"),
    ("scroll", b"j"),
    ("scroll", b"j"),
    ("scroll", b"j"),
    ("scroll", b"j"),
    ("back", b"q"),
    // Bulletin → Agenda → Espaces.
    ("section", b"\t"),
    ("section", b"\t"),
    ("search", b"/"),
    ("type", b"c"),
    ("type", b"o"),
    ("type", b"w"),
    ("type", b"\x7f"),
    ("type", b"\x7f"),
    ("type", b"\x7f"),
    ("search", b"\r"),
    // Espaces → Réseau → Bulletin.
    ("section", b"\t"),
    ("section", b"\t"),
];

#[derive(Default)]
struct Errors {
    count: usize,
    samples: Vec<String>,
}

impl Errors {
    fn add(&mut self, what: String) {
        self.count += 1;
        if self.samples.len() < 5 {
            self.samples.push(what);
        }
    }
}

/// One timed key.
struct KeySample {
    action: &'static str,
    latency: Option<Duration>,
    bytes: u64,
}

/// How long opening one session may take.
const CONNECT_DEADLINE: Duration = Duration::from_secs(60);

/// Runs the whole workload against `target`.
pub async fn run(args: &Args, target: &Target) -> Result<Report> {
    let mut report = Report {
        sessions: args.sessions,
        active: args.active.min(args.sessions),
        cols: args.cols,
        rows: args.rows,
        rate: args.rate,
        duration_s: args.duration,
        ..Default::default()
    };
    let errors = Arc::new(Mutex::new(Errors::default()));
    let idle = target.usage();

    // 1. Open every session, `connect_concurrency` at a time, as fast as that goes.
    let mut lives = open_all(args, target, &errors, &mut report).await?;
    // Let the server finish what the arrivals started (reloads after their writes) before
    // reading its memory.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let loaded = target.usage();

    // 2. For `duration` seconds, the active sessions type their routine at `rate` keys per
    // second each while the others stay connected (with `--active 0`, all of them idle).
    let active: Vec<Live> = lives.drain(..report.active.min(lives.len())).collect();
    let cpu_before = target.usage().map(|u| u.cpu_ms);
    let client_before = procfs::usage(std::process::id()).cpu_ms;
    let window = Instant::now();
    let (typed, samples) = type_routine(args, active, &errors).await?;
    let window = window.elapsed();
    let cpu_after = target.usage().map(|u| u.cpu_ms);
    let client_after = procfs::usage(std::process::id()).cpu_ms;
    key_figures(&mut report, &samples);
    let server_cpu = cpu_before.zip(cpu_after).map(|(a, b)| b.saturating_sub(a));
    cpu_figures(&mut report, server_cpu, client_after.saturating_sub(client_before), window);

    // 3. Newcomers, one at a time, while everybody else stays connected.
    let probes = probe(args, target, &errors).await?;
    report.connect_p50_ms = percentile(&probes, 50.0);
    report.connect_p99_ms = percentile(&probes, 99.0);

    let ended = lives.iter().chain(typed.iter()).filter(|l| l.ended()).count();
    for _ in 0..ended {
        errors.lock().await.add("a held session was closed by the server".into());
    }

    let held = lives.len() + typed.len();
    report.sessions_held = held.saturating_sub(ended);
    if let (Some(idle), Some(loaded)) = (idle, loaded) {
        memory_figures(&mut report, &idle, &loaded, held);
    }
    let errors = errors.lock().await;
    report.errors = errors.count;
    report.error_samples = errors.samples.clone();
    drop(lives);
    drop(typed);
    Ok(round_report(report))
}

/// Opens every session, `connect_concurrency` at a time; the ramp's figures go to `report`.
async fn open_all(
    args: &Args,
    target: &Target,
    errors: &Arc<Mutex<Errors>>,
    report: &mut Report,
) -> Result<Vec<Live>> {
    let gate = Arc::new(Semaphore::new(args.connect_concurrency.max(1)));
    let started = Instant::now();
    let mut opening = Vec::with_capacity(args.sessions);
    for n in 0..args.sessions {
        let gate = gate.clone();
        let (addr, user, cols, rows) = (target.addr, target.user.clone(), args.cols, args.rows);
        opening.push(tokio::spawn(async move {
            let _permit = gate.acquire_owned().await;
            Live::open(addr, &user, client::key(n as u64)?, cols, rows, CONNECT_DEADLINE).await
        }));
    }
    let mut lives = Vec::with_capacity(args.sessions);
    let mut ramp = Vec::new();
    let mut frames = Vec::new();
    for task in opening {
        match task.await.context("a connecting task crashed")? {
            Ok((live, took, bytes)) => {
                lives.push(live);
                ramp.push(ms(took));
                frames.push(bytes as f64);
            }
            Err(e) => errors.lock().await.add(format!("connect: {e:#}")),
        }
    }
    let ramp_time = started.elapsed();
    report.connects_per_s = lives.len() as f64 / ramp_time.as_secs_f64().max(1e-9);
    ramp.sort_by(f64::total_cmp);
    report.ramp_connect_p50_ms = percentile(&ramp, 50.0);
    report.ramp_connect_p99_ms = percentile(&ramp, 99.0);
    report.full_frame_bytes = frames.iter().sum::<f64>() / frames.len().max(1) as f64;
    Ok(lives)
}

/// Each of `active` types the routine at `rate` keys per second for `duration` seconds;
/// the sessions back, and every timed key.
async fn type_routine(
    args: &Args,
    active: Vec<Live>,
    errors: &Arc<Mutex<Errors>>,
) -> Result<(Vec<Live>, Vec<KeySample>)> {
    let period = Duration::from_secs_f64(1.0 / args.rate.max(0.01));
    let end = Instant::now() + Duration::from_secs_f64(args.duration);
    if active.is_empty() {
        // Nobody types: the sessions are held idle for the same time, which is what is measured.
        tokio::time::sleep_until(end).await;
        return Ok((Vec::new(), Vec::new()));
    }
    let key_deadline = Duration::from_secs_f64(args.key_timeout);
    let mut driving = Vec::new();
    let count = active.len().max(1);
    for (i, live) in active.into_iter().enumerate() {
        // Spread the first keys over one period, so that the sessions do not type in step.
        let offset = period.mul_f64(i as f64 / count as f64);
        let errors = errors.clone();
        driving.push(tokio::spawn(drive(live, offset, period, end, key_deadline, errors)));
    }
    let mut typed = Vec::new();
    let mut samples = Vec::new();
    for task in driving {
        let (live, mine) = task.await.context("a typing task crashed")?;
        typed.push(live);
        samples.extend(mine);
    }
    Ok((typed, samples))
}

/// One person typing the routine, a key every `period` from `offset`, until `end`.
async fn drive(
    mut live: Live,
    offset: Duration,
    period: Duration,
    end: Instant,
    key_deadline: Duration,
    errors: Arc<Mutex<Errors>>,
) -> (Live, Vec<KeySample>) {
    let mut tick = tokio::time::interval_at(Instant::now() + offset, period);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    // Every person starts on the list, where the routine starts.
    let mut step = 0;
    let mut mine = Vec::new();
    let mut last: Option<(&'static str, Option<Duration>, u64)> = None;
    loop {
        tick.tick().await;
        let now_bytes = live.bytes();
        if let Some((action, latency, from)) = last.take() {
            mine.push(KeySample { action, latency, bytes: now_bytes - from });
        }
        if Instant::now() >= end {
            break;
        }
        let (action, keys) = ROUTINE[step % ROUTINE.len()];
        step += 1;
        match live.key(keys, key_deadline).await {
            Ok(answer) => {
                if answer.latency.is_none() {
                    errors.lock().await.add(format!("no answer to {action} {keys:?}"));
                }
                last = Some((action, answer.latency, now_bytes));
            }
            Err(e) => {
                errors.lock().await.add(format!("typing: {e:#}"));
                break;
            }
        }
    }
    (live, mine)
}

/// The CPU the server (`server_ms`, when it is known) and the load generator (`client_ms`)
/// took over the `window` of typing or idling: per 1,000 keys when keys were typed (0 when
/// none were: there is nothing to divide by), per second and as a share of one core always.
fn cpu_figures(report: &mut Report, server_ms: Option<u64>, client_ms: u64, window: Duration) {
    let seconds = window.as_secs_f64().max(1e-3);
    report.measured_s = window.as_secs_f64();
    let per_1000_keys =
        |ms: u64| if report.keys == 0 { 0.0 } else { ms as f64 * 1000.0 / report.keys as f64 };
    if let Some(ms) = server_ms {
        report.cpu_ms_per_1000_keys = per_1000_keys(ms);
        report.server_cpu_ms_per_s = ms as f64 / seconds;
        // A millisecond of CPU per second is a tenth of a percent of one core.
        report.server_cpu_pct = ms as f64 / seconds / 10.0;
    }
    report.client_cpu_ms_per_1000_keys = per_1000_keys(client_ms);
    report.client_cpu_pct = client_ms as f64 / seconds / 10.0;
}

/// The latencies and bytes of the timed keys, in all and by action.
fn key_figures(report: &mut Report, samples: &[KeySample]) {
    report.keys = samples.len();
    let mut all: Vec<f64> = samples.iter().filter_map(|s| s.latency.map(ms)).collect();
    all.sort_by(f64::total_cmp);
    report.key_p50_ms = percentile(&all, 50.0);
    report.key_p99_ms = percentile(&all, 99.0);
    report.key_max_ms = all.last().copied().unwrap_or(0.0);
    report.bytes_per_key = samples.iter().map(|s| s.bytes as f64).sum::<f64>() / samples.len().max(1) as f64;
    let mut by_action: BTreeMap<&str, Vec<&KeySample>> = BTreeMap::new();
    for s in samples {
        by_action.entry(s.action).or_default().push(s);
    }
    for (action, list) in by_action {
        let mut lat: Vec<f64> = list.iter().filter_map(|s| s.latency.map(ms)).collect();
        lat.sort_by(f64::total_cmp);
        report.per_action.insert(
            action.to_string(),
            Action {
                keys: list.len(),
                p50_ms: round(percentile(&lat, 50.0)),
                p99_ms: round(percentile(&lat, 99.0)),
                bytes_per_key: round(list.iter().map(|s| s.bytes as f64).sum::<f64>() / list.len() as f64),
                unanswered: list.iter().filter(|s| s.latency.is_none()).count(),
            },
        );
    }
    report.scroll_bytes_per_key = report.per_action.get("scroll").map(|a| a.bytes_per_key).unwrap_or(0.0);
}

/// Newcomers, one at a time: how long each took to connect, sorted.
async fn probe(args: &Args, target: &Target, errors: &Arc<Mutex<Errors>>) -> Result<Vec<f64>> {
    let mut probes = Vec::new();
    for n in 0..args.probes {
        let key = client::key((args.sessions + n) as u64)?;
        match Live::open(target.addr, &target.user, key, args.cols, args.rows, CONNECT_DEADLINE).await {
            Ok((live, took, _)) => {
                probes.push(ms(took));
                drop(live);
            }
            Err(e) => errors.lock().await.add(format!("probe connect: {e:#}")),
        }
    }
    probes.sort_by(f64::total_cmp);
    Ok(probes)
}

/// The server's memory before and with the `held` sessions.
fn memory_figures(report: &mut Report, idle: &Usage, loaded: &Usage, held: usize) {
    report.rss_idle_kib = idle.rss_kib;
    report.rss_loaded_kib = loaded.rss_kib;
    report.pss_idle_kib = idle.pss_kib;
    report.pss_loaded_kib = loaded.pss_kib;
    report.hwm_kib = loaded.hwm_kib;
    report.processes = loaded.processes;
    let n = held.max(1) as f64;
    report.rss_per_session_kib = loaded.rss_kib.saturating_sub(idle.rss_kib) as f64 / n;
    report.pss_per_session_kib = loaded.pss_kib.saturating_sub(idle.pss_kib) as f64 / n;
}
