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
}

/// Loads `dir/host_ed25519`, or creates it (mode 0600) when it does not exist.
/// Returns the key and whether it was just created.
pub fn load_or_create(dir: &Path) -> Result<(PrivateKey, bool), HostKeyError> {
    let path = dir.join(FILE_NAME);
    match fs::read_to_string(&path) {
        Ok(text) => {
            let key = PrivateKey::from_openssh(text.as_bytes())
                .map_err(|source| HostKeyError::Parse { path: path.clone(), source })?;
            Ok((key, false))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((create(&path)?, true)),
        Err(source) => Err(HostKeyError::Read { path, source }),
    }
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
        let _ = fs::write(path.with_extension("pub"), format!("{public}\n"));
    }
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_once_then_reused_with_private_mode() {
        let dir = tempfile::tempdir().unwrap();
        let (k1, created) = load_or_create(dir.path()).unwrap();
        assert!(created);
        let (k2, created) = load_or_create(dir.path()).unwrap();
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
        assert!(matches!(load_or_create(dir.path()), Err(HostKeyError::Parse { .. })));
    }
}
