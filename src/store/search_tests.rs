//! Tests of the bulletin search: folding, visibility, the index following every write.
use chrono::{Duration, TimeZone};

use super::*;
use crate::domain::CommentStatus;
use crate::domain::article::NewArticle;
use crate::domain::comment::{CommentPolicy, Moderation};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(&dir.path().join("s.db")).unwrap();
    (dir, store)
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap()
}

fn member(s: &Store, handle: &str) -> i64 {
    let id = s.users().for_key(&format!("SHA256:{handle}"), "ssh-ed25519").unwrap().user_id;
    s.users().set_handle(id, handle).unwrap();
    id
}

fn open() -> CommentPolicy {
    CommentPolicy { moderation: Moderation::None, min_interval_secs: 0, ..CommentPolicy::default() }
}

fn article(s: &Store, slug: &str, title: &str, body: &str, rubrique: &str) -> i64 {
    s.articles()
        .insert(&NewArticle {
            slug: slug.into(),
            title: title.into(),
            rubrique: rubrique.into(),
            author: String::new(),
            author_handle: None,
            body: body.into(),
            published: true,
            published_at: t0() - Duration::days(1),
        })
        .unwrap()
}

const GUEST: Seer = Seer { user: None, moderator: false };

fn find(s: &Store, words: &str, seer: Seer) -> Vec<(HitKind, i64, Option<i64>)> {
    let q = SearchQuery { words: words.into(), rubrique: None };
    let hits = s.search().bulletin(&q, seer, t0(), 50).unwrap();
    hits.iter().map(|h| (h.kind, h.article_id, h.comment_id)).collect()
}

fn finds_article(s: &Store, words: &str, id: i64) -> bool {
    find(s, words, GUEST).contains(&(HitKind::Article, id, None))
}

#[test]
fn ligatures_accents_and_case_fold_as_in_the_directory() {
    let (_d, s) = store();
    let id = article(&s, "o", "Œuvre commune", "Un ÉVÉNEMENT à Dieulefit.", "Vie locale");
    assert!(finds_article(&s, "oeuvre", id));
    assert!(finds_article(&s, "OEUVRE", id));
    assert!(finds_article(&s, "œuvre", id));
    assert!(finds_article(&s, "evenement", id));
    assert!(finds_article(&s, "événement dieule", id), "the last word is a prefix");
    assert!(!finds_article(&s, "e", id), "one letter is no search yet");
    // The excerpt is the text as written, its matched word marked.
    let q = SearchQuery { words: "evenement".into(), rubrique: None };
    let hit =
        s.search().bulletin(&q, GUEST, t0(), 50).unwrap().into_iter().find(|h| h.article_id == id).unwrap();
    assert_eq!(hit.title, "Œuvre commune");
    assert_eq!(hit.rubrique, "Vie locale");
    assert!(hit.excerpt.contains("Un ÉVÉNEMENT à Dieulefit."), "{}", hit.excerpt);
    let marked: Vec<&str> = hit.marks.iter().map(|m| &hit.excerpt[m.clone()]).collect();
    assert_eq!(marked, ["ÉVÉNEMENT"]);
}

#[test]
fn typed_syntax_is_only_words() {
    let (_d, s) = store();
    let id = article(&s, "n", "Near et or", "NEAR(a b) \"quoted\" -moins", "");
    assert!(finds_article(&s, "NEAR(", id));
    assert!(finds_article(&s, "\"quoted", id));
    assert!(find(&s, "*", GUEST).is_empty());
}

#[test]
fn comments_are_found_as_their_viewers_may_see_them() {
    let (_d, s) = store();
    let id = article(&s, "v", "Visibilité", "Corps.", "");
    let camille = member(&s, "camille");
    let dominique = member(&s, "dominique");
    let shown = s.comments().post(camille, id, None, "Une framboise publiée", &open(), t0()).unwrap().id;
    let waits = s
        .comments()
        .post(
            camille,
            id,
            None,
            "Une framboise en attente",
            &CommentPolicy { moderation: Moderation::All, ..open() },
            t0(),
        )
        .unwrap();
    assert_eq!(waits.status, CommentStatus::Pending);
    let hidden = s.comments().post(dominique, id, None, "Une framboise cachée", &open(), t0()).unwrap().id;
    s.comments().moderate("console", hidden, CommentStatus::Hidden).unwrap();
    let gone = s.comments().post(dominique, id, None, "Une framboise effacée", &open(), t0()).unwrap().id;
    s.comments().delete(dominique, gone, t0()).unwrap();

    let comments = |seer| -> Vec<i64> { find(&s, "framboise", seer).iter().filter_map(|h| h.2).collect() };
    let sorted = |mut v: Vec<i64>| {
        v.sort();
        v
    };
    assert_eq!(comments(GUEST), [shown]);
    assert_eq!(comments(Seer { user: Some(dominique), moderator: false }), [shown]);
    assert_eq!(
        sorted(comments(Seer { user: Some(camille), moderator: false })),
        sorted(vec![shown, waits.id])
    );
    assert_eq!(
        sorted(comments(Seer { user: None, moderator: true })),
        sorted(vec![shown, waits.id, hidden]),
        "moderators see hidden and pending, never deleted"
    );
}

