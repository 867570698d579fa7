//! `loadgen`: opens many SSH sessions on a Cédille server, holds them, drives some of them
//! as people would, and reports what it cost the server and what the people waited for.
//! With `--baseline sshd` the same workload also runs against OpenSSH's `sshd` starting
//! `cedille tui` for each connection, the obvious alternative the server has to beat.
//!
//! The measuring client runs on the same machine as the server: on a small machine its own
//! work shows in the latencies, which are therefore an upper bound.

mod client;
mod procfs;
mod server;
mod sshd;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::{Parser, ValueEnum};
use serde::Serialize;
use tokio::sync::{Mutex, Semaphore};
use tokio::time::Instant;

use client::Live;
use procfs::Usage;

#[derive(Parser, Clone)]
#[command(name = "loadgen", about = "Load generator for Cédille: many SSH sessions, some of them typing")]
pub struct Args {
    /// An already running server (`HOST:PORT`).
    #[arg(long, conflicts_with = "spawn", required_unless_present = "spawn")]
    target: Option<SocketAddr>,
    /// With --target: the server's process id, for its memory and CPU figures.
    #[arg(long, requires = "target")]
    pid: Option<u32>,
    /// Start a server on a temporary copy of --db (or a fresh demo database).
    #[arg(long)]
    spawn: bool,
    /// With --spawn: the database to copy for the run (e.g. one `cedille demo generate` made).
    #[arg(long)]
    db: Option<PathBuf>,
    /// With --spawn: the `cedille` binary [default: next to this one].
    #[arg(long)]
    server_bin: Option<PathBuf>,
    /// Also run the identical workload against OpenSSH's sshd with a ForceCommand that runs
    /// `cedille tui` (needs root; implies --spawn).
    #[arg(long, value_enum)]
    baseline: Option<Baseline>,
    /// Sessions opened and held.
    #[arg(long, default_value_t = 100)]
    sessions: usize,
    /// How many of them type.
    #[arg(long, default_value_t = 10)]
    active: usize,
    /// Keys per second of each active session.
    #[arg(long, default_value_t = 4.0)]
    rate: f64,
    /// Seconds of typing.
    #[arg(long, default_value_t = 20.0)]
    duration: f64,
    #[arg(long, default_value_t = 80)]
    cols: u16,
    #[arg(long, default_value_t = 24)]
    rows: u16,
    /// Sessions being opened at once while the sessions are opened "as fast as possible".
    #[arg(long, default_value_t = 8)]
    connect_concurrency: usize,
    /// Connections opened one at a time after the typing, sessions still held, for the
    /// connect latency a newcomer sees.
    #[arg(long, default_value_t = 30)]
    probes: usize,
    /// A key whose answer takes longer than this counts as an error.
    #[arg(long, default_value_t = 5.0)]
    key_timeout: f64,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Baseline {
    Sshd,
}

/// What runs the sessions and how its memory is read.
pub struct Target {
    pub addr: SocketAddr,
    /// The SSH user name to log in as.
    pub user: String,
    pub measured: Measured,
}

pub enum Measured {
    /// One process serves every session (Cédille).
    Process(u32),
    /// Every connection gets its own processes below this one (OpenSSH).
    Tree(u32),
    Unknown,
}

impl Target {
    fn usage(&self) -> Option<Usage> {
        match self.measured {
            Measured::Process(pid) => Some(procfs::usage(pid)),
            Measured::Tree(root) => Some(procfs::tree_usage(root)),
            Measured::Unknown => None,
        }
    }
}

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

/// The figures of one run, with the names the issue gives them.
#[derive(Serialize, Default, Clone)]
pub struct Report {
    sessions: usize,
    active: usize,
    cols: u16,
    rows: u16,
    rate: f64,
    duration_s: f64,
    connect_p50_ms: f64,
    connect_p99_ms: f64,
    connects_per_s: f64,
    /// Connect latencies while the sessions were being opened as fast as possible.
    ramp_connect_p50_ms: f64,
    ramp_connect_p99_ms: f64,
    keys: usize,
    key_p50_ms: f64,
    key_p99_ms: f64,
    key_max_ms: f64,
    bytes_per_key: f64,
    /// The bytes of the first full frame of a session (entering the alternate screen included).
    full_frame_bytes: f64,
    /// One line down in the reader.
    scroll_bytes_per_key: f64,
    rss_idle_kib: u64,
    rss_loaded_kib: u64,
    rss_per_session_kib: f64,
    pss_idle_kib: u64,
    pss_loaded_kib: u64,
    pss_per_session_kib: f64,
    hwm_kib: u64,
    processes: usize,
    cpu_ms_per_1000_keys: f64,
    /// The load generator's own CPU over the same time: it shares the machine.
    client_cpu_ms_per_1000_keys: f64,
    errors: usize,
    /// The first few errors, to know what they were.
    error_samples: Vec<String>,
    per_action: BTreeMap<String, Action>,
}

#[derive(Serialize, Default, Clone)]
pub struct Action {
    keys: usize,
    p50_ms: f64,
    p99_ms: f64,
    bytes_per_key: f64,
    unanswered: usize,
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

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
    let deadline = Duration::from_secs(60);

