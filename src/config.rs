//! Settings of `cedille serve`: flags, then environment, then the config file, then the
//! defaults — the first that says something wins.
//!
//! The file is TOML (`cedille.toml` in the working folder when it exists, or `--config`):
//!
//! ```toml
//! listen = "0.0.0.0:2222"
//! db = "/var/lib/cedille/cedille.db"
//! keys = "/var/lib/cedille/keys"
//! public_address = "cedille.example -p 2222"   # what members type after `ssh`
//! demo = false              # a database created by this server starts empty
//!
//! [comments]
//! moderation = "first"      # none | first | all
//! min_interval_secs = 20    # between two comments of one member
//! per_day = 50              # comments of one member in 24 hours
//! max_chars = 4000          # length of one comment
//!
//! log_format = "json"       # or "text" (the default)
//!
//! [metrics]
//! listen = "127.0.0.1:9464" # the Prometheus endpoint, off unless set
//!
//! [limits]                  # see the README for each one and its default
//! max_sessions = 2000
//! max_sessions_per_address = 10
//! max_sessions_per_prefix = 40
//! idle_timeout_secs = 1800
//! ```

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use thiserror::Error;

use crate::domain::address;
use crate::domain::comment::{CommentPolicy, MAX_COMMENT_CHARS, Moderation};
use crate::observe::logs::LogFormat;
use crate::ssh::Limits;

/// Defaults; the README documents each.
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
    /// What members type after `ssh` to reach this server, used in every example the
    /// server shows; checked and cleaned by `parse`.
    pub public_address: Option<String>,
    /// Whether a database this server creates gets the demo content (default: yes).
    pub demo: Option<bool>,
    #[serde(default)]
    pub comments: CommentsConfig,
    #[serde(default)]
    pub limits: LimitsConfig,
    /// How log lines are written (default: text).
    pub log_format: Option<LogFormat>,
    #[serde(default)]
    pub metrics: MetricsConfig,
}

/// The `[metrics]` table: the Prometheus endpoint, off unless `listen` is set.
#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MetricsConfig {
    pub listen: Option<String>,
}

/// The `[limits]` table: what one server lets its clients take.
#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LimitsConfig {
    pub max_sessions: Option<usize>,
    pub max_sessions_per_address: Option<usize>,
    pub max_sessions_per_prefix: Option<usize>,
    pub max_channels_per_connection: Option<usize>,
    pub max_unauthenticated_per_address: Option<usize>,
    pub max_unauthenticated_per_prefix: Option<usize>,
    pub max_unauthenticated: Option<usize>,
    pub ipv4_prefix_len: Option<u8>,
    pub ipv6_prefix_len: Option<u8>,
    pub handshake_timeout_secs: Option<u64>,
    pub max_auth_attempts: Option<usize>,
    pub idle_timeout_secs: Option<u64>,
    pub idle_warning_secs: Option<u64>,
    pub input_bytes_per_sec: Option<usize>,
    pub max_paste_bytes: Option<usize>,
    pub max_cols: Option<u16>,
    pub max_rows: Option<u16>,
    pub stalled_client_timeout_secs: Option<u64>,
    pub keepalive_interval_secs: Option<u64>,
    pub keepalive_max: Option<usize>,
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
    /// `Some(false)` for `--no-demo`.
    pub demo: Option<bool>,
    pub log_format: Option<LogFormat>,
}

