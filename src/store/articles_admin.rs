//! Articles as the admins handle them: every state, import by slug, publish, schedule,
//! delete. Each action lands with its line in the audit log, in one transaction.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use serde::Serialize;

use super::{Page, Result, StoreError, articles::Articles, audit, page_limit, paged, parse_ts, ts};
use crate::domain::article::{ArticleRow, ArticleState, NewArticle};
use crate::domain::console::Refusal;
use crate::domain::frontmatter::write_article;
use crate::text::clean::{clean_line, clean_text};

/// What an import or a save did to one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Saved {
    Inserted,
    Updated,
    Unchanged,
}

const ROW: &str = "SELECT a.id, a.slug, a.title, a.rubrique, a.author, a.status, a.published_at,
        a.updated_at,
        (SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.status <> 'deleted'),
        a.body
    FROM articles a";

fn row(r: &Row<'_>, now: DateTime<Utc>) -> rusqlite::Result<(ArticleRow, String)> {
    let published_at = parse_ts(&r.get::<_, Option<String>>(6)?.unwrap_or_default());
    let published = r.get::<_, String>(5)? == "published";
    Ok((
        ArticleRow {
            id: r.get(0)?,
            slug: r.get(1)?,
            title: r.get(2)?,
            rubrique: r.get(3)?,
            author: r.get(4)?,
            state: ArticleState::of(published, published_at, now),
            published_at,
            updated_at: parse_ts(&r.get::<_, String>(7)?),
            comments: r.get(8)?,
        },
        r.get(9)?,
    ))
}

fn get_in(c: &Connection, id: i64, now: DateTime<Utc>) -> Result<Option<(ArticleRow, String)>> {
    Ok(c.query_row(&format!("{ROW} WHERE a.id = ?1"), [id], |r| row(r, now)).optional()?)
}

/// The handle of the member who signs article `id`, if one does.
fn signer_in(c: &Connection, id: i64) -> Result<Option<String>> {
    Ok(c.query_row(
        "SELECT u.handle FROM articles a JOIN users u ON u.id = a.author_id WHERE a.id = ?1",
        [id],
        |r| r.get(0),
    )
    .optional()?
    .flatten())
}

/// Article `id` as its file says it (`article import`'s format), or `None`: what the
/// console opens, and what a save compares with the text the console opened.
fn text_in(c: &Connection, id: i64, now: DateTime<Utc>) -> Result<Option<String>> {
    let Some((row, body)) = get_in(c, id, now)? else { return Ok(None) };
    Ok(Some(write_article(&as_new(&row, body, signer_in(c, id)?))))
}

/// The article as its file would say it, to compare an import with what is stored.
fn as_new(row: &ArticleRow, body: String, author_handle: Option<String>) -> NewArticle {
    NewArticle {
        slug: row.slug.clone(),
        title: row.title.clone(),
        rubrique: row.rubrique.clone(),
        author: row.author.clone(),
        author_handle,
        body,
        published: row.state != ArticleState::Draft,
        published_at: row.published_at,
    }
}

/// Admins' text is cleaned on the way in like members': a pasted escape sequence must not
/// reach anyone's terminal.
fn cleaned(a: &NewArticle) -> NewArticle {
    NewArticle {
        title: clean_line(&a.title).trim().to_string(),
        rubrique: clean_line(&a.rubrique).trim().to_string(),
        author: clean_line(&a.author).trim().to_string(),
        body: clean_text(&a.body),
        ..a.clone()
    }
}

fn update_in(tx: &Transaction<'_>, id: i64, a: &NewArticle) -> Result<()> {
    let author_id = super::articles::author_id(tx, a)?;
    tx.execute(
        "UPDATE articles SET slug = ?1, title = ?2, rubrique = ?3, author = ?4, body = ?5, status = ?6,
             published_at = ?7, updated_at = ?8, author_id = ?10
         WHERE id = ?9",
        params![
            a.slug,
            a.title,
            a.rubrique,
            a.author,
            a.body,
            if a.published { "published" } else { "draft" },
            ts(a.published_at),
            ts(Utc::now()),
            id,
            author_id
        ],
    )?;
    Ok(())
}

