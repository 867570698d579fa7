//! Tests of reading marks and notices: counts past a mark, notices written with the write
//! that causes them, mentions, nobody notified of their own words.
use chrono::{Duration, TimeZone};

use super::*;
use crate::domain::comment::{CommentPolicy, CommentStatus, Moderation};
use crate::domain::event::parse_proposal;

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(&dir.path().join("c.db")).unwrap();
    (dir, store)
}

fn at(m: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap() + Duration::minutes(m)
}

fn member(s: &Store, handle: &str) -> i64 {
    let id = s.users().for_key(&format!("SHA256:{handle}"), "ssh-ed25519").unwrap().user_id;
    s.users().set_handle(id, handle).unwrap();
    id
}

fn open() -> CommentPolicy {
    CommentPolicy { moderation: Moderation::None, min_interval_secs: 0, ..CommentPolicy::default() }
}

fn kinds(s: &Store, user: i64) -> Vec<(NoticeKind, Option<i64>)> {
    s.follow().unseen(user).unwrap().into_iter().map(|n| (n.kind, n.comment_id)).collect()
}

fn mark_of(s: &Store, user: i64, article: i64) -> Option<ThreadMark> {
    s.follow().marks(user).unwrap().into_iter().find(|m| m.article_id == article)
}

#[test]
fn the_list_counts_only_comments_of_others_past_the_mark() {
    let (_d, s) = store();
    let (me, other) = (member(&s, "camille"), member(&s, "dominique"));
    let before = s.comments().for_article(1, None, false).unwrap().iter().map(|c| c.id).max().unwrap_or(0);
    s.articles().mark_read(me, 1, at(0)).unwrap();
    s.follow().mark_seen(me, 1, before, at(0)).unwrap();
    assert_eq!(mark_of(&s, me, 1).map(|m| m.new), Some(0));
    let first = s.comments().post(other, 1, None, "un", &open(), at(1)).unwrap();
    s.comments().post(other, 1, None, "deux", &open(), at(2)).unwrap();
    s.comments().post(me, 1, None, "le mien", &open(), at(3)).unwrap();
    s.comments().post(other, 2, None, "ailleurs", &open(), at(4)).unwrap();
    assert_eq!(mark_of(&s, me, 1).map(|m| m.new), Some(2));
    s.follow().mark_seen(me, 1, first.id, at(5)).unwrap();
    assert_eq!(mark_of(&s, me, 1), Some(ThreadMark { article_id: 1, seen: first.id, new: 1 }));
    // A mark never goes back (an older answer arriving late).
    s.follow().mark_seen(me, 1, before, at(6)).unwrap();
    assert_eq!(mark_of(&s, me, 1).map(|m| m.seen), Some(first.id));
    // Articles never opened have no mark: the article itself is new.
    assert_eq!(mark_of(&s, me, 2), None);
}

#[test]
fn the_members_counts_are_one_indexed_query() {
    let (_d, s) = store();
    let plan: Vec<String> = s
        .read(|c| {
            let mut stmt = c.prepare(
                "EXPLAIN QUERY PLAN SELECT r.article_id, r.seen_comment_id,
                        (SELECT count(*) FROM comments c
                          WHERE c.article_id = r.article_id AND c.id > r.seen_comment_id
                            AND +c.status = 'published' AND c.author_id <> ?1)
                 FROM reads r WHERE r.user_id = ?1 ORDER BY r.article_id",
            )?;
            Ok(stmt.query_map([1], |r| r.get::<_, String>(3))?.collect::<rusqlite::Result<Vec<_>>>()?)
        })
        .unwrap();
    let plan = plan.join("\n");
    assert!(plan.contains("comments_by_article_id (article_id=? AND id>?)"), "{plan}");
    assert!(!plan.contains("SCAN r") && !plan.contains("SCAN c"), "{plan}");
}

#[test]
fn a_reply_notifies_its_parent_in_the_same_transaction() {
    let (d, s) = store();
    let (me, other) = (member(&s, "camille"), member(&s, "dominique"));
    let mine = s.comments().post(me, 1, None, "ma question", &open(), at(0)).unwrap();
    let reply = s.comments().post(other, 1, Some(mine.id), "ma réponse", &open(), at(1)).unwrap();
    let notices = s.follow().unseen(me).unwrap();
    assert_eq!(notices.len(), 1);
    let n = &notices[0];
    assert_eq!(
        (n.kind, n.actor.as_str(), n.comment_id, n.article_id),
        (NoticeKind::Reply, "dominique", Some(reply.id), Some(1))
    );
    assert_eq!(n.excerpt, "ma réponse");
    // Answering oneself notifies nobody.
    s.comments().post(me, 1, Some(mine.id), "je précise", &open(), at(2)).unwrap();
    assert_eq!(kinds(&s, me).len(), 1);
    assert!(kinds(&s, other).is_empty());
    // Without its notice the reply is not saved either: one transaction.
    rusqlite::Connection::open(d.path().join("c.db")).unwrap().execute_batch("DROP TABLE notices").unwrap();
    let count = s.comments().for_article(1, None, false).unwrap().len();
    assert!(s.comments().post(other, 1, Some(mine.id), "encore", &open(), at(3)).is_err());
    assert_eq!(s.comments().for_article(1, None, false).unwrap().len(), count);
}