#[test]
fn unpublished_and_scheduled_articles_are_never_found() {
    let (_d, s) = store();
    let draft = NewArticle {
        slug: "brouillon".into(),
        title: "Brouillon mirabelle".into(),
        rubrique: String::new(),
        author: String::new(),
        author_handle: None,
        body: "Texte.".into(),
        published: false,
        published_at: t0() - Duration::days(1),
    };
    s.articles().insert(&draft).unwrap();
    let later = NewArticle {
        slug: "plus-tard".into(),
        published: true,
        published_at: t0() + Duration::hours(1),
        ..draft
    };
    let later_id = s.articles().insert(&later).unwrap();
    let camille = member(&s, "camille");
    let modo = Seer { user: Some(camille), moderator: true };
    assert!(find(&s, "mirabelle", modo).is_empty());
    // Its hour come, it is found.
    let q = SearchQuery { words: "mirabelle".into(), rubrique: None };
    let hits = s.search().bulletin(&q, GUEST, t0() + Duration::hours(2), 50).unwrap();
    assert_eq!(hits.iter().map(|h| h.article_id).collect::<Vec<_>>(), [later_id]);
}

#[test]
fn the_index_follows_edits_moderation_and_deletions() {
    let (_d, s) = store();
    let id = article(&s, "e", "Groseille", "Avant.", "");
    let camille = member(&s, "camille");
    let c = s.comments().post(camille, id, None, "Une cerise", &open(), t0()).unwrap().id;
    assert_eq!(find(&s, "cerise", GUEST), [(HitKind::Comment, id, Some(c))]);
    s.comments().edit(camille, c, "Une prune", &open(), t0() + Duration::minutes(1)).unwrap();
    assert!(find(&s, "cerise", GUEST).is_empty());
    assert_eq!(find(&s, "prune", GUEST), [(HitKind::Comment, id, Some(c))]);
    s.comments().moderate("console", c, CommentStatus::Hidden).unwrap();
    assert!(find(&s, "prune", GUEST).is_empty());
    s.comments().moderate("console", c, CommentStatus::Published).unwrap();
    assert_eq!(find(&s, "prune", GUEST).len(), 1);
    s.comments().delete(camille, c, t0() + Duration::minutes(2)).unwrap();
    assert!(find(&s, "prune", Seer { user: None, moderator: true }).is_empty());

    // The console's edit of an article, then its deletion with its comments.
    let edited = NewArticle {
        slug: "e".into(),
        title: "Myrtille".into(),
        rubrique: String::new(),
        author: String::new(),
        author_handle: None,
        body: "Après.".into(),
        published: true,
        published_at: t0() - Duration::days(1),
    };
    s.articles().save("console", Some(id), &edited, None).unwrap();
    assert!(!finds_article(&s, "groseille", id));
    assert!(finds_article(&s, "myrtille apres", id));
    let other = s.comments().post(camille, id, None, "Une pêche", &open(), t0()).unwrap().id;
    assert_eq!(find(&s, "peche", GUEST), [(HitKind::Comment, id, Some(other))]);
    s.articles().delete("console", id).unwrap();
    assert!(find(&s, "myrtille", GUEST).is_empty());
    assert!(find(&s, "peche", GUEST).is_empty());
    for table in ["bulletin_articles_fts", "bulletin_comments_fts"] {
        let sql = format!("INSERT INTO {table}({table}) VALUES ('integrity-check')");
        let check = s.read(|c| Ok(c.execute(&sql, [])?));
        assert!(check.is_ok(), "{table}: {check:?}");
    }
}

#[test]
fn a_rubrique_narrows_the_search_and_titles_rank_first() {
    let (_d, s) = store();
    let in_body = article(&s, "b", "Autre chose", "On parle de noisette ici.", "Agenda");
    let in_title = article(&s, "t", "Noisette", "Rien.", "Lieux");
    assert_eq!(
        find(&s, "noisette", GUEST),
        [(HitKind::Article, in_title, None), (HitKind::Article, in_body, None)]
    );
    let q = SearchQuery { words: "noisette".into(), rubrique: Some("Agenda".into()) };
    let hits = s.search().bulletin(&q, GUEST, t0(), 50).unwrap();
    assert_eq!(hits.iter().map(|h| h.article_id).collect::<Vec<_>>(), [in_body]);
    let q = SearchQuery { words: "noisette".into(), rubrique: None };
    assert_eq!(s.search().bulletin(&q, GUEST, t0(), 1).unwrap().len(), 1, "a page, no more");
}
