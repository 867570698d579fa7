//! `--compare FILE…`: the reports of earlier runs (`--json` files, as `bench/run.sh` keeps
//! them) side by side, one column per run, one line per figure; a baseline's file gives two
//! columns, Cédille's and sshd's.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde_json::Value;

/// The figures compared, by their JSON name, with what the line says.
const FIGURES: &[(&str, &str)] = &[
    ("sessions", "sessions asked"),
    ("sessions_held", "sessions held at the end"),
    ("active", "sessions typing"),
    ("duration_s", "seconds of typing or idling"),
    ("connects_per_s", "connects per second (ramp)"),
    ("connect_p50_ms", "newcomer connect p50 (ms)"),
    ("connect_p99_ms", "newcomer connect p99 (ms)"),
    ("keys", "keys timed"),
    ("key_p50_ms", "key p50 (ms)"),
    ("key_p99_ms", "key p99 (ms)"),
    ("key_max_ms", "key max (ms)"),
    ("errors", "errors"),
    ("rss_loaded_kib", "server RSS loaded (KiB)"),
    ("rss_per_session_kib", "RSS per session (KiB)"),
    ("pss_per_session_kib", "PSS per session (KiB)"),
    ("cpu_ms_per_1000_keys", "server CPU per 1,000 keys (ms)"),
    ("server_cpu_pct", "server CPU (% of one core)"),
    ("client_cpu_pct", "loadgen CPU (% of one core)"),
];

/// One column: its name and the report it shows.
fn columns(path: &Path) -> Result<Vec<(String, Value)>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let report: Value = serde_json::from_str(text.trim())
        .with_context(|| format!("{} is not one JSON report", path.display()))?;
    let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(match (report.get("cedille"), report.get("sshd")) {
        (Some(c), Some(s)) => {
            vec![(format!("{name}:cedille"), c.clone()), (format!("{name}:sshd"), s.clone())]
        }
        _ => vec![(name, report)],
    })
}

fn cell(v: Option<&Value>) -> String {
    match v {
        Some(v) if v.is_u64() || v.is_i64() => v.to_string(),
        Some(v) => v.as_f64().map_or_else(|| "–".to_string(), |x| format!("{x:.2}")),
        None => "–".to_string(),
    }
}

/// The table of `files`, as text.
pub fn table(files: &[PathBuf]) -> Result<String> {
    let mut cols = Vec::new();
    for f in files {
        cols.extend(columns(f)?);
    }
    let label_width = FIGURES.iter().map(|(_, l)| l.chars().count()).max().unwrap_or(0);
    let cells: Vec<Vec<String>> =
        cols.iter().map(|(_, r)| FIGURES.iter().map(|(k, _)| cell(r.get(*k))).collect()).collect();
    let widths: Vec<usize> = cols
        .iter()
        .zip(&cells)
        .map(|((name, _), c)| {
            c.iter().map(|s| s.chars().count()).chain([name.chars().count()]).max().unwrap_or(0)
        })
        .collect();
    let mut out = format!("{:label_width$}", "");
    for ((name, _), w) in cols.iter().zip(&widths) {
        out += &format!("  {name:>w$}");
    }
    out.push('\n');
    for (i, (_, label)) in FIGURES.iter().enumerate() {
        out += &format!("{label:label_width$}");
        for (c, w) in cells.iter().zip(&widths) {
            out += &format!("  {:>w$}", c[i]);
        }
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_set_side_by_side_and_a_missing_figure_is_a_dash() {
        let dir = std::env::temp_dir().join(format!("loadgen-compare-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let idle = dir.join("idle.json");
        std::fs::write(&idle, r#"{"sessions": 10000, "active": 0, "server_cpu_pct": 3.5}"#).unwrap();
        let base = dir.join("baseline.json");
        std::fs::write(&base, r#"{"cedille": {"sessions": 200}, "sshd": {"sessions": 200}, "ratios": {}}"#)
            .unwrap();
        let t = table(&[idle, base]).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        let head = t.lines().next().unwrap();
        assert!(
            head.contains("idle") && head.contains("baseline:cedille") && head.contains("baseline:sshd"),
            "{t}"
        );
        let cpu = t.lines().find(|l| l.starts_with("server CPU (%")).unwrap();
        assert!(cpu.contains("3.50") && cpu.contains('–'), "{t}");
        let sessions = t.lines().find(|l| l.starts_with("sessions asked")).unwrap();
        assert_eq!(sessions.split_whitespace().filter(|w| *w == "200").count(), 2, "{t}");
    }
}
