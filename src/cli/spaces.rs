//! `cedille spaces import` and `cedille spaces export`.
//!
//! Exit status of `import`: 0 when every row landed (inserted, updated or unchanged); 1 when
//! some rows were rejected (the others landed; the report lists each with its line); 2 when
//! nothing was imported: the file cannot be read or used (not CSV text, missing columns), or
//! the database cannot be opened. `export`: 0, or 2 with the reason.

use std::path::Path;

use super::Outcome;
use super::errors::store_error;
use crate::i18n::Lang;
use crate::store::{ExportError, ImportError, ImportFormat};

pub fn import(db: &Path, format: ImportFormat, file: &Path) -> Outcome {
    let lang = super::lang();
    let name = file.display().to_string();
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return Outcome::failed(lang, &lang.cannot_read(&name, &lang.io_problem(&e))),
    };
    let store = match super::open_existing(lang, db) {
        Ok(store) => store,
        Err(refusal) => return refusal,
    };
    match store.spaces().import(&bytes, format) {
        Ok(report) => {
            let rejected: Vec<(u64, String)> =
                report.rejected.iter().map(|r| (r.line, lang.row_error(&r.reason))).collect();
            Outcome {
                stdout: lang.spaces_imported([report.inserted, report.updated, report.unchanged], &rejected),
                stderr: String::new(),
                status: if rejected.is_empty() { 0 } else { 1 },
            }
        }
        Err(e) => Outcome::failed(lang, &lang.not_imported(&name, &import_problem(lang, &e))),
    }
}

/// Why a whole file was refused.
fn import_problem(lang: Lang, e: &ImportError) -> String {
    match e {
        ImportError::Empty => lang.import_empty().to_string(),
        ImportError::NotUtf8 { line } => lang.import_not_utf8(*line),
        ImportError::MissingColumns { format, missing } => lang.import_missing_columns(format, missing),
        ImportError::Csv { line, message } => lang.import_bad_csv(*line, message),
        ImportError::Store(e) => store_error(lang, e),
    }
}

/// Writes every space to `file` (`-`: standard output) in Cédille's own CSV format.
pub fn export(db: &Path, file: &Path) -> Outcome {
    let lang = super::lang();
    let store = match super::open_existing(lang, db) {
        Ok(store) => store,
        Err(refusal) => return refusal,
    };
    let name = file.display().to_string();
    if file == Path::new("-") {
        let mut out = Vec::new();
        return match store.spaces().export(&mut out) {
            Ok(_) => Outcome { stdout: String::from_utf8_lossy(&out).into_owned(), ..Outcome::default() },
            Err(e) => Outcome::failed(lang, &export_problem(lang, &e)),
        };
    }
    match store.spaces().export_to_file(file) {
        Ok(n) => Outcome::ok(lang.spaces_exported(n, &name)),
        Err(e) => Outcome::failed(lang, &lang.cannot_write(&name, &export_problem(lang, &e))),
    }
}

fn export_problem(lang: Lang, e: &ExportError) -> String {
    match e {
        ExportError::Io(e) => lang.io_problem(e),
        ExportError::Csv(e) => match e.kind() {
            csv::ErrorKind::Io(e) => lang.io_problem(e),
            _ => lang.internal(&e.to_string()),
        },
        ExportError::Store(e) => store_error(lang, e),
    }
}
