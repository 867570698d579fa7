//! Spaces in and out of CSV: the national tiers-lieux census (`cget`) and Cédille's own
//! format (`cedille`, what export writes), and the demo spaces shipped in `data/`. Each
//! row is read and checked in `spaces_rows`.
//!
//! An import reads and checks the whole file before it writes anything, then writes every
//! good row in one transaction: a file that cannot be read at all changes nothing, a bad row
//! is reported (with its line) and the others still land.

use std::collections::HashMap;
use std::fmt;

use chrono::Utc;
use thiserror::Error;

use super::spaces::{Upserted, upsert_in};
use super::spaces_rows::{Fields, cedille_row, cget_row, euros};
use super::{Result as StoreResult, Store, StoreError};
use crate::domain::record::RowError;
use crate::domain::space::{Amenity, NewSpace, Space};

/// The demo spaces, written by the project (see `data/README.md`).
const DEMO_CSV: &str = include_str!("../../data/spaces-demo.csv");

/// The columns of Cédille's own format, in the order export writes them.
pub const CEDILLE_COLUMNS: [&str; 20] = [
    "source",
    "source_id",
    "name",
    "kind",
    "status",
    "address",
    "postcode",
    "commune_insee",
    "lat",
    "lon",
    "description",
    "amenities",
    "hours",
    "price_day",
    "price_half_day",
    "price_month",
    "website",
    "email",
    "phone",
    "verified_on",
];

/// Columns without which a row of each format means nothing; the others may be absent.
const CEDILLE_REQUIRED: [&str; 6] = ["source_id", "name", "kind", "commune_insee", "lat", "lon"];
const CGET_REQUIRED: [&str; 5] = ["ID", "NOM_TL", "INSEECOM", "LAT", "LONG"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// The national tiers-lieux census of 2019 (CGET / ANCT), its own columns.
    Cget,
    /// Cédille's own columns, as `cedille spaces export` writes them.
    Cedille,
}

impl ImportFormat {
    fn name(self) -> &'static str {
        match self {
            ImportFormat::Cget => "cget",
            ImportFormat::Cedille => "cedille",
        }
    }
}

/// Why a whole file was refused: nothing was written.
#[derive(Debug, Error)]
pub enum ImportError {
    #[error("the file is empty: a header line is needed")]
    Empty,
    #[error("the file is not UTF-8 text (line {line})")]
    NotUtf8 { line: usize },
    #[error("not a {format} file: missing column(s) {}", missing.join(", "))]
    MissingColumns { format: &'static str, missing: Vec<String> },
    #[error("unreadable CSV at line {line}: {message}")]
    Csv { line: u64, message: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for ImportError {
    fn from(e: rusqlite::Error) -> Self {
        ImportError::Store(StoreError::from(e))
    }
}

#[derive(Debug, Error)]
pub enum ExportError {
    #[error("cannot write the CSV")]
    Csv(#[from] csv::Error),
    #[error("cannot write the CSV")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A row left out, with the line it starts on in the file (the header is line 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Rejection {
    pub line: u64,
    pub reason: RowError,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: Vec<Rejection>,
}

impl fmt::Display for ImportReport {
    /// `inserted N, updated N, unchanged N, rejected N`, then `line L: reason` per rejection.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "inserted {}, updated {}, unchanged {}, rejected {}",
            self.inserted,
            self.updated,
            self.unchanged,
            self.rejected.len()
        )?;
        for r in &self.rejected {
            writeln!(f, "line {}: {}", r.line, r.reason)?;
        }
        Ok(())
    }
}

/// One row as read: its line and the space, or why not.
type Parsed = (u64, Result<NewSpace, RowError>);

/// Reads a whole file in `format`. Only a file that cannot be used at all is an `Err`.
pub fn parse_csv(bytes: &[u8], format: ImportFormat) -> Result<Vec<Parsed>, ImportError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
            return Err(ImportError::NotUtf8 { line });
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| ImportError::Csv { line: 1, message: e.to_string() })?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let required: &[&str] = match format {
        ImportFormat::Cget => &CGET_REQUIRED,
        ImportFormat::Cedille => &CEDILLE_REQUIRED,
    };
    let missing: Vec<String> =
        required.iter().filter(|r| !headers.iter().any(|h| h == *r)).map(|r| r.to_string()).collect();
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns { format: format.name(), missing });
    }
    let index: HashMap<&str, usize> = headers.iter().enumerate().map(|(i, h)| (h.as_str(), i)).collect();
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| ImportError::Csv {
            line: e.position().map(|p| p.line()).unwrap_or(0),
            message: e.to_string(),
        })?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() != headers.len() {
            out.push((line, Err(RowError::FieldCount { got: record.len(), want: headers.len() })));
            continue;
        }
        let fields = Fields { record: &record, index: &index };
        let row = match format {
            ImportFormat::Cget => cget_row(&fields),
            ImportFormat::Cedille => cedille_row(&fields),
        };
        out.push((line, row));
    }
    Ok(out)
}

