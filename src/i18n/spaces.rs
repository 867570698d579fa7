//! What people read about places to work: kinds, statuses, amenities, opening state,
//! distances, and the messages of the `spaces` and `space` commands. Shared by the commands
//! without a pty and the screens.

use super::Lang;
use crate::domain::space::{Amenity, Located, SpaceKind, SpaceStatus};
use crate::text::clean_line;

/// « de » before a commune's name as French says it: « d'Izon-la-Bruisse », « du Cheylard »,
/// « des Vans », « de La Voulte-sur-Rhône », « de Die ».
pub(super) fn de(name: &str) -> String {
    if let Some(rest) = name.strip_prefix("Le ") {
        return format!("du {rest}");
    }
    if let Some(rest) = name.strip_prefix("Les ") {
        return format!("des {rest}");
    }
    let vowel = crate::domain::space::fold(name).starts_with(['a', 'e', 'i', 'o', 'u', 'y']);
    if vowel { format!("d'{name}") } else { format!("de {name}") }
}

impl SpaceKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (SpaceKind::Coworking, _) => "coworking",
            (SpaceKind::TiersLieu, Lang::Fr) => "tiers-lieu",
            (SpaceKind::TiersLieu, Lang::En) => "third place",
            (SpaceKind::Fablab, _) => "fablab",
            (SpaceKind::EspacePublicNumerique, Lang::Fr) => "espace public numérique",
            (SpaceKind::EspacePublicNumerique, Lang::En) => "public digital space",
            (SpaceKind::Other, Lang::Fr) => "autre",
            (SpaceKind::Other, Lang::En) => "other",
        }
    }
}

impl SpaceStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (SpaceStatus::Open, Lang::Fr) => "ouvert",
            (SpaceStatus::Open, Lang::En) => "open",
            (SpaceStatus::Planned, Lang::Fr) => "en projet",
            (SpaceStatus::Planned, Lang::En) => "planned",
            (SpaceStatus::Closed, Lang::Fr) => "fermé",
            (SpaceStatus::Closed, Lang::En) => "closed",
        }
    }
}

impl Amenity {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Amenity::Fibre, _) => "fibre",
            (Amenity::Wifi, Lang::Fr) => "wifi",
            (Amenity::Wifi, Lang::En) => "Wi-Fi",
            (Amenity::MeetingRoom, Lang::Fr) => "salle de réunion",
            (Amenity::MeetingRoom, Lang::En) => "meeting room",
            (Amenity::Accessible, Lang::Fr) => "accès PMR",
            (Amenity::Accessible, Lang::En) => "step-free access",
            (Amenity::Kitchen, Lang::Fr) => "cuisine",
            (Amenity::Kitchen, Lang::En) => "kitchen",
            (Amenity::Parking, _) => "parking",
            (Amenity::Bike, Lang::Fr) => "vélo",
            (Amenity::Bike, Lang::En) => "bike storage",
            (Amenity::Printer, Lang::Fr) => "imprimante",
            (Amenity::Printer, Lang::En) => "printer",
            (Amenity::Domiciliation, Lang::Fr) => "domiciliation",
            (Amenity::Domiciliation, Lang::En) => "business address",
            (Amenity::Lockers, Lang::Fr) => "casiers",
            (Amenity::Lockers, Lang::En) => "lockers",
            (Amenity::Cafe, Lang::Fr) => "café",
            (Amenity::Cafe, Lang::En) => "coffee",
        }
    }
}