#[test]
fn mentions_notify_once_published_and_never_the_author() {
    let (_d, s) = store();
    let (me, other, third) = (member(&s, "camille"), member(&s, "dominique"), member(&s, "sacha"));
    let c =
        s.comments().post(other, 1, None, "Merci @Camille et @dominique, @inconnu", &open(), at(0)).unwrap();
    assert_eq!(kinds(&s, me), vec![(NoticeKind::Mention, Some(c.id))]);
    assert!(kinds(&s, other).is_empty(), "not themself");
    // Waiting for a moderator: nobody is told yet; once published, the mention and the
    // author are, each once.
    let review = CommentPolicy { moderation: Moderation::All, ..open() };
    let waiting = s.comments().post(third, 1, None, "Voir @camille", &review, at(1)).unwrap();
    assert_eq!(waiting.status, CommentStatus::Pending);
    assert_eq!(kinds(&s, me).len(), 1);
    assert!(kinds(&s, third).is_empty());
    s.comments().moderate("cli:test", waiting.id, CommentStatus::Published).unwrap();
    assert_eq!(
        kinds(&s, me),
        vec![(NoticeKind::Mention, Some(c.id)), (NoticeKind::Mention, Some(waiting.id))]
    );
    assert_eq!(kinds(&s, third), vec![(NoticeKind::Published, Some(waiting.id))]);
    s.comments().moderate("cli:test", waiting.id, CommentStatus::Hidden).unwrap();
    s.comments().moderate("cli:test", waiting.id, CommentStatus::Published).unwrap();
    assert_eq!(kinds(&s, me).len(), 2, "published again: not told twice");
    // Read past in the thread, a notice is seen.
    s.follow().mark_seen(me, 1, waiting.id, at(5)).unwrap();
    assert!(kinds(&s, me).is_empty());
}

#[test]
fn a_place_freed_on_the_waiting_list_is_told() {
    let (_d, s) = store();
    let (a, b, c) = (member(&s, "alice"), member(&s, "bruno"), member(&s, "chloe"));
    let now = Utc::now();
    let start = (now + Duration::days(3)).with_timezone(&chrono_tz::Europe::Paris).format("%Y-%m-%d 18:00");
    let text = format!("title: Atelier\nstart: {start}\nend: 20:00\ncommune: Saillans\ncapacity: 1\n");
    let id = s.events().create("cli:test", &parse_proposal(&text, now).unwrap(), now).unwrap();
    for (i, u) in [a, b, c].into_iter().enumerate() {
        s.events().rsvp(u, id, true, now + Duration::seconds(i as i64)).unwrap();
    }
    // Someone waiting leaves: nobody gets a place.
    s.events().rsvp(c, id, false, now).unwrap();
    assert!(kinds(&s, b).is_empty());
    s.events().rsvp(a, id, false, now).unwrap();
    let told = s.follow().unseen(b).unwrap();
    assert_eq!(told.len(), 1);
    assert_eq!(
        (told[0].kind, told[0].event_id, told[0].title.as_str()),
        (NoticeKind::Place, Some(id), "Atelier")
    );
    assert!(kinds(&s, a).is_empty() && kinds(&s, c).is_empty());
    let left = s.follow().seen(b, &[told[0].id], now).unwrap();
    assert_eq!(left, 0);
}

#[test]
fn a_session_asks_again_only_when_a_notice_is_newer() {
    let (_d, s) = store();
    let (me, other) = (member(&s, "camille"), member(&s, "dominique"));
    let first = s.follow().check(me, 0).unwrap().unwrap();
    assert_eq!((first.unseen, first.fresh.len()), (0, 0));
    let mine = s.comments().post(me, 1, None, "ma question", &open(), at(0)).unwrap();
    let latest = s.follow().latest().unwrap();
    s.comments().post(other, 1, Some(mine.id), "réponse", &open(), at(1)).unwrap();
    let got = s.follow().check(me, latest).unwrap().unwrap();
    assert_eq!((got.unseen, got.fresh.len()), (1, 1));
    assert_eq!(s.follow().check(me, got.latest).unwrap(), None);
}

#[test]
fn home_is_the_commune_of_the_profile() {
    let (_d, s) = store();
    let me = member(&s, "camille");
    assert_eq!(s.follow().home(me).unwrap(), None);
    let insee = s.communes().find("Crest").unwrap().unwrap().insee;
    s.network().update(me, crate::store::ProfileField::Commune(Some(insee)), chrono::Utc::now()).unwrap();
    assert!(s.follow().home(me).unwrap().is_some());
}