fn id_of_slug(c: &Connection, slug: &str) -> Result<Option<i64>> {
    Ok(c.query_row("SELECT id FROM articles WHERE slug = ?1", [slug], |r| r.get(0)).optional()?)
}

fn target(id: i64) -> String {
    format!("article {id}")
}

impl Articles<'_> {
    /// Every article, drafts and scheduled ones included, newest first.
    pub fn all(&self, now: DateTime<Utc>) -> Result<Vec<ArticleRow>> {
        self.page(now, None).map(|p| p.rows)
    }

    /// The newest `limit` articles of [`Articles::all`] (`None`: all) and how many in all.
    pub fn page(&self, now: DateTime<Utc>, limit: Option<usize>) -> Result<Page<ArticleRow>> {
        self.store.read(|c| {
            // The page's ids first: the comment counts are then counted for its rows only.
            let mut stmt = c.prepare_cached(&format!(
                "{ROW} JOIN (SELECT id FROM articles ORDER BY published_at DESC, id DESC LIMIT ?1) p
                 ON p.id = a.id ORDER BY a.published_at DESC, a.id DESC"
            ))?;
            let rows = stmt.query_map([page_limit(limit)], |r| row(r, now).map(|(a, _)| a))?;
            let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
            paged(rows, limit, || c.query_row("SELECT count(*) FROM articles", [], |r| r.get(0)))
        })
    }

    /// One article with its Markdown body, whatever its state.
    pub fn get_any(&self, id: i64, now: DateTime<Utc>) -> Result<Option<(ArticleRow, String)>> {
        self.store.read(|c| get_in(c, id, now))
    }

    /// The handle of the member who signs article `id` (`author_handle`), if one does.
    pub fn signer(&self, id: i64) -> Result<Option<String>> {
        self.store.read(|c| signer_in(c, id))
    }

    /// Article `id` as a file, front matter and Markdown, as `article import` reads it.
    pub fn text(&self, id: i64) -> Result<Option<String>> {
        self.store.read(|c| text_in(c, id, Utc::now()))
    }

    /// Adds or updates articles by slug, all in one transaction: a batch of files lands
    /// whole or not at all. Each article comes with whether its file gave a date: without
    /// one, an update keeps the stored date.
    pub fn import(&self, actor: &str, articles: &[(NewArticle, bool)]) -> Result<Vec<(i64, Saved)>> {
        let now = Utc::now();
        self.store.write(|tx| {
            let mut out = Vec::with_capacity(articles.len());
            for (a, dated) in articles {
                let mut a = cleaned(a);
                let saved = match id_of_slug(tx, &a.slug)? {
                    Some(id) => {
                        let stored = match get_in(tx, id, now)? {
                            Some((row, body)) => Some(as_new(&row, body, signer_in(tx, id)?)),
                            None => None,
                        };
                        if let Some(stored) = stored.as_ref().filter(|_| !dated) {
                            a.published_at = stored.published_at;
                        }
                        let a = &a;
                        if stored.as_ref() == Some(a) {
                            (id, Saved::Unchanged)
                        } else {
                            update_in(tx, id, a)?;
                            (id, Saved::Updated)
                        }
                    }
                    None => (super::articles::insert_in(tx, &a)?, Saved::Inserted),
                };
                if saved.1 != Saved::Unchanged {
                    let action = if saved.1 == Saved::Inserted { "article.create" } else { "article.update" };
                    audit::record(tx, actor, action, &target(saved.0), &a.title)?;
                }
                out.push(saved);
            }
            Ok(out)
        })
    }

    /// Saves what the editor gave back: a new article (`id` None), or article `id`, whose slug
    /// may change as long as no other article has it. `base`: the article's text when it
    /// was opened ([`Articles::text`]); when the article no longer has it (changed meanwhile
    /// by an import, another console, a command), nothing is written and the refusal holds
    /// its text now.
    pub fn save(
        &self,
        actor: &str,
        id: Option<i64>,
        a: &NewArticle,
        base: Option<&str>,
    ) -> Result<(i64, Saved)> {
        let now = Utc::now();
        let a = &cleaned(a);
        self.store.write(|tx| {
            if let (Some(id), Some(base)) = (id, base) {
                let current = text_in(tx, id, now)?.ok_or(StoreError::NotFound)?;
                if current != base {
                    return Err(Refusal::Changed(current).into());
                }
            }
            if let Some(other) = id_of_slug(tx, &a.slug)?
                && Some(other) != id
            {
                return Err(Refusal::SlugTaken { slug: a.slug.clone(), by: other }.into());
            }
            let saved = match id {
                None => (super::articles::insert_in(tx, a)?, Saved::Inserted),
                Some(id) => {
                    let stored = get_in(tx, id, now)?.ok_or(StoreError::NotFound)?;
                    if as_new(&stored.0, stored.1, signer_in(tx, id)?) == *a {
                        return Ok((id, Saved::Unchanged));
                    }
                    update_in(tx, id, a)?;
                    (id, Saved::Updated)
                }
            };
            let action = if saved.1 == Saved::Inserted { "article.create" } else { "article.update" };
            audit::record(tx, actor, action, &target(saved.0), &a.title)?;
            Ok(saved)
        })
    }

    /// Publishes now: the article comes out at the top of the list. An article already out
    /// keeps its date.
    pub fn publish(&self, actor: &str, id: i64, now: DateTime<Utc>) -> Result<ArticleState> {
        self.store.write(|tx| {
            let (row, _) = get_in(tx, id, now)?.ok_or(StoreError::NotFound)?;
            if row.state != ArticleState::Published {
                tx.execute(
                    "UPDATE articles SET status = 'published', published_at = ?1, updated_at = ?1 WHERE id = ?2",
                    params![ts(now), id],
                )?;
                audit::record(tx, actor, "article.publish", &target(id), &row.title)?;
            }
            Ok(row.state)
        })
    }

    /// Publishes at `at`, a date to come: the article appears by itself then.
    pub fn schedule(&self, actor: &str, id: i64, at: DateTime<Utc>) -> Result<()> {
        self.store.write(|tx| {
            let (row, _) = get_in(tx, id, Utc::now())?.ok_or(StoreError::NotFound)?;
            tx.execute(
                "UPDATE articles SET status = 'published', published_at = ?1, updated_at = ?2 WHERE id = ?3",
                params![ts(at), ts(Utc::now()), id],
            )?;
            audit::record(tx, actor, "article.schedule", &target(id), &format!("{} · {}", row.title, ts(at)))
        })
    }

    /// Takes an article back to draft: members no longer see it; its comments stay.
    pub fn unpublish(&self, actor: &str, id: i64) -> Result<ArticleState> {
        self.store.write(|tx| {
            let (row, _) = get_in(tx, id, Utc::now())?.ok_or(StoreError::NotFound)?;
            if row.state != ArticleState::Draft {
                tx.execute(
                    "UPDATE articles SET status = 'draft', updated_at = ?1 WHERE id = ?2",
                    params![ts(Utc::now()), id],
                )?;
                audit::record(tx, actor, "article.unpublish", &target(id), &row.title)?;
            }
            Ok(row.state)
        })
    }

    /// Deletes an article with its comments and read marks.
    pub fn delete(&self, actor: &str, id: i64) -> Result<()> {
        self.store.write(|tx| {
            let (row, _) = get_in(tx, id, Utc::now())?.ok_or(StoreError::NotFound)?;
            tx.execute("DELETE FROM articles WHERE id = ?1", [id])?;
            audit::record(tx, actor, "article.delete", &target(id), &row.title)
        })
    }
}
