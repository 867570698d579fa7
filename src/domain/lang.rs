//! The two languages of the community. Plain data here, so that every layer may name a
//! language; the strings of each are in `i18n/`.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

/// The variables that say which language messages are in, the first set (and not empty)
/// winning, as POSIX ranks them.
pub const LOCALE_VARS: [&str; 3] = ["LC_ALL", "LC_MESSAGES", "LANG"];

impl Lang {
    /// The language a locale value asks for (`LANG`, `LC_ALL`, `LC_MESSAGES`).
    pub fn from_locale(value: &str) -> Lang {
        if value.to_ascii_lowercase().starts_with("en") { Lang::En } else { Lang::Fr }
    }

    /// The language of the values of [`LOCALE_VARS`], in that order: the first one set and
    /// not empty decides; French when none is. The terminal console, the command line and an
    /// SSH client's variables are all read this way.
    pub fn from_locales<'a>(values: impl IntoIterator<Item = Option<&'a str>>) -> Lang {
        values.into_iter().flatten().find(|v| !v.is_empty()).map(Lang::from_locale).unwrap_or_default()
    }

    /// [`Lang::from_locales`] of an environment (`|name| std::env::var(name).ok()`).
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Lang {
        let values = LOCALE_VARS.map(var);
        Lang::from_locales(values.iter().map(Option::as_deref))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
    }

    #[test]
    fn lc_all_then_lc_messages_then_lang_decide_and_empty_ones_do_not_count() {
        assert_eq!(Lang::from_env(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_env(env(&[("LANG", "fr_FR.UTF-8")])), Lang::Fr);
        assert_eq!(Lang::from_env(env(&[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "fr_FR")])), Lang::Fr);
        assert_eq!(Lang::from_env(env(&[("LC_MESSAGES", "fr_FR"), ("LC_ALL", "en_GB")])), Lang::En);
        assert_eq!(Lang::from_env(env(&[("LC_ALL", ""), ("LANG", "en_US.UTF-8")])), Lang::En);
        // French unless English is asked for: C, POSIX and nothing at all are French.
        assert_eq!(Lang::from_env(env(&[("LANG", "C.UTF-8")])), Lang::Fr);
        assert_eq!(Lang::from_env(env(&[])), Lang::Fr);
    }
}
