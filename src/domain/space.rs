//! Places to work: coworking spaces, tiers-lieux, fablabs, public digital spaces, and the
//! communes they are in. No I/O: the store fills these types, the screens and the commands
//! read them. Labels for people are in `i18n::spaces`.

use chrono::NaiveDate;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

/// What kind of place a space is. The codes (`code()`, and the serde names) are stored in the
/// database and are part of the CSV and JSON interfaces: keep them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SpaceKind {
    Coworking,
    TiersLieu,
    Fablab,
    EspacePublicNumerique,
    Other,
}

impl SpaceKind {
    pub const ALL: [SpaceKind; 5] = [
        SpaceKind::Coworking,
        SpaceKind::TiersLieu,
        SpaceKind::Fablab,
        SpaceKind::EspacePublicNumerique,
        SpaceKind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SpaceKind::Coworking => "coworking",
            SpaceKind::TiersLieu => "tiers-lieu",
            SpaceKind::Fablab => "fablab",
            SpaceKind::EspacePublicNumerique => "espace-public-numerique",
            SpaceKind::Other => "other",
        }
    }

    /// A code, or a label in either language, whatever the accents, case, hyphens and a
    /// plural `s` (« Tiers-lieux »); also `epn` and `autre`.
    pub fn parse(s: &str) -> Option<SpaceKind> {
        let f = fold(s);
        let f = f.trim_end_matches(['s', 'x']);
        match f {
            "epn" => return Some(SpaceKind::EspacePublicNumerique),
            "autre" | "other" => return Some(SpaceKind::Other),
            _ => {}
        }
        SpaceKind::ALL.into_iter().find(|k| {
            [fold(k.code()), fold(k.label(super::Lang::Fr)), fold(k.label(super::Lang::En))]
                .iter()
                .any(|c| c.trim_end_matches(['s', 'x']) == f)
        })
    }
}

/// Whether a space receives people. Stored and exchanged as `ouvert`, `en-projet`, `ferme`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum SpaceStatus {
    #[serde(rename = "ouvert")]
    Open,
    /// Announced, not open yet.
    #[serde(rename = "en-projet")]
    Planned,
    /// Closed for good (kept so that nobody adds it again from an old list).
    #[serde(rename = "ferme")]
    Closed,
}

impl SpaceStatus {
    pub const ALL: [SpaceStatus; 3] = [SpaceStatus::Open, SpaceStatus::Planned, SpaceStatus::Closed];

    pub fn code(self) -> &'static str {
        match self {
            SpaceStatus::Open => "ouvert",
            SpaceStatus::Planned => "en-projet",
            SpaceStatus::Closed => "ferme",
        }
    }

    /// A code, or a label in either language, whatever the accents and case.
    pub fn parse(s: &str) -> Option<SpaceStatus> {
        let f = fold(s);
        SpaceStatus::ALL.into_iter().find(|st| {
            f == fold(st.code())
                || f == fold(st.label(super::Lang::Fr))
                || f == fold(st.label(super::Lang::En))
        })
    }
}

/// What a space offers. The codes are stored (space-separated) and exchanged in CSV and JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Amenity {
    #[serde(rename = "fibre")]
    Fibre,
    #[serde(rename = "wifi")]
    Wifi,
    #[serde(rename = "salle-de-reunion")]
    MeetingRoom,
    /// Accessible to people with reduced mobility (« accès PMR »).
    #[serde(rename = "acces-pmr")]
    Accessible,
    #[serde(rename = "cuisine")]
    Kitchen,
    #[serde(rename = "parking")]
    Parking,
    /// A safe place for bicycles.
    #[serde(rename = "velo")]
    Bike,
    #[serde(rename = "imprimante")]
    Printer,
    /// A business address for freelancers (« domiciliation d'entreprise »).
    #[serde(rename = "domiciliation")]
    Domiciliation,
    #[serde(rename = "casiers")]
    Lockers,
    #[serde(rename = "cafe")]
    Cafe,
}

