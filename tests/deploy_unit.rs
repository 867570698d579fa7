#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The systemd units shipped in `deploy/`: `systemd-analyze security --offline=true` rates
//! each at 2.5 or less (the port-22 drop-in included), `systemd-analyze verify` finds nothing
//! to say about them (skipped, with a message, where systemd-analyze is missing); and the
//! paths they use are the ones the README's examples, the Litestream configuration and the
//! production config use.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The highest exposure the units may have.
const MAX_EXPOSURE: f64 = 2.5;

/// The unit's paths, which everything else must agree with.
const DB: &str = "/var/lib/cedille/cedille.db";
const KEYS: &str = "/var/lib/cedille/keys";
const CONFIG: &str = "/etc/cedille/cedille.toml";

fn deploy(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy").join(name)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn readme() -> String {
    read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
}

/// The values of `key=` in a unit file, in order.
fn values<'a>(unit: &'a str, key: &str) -> Vec<&'a str> {
    unit.lines().filter_map(|l| l.strip_prefix(key)?.strip_prefix('=')).collect()
}

/// `systemd-analyze`, or `None` (and a line on stderr) when this machine has none.
fn systemd_analyze(test: &str) -> Option<&'static str> {
    let found = Command::new("systemd-analyze").arg("--version").output().is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("skipped {test}: systemd-analyze is not installed");
    }
    found.then_some("systemd-analyze")
}

/// The overall exposure `systemd-analyze security --offline=true` gives `unit`, and the
/// warnings it printed about the file.
fn exposure(bin: &str, unit: &Path) -> (f64, Vec<String>) {
    let out =
        Command::new(bin).args(["security", "--offline=true", "--no-pager"]).arg(unit).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let name = unit.file_name().unwrap().to_string_lossy();
    // « → Overall exposure level for cedille.service: 1.1 OK 🙂 »
    let figure = stdout
        .lines()
        .find_map(|l| l.split(&format!("Overall exposure level for {name}: ")).nth(1))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse::<f64>().ok())
        .unwrap_or_else(|| {
            panic!("no exposure level for {name} in:\n{stdout}{}", String::from_utf8_lossy(&out.stderr))
        });
    (figure, warnings(&out.stderr, &name))
}

/// What systemd said about the unit file itself (« cedille.service:15: Unknown key … »).
fn warnings(stderr: &[u8], name: &str) -> Vec<String> {
    String::from_utf8_lossy(stderr).lines().filter(|l| l.contains(name)).map(str::to_string).collect()
}

/// The unit with the port-22 drop-in applied, as systemd reads a drop-in: its `[Service]`
/// lines after the unit's own.
fn with_port_22(dir: &Path) -> PathBuf {
    let unit = read(&deploy("cedille.service"));
    let (service, install) = unit.split_at(unit.find("[Install]").unwrap());
    let path = dir.join("cedille.service");
    std::fs::write(&path, format!("{service}{}\n{install}", read(&deploy("port-22.conf")))).unwrap();
    path
}

#[test]
fn the_shipped_units_are_rated_2_5_or_less() {
    let Some(bin) = systemd_analyze("the exposure of the units") else { return };
    let dir = tempfile::tempdir().unwrap();
    for unit in [deploy("cedille.service"), deploy("litestream.service"), with_port_22(dir.path())] {
        let (figure, warnings) = exposure(bin, &unit);
        eprintln!("{}: exposure {figure}", unit.display());
        assert!(warnings.is_empty(), "systemd-analyze about {}:\n{}", unit.display(), warnings.join("\n"));
        assert!(figure <= MAX_EXPOSURE, "{}: exposure {figure}, above {MAX_EXPOSURE}", unit.display());
    }
}

#[test]
fn systemd_finds_nothing_to_say_about_the_units() {
    let Some(bin) = systemd_analyze("systemd-analyze verify") else { return };
    // verify wants the programs to exist: the built binary stands for /usr/local/bin/cedille,
    // and any program for Litestream.
    let dir = tempfile::tempdir().unwrap();
    let cedille =
        read(&deploy("cedille.service")).replace("/usr/local/bin/cedille", env!("CARGO_BIN_EXE_cedille"));
    let litestream = read(&deploy("litestream.service"))
        .replace("/usr/local/bin/litestream", env!("CARGO_BIN_EXE_cedille"));
    std::fs::write(dir.path().join("cedille.service"), cedille).unwrap();
    std::fs::write(dir.path().join("litestream.service"), litestream).unwrap();
    for name in ["cedille.service", "litestream.service"] {
        let out = Command::new(bin).arg("verify").arg(dir.path().join(name)).output().unwrap();
        let said = warnings(&out.stderr, name);
        assert!(said.is_empty(), "systemd-analyze verify {name}:\n{}", said.join("\n"));
    }
}

