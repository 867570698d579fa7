//! `cedille spaces import` and `cedille spaces export`.
//!
//! Exit status of `import`: 0 when every row landed (inserted, updated or unchanged); 1 when
//! some rows were rejected (the others landed; the report lists each with its line); 2 when
//! nothing was imported: the file cannot be read or used (not CSV text, missing columns), or
//! the database cannot be opened. `export`: 0, or 2 with the reason.

use std::path::Path;

use super::{Outcome, chain};
use crate::store::ImportFormat;

fn failure(message: String) -> Outcome {
    Outcome { stdout: String::new(), stderr: format!("cedille: {message}\n"), status: 2 }
}

pub fn import(db: &Path, format: ImportFormat, file: &Path) -> Outcome {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return failure(format!("cannot read {}: {e}", file.display())),
    };
    let store = match super::open_existing(db) {
        Ok(store) => store,
        Err(refusal) => return refusal,
    };
    match store.spaces().import(&bytes, format) {
        Ok(report) => Outcome {
            stdout: report.to_string(),
            stderr: String::new(),
            status: if report.rejected.is_empty() { 0 } else { 1 },
        },
        Err(e) => failure(format!("{}: {}; nothing was imported", file.display(), chain(&e))),
    }
}

/// Writes every space to `file` (`-`: standard output) in Cédille's own CSV format.
pub fn export(db: &Path, file: &Path) -> Outcome {
    let store = match super::open_existing(db) {
        Ok(store) => store,
        Err(refusal) => return refusal,
    };
    if file == Path::new("-") {
        let mut out = Vec::new();
        return match store.spaces().export(&mut out) {
            Ok(_) => Outcome { stdout: String::from_utf8_lossy(&out).into_owned(), ..Outcome::default() },
            Err(e) => failure(chain(&e)),
        };
    }
    match store.spaces().export_to_file(file) {
        Ok(n) => {
            Outcome { stdout: format!("exported {n} spaces to {}\n", file.display()), ..Outcome::default() }
        }
        Err(e) => failure(format!("cannot write {}: {}", file.display(), chain(&e))),
    }
}
