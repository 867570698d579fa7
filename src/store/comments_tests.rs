//! Tests of the comment rules: posting, editing, deleting, moderation, threads, limits.
use chrono::TimeZone;

use super::*;
use crate::domain::comment::{MAX_COMMENT_CHARS, Moderation};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(&dir.path().join("c.db")).unwrap();
    (dir, store)
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap()
}

fn mins(n: i64) -> DateTime<Utc> {
    t0() + Duration::minutes(n)
}

/// A member with a handle.
fn member(s: &Store, handle: &str) -> i64 {
    let id = s.users().for_key(&format!("SHA256:{handle}"), "ssh-ed25519").unwrap().user_id;
    s.users().set_handle(id, handle).unwrap();
    id
}

fn open() -> CommentPolicy {
    CommentPolicy { moderation: Moderation::None, ..CommentPolicy::default() }
}

fn ids(list: &[Comment]) -> Vec<i64> {
    list.iter().map(|c| c.id).collect()
}

#[test]
fn a_comment_is_posted_cleaned_and_read_back() {
    let (_d, s) = store();
    let a = member(&s, "camille");
    let c = s.comments().post(a, 1, None, "  Bonjour\u{1b}[2J !\u{202e}\n ", &open(), t0()).unwrap();
    assert_eq!(c.body, "Bonjour[2J !");
    assert_eq!(c.author, "camille");
    assert_eq!(c.status, CommentStatus::Published);
    assert_eq!((c.article_id, c.parent_id, c.depth, c.edited_at), (1, None, 0, None));
    assert_eq!(c.created_at, t0());
    assert_eq!(s.comments().get(c.id).unwrap(), Some(c.clone()));
    assert_eq!(s.comments().for_article(1, None, false).unwrap(), vec![c]);
    // Counted in the list of articles, published ones only.
    let list = s.articles().list_published(None, Utc::now()).unwrap();
    assert_eq!(list.iter().find(|x| x.id == 1).unwrap().comments, 1);
}

#[test]
fn posting_rules() {
    let (_d, s) = store();
    let p = open();
    let a = member(&s, "camille");
    let nameless = s.users().for_key("SHA256:x", "ssh-ed25519").unwrap().user_id;
    let c = s.comments();
    assert_eq!(c.post(nameless, 1, None, "x", &p, t0()), Err(PostError::NoHandle));
    assert_eq!(c.post(999, 1, None, "x", &p, t0()), Err(PostError::NotFound));
    assert_eq!(c.post(a, 999, None, "x", &p, t0()), Err(PostError::NotFound));
    assert_eq!(c.post(a, 1, Some(999), "x", &p, t0()), Err(PostError::NotFound));
    assert_eq!(c.post(a, 1, None, " \u{200b}\u{7}\n", &p, t0()), Err(PostError::Empty));
    assert_eq!(
        c.post(a, 1, None, &"é".repeat(4001), &p, t0()),
        Err(PostError::TooLong { max: MAX_COMMENT_CHARS })
    );
    assert!(c.post(a, 1, None, &"é".repeat(4000), &p, t0()).is_ok());
    // A reply must stay in its article.
    let first = c.for_article(1, None, false).unwrap()[0].id;
    assert_eq!(c.post(a, 2, Some(first), "x", &p, mins(5)), Err(PostError::NotFound));
    assert!(c.post(a, 1, Some(first), "x", &p, mins(5)).is_ok());
    // An article not yet published cannot be commented.
    assert_eq!(
        c.post(a, 9, None, "x", &p, Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()),
        Err(PostError::NotFound)
    );
    s.users().set_banned("camille", true).unwrap();
    assert_eq!(c.post(a, 1, None, "x", &p, mins(10)), Err(PostError::Banned));
}

#[test]
fn rate_limits() {
    let (_d, s) = store();
    let a = member(&s, "camille");
    let c = s.comments();
    let p = CommentPolicy { per_day: 3, ..open() };
    c.post(a, 1, None, "un", &p, t0()).unwrap();
    let soon = t0() + Duration::seconds(5);
    assert_eq!(c.post(a, 1, None, "deux", &p, soon), Err(PostError::TooFast { wait_secs: 15 }));
    c.post(a, 1, None, "deux", &p, t0() + Duration::seconds(20)).unwrap();
    // Deleting does not give the turn back.
    let third = c.post(a, 1, None, "trois", &p, mins(1)).unwrap();
    c.delete(a, third.id, mins(2)).unwrap();
    assert_eq!(c.post(a, 1, None, "quatre", &p, mins(30)), Err(PostError::DailyLimit { max: 3 }));
    // 24 hours after the first, one more fits.
    assert!(c.post(a, 1, None, "quatre", &p, t0() + Duration::hours(24)).is_ok());
}

