//! Screen tests of authors: the box that ends a signed article, Enter on the signature and
//! on a comment's author, and the public page.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;
use support::*;

use chrono::{DateTime, Duration, Utc};

use cedille::domain::member_page::{AuthoredArticle, AuthoredComment, MemberPage};
use cedille::domain::{Article, ArticleSummary, Comment, CommentStatus, Identity};
use cedille::i18n::Lang;
use cedille::term::colors::ColorDepth;
use cedille::ui::{App, BulletinOp, BulletinResult, Effect, Event, Key, View};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-27T12:00:00Z").unwrap().with_timezone(&Utc)
}

fn summary(id: i64, title: &str) -> ArticleSummary {
    ArticleSummary {
        id,
        slug: format!("a{id}"),
        title: title.into(),
        rubrique: "Vie du réseau".into(),
        author: "Camille R.".into(),
        published_at: now() - Duration::days(3),
        comments: 1,
        unread: Some(false),
    }
}

fn page(published: bool) -> MemberPage {
    let authored = |id: i64, title: &str| AuthoredArticle {
        id,
        slug: format!("a{id}"),
        title: title.into(),
        rubrique: String::new(),
        published_at: now() - Duration::days(id),
    };
    MemberPage {
        user_id: 4,
        handle: "camille".into(),
        published,
        commune: published.then(|| "Die".into()),
        departement: published.then(|| "26".into()),
        status: None,
        skills: if published { vec!["graphisme".into()] } else { Vec::new() },
        open_to: Vec::new(),
        presentation: published.then(|| "Graphiste, deux jours par semaine au fablab.".into()),
        articles: vec![authored(7, "Le fablab ouvre"), authored(8, "Les ateliers de l'hiver")],
        comments: vec![AuthoredComment {
            id: 30,
            article_id: 9,
            article_title: "La fibre à Saillans".into(),
            excerpt: "Chez nous aussi.".into(),
            created_at: now() - Duration::hours(2),
        }],
    }
}

/// The article 7, signed by camille, open with one comment by nour (member 9).
fn reading() -> App {
    let who = Identity::Member { user_id: 1, fingerprint: "SHA256:abc".into(), handle: Some("lea".into()) };
    let (mut app, _) = App::new(who, Lang::Fr, ColorDepth::Ansi256, (90, 40), now());
    app.update(Event::Bulletin(BulletinResult::Articles(Ok(vec![summary(7, "Le fablab ouvre")].into()))));
    key(&mut app, Key::Enter);
    let effects = app.update(Event::Bulletin(BulletinResult::Article(Ok(Some(Article {
        summary: summary(7, "Le fablab ouvre"),
        body: "Texte de l'article.".into(),
    })))));
    assert!(effects.contains(&Effect::Bulletin(BulletinOp::LoadAuthor(7))), "{effects:?}");
    let comment = Comment {
        id: 1,
        article_id: 7,
        parent_id: None,
        author_id: 9,
        author: "nour".into(),
        body: "Bravo.".into(),
        status: CommentStatus::Published,
        created_at: now() - Duration::hours(1),
        edited_at: None,
        depth: 0,
    };
    app.update(Event::Bulletin(BulletinResult::Comments(7, Ok(vec![comment].into()))));
    app
}

#[test]
fn a_signed_article_ends_with_its_authors_box() {
    let mut app = reading();
    assert!(!screen(&app).contains("Du même auteur"));
    app.update(Event::Bulletin(BulletinResult::Author(7, Ok(Some(Box::new(page(true)))))));
    let s = screen(&app);
    let at = |needle: &str| s.find(needle).unwrap_or_else(|| panic!("{needle} missing:\n{s}"));
    assert!(at("Texte de l'article.") < at("Camille R. (camille)"), "{s}");
    assert!(at("Camille R. (camille)") < at("Graphiste, deux jours par semaine au fablab."));
    assert!(at("Du même auteur :") < at("· Les ateliers de l'hiver"), "{s}");
    assert!(!s.contains("· Le fablab ouvre"), "the article itself is not among the others:\n{s}");
    assert!(at("Entrée : sa page") < at("Commentaires (1)"), "{s}");
    // An answer for another article is not this one's box.
    let mut other = reading();
    other.update(Event::Bulletin(BulletinResult::Author(8, Ok(Some(Box::new(page(true)))))));
    assert!(!screen(&other).contains("Entrée : sa page"));
}

#[test]
fn enter_on_the_signature_or_on_a_comments_author_opens_their_page() {
    let mut app = reading();
    // A free-text signature only: Enter does nothing.
    assert!(key(&mut app, Key::Enter).is_empty());
    app.update(Event::Bulletin(BulletinResult::Author(7, Ok(Some(Box::new(page(false)))))));
    assert_eq!(key(&mut app, Key::Enter), vec![Effect::Bulletin(BulletinOp::LoadMember(4))]);
    assert_eq!(app.view, View::Member);
    assert!(screen(&app).contains("Chargement"), "{}", screen(&app));
    app.update(Event::Bulletin(BulletinResult::Member(4, Ok(Some(Box::new(page(false)))))));
    let s = screen(&app);
    assert!(s.contains("Profil non publié"), "{s}");
    assert!(!s.contains("Graphiste") && !s.contains("Die"), "{s}");
    assert!(s.contains("▌ Le fablab ouvre") && s.contains("« Chez nous aussi. »"), "{s}");
    key(&mut app, Key::Esc);
    assert_eq!(app.view, View::Reader);

    // Tab to the comments: Enter opens the page of nour, the comment's author.
    key(&mut app, Key::Tab);
    assert_eq!(key(&mut app, Key::Enter), vec![Effect::Bulletin(BulletinOp::LoadMember(9))]);
    // An answer for someone else (an earlier page) is dropped.
    app.update(Event::Bulletin(BulletinResult::Member(4, Ok(Some(Box::new(page(true)))))));
    assert!(screen(&app).contains("Chargement"));
}

#[test]
fn a_published_page_lists_what_opens() {
    let mut app = reading();
    app.update(Event::Bulletin(BulletinResult::Author(7, Ok(Some(Box::new(page(true)))))));
    key(&mut app, Key::Enter);
    app.update(Event::Bulletin(BulletinResult::Member(4, Ok(Some(Box::new(page(true)))))));
    let s = screen(&app);
    assert!(s.contains("Graphiste, deux jours par semaine au fablab.") && s.contains("graphisme"), "{s}");
    assert!(s.contains("Commune") && s.contains("Die"), "{s}");
    // The comment, the third item: Enter opens its article at that comment.
    key(&mut app, Key::Down);
    key(&mut app, Key::Down);
    assert_eq!(
        key(&mut app, Key::Enter),
        vec![Effect::Bulletin(BulletinOp::LoadArticle(9)), Effect::Bulletin(BulletinOp::LoadComments(9))]
    );
    assert_eq!((app.view, app.reader.select_after_load), (View::Reader, Some(30)));
}
