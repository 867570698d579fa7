//! Spaces in and out of CSV: the national tiers-lieux census (`cget`) and Cédille's own
//! format (`cedille`, what export writes), and the demo spaces shipped in `data/`.
//!
//! An import reads and checks the whole file before it writes anything, then writes every
//! good row in one transaction: a file that cannot be read at all changes nothing, a bad row
//! is reported (with its line) and the others still land.

use std::collections::HashMap;
use std::fmt;

use chrono::{NaiveDate, Utc};
use thiserror::Error;

use super::spaces::{Upserted, upsert_in};
use super::{Result as StoreResult, Store, StoreError};
use crate::domain::hours::Hours;
use crate::domain::space::{Amenity, NewSpace, Space, SpaceKind, SpaceStatus, fold, in_area};
use crate::text::{clean_line, clean_text};

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

/// The census was last updated on that day: the best « known as of » date its rows have.
const CGET_DATE: (i32, u32, u32) = (2019, 6, 13);

/// Longest fields accepted, in characters: longer is a mistake (a whole file in one cell).
const MAX_NAME: usize = 200;
const MAX_LINE: usize = 300;
const MAX_DESCRIPTION: usize = 4000;

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub line: u64,
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
type Parsed = (u64, Result<NewSpace, String>);

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
            out.push((line, Err(format!("{} fields where the header has {}", record.len(), headers.len()))));
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

/// The fields of one row by column name; an absent column reads as empty.
pub(super) struct Fields<'a> {
    pub(super) record: &'a csv::StringRecord,
    pub(super) index: &'a HashMap<&'a str, usize>,
}

impl<'a> Fields<'a> {
    fn get(&self, name: &str) -> &'a str {
        self.index.get(name).and_then(|&i| self.record.get(i)).unwrap_or("")
    }
}

/// A one-line field, cleaned (no control characters, one space between words).
fn line_field(s: &str) -> String {
    clean_line(s)
}

/// Census fields often end with a stray « . » or « . » after a space.
fn cget_field(s: &str) -> String {
    clean_line(s).trim_end_matches(|c: char| c == '.' || c.is_whitespace()).to_string()
}

