//! Searching the bulletin: published articles and the comments a viewer may see, by words,
//! best match first.
//!
//! Two full-text indexes (migration 0010) with the directory's folding: the same tokenizer,
//! the same œ/æ rule, the same reading of what was typed ([`match_expression`]). A first
//! pass ranks the matches from the indexes and the few columns visibility needs; only the
//! page shown is then read in full, with its excerpt.

use chrono::{DateTime, Utc};
use std::collections::HashMap;

use rusqlite::{Connection, Row, params};

use super::spaces::match_expression;
use super::{Result, Store, parse_ts, ts};
use crate::domain::search::{HitKind, MARK_END, MARK_START, SearchHit, SearchQuery, marked_excerpt};
use crate::text::clean::clean_line;

pub struct Search<'s> {
    pub(super) store: &'s Store,
}

/// Who searches, as far as what they may find goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seer {
    /// Their pending comments are found by them.
    pub user: Option<i64>,
    /// Moderators and the console find hidden and pending comments too.
    pub moderator: bool,
}

/// Words of context an excerpt holds around the match.
const EXCERPT_WORDS: i64 = 14;

/// The ranking pass: every match's kind, ids, score and date, for the visible ones only.
/// The title weighs more than the body. `CROSS JOIN` keeps SQLite reading from the index
/// to the rows, never the other way; the articles a comment may be under are one small set
/// built once per query.
const RANKED: &str = "
SELECT kind, article_id, comment_id FROM (
    SELECT 0 AS kind, a.id AS article_id, NULL AS comment_id,
           bm25(bulletin_articles_fts, 4.0, 1.0) AS score, a.published_at AS at
    FROM bulletin_articles_fts f CROSS JOIN articles a ON a.id = f.rowid
    WHERE bulletin_articles_fts MATCH ?1
      AND a.status = 'published' AND a.published_at <= ?2 AND (?3 IS NULL OR a.rubrique = ?3)
    UNION ALL
    SELECT 1, c.article_id, c.id, bm25(bulletin_comments_fts), c.created_at
    FROM bulletin_comments_fts f CROSS JOIN comments c ON c.id = f.rowid
    WHERE bulletin_comments_fts MATCH ?1
      AND (c.status = 'published'
           OR (c.status = 'pending' AND (?4 OR c.author_id = ?5))
           OR (c.status = 'hidden' AND ?4))
      AND c.article_id IN (SELECT id FROM articles
                           WHERE status = 'published' AND published_at <= ?2
                             AND (?3 IS NULL OR rubrique = ?3))
)
ORDER BY score, at DESC, article_id DESC, comment_id DESC
LIMIT ?6";

