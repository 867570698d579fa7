//! « Since your last visit »: what is new for a member, one item a line, for the first
//! screen after they log in and for `news` without a pty. Nothing the member already saw:
//! the threads count from their reading marks, the notices they reached are left out.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::{Result, Store, parse_ts, ts};
use crate::domain::catchup::{CatchUp, NewsItem, NewsKind, excerpt};
use crate::domain::event::{Event, Rsvp};
use crate::domain::follow::{Notice, NoticeKind};
use crate::text::clean::clean_line;

/// Characters of an excerpt.
const EXCERPT: usize = 100;

impl Store {
    /// What is new for `user` since `since` (their previous visit), up to now.
    pub fn catch_up(&self, user_id: i64, since: DateTime<Utc>) -> Result<CatchUp> {
        self.catch_up_at(user_id, since, Utc::now())
    }

    /// [`Store::catch_up`] with the present given, for tests.
    pub fn catch_up_at(&self, user_id: i64, since: DateTime<Utc>, now: DateTime<Utc>) -> Result<CatchUp> {
        let notices = self.follow().unseen(user_id)?;
        let agenda = self.agenda_news(user_id, since, now)?;
        let mut items = self.read(|c| {
            let mut groups = thread_groups(&notices);
            threads_active(c, user_id, &mut groups)?;
            let mut groups: Vec<Vec<NewsItem>> = groups.into_values().collect();
            // The most recent article first; within one, in the order of `NewsKind`.
            groups.sort_by_key(|g| std::cmp::Reverse(g.iter().map(|i| i.at).max()));
            let mut items: Vec<NewsItem> = groups.into_iter().flatten().collect();
            items.extend(new_articles(c, user_id, since, now)?);
            Ok(items)
        })?;
        let places = notices.iter().filter(|n| n.kind == NoticeKind::Place);
        for n in places {
            let mut item = NewsItem::new(NewsKind::Place, clean_line(&n.title), n.created_at);
            item.event_id = n.event_id;
            item.starts_at = n.starts_at;
            item.notices.push(n.id);
            items.push(item);
        }
        let listed = |items: &[NewsItem], e: &Event| items.iter().any(|i| i.event_id == Some(e.id));
        for (kind, events) in [
            (NewsKind::Soon, &agenda.soon),
            (NewsKind::Cancelled, &agenda.cancelled),
            (NewsKind::Meetup, &agenda.new_events),
        ] {
            for e in events {
                if !listed(&items, e) && (kind != NewsKind::Meetup || e.mine == Rsvp::No) {
                    items.push(meetup(kind, e));
                }
            }
        }
        items.extend(self.read(|c| messages(c, user_id))?);
        Ok(CatchUp { items })
    }
}

fn meetup(kind: NewsKind, e: &Event) -> NewsItem {
    let mut item = NewsItem::new(kind, clean_line(&e.title), e.starts_at);
    item.event_id = Some(e.id);
    item.starts_at = Some(e.starts_at);
    item.excerpt = clean_line(&e.place.commune);
    item
}

/// The notices about comments, one item per article and kind: « 3 réponses de membre2 et
/// membre3 », opening at the first of them.
fn thread_groups(notices: &[Notice]) -> HashMap<i64, Vec<NewsItem>> {
    let mut groups: HashMap<i64, Vec<NewsItem>> = HashMap::new();
    for n in notices {
        let kind = match n.kind {
            NoticeKind::Reply => NewsKind::Reply,
            NoticeKind::Mention => NewsKind::Mention,
            NoticeKind::Published => NewsKind::Published,
            NoticeKind::Place => continue,
        };
        let Some(article) = n.article_id else { continue };
        let group = groups.entry(article).or_default();
        let at = match group.iter().position(|i| i.kind == kind) {
            Some(at) => {
                group[at].count += 1;
                group[at].at = group[at].at.max(n.created_at);
                at
            }
            None => {
                let mut item = NewsItem::new(kind, clean_line(&n.title), n.created_at);
                item.article_id = Some(article);
                item.comment_id = n.comment_id;
                item.excerpt = excerpt(&clean_line(&n.excerpt), EXCERPT);
                group.push(item);
                group.sort_by_key(|i| i.kind as u8);
                group.iter().position(|i| i.kind == kind).unwrap_or(0)
            }
        };
        let Some(item) = group.get_mut(at) else { continue };
        item.notices.push(n.id);
        let actor = clean_line(&n.actor);
        if !actor.is_empty() && !item.authors.contains(&actor) {
            item.authors.push(actor);
        }
    }
    groups
}

