//! `loadgen`: opens many SSH sessions on a Cédille server, holds them, drives some of them
//! as people would, and reports what it cost the server and what the people waited for.
//! With `--baseline sshd` the same workload also runs against OpenSSH's `sshd` starting
//! `cedille tui` for each connection, the obvious alternative the server has to beat.
//!
//! The measuring client runs on the same machine as the server: on a small machine its own
//! work shows in the latencies, which are therefore an upper bound.

mod client;
mod compare;
mod files;
mod procfs;
mod server;
mod sshd;
mod workload;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Result, bail};
use clap::{Parser, ValueEnum};
use serde::Serialize;

use procfs::Usage;
use workload::run;

#[derive(Parser, Clone)]
#[command(name = "loadgen", about = "Load generator for Cédille: many SSH sessions, some of them typing")]
pub struct Args {
    /// An already running server (`HOST:PORT`).
    #[arg(long, conflicts_with = "spawn", required_unless_present_any = ["spawn", "compare"])]
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
    /// With --spawn: write the server's log (its stderr) to this file, kept after the run,
    /// to read why sessions were refused or closed [default: a temporary file, removed].
    #[arg(long, value_name = "FILE", requires = "spawn")]
    server_log: Option<PathBuf>,
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
    /// Run nothing: print the reports of earlier runs (their `--json` files) side by side.
    #[arg(long, value_name = "FILE", num_args = 1.., conflicts_with_all = ["target", "spawn"])]
    compare: Vec<PathBuf>,
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
    /// The server's CPU over the typing, per 1,000 keys typed; 0 when none was (`--active 0`).
    cpu_ms_per_1000_keys: f64,
    /// The load generator's own CPU over the same time: it shares the machine.
    client_cpu_ms_per_1000_keys: f64,
    /// Sessions still open at the end of the run (`sessions` less those that failed to
    /// connect or were closed).
    sessions_held: usize,
    /// The seconds CPU was measured over: `--duration`, as the clock ran.
    measured_s: f64,
    /// The server's CPU over those seconds, typing or idle: milliseconds per second…
    server_cpu_ms_per_s: f64,
    /// … and the same as a percentage of one core (100: one core busy all the time).
    server_cpu_pct: f64,
    /// The load generator's own, as a percentage of one core.
    client_cpu_pct: f64,
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

/// Two decimals. A figure that could not be measured (nothing to divide, nothing summed:
/// Rust sums no floats to -0) is 0, never -0, NaN or infinite, which JSON cannot carry.
fn round(x: f64) -> f64 {
    if !x.is_finite() {
        return 0.0;
    }
    (x * 100.0).round() / 100.0 + 0.0
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
        &mut r.measured_s,
        &mut r.server_cpu_ms_per_s,
        &mut r.server_cpu_pct,
        &mut r.client_cpu_pct,
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
    if r.keys > 0 {
        s += &format!(
            "key p50/p99/max         {:>9.2} / {:.2} / {:.2} ms over {} keys\n",
            r.key_p50_ms, r.key_p99_ms, r.key_max_ms, r.keys
        );
    } else {
        s += "keys                            none typed (--active 0): the sessions were held idle\n";
    }
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
    if r.keys > 0 {
        s += &format!(
            "CPU per 1000 keys       {:>9.1} ms (the load generator itself: {:.1} ms)\n",
            r.cpu_ms_per_1000_keys, r.client_cpu_ms_per_1000_keys
        );
    }
    s += &format!(
        "server CPU              {:>9.1} ms/s, {:.1} % of one core over {:.1} s (the load generator: {:.1} %)\n",
        r.server_cpu_ms_per_s, r.server_cpu_pct, r.measured_s, r.client_cpu_pct
    );
    s += &format!("sessions held at the end {:>8} of {}\n", r.sessions_held, r.sessions);
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
    if !args.compare.is_empty() {
        print!("{}", compare::table(&args.compare)?);
        return Ok(());
    }
    if args.sessions == 0 {
        bail!("--sessions must be 1 or more");
    }
    if args.cols < 60 || args.rows < 20 {
        bail!("the window must be at least 60×20, the smallest Cédille draws in");
    }
    if !(args.duration.is_finite() && args.duration >= 0.0) {
        bail!("--duration must be a number of seconds, 0 or more");
    }
    // Before any connection, and before a server is spawned (it inherits the raised limit).
    files::prepare(&args)?;
    if let (Some(_), Some(pid)) = (args.target, args.pid) {
        files::check_server(pid, &args)?;
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