fn optional(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

fn cget_row(f: &Fields<'_>) -> Result<NewSpace, String> {
    let get = |name: &str| f.get(name);
    let typo = fold(get("TYPO"));
    let kind = if typo.contains("dominante coworking") {
        SpaceKind::Coworking
    } else if typo.contains("dominante fablab") {
        SpaceKind::Fablab
    } else {
        SpaceKind::TiersLieu
    };
    let cp = cget_field(get("CP"));
    let postcode =
        if is_postcode(&cp) { cp } else { postcode_in(&cget_field(get("GEOCOD"))).unwrap_or_default() };
    let mut insee = cget_field(get("INSEECOM"));
    if insee.len() == 4 && insee.chars().all(|c| c.is_ascii_digit()) {
        // A spreadsheet took the Ardèche's leading zero for a number.
        insee.insert(0, '0');
    }
    let space = NewSpace {
        name: cget_field(get("NOM_TL")),
        kind,
        status: SpaceStatus::Open,
        address: cget_field(get("ADRESSE")),
        postcode,
        commune_insee: insee,
        lat: coordinate(get("LAT"), "LAT")?,
        lon: coordinate(get("LONG"), "LONG")?,
        description: String::new(),
        amenities: Vec::new(),
        hours: None,
        price_day_cents: None,
        price_half_day_cents: None,
        price_month_cents: None,
        website: website(&cget_field(get("WEB")))?,
        email: email(&cget_field(get("MAIL")))?,
        phone: None,
        verified_on: NaiveDate::from_ymd_opt(CGET_DATE.0, CGET_DATE.1, CGET_DATE.2),
        source: "cget".into(),
        source_id: cget_field(get("ID")),
    };
    check(space)
}

pub(super) fn cedille_row(f: &Fields<'_>) -> Result<NewSpace, String> {
    let get = |name: &str| f.get(name);
    let kind_text = line_field(get("kind"));
    let kind = match SpaceKind::parse(&kind_text) {
        Some(k) => k,
        None if kind_text.is_empty() => return Err("kind missing".into()),
        None => return Err(format!("unknown kind « {kind_text} »")),
    };
    let status_text = line_field(get("status"));
    let status = match SpaceStatus::parse(&status_text) {
        Some(s) => s,
        None if status_text.is_empty() => SpaceStatus::Open,
        None => return Err(format!("unknown status « {status_text} »")),
    };
    let amenities =
        Amenity::parse_list(&line_field(get("amenities"))).map_err(|a| format!("unknown amenity « {a} »"))?;
    let hours = optional(line_field(get("hours")));
    if let Some(h) = &hours {
        Hours::parse(h).map_err(|e| e.to_string())?;
    }
    let verified = line_field(get("verified_on"));
    let verified_on = if verified.is_empty() {
        None
    } else {
        Some(
            NaiveDate::parse_from_str(&verified, "%Y-%m-%d")
                .map_err(|_| format!("verified_on « {verified} » is not a date like 2026-11-27"))?,
        )
    };
    let source = line_field(get("source"));
    let space = NewSpace {
        name: line_field(get("name")),
        kind,
        status,
        address: line_field(get("address")),
        postcode: line_field(get("postcode")),
        commune_insee: line_field(get("commune_insee")),
        lat: coordinate(get("lat"), "lat")?,
        lon: coordinate(get("lon"), "lon")?,
        description: clean_text(get("description")).trim().to_string(),
        amenities,
        hours,
        price_day_cents: price(get("price_day"), "price_day")?,
        price_half_day_cents: price(get("price_half_day"), "price_half_day")?,
        price_month_cents: price(get("price_month"), "price_month")?,
        website: website(&line_field(get("website")))?,
        email: email(&line_field(get("email")))?,
        phone: optional(line_field(get("phone"))),
        verified_on,
        source: if source.is_empty() { "cedille".into() } else { source },
        source_id: line_field(get("source_id")),
    };
    check(space)
}

/// Checks shared by both formats (the commune is checked against the database later).
fn check(s: NewSpace) -> Result<NewSpace, String> {
    if s.name.is_empty() {
        return Err("name missing".into());
    }
    if s.source_id.is_empty() {
        return Err("source id missing".into());
    }
    if s.commune_insee.is_empty() {
        return Err("commune INSEE code missing".into());
    }
    if !in_area(s.lat, s.lon) {
        return Err(format!("coordinates {}, {} are outside Drôme and Ardèche", s.lat, s.lon));
    }
    let too_long = |field: &str, value: &str, max: usize| {
        (value.chars().count() > max).then(|| format!("{field} longer than {max} characters"))
    };
    if let Some(e) = too_long("name", &s.name, MAX_NAME)
        .or_else(|| too_long("address", &s.address, MAX_LINE))
        .or_else(|| too_long("description", &s.description, MAX_DESCRIPTION))
        .or_else(|| too_long("website", s.website.as_deref().unwrap_or(""), MAX_LINE))
        .or_else(|| too_long("source", &s.source, 40))
        .or_else(|| too_long("source id", &s.source_id, 100))
    {
        return Err(e);
    }
    Ok(s)
}

fn is_postcode(s: &str) -> bool {
    s.len() == 5 && s.chars().all(|c| c.is_ascii_digit()) && s != "00000"
}

/// The postcode in a geocoded address: the last group of 5 digits (« 23 Chemin du Prieuré
/// 07200 Vesseaux » → 07200).
fn postcode_in(address: &str) -> Option<String> {
    address.split_whitespace().rev().find(|w| is_postcode(w)).map(str::to_string)
}

fn coordinate(raw: &str, column: &str) -> Result<f64, String> {
    let text = raw.trim().replace(',', ".");
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ if text.is_empty() => Err(format!("{column} missing")),
        _ => Err(format!("{column} « {} » is not a number", clean_line(raw))),
    }
}

