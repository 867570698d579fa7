//! Screen tests of a member's keys on the profile, and of passing an article on (`s` in
//! the reader) with the server's public address.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;
use support::*;

use chrono::{DateTime, Duration, Utc};

use cedille::domain::keys::KeyError;
use cedille::domain::{Article, ArticleSummary, Comment, CommentStatus, Identity};
use cedille::i18n::Lang;
use cedille::store::{KeyInfo, Profile};
use cedille::term::colors::ColorDepth;
use cedille::ui::{App, BulletinResult, Effect, Event, Key, ProfileOp, ProfileResult};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-27T12:00:00Z").unwrap().with_timezone(&Utc)
}

const LAPTOP: &str = "SHA256:laptopAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const DESKTOP: &str = "SHA256:desktopBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";

fn member(fingerprint: &str) -> Identity {
    Identity::Member { user_id: 1, fingerprint: fingerprint.into(), handle: Some("camille".into()) }
}

fn key_info(fingerprint: &str, algorithm: &str, used: Option<DateTime<Utc>>) -> KeyInfo {
    KeyInfo {
        fingerprint: fingerprint.into(),
        algorithm: algorithm.into(),
        added_at: now() - Duration::days(30),
        last_used_at: used,
    }
}

/// The profile of a member with `keys`, open on screen.
fn profile(identity: Identity, keys: Vec<KeyInfo>) -> App {
    let (mut app, _) = App::new(identity, Lang::Fr, ColorDepth::Ansi256, (80, 30), now());
    assert_eq!(key(&mut app, Key::Char('p')), vec![Effect::Profile(ProfileOp::LoadProfile)]);
    app.update(Event::Profile(ProfileResult::Profile(Ok(Profile {
        user_id: 1,
        handle: Some("camille".into()),
        lang: None,
        commune_insee: None,
        commune: None,
        presentation: String::new(),
        keys,
        created_at: now() - Duration::days(30),
        approved: true,
        banned: false,
        role: "member".into(),
        line_mode: false,
        charset: Default::default(),
    }))));
    app
}

fn two_keys() -> Vec<KeyInfo> {
    vec![key_info(LAPTOP, "ssh-ed25519", Some(now() - Duration::days(2))), key_info(DESKTOP, "ssh-rsa", None)]
}

#[test]
fn the_profile_lists_the_keys_with_their_type_dates_and_the_one_in_use() {
    let app = profile(member(DESKTOP), two_keys());
    let s = screen(&app);
    assert!(s.contains("Clés"), "{s}");
    assert!(s.contains(&format!("  › {LAPTOP}")), "{s}");
    assert!(s.contains(&format!("    {DESKTOP}")), "{s}");
    assert!(s.contains("ssh-ed25519 · ajoutée le 28 oct. 2026, utilisée le 25 nov. 2026"), "{s}");
    assert!(s.contains("ssh-rsa · ajoutée le 28 oct. 2026, dernier usage inconnu"), "{s}");
    assert_eq!(s.matches("cette session").count(), 1, "{s}");
    let desktop_row = s.lines().position(|l| l.contains(DESKTOP)).unwrap();
    assert!(s.lines().skip(desktop_row).take(3).any(|l| l.contains("cette session")), "{s}");
    assert!(s.contains("↑↓ choisir une clé, d la retirer"), "{s}");
}

#[test]
fn removing_a_key_asks_first_then_asks_the_store() {
    let mut app = profile(member(DESKTOP), two_keys());
    // The laptop is chosen: the question, with its fingerprint.
    assert_eq!(key(&mut app, Key::Char('d')), vec![]);
    let s = screen(&app);
    assert!(s.contains("Retirer la clé") && s.contains("SHA256:laptop"), "{s}");
    assert!(s.contains("o : oui"), "{s}");
    // No: nothing removed, the list is back.
    assert_eq!(key(&mut app, Key::Char('n')), vec![]);
    assert!(!screen(&app).contains("Retirer la clé"));
    key(&mut app, Key::Char('d'));
    assert_eq!(key(&mut app, Key::Char('o')), vec![Effect::Profile(ProfileOp::RemoveKey(LAPTOP.into()))]);
    let effects = app.update(Event::Profile(ProfileResult::KeyRemoved(Ok(LAPTOP.into()))));
    assert_eq!(effects, vec![Effect::Profile(ProfileOp::LoadProfile)]);
    let s = screen(&app);
    assert!(s.contains("Clé retirée : elle n'ouvre plus votre compte."), "{s}");
    // The list read again holds one key, and the cursor stays on it.
    app.update(Event::Profile(ProfileResult::Profile(Ok(Profile {
        user_id: 1,
        handle: Some("camille".into()),
        lang: None,
        commune_insee: None,
        commune: None,
        presentation: String::new(),
        keys: vec![key_info(DESKTOP, "ssh-rsa", None)],
        created_at: now(),
        approved: true,
        banned: false,
        role: "member".into(),
        line_mode: false,
        charset: Default::default(),
    }))));
    assert_eq!(app.key_cursor, 0);
    assert!(!screen(&app).contains(LAPTOP));
    // Removed meanwhile from another session: said, and the list read again.
    let effects = app.update(Event::Profile(ProfileResult::KeyRemoved(Err(KeyError::NotFound))));
    assert_eq!(effects, vec![Effect::Profile(ProfileOp::LoadProfile)]);
    assert!(screen(&app).contains("Aucune de vos clés n'a cette empreinte"), "{}", screen(&app));
}

