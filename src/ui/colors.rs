//! How many colours the client's terminal shows, read from its environment.

/// Chosen once per session from `TERM`, `COLORTERM` and `NO_COLOR`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ColorDepth {
    /// `NO_COLOR` set, or a dumb terminal: every state must be readable from attributes.
    None,
    Ansi16,
    Ansi256,
    TrueColor,
}

impl ColorDepth {
    pub fn detect(term: Option<&str>, colorterm: Option<&str>, no_color: Option<&str>) -> ColorDepth {
        // https://no-color.org: present and not empty.
        if no_color.is_some_and(|v| !v.is_empty()) {
            return ColorDepth::None;
        }
        let term = term.unwrap_or("").to_ascii_lowercase();
        if term == "dumb" {
            return ColorDepth::None;
        }
        let colorterm = colorterm.unwrap_or("").to_ascii_lowercase();
        if colorterm == "truecolor" || colorterm == "24bit" || term.contains("direct") {
            return ColorDepth::TrueColor;
        }
        if term.contains("256") {
            return ColorDepth::Ansi256;
        }
        ColorDepth::Ansi16
    }
}

#[cfg(test)]
mod tests {
    use super::ColorDepth as D;

    #[test]
    fn depth_from_environment() {
        assert_eq!(D::detect(Some("xterm-256color"), Some("truecolor"), None), D::TrueColor);
        assert_eq!(D::detect(Some("xterm-256color"), None, None), D::Ansi256);
        assert_eq!(D::detect(Some("xterm"), None, None), D::Ansi16);
        assert_eq!(D::detect(Some("vt100"), None, None), D::Ansi16);
        assert_eq!(D::detect(Some("xterm-256color"), Some("truecolor"), Some("1")), D::None);
        assert_eq!(D::detect(Some("xterm-256color"), None, Some("")), D::Ansi256);
        assert_eq!(D::detect(Some("dumb"), None, None), D::None);
    }
}