#[test]
fn the_unit_runs_the_server_as_cedille_on_its_state_directory() {
    let unit = read(&deploy("cedille.service"));
    let exec = values(&unit, "ExecStart");
    assert_eq!(exec.len(), 1);
    let args: Vec<&str> = exec[0].split_whitespace().collect();
    assert_eq!(&args[..2], ["/usr/local/bin/cedille", "serve"]);
    for (flag, value) in [("--db", DB), ("--keys", KEYS), ("--config", CONFIG)] {
        let at = args.iter().position(|a| *a == flag).unwrap_or_else(|| panic!("ExecStart gives no {flag}"));
        assert_eq!(args[at + 1], value, "{flag}");
    }
    assert_eq!(values(&unit, "User"), ["cedille"]);
    assert_eq!(values(&unit, "StateDirectory"), ["cedille"], "the state directory is /var/lib/cedille");
    assert_eq!(values(&unit, "WorkingDirectory"), ["/var/lib/cedille"]);
    assert_eq!(values(&unit, "UMask"), ["0077"]);
    assert_eq!(values(&unit, "KillSignal"), ["SIGTERM"]);
    assert_eq!(values(&unit, "Restart"), ["on-failure"]);
    assert_eq!(values(&unit, "CapabilityBoundingSet"), [""]);
    assert_eq!(values(&unit, "NoNewPrivileges"), ["yes"]);
    assert_eq!(values(&unit, "ProtectSystem"), ["strict"]);
}

#[test]
fn the_open_file_limit_holds_what_the_shipped_config_lets_in() {
    let unit = read(&deploy("cedille.service"));
    let limit: u64 =
        values(&unit, "LimitNOFILE").first().and_then(|v| v.parse().ok()).expect("LimitNOFILE=N");
    let path = deploy("cedille.toml");
    let file = cedille::config::parse(&read(&path), &path).unwrap();
    assert!(file.db.is_none() && file.keys.is_none(), "the unit gives the paths; the config does not");
    let config = cedille::config::resolve(cedille::config::Overrides::default(), file);
    assert!(!config.demo, "a production database starts empty");
    let needed = config.limits.open_files_needed();
    assert!(needed <= limit, "LimitNOFILE={limit}, but the shipped limits need {needed} open files");
    let defaults = cedille::ssh::Limits::default().open_files_needed();
    assert!(defaults <= limit, "LimitNOFILE={limit}, but the default limits need {defaults}");
}

#[test]
fn litestream_replicates_the_units_database_as_the_units_user() {
    let config = read(&deploy("litestream.yml"));
    assert!(config.contains(&format!("  - path: {DB}\n")), "deploy/litestream.yml replicates {DB}");
    let unit = read(&deploy("litestream.service"));
    assert_eq!(values(&unit, "User"), ["cedille"]);
    assert_eq!(
        values(&unit, "ExecStart"),
        ["/usr/local/bin/litestream replicate -config /etc/litestream.yml"]
    );
    let writable = values(&unit, "ReadWritePaths").join(" ");
    assert!(
        writable.split_whitespace().any(|p| p == "/var/lib/cedille"),
        "Litestream writes beside the database"
    );
    assert!(writable.contains("/var/backups/cedille"), "Litestream writes its file replica");
    assert!(config.contains("path: /var/backups/cedille/"), "the file replica is under /var/backups/cedille");
    // The server's end takes Litestream down with it, and Litestream comes back by itself.
    let cedille = read(&deploy("cedille.service"));
    assert!(
        values(&cedille, "ExecStopPost")
            .iter()
            .any(|c| c.contains("kill --signal=SIGKILL litestream.service"))
    );
    assert_eq!(values(&unit, "Restart"), ["always"]);
    assert_eq!(values(&unit, "PartOf"), ["cedille.service"]);
}

#[test]
fn the_readme_uses_the_units_paths() {
    let readme = readme();
    let deploying = &readme[readme.find("## Deploying").unwrap()..];
    assert!(deploying.contains("deploy/cedille.service /etc/systemd/system/cedille.service"));
    assert!(deploying.contains("systemctl enable --now cedille"));
    assert!(deploying.contains("journalctl -u cedille"));
    assert!(deploying.contains(&format!("deploy/cedille.toml {CONFIG}")));
    // The console, the cron line and the backups, as the service's user on its database.
    for example in [
        format!("sudo -u cedille cedille admin --db {DB}"),
        format!("cedille /usr/local/bin/cedille backup --quiet --db {DB} /var/backups/cedille/"),
        format!("sudo -u cedille cedille backup --db {DB}"),
        format!("litestream restore -o /var/lib/cedille/restored.db {DB}"),
    ] {
        assert!(readme.contains(&example), "the README has no `{example}`");
    }
    // No other database or host key folder under /var/lib: every path there is the unit's.
    for (at, _) in readme.match_indices("/var/lib/") {
        let path: String =
            readme[at..].chars().take_while(|c| !c.is_whitespace() && !"`'\"),".contains(*c)).collect();
        let ours = path == "/var/lib/cedille"
            || path.starts_with("/var/lib/cedille/")
                && [DB, KEYS, "/var/lib/cedille/restored.db", "/var/lib/cedille/.cedille.db-litestream"]
                    .iter()
                    .any(|p| path.starts_with(p));
        assert!(ours, "the README names {path}, which is not one of the unit's paths");
    }
    // The old unit is gone: its 65,536 files and its variables.
    assert!(!readme.contains("Environment=CEDILLE_LISTEN"), "the README still shows its own unit");
}
