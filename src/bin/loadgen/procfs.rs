//! Memory and CPU of server processes, read from `/proc`. RSS counts every page a process
//! touches, shared or not; PSS divides shared pages among the processes that share them,
//! which is the honest figure when one connection is several processes (OpenSSH).

use std::collections::HashMap;

/// Linux reports CPU times in clock ticks of 1/100 s (`USER_HZ`) on every architecture
/// it runs on.
const TICK_MS: u64 = 10;

#[derive(Debug, Default, Clone, Copy)]
pub struct Usage {
    pub rss_kib: u64,
    pub hwm_kib: u64,
    pub pss_kib: u64,
    pub cpu_ms: u64,
    pub processes: usize,
}

impl std::ops::Add for Usage {
    type Output = Usage;
    fn add(self, o: Usage) -> Usage {
        Usage {
            rss_kib: self.rss_kib + o.rss_kib,
            hwm_kib: self.hwm_kib + o.hwm_kib,
            pss_kib: self.pss_kib + o.pss_kib,
            cpu_ms: self.cpu_ms + o.cpu_ms,
            processes: self.processes + o.processes,
        }
    }
}

fn field_kib(text: &str, name: &str) -> u64 {
    text.lines()
        .find_map(|l| l.strip_prefix(name))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// `utime + stime` and the parent, from `/proc/PID/stat` (the name may hold spaces and
/// parentheses, so fields are counted after its last `)`).
fn stat(pid: u32) -> Option<(u64, u32)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &text[text.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    // After the name: state(0) ppid(1) … utime(11) stime(12).
    let ppid = f.get(1)?.parse().ok()?;
    let ticks = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some((ticks * TICK_MS, ppid))
}

/// One process; zero for a process that is gone.
pub fn usage(pid: u32) -> Usage {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
    let Some((cpu_ms, _)) = stat(pid) else { return Usage::default() };
    Usage {
        rss_kib: field_kib(&status, "VmRSS:"),
        hwm_kib: field_kib(&status, "VmHWM:"),
        pss_kib: field_kib(&rollup, "Pss:"),
        cpu_ms,
        processes: 1,
    }
}

/// Every process below `root` (not `root` itself).
pub fn descendants(root: u32) -> Vec<u32> {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    if let Ok(dir) = std::fs::read_dir("/proc") {
        for entry in dir.flatten() {
            let Some(pid) = entry.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
                continue;
            };
            if let Some((_, ppid)) = stat(pid) {
                children.entry(ppid).or_default().push(pid);
            }
        }
    }
    let mut out = Vec::new();
    let mut todo = vec![root];
    while let Some(p) = todo.pop() {
        for &c in children.get(&p).map(Vec::as_slice).unwrap_or(&[]) {
            out.push(c);
            todo.push(c);
        }
    }
    out
}

/// The sum over every process below `root`: what the connections of a forking server cost.
pub fn tree_usage(root: u32) -> Usage {
    descendants(root).into_iter().map(usage).fold(Usage::default(), |a, b| a + b)
}
