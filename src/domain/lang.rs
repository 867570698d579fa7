//! The two languages of the community. Plain data here, so that every layer may name a
//! language; the strings of each are in `i18n/`.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    /// The language a locale value asks for (`LANG`, `LC_ALL`, `LC_MESSAGES`).
    pub fn from_locale(value: &str) -> Lang {
        if value.to_ascii_lowercase().starts_with("en") { Lang::En } else { Lang::Fr }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        }
    }
}
