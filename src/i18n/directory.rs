//! The strings of the spaces directory screens.

use chrono::{Datelike, NaiveDateTime};

use super::Lang;

pub struct DirectoryStrings {
    pub section: &'static str,
    pub search_placeholder: &'static str,
    pub no_filter: &'static str,
    pub open_now: &'static str,
    pub closed_now: &'static str,
    /// Open or closed at the moment chosen with « ouvert le … », said before it.
    pub open_then: &'static str,
    pub closed_then: &'static str,
    pub sort_relevance: &'static str,
    pub sort_name: &'static str,
    pub sort_distance: &'static str,
    pub sort: &'static str,
    pub none_found: &'static str,
    pub filters_title: &'static str,
    pub amenities: &'static str,
    pub kind: &'static str,
    pub status: &'static str,
    pub departement: &'static str,
    pub open_filter: &'static str,
    pub near_title: &'static str,
    pub near_help: &'static str,
    pub when_title: &'static str,
    pub when_help: &'static str,
    pub unknown_commune: &'static str,
    pub days_short: [&'static str; 7],
    pub keys_list: &'static [(&'static str, &'static str)],
    pub keys_search: &'static [(&'static str, &'static str)],
    pub keys_detail: &'static [(&'static str, &'static str)],
    pub keys_map: &'static [(&'static str, &'static str)],
    pub keys_filters: &'static [(&'static str, &'static str)],
    pub map_title: &'static str,
}

pub static FR: DirectoryStrings = DirectoryStrings {
    section: "Espaces",
    search_placeholder: "/ pour chercher : nom, commune, équipement…",
    no_filter: "aucun filtre",
    open_now: "ouvert maintenant",
    closed_now: "fermé maintenant",
    open_then: "ouvert",
    closed_then: "fermé",
    sort_relevance: "pertinence",
    sort_name: "nom",
    sort_distance: "distance",
    sort: "tri",
    none_found: "Aucun espace ne répond à ces critères. x efface les filtres.",
    filters_title: "Filtres",
    amenities: "Équipements",
    kind: "Type",
    status: "État",
    departement: "Département",
    open_filter: "Ouvert maintenant",
    near_title: "Près de…",
    near_help: "Une commune de la Drôme ou de l'Ardèche : son nom, son code postal (les communes qui le partagent sont proposées) ou son code INSEE.",
    when_title: "Ouvert le…",
    when_help: "Un jour et une heure : « jeudi 9 h », « demain 14:30 », « 03/12 10 h ».",
    unknown_commune: "Commune inconnue.",
    days_short: ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
    keys_list: &[
        ("/", "chercher"),
        ("f", "filtres"),
        ("n", "près de"),
        ("o", "ouvert"),
        ("s", "tri"),
        ("m", "carte"),
        ("Tab", "réseau"),
    ],
    keys_search: &[("Entrée", "valider"), ("Échap", "effacer")],
    keys_detail: &[("↑↓", "défiler"), ("m", "carte"), ("Échap", "retour")],
    keys_map: &[
        ("←↑↓→", "déplacer"),
        ("+/-", "zoom"),
        ("j/k", "espace suivant"),
        ("Entrée", "fiche"),
        ("Échap", "liste"),
    ],
    keys_filters: &[("↑↓", "choisir"), ("Espace", "cocher"), ("x", "tout effacer"), ("Échap", "fermer")],
    map_title: "Carte",
};

pub static EN: DirectoryStrings = DirectoryStrings {
    section: "Spaces",
    search_placeholder: "/ to search: name, town, amenity…",
    no_filter: "no filter",
    open_now: "open now",
    closed_now: "closed now",
    open_then: "open",
    closed_then: "closed",
    sort_relevance: "relevance",
    sort_name: "name",
    sort_distance: "distance",
    sort: "sort",
    none_found: "No space matches. x clears the filters.",
    filters_title: "Filters",
    amenities: "Amenities",
    kind: "Kind",
    status: "Status",
    departement: "Département",
    open_filter: "Open now",
    near_title: "Near…",
    near_help: "A town of Drôme or Ardèche: its name, its postcode (the towns sharing it are offered) or its INSEE code.",
    when_title: "Open on…",
    when_help: "A day and a time: 'thursday 9am', 'tomorrow 14:30', '03/12 10:00'.",
    unknown_commune: "Unknown town.",
    days_short: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    keys_list: &[
        ("/", "search"),
        ("f", "filters"),
        ("n", "near"),
        ("o", "open"),
        ("s", "sort"),
        ("m", "map"),
        ("Tab", "network"),
    ],
    keys_search: &[("Enter", "done"), ("Esc", "clear")],
    keys_detail: &[("↑↓", "scroll"), ("m", "map"), ("Esc", "back")],
    keys_map: &[
        ("←↑↓→", "move"),
        ("+/-", "zoom"),
        ("j/k", "next space"),
        ("Enter", "details"),
        ("Esc", "list"),
    ],
    keys_filters: &[("↑↓", "select"), ("Space", "toggle"), ("x", "clear all"), ("Esc", "close")],
    map_title: "Map",
};

impl Lang {
    pub fn d(self) -> &'static DirectoryStrings {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }

    pub fn insee_code(self, code: &str) -> String {
        match self {
            Lang::Fr => format!("code INSEE {code}"),
            Lang::En => format!("INSEE code {code}"),
        }
    }

    pub fn near(self, town: &str) -> String {
        match self {
            Lang::Fr => format!("près {}", super::spaces::de(town)),
            Lang::En => format!("near {town}"),
        }
    }

    /// A radius is a round figure: « à moins de 5 km », never « 5,0 km ».
    pub fn within(self, km: f64) -> String {
        match self {
            Lang::Fr => format!("à moins de {km:.0}\u{a0}km"),
            Lang::En => format!("within {km:.0}\u{a0}km"),
        }
    }

    /// The map's title: what its width covers.
    pub fn map_width(self, km: f64) -> String {
        match self {
            Lang::Fr => format!("{} de large", self.distance(km)),
            Lang::En => format!("{} across", self.distance(km)),
        }
    }

    /// A moment chosen with « ouvert le … », short enough for a row: « jeu. 3 déc. 9 h ».
    pub fn short_moment(self, at: NaiveDateTime) -> String {
        let day = self.d().days_short[at.weekday().num_days_from_monday() as usize % 7];
        let date = format!("{}\u{a0}{}", at.day(), self.s().short_months[at.month0() as usize % 12]);
        format!("{day} {date} {}", self.time_of_day(at.time()))
    }

    pub fn results(self, n: usize) -> String {
        match (self, n) {
            (Lang::Fr, 0) => "aucun espace".into(),
            (Lang::Fr, 1) => "1\u{a0}espace".into(),
            (Lang::Fr, n) => format!("{}\u{a0}espaces", self.count(n)),
            (Lang::En, 1) => "1\u{a0}space".into(),
            (Lang::En, n) => format!("{}\u{a0}spaces", self.count(n)),
        }
    }
}
