//! Settings of `cedille serve`: flags, then environment, then the config file, then the
//! defaults — the first that says something wins.
//!
//! The file is TOML (`cedille.toml` in the working folder when it exists, or `--config`):
//!
//! ```toml
//! listen = "0.0.0.0:2222"
//! db = "/var/lib/cedille/cedille.db"
//! keys = "/var/lib/cedille/keys"
//!
//! [comments]
//! moderation = "first"      # none | first | all
//! min_interval_secs = 20    # between two comments of one member
//! per_day = 50              # comments of one member in 24 hours
//! max_chars = 4000          # length of one comment
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::domain::comment::{CommentPolicy, MAX_COMMENT_CHARS, Moderation};

/// Defaults, as DESIGN.md fixes them; the README documents each.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:2222";
pub const DEFAULT_DB: &str = "data/cedille.db";
pub const DEFAULT_KEYS: &str = "keys";
/// Read when present; `--config` names another file, which must then exist.
pub const DEFAULT_CONFIG: &str = "cedille.toml";

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("cannot read the config file {path}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("the config file {path} is not valid: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("in {path}: {message}")]
    Value { path: PathBuf, message: String },
}

/// What the config file may say; every key is optional.
#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub listen: Option<String>,
    pub db: Option<PathBuf>,
    pub keys: Option<PathBuf>,
    #[serde(default)]
    pub comments: CommentsConfig,
}

#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CommentsConfig {
    pub moderation: Option<Moderation>,
    pub min_interval_secs: Option<i64>,
    pub per_day: Option<i64>,
    pub max_chars: Option<usize>,
}

/// What flags and environment said (clap fills these; `None` when absent).
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub listen: Option<String>,
    pub db: Option<PathBuf>,
    pub keys: Option<PathBuf>,
    pub moderation: Option<Moderation>,
}

/// The settings the server runs with.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub listen: String,
    pub db: PathBuf,
    pub keys: PathBuf,
    pub policy: CommentPolicy,
}

/// Reads the config file: `explicit` (from `--config`) must exist; the default one may not.
pub fn load(explicit: Option<&Path>) -> Result<FileConfig, ConfigError> {
    let path = explicit.unwrap_or(Path::new(DEFAULT_CONFIG));
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if explicit.is_none() && e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(FileConfig::default());
        }
        Err(source) => return Err(ConfigError::Read { path: path.to_path_buf(), source }),
    };
    parse(&text, path)
}

/// The config file that `load` read, if any: said at start-up so that nobody wonders
/// where a setting came from.
pub fn used(explicit: Option<&Path>) -> Option<PathBuf> {
    match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => Path::new(DEFAULT_CONFIG).exists().then(|| PathBuf::from(DEFAULT_CONFIG)),
    }
}

pub fn parse(text: &str, path: &Path) -> Result<FileConfig, ConfigError> {
    let file: FileConfig = toml::from_str(text).map_err(|e| ConfigError::Parse {
        path: path.to_path_buf(),
        message: e.to_string().trim().to_string(),
    })?;
    let bad =
        |message: &str| Err(ConfigError::Value { path: path.to_path_buf(), message: message.to_string() });
    let c = &file.comments;
    if c.min_interval_secs.is_some_and(|v| v < 0) {
        return bad("comments.min_interval_secs must be 0 or more");
    }
    if c.per_day.is_some_and(|v| v < 1) {
        return bad("comments.per_day must be 1 or more");
    }
    if c.max_chars.is_some_and(|v| v == 0 || v > MAX_COMMENT_CHARS) {
        return bad(&format!("comments.max_chars must be between 1 and {MAX_COMMENT_CHARS}"));
    }
    Ok(file)
}

/// Flags and environment first, then the file, then the defaults.
pub fn resolve(over: Overrides, file: FileConfig) -> ServeConfig {
    let defaults = CommentPolicy::default();
    let c = file.comments;
    ServeConfig {
        listen: over.listen.or(file.listen).unwrap_or_else(|| DEFAULT_LISTEN.to_string()),
        db: over.db.or(file.db).unwrap_or_else(|| PathBuf::from(DEFAULT_DB)),
        keys: over.keys.or(file.keys).unwrap_or_else(|| PathBuf::from(DEFAULT_KEYS)),
        policy: CommentPolicy {
            moderation: over.moderation.or(c.moderation).unwrap_or(defaults.moderation),
            min_interval_secs: c.min_interval_secs.unwrap_or(defaults.min_interval_secs),
            per_day: c.per_day.unwrap_or(defaults.per_day),
            max_chars: c.max_chars.unwrap_or(defaults.max_chars),
            ..defaults
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_win_over_the_file_which_wins_over_defaults() {
        let file = parse(
            "listen = \"0.0.0.0:22\"\ndb = \"x.db\"\n[comments]\nmoderation = \"all\"\nper_day = 5\n",
            Path::new("c.toml"),
        )
        .unwrap();
        let over = Overrides { listen: Some("127.0.0.1:9".into()), ..Default::default() };
        let cfg = resolve(over, file);
        assert_eq!(cfg.listen, "127.0.0.1:9");
        assert_eq!(cfg.db, PathBuf::from("x.db"));
        assert_eq!(cfg.keys, PathBuf::from(DEFAULT_KEYS));
        assert_eq!(cfg.policy.moderation, Moderation::All);
        assert_eq!(cfg.policy.per_day, 5);
        assert_eq!(cfg.policy.min_interval_secs, CommentPolicy::default().min_interval_secs);
    }

    #[test]
    fn mistakes_are_named() {
        let err = parse("listne = \"x\"\n", Path::new("c.toml")).unwrap_err().to_string();
        assert!(err.contains("c.toml") && err.contains("listne"), "{err}");
        let err =
            parse("[comments]\nmoderation = \"sometimes\"\n", Path::new("c.toml")).unwrap_err().to_string();
        assert!(err.contains("sometimes"), "{err}");
        let err = parse("[comments]\nmax_chars = 100000\n", Path::new("c.toml")).unwrap_err().to_string();
        assert!(err.contains("max_chars"), "{err}");
    }

    #[test]
    fn a_missing_default_file_is_fine_but_a_named_one_is_not() {
        assert!(load(Some(Path::new("/nonexistent/cedille.toml"))).is_err());
    }
}
