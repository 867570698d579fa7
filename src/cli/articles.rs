//! `cedille article import FILE.md…`, `article list [--limit N] [--json]`, `article publish|unpublish|
//! delete ID`, `article schedule ID DATE`.

use std::path::{Path, PathBuf};

use chrono::Utc;

use super::{Limit, Outcome, left_out, open_existing};
use crate::domain::article::{ArticleState, NewArticle};
use crate::domain::frontmatter::{line_of_key, parse_article_dated, parse_date};
use crate::i18n::{Change, Lang, Listing, Subject};
use crate::store::{Saved, Store, local_actor};

/// Imports Markdown files with front matter, by slug: all of them, or none when one is
/// wrong (each wrong file is named, with the line and field at fault).
pub fn import(db: &Path, files: &[PathBuf]) -> Outcome {
    let lang = super::lang();
    let now = Utc::now();
    let mut articles = Vec::new();
    let mut errors = String::new();
    let mut unreadable = false;
    let in_file = |file: &Path, why: &str| lang.cli_line(&lang.in_file(&file.display().to_string(), why));
    for file in files {
        let text = match std::fs::read(file) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(_) => {
                    errors.push_str(&in_file(file, lang.not_utf8()));
                    continue;
                }
            },
            Err(e) => {
                let why = lang.cannot_read(&file.display().to_string(), &lang.io_problem(&e));
                errors.push_str(&lang.cli_line(&why));
                unreadable = true;
                continue;
            }
        };
        match parse_article_dated(&text, now) {
            Ok(a) => {
                let line = line_of_key(&text, "author_handle").unwrap_or(0);
                articles.push((file, a, line));
            }
            Err(e) => errors.push_str(&in_file(file, &lang.front_matter_problem(&e))),
        }
    }
    for (i, (file, a, _)) in articles.iter().enumerate() {
        if let Some((other, _, _)) = articles[..i].iter().find(|(_, (b, _), _)| b.slug == a.0.slug) {
            errors.push_str(&in_file(file, &lang.same_slug(&a.0.slug, &other.display().to_string())));
        }
    }
    if !errors.is_empty() {
        errors.push_str(&lang.cli_line(lang.nothing_imported()));
        // A file that cannot be read is the machine's trouble (2); one that does not parse,
        // the input's (1).
        let status = if unreadable { 2 } else { 1 };
        return Outcome { stderr: errors, status, ..Outcome::default() };
    }
    let store = match open_existing(lang, db) {
        Ok(s) => s,
        Err(refusal) => return refusal,
    };
    if let Some(refused) = unknown_authors(lang, &store, &articles) {
        return refused;
    }
    let batch: Vec<_> = articles.iter().map(|(_, a, _)| a.clone()).collect();
    match store.articles().import(&local_actor("cli"), &batch) {
        Ok(saved) => {
            let mut out = String::new();
            for ((file, a, _), (id, what)) in articles.iter().zip(saved) {
                let change = match what {
                    Saved::Inserted => Change::Inserted,
                    Saved::Updated => Change::Updated,
                    Saved::Unchanged => Change::Unchanged,
                };
                out.push_str(&lang.article_imported(&file.display().to_string(), id, change, &a.0.slug));
            }
            Outcome::ok(out)
        }
        Err(e) => {
            let mut o = Outcome::store_failed(lang, &e);
            o.stderr.push_str(&lang.cli_line(lang.nothing_imported()));
            o
        }
    }
}

/// Each `author_handle` that no member has, named with its file and line; `None` when every
/// signer exists. The store refuses them too, in its transaction: this says where.
fn unknown_authors(
    lang: Lang,
    store: &Store,
    articles: &[(&PathBuf, (NewArticle, bool), usize)],
) -> Option<Outcome> {
    let mut errors = String::new();
    for (file, (a, _), line) in articles {
        let Some(handle) = &a.author_handle else { continue };
        match store.users().handle_exists(handle) {
            Ok(true) => {}
            Ok(false) => {
                errors.push_str(&lang.cli_line(
                    &lang.in_file(&file.display().to_string(), &lang.unknown_author(*line, handle)),
                ))
            }
            Err(e) => return Some(Outcome::store_failed(lang, &e)),
        }
    }
    if errors.is_empty() {
        return None;
    }
    errors.push_str(&lang.cli_line(lang.nothing_imported()));
    Some(Outcome { stderr: errors, status: 1, ..Outcome::default() })
}

/// Articles, drafts and scheduled ones included, newest first: at most `limit`.
pub fn list(db: &Path, json: bool, limit: Limit) -> Outcome {
    with_store(db, |lang, store| {
        let page = match store.articles().page(Utc::now(), limit.0) {
            Ok(p) => p,
            Err(e) => return Outcome::store_failed(lang, &e),
        };
        let rows = &page.rows;
        let mut out = String::new();
        for a in rows {
            if json {
                out.push_str(&serde_json::json!(a).to_string());
            } else {
                let date = a.published_at.with_timezone(&chrono_tz::Europe::Paris).format("%Y-%m-%d %H:%M");
                out.push_str(&format!(
                    "{:>4}  {:<9}  {date}  {}  {}",
                    a.id,
                    lang.article_state(a.state),
                    a.title,
                    lang.slug_and_comments(&a.slug, a.comments)
                ));
            }
            out.push('\n');
        }
        if rows.is_empty() && !json {
            out.push_str(lang.empty_listing(Listing::Articles));
        }
        Outcome { stdout: out, stderr: left_out(lang, &page, Listing::Articles), status: 0 }
    })
}

pub fn publish(db: &Path, id: i64) -> Outcome {
    with_store(db, |lang, store| match store.articles().publish(&local_actor("cli"), id, Utc::now()) {
        Ok(old) => Outcome::ok(lang.article_published(id, old == ArticleState::Published)),
        Err(e) => Outcome::store(lang, &e, Subject::Article(id)),
    })
}

pub fn unpublish(db: &Path, id: i64) -> Outcome {
    with_store(db, |lang, store| match store.articles().unpublish(&local_actor("cli"), id) {
        Ok(old) => Outcome::ok(lang.article_unpublished(id, old == ArticleState::Draft)),
        Err(e) => Outcome::store(lang, &e, Subject::Article(id)),
    })
}

/// Publishes at a date to come (`2026-12-01T09:00:00+01:00`, or a day: 9 h, Paris time).
pub fn schedule(db: &Path, id: i64, date: &str) -> Outcome {
    let lang = super::lang();
    let Some(at) = parse_date(date) else {
        return Outcome::refused(lang, &lang.not_a_date(date));
    };
    if at <= Utc::now() {
        return Outcome::refused(lang, &lang.date_is_past(date, id));
    }
    with_store(db, |lang, store| match store.articles().schedule(&local_actor("cli"), id, at) {
        Ok(()) => Outcome::ok(lang.article_scheduled(id, at)),
        Err(e) => Outcome::store(lang, &e, Subject::Article(id)),
    })
}

pub fn delete(db: &Path, id: i64) -> Outcome {
    with_store(db, |lang, store| match store.articles().delete(&local_actor("cli"), id) {
        Ok(()) => Outcome::ok(lang.article_deleted(id)),
        Err(e) => Outcome::store(lang, &e, Subject::Article(id)),
    })
}

/// Runs `f` on the database, in the language of the environment; the refusal of a missing
/// or unusable database otherwise.
pub(super) fn with_store(db: &Path, f: impl FnOnce(Lang, &Store) -> Outcome) -> Outcome {
    let lang = super::lang();
    match open_existing(lang, db) {
        Ok(store) => f(lang, &store),
        Err(o) => o,
    }
}