#[test]
fn the_key_in_use_and_the_last_key_are_refused_with_the_reason() {
    let mut app = profile(member(LAPTOP), two_keys());
    assert_eq!(key(&mut app, Key::Char('d')), vec![]);
    let s = screen(&app);
    assert!(s.contains("C'est la clé de cette session"), "{s}");
    assert!(!s.contains("Retirer la clé"), "{s}");
    // ↓ to the other key: that one may go.
    key(&mut app, Key::Down);
    assert!(screen(&app).contains(&format!("› {DESKTOP}")), "{}", screen(&app));
    key(&mut app, Key::Down);
    key(&mut app, Key::Delete);
    assert!(screen(&app).contains("Retirer la clé"), "{}", screen(&app));
    key(&mut app, Key::Esc);

    let mut app = profile(member(LAPTOP), vec![key_info(LAPTOP, "ssh-ed25519", Some(now()))]);
    assert_eq!(key(&mut app, Key::Char('d')), vec![]);
    let s = screen(&app);
    assert!(s.contains("C'est votre seule clé"), "{s}");
    assert!(!s.contains("↑↓ choisir une clé"), "one key: nothing to choose\n{s}");
}

fn article(comments: i64) -> Article {
    Article {
        summary: ArticleSummary {
            id: 7,
            slug: "la-fibre-arrive".into(),
            title: "La fibre arrive à Saillans".into(),
            rubrique: "État des lieux".into(),
            author: "Sofia".into(),
            published_at: now() - Duration::days(3),
            comments,
            unread: Some(false),
        },
        body: "Texte de l'article.".into(),
    }
}

fn comment(id: i64, body: &str) -> Comment {
    Comment {
        id,
        article_id: 7,
        parent_id: None,
        author_id: 9,
        author: "nour".into(),
        body: body.into(),
        status: CommentStatus::Published,
        created_at: now() - Duration::hours(1),
        edited_at: None,
        depth: 0,
    }
}

/// The reader on the article, with `address` configured.
fn reading(address: &str, comments: Vec<Comment>) -> App {
    let (mut app, _) = App::new(Identity::Guest, Lang::Fr, ColorDepth::Ansi256, (80, 30), now());
    app.public_address = address.to_string();
    let a = article(comments.len() as i64);
    app.update(Event::Bulletin(BulletinResult::Articles(Ok(vec![a.summary.clone()].into()))));
    app.update(Event::Key(Key::Enter));
    app.update(Event::Bulletin(BulletinResult::Article(Ok(Some(a)))));
    app.update(Event::Bulletin(BulletinResult::Comments(7, Ok(comments.into()))));
    app
}

#[test]
fn s_in_the_reader_shows_the_commands_with_the_configured_address() {
    let mut app = reading("cedille.example", vec![comment(41, "Enfin !"), comment(42, "Chez nous aussi.")]);
    app.update(Event::Resize(100, 30));
    assert!(screen(&app).contains("s partager"), "{}", screen(&app));
    app.update(Event::Resize(80, 30));
    assert_eq!(key(&mut app, Key::Char('s')), vec![]);
    let s = screen(&app);
    assert!(s.contains("Partager cet article"), "{s}");
    assert!(s.contains("ssh cedille.example read la-fibre-arrive"), "{s}");
    assert!(s.contains("ssh cedille.example comments la-fibre-arrive"), "{s}");
    assert!(s.contains("choisissez un commentaire pour avoir son numéro"), "{s}");
    assert!(!s.contains("localhost"), "{s}");
    // s again closes it; on a chosen comment the box gives its number and its command.
    key(&mut app, Key::Char('s'));
    assert!(!screen(&app).contains("Partager cet article"));
    key(&mut app, Key::Tab);
    key(&mut app, Key::Down);
    key(&mut app, Key::Char('s'));
    let s = screen(&app);
    assert!(s.contains("Répondre au commentaire choisi (#42)"), "{s}");
    assert!(s.contains("echo '…' | ssh cedille.example reply 42"), "{s}");
    key(&mut app, Key::Enter);
    assert!(!screen(&app).contains("Partager cet article"));
}

#[test]
fn without_a_configured_address_the_commands_use_the_listening_one() {
    let (mut app, _) = App::new(Identity::Guest, Lang::En, ColorDepth::Ansi256, (80, 30), now());
    assert_eq!(app.public_address, "-p 2222 localhost");
    app.public_address = "cedille.example -p 2200".into();
    // The guest's explanation ends with the command to come back with a key.
    key(&mut app, Key::Char('p'));
    let s = screen(&app);
    assert!(s.contains("ssh-keygen -t ed25519") && s.contains("ssh cedille.example -p 2200"), "{s}");
    let mut app = reading("-p 2222 localhost", Vec::new());
    key(&mut app, Key::Char('s'));
    let s = screen(&app);
    assert!(s.contains("ssh -p 2222 localhost read la-fibre-arrive"), "{s}");
    assert!(!s.contains("choisissez un commentaire"), "no comment, no anchor to offer\n{s}");
}
