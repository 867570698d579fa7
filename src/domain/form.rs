//! The small text forms the editors hold (a space of the directory, a meetup): one
//! `field: value` per line, lines starting with `#` ignored, and a last field (`description`)
//! that runs to the end of the text, as long as it needs.

use std::collections::HashMap;

use thiserror::Error;

/// A line of a form that does not read. Said to people by `i18n`; this `Display` is for the
/// commands and the logs.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FormError {
    #[error("line {line}: expected `field: value`")]
    NotAField { line: usize },
    /// `expected`: the names the form knows, as its caller lists them.
    #[error("line {line}: unknown field `{key}` (expected {expected})")]
    UnknownField { line: usize, key: String, expected: String },
    #[error("line {line}: `{key}` given twice")]
    Twice { line: usize, key: String },
}

/// Reads a form. `field_of` names the field a key stands for (`None`: unknown, with the list
/// of known names in `expected`); `last` is the field that runs to the end. A field given
/// twice is refused unless one of the two is empty (the rest of a template under a form
/// pasted over it). Errors name the line.
pub fn parse_fields(
    text: &str,
    field_of: impl Fn(&str) -> Option<&'static str>,
    expected: &str,
    last: &str,
) -> Result<HashMap<&'static str, String>, FormError> {
    let mut values: HashMap<&'static str, String> = HashMap::new();
    let mut lines = text.lines().enumerate();
    while let Some((i, line)) = lines.next() {
        let n = i + 1;
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(FormError::NotAField { line: n });
        };
        let key = key.trim();
        let Some(field) = field_of(key) else {
            return Err(FormError::UnknownField {
                line: n,
                key: key.to_string(),
                expected: expected.to_string(),
            });
        };
        let mut value = value.trim().to_string();
        if field == last {
            for (_, rest) in lines.by_ref() {
                value.push('\n');
                value.push_str(rest);
            }
            value = value.trim().to_string();
        }
        match values.get(field) {
            Some(_) if value.is_empty() => {}
            Some(before) if !before.is_empty() => {
                return Err(FormError::Twice { line: n, key: key.to_string() });
            }
            _ => {
                values.insert(field, value);
            }
        }
        if field == last {
            break;
        }
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(k: &str) -> Option<&'static str> {
        ["name", "town", "description"].into_iter().find(|f| *f == k)
    }

    #[test]
    fn fields_comments_and_a_last_field_to_the_end() {
        let v = parse_fields(
            "# help\nname: A\n\ntown:  Die \ndescription: one\ntwo\n\nthree\n",
            field,
            "",
            "description",
        )
        .unwrap();
        assert_eq!((v["name"].as_str(), v["town"].as_str()), ("A", "Die"));
        assert_eq!(v["description"], "one\ntwo\n\nthree");
    }

    #[test]
    fn mistakes_name_their_line() {
        assert_eq!(
            parse_fields("name A\n", field, "", "description").unwrap_err().to_string(),
            "line 1: expected `field: value`"
        );
        assert!(
            parse_fields("\ncolour: red\n", field, "name", "description")
                .unwrap_err()
                .to_string()
                .starts_with("line 2: unknown field `colour`")
        );
        assert_eq!(
            parse_fields("name: A\nname: B\n", field, "", "description").unwrap_err().to_string(),
            "line 2: `name` given twice"
        );
        // An empty repeat (a template's rest) is no mistake.
        assert_eq!(parse_fields("name: A\nname:\n", field, "", "description").unwrap()["name"], "A");
    }
}
