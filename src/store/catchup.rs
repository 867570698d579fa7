//! « Since your last visit »: what a member missed, for the first screen after they log in.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::articles::{SUMMARY, summary};
use super::comments::{FIELDS, FROM, comment_row, display_depth};
use super::{Result, Store, ts};
use crate::domain::catchup::CatchUp;

impl Store {
    /// What `user_id` missed since `since` (their previous visit), up to now.
    pub fn catch_up(&self, user_id: i64, since: DateTime<Utc>) -> Result<CatchUp> {
        self.catch_up_at(user_id, since, Utc::now())
    }

    /// [`Store::catch_up`] with the present given, for tests.
    pub fn catch_up_at(&self, user_id: i64, since: DateTime<Utc>, now: DateTime<Utc>) -> Result<CatchUp> {
        let agenda = self.agenda_news(user_id, since, now)?;
        self.read(|c| {
            let sql = format!(
                "{SUMMARY} WHERE a.status = 'published' AND a.published_at > ?2 AND a.published_at <= ?3
                 ORDER BY a.published_at DESC, a.id DESC"
            );
            let mut stmt = c.prepare_cached(&sql)?;
            let new_articles = stmt
                .query_map(params![user_id, ts(since), ts(now)], summary)?
                .collect::<rusqlite::Result<Vec<_>>>()?;

            let sql = format!(
                "SELECT {FIELDS}, a.title {FROM}
                 JOIN comments p ON p.id = c.parent_id JOIN articles a ON a.id = c.article_id
                 WHERE p.author_id = ?1 AND c.author_id <> ?1 AND c.status = 'published'
                   AND c.created_at > ?2 AND c.created_at <= ?3
                 ORDER BY c.created_at, c.id"
            );
            let mut stmt = c.prepare_cached(&sql)?;
            let rows = stmt
                .query_map(params![user_id, ts(since), ts(now)], |r| {
                    Ok((r.get::<_, String>(9)?, comment_row(r)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut replies = Vec::with_capacity(rows.len());
            for (title, mut comment) in rows {
                comment.depth = display_depth(c, comment.parent_id)?;
                replies.push((comment, title));
            }

            let mut stmt = c.prepare_cached(
                "SELECT a.id, a.title, count(*) FROM comments c JOIN articles a ON a.id = c.article_id
                 WHERE c.status = 'published' AND c.author_id <> ?1
                   AND c.created_at > ?2 AND c.created_at <= ?3
                   AND a.id IN (SELECT article_id FROM comments WHERE author_id = ?1 AND status <> 'deleted')
                 GROUP BY a.id ORDER BY count(*) DESC, max(c.created_at) DESC",
            )?;
            let active = stmt
                .query_map(params![user_id, ts(since), ts(now)], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(CatchUp { new_articles, replies, active, agenda, messages: Vec::new() })
        })
        .and_then(|mut c| {
            c.messages = self.messages().unread_by_sender(user_id)?;
            Ok(c)
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;
    use crate::domain::comment::{CommentPolicy, Moderation};
    use crate::domain::frontmatter::parse_article;

    #[test]
    fn what_a_member_missed() {
        let dir = tempfile::tempdir().unwrap();
        let (s, _) = Store::open(&dir.path().join("c.db")).unwrap();
        let t0 = Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap();
        let at = |m: i64| t0 + Duration::minutes(m);
        let p = CommentPolicy { moderation: Moderation::None, ..CommentPolicy::default() };
        let member = |h: &str| {
            let id = s.users().for_key(&format!("SHA256:{h}"), "ssh-ed25519").unwrap().user_id;
            s.users().set_handle(id, h).unwrap();
            id
        };
        let (me, other, third) = (member("camille"), member("dominique"), member("sacha"));
        let mine = s.comments().post(me, 1, None, "ma question", &p, at(0)).unwrap();
        s.comments().post(me, 2, None, "sur l'autre", &p, at(1)).unwrap();
        let since = at(10);
        // (The demo meetups, approved when the database was made, are the agenda's business.)
        let quiet = s.catch_up_at(me, since, at(11)).unwrap();
        assert!(quiet.new_articles.is_empty() && quiet.replies.is_empty() && quiet.active.is_empty());

        let reply = s.comments().post(other, 1, Some(mine.id), "ma réponse", &p, at(20)).unwrap();
        s.comments().post(third, 1, None, "à côté", &p, at(21)).unwrap();
        s.comments().post(third, 2, None, "ailleurs", &p, at(22)).unwrap();
        // Not counted: pending, my own, an article I did not comment on, before `since`.
        let spam = "http://a http://b http://c";
        s.comments().post(other, 2, None, spam, &p, at(30)).unwrap();
        s.comments().post(me, 1, Some(reply.id), "merci", &p, at(31)).unwrap();
        s.comments().post(other, 3, None, "hors sujet", &p, at(32)).unwrap();
        let mut article = parse_article("---\ntitle: Nouveau\n---\nTexte.\n", at(15)).unwrap();
        article.slug = "nouveau".into();
        let new_id = s.articles().insert(&article).unwrap();
        article.slug = "futur".into();
        article.published_at = at(120);
        s.articles().insert(&article).unwrap();

        let got = s.catch_up_at(me, since, at(60)).unwrap();
        assert!(!got.is_empty());
        assert_eq!(got.new_articles.iter().map(|a| a.id).collect::<Vec<_>>(), vec![new_id]);
        assert_eq!(got.replies.len(), 1);
        assert_eq!(got.replies[0].0.id, reply.id);
        assert_eq!(got.replies[0].0.depth, 1);
        assert_eq!(
            got.replies[0].1,
            s.articles().get_published("1", None, at(60)).unwrap().unwrap().summary.title
        );
        let active: Vec<(i64, i64)> = got.active.iter().map(|(id, _, n)| (*id, *n)).collect();
        assert_eq!(active, vec![(1, 2), (2, 1)]);
    }
}