/// Writes `spaces` in Cédille's own format, header first.
pub fn write_csv<W: std::io::Write>(spaces: &[Space], out: W) -> Result<(), ExportError> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out);
    w.write_record(CEDILLE_COLUMNS)?;
    for s in spaces.iter().map(|s| &s.fields) {
        w.write_record([
            s.source.as_str(),
            &s.source_id,
            &s.name,
            s.kind.code(),
            s.status.code(),
            &s.address,
            &s.postcode,
            &s.commune_insee,
            &s.lat.to_string(),
            &s.lon.to_string(),
            &s.description,
            &Amenity::codes(&s.amenities),
            s.hours.as_deref().unwrap_or(""),
            &euros(s.price_day_cents),
            &euros(s.price_half_day_cents),
            &euros(s.price_month_cents),
            s.website.as_deref().unwrap_or(""),
            s.email.as_deref().unwrap_or(""),
            s.phone.as_deref().unwrap_or(""),
            &s.verified_on.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

impl super::Spaces<'_> {
    /// Imports a whole file (see the module's doc): `Err` only when the file cannot be used,
    /// and then nothing was written.
    pub fn import(&self, bytes: &[u8], format: ImportFormat) -> Result<ImportReport, ImportError> {
        self.import_as(&super::audit::local_actor("cli"), bytes, format)
    }

    /// [`import`](Self::import), signed by `actor` in the audit log.
    pub fn import_as(
        &self,
        actor: &str,
        bytes: &[u8],
        format: ImportFormat,
    ) -> Result<ImportReport, ImportError> {
        let rows = parse_csv(bytes, format)?;
        import_rows(self.store, actor, rows, format)
    }

    /// Every space in Cédille's own format.
    pub fn export<W: std::io::Write>(&self, out: W) -> Result<usize, ExportError> {
        let all = self.all()?;
        write_csv(&all, out)?;
        Ok(all.len())
    }

    /// The directory as a CSV file, written beside the target then renamed: a failure never
    /// leaves half a file where the last good one was.
    pub fn export_to_file(&self, file: &std::path::Path) -> Result<usize, ExportError> {
        let tmp = file.with_extension("csv.part");
        let written = std::fs::File::create(&tmp).map_err(ExportError::from).and_then(|f| {
            let mut w = std::io::BufWriter::new(f);
            let n = self.export(&mut w)?;
            std::io::Write::flush(&mut w)?;
            Ok(n)
        });
        let renamed = written.and_then(|n| std::fs::rename(&tmp, file).map(|_| n).map_err(ExportError::from));
        if renamed.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        renamed
    }
}

fn import_rows(
    store: &Store,
    actor: &str,
    rows: Vec<Parsed>,
    format: ImportFormat,
) -> Result<ImportReport, ImportError> {
    let now = Utc::now();
    store.write(|tx| {
        let mut report = ImportReport::default();
        let mut seen: HashMap<(String, String), u64> = HashMap::new();
        let mut commune = tx.prepare_cached("SELECT postcodes FROM communes WHERE insee = ?1")?;
        for (line, row) in rows {
            let mut space = match row {
                Ok(s) => s,
                Err(reason) => {
                    report.rejected.push(Rejection { line, reason });
                    continue;
                }
            };
            if let Some(first) = seen.insert((space.source.clone(), space.source_id.clone()), line) {
                report.rejected.push(Rejection {
                    line,
                    reason: RowError::Duplicate { id: space.source_id.clone(), line: first },
                });
                continue;
            }
            let postcodes: Option<String> = rusqlite::OptionalExtension::optional(
                commune.query_row([&space.commune_insee], |r| r.get(0)),
            )?;
            let Some(postcodes) = postcodes else {
                report
                    .rejected
                    .push(Rejection { line, reason: RowError::UnknownCommune(space.commune_insee) });
                continue;
            };
            if format == ImportFormat::Cget && space.postcode.is_empty() {
                space.postcode = postcodes.split_whitespace().next().unwrap_or_default().to_string();
            }
            match upsert_in(tx, &space, now)? {
                Upserted::Inserted(_) => report.inserted += 1,
                Upserted::Updated(_) => report.updated += 1,
                Upserted::Unchanged(_) => report.unchanged += 1,
            }
        }
        // The built-in load at creation is no admin's action.
        if report.inserted + report.updated > 0 && actor != "cedille" {
            let detail = format!("inserted {}, updated {}", report.inserted, report.updated);
            super::audit::record(tx, actor, "space.import", "spaces", &detail)?;
        }
        Ok(report)
    })
}

/// Loads the demo spaces into an empty spaces table, in one transaction. A demo row that
/// does not pass the checks is skipped with a warning (a test keeps them all passing).
pub(super) fn load_demo(store: &Store) -> StoreResult<()> {
    let empty = store.read(|c| {
        Ok(c.query_row("SELECT NOT EXISTS (SELECT 1 FROM spaces)", [], |r| r.get::<_, bool>(0))?)
    })?;
    if !empty {
        return Ok(());
    }
    let rows = parse_csv(DEMO_CSV.as_bytes(), ImportFormat::Cedille)
        .map_err(|e| StoreError::Data(format!("demo spaces: {e}")))?;
    let report = import_rows(store, "cedille", rows, ImportFormat::Cedille).map_err(|e| match e {
        ImportError::Store(e) => e,
        other => StoreError::Data(format!("demo spaces: {other}")),
    })?;
    for r in &report.rejected {
        tracing::warn!("demo space skipped, line {}: {}", r.line, r.reason);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unusable_files_are_refused_whole() {
        assert!(matches!(parse_csv(b"", ImportFormat::Cget), Err(ImportError::Empty)));
        assert!(matches!(
            parse_csv(b"a,b\n\xff\xfe", ImportFormat::Cget),
            Err(ImportError::NotUtf8 { line: 2 })
        ));
        let err = parse_csv(b"ID,NOM_TL\n1,x\n", ImportFormat::Cget).unwrap_err();
        assert_eq!(err.to_string(), "not a cget file: missing column(s) INSEECOM, LAT, LONG");
    }
}
