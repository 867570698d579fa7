//! Tests of « since your last visit »: one item per article and kind, nothing already seen,
//! « near you » only with a commune.
use chrono::{Duration, TimeZone};

use super::*;
use crate::domain::catchup::NewsTarget;
use crate::domain::comment::{CommentPolicy, Moderation};
use crate::domain::event::parse_proposal;
use crate::domain::frontmatter::parse_article;

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = Store::open(&dir.path().join("c.db")).unwrap();
    (dir, s)
}

fn at(m: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap() + Duration::minutes(m)
}

fn member(s: &Store, h: &str) -> i64 {
    let id = s.users().for_key(&format!("SHA256:{h}"), "ssh-ed25519").unwrap().user_id;
    s.users().set_handle(id, h).unwrap();
    id
}

fn open() -> CommentPolicy {
    CommentPolicy { moderation: Moderation::None, min_interval_secs: 0, ..CommentPolicy::default() }
}

fn kinds(c: &CatchUp) -> Vec<(NewsKind, Option<i64>, i64)> {
    c.items.iter().filter(|i| i.event_id.is_none()).map(|i| (i.kind, i.article_id, i.count)).collect()
}

#[test]
fn replies_are_one_line_per_article_with_who_wrote() {
    let (_d, s) = store();
    let (me, two, three) = (member(&s, "camille"), member(&s, "membre2"), member(&s, "membre3"));
    s.articles().mark_read(me, 1, at(0)).unwrap();
    let top = s.comments().for_article(1, None, false).unwrap().iter().map(|c| c.id).max().unwrap_or(0);
    s.follow().mark_seen(me, 1, top, at(0)).unwrap();
    let mine = s.comments().post(me, 1, None, "ma question", &open(), at(1)).unwrap();
    let first = s.comments().post(two, 1, Some(mine.id), "première réponse", &open(), at(2)).unwrap();
    s.comments().post(two, 1, Some(mine.id), "deuxième", &open(), at(3)).unwrap();
    s.comments().post(three, 1, Some(mine.id), "troisième", &open(), at(4)).unwrap();
    s.comments().post(three, 1, None, "à côté", &open(), at(5)).unwrap();
    let since = at(10);
    let mut article = parse_article("---\ntitle: Nouveau\n---\nUn *texte* neuf.\n", at(15)).unwrap();
    article.slug = "nouveau".into();
    let new_id = s.articles().insert(&article).unwrap();

    let got = s.catch_up_at(me, since, at(60)).unwrap();
    assert_eq!(
        kinds(&got),
        vec![
            (NewsKind::Reply, Some(1), 3),
            (NewsKind::Comments, Some(1), 1),
            (NewsKind::Article, Some(new_id), 1)
        ],
        "{got:#?}"
    );
    let replies = &got.items[0];
    assert_eq!(replies.authors, ["membre2", "membre3"]);
    assert_eq!(replies.excerpt, "première réponse");
    assert_eq!(replies.target(), Some(NewsTarget::Article { article: 1, comment: Some(first.id) }));
    assert_eq!(replies.notices.len(), 3);
    assert_eq!(got.items[2].excerpt, "Un texte neuf.");

    // Read live in the thread: nothing of it is news any more.
    let last = s.comments().for_article(1, None, false).unwrap().iter().map(|c| c.id).max().unwrap();
    s.follow().mark_seen(me, 1, last, at(61)).unwrap();
    s.articles().mark_read(me, new_id, at(61)).unwrap();
    let got = s.catch_up_at(me, since, at(62)).unwrap();
    assert!(kinds(&got).is_empty(), "{got:#?}");
}

#[test]
fn a_member_one_blocked_is_no_news() {
    let (_d, s) = store();
    let (me, rude, three) = (member(&s, "camille"), member(&s, "membre2"), member(&s, "membre3"));
    s.articles().mark_read(me, 1, at(0)).unwrap();
    let top = s.comments().for_article(1, None, false).unwrap().iter().map(|c| c.id).max().unwrap_or(0);
    s.follow().mark_seen(me, 1, top, at(0)).unwrap();
    s.messages().set_blocked(me, rude, true, at(0)).unwrap();
    let mine = s.comments().post(me, 1, None, "ma question", &open(), at(1)).unwrap();
    s.comments().post(rude, 1, Some(mine.id), "réponse bloquée, @camille", &open(), at(2)).unwrap();
    s.comments().post(rude, 1, None, "à côté, bloqué", &open(), at(3)).unwrap();
    s.comments().post(three, 1, None, "à côté, lisible", &open(), at(4)).unwrap();

    let got = s.catch_up_at(me, at(10), at(60)).unwrap();
    assert_eq!(kinds(&got), vec![(NewsKind::Comments, Some(1), 1)], "{got:#?}");
    assert_eq!(got.items[0].authors, ["membre3"]);
    assert_eq!(got.items[0].excerpt, "à côté, lisible");
}

#[test]
fn meetups_near_you_need_a_commune_and_a_freed_place_says_so() {
    let (_d, s) = store();
    let (me, other) = (member(&s, "camille"), member(&s, "dominique"));
    let now = Utc::now();
    let since = now - Duration::hours(1);
    let start = (now + Duration::days(3)).with_timezone(&chrono_tz::Europe::Paris).format("%Y-%m-%d 18:00");
    let text = format!("title: Atelier\nstart: {start}\nend: 20:00\ncommune: Saillans\ncapacity: 1\n");
    let id = s.events().create("cli:test", &parse_proposal(&text, now).unwrap(), now).unwrap();
    let near = |s: &Store| {
        let items = s.catch_up_at(me, since, now).unwrap().items;
        items.iter().filter(|i| i.kind == NewsKind::Meetup && i.event_id == Some(id)).count()
    };
    // (The demo meetups, approved when the database was made, count too: only this one is looked at.)
    assert_eq!(near(&s), 0, "no commune on the profile");
    let insee = s.communes().find("Saillans").unwrap().unwrap().insee;
    s.network().update(me, crate::store::ProfileField::Commune(Some(insee)), now).unwrap();
    assert_eq!(near(&s), 1);
    s.events().rsvp(other, id, true, now).unwrap();
    s.events().rsvp(me, id, true, now + Duration::seconds(1)).unwrap();
    assert_eq!(near(&s), 0, "answered already");
    s.events().rsvp(other, id, false, now).unwrap();
    let got = s.catch_up_at(me, since, now).unwrap();
    let place: Vec<_> = got.items.iter().filter(|i| i.event_id == Some(id)).collect();
    assert_eq!(place.len(), 1, "once, not also « soon »: {got:#?}");
    assert_eq!((place[0].kind, place[0].target()), (NewsKind::Place, Some(NewsTarget::Meetup(id))));
}