/// The settings the server runs with.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub listen: String,
    pub db: PathBuf,
    pub keys: PathBuf,
    /// The operator's `public_address`; `None`: derived from the address listened on,
    /// once it is bound.
    pub public_address: Option<String>,
    /// The demo content in a database this server creates.
    pub demo: bool,
    pub policy: CommentPolicy,
    pub limits: Limits,
    pub log_format: LogFormat,
    /// Where the Prometheus endpoint listens; `None`: no endpoint.
    pub metrics_listen: Option<String>,
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
    let mut file: FileConfig = toml::from_str(text).map_err(|e| ConfigError::Parse {
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
    if let Some(message) = limits_problem(&file.limits) {
        return bad(&message);
    }
    if let Some(raw) = file.public_address.take() {
        match address::parse(&raw) {
            Ok(clean) => file.public_address = Some(clean),
            Err(e) => return bad(&format!("{e}; for example public_address = \"cedille.example -p 2222\"")),
        }
    }
    Ok(file)
}

/// What is impossible in the `[limits]` table, said with the setting's name.
fn limits_problem(l: &LimitsConfig) -> Option<String> {
    let positive = [
        ("max_sessions", l.max_sessions.map(|v| v as u64)),
        ("max_sessions_per_address", l.max_sessions_per_address.map(|v| v as u64)),
        ("max_sessions_per_prefix", l.max_sessions_per_prefix.map(|v| v as u64)),
        ("max_channels_per_connection", l.max_channels_per_connection.map(|v| v as u64)),
        ("max_unauthenticated_per_address", l.max_unauthenticated_per_address.map(|v| v as u64)),
        ("max_unauthenticated_per_prefix", l.max_unauthenticated_per_prefix.map(|v| v as u64)),
        ("max_unauthenticated", l.max_unauthenticated.map(|v| v as u64)),
        ("handshake_timeout_secs", l.handshake_timeout_secs),
        ("max_auth_attempts", l.max_auth_attempts.map(|v| v as u64)),
        ("idle_timeout_secs", l.idle_timeout_secs),
        ("input_bytes_per_sec", l.input_bytes_per_sec.map(|v| v as u64)),
        ("stalled_client_timeout_secs", l.stalled_client_timeout_secs),
        ("keepalive_interval_secs", l.keepalive_interval_secs),
        ("keepalive_max", l.keepalive_max.map(|v| v as u64)),
    ];
    if let Some((name, _)) = positive.iter().find(|(_, v)| *v == Some(0)) {
        return Some(format!("limits.{name} must be 1 or more"));
    }
    let max_sessions = l.max_sessions.unwrap_or(Limits::default().max_sessions);
    if l.max_unauthenticated.is_some_and(|v| v > max_sessions) {
        // Handshakes cost CPU: more of them than sessions would starve the members already in.
        return Some(format!(
            "limits.max_unauthenticated must be at most limits.max_sessions ({max_sessions})"
        ));
    }
    if l.ipv4_prefix_len.is_some_and(|v| v > 32) {
        return Some("limits.ipv4_prefix_len must be 32 or less (the bits of an IPv4 address)".into());
    }
    if l.ipv6_prefix_len.is_some_and(|v| v > 128) {
        return Some("limits.ipv6_prefix_len must be 128 or less (the bits of an IPv6 address)".into());
    }
    let per_address = l.max_sessions_per_address.unwrap_or(Limits::default().max_sessions_per_address);
    if l.max_channels_per_connection.is_some_and(|v| v > per_address) {
        // Each channel is a session of that address: more could never be used.
        return Some(
            "limits.max_channels_per_connection must be at most limits.max_sessions_per_address".into(),
        );
    }
    if l.max_paste_bytes.is_some_and(|v| v < 1024) {
        return Some("limits.max_paste_bytes must be 1024 or more".into());
    }
    if l.max_cols.is_some_and(|v| v < 60) || l.max_rows.is_some_and(|v| v < 20) {
        return Some(
            "limits.max_cols must be 60 or more, limits.max_rows 20 or more (the smallest usable window)"
                .into(),
        );
    }
    let idle = l.idle_timeout_secs.unwrap_or(Limits::default().idle_timeout.as_secs());
    if l.idle_warning_secs.is_some_and(|w| w >= idle) {
        return Some("limits.idle_warning_secs must be less than limits.idle_timeout_secs".into());
    }
    None
}

/// Flags and environment first, then the file, then the defaults.
pub fn resolve(over: Overrides, file: FileConfig) -> ServeConfig {
    let defaults = CommentPolicy::default();
    let c = file.comments;
    ServeConfig {
        listen: over.listen.or(file.listen).unwrap_or_else(|| DEFAULT_LISTEN.to_string()),
        db: over.db.or(file.db).unwrap_or_else(|| PathBuf::from(DEFAULT_DB)),
        keys: over.keys.or(file.keys).unwrap_or_else(|| PathBuf::from(DEFAULT_KEYS)),
        public_address: file.public_address,
        demo: over.demo.or(file.demo).unwrap_or(true),
        policy: CommentPolicy {
            moderation: over.moderation.or(c.moderation).unwrap_or(defaults.moderation),
            min_interval_secs: c.min_interval_secs.unwrap_or(defaults.min_interval_secs),
            per_day: c.per_day.unwrap_or(defaults.per_day),
            max_chars: c.max_chars.unwrap_or(defaults.max_chars),
            ..defaults
        },
        limits: resolve_limits(file.limits),
        log_format: over.log_format.or(file.log_format).unwrap_or_default(),
        metrics_listen: file.metrics.listen,
    }
}

fn resolve_limits(l: LimitsConfig) -> Limits {
    let d = Limits::default();
    let secs = |v: Option<u64>, default: Duration| v.map(Duration::from_secs).unwrap_or(default);
    let idle_timeout = secs(l.idle_timeout_secs, d.idle_timeout);
    let max_sessions = l.max_sessions.unwrap_or(d.max_sessions);
    Limits {
        max_sessions,
        max_sessions_per_address: l.max_sessions_per_address.unwrap_or(d.max_sessions_per_address),
        max_sessions_per_prefix: l.max_sessions_per_prefix.unwrap_or(d.max_sessions_per_prefix),
        max_channels_per_connection: l.max_channels_per_connection.unwrap_or(d.max_channels_per_connection),
        max_unauthenticated_per_address: l
            .max_unauthenticated_per_address
            .unwrap_or(d.max_unauthenticated_per_address),
        max_unauthenticated_per_prefix: l
            .max_unauthenticated_per_prefix
            .unwrap_or(d.max_unauthenticated_per_prefix),
        // A server made smaller keeps handshakes to the same share of its sessions.
        max_unauthenticated: l.max_unauthenticated.unwrap_or(Limits::handshakes_for(max_sessions)),
        ipv4_prefix_len: l.ipv4_prefix_len.unwrap_or(d.ipv4_prefix_len),
        ipv6_prefix_len: l.ipv6_prefix_len.unwrap_or(d.ipv6_prefix_len),
        handshake_timeout: secs(l.handshake_timeout_secs, d.handshake_timeout),
        max_auth_attempts: l.max_auth_attempts.unwrap_or(d.max_auth_attempts),
        idle_timeout,
        // A short idle timeout with the default warning: warn for half of it.
        idle_warning: secs(l.idle_warning_secs, d.idle_warning.min(idle_timeout / 2)),
        input_bytes_per_sec: l.input_bytes_per_sec.unwrap_or(d.input_bytes_per_sec),
        max_paste_bytes: l.max_paste_bytes.unwrap_or(d.max_paste_bytes),
        max_cols: l.max_cols.unwrap_or(d.max_cols),
        max_rows: l.max_rows.unwrap_or(d.max_rows),
        stalled_client_timeout: secs(l.stalled_client_timeout_secs, d.stalled_client_timeout),
        keepalive_interval: secs(l.keepalive_interval_secs, d.keepalive_interval),
        keepalive_max: l.keepalive_max.unwrap_or(d.keepalive_max),
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
    fn limits_come_from_the_file_or_the_defaults() {
        let file = parse(
            "[limits]\nmax_sessions = 50\nidle_timeout_secs = 600\nmax_cols = 300\nmax_channels_per_connection = 3\n",
            Path::new("c.toml"),
        )
        .unwrap();
        let limits = resolve(Overrides::default(), file).limits;
        assert_eq!(limits.max_sessions, 50);
        assert_eq!(limits.idle_timeout, Duration::from_secs(600));
        assert_eq!(limits.max_cols, 300);
        assert_eq!(limits.max_channels_per_connection, 3);
        let d = Limits::default();
        assert_eq!(limits.max_sessions_per_address, d.max_sessions_per_address);
        assert_eq!(limits.idle_warning, d.idle_warning);
        assert_eq!(resolve(Overrides::default(), FileConfig::default()).limits, d);
        assert_eq!(d.max_sessions, 2000);
        assert_eq!(d.max_sessions_per_address, 10);
        assert_eq!(d.max_channels_per_connection, 1);
        assert_eq!(d.max_unauthenticated_per_address, 5);
        assert_eq!(d.max_unauthenticated_per_prefix, 20);
        assert_eq!(d.max_unauthenticated, 500);
        assert_eq!((d.ipv4_prefix_len, d.ipv6_prefix_len), (24, 64));
        // Handshakes follow a smaller server unless the file says otherwise.
        assert_eq!(limits.max_unauthenticated, 12);
        let file = parse(
            "[limits]\nmax_sessions = 50\nmax_unauthenticated = 50\nmax_unauthenticated_per_prefix = 7\n\
             ipv4_prefix_len = 16\nipv6_prefix_len = 48\n",
            Path::new("c.toml"),
        )
        .unwrap();
        let limits = resolve(Overrides::default(), file).limits;
        assert_eq!(limits.max_unauthenticated, 50);
        assert_eq!(limits.max_unauthenticated_per_prefix, 7);
        assert_eq!((limits.ipv4_prefix_len, limits.ipv6_prefix_len), (16, 48));
        assert_eq!(d.handshake_timeout, Duration::from_secs(20));
        assert_eq!(d.max_auth_attempts, 6);
        assert_eq!(d.idle_timeout, Duration::from_secs(1800));
        assert_eq!(d.idle_warning, Duration::from_secs(60));
    }

    #[test]
    fn impossible_limits_are_named() {
        for (text, name) in [
            ("[limits]\nmax_sessions = 0\n", "max_sessions"),
            ("[limits]\nmax_channels_per_connection = 0\n", "max_channels_per_connection"),
            ("[limits]\nmax_channels_per_connection = 11\n", "max_channels_per_connection"),
            ("[limits]\nidle_timeout_secs = 60\nidle_warning_secs = 60\n", "idle_warning_secs"),
            ("[limits]\nmax_cols = 10\n", "max_cols"),
            ("[limits]\nmax_sesions = 3\n", "max_sesions"),
            ("[limits]\nmax_unauthenticated = 0\n", "max_unauthenticated"),
            ("[limits]\nmax_unauthenticated_per_prefix = 0\n", "max_unauthenticated_per_prefix"),
            ("[limits]\nmax_sessions = 10\nmax_unauthenticated = 11\n", "max_unauthenticated"),
            ("[limits]\nmax_unauthenticated = 2001\n", "max_unauthenticated"),
            ("[limits]\nipv4_prefix_len = 33\n", "ipv4_prefix_len"),
            ("[limits]\nipv6_prefix_len = 129\n", "ipv6_prefix_len"),
            ("[limits]\nipv6_prefix_len = 300\n", "ipv6_prefix_len"),
            ("[limits]\nipv4_prefix_len = -1\n", "ipv4_prefix_len"),
        ] {
            let err = parse(text, Path::new("c.toml")).unwrap_err().to_string();
            assert!(err.contains(name), "{text}: {err}");
        }
    }

    #[test]
    fn the_public_address_is_cleaned_and_control_characters_refused() {
        let file = parse("public_address = \"  cedille.example   -p 2222 \"\n", Path::new("c.toml")).unwrap();
        let cfg = resolve(Overrides::default(), file);
        assert_eq!(cfg.public_address.as_deref(), Some("cedille.example -p 2222"));
        assert_eq!(resolve(Overrides::default(), FileConfig::default()).public_address, None);
        // Without it, the examples say what the default listening address gives.
        assert_eq!(address::from_listen(DEFAULT_LISTEN), address::DEFAULT);
        for text in ["public_address = \"cedille\\u001b[2J.example\"\n", "public_address = \"a\\nb\"\n"] {
            let err = parse(text, Path::new("c.toml")).unwrap_err().to_string();
            assert!(
                err.contains("c.toml") && err.contains("public_address") && err.contains("control"),
                "{err}"
            );
            assert!(!err.contains('\u{1b}'), "{err}");
        }
        let err = parse("public_address = \" \"\n", Path::new("c.toml")).unwrap_err().to_string();
        assert!(err.contains("public_address is empty"), "{err}");
    }

    #[test]
    fn the_log_format_and_the_metrics_endpoint_are_read_and_a_flag_wins() {
        let file =
            parse("log_format = \"json\"\n[metrics]\nlisten = \"127.0.0.1:9464\"\n", Path::new("c.toml"))
                .unwrap();
        let cfg = resolve(Overrides::default(), file);
        assert_eq!(
            (cfg.log_format, cfg.metrics_listen.as_deref()),
            (LogFormat::Json, Some("127.0.0.1:9464"))
        );
        let over = Overrides { log_format: Some(LogFormat::Text), ..Default::default() };
        assert_eq!(
            resolve(over, parse("log_format = \"json\"\n", Path::new("c.toml")).unwrap()).log_format,
            LogFormat::Text
        );
        let cfg = resolve(Overrides::default(), FileConfig::default());
        assert_eq!((cfg.log_format, cfg.metrics_listen), (LogFormat::Text, None), "off by default");
        for text in ["log_format = \"xml\"\n", "[metrics]\nlisten_on = \"x\"\n"] {
            assert!(parse(text, Path::new("c.toml")).is_err(), "{text}");
        }
    }

    #[test]
    fn a_missing_default_file_is_fine_but_a_named_one_is_not() {
        assert!(load(Some(Path::new("/nonexistent/cedille.toml"))).is_err());
    }
}
