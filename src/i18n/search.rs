//! The strings of the bulletin's search and of its filter by rubrique, on screen and in the
//! `search` command.

use super::Lang;

pub struct SearchStrings {
    pub placeholder: &'static str,
    pub too_short: &'static str,
    pub none_found: &'static str,
    pub searching: &'static str,
    pub article: &'static str,
    pub chooser_title: &'static str,
    pub all_rubriques: &'static str,
    pub clear_filter: &'static str,
    pub keys_search: &'static [(&'static str, &'static str)],
    pub keys_chooser: &'static [(&'static str, &'static str)],
}

pub static FR: SearchStrings = SearchStrings {
    placeholder: "titres, articles et commentaires, sans souci des accents",
    too_short: "Tapez au moins deux lettres.",
    none_found: "Aucun article ni commentaire ne contient ces mots.",
    searching: "Recherche…",
    article: "article",
    chooser_title: "Rubrique",
    all_rubriques: "toutes",
    clear_filter: "f\u{a0}: toutes les rubriques",
    keys_search: &[("↑↓", "choisir"), ("Entrée", "ouvrir"), ("Échap", "retour à la liste")],
    keys_chooser: &[("↑↓", "choisir"), ("Entrée", "afficher"), ("Échap", "annuler")],
};

pub static EN: SearchStrings = SearchStrings {
    placeholder: "titles, articles and comments, accents ignored",
    too_short: "Type at least two letters.",
    none_found: "No article or comment holds these words.",
    searching: "Searching…",
    article: "article",
    chooser_title: "Rubrique",
    all_rubriques: "all",
    clear_filter: "f: every rubrique",
    keys_search: &[("↑↓", "select"), ("Enter", "open"), ("Esc", "back to the list")],
    keys_chooser: &[("↑↓", "select"), ("Enter", "show"), ("Esc", "cancel")],
};

impl Lang {
    pub fn q(self) -> &'static SearchStrings {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }

    /// « 12 résultats »; the page's size reached: the best of more.
    pub fn hits(self, n: usize, page_full: bool) -> String {
        match (self, n, page_full) {
            (Lang::Fr, n, true) => format!("les {n}\u{a0}plus pertinents"),
            (Lang::En, n, true) => format!("the {n} best"),
            (Lang::Fr, 0 | 1, _) => format!("{n}\u{a0}résultat"),
            (Lang::Fr, n, _) => format!("{n}\u{a0}résultats"),
            (Lang::En, 1, _) => "1 hit".to_string(),
            (Lang::En, n, _) => format!("{n} hits"),
        }
    }

    /// Who wrote a comment found: « commentaire de camille ».
    pub fn comment_by(self, handle: &str) -> String {
        match self {
            Lang::Fr => format!("commentaire de {handle}"),
            Lang::En => format!("comment by {handle}"),
        }
    }

    /// The list's header while it shows one rubrique.
    pub fn rubrique_only(self, rubrique: &str) -> String {
        match self {
            Lang::Fr => format!("Rubrique «\u{a0}{rubrique}\u{a0}»"),
            Lang::En => format!("Rubrique '{rubrique}'"),
        }
    }
}