impl Amenity {
    /// In the order filters and lists show them.
    pub const ALL: [Amenity; 11] = [
        Amenity::Fibre,
        Amenity::Wifi,
        Amenity::MeetingRoom,
        Amenity::Accessible,
        Amenity::Kitchen,
        Amenity::Parking,
        Amenity::Bike,
        Amenity::Printer,
        Amenity::Domiciliation,
        Amenity::Lockers,
        Amenity::Cafe,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Amenity::Fibre => "fibre",
            Amenity::Wifi => "wifi",
            Amenity::MeetingRoom => "salle-de-reunion",
            Amenity::Accessible => "acces-pmr",
            Amenity::Kitchen => "cuisine",
            Amenity::Parking => "parking",
            Amenity::Bike => "velo",
            Amenity::Printer => "imprimante",
            Amenity::Domiciliation => "domiciliation",
            Amenity::Lockers => "casiers",
            Amenity::Cafe => "cafe",
        }
    }

    /// A code, or a label in either language, whatever the accents, case and hyphens
    /// (« Salle de réunion », `salle-de-reunion`, `meeting room`, `Wi-Fi`).
    pub fn parse(s: &str) -> Option<Amenity> {
        let f = fold(s).replace(' ', "");
        if f.is_empty() {
            return None;
        }
        Amenity::ALL.into_iter().find(|a| {
            [a.code(), a.label(super::Lang::Fr), a.label(super::Lang::En)]
                .iter()
                .any(|c| fold(c).replace(' ', "") == f)
        })
    }

    /// A list of codes separated by spaces, `;` or `,`, in the order of [`Amenity::ALL`],
    /// without duplicates; `Err` names the first unknown one.
    pub fn parse_list(s: &str) -> Result<Vec<Amenity>, String> {
        let mut out = Vec::new();
        for word in s.split([' ', ';', ',', '\t']).filter(|w| !w.is_empty()) {
            match Amenity::parse(word) {
                Some(a) => out.push(a),
                None => return Err(word.to_string()),
            }
        }
        out.sort();
        out.dedup();
        Ok(out)
    }

    /// The codes separated by spaces, as stored.
    pub fn codes(list: &[Amenity]) -> String {
        list.iter().map(|a| a.code()).collect::<Vec<_>>().join(" ")
    }
}

/// One place to work, as lists, the detail view, the map and the JSON output show it: the
/// record as written, and what the database decides (the id) or derives (the commune's name
/// and département). Field names are part of the JSON interface (`spaces --json`), where
/// the record's fields sit next to the others: keep them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Space {
    pub id: i64,
    #[serde(flatten)]
    pub fields: NewSpace,
    /// The commune's name, from the communes table.
    pub commune: String,
    /// The département code: `26` or `07`.
    pub departement: String,
}

/// A space as an import writes it: everything but what the database decides (the id) or
/// derives (the commune's name and département).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewSpace {
    pub name: String,
    pub kind: SpaceKind,
    pub status: SpaceStatus,
    pub address: String,
    pub postcode: String,
    pub commune_insee: String,
    pub lat: f64,
    pub lon: f64,
    pub description: String,
    pub amenities: Vec<Amenity>,
    /// OpenStreetMap `opening_hours`; `None` when unknown (not the same as never open).
    pub hours: Option<String>,
    pub price_day_cents: Option<i64>,
    pub price_half_day_cents: Option<i64>,
    pub price_month_cents: Option<i64>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// When someone last checked that the place exists as described.
    pub verified_on: Option<NaiveDate>,
    /// Where the record comes from: `cedille` (entered here), `demo`, `cget` (the 2019
    /// census)… With `source_id`, the key that a re-import updates.
    pub source: String,
    pub source_id: String,
}

/// A commune of Drôme or Ardèche.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Commune {
    pub insee: String,
    /// The official name, with its article (« La Baume-Cornillane »).
    pub name: String,
    /// `26` or `07`.
    pub departement: String,
    pub postcodes: Vec<String>,
    pub population: i64,
    /// The town hall, or the middle of the commune where the town-hall point is wrong.
    pub lat: f64,
    pub lon: f64,
}

