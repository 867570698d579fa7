//! Markdown files with a front matter block, the format of `article import` and of the demo
//! articles:
//!
//! ```text
//! ---
//! title: Le titre
//! rubrique: État des lieux
//! author: La rédaction
//! author_handle: camille
//! date: 2026-10-02T09:00:00+02:00
//! status: published
//! slug: le-titre
//! ---
//! Markdown…
//! ```
//!
//! Only flat `key: value` lines are accepted: a full YAML parser would accept far more than
//! an article needs and report errors nobody could act on.

use chrono::{DateTime, NaiveDate, Utc};
use thiserror::Error;

use super::article::{NewArticle, slugify};
use super::member::validate_handle;

#[derive(Debug, Clone, Error, PartialEq)]
pub enum FrontMatterError {
    #[error("the file must start with a line `---` opening the front matter")]
    NoOpening,
    #[error("the front matter is not closed by a line `---`")]
    NotClosed,
    #[error("line {line}: expected `key: value`")]
    BadLine { line: usize },
    #[error(
        "line {line}: unknown key `{key}` (expected title, rubrique, author, author_handle, date, status, slug)"
    )]
    UnknownKey { line: usize, key: String },
    #[error("the front matter has no `title`")]
    NoTitle,
    #[error("line {line}: `{value}` is not a date (expected 2026-10-02 or 2026-10-02T09:00:00+02:00)")]
    BadDate { line: usize, value: String },
    #[error("line {line}: status must be `published` or `draft`, not `{value}`")]
    BadStatus { line: usize, value: String },
    #[error("line {line}: the slug `{value}` may hold only a-z, 0-9 and `-`")]
    BadSlug { line: usize, value: String },
    #[error("line {line}: `{value}` is not a member's handle (2–24 characters of a-z, 0-9, `_` and `-`)")]
    BadHandle { line: usize, value: String },
}

/// Parses a whole file. `now` is the publication date when the file gives none.
pub fn parse_article(text: &str, now: DateTime<Utc>) -> Result<NewArticle, FrontMatterError> {
    parse_article_dated(text, now).map(|(a, _)| a)
}

/// [`parse_article`], and whether the file gave a date: an import without one keeps the
/// date of the article it updates.
pub fn parse_article_dated(text: &str, now: DateTime<Utc>) -> Result<(NewArticle, bool), FrontMatterError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, l)) if l.trim_end() == "---" => {}
        _ => return Err(FrontMatterError::NoOpening),
    }
    let (mut title, mut rubrique, mut author, mut slug) = (None, String::new(), String::new(), None);
    let mut author_handle = None;
    let mut published = true;
    let mut date = now;
    let mut dated = false;
    let mut body_start = None;
    for (i, line) in lines.by_ref() {
        let n = i + 1;
        if line.trim_end() == "---" {
            body_start = Some(n);
            break;
        }
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(FrontMatterError::BadLine { line: n });
        };
        let value = unquote(value.trim()).to_string();
        match key.trim() {
            "title" => title = Some(value),
            "rubrique" => rubrique = value,
            "author" => author = value,
            "author_handle" if value.is_empty() => author_handle = None,
            "author_handle" => {
                let handle =
                    validate_handle(&value).map_err(|_| FrontMatterError::BadHandle { line: n, value })?;
                author_handle = Some(handle);
            }
            "date" => {
                date = parse_date(&value).ok_or(FrontMatterError::BadDate { line: n, value })?;
                dated = true;
            }
            "status" => {
                published = match value.as_str() {
                    "published" => true,
                    "draft" => false,
                    _ => return Err(FrontMatterError::BadStatus { line: n, value }),
                }
            }
            "slug" => {
                let ok = !value.is_empty()
                    && value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if !ok {
                    return Err(FrontMatterError::BadSlug { line: n, value });
                }
                slug = Some(value);
            }
            other => return Err(FrontMatterError::UnknownKey { line: n, key: other.to_string() }),
        }
    }
    let Some(start) = body_start else {
        return Err(FrontMatterError::NotClosed);
    };
    let title = title.filter(|t| !t.trim().is_empty()).ok_or(FrontMatterError::NoTitle)?;
    let body: Vec<&str> = text.lines().skip(start).collect();
    let article = NewArticle {
        slug: slug.unwrap_or_else(|| slugify(&title)),
        title,
        rubrique,
        author,
        author_handle,
        body: body.join("\n").trim().to_string(),
        published,
        published_at: date,
    };
    Ok((article, dated))
}

