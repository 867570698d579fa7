//! Authors: the box that ends a signed article, a member's public page, and `member HANDLE`
//! without a pty.

use super::Lang;

pub struct AuthorStrings {
    /// Above the other articles in the author's box.
    pub same_author: &'static str,
    /// Under the box: how to reach the page.
    pub box_hint: &'static str,
    pub articles: &'static str,
    pub comments: &'static str,
    pub no_articles: &'static str,
    pub no_comments: &'static str,
    /// On the page of a member who did not publish their profile.
    pub unpublished: &'static str,
    pub commune: &'static str,
    pub status: &'static str,
    pub skills: &'static str,
    pub open_to: &'static str,
    pub not_found: &'static str,
    pub keys_page: &'static [(&'static str, &'static str)],
}

static FR: AuthorStrings = AuthorStrings {
    same_author: "Du même auteur :",
    box_hint: "Entrée : sa page",
    articles: "Articles",
    comments: "Commentaires récents",
    no_articles: "Aucun article signé.",
    no_comments: "Aucun commentaire publié.",
    unpublished: "Profil non publié : seules ses contributions publiques apparaissent ici.",
    commune: "Commune",
    status: "Statut",
    skills: "Compétences",
    open_to: "Ouvert·e à",
    not_found: "Aucun membre n'a ce pseudo.",
    keys_page: &[("↑↓", "choisir"), ("Entrée", "ouvrir"), ("Échap", "retour"), ("?", "aide")],
};

static EN: AuthorStrings = AuthorStrings {
    same_author: "By the same author:",
    box_hint: "Enter: their page",
    articles: "Articles",
    comments: "Recent comments",
    no_articles: "No signed article.",
    no_comments: "No published comment.",
    unpublished: "Profile not published: only their public contributions appear here.",
    commune: "Town",
    status: "Status",
    skills: "Skills",
    open_to: "Open to",
    not_found: "No member has this handle.",
    keys_page: &[("↑↓", "select"), ("Enter", "open"), ("Esc", "back"), ("?", "help")],
};

impl Lang {
    pub fn u(self) -> &'static AuthorStrings {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }

    /// The name on an author's box: « Camille R. (camille) », or the handle alone.
    pub fn author_name(self, name: &str, handle: &str) -> String {
        if name.is_empty() || name == handle { handle.to_string() } else { format!("{name} ({handle})") }
    }

    /// « Commune : Die » / « Town: Die ».
    pub fn label_value(self, label: &str, value: &str) -> String {
        match self {
            Lang::Fr => format!("{label}\u{a0}: {value}"),
            Lang::En => format!("{label}: {value}"),
        }
    }
}
