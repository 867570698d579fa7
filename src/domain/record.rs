//! Why a space does not read: a line of an import, or the record an admin wrote in the
//! console. The console says it in its language (`i18n`); this `Display` is the import
//! report's and the commands' (`line 7: name missing`).

use thiserror::Error;

use super::form::FormError;
use super::hours::HoursError;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum RowError {
    /// The console's record: a line that is not `field: value`.
    #[error("{0}")]
    Form(FormError),
    #[error("name missing")]
    NoName,
    #[error("source id missing")]
    NoSourceId,
    #[error("commune INSEE code missing")]
    NoCommune,
    /// A column that must be there (`kind`, `lat`, `LONG`…), by its name in the file.
    #[error("{0} missing")]
    Missing(&'static str),
    #[error("unknown kind « {0} »")]
    UnknownKind(String),
    #[error("unknown status « {0} »")]
    UnknownStatus(String),
    #[error("unknown amenity « {0} »")]
    UnknownAmenity(String),
    /// Opening hours that are not OpenStreetMap's syntax: the text, and the parser's words.
    #[error("{error}")]
    Hours { value: String, error: HoursError },
    #[error("verified_on « {0} » is not a date like 2026-11-27")]
    BadDate(String),
    #[error("coordinates {lat}, {lon} are outside Drôme and Ardèche")]
    OutsideArea { lat: f64, lon: f64 },
    #[error("{field} longer than {max} characters")]
    TooLong { field: &'static str, max: usize },
    #[error("{column} « {value} » is not a number")]
    NotANumber { column: &'static str, value: String },
    #[error("{column} « {value} » is not an amount in euros like 12.50")]
    NotEuros { column: &'static str, value: String },
    #[error("website « {0} » is not an http(s) address")]
    BadWebsite(String),
    #[error("e-mail « {0} » has no @")]
    BadEmail(String),
    #[error("{got} fields where the header has {want}")]
    FieldCount { got: usize, want: usize },
    #[error("same source and id « {id} » as line {line}")]
    Duplicate { id: String, line: u64 },
    #[error("unknown commune INSEE code « {0} » (Drôme and Ardèche only)")]
    UnknownCommune(String),
}

impl RowError {
    /// The column of the record the error is about, as the console's form names its field.
    pub fn field(&self) -> Option<&'static str> {
        use RowError as R;
        Some(match self {
            R::NoName => "name",
            R::NoCommune | R::UnknownCommune(_) => "commune_insee",
            R::Missing(column) => column,
            R::UnknownKind(_) => "kind",
            R::UnknownStatus(_) => "status",
            R::UnknownAmenity(_) => "amenities",
            R::Hours { .. } => "hours",
            R::BadDate(_) => "verified_on",
            R::OutsideArea { .. } => "lat",
            R::TooLong { field, .. } => field,
            R::NotANumber { column, .. } | R::NotEuros { column, .. } => column,
            R::BadWebsite(_) => "website",
            R::BadEmail(_) => "email",
            R::Form(_) | R::NoSourceId | R::FieldCount { .. } | R::Duplicate { .. } => return None,
        })
    }
}

impl From<FormError> for RowError {
    fn from(e: FormError) -> Self {
        RowError::Form(e)
    }
}