#[test]
fn moderation_first_then_approved() {
    let (_d, s) = store();
    let a = member(&s, "camille");
    let b = member(&s, "dominique");
    let c = s.comments();
    let p = CommentPolicy::default();
    let first = c.post(a, 1, None, "premier", &p, t0()).unwrap();
    assert_eq!(first.status, CommentStatus::Pending);
    // Seen by its author and by moderators only.
    assert_eq!(ids(&c.for_article(1, Some(a), false).unwrap()), vec![first.id]);
    assert!(c.for_article(1, Some(b), false).unwrap().is_empty());
    assert!(c.for_article(1, None, false).unwrap().is_empty());
    assert_eq!(ids(&c.for_article(1, Some(b), true).unwrap()), vec![first.id]);
    assert_eq!(ids(&c.pending().unwrap()), vec![first.id]);
    // Others cannot reply to what they cannot see; the author may.
    assert_eq!(c.post(b, 1, Some(first.id), "x", &p, mins(1)), Err(PostError::NotFound));
    c.set_status(first.id, CommentStatus::Published).unwrap();
    assert!(s.users().profile(a).unwrap().approved);
    let second = c.post(a, 1, None, "deuxième", &p, mins(1)).unwrap();
    assert_eq!(second.status, CommentStatus::Published);
    // Three links wait even for an approved member; two do not.
    let links = c.post(a, 1, None, "http://a https://b http://c", &p, mins(2)).unwrap();
    assert_eq!(links.status, CommentStatus::Pending);
    let two = c.post(a, 1, None, "http://a https://b", &p, mins(3)).unwrap();
    assert_eq!(two.status, CommentStatus::Published);
    // Editing links in puts a published comment back in the queue.
    let edited = c.edit(a, two.id, "http://a https://b http://c", &p, mins(4)).unwrap();
    assert_eq!(edited.status, CommentStatus::Pending);
    assert!(matches!(c.set_status(999, CommentStatus::Hidden), Err(StoreError::NotFound)));
}

#[test]
fn moderation_all_and_none() {
    let (_d, s) = store();
    let a = member(&s, "camille");
    let all = CommentPolicy { moderation: Moderation::All, ..CommentPolicy::default() };
    s.comments().post(a, 1, None, "x", &all, t0()).unwrap();
    let first = s.comments().pending().unwrap()[0].id;
    s.comments().set_status(first, CommentStatus::Published).unwrap();
    assert_eq!(s.comments().post(a, 1, None, "y", &all, mins(1)).unwrap().status, CommentStatus::Pending);
    let none = open();
    assert_eq!(s.comments().post(a, 1, None, "z", &none, mins(2)).unwrap().status, CommentStatus::Published);
    let spam = "https://a https://b https://c";
    assert_eq!(s.comments().post(a, 1, None, spam, &none, mins(3)).unwrap().status, CommentStatus::Pending);
}

#[test]
fn editing_and_deleting_within_fifteen_minutes() {
    let (_d, s) = store();
    let a = member(&s, "camille");
    let b = member(&s, "dominique");
    let c = s.comments();
    let p = open();
    let x = c.post(a, 1, None, "premier jet", &p, t0()).unwrap();
    assert_eq!(c.edit(b, x.id, "pirate", &p, mins(1)), Err(PostError::NotYours));
    assert_eq!(c.edit(a, x.id, " \u{1b} ", &p, mins(1)), Err(PostError::Empty));
    let e = c.edit(a, x.id, "version\u{9b}2J propre", &p, mins(15)).unwrap();
    assert_eq!(e.body, "version2J propre");
    assert_eq!(e.edited_at, Some(mins(15)));
    assert_eq!(e.created_at, t0());
    assert_eq!(c.edit(a, x.id, "trop tard", &p, mins(16)), Err(PostError::TooLate));
    assert_eq!(c.delete(a, x.id, mins(16)), Err(PostError::TooLate));
    assert_eq!(c.delete(b, x.id, mins(1)), Err(PostError::NotYours));
    assert_eq!(c.edit(a, 999, "x", &p, mins(1)), Err(PostError::NotFound));

    let y = c.post(a, 1, None, "à retirer", &p, mins(20)).unwrap();
    c.delete(a, y.id, mins(21)).unwrap();
    let gone = c.get(y.id).unwrap().unwrap();
    assert_eq!((gone.status, gone.body.as_str()), (CommentStatus::Deleted, ""));
    assert_eq!(c.delete(a, y.id, mins(22)), Err(PostError::NotFound));
    assert_eq!(c.edit(a, y.id, "revenu", &p, mins(22)), Err(PostError::NotFound));
    // Deleted without replies: gone from the thread.
    assert_eq!(ids(&c.for_article(1, Some(a), false).unwrap()), vec![x.id]);
}

