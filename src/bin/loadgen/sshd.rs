//! `--baseline sshd`: OpenSSH's server on a loopback port, with a `ForceCommand` that runs
//! `cedille tui` on the same kind of database, for a dedicated user whose shell is
//! `/bin/sh` (no start-up files to time). Every connection is then a few processes (sshd's
//! own and the program's), and its cost is the sum over them.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, bail};

use crate::server::{WorkDir, cedille_bin, prepare_db};
use crate::{Args, Measured, Target, client};

/// The account the sessions log in to.
const USER: &str = "cedbench";
const SSHD: &str = "/usr/sbin/sshd";

pub struct Baseline {
    pub target: Target,
    child: Child,
    _dir: WorkDir,
}

fn run(cmd: &mut Command) -> Result<()> {
    let out = cmd.output().with_context(|| format!("cannot run {cmd:?}"))?;
    if !out.status.success() {
        bail!("{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(())
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| l.strip_prefix("Uid:").map(|r| r.split_whitespace().next() == Some("0")))
        })
        .unwrap_or(false)
}

/// The dedicated user: created if missing, with a usable password field (`*`: OpenSSH
/// refuses an account that `useradd` leaves locked with `!`, even for key logins).
fn ensure_user(home: &Path) -> Result<()> {
    let exists = Command::new("id").arg(USER).stdout(Stdio::null()).stderr(Stdio::null()).status()?.success();
    if !exists {
        run(Command::new("useradd")
            .args(["--system", "--shell", "/bin/sh", "--home-dir"])
            .arg(home)
            .arg(USER))?;
    }
    run(Command::new("usermod").args(["--shell", "/bin/sh", "--home"]).arg(home).args(["-p", "*", USER]))
}

/// The configuration of the baseline's sshd: one user, its keys, `cedille tui` forced.
fn sshd_config(port: u16, d: &Path, host_key: &Path, bin: &Path, db: &Path, many: usize) -> String {
    format!(
        "Port {port}\nListenAddress 127.0.0.1\nHostKey {host}\nPidFile {d}/sshd.pid\n\
         UsePAM no\nAuthorizedKeysFile {d}/authorized_keys\nStrictModes no\n\
         PubkeyAuthentication yes\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n\
         AllowUsers {USER}\nForceCommand {bin} tui --db {db}\n\
         MaxStartups {many}\nMaxSessions 10\nUseDNS no\nPrintMotd no\nPrintLastLog no\n\
         X11Forwarding no\nAllowTcpForwarding no\nLogLevel ERROR\n",
        host = host_key.display(),
        d = d.display(),
        bin = bin.display(),
        db = db.display(),
    )
}

/// Waits until `child` (sshd) accepts connections on `addr`; not a synchronisation of the
/// measure. Fails if it exits first, or does not listen within five seconds (it is then
/// killed).
async fn wait_listening(addr: std::net::SocketAddr, child: &mut std::process::Child, d: &Path) -> Result<()> {
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(addr).await.is_ok() {
            return Ok(());
        }
        if let Ok(Some(status)) = child.try_wait() {
            let log = std::fs::read_to_string(d.join("sshd.log")).unwrap_or_default();
            bail!("sshd exited ({status}): {}", log.trim());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = child.kill();
    bail!("sshd did not listen on {addr}");
}

fn free_port() -> Result<u16> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").context("cannot find a free port")?;
    Ok(l.local_addr()?.port())
}

impl Baseline {
    pub async fn start(args: &Args) -> Result<Baseline> {
        if !is_root() {
            bail!("--baseline sshd needs root (to create the user {USER} and run sshd)");
        }
        if !Path::new(SSHD).exists() {
            bail!("{SSHD} not found: install openssh-server (bench/run.sh does)");
        }
        let dir = WorkDir::new("sshd-baseline")?;
        let d = &dir.0;
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755))?;
        // A copy of the binary the user can surely read and run, wherever the build is.
        let bin = d.join("cedille");
        std::fs::copy(cedille_bin(args)?, &bin).context("cannot copy the cedille binary")?;
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755))?;
        let data = d.join("data");
        std::fs::create_dir_all(&data)?;
        let db = prepare_db(args, &data)?;
        ensure_user(d)?;
        // The database and its WAL files are written by the user's `cedille tui`.
        run(Command::new("chown").arg("-R").arg(format!("{USER}:")).arg(&data))?;

        let mut keys = std::fs::File::create(d.join("authorized_keys"))?;
        for n in 0..(args.sessions + args.probes) {
            let key = client::key(n as u64)?;
            writeln!(keys, "{}", key.public_key().to_openssh().context("cannot write a public key")?)?;
        }
        drop(keys);
        std::fs::set_permissions(d.join("authorized_keys"), std::fs::Permissions::from_mode(0o644))?;
        let host_key = d.join("ssh_host_ed25519_key");
        run(Command::new("ssh-keygen").args(["-q", "-t", "ed25519", "-N", "", "-f"]).arg(&host_key))?;
        std::fs::create_dir_all("/run/sshd").context("cannot create /run/sshd")?;

        let port = free_port()?;
        let config = d.join("sshd_config");
        let many = (args.connect_concurrency + 10) * 4;
        std::fs::write(&config, sshd_config(port, d, &host_key, &bin, &db, many))?;
        let log = std::fs::File::create(d.join("sshd.log"))?;
        let mut child = Command::new(SSHD)
            .arg("-D")
            .arg("-e")
            .arg("-f")
            .arg(&config)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(log))
            .spawn()
            .context("cannot start sshd")?;
        let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
        wait_listening(addr, &mut child, d).await?;
        let target = Target { addr, user: USER.into(), measured: Measured::Tree(child.id()) };
        Ok(Baseline { target, child, _dir: dir })
    }

    pub fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