/// Euros (`12`, `12.5`, `12,50`, `12.50 €`) to cents; empty is unknown.
fn price(raw: &str, column: &str) -> Result<Option<i64>, String> {
    let text = raw.trim().trim_end_matches('€').trim().replace(',', ".");
    if text.is_empty() {
        return Ok(None);
    }
    let bad = || format!("{column} « {} » is not an amount in euros like 12.50", clean_line(raw));
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || frac.len() > 2
        || !frac.chars().all(|c| c.is_ascii_digit())
        || whole.len() > 9
    {
        return Err(bad());
    }
    let euros: i64 = whole.parse().map_err(|_| bad())?;
    let cents: i64 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
    Ok(Some(euros * 100 + cents))
}

/// A website, given `https://` when it has no scheme; other schemes are refused.
fn website(s: &str) -> Result<Option<String>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    let url = if s.contains("://") { s.to_string() } else { format!("https://{s}") };
    let lower = url.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.starts_with('/') && !url.contains(char::is_whitespace) => {
            Ok(Some(url))
        }
        _ => Err(format!("website « {s} » is not an http(s) address")),
    }
}

fn email(s: &str) -> Result<Option<String>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    match s.split_once('@') {
        Some((user, host)) if !user.is_empty() && !host.is_empty() && !s.contains(char::is_whitespace) => {
            Ok(Some(s.to_string()))
        }
        _ => Err(format!("e-mail « {s} » has no @")),
    }
}

/// Cents as export writes them: `12.50`, and `15` for whole euros.
pub(super) fn euros(cents: Option<i64>) -> String {
    match cents {
        None => String::new(),
        Some(c) if c % 100 == 0 => format!("{}", c / 100),
        Some(c) => format!("{}.{:02}", c / 100, c % 100),
    }
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
                    reason: format!("same source and id « {} » as line {first}", space.source_id),
                });
                continue;
            }
            let postcodes: Option<String> = rusqlite::OptionalExtension::optional(
                commune.query_row([&space.commune_insee], |r| r.get(0)),
            )?;
            let Some(postcodes) = postcodes else {
                report.rejected.push(Rejection {
                    line,
                    reason: format!(
                        "unknown commune INSEE code « {} » (Drôme and Ardèche only)",
                        space.commune_insee
                    ),
                });
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
    fn prices_in_euros() {
        assert_eq!(price("12.50", "p"), Ok(Some(1250)));
        assert_eq!(price("12,5 €", "p"), Ok(Some(1250)));
        assert_eq!(price("15", "p"), Ok(Some(1500)));
        assert_eq!(price("", "p"), Ok(None));
        assert!(price("-3", "p").is_err());
        assert!(price("1.234", "p").is_err());
        assert!(price("douze", "p").is_err());
        for c in [0, 5, 1250, 1500, 999_999] {
            assert_eq!(price(&euros(Some(c)), "p"), Ok(Some(c)));
        }
    }

    #[test]
    fn websites_and_emails() {
        assert_eq!(website("www.x.fr"), Ok(Some("https://www.x.fr".into())));
        assert_eq!(website("http://x.fr/a"), Ok(Some("http://x.fr/a".into())));
        assert!(website("javascript://alert(1)").is_err());
        assert!(website("ftp://x.fr").is_err());
        assert!(website("https://").is_err());
        assert_eq!(email("a@b.fr"), Ok(Some("a@b.fr".into())));
        assert!(email("a.b.fr").is_err());
    }

    #[test]
    fn census_fields() {
        assert_eq!(cget_field("23 chemin du prieuré ."), "23 chemin du prieuré");
        assert_eq!(cget_field("La Jaujon.Route de Joyeuse."), "La Jaujon.Route de Joyeuse");
        assert_eq!(postcode_in("23 Chemin du Prieuré 07200 Vesseaux").as_deref(), Some("07200"));
        assert_eq!(postcode_in("Le Village Vesseaux"), None);
    }

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