/// A commune found from what a person typed, and what else the text could have meant: a
/// postcode is shared by several communes, and some codes are both a postcode and another
/// commune's INSEE code (26150: Die's postcode, Izon-la-Bruisse's INSEE code).
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    pub commune: Commune,
    /// The postcode it was found by, when it was found by one.
    pub postcode: Option<String>,
    /// The other communes with that postcode, most populous first.
    pub sharing: Vec<String>,
    /// The commune whose INSEE code the text also is, when it is not the one found.
    pub insee_of: Option<String>,
}

impl Located {
    pub fn named(commune: Commune) -> Located {
        Located { commune, postcode: None, sharing: Vec::new(), insee_of: None }
    }

    /// Whether the text could have meant another commune, which a command must then say.
    pub fn ambiguous(&self) -> bool {
        !self.sharing.is_empty() || self.insee_of.is_some()
    }
}

/// The box that holds every commune of the two départements, with a margin: coordinates
/// outside it are a mistake (swapped latitude and longitude, another département).
pub const AREA_LAT: (f64, f64) = (44.1, 45.4);
pub const AREA_LON: (f64, f64) = (3.8, 5.9);

pub fn in_area(lat: f64, lon: f64) -> bool {
    (AREA_LAT.0..=AREA_LAT.1).contains(&lat) && (AREA_LON.0..=AREA_LON.1).contains(&lon)
}

/// Mean radius of the Earth, in km.
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Great-circle distance in km between two `(lat, lon)` points (haversine): within a few
/// metres of the true distance at this scale, which is more than a list needs.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h =
        ((lat2 - lat1) / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// The form of a name that completion and lookups compare: lowercase, accents removed,
/// `œ`→`oe`, `æ`→`ae`, hyphens and apostrophes as spaces, one space between words
/// (« Saint-Agrève » → `saint agreve`, « L'Œuvre » → `l oeuvre`).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    if s.is_ascii() {
        // The common case, without decomposition: sorting thousands of names stays cheap.
        for c in s.chars() {
            if c.is_ascii_alphanumeric() {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c.to_ascii_lowercase());
            } else {
                space = true;
            }
        }
        return out;
    }
    for c in s.nfd() {
        match c {
            'œ' | 'Œ' => push_word(&mut out, &mut space, "oe"),
            'æ' | 'Æ' => push_word(&mut out, &mut space, "ae"),
            'ß' => push_word(&mut out, &mut space, "ss"),
            c if c.is_alphanumeric() => {
                let lower: String = c.to_lowercase().collect();
                push_word(&mut out, &mut space, &lower);
            }
            // Combining accents left by NFD belong to the letter before: drop them.
            c if unicode_normalization::char::is_combining_mark(c) => {}
            _ => space = true,
        }
    }
    out
}

/// The articles a French reader skips when looking a name up in a list: « La Filature » is
/// found under F, as in a library's catalogue.
const ARTICLES: [&str; 6] = ["les", "la", "le", "l", "une", "un"];

/// The form of a name that lists sort on: [`fold`] (accents and case aside), without a
/// leading article (« L'Atelier du Glandasse » → `atelier du glandasse`, « Les Bureaux » →
/// `bureaux`). A name that is only an article keeps it. Migration 0017 computes the same
/// in SQL for the rows written before: the two must agree.
pub fn sort_key(name: &str) -> String {
    let folded = fold(name);
    match folded.split_once(' ') {
        Some((first, rest)) if ARTICLES.contains(&first) => rest.to_string(),
        _ => folded,
    }
}

