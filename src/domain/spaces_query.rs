//! What a person asks of the spaces directory, and what one answer holds. No I/O: the store
//! runs the search (see `store::spaces`), the screens and the commands build the query.

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::domain::space::{Amenity, Commune, Space, SpaceKind, SpaceStatus};

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SpaceSort {
    /// With words: best match first (a word in the name counts more than in the
    /// description). Without words: by use, those open at the moment asked (now unless
    /// chosen) first, then the other open ones, those planned, those closed for good; within
    /// each, nearest first when `near` is set, else by name.
    #[default]
    Relevance,
    /// Alphabetical as a French reader looks a name up: accents, case and a leading article
    /// (L', La, Le, Les, Un, Une) aside.
    Name,
    /// Nearest to `near` first; by name when `near` is not set.
    Distance,
}

/// « ouvert maintenant » or « ouvert le … à … ».
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum OpenAt {
    Now,
    /// A local time in Europe/Paris.
    At(NaiveDateTime),
}

/// What a person asks for. Every field narrows the results; the default finds everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpaceQuery {
    /// As typed, whatever it holds: the last word matches as a prefix.
    pub words: String,
    /// All of them are required.
    pub amenities: Vec<Amenity>,
    pub kind: Option<SpaceKind>,
    pub status: Option<SpaceStatus>,
    /// `26` or `07` (also « Drôme », « ardeche », `7`).
    pub departement: Option<String>,
    /// Spaces whose hours say open then; spaces with unknown hours are left out.
    pub open: Option<OpenAt>,
    /// Where distances are measured from.
    pub near: Option<Commune>,
    /// Only spaces at most this far from `near` (ignored without `near`).
    pub within_km: Option<f64>,
    pub sort: SpaceSort,
}

/// One result: the space, its distance from `near`, and whether it is open at the moment
/// the search asked about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpaceHit {
    #[serde(flatten)]
    pub space: Space,
    /// `None` without `near`.
    pub distance_km: Option<f64>,
    /// At [`SpaceHit::at`]; `None` when the hours are unknown (or unreadable). Scripts know it
    /// as `open_now`: they can only ask about now.
    #[serde(rename = "open_now")]
    pub open: Option<bool>,
    /// The moment chosen with « ouvert le … » that `open` is about, so that a row says
    /// « ouvert jeu. 09:00 » rather than something about now; `None`: now.
    #[serde(skip)]
    pub at: Option<NaiveDateTime>,
}