/// Writes an article in the format [`parse_article`] reads, for the editor: what an admin
/// opens is what an import would take back unchanged.
pub fn write_article(a: &NewArticle) -> String {
    let date = a.published_at.with_timezone(&chrono_tz::Europe::Paris).to_rfc3339();
    let mut out = String::from("---\n");
    out.push_str(&format!("title: {}\n", quote(&a.title)));
    out.push_str(&format!("rubrique: {}\n", quote(&a.rubrique)));
    out.push_str(&format!("author: {}\n", quote(&a.author)));
    match &a.author_handle {
        Some(handle) => out.push_str(&format!("author_handle: {handle}\n")),
        None => out.push_str("author_handle:\n"),
    }
    out.push_str(&format!("date: {date}\n"));
    out.push_str(&format!("status: {}\n", if a.published { "published" } else { "draft" }));
    out.push_str(&format!("slug: {}\n", a.slug));
    out.push_str("---\n\n");
    out.push_str(&a.body);
    out.push('\n');
    out
}

/// The line (from 1) of `key` in the front matter, to point at it when what it says is
/// refused later (an `author_handle` no member has).
pub fn line_of_key(text: &str, key: &str) -> Option<usize> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines()
        .enumerate()
        .skip(1)
        .take_while(|(_, l)| l.trim_end() != "---")
        .find(|(_, l)| l.split_once(':').is_some_and(|(k, _)| k.trim() == key))
        .map(|(i, _)| i + 1)
}

/// Quotes a value that would otherwise read back differently (surrounding spaces or quotes).
fn quote(v: &str) -> String {
    let v = v.replace('\n', " ");
    if v != v.trim() || v.starts_with(['"', '\'']) { format!("\"{v}\"") } else { v }
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|s| s.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

/// A date as front matter and `article schedule` take it: RFC 3339, or a day (9 h, Paris time).
pub fn parse_date(v: &str) -> Option<DateTime<Utc>> {
    if let Ok(d) = DateTime::parse_from_rfc3339(v) {
        return Some(d.with_timezone(&Utc));
    }
    let day = NaiveDate::parse_from_str(v, "%Y-%m-%d").ok()?;
    let local = day.and_hms_opt(9, 0, 0)?;
    use chrono::TimeZone;
    chrono_tz::Europe::Paris.from_local_datetime(&local).earliest().map(|d| d.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-27T10:00:00Z")
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default()
    }

    #[test]
    fn reads_a_complete_file() {
        let a = parse_article(
            "---\ntitle: « Bonjour » : essai\nrubrique: Agenda\nauthor: Sofia\ndate: 2026-10-02T09:00:00+02:00\nstatus: draft\n---\n\nCorps *du* texte.\n",
            now(),
        );
        let a = a.unwrap();
        assert_eq!(a.title, "« Bonjour » : essai");
        assert_eq!(a.slug, "bonjour-essai");
        assert_eq!(a.rubrique, "Agenda");
        assert!(!a.published);
        assert_eq!(a.published_at.to_rfc3339(), "2026-10-02T07:00:00+00:00");
        assert_eq!(a.body, "Corps *du* texte.");
    }

    #[test]
    fn what_is_written_reads_back_the_same() {
        let a = parse_article(
            "---\ntitle: « Bonjour » : essai\nrubrique: Agenda\nauthor: ' Sofia '\ndate: 2026-10-02T09:00:00+02:00\nstatus: draft\nslug: essai\n---\n\nCorps *du* texte.\n\n- un\n",
            now(),
        )
        .unwrap();
        assert_eq!(parse_article(&write_article(&a), now()).unwrap(), a);
    }

    #[test]
    fn a_member_may_sign_and_the_signature_reads_back() {
        let text = "---\ntitle: x\nauthor: Camille (Die)\nauthor_handle: Camille\n---\nCorps.\n";
        let a = parse_article(text, now()).unwrap();
        assert_eq!(a.author_handle.as_deref(), Some("camille"));
        assert_eq!(a.author, "Camille (Die)");
        assert_eq!(parse_article(&write_article(&a), now()).unwrap(), a);
        assert_eq!(line_of_key(text, "author_handle"), Some(4));
        let unsigned = parse_article("---\ntitle: x\nauthor_handle:\n---\n", now()).unwrap();
        assert_eq!(unsigned.author_handle, None);
        assert_eq!(parse_article(&write_article(&unsigned), now()).unwrap(), unsigned);
        assert_eq!(
            parse_article("---\ntitle: x\nauthor_handle: jean paul\n---\n", now()),
            Err(FrontMatterError::BadHandle { line: 3, value: "jean paul".into() })
        );
    }

    #[test]
    fn says_what_is_wrong_and_where() {
        assert_eq!(parse_article("title: x\n", now()), Err(FrontMatterError::NoOpening));
        assert_eq!(parse_article("---\ntitle: x\n", now()), Err(FrontMatterError::NotClosed));
        assert_eq!(parse_article("---\nrubrique: x\n---\n", now()), Err(FrontMatterError::NoTitle));
        assert_eq!(
            parse_article("---\ntitle: x\ndate: hier\n---\n", now()),
            Err(FrontMatterError::BadDate { line: 3, value: "hier".into() })
        );
        assert!(matches!(
            parse_article("---\ntitle: x\ncolour: red\n---\n", now()),
            Err(FrontMatterError::UnknownKey { line: 3, .. })
        ));
    }
}
