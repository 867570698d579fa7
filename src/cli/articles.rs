//! `cedille article import FILE.md…`, `article list [--limit N] [--json]`, `article publish|unpublish|
//! delete ID`, `article schedule ID DATE`.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::{Limit, Outcome, left_out, open_existing};
use crate::domain::article::{ArticleState, NewArticle};
use crate::domain::frontmatter::{line_of_key, parse_article_dated, parse_date};
use crate::store::{Saved, Store, local_actor};

/// Imports Markdown files with front matter, by slug: all of them, or none when one is
/// wrong (each wrong file is named, with the line and field at fault).
pub fn import(db: &Path, files: &[PathBuf]) -> Outcome {
    let now = Utc::now();
    let mut articles = Vec::new();
    let mut errors = String::new();
    let mut unreadable = false;
    for file in files {
        let text = match std::fs::read(file) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(_) => {
                    errors.push_str(&format!("cedille: {}: not UTF-8 text\n", file.display()));
                    continue;
                }
            },
            Err(e) => {
                errors.push_str(&format!("cedille: cannot read {}: {e}\n", file.display()));
                unreadable = true;
                continue;
            }
        };
        match parse_article_dated(&text, now) {
            Ok(a) => {
                let line = line_of_key(&text, "author_handle").unwrap_or(0);
                articles.push((file, a, line));
            }
            Err(e) => errors.push_str(&format!("cedille: {}: {e}\n", file.display())),
        }
    }
    for (i, (file, a, _)) in articles.iter().enumerate() {
        if let Some((other, _, _)) = articles[..i].iter().find(|(_, (b, _), _)| b.slug == a.0.slug) {
            errors.push_str(&format!(
                "cedille: {}: same slug `{}` as {}\n",
                file.display(),
                a.0.slug,
                other.display()
            ));
        }
    }
    if !errors.is_empty() {
        errors.push_str("cedille: nothing was imported\n");
        // A file that cannot be read is the machine's trouble (2); one that does not parse,
        // the input's (1).
        let status = if unreadable { 2 } else { 1 };
        return Outcome { stderr: errors, status, ..Outcome::default() };
    }
    let store = match open_existing(db) {
        Ok(s) => s,
        Err(refusal) => return refusal,
    };
    if let Some(refused) = unknown_authors(&store, &articles) {
        return refused;
    }
    let batch: Vec<_> = articles.iter().map(|(_, a, _)| a.clone()).collect();
    match store.articles().import(&local_actor("cli"), &batch) {
        Ok(saved) => {
            let mut out = String::new();
            for ((file, a, _), (id, what)) in articles.iter().zip(saved) {
                let what = match what {
                    Saved::Inserted => "inserted",
                    Saved::Updated => "updated",
                    Saved::Unchanged => "unchanged",
                };
                out.push_str(&format!("{}: article {id} {what} ({})\n", file.display(), a.0.slug));
            }
            Outcome::ok(out)
        }
        Err(e) => {
            let mut o = Outcome::store(&e, "article");
            o.stderr.push_str("cedille: nothing was imported\n");
            o
        }
    }
}

/// Each `author_handle` that no member has, named with its file and line; `None` when every
/// signer exists. The store refuses them too, in its transaction: this says where.
fn unknown_authors(store: &Store, articles: &[(&PathBuf, (NewArticle, bool), usize)]) -> Option<Outcome> {
    let mut errors = String::new();
    for (file, (a, _), line) in articles {
        let Some(handle) = &a.author_handle else { continue };
        match store.users().handle_exists(handle) {
            Ok(true) => {}
            Ok(false) => errors.push_str(&format!(
                "cedille: {}: line {line}: no member has the handle `{handle}` (author_handle)\n",
                file.display()
            )),
            Err(e) => return Some(Outcome::store(&e, "member")),
        }
    }
    if errors.is_empty() {
        return None;
    }
    errors.push_str("cedille: nothing was imported\n");
    Some(Outcome { stderr: errors, status: 1, ..Outcome::default() })
}

/// Articles, drafts and scheduled ones included, newest first: at most `limit`.
pub fn list(db: &Path, json: bool, limit: Limit) -> Outcome {
    let store = match open_existing(db) {
        Ok(s) => s,
        Err(o) => return o,
    };
    let page = match store.articles().page(Utc::now(), limit.0) {
        Ok(p) => p,
        Err(e) => return Outcome::store(&e, "article"),
    };
    let rows = &page.rows;
    let mut out = String::new();
    for a in rows {
        if json {
            out.push_str(&serde_json::json!(a).to_string());
        } else {
            let date = a.published_at.with_timezone(&chrono_tz::Europe::Paris).format("%Y-%m-%d %H:%M");
            out.push_str(&format!(
                "{:>4}  {:<9}  {date}  {}  ({}, {} comments)",
                a.id,
                a.state.as_str(),
                a.title,
                a.slug,
                a.comments
            ));
        }
        out.push('\n');
    }
    if rows.is_empty() && !json {
        out.push_str("No article.\n");
    }
    Outcome { stdout: out, stderr: left_out(&page, "articles", "newest first"), status: 0 }
}

pub fn publish(db: &Path, id: i64) -> Outcome {
    with_store(db, |store| match store.articles().publish(&local_actor("cli"), id, Utc::now()) {
        Ok(ArticleState::Published) => Outcome::ok(format!("article {id} was already published\n")),
        Ok(_) => Outcome::ok(format!("article {id} published\n")),
        Err(e) => Outcome::store(&e, &format!("article {id}")),
    })
}

pub fn unpublish(db: &Path, id: i64) -> Outcome {
    with_store(db, |store| match store.articles().unpublish(&local_actor("cli"), id) {
        Ok(ArticleState::Draft) => Outcome::ok(format!("article {id} was already a draft\n")),
        Ok(_) => Outcome::ok(format!("article {id} is a draft again\n")),
        Err(e) => Outcome::store(&e, &format!("article {id}")),
    })
}

/// Publishes at a date to come (`2026-12-01T09:00:00+01:00`, or a day: 9 h, Paris time).
pub fn schedule(db: &Path, id: i64, date: &str) -> Outcome {
    let Some(at) = parse_date(date) else {
        return Outcome::refused(format!(
            "`{date}` is not a date (expected 2026-12-01 or 2026-12-01T09:00:00+01:00)"
        ));
    };
    if at <= Utc::now() {
        return Outcome::refused(format!("{date} is past: use `article publish {id}` to publish now"));
    }
    with_store(db, |store| match store.articles().schedule(&local_actor("cli"), id, at) {
        Ok(()) => Outcome::ok(format!("article {id} will appear on {}\n", paris(at))),
        Err(e) => Outcome::store(&e, &format!("article {id}")),
    })
}

pub fn delete(db: &Path, id: i64) -> Outcome {
    with_store(db, |store| match store.articles().delete(&local_actor("cli"), id) {
        Ok(()) => Outcome::ok(format!("article {id} deleted, with its comments\n")),
        Err(e) => Outcome::store(&e, &format!("article {id}")),
    })
}

fn paris(at: DateTime<Utc>) -> String {
    at.with_timezone(&chrono_tz::Europe::Paris).format("%Y-%m-%d %H:%M %Z").to_string()
}

pub(super) fn with_store(db: &Path, f: impl FnOnce(&Store) -> Outcome) -> Outcome {
    match open_existing(db) {
        Ok(store) => f(&store),
        Err(o) => o,
    }
}
