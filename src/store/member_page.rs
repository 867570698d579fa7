//! Members' public pages and the author's box: the published fields of a profile and what
//! the member wrote in public. Each list reads its own rows from an index by author.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::network::skills_of;
use super::{Result, Store, parse_ts, ts};
use crate::domain::member_page::{AuthoredArticle, AuthoredComment, MemberPage, PAGE_ITEMS, excerpt};
use crate::domain::network::{OpenTo, WorkStatus};
use crate::text::clean::clean_line;

/// Characters of a comment shown on its author's page.
const EXCERPT_CHARS: usize = 120;

impl Store {
    /// The page of the member with this handle (in any case); `None` when nobody has it.
    pub fn member_page(&self, handle: &str, now: DateTime<Utc>) -> Result<Option<MemberPage>> {
        self.read(|c| {
            let id: Option<i64> = c
                .query_row("SELECT id FROM users WHERE handle = ?1", [handle.trim()], |r| r.get(0))
                .optional()?;
            match id {
                Some(id) => page_in(c, id, now),
                None => Ok(None),
            }
        })
    }

    /// The page of member `user_id`; `None` when they have no handle (nobody can name them).
    pub fn member_page_of(&self, user_id: i64, now: DateTime<Utc>) -> Result<Option<MemberPage>> {
        self.read(|c| page_in(c, user_id, now))
    }

    /// The page of the member who signs article `article`, if one does. Every reader of the
    /// article shows the same box: it is read once per change for all of them.
    pub fn author_of(&self, article: i64, now: DateTime<Utc>) -> Result<Option<MemberPage>> {
        let shared = self.inner.authors.get(self, &article, |_| true, || self.read_author(article, now))?;
        Ok((*shared).clone())
    }

    fn read_author(&self, article: i64, now: DateTime<Utc>) -> Result<Option<MemberPage>> {
        self.read(|c| {
            let id: Option<i64> = c
                .query_row("SELECT author_id FROM articles WHERE id = ?1", [article], |r| r.get(0))
                .optional()?
                .flatten();
            match id {
                Some(id) => page_in(c, id, now),
                None => Ok(None),
            }
        })
    }
}

fn page_in(c: &Connection, user_id: i64, now: DateTime<Utc>) -> Result<Option<MemberPage>> {
    // A suspended member's profile leaves every screen at once, as in the directory.
    let found = c
        .query_row(
            "SELECT u.handle, coalesce(p.published, 0) AND NOT u.banned, c.name, c.departement,
                    p.status, coalesce(p.skills, ''), coalesce(p.open_to, ''), coalesce(p.presentation, '')
             FROM users u LEFT JOIN profiles p ON p.user_id = u.id
             LEFT JOIN communes c ON c.insee = p.commune_insee
             WHERE u.id = ?1 AND u.handle IS NOT NULL",
            [user_id],
            |r| {
                let published: bool = r.get(1)?;
                let presentation: String = r.get(7)?;
                Ok(MemberPage {
                    user_id,
                    handle: r.get(0)?,
                    published,
                    commune: if published { r.get(2)? } else { None },
                    departement: if published { r.get(3)? } else { None },
                    status: if published {
                        r.get::<_, Option<String>>(4)?.as_deref().and_then(WorkStatus::parse)
                    } else {
                        None
                    },
                    skills: if published { skills_of(&r.get::<_, String>(5)?) } else { Vec::new() },
                    open_to: if published { OpenTo::parse_list(&r.get::<_, String>(6)?) } else { Vec::new() },
                    presentation: (published && !presentation.trim().is_empty()).then_some(presentation),
                    articles: Vec::new(),
                    comments: Vec::new(),
                })
            },
        )
        .optional()?;
    let Some(mut page) = found else { return Ok(None) };
    let at = ts(now);
    let mut stmt = c.prepare_cached(
        "SELECT id, slug, title, rubrique, published_at FROM articles
         WHERE author_id = ?1 AND status = 'published' AND published_at <= ?2
         ORDER BY published_at DESC, id DESC LIMIT ?3",
    )?;
    page.articles = stmt
        .query_map(params![user_id, at, PAGE_ITEMS as i64], |r| {
            Ok(AuthoredArticle {
                id: r.get(0)?,
                slug: r.get(1)?,
                title: r.get(2)?,
                rubrique: r.get(3)?,
                published_at: parse_ts(&r.get::<_, Option<String>>(4)?.unwrap_or_default()),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // `+c.status`: the author's own comments, newest first, from their index; never a walk
    // over every published comment of the bulletin.
    let mut stmt = c.prepare_cached(
        "SELECT c.id, c.article_id, a.title, c.body, c.created_at
         FROM comments c JOIN articles a ON a.id = c.article_id
         WHERE c.author_id = ?1 AND +c.status = 'published'
           AND a.status = 'published' AND a.published_at <= ?2
         ORDER BY c.created_at DESC, c.id DESC LIMIT ?3",
    )?;
    page.comments = stmt
        .query_map(params![user_id, at, PAGE_ITEMS as i64], |r| {
            Ok(AuthoredComment {
                id: r.get(0)?,
                article_id: r.get(1)?,
                article_title: r.get(2)?,
                excerpt: excerpt(&clean_line(&r.get::<_, String>(3)?), EXCERPT_CHARS),
                created_at: parse_ts(&r.get::<_, String>(4)?),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Some(page))
}

#[cfg(test)]
#[path = "member_page_tests.rs"]
mod tests;