impl Lang {
    /// The département's name from its code.
    pub fn departement_name(self, code: &str) -> &'static str {
        match code {
            "26" => "Drôme",
            "07" => "Ardèche",
            _ => "",
        }
    }

    /// « 3,2 km » / « 3.2 km »: one decimal under 10 km, none above. The space before the
    /// unit never breaks.
    pub fn distance(self, km: f64) -> String {
        let text = if km < 10.0 { format!("{km:.1}") } else { format!("{km:.0}") };
        let text = if self == Lang::Fr { text.replace('.', ",") } else { text };
        format!("{text}\u{a0}km")
    }

    /// A price in cents: « 12,50 € » / « €12.50 »; whole euros without decimals.
    pub fn price(self, cents: i64) -> String {
        let euros = if cents % 100 == 0 {
            format!("{}", cents / 100)
        } else {
            format!("{}.{:02}", cents / 100, (cents % 100).abs())
        };
        match self {
            Lang::Fr => format!("{}\u{a0}€", euros.replace('.', ",")),
            Lang::En => format!("€{euros}"),
        }
    }

    /// The state a badge shows for hours known at this time.
    pub fn open_now(self, open: bool) -> &'static str {
        match (self, open) {
            (Lang::Fr, true) => "ouvert maintenant",
            (Lang::Fr, false) => "fermé",
            (Lang::En, true) => "open now",
            (Lang::En, false) => "closed now",
        }
    }

    /// For a space that is not open for good or not yet: replaces the open-now state.
    pub fn space_status_note(self, status: SpaceStatus) -> Option<&'static str> {
        match (self, status) {
            (_, SpaceStatus::Open) => None,
            (Lang::Fr, SpaceStatus::Planned) => Some("en projet"),
            (Lang::En, SpaceStatus::Planned) => Some("planned"),
            (Lang::Fr, SpaceStatus::Closed) => Some("fermé définitivement"),
            (Lang::En, SpaceStatus::Closed) => Some("closed for good"),
        }
    }

    /// Where a record comes from, with the attribution its licence asks for; `None` for the
    /// project's own records.
    pub fn space_source(self, source: &str) -> Option<&'static str> {
        match (self, source) {
            (Lang::Fr, "cget") => Some(
                "Recensement national des tiers-lieux : CGET / ANCT – Mission Coworking, base des \
                 tiers-lieux 2019 (mise à jour du 13 juin 2019, Licence Ouverte 2.0). \
                 Ces données datent de 2019.",
            ),
            (Lang::En, "cget") => Some(
                "National census of tiers-lieux: CGET / ANCT – Mission Coworking, base des \
                 tiers-lieux 2019, last updated 2019-06-13 (Licence Ouverte 2.0). \
                 These data are from 2019.",
            ),
            (Lang::Fr, "demo") => Some("Espace de démonstration, inventé pour présenter Cédille."),
            (Lang::En, "demo") => Some("Demo space, invented to show Cédille."),
            _ => None,
        }
    }

    /// An unknown commune, with the closest names when there are some.
    pub fn unknown_commune(self, name: &str, suggestions: &[String]) -> String {
        let list = suggestions.join(", ");
        match (self, suggestions.is_empty()) {
            (Lang::Fr, true) => format!("Commune inconnue « {name} » (Drôme et Ardèche seulement).\n"),
            (Lang::Fr, false) => format!("Commune inconnue « {name} ». Vouliez-vous dire : {list} ?\n"),
            (Lang::En, true) => format!("Unknown commune '{name}' (Drôme and Ardèche only).\n"),
            (Lang::En, false) => format!("Unknown commune '{name}'. Did you mean: {list}?\n"),
        }
    }

    /// Which commune a code shared by several was taken as, and how to get another one.
    pub fn commune_taken(self, found: &Located) -> String {
        let taken = clean_line(&found.commune.name);
        let code = found.postcode.as_deref().map(clean_line).unwrap_or_default();
        let (n, first) = (found.sharing.len(), found.sharing.iter().take(3).map(|c| clean_line(c)));
        let others = first.collect::<Vec<_>>().join(", ");
        let more = if n > 3 { "…" } else { "" };
        let mut out = match (self, n) {
            (Lang::Fr, 0) => format!("{code} : code postal {}, retenue.", de(&taken)),
            (Lang::En, 0) => format!("{code}: postcode of {taken}, taken."),
            (Lang::Fr, 1) => {
                format!(
                    "{code} : code postal {} et {} ; {taken} retenue, la plus peuplée.",
                    de(&taken),
                    de(&others)
                )
            }
            (Lang::Fr, n) => format!(
                "{code} : code postal {} et de {n} autres communes ({others}{more}) ; {taken} retenue, la plus peuplée.",
                de(&taken)
            ),
            (Lang::En, 1) => {
                format!("{code}: postcode of {taken} and {others}; {taken} taken, the most populous.")
            }
            (Lang::En, n) => format!(
                "{code}: postcode of {taken} and {n} other communes ({others}{more}); {taken} taken, the most populous."
            ),
        };
        if let Some(other) = found.insee_of.as_deref().map(clean_line) {
            let also = match self {
                Lang::Fr => {
                    format!("{code} est aussi le code INSEE {} : écrivez son nom pour elle.", de(&other))
                }
                Lang::En => format!("{code} is also the INSEE code of {other}: type its name for it."),
            };
            out.push(' ');
            out.push_str(&also);
        }
        out.push('\n');
        out
    }

    /// In line mode, the commune a code shared by several was taken as, and the others
    /// offered: their names are what to type instead.
    pub fn commune_offered(self, code: &str, taken: &str, others: &[String], more: bool) -> String {
        let others = others.join(", ");
        let more = if more { "…" } else { "" };
        match self {
            Lang::Fr => {
                format!(
                    "{code} : {taken} retenue ; le code est aussi celui de {others}{more} (écrivez le nom pour une autre)."
                )
            }
            Lang::En => format!(
                "{code}: {taken} taken; the code is also that of {others}{more} (type the name for another)."
            ),
        }
    }

    /// An unknown amenity, with the closest ones and the list of all.
    pub fn unknown_amenity(self, name: &str, suggestions: &[&str]) -> String {
        let all = Amenity::ALL.iter().map(|a| a.code()).collect::<Vec<_>>().join(", ");
        let list = suggestions.join(", ");
        match (self, suggestions.is_empty()) {
            (Lang::Fr, true) => format!("Équipement inconnu « {name} ». Équipements : {all}.\n"),
            (Lang::Fr, false) => {
                format!("Équipement inconnu « {name} ». Vouliez-vous dire : {list} ? Équipements : {all}.\n")
            }
            (Lang::En, true) => format!("Unknown amenity '{name}'. Amenities: {all}.\n"),
            (Lang::En, false) => {
                format!("Unknown amenity '{name}'. Did you mean: {list}? Amenities: {all}.\n")
            }
        }
    }

    pub fn space_not_found(self, key: &str) -> String {
        match self {
            Lang::Fr => format!("cedille : aucun espace n° {key}.\n"),
            Lang::En => format!("cedille: no space number {key}.\n"),
        }
    }

    pub fn no_space_found(self) -> &'static str {
        match self {
            Lang::Fr => "Aucun espace ne correspond.\n",
            Lang::En => "No space matches.\n",
        }
    }

    pub fn bad_distance(self, value: &str) -> String {
        match self {
            Lang::Fr => format!("Distance invalide « {value} » : un nombre de kilomètres, comme 20.\n"),
            Lang::En => format!("Invalid distance '{value}': a number of kilometres, like 20.\n"),
        }
    }

    pub fn within_needs_near(self) -> &'static str {
        match self {
            Lang::Fr => "--within demande --near COMMUNE : à 20 km de quoi ?\n",
            Lang::En => "--within needs --near COMMUNE: 20 km from where?\n",
        }
    }

    /// The labels of a space's detail, in the order shown.
    pub fn space_fields(self) -> &'static SpaceFields {
        match self {
            Lang::Fr => &SPACE_FIELDS_FR,
            Lang::En => &SPACE_FIELDS_EN,
        }
    }
}

