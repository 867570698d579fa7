//! The server's ed25519 host key: made on first start, reused after, so that members'
//! `known_hosts` stay valid across restarts.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use russh::keys::ssh_key::LineEnding;
use russh::keys::ssh_key::private::{Ed25519Keypair, KeypairData};
use russh::keys::{HashAlg, PrivateKey};
use thiserror::Error;

pub const FILE_NAME: &str = "host_ed25519";

#[derive(Debug, Error)]
pub enum HostKeyError {
    #[error("cannot read the host key {path}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("the host key {path} is not an OpenSSH private key")]
    Parse { path: PathBuf, source: russh::keys::ssh_key::Error },
    #[error("cannot write the host key {path}")]
    Write { path: PathBuf, source: std::io::Error },
    #[error("cannot make a host key: {0}")]
    Generate(String),
    #[error(
        "the host key {path} can be read by other users (mode {mode:04o}); like sshd, Cédille \
         refuses it: `chmod 600 {path}`, and think about whether it leaked"
    )]
    Unprotected { path: PathBuf, mode: u32 },
    #[error(
        "the host key {path} is missing, but this bulletin was served with one: a new key would make \
         every member's ssh say « REMOTE HOST IDENTIFICATION HAS CHANGED ». Put the old key back \
         (from a backup of the keys folder), or start once with --new-host-key to make a new one \
         and tell the members its fingerprint"
    )]
    Missing { path: PathBuf },
}

/// When a missing key may be made: on the first start of a bulletin, and after that only
/// when the operator says so (`--new-host-key`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfMissing {
    Create,
    Refuse,
}

/// Loads `dir/host_ed25519`, or creates it (mode 0600) when it does not exist and `missing`
/// allows it. Returns the key and whether it was just created.
pub fn load_or_create(dir: &Path, missing: IfMissing) -> Result<(PrivateKey, bool), HostKeyError> {
    let path = dir.join(FILE_NAME);
    match fs::read_to_string(&path) {
        Ok(text) => {
            refuse_unprotected(&path)?;
            let key = PrivateKey::from_openssh(text.as_bytes())
                .map_err(|source| HostKeyError::Parse { path: path.clone(), source })?;
            Ok((key, false))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => match missing {
            IfMissing::Create => Ok((create(&path)?, true)),
            IfMissing::Refuse => Err(HostKeyError::Missing { path }),
        },
        Err(source) => Err(HostKeyError::Read { path, source }),
    }
}

/// sshd's rule: a private key that group or others may read is no longer private.
fn refuse_unprotected(path: &Path) -> Result<(), HostKeyError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta =
            fs::metadata(path).map_err(|source| HostKeyError::Read { path: path.to_path_buf(), source })?;
        let mode = meta.permissions().mode() & 0o7777;
        if mode & 0o077 != 0 {
            return Err(HostKeyError::Unprotected { path: path.to_path_buf(), mode });
        }
    }
    Ok(())
}

/// The fingerprint as `ssh-keygen -lf` prints it: `SHA256:` and unpadded base64.
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

fn create(path: &Path) -> Result<PrivateKey, HostKeyError> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| HostKeyError::Generate(e.to_string()))?;
    let pair = Ed25519Keypair::from_seed(&seed);
    let key = PrivateKey::new(KeypairData::from(pair), "cedille host key")
        .map_err(|e| HostKeyError::Generate(e.to_string()))?;
    let text = key.to_openssh(LineEnding::LF).map_err(|e| HostKeyError::Generate(e.to_string()))?;
    let write_err = |source| HostKeyError::Write { path: path.to_path_buf(), source };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(write_err)?;
    }
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(write_err)?;
    file.write_all(text.as_bytes()).map_err(write_err)?;
    file.sync_all().map_err(write_err)?;
    // The public half beside it, for operators who publish it in SSHFP or known_hosts.
    if let Ok(public) = key.public_key().to_openssh() {
        let public_path = path.with_extension("pub");
        if fs::write(&public_path, format!("{public}\n")).is_ok() {
            // Public on purpose, whatever the umask that keeps the rest private.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let _ = fs::set_permissions(&public_path, fs::Permissions::from_mode(0o644));
            }
        }
    }
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_once_then_reused_with_private_mode() {
        let dir = tempfile::tempdir().unwrap();
        let (k1, created) = load_or_create(dir.path(), IfMissing::Create).unwrap();
        assert!(created);
        let (k2, created) = load_or_create(dir.path(), IfMissing::Create).unwrap();
        assert!(!created);
        assert_eq!(fingerprint(&k1), fingerprint(&k2));
        assert!(fingerprint(&k1).starts_with("SHA256:"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(dir.path().join(FILE_NAME)).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_broken_key_file_is_an_error_not_a_new_key() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(FILE_NAME), "not a key").unwrap();
        private(&dir.path().join(FILE_NAME));
        assert!(matches!(load_or_create(dir.path(), IfMissing::Create), Err(HostKeyError::Parse { .. })));
    }

    #[cfg(unix)]
    fn private(path: &Path) {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600)).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_key_others_may_read_is_refused_as_sshd_does() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        load_or_create(dir.path(), IfMissing::Create).unwrap();
        let path = dir.path().join(FILE_NAME);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        let e = load_or_create(dir.path(), IfMissing::Create).unwrap_err();
        assert!(matches!(e, HostKeyError::Unprotected { mode: 0o644, .. }), "{e}");
        assert!(e.to_string().contains("chmod 600"), "{e}");
        private(&path);
        assert!(load_or_create(dir.path(), IfMissing::Refuse).is_ok());
    }

    #[test]
    fn a_missing_key_is_not_made_again_unless_asked() {
        let dir = tempfile::tempdir().unwrap();
        let e = load_or_create(dir.path(), IfMissing::Refuse).unwrap_err();
        assert!(matches!(e, HostKeyError::Missing { .. }), "{e}");
        assert!(e.to_string().contains("--new-host-key"), "{e}");
        assert!(!dir.path().join(FILE_NAME).exists());
    }
}