fn push_word(out: &mut String, space: &mut bool, s: &str) {
    if *space && !out.is_empty() {
        out.push(' ');
    }
    *space = false;
    out.push_str(s);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_for_lookups() {
        assert_eq!(fold("Saint-Agrève"), "saint agreve");
        assert_eq!(fold("  L'Œuvre  du cœur "), "l oeuvre du coeur");
        assert_eq!(fold("MONTÉLIMAR"), "montelimar");
        assert_eq!(fold("Æ"), "ae");
        assert_eq!(fold(" Saint--Paul 3 "), "saint paul 3");
        assert_eq!(fold(" Saint--Paul 3 é"), "saint paul 3 e");
    }

    #[test]
    fn names_sort_without_their_article() {
        assert_eq!(sort_key("L'Atelier du Glandasse"), "atelier du glandasse");
        assert_eq!(sort_key("L’Oustal numérique"), "oustal numerique");
        assert_eq!(sort_key("Les Bureaux du Roubion"), "bureaux du roubion");
        assert_eq!(sort_key("La Ruche"), "ruche");
        assert_eq!(sort_key("Le Belvédère"), "belvedere");
        assert_eq!(sort_key("Un Bureau à Die"), "bureau a die");
        assert_eq!(sort_key("Une Halle"), "halle");
        assert_eq!(sort_key("Lavande & Co"), "lavande co");
        assert_eq!(sort_key("Leroy"), "leroy");
        assert_eq!(sort_key("La"), "la");
        assert_eq!(sort_key("Élan"), "elan");
    }

    #[test]
    fn codes_and_labels_parse_back() {
        for a in Amenity::ALL {
            assert_eq!(Amenity::parse(a.code()), Some(a));
            assert_eq!(serde_json::to_value(a).unwrap(), a.code());
        }
        assert_eq!(Amenity::parse("Salle de Réunion"), Some(Amenity::MeetingRoom));
        assert_eq!(Amenity::parse("meeting room"), Some(Amenity::MeetingRoom));
        assert_eq!(Amenity::parse("Wi-Fi"), Some(Amenity::Wifi));
        assert_eq!(Amenity::parse("accès PMR"), Some(Amenity::Accessible));
        assert_eq!(Amenity::parse("piscine"), None);
        assert_eq!(Amenity::parse(""), None);
        for k in SpaceKind::ALL {
            assert_eq!(SpaceKind::parse(k.code()), Some(k));
            assert_eq!(serde_json::to_value(k).unwrap(), k.code());
        }
        assert_eq!(SpaceKind::parse("Tiers-lieux"), Some(SpaceKind::TiersLieu));
        assert_eq!(SpaceKind::parse("espace public numérique"), Some(SpaceKind::EspacePublicNumerique));
        assert_eq!(SpaceKind::parse("EPN"), Some(SpaceKind::EspacePublicNumerique));
        assert_eq!(SpaceKind::parse("autre"), Some(SpaceKind::Other));
        for s in SpaceStatus::ALL {
            assert_eq!(SpaceStatus::parse(s.code()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.code());
        }
        assert_eq!(SpaceStatus::parse("En projet"), Some(SpaceStatus::Planned));
        assert_eq!(SpaceStatus::parse("fermé"), Some(SpaceStatus::Closed));
    }

    #[test]
    fn amenity_lists_are_ordered_and_unique() {
        assert_eq!(
            Amenity::parse_list("cafe;fibre  wifi,fibre"),
            Ok(vec![Amenity::Fibre, Amenity::Wifi, Amenity::Cafe])
        );
        assert_eq!(Amenity::parse_list("fibre jacuzzi"), Err("jacuzzi".into()));
        assert_eq!(Amenity::codes(&[Amenity::Fibre, Amenity::MeetingRoom]), "fibre salle-de-reunion");
    }

    #[test]
    fn distances() {
        let crest = (44.728775, 5.023815);
        let die = (44.7528, 5.3688);
        let d = distance_km(crest, die);
        assert!((27.0..28.0).contains(&d), "{d}");
        assert_eq!(distance_km(crest, crest), 0.0);
        assert!(in_area(crest.0, crest.1) && !in_area(crest.1, crest.0));
    }
}
