//! What a member reads about the characters their terminal is sent (the profile's row, its
//! line mode menu), for the terminal whose locale says the wrong thing or nothing.

use super::Lang;
use crate::domain::member::CharsetChoice;

pub struct CharsetStrings {
    pub label: &'static str,
    /// What the profile's key does, beside the row.
    pub key: &'static str,
    pub auto: &'static str,
    /// Said once a choice is saved: it holds at once and at every next connection.
    pub saved: &'static str,
    /// Line mode's question, a number for each choice in [`CharsetChoice::ALL`]'s order.
    pub menu: &'static str,
}

static FR: CharsetStrings = CharsetStrings {
    label: "Caractères",
    key: "c pour changer",
    auto: "automatique (d'après le terminal)",
    saved: "Enregistré : ces caractères dès maintenant, et à chaque connexion.",
    menu: "Caractères : 1 automatique (d'après le terminal), 2 UTF-8, 3 Latin-1, 4 ASCII.",
};

static EN: CharsetStrings = CharsetStrings {
    label: "Characters",
    key: "c to change",
    auto: "automatic (from the terminal)",
    saved: "Saved: these characters from now on, and at every connection.",
    menu: "Characters: 1 automatic (from the terminal), 2 UTF-8, 3 Latin-1, 4 ASCII.",
};

impl Lang {
    pub fn cs(self) -> &'static CharsetStrings {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }

    /// A choice as the profile shows it.
    pub fn charset_name(self, choice: CharsetChoice) -> &'static str {
        match choice {
            CharsetChoice::Auto => self.cs().auto,
            CharsetChoice::Utf8 => "UTF-8",
            CharsetChoice::Latin1 => "Latin-1",
            CharsetChoice::Ascii => "ASCII",
        }
    }
}
