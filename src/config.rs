//! Settings of `cedille serve`, from flags and environment (the flags win).

use std::path::PathBuf;

/// Defaults, as DESIGN.md fixes them; the README documents each.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:2222";
pub const DEFAULT_DB: &str = "data/cedille.db";
pub const DEFAULT_KEYS: &str = "keys";

#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub listen: String,
    pub db: PathBuf,
    pub keys: PathBuf,
}
