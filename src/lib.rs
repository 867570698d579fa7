//! Cédille: the bulletin board of the teleworkers of the Drôme valley, served over SSH.
//!
//! The flow is one-way and the same everywhere: a transport (`ssh/` for members, `console`
//! for the local terminal) turns bytes into [`ui::Event`]s; [`ui::App::update`] is pure and
//! returns [`ui::Effect`]s, one kind per section; [`runtime`] performs each through its
//! section's door against the [`store`] and draws. ARCHITECTURE.md has the whole map: the
//! layers, what each folder must not touch, how to add a section.
//!
//! - [`config`]: settings from flags and environment.
//! - [`domain`]: plain types and validation, no I/O.
//! - [`store`]: the only module that speaks SQL.
//! - [`i18n`]: every UI string, French and English.
//! - [`term`]: input bytes → events, a ratatui backend that writes into a buffer.
//! - [`text`]: cleaning, Markdown, wrapping and French typography, for every layer.
//! - [`ui`]: each section's state, keys and door, the layouts, the screens, colour depth.
//! - [`runtime`]: one session's loop, shared by SSH and the local terminal, and each
//!   section's operations performed for a [`runtime::Viewer`].
//! - [`ssh`]: the russh server: host key, authentication, channels, commands without a pty.
//! - [`cli`]: admin subcommands run on the server (`cedille spaces import`, `export`).
//! - [`commands`]: the commands a member runs without a pty (`articles`, `read`, `help`).
//! - [`console`]: the local terminal front end (`cedille tui`).
//! - [`observe`]: what an operator sees of a running server: metrics and their endpoint,
//!   the row `cedille status` reads, the log's format.

pub mod cli;
pub mod commands;
pub mod config;
pub mod console;
pub mod domain;
pub mod i18n;
pub mod observe;
pub mod runtime;
pub mod ssh;
pub mod store;
pub mod term;
pub mod text;
pub mod ui;