impl Search<'_> {
    /// The first `limit` hits for `q` that `seer` may see at `now`: published articles whose
    /// date has come, and their comments — published ones, pending ones to their author and
    /// to moderators, hidden ones to moderators; deleted ones are not in the index at all.
    /// Ranked by relevance (bm25), the most recent first on a tie. Words too short to search
    /// (one letter) find nothing.
    pub fn bulletin(
        &self,
        q: &SearchQuery,
        seer: Seer,
        now: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<SearchHit>> {
        let Some(fts) = match_expression(&q.words) else {
            return Ok(Vec::new());
        };
        let rubrique = q.rubrique.as_deref().filter(|r| !r.is_empty());
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.store.read(|c| {
            let mut stmt = c.prepare_cached(RANKED)?;
            let ranked = stmt
                .query_map(params![fts, ts(now), rubrique, seer.moderator, seer.user, limit], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, Option<i64>>(2)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let articles: Vec<i64> = ranked.iter().filter(|r| r.0 == 0).map(|r| r.1).collect();
            let comments: Vec<i64> = ranked.iter().filter_map(|r| r.2.filter(|_| r.0 == 1)).collect();
            let mut found = page(c, ARTICLE_PAGE, &fts, &articles, article_hit)?;
            found.extend(page(c, COMMENT_PAGE, &fts, &comments, comment_hit)?);
            // In the ranked order; a row gone between the two reads is simply left out.
            Ok(ranked.iter().filter_map(|&(_, article, comment)| found.remove(&(article, comment))).collect())
        })
    }
}

/// The page's articles in full, by id. Excerpts are cut with the index's own matches; one
/// statement for the whole page, because each full-text lookup merges the doclists of every
/// word a prefix stands for again (`cr*` is thousands of rows): once, not once a row. The
/// rowid range lets the index do that walk once; the list then keeps the page's rows alone.
const ARTICLE_PAGE: &str = "
SELECT a.id, a.title, a.rubrique, a.published_at, snippet(bulletin_articles_fts, 1, ?2, ?3, '…', ?4)
FROM bulletin_articles_fts f CROSS JOIN articles a ON a.id = f.rowid
WHERE bulletin_articles_fts MATCH ?1 AND f.rowid >= ?5 AND f.rowid <= ?6
  AND +f.rowid IN (SELECT value FROM json_each(?7))";

/// The page's comments in full, by id, as [`ARTICLE_PAGE`].
const COMMENT_PAGE: &str = "
SELECT c.id, c.article_id, a.title, a.rubrique, c.created_at, coalesce(u.handle, ''),
       snippet(bulletin_comments_fts, 0, ?2, ?3, '…', ?4)
FROM bulletin_comments_fts f CROSS JOIN comments c ON c.id = f.rowid
     JOIN articles a ON a.id = c.article_id LEFT JOIN users u ON u.id = c.author_id
WHERE bulletin_comments_fts MATCH ?1 AND f.rowid >= ?5 AND f.rowid <= ?6
  AND +f.rowid IN (SELECT value FROM json_each(?7))";

/// A hit by its article and comment ids.
type ById = HashMap<(i64, Option<i64>), SearchHit>;

/// The rows `ids` of a `*_PAGE` statement, read with `row`.
fn page(
    c: &Connection,
    sql: &str,
    fts: &str,
    ids: &[i64],
    row: fn(&Row<'_>) -> rusqlite::Result<SearchHit>,
) -> rusqlite::Result<ById> {
    let (Some(min), Some(max)) = (ids.iter().min(), ids.iter().max()) else {
        return Ok(HashMap::new());
    };
    let list = format!("[{}]", ids.iter().map(i64::to_string).collect::<Vec<_>>().join(","));
    let (start, end) = (MARK_START.to_string(), MARK_END.to_string());
    let mut stmt = c.prepare_cached(sql)?;
    let rows = stmt.query_map(params![fts, start, end, EXCERPT_WORDS, min, max, list], row)?;
    rows.map(|hit| hit.map(|h| ((h.article_id, h.comment_id), h))).collect()
}

fn article_hit(r: &Row<'_>) -> rusqlite::Result<SearchHit> {
    let (excerpt, marks) = marked_excerpt(&r.get::<_, String>(4)?);
    Ok(SearchHit {
        kind: HitKind::Article,
        article_id: r.get(0)?,
        comment_id: None,
        title: clean_line(&r.get::<_, String>(1)?),
        excerpt,
        published_at: parse_ts(&r.get::<_, Option<String>>(3)?.unwrap_or_default()),
        rubrique: clean_line(&r.get::<_, String>(2)?),
        author: String::new(),
        marks,
    })
}

fn comment_hit(r: &Row<'_>) -> rusqlite::Result<SearchHit> {
    let (excerpt, marks) = marked_excerpt(&r.get::<_, String>(6)?);
    Ok(SearchHit {
        kind: HitKind::Comment,
        article_id: r.get(1)?,
        comment_id: Some(r.get(0)?),
        title: clean_line(&r.get::<_, String>(2)?),
        excerpt,
        published_at: parse_ts(&r.get::<_, String>(4)?),
        rubrique: clean_line(&r.get::<_, String>(3)?),
        author: clean_line(&r.get::<_, String>(5)?),
        marks,
    })
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
