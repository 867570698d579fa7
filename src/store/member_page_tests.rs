//! One profile per member (and the migration that made it one), signed articles, and the
//! public pages, against a real database file.

use chrono::{Duration, Utc};
use rusqlite::Connection;

use crate::domain::article::NewArticle;
use crate::domain::comment::{CommentPolicy, Moderation};
use crate::domain::console::Refusal;
use crate::store::{ProfileField, Saved, Store, StoreError};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = Store::open(&dir.path().join("m.db")).unwrap();
    (dir, s)
}

fn member(s: &Store, handle: &str) -> i64 {
    let id = s.users().for_key(&format!("SHA256:{handle}"), "ssh-ed25519").unwrap().user_id;
    s.users().set_handle(id, handle).unwrap();
    id
}

fn article(slug: &str, handle: Option<&str>, hours_ago: i64) -> (NewArticle, bool) {
    let a = NewArticle {
        slug: slug.into(),
        title: format!("Titre {slug}"),
        rubrique: "Essais".into(),
        author: String::new(),
        author_handle: handle.map(str::to_string),
        body: "Corps.".into(),
        published: true,
        published_at: chrono::DateTime::parse_from_rfc3339("2026-11-01T09:00:00Z").unwrap().to_utc()
            - Duration::hours(hours_ago),
    };
    (a, true)
}

fn has_column(c: &Connection, table: &str, column: &str) -> bool {
    c.query_row("SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2", [table, column], |r| {
        r.get::<_, i64>(0)
    })
    .unwrap()
        > 0
}

/// The accounts of a database from before: a town and a bio on the account, a commune and a
/// presentation on the directory's profile.
fn seed_two_profiles(c: &Connection) {
    c.execute_batch(
        "INSERT INTO communes (insee, name, name_folded, departement, lat, lon) VALUES
             ('26108', 'Crest', 'crest', '26', 44.73, 5.02),
             ('26113', 'Die', 'die', '26', 44.75, 5.37);
         INSERT INTO users (id, handle, town, bio, created_at) VALUES
             (1, 'alice', 'Crest', 'Courte.', '2026-01-01T00:00:00Z'),
             (2, 'bruno', 'crest', 'Une bio plus longue que la présentation du réseau.', '2026-01-01T00:00:00Z'),
             (3, 'chloe', 'Die', 'Salut.', '2026-01-01T00:00:00Z'),
             (4, 'dan', NULL, NULL, '2026-01-01T00:00:00Z');
         INSERT INTO profiles (user_id, published, commune_insee, presentation, updated_at) VALUES
             (1, 1, '26113', 'Une présentation du réseau bien plus longue que la bio.', '2026-01-02T00:00:00Z'),
             (2, 0, NULL, 'Court.', '2026-01-02T00:00:00Z');",
    )
    .unwrap();
}

#[test]
fn the_migration_keeps_the_longer_presentation_and_the_chosen_commune() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let mut c = Connection::open(&path).unwrap();
    let migrations = crate::store::migrations();
    // Up to the schema just before the profiles became one, whatever its number.
    let mut seeded = false;
    for version in 1.. {
        if migrations.to_version(&mut c, version).is_err() {
            break;
        }
        if !seeded && has_column(&c, "users", "town") && has_column(&c, "profiles", "presentation") {
            seed_two_profiles(&c);
            seeded = true;
        }
        if seeded && !has_column(&c, "users", "town") {
            break;
        }
    }
    assert!(seeded, "no schema had both profiles");
    drop(c);
    let (s, _) = Store::open(&path).unwrap();
    let p = |id| s.users().profile(id).unwrap();
    let alice = p(1);
    assert_eq!(alice.presentation, "Une présentation du réseau bien plus longue que la bio.");
    assert_eq!(alice.commune.as_deref(), Some("Die"), "the directory's commune stays");
    let bruno = p(2);
    assert_eq!(bruno.presentation, "Une bio plus longue que la présentation du réseau.");
    assert_eq!(bruno.commune.as_deref(), Some("Crest"), "the town fills an empty commune");
    let chloe = p(3);
    assert_eq!((chloe.commune_insee.as_deref(), chloe.presentation.as_str()), (Some("26113"), "Salut."));
    assert!(!s.network().own(3).unwrap().published, "a moved bio is not published");
    assert_eq!(p(4).presentation, "");
    assert!(s.network().own(1).unwrap().published);
    s.read(|c| {
        assert!(!has_column(c, "users", "town") && !has_column(c, "users", "bio"));
        Ok(())
    })
    .unwrap();
}

#[test]
fn the_account_and_the_directory_share_one_profile() {
    let (_d, s) = store();
    let a = member(&s, "camille");
    let n = s.network();
    n.update(a, ProfileField::Commune(Some("26113".into())), Utc::now()).unwrap();
    n.update(a, ProfileField::Presentation(format!("Graphiste\u{1b}[31m {}", "x".repeat(500))), Utc::now())
        .unwrap();
    let p = s.users().profile(a).unwrap();
    assert_eq!(p.commune.as_deref(), Some("Die"));
    assert!(p.presentation.starts_with("Graphiste[31m x"));
    assert_eq!(p.presentation.chars().count(), crate::domain::network::PRESENTATION_MAX);
    assert_eq!(n.own(a).unwrap().presentation, p.presentation);
    n.update(a, ProfileField::Commune(None), Utc::now()).unwrap();
    assert_eq!(s.users().profile(a).unwrap().commune, None);
}