/// The other new comments of the threads where `user` wrote, past their mark: one item per
/// article, less those its notices already stand for. Those of members `user` blocked are
/// no news to them.
fn threads_active(c: &Connection, user: i64, groups: &mut HashMap<i64, Vec<NewsItem>>) -> Result<()> {
    let mut stmt = c.prepare_cached(
        "SELECT r.article_id, a.title, count(*), min(c.id), max(c.created_at), group_concat(DISTINCT u.handle)
         FROM reads r
         JOIN articles a ON a.id = r.article_id
         JOIN comments c ON c.article_id = r.article_id AND c.id > r.seen_comment_id
                        AND +c.status = 'published' AND c.author_id <> ?1
                        AND c.author_id NOT IN (SELECT blocked_id FROM blocks WHERE blocker_id = ?1)
         LEFT JOIN users u ON u.id = c.author_id
         WHERE r.user_id = ?1
           AND EXISTS (SELECT 1 FROM comments m WHERE m.author_id = ?1 AND m.article_id = r.article_id
                       AND m.status <> 'deleted')
         GROUP BY r.article_id",
    )?;
    let rows = stmt
        .query_map([user], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (article, title, count, first, at, authors) in rows {
        let group = groups.entry(article).or_default();
        let told: i64 = group.iter().filter(|i| i.kind != NewsKind::Published).map(|i| i.count).sum();
        if count <= told {
            continue;
        }
        let mut item = NewsItem::new(NewsKind::Comments, clean_line(&title), parse_ts(&at));
        item.count = count - told;
        item.article_id = Some(article);
        item.comment_id = Some(first);
        item.authors =
            authors.unwrap_or_default().split(',').map(clean_line).filter(|h| !h.is_empty()).collect();
        let body: Option<String> =
            c.query_row("SELECT body FROM comments WHERE id = ?1", [first], |r| r.get(0)).optional()?;
        item.excerpt = excerpt(&clean_line(&body.unwrap_or_default()), EXCERPT);
        group.push(item);
    }
    Ok(())
}

/// Articles published since `since` that `user` has not opened, newest first.
fn new_articles(
    c: &Connection,
    user: i64,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Vec<NewsItem>> {
    let mut stmt = c.prepare_cached(
        "SELECT a.id, a.title, a.published_at, substr(a.body, 1, 400) FROM articles a
         WHERE a.status = 'published' AND a.published_at > ?2 AND a.published_at <= ?3
           AND NOT EXISTS (SELECT 1 FROM reads r WHERE r.user_id = ?1 AND r.article_id = a.id)
         ORDER BY a.published_at DESC, a.id DESC LIMIT 50",
    )?;
    let rows = stmt.query_map(params![user, ts(since), ts(now)], |r| {
        let mut item = NewsItem::new(
            NewsKind::Article,
            clean_line(&r.get::<_, String>(1)?),
            parse_ts(&r.get::<_, String>(2)?),
        );
        item.article_id = Some(r.get(0)?);
        item.excerpt = excerpt(&clean_line(&r.get::<_, String>(3)?), EXCERPT);
        Ok(item)
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Unread messages, one item per sender, the most recent first.
fn messages(c: &Connection, user: i64) -> Result<Vec<NewsItem>> {
    let mut stmt = c.prepare_cached(
        "SELECT m.sender_id, coalesce(u.handle, ''), count(*), max(m.id) FROM messages m
         LEFT JOIN users u ON u.id = m.sender_id
         WHERE m.recipient_id = ?1 AND m.read_at IS NULL AND NOT m.withheld
         GROUP BY m.sender_id ORDER BY max(m.id) DESC",
    )?;
    let rows = stmt
        .query_map([user], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get::<_, i64>(3)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut items = Vec::with_capacity(rows.len());
    for (sender, handle, count, last) in rows {
        let (body, at): (String, String) =
            c.query_row("SELECT body, created_at FROM messages WHERE id = ?1", [last], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        let handle = clean_line(&handle);
        let mut item = NewsItem::new(NewsKind::Messages, handle.clone(), parse_ts(&at));
        item.count = count;
        item.member_id = Some(sender);
        item.authors = vec![handle];
        item.excerpt = excerpt(&clean_line(&body), EXCERPT);
        items.push(item);
    }
    Ok(items)
}

#[cfg(test)]
#[path = "catchup_tests.rs"]
mod tests;
