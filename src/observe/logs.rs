//! The server's log on standard error: plain text (colours on a terminal only), or one JSON
//! object per line for a log collector (`--log-format json`, config `log_format`). What is
//! logged is `RUST_LOG`'s choice, `cedille=info` unless told.
//!
//! Each connection's lines carry its span (`conn`, with `peer`), and a session's also its
//! own (`session`, with the member's id or `guest`). At `debug`, a session says what it does:
//! the sections it goes to and each effect it runs, by name — never what members write.

use serde::Deserialize;

/// How log lines are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Lines for people: time, level, spans, message, fields.
    #[default]
    Text,
    /// One JSON object per line: `timestamp`, `level`, `target`, `message`, the event's
    /// fields, and `spans` (outermost first) with theirs.
    Json,
}

/// Installs the log for this process (a second call changes nothing).
pub fn init(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("cedille=info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = match format {
        // Colours only on a terminal: a log file or a journal gets plain text.
        LogFormat::Text => builder.with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr())).try_init(),
        LogFormat::Json => {
            builder.json().flatten_event(true).with_current_span(false).with_span_list(true).try_init()
        }
    };
}
