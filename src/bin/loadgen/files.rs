//! Open files: every SSH session is a socket, in `loadgen` and in the server alike. A shell's
//! usual soft limit (1,024) holds fewer sessions than a run asks for, so `loadgen` raises
//! its own to the hard limit before anything else (a server it spawns inherits it, and
//! raises its own too), and stops, saying how to raise the hard limit, when even that is too
//! low for the run.

use anyhow::{Result, bail};
use cedille::ssh::{OpenFiles, raise_open_files};

use crate::Args;

/// Files a process needs beyond one per connection: the runtime's, the database's, the log.
const MARGIN: u64 = 64;

/// The open files a run needs in each of `loadgen` and the server: one per session held,
/// one per probe (a closed one may linger a moment), and the margin.
pub fn needed(args: &Args) -> u64 {
    (args.sessions + args.probes) as u64 + MARGIN
}

/// `10000` as `10,000`.
fn grouped(n: u64) -> String {
    cedille::cli::thousands(usize::try_from(n).unwrap_or(usize::MAX))
}

fn limit(n: Option<u64>) -> String {
    n.map_or_else(|| "no limit".to_string(), grouped)
}

/// A round figure, at least what the run needs, to type.
fn advice(need: u64) -> u64 {
    need.div_ceil(10_000) * 10_000
}

/// Raises this process's limit, then checks it against the run: before any connection.
pub fn prepare(args: &Args) -> Result<OpenFiles> {
    let files = raise_open_files();
    let need = needed(args);
    if files.allows(need) {
        return Ok(files);
    }
    let who = if args.target.is_some() { "loadgen" } else { "loadgen and in the server it starts" };
    let raise = advice(need);
    bail!(
        "{} sessions need about {} open files in {who}, but this process may open {} (hard \
         limit {}). Raise the hard limit, then run again: `ulimit -Hn {raise}` as root in this \
         shell, `LimitNOFILE={raise}` in a systemd unit, or a `nofile` line in \
         /etc/security/limits.conf for a user's logins; or ask for fewer --sessions",
        grouped(args.sessions as u64),
        grouped(need),
        limit(files.soft),
        limit(files.hard),
    )
}

/// With `--target` and `--pid`: the server's own soft limit, read from `/proc/PID/limits`,
/// checked the same way (a server that cannot accept more connections makes errors, not
/// figures). Nothing is said when it cannot be read.
pub fn check_server(pid: u32, args: &Args) -> Result<()> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/limits")).unwrap_or_default();
    // `Max open files            1024                 524288               files`
    let soft = text
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .and_then(|l| l.split_whitespace().nth(3))
        .and_then(|v| v.parse::<u64>().ok());
    let need = needed(args);
    match soft {
        Some(soft) if soft < need => bail!(
            "the server (pid {pid}) may open {} files, fewer than the {} these {} sessions need: \
             raise its limit (`LimitNOFILE={}` in its systemd unit, or `prlimit --pid {pid} \
             --nofile={}`), or ask for fewer --sessions",
            grouped(soft),
            grouped(need),
            grouped(args.sessions as u64),
            advice(need),
            advice(need),
        ),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_grouped_and_the_advice_is_round_and_enough() {
        assert_eq!(grouped(10_094), "10,094");
        assert_eq!(grouped(999), "999");
        assert_eq!(advice(10_094), 20_000);
        assert_eq!(advice(1_094), 10_000);
        assert_eq!(advice(20_000), 20_000);
    }
}
