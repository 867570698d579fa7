//! French typography: the no-break spaces that keep punctuation and units
//! attached to the word they belong to.
//!
//! French puts a space before `: ; ! ?` and `»`, after `«`, and between a
//! number and its unit. With ordinary spaces the wrapper may start a line
//! with `?` or leave `«` dangling at the end of one, which reads as a typo;
//! turning those spaces into U+00A0 makes [`super::wrap`] keep them together.

const NBSP: char = '\u{00A0}';

/// Units (and unit-like symbols) that must stay on the same line as the
/// number before them. Kept short on purpose: a longer list catches ordinary
/// words ("3 a", "2 min" is fine, "2 mois" must not match `m`).
const UNITS: &[&str] = &[
    "%", "‰", "€", "$", "£", "°C", "°", "km/h", "km", "m", "cm", "mm", "kg", "g", "mg", "t", "h", "min", "s",
    "ms", "l", "L", "ml", "cl", "Go", "Mo", "ko", "To", "Gb", "Mb", "kb", "W", "kW", "kWh", "V", "Hz", "MHz",
    "GHz",
];

/// Replaces the breakable spaces French typography wants unbreakable.
///
/// Only existing ASCII spaces are changed, never inserted: an author who
/// wrote `10:30` or `https://x` gets exactly that back. A run of spaces
/// collapses to one U+00A0. The output contains no ASCII space where a rule
/// applies, so running it twice changes nothing.
pub fn protect_french(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c != ' ' {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        while chars.get(i) == Some(&' ') {
            i += 1;
        }
        let prev = start.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i).copied();
        let rest = chars.get(i..).unwrap_or(&[]);
        let glue = matches!(next, Some(':' | ';' | '!' | '?' | '»'))
            || prev == Some('«')
            || (prev.is_some_and(|p| p.is_ascii_digit()) && starts_with_unit(rest));
        if glue {
            out.push(NBSP);
        } else {
            out.extend(chars.get(start..i).unwrap_or(&[]));
        }
    }
    out
}

/// True when `rest` begins with a unit followed by something that cannot
/// continue a word, so "3 h." matches but "3 heures" does not.
fn starts_with_unit(rest: &[char]) -> bool {
    UNITS.iter().any(|unit| {
        let len = unit.chars().count();
        let Some(head) = rest.get(..len) else {
            return false;
        };
        head.iter().copied().eq(unit.chars()) && rest.get(len).is_none_or(|c| !c.is_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_glued() {
        assert_eq!(
            protect_french("Note : voir ; quoi ? oui !"),
            "Note\u{a0}: voir\u{a0}; quoi\u{a0}? oui\u{a0}!"
        );
    }

    #[test]
    fn guillemets() {
        assert_eq!(protect_french("il dit « bonjour » puis"), "il dit «\u{a0}bonjour\u{a0}» puis");
    }

    #[test]
    fn space_runs_collapse() {
        assert_eq!(protect_french("a   ?"), "a\u{a0}?");
    }

    #[test]
    fn units() {
        assert_eq!(protect_french("20 km"), "20\u{a0}km");
        assert_eq!(protect_french("3 h."), "3\u{a0}h.");
        assert_eq!(protect_french("50 % des gens"), "50\u{a0}% des gens");
        assert_eq!(protect_french("10 € pile"), "10\u{a0}€ pile");
        assert_eq!(protect_french("3,5 kg"), "3,5\u{a0}kg");
        assert_eq!(protect_french("90 km/h"), "90\u{a0}km/h");
    }

    #[test]
    fn words_are_not_units() {
        assert_eq!(protect_french("3 heures"), "3 heures");
        assert_eq!(protect_french("2 mois"), "2 mois");
        assert_eq!(protect_french("en 2024 les"), "en 2024 les");
        assert_eq!(protect_french("a h"), "a h");
    }

    #[test]
    fn urls_and_times_untouched() {
        let s = "voir https://example.org/a?b=c à 10:30, ok?";
        assert_eq!(protect_french(s), s);
    }

    #[test]
    fn existing_nbsp_untouched() {
        let s = "Quoi\u{202f}? «\u{a0}oui\u{a0}»";
        assert_eq!(protect_french(s), s);
    }

    #[test]
    fn idempotent() {
        let s = "« Bonjour » : il fait 30 °C à 14 h ; 50 % ! Vraiment ?";
        let once = protect_french(s);
        assert_eq!(protect_french(&once), once);
        assert!(!once.contains(" :"));
        assert!(!once.contains("« "));
    }

    #[test]
    fn edges() {
        assert_eq!(protect_french(""), "");
        assert_eq!(protect_french("   "), "   ");
        assert_eq!(protect_french(" ?"), "\u{a0}?");
        assert_eq!(protect_french("« "), "«\u{a0}");
        assert_eq!(protect_french("5 "), "5 ");
    }
}