#[test]
fn deleted_with_replies_stays_as_a_placeholder() {
    let (_d, s) = store();
    let a = member(&s, "camille");
    let b = member(&s, "dominique");
    let c = s.comments();
    let p = open();
    let x = c.post(a, 1, None, "question", &p, t0()).unwrap();
    let r = c.post(b, 1, Some(x.id), "réponse", &p, mins(1)).unwrap();
    c.delete(a, x.id, mins(2)).unwrap();
    let thread = c.for_article(1, None, false).unwrap();
    assert_eq!(ids(&thread), vec![x.id, r.id]);
    assert_eq!((thread[0].status, thread[0].body.as_str()), (CommentStatus::Deleted, ""));
    assert_eq!(thread[1].depth, 1);
    // Once the reply is hidden too, nothing is left to hold the place.
    c.set_status(r.id, CommentStatus::Hidden).unwrap();
    assert!(c.for_article(1, None, false).unwrap().is_empty());
    // Moderators still see the hidden reply, under its placeholder.
    let modview = c.for_article(1, None, true).unwrap();
    assert_eq!(ids(&modview), vec![x.id, r.id]);
    assert_eq!(modview[1].status, CommentStatus::Hidden);
}

#[test]
fn replies_under_a_hidden_comment_are_not_shown() {
    let (_d, s) = store();
    let a = member(&s, "camille");
    let b = member(&s, "dominique");
    let c = s.comments();
    let p = open();
    let x = c.post(a, 1, None, "propos limite", &p, t0()).unwrap();
    let r = c.post(b, 1, Some(x.id), "tu exagères", &p, mins(1)).unwrap();
    c.set_status(x.id, CommentStatus::Hidden).unwrap();
    assert!(c.for_article(1, Some(b), false).unwrap().is_empty());
    assert_eq!(ids(&c.for_article(1, Some(b), true).unwrap()), vec![x.id, r.id]);
}

#[test]
fn thread_order_and_depth_cap() {
    let (_d, s) = store();
    let a = member(&s, "camille");
    let b = member(&s, "dominique");
    let c = s.comments();
    let p = CommentPolicy { min_interval_secs: 0, ..open() };
    // Two top-level comments; a chain of five replies under the first, posted after the
    // second top-level one so that date order alone would interleave them.
    let top1 = c.post(a, 1, None, "top 1", &p, t0()).unwrap();
    let top2 = c.post(b, 1, None, "top 2", &p, mins(1)).unwrap();
    let mut chain = vec![top1.clone()];
    for i in 0..4 {
        let parent = chain.last().unwrap().id;
        let who = if i % 2 == 0 { b } else { a };
        chain.push(c.post(who, 1, Some(parent), &format!("niveau {}", i + 1), &p, mins(2 + i)).unwrap());
    }
    let late = c.post(a, 1, Some(top1.id), "tard, sous top 1", &p, mins(10)).unwrap();
    let thread = c.for_article(1, None, false).unwrap();
    let mut want = ids(&chain);
    want.push(late.id);
    want.push(top2.id);
    assert_eq!(ids(&thread), want);
    let depths: Vec<u8> = thread.iter().map(|x| x.depth).collect();
    assert_eq!(depths, vec![0, 1, 2, 2, 2, 1, 0]);
    // `get` agrees on the capped depth.
    assert_eq!(c.get(chain[4].id).unwrap().unwrap().depth, 2);
}
