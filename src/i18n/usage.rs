//! The usage line of a command without a pty, read from the help that lists the commands:
//! one table for both, so that a usage line never names its values in another language
//! than the help beside it.

use super::Lang;

/// Where the help's descriptions start: a synopsis ends before it.
const GAP: &str = "  ";

impl Lang {
    /// The synopsis of `command` as the help writes it, its forms joined by « | »
    /// (`agenda [--near COMMUNE] [--past] [--json] | agenda --ics`); `None` for a command
    /// the help does not list.
    pub fn synopsis(self, command: &str) -> Option<String> {
        let mut forms: Vec<String> = Vec::new();
        let mut open = false;
        for line in self.s().commands_help.lines() {
            let Some(rest) = line.strip_prefix(GAP) else {
                open = false;
                continue;
            };
            let text = rest.trim_start();
            let head = text.split(GAP).next().unwrap_or("").trim_end();
            if rest.starts_with(' ') {
                // A synopsis too long for its line goes on under it: its options, in brackets.
                if open
                    && head.starts_with('[')
                    && let Some(form) = forms.last_mut()
                {
                    form.push(' ');
                    form.push_str(head);
                } else {
                    open = false;
                }
                continue;
            }
            open = head == command || head.starts_with(&format!("{command} "));
            if open {
                forms.push(head.to_string());
            }
        }
        (!forms.is_empty()).then(|| forms.join(" | "))
    }

    /// « usage : … » for `command`, on a line of its own.
    pub fn usage(self, command: &str) -> String {
        let synopsis = self.synopsis(command).unwrap_or_else(|| command.to_string());
        match self {
            Lang::Fr => format!("usage : {synopsis}\n"),
            Lang::En => format!("usage: {synopsis}\n"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synopses_come_from_the_help() {
        assert_eq!(
            Lang::Fr.synopsis("agenda").as_deref(),
            Some("agenda [--near COMMUNE] [--past] [--json] | agenda --ics")
        );
        assert_eq!(Lang::En.synopsis("keys").as_deref(), Some("keys [--json] | keys remove FINGERPRINT"));
        let spaces = Lang::Fr.synopsis("spaces").unwrap_or_default();
        assert!(
            spaces.starts_with("spaces [MOTS…]") && spaces.ends_with("[--open-now] [--json]"),
            "{spaces}"
        );
        assert_eq!(Lang::Fr.synopsis("space").as_deref(), Some("space N [--json]"));
        assert_eq!(Lang::Fr.synopsis("nothing"), None);
    }
}