    // 1. Open every session, `connect_concurrency` at a time, as fast as that goes.
    let gate = Arc::new(Semaphore::new(args.connect_concurrency.max(1)));
    let started = Instant::now();
    let mut opening = Vec::with_capacity(args.sessions);
    for n in 0..args.sessions {
        let gate = gate.clone();
        let (addr, user, cols, rows) = (target.addr, target.user.clone(), args.cols, args.rows);
        opening.push(tokio::spawn(async move {
            let _permit = gate.acquire_owned().await;
            Live::open(addr, &user, client::key(n as u64)?, cols, rows, deadline).await
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

    // Let the server finish what the arrivals started (reloads after their writes) before
    // reading its memory.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let loaded = target.usage();

    // 2. The active sessions type their routine at `rate` keys per second each.
    let active: Vec<Live> = lives.drain(..report.active.min(lives.len())).collect();
    let cpu_before = target.usage().map(|u| u.cpu_ms);
    let client_before = procfs::usage(std::process::id()).cpu_ms;
    let samples = Arc::new(Mutex::new(Vec::<KeySample>::new()));
    let period = Duration::from_secs_f64(1.0 / args.rate.max(0.01));
    let end = Instant::now() + Duration::from_secs_f64(args.duration);
    let key_deadline = Duration::from_secs_f64(args.key_timeout);
    let mut driving = Vec::new();
    let count = active.len().max(1);
    for (i, mut live) in active.into_iter().enumerate() {
        let samples = samples.clone();
        let errors = errors.clone();
        // Spread the first keys over one period, so that the sessions do not type in step.
        let offset = period.mul_f64(i as f64 / count as f64);
        driving.push(tokio::spawn(async move {
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
            samples.lock().await.extend(mine);
            live
        }));
    }
    let mut typed = Vec::new();
    for task in driving {
        typed.push(task.await.context("a typing task crashed")?);
    }
    let cpu_after = target.usage().map(|u| u.cpu_ms);
    let client_after = procfs::usage(std::process::id()).cpu_ms;

    let samples = std::mem::take(&mut *samples.lock().await);
    report.keys = samples.len();
    let mut all: Vec<f64> = samples.iter().filter_map(|s| s.latency.map(ms)).collect();
    all.sort_by(f64::total_cmp);
    report.key_p50_ms = percentile(&all, 50.0);
    report.key_p99_ms = percentile(&all, 99.0);
    report.key_max_ms = all.last().copied().unwrap_or(0.0);
    report.bytes_per_key = samples.iter().map(|s| s.bytes as f64).sum::<f64>() / samples.len().max(1) as f64;
    let mut by_action: BTreeMap<&str, Vec<&KeySample>> = BTreeMap::new();
    for s in &samples {
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
    if let (Some(a), Some(b)) = (cpu_before, cpu_after) {
        report.cpu_ms_per_1000_keys = (b.saturating_sub(a)) as f64 * 1000.0 / report.keys.max(1) as f64;
    }
    report.client_cpu_ms_per_1000_keys =
        client_after.saturating_sub(client_before) as f64 * 1000.0 / report.keys.max(1) as f64;

    // 3. Newcomers, one at a time, while everybody else stays connected.
    let mut probes = Vec::new();
    for n in 0..args.probes {
        let key = client::key((args.sessions + n) as u64)?;
        match Live::open(target.addr, &target.user, key, args.cols, args.rows, deadline).await {
            Ok((live, took, _)) => {
                probes.push(ms(took));
                drop(live);
            }
            Err(e) => errors.lock().await.add(format!("probe connect: {e:#}")),
        }
    }
    probes.sort_by(f64::total_cmp);
    report.connect_p50_ms = percentile(&probes, 50.0);
    report.connect_p99_ms = percentile(&probes, 99.0);

    let ended = lives.iter().chain(typed.iter()).filter(|l| l.ended()).count();
    for _ in 0..ended {
        errors.lock().await.add("a held session was closed by the server".into());
    }

    let held = lives.len() + typed.len();
    if let (Some(idle), Some(loaded)) = (idle, loaded) {
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
    let errors = errors.lock().await;
    report.errors = errors.count;
    report.error_samples = errors.samples.clone();
    drop(lives);
    drop(typed);
    Ok(round_report(report))
}

fn round_report(mut r: Report) -> Report {
    for x in [
        &mut r.connect_p50_ms,
        &mut r.connect_p99_ms,
        &mut r.connects_per_s,
        &mut r.ramp_connect_p50_ms,
        &mut r.ramp_connect_p99_ms,
        &mut r.key_p50_ms,
        &mut r.key_p99_ms,
        &mut r.key_max_ms,
        &mut r.bytes_per_key,
        &mut r.full_frame_bytes,
        &mut r.rss_per_session_kib,
        &mut r.pss_per_session_kib,
        &mut r.cpu_ms_per_1000_keys,
        &mut r.client_cpu_ms_per_1000_keys,
    ] {
        *x = round(*x);
    }
    r
}

/// `sshd`'s figure divided by Cédille's, for every number both reports have: above 1 means
/// OpenSSH costs (or waits) that many times more.
fn ratios(cedille: &Report, sshd: &Report) -> Result<serde_json::Value> {
    let a = serde_json::to_value(cedille)?;
    let b = serde_json::to_value(sshd)?;
    let mut out = serde_json::Map::new();
    if let (Some(a), Some(b)) = (a.as_object(), b.as_object()) {
        for (k, va) in a {
            if let (Some(x), Some(y)) = (va.as_f64(), b.get(k).and_then(|v| v.as_f64()))
                && x != 0.0
                && !matches!(k.as_str(), "sessions" | "active" | "cols" | "rows" | "rate" | "duration_s")
            {
                out.insert(k.clone(), serde_json::json!(round(y / x)));
            }
        }
    }
    Ok(serde_json::Value::Object(out))
}

fn table(name: &str, r: &Report) -> String {
    let mut s = format!(
        "== {name}: {} sessions held, {} typing at {} keys/s for {} s ({}×{})\n",
        r.sessions, r.active, r.rate, r.duration_s, r.cols, r.rows
    );
    s += &format!(
        "connect p50/p99         {:>9.2} / {:.2} ms (one newcomer at a time)\n",
        r.connect_p50_ms, r.connect_p99_ms
    );
    s += &format!(
        "ramp connect p50/p99    {:>9.2} / {:.2} ms ({:.1} sessions/s)\n",
        r.ramp_connect_p50_ms, r.ramp_connect_p99_ms, r.connects_per_s
    );
    s += &format!(
        "key p50/p99/max         {:>9.2} / {:.2} / {:.2} ms over {} keys\n",
        r.key_p50_ms, r.key_p99_ms, r.key_max_ms, r.keys
    );
    s += &format!(
        "bytes per key           {:>9.1} (scroll {:.1}, full frame {:.1})\n",
        r.bytes_per_key, r.scroll_bytes_per_key, r.full_frame_bytes
    );
    s += &format!(
        "RSS idle/loaded         {:>9} / {} KiB, {:.1} KiB per session\n",
        r.rss_idle_kib, r.rss_loaded_kib, r.rss_per_session_kib
    );
    s += &format!(
        "PSS idle/loaded         {:>9} / {} KiB, {:.1} KiB per session\n",
        r.pss_idle_kib, r.pss_loaded_kib, r.pss_per_session_kib
    );
    s += &format!(
        "CPU per 1000 keys       {:>9.1} ms (the load generator itself: {:.1} ms)\n",
        r.cpu_ms_per_1000_keys, r.client_cpu_ms_per_1000_keys
    );
    s += &format!("errors                  {:>9}\n", r.errors);
    for e in &r.error_samples {
        s += &format!("  {e}\n");
    }
    for (k, a) in &r.per_action {
        s += &format!(
            "  {k:<8} {:>6} keys  p50 {:>7.2} ms  p99 {:>7.2} ms  {:>8.1} B/key  {} unanswered\n",
            a.keys, a.p50_ms, a.p99_ms, a.bytes_per_key, a.unanswered
        );
    }
    s
}

async fn real_main(args: Args) -> Result<()> {
    if args.sessions == 0 {
        bail!("--sessions must be 1 or more");
    }
    if args.cols < 60 || args.rows < 20 {
        bail!("the window must be at least 60×20, the smallest Cédille draws in");
    }
    let cedille = match args.target {
        Some(addr) => {
            let measured = args.pid.map(Measured::Process).unwrap_or(Measured::Unknown);
            let target = Target { addr, user: "loadgen".into(), measured };
            run(&args, &target).await?
        }
        None => {
            let spawned = server::Spawned::start(&args).await?;
            let report = run(&args, &spawned.target).await;
            spawned.stop();
            report?
        }
    };
    if args.baseline == Some(Baseline::Sshd) {
        let baseline = sshd::Baseline::start(&args).await?;
        let report = run(&args, &baseline.target).await;
        baseline.stop();
        let sshd = report?;
        if args.json {
            let out = serde_json::json!({
                "cedille": cedille,
                "sshd": sshd,
                "ratios": ratios(&cedille, &sshd)?,
            });
            println!("{out}");
        } else {
            print!("{}\n{}", table("cedille", &cedille), table("sshd + cedille tui", &sshd));
            println!("ratios (sshd / cedille): {}", ratios(&cedille, &sshd)?);
        }
        return Ok(());
    }
    if args.json {
        println!("{}", serde_json::to_string(&cedille)?);
    } else {
        print!("{}", table("cedille", &cedille));
    }
    Ok(())
}

fn main() {
    let args = Args::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("loadgen: cannot start the async runtime: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = runtime.block_on(real_main(args)) {
        eprintln!("loadgen: {e:#}");
        std::process::exit(1);
    }
}