#[test]
fn an_article_signed_by_a_member_ends_with_their_page() {
    let (_d, s) = store();
    let camille = member(&s, "camille");
    let saved =
        s.articles().import("cli:test", &[article("un", Some("Camille"), 3), article("deux", None, 2)]);
    let ids: Vec<i64> = saved.unwrap().into_iter().map(|(id, _)| id).collect();
    let page = s.author_of(ids[0], Utc::now()).unwrap().unwrap();
    assert_eq!((page.user_id, page.handle.as_str()), (camille, "camille"));
    assert_eq!(page.articles.iter().map(|a| a.id).collect::<Vec<_>>(), vec![ids[0]]);
    assert_eq!(s.author_of(ids[1], Utc::now()).unwrap(), None);
    assert_eq!(s.articles().signer(ids[0]).unwrap().as_deref(), Some("camille"));
    // The byline names the member when the article has no free-text signature.
    let shown = s.articles().get_published("un", None, Utc::now()).unwrap().unwrap();
    assert_eq!(shown.summary.author, "camille");
    // Importing the same file again changes nothing.
    let again = s.articles().import("cli:test", &[article("un", Some("camille"), 3)]).unwrap();
    assert_eq!(again[0].1, Saved::Unchanged);
}

#[test]
fn an_unknown_signer_imports_nothing() {
    let (_d, s) = store();
    member(&s, "camille");
    let before = s.articles().count().unwrap();
    let batch = [article("bon", Some("camille"), 3), article("mauvais", Some("personne"), 2)];
    match s.articles().import("cli:test", &batch) {
        Err(StoreError::Refused(Refusal::NoSuchAuthor(handle))) => assert_eq!(handle, "personne"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(s.articles().count().unwrap(), before);
}

#[test]
fn an_unpublished_profile_shows_only_the_handle_and_what_is_public() {
    let (_d, s) = store();
    let camille = member(&s, "camille");
    let reader = member(&s, "reader");
    let n = s.network();
    n.update(camille, ProfileField::Commune(Some("26113".into())), Utc::now()).unwrap();
    n.update(camille, ProfileField::Presentation("Graphiste à Die.".into()), Utc::now()).unwrap();
    let id = s.articles().import("cli:test", &[article("un", Some("camille"), 3)]).unwrap()[0].0;
    let open =
        CommentPolicy { moderation: Moderation::None, min_interval_secs: 0, ..CommentPolicy::default() };
    let now = Utc::now();
    let shown = s.comments().post(camille, id, None, "Premier commentaire, public.", &open, now).unwrap();
    let hidden = s.comments().post(camille, id, None, "Mis de côté.", &open, now).unwrap();
    s.comments().moderate("cli:test", hidden.id, crate::domain::CommentStatus::Hidden).unwrap();
    s.comments().post(reader, id, Some(shown.id), "Une réponse.", &open, now).unwrap();

    let page = s.member_page("CAMILLE", Utc::now()).unwrap().unwrap();
    assert!(!page.published);
    assert_eq!((page.commune.as_deref(), page.presentation.as_deref()), (None, None));
    assert_eq!(page.articles.len(), 1);
    assert_eq!(page.comments.iter().map(|c| c.id).collect::<Vec<_>>(), vec![shown.id]);
    assert_eq!(page.comments[0].article_title, "Titre un");

    n.update(camille, ProfileField::Published(true), Utc::now()).unwrap();
    let page = s.member_page_of(camille, Utc::now()).unwrap().unwrap();
    assert_eq!(
        (page.commune.as_deref(), page.presentation.as_deref()),
        (Some("Die"), Some("Graphiste à Die."))
    );
    assert_eq!(page.author_profile("").name, "camille");
    assert_eq!(page.author_profile("Camille R.").name, "Camille R.");
    s.users().set_banned("camille", true).unwrap();
    assert!(!s.member_page_of(camille, Utc::now()).unwrap().unwrap().published, "suspended: hidden");
    assert_eq!(s.member_page("personne", Utc::now()).unwrap(), None);
}

#[test]
fn the_page_reads_the_authors_own_rows() {
    let (_d, s) = store();
    let plan = |sql: &str| {
        s.read(|c| {
            let mut stmt = c.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(3))?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?.join("\n"))
        })
        .unwrap()
    };
    let shown = plan(
        "SELECT c.id FROM comments c JOIN articles a ON a.id = c.article_id
         WHERE c.author_id = 1 AND +c.status = 'published' AND a.status = 'published'
           AND a.published_at <= '2027' ORDER BY c.created_at DESC, c.id DESC LIMIT 10",
    );
    assert!(shown.contains("comments_by_author"), "{shown}");
    let shown = plan(
        "SELECT id FROM articles WHERE author_id = 1 AND status = 'published' AND published_at <= '2027'
         ORDER BY published_at DESC, id DESC LIMIT 10",
    );
    assert!(shown.contains("articles_by_author"), "{shown}");
}

#[test]
fn the_consoles_editor_signs_changes_and_refuses_an_unknown_handle() {
    let (_d, s) = store();
    member(&s, "camille");
    let (mut a, _) = article("edite", Some("camille"), 1);
    let (id, _) = s.articles().save("console:test", None, &a, None).unwrap();
    assert_eq!(s.articles().signer(id).unwrap().as_deref(), Some("camille"));
    a.author_handle = Some("personne".into());
    match s.articles().save("console:test", Some(id), &a, None) {
        Err(StoreError::Refused(Refusal::NoSuchAuthor(handle))) => assert_eq!(handle, "personne"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(s.articles().signer(id).unwrap().as_deref(), Some("camille"), "nothing changed");
    a.author_handle = None;
    assert_eq!(s.articles().save("console:test", Some(id), &a, None).unwrap().1, Saved::Updated);
    assert_eq!(s.articles().signer(id).unwrap(), None);
}
