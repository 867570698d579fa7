//! What `cedille serve` does before it serves: one server per database, the log, the
//! host key the bulletin is known by, the open-file limit, the signals that stop it. The
//! server speaks English, whatever `LANG` says: its start-up lines go to the journal with
//! its log, and scripts read them (« listens on »).

use std::path::Path;

use anyhow::{Context, Result};

use crate::ssh::hostkey;
use crate::store::{Opened, Store};

/// One server per database, said before anything is opened: a second one is refused with
/// the first one's own line (its pid, address and start).
pub fn server_lock(db: &Path, listen: &str) -> Result<crate::store::lock::ServerLock> {
    let since = chrono::Utc::now().format("%Y-%m-%d %H:%M:%S UTC").to_string();
    let who = super::errors::server_line(std::process::id(), listen, &since);
    Ok(crate::store::lock::ServerLock::take(db, &who).map_err(crate::store::StoreError::from)?)
}

/// The start-up line about the database: what the operator must know of it first.
pub fn opened_line(db: &Path, opened: Opened) -> String {
    match opened {
        Opened::CreatedWithDemo => format!("Database {} created with the demo bulletin.", db.display()),
        Opened::CreatedEmpty => format!("Database {} created empty (no demo).", db.display()),
        Opened::Existing => format!("Database {} (existing).", db.display()),
        Opened::Migrated { from } => format!(
            "Database {} migrated from schema {from} to {}; as it was before: {}.",
            db.display(),
            crate::store::versions().0,
            crate::store::pre_migration_backup(db, from).display()
        ),
    }
}

/// The host key, checked against the one the bulletin was served with: members'
/// `known_hosts` hold that one, so a missing or different key stops the start unless the
/// operator asks for the change (`--new-host-key`).
pub fn host_key(store: &Store, keys: &Path, new_host_key: bool) -> Result<(russh::keys::PrivateKey, bool)> {
    let recorded = store.host_key().recorded()?;
    let missing = if recorded.is_some() && !new_host_key {
        hostkey::IfMissing::Refuse
    } else {
        hostkey::IfMissing::Create
    };
    let (key, created) = hostkey::load_or_create(keys, missing)?;
    let fingerprint = hostkey::fingerprint(&key);
    if let Some(old) = recorded.filter(|old| *old != fingerprint && !new_host_key) {
        anyhow::bail!(
            "the host key {} ({fingerprint}) is not the one this bulletin was served with ({old}): \
             members' ssh would say « REMOTE HOST IDENTIFICATION HAS CHANGED ». Is --keys the right \
             folder? Start with --new-host-key to use this key from now on",
            keys.join(hostkey::FILE_NAME).display()
        );
    }
    store.host_key().record(&fingerprint)?;
    Ok((key, created))
}

/// Raises the open-file limit to the hard limit (each connection is a socket) and warns
/// when even that holds fewer connections than the limits let in: past it, connections fail
/// to be accepted (« accept failed » in the log) whatever `max_sessions` says.
pub fn open_files(limits: &crate::ssh::Limits) {
    let files = crate::ssh::raise_open_files();
    let needed = limits.open_files_needed();
    match files.soft {
        Some(soft) if soft < needed => tracing::warn!(
            open_files = soft,
            needed,
            "this process may open {soft} files, fewer than the {needed} that max_sessions and \
             max_unauthenticated may take: raise the hard limit (LimitNOFILE={needed} in the \
             systemd unit, or `ulimit -Hn {needed}` before starting), or lower max_sessions"
        ),
        soft => tracing::debug!(open_files = ?soft, needed, "open-file limit"),
    }
}

/// SIGTERM (systemd, docker stop) or SIGINT (Ctrl-C): both mean « stop cleanly ».
pub fn stop_signal() -> Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate()).context("cannot listen for SIGTERM")?;
    let mut int = signal(SignalKind::interrupt()).context("cannot listen for SIGINT")?;
    Ok(async move {
        tokio::select! {
            _ = term.recv() => tracing::info!("SIGTERM received"),
            _ = int.recv() => tracing::info!("SIGINT received"),
        }
    })
}