/// Labels of the fields of one space, for the detail view and `space ID`.
pub struct SpaceFields {
    pub address: &'static str,
    pub amenities: &'static str,
    pub hours: &'static str,
    pub hours_unknown: &'static str,
    pub closed_all_day: &'static str,
    pub prices: &'static str,
    pub day: &'static str,
    pub half_day: &'static str,
    pub month: &'static str,
    pub website: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
    pub verified_on: &'static str,
    pub source: &'static str,
    pub coordinates: &'static str,
}

static SPACE_FIELDS_FR: SpaceFields = SpaceFields {
    address: "Adresse",
    amenities: "Équipements",
    hours: "Horaires",
    hours_unknown: "horaires inconnus",
    closed_all_day: "fermé",
    prices: "Tarifs",
    day: "journée",
    half_day: "demi-journée",
    month: "mois",
    website: "Site",
    email: "Courriel",
    phone: "Téléphone",
    verified_on: "Vérifié le",
    source: "Source",
    coordinates: "Coordonnées",
};

static SPACE_FIELDS_EN: SpaceFields = SpaceFields {
    address: "Address",
    amenities: "Amenities",
    hours: "Hours",
    hours_unknown: "hours unknown",
    closed_all_day: "closed",
    prices: "Prices",
    day: "day",
    half_day: "half day",
    month: "month",
    website: "Website",
    email: "E-mail",
    phone: "Phone",
    verified_on: "Verified on",
    source: "Source",
    coordinates: "Coordinates",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn de_before_a_commune_as_french_says_it() {
        let said: Vec<String> =
            ["Die", "Izon-la-Bruisse", "Le Cheylard", "Les Vans", "La Voulte-sur-Rhône", "Étoile-sur-Rhône"]
                .iter()
                .map(|n| de(n))
                .collect();
        assert_eq!(
            said,
            [
                "de Die",
                "d'Izon-la-Bruisse",
                "du Cheylard",
                "des Vans",
                "de La Voulte-sur-Rhône",
                "d'Étoile-sur-Rhône"
            ]
        );
    }

    #[test]
    fn numbers_read_as_each_language_writes_them() {
        assert_eq!(Lang::Fr.distance(3.24), "3,2\u{a0}km");
        assert_eq!(Lang::En.distance(3.24), "3.2\u{a0}km");
        assert_eq!(Lang::Fr.distance(23.6), "24\u{a0}km");
        assert_eq!(Lang::Fr.price(1250), "12,50\u{a0}€");
        assert_eq!(Lang::Fr.price(1500), "15\u{a0}€");
        assert_eq!(Lang::En.price(1205), "€12.05");
    }

    #[test]
    fn suggestions_in_messages() {
        assert_eq!(
            Lang::Fr.unknown_commune("Cret", &["Crest".into(), "Creyers".into()]),
            "Commune inconnue « Cret ». Vouliez-vous dire : Crest, Creyers ?\n"
        );
    }
}
