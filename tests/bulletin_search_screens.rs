//! Screen tests of the bulletin list's search line (`/`) and its filter by rubrique (`f`):
//! the App driven by keys and results, the screen read as a person reads it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;
use support::*;

use chrono::{DateTime, Utc};

use cedille::domain::search::{HitKind, SearchHit, SearchQuery, marked_excerpt};
use cedille::domain::{ArticleSummary, Identity};
use cedille::i18n::Lang;
use cedille::term::colors::ColorDepth;
use cedille::ui::{App, BulletinOp, BulletinResult, Effect, Event, Key, View};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn summary(id: i64, title: &str, rubrique: &str) -> ArticleSummary {
    ArticleSummary {
        id,
        slug: format!("a-{id}"),
        title: title.into(),
        rubrique: rubrique.into(),
        author: String::new(),
        published_at: at("2026-11-19T16:00:00Z"),
        comments: 0,
        unread: None,
    }
}

fn app() -> App {
    let (mut app, _) =
        App::new(Identity::Guest, Lang::Fr, ColorDepth::Ansi256, (80, 24), at("2026-11-27T12:00:00Z"));
    let list = vec![
        summary(4, "Agenda de décembre", "Agenda"),
        summary(3, "Un café à Die", "Lieux"),
        summary(2, "La fibre à Saillans", "Pratique"),
        summary(1, "Le tiers-lieu de Crest", "Lieux"),
    ];
    app.update(Event::Bulletin(BulletinResult::Articles(Ok(list.into()))));
    app
}

fn searched(effects: &[Effect]) -> Option<SearchQuery> {
    effects.iter().rev().find_map(|e| match e {
        Effect::Bulletin(BulletinOp::Search(q)) => Some(q.clone()),
        _ => None,
    })
}

#[test]
fn f_shows_one_rubrique_with_it_in_the_header_and_f_again_all() {
    let mut app = app();
    assert!(key(&mut app, Key::Char('f')).is_empty());
    let text = screen(&app);
    for name in ["Rubrique", "toutes", "Agenda", "Lieux", "Pratique"] {
        assert!(text.contains(name), "{name} in the chooser:\n{text}");
    }
    // Sorted, « toutes » first: ↓↓ is « Lieux ».
    key(&mut app, Key::Down);
    key(&mut app, Key::Down);
    key(&mut app, Key::Enter);
    let text = screen(&app);
    assert!(text.contains("Rubrique « Lieux »"), "the header says the filter:\n{text}");
    assert!(text.contains("Un café à Die") && text.contains("Le tiers-lieu de Crest"), "{text}");
    assert!(!text.contains("La fibre à Saillans") && !text.contains("Agenda de décembre"), "{text}");
    assert!(text.lines().last().unwrap().contains("1/2"), "{text}");
    // The cursor moves within the rubrique, Enter opens what is shown.
    key(&mut app, Key::Down);
    let effects = key(&mut app, Key::Enter);
    assert!(effects.contains(&Effect::Bulletin(BulletinOp::LoadArticle(1))), "{effects:?}");
    key(&mut app, Key::Esc);
    assert_eq!(app.view, View::List);

    key(&mut app, Key::Char('f'));
    let text = screen(&app);
    assert!(!text.contains("Rubrique « Lieux »") && text.contains("La fibre à Saillans"), "{text}");
    assert!(text.lines().last().unwrap().contains("/4"), "{text}");

    // « toutes » in the chooser clears too; Esc leaves it as it was.
    key(&mut app, Key::Char('f'));
    key(&mut app, Key::End);
    key(&mut app, Key::Enter);
    assert!(screen(&app).contains("Rubrique « Pratique »"));
    key(&mut app, Key::Char('f'));
    key(&mut app, Key::Char('f'));
    key(&mut app, Key::Esc);
    assert!(screen(&app).contains("La fibre à Saillans"));
    key(&mut app, Key::Char('f'));
    key(&mut app, Key::Home);
    key(&mut app, Key::Enter);
    assert!(screen(&app).contains("Agenda de décembre"));
}

fn hit(kind: HitKind, article: i64, comment: Option<i64>, raw: &str) -> SearchHit {
    let (excerpt, marks) = marked_excerpt(raw);
    SearchHit {
        kind,
        article_id: article,
        comment_id: comment,
        title: "Un café à Die".into(),
        excerpt,
        published_at: at("2026-11-20T09:00:00Z"),
        rubrique: "Lieux".into(),
        author: if comment.is_some() { "camille".into() } else { String::new() },
        marks,
    }
}

#[test]
fn slash_searches_as_one_types_and_esc_gives_the_list_back() {
    let mut app = app();
    key(&mut app, Key::Down);
    key(&mut app, Key::Down);
    key(&mut app, Key::Char('/'));
    let text = screen(&app);
    assert!(text.contains("sans souci des accents"), "what may be searched:\n{text}");
    // Letters are words now, not keys: `q` and `j` are typed.
    let mut asked = None;
    for c in "cafe jq".chars() {
        asked = searched(&key(&mut app, Key::Char(c))).or(asked);
    }
    assert_eq!(asked, Some(SearchQuery { words: "cafe jq".into(), rubrique: None }));
    assert!(!app.wants_quit());
    key(&mut app, Key::Backspace);
    let effects = key(&mut app, Key::Backspace);
    let q = searched(&effects).unwrap();
    assert_eq!(q.words, "cafe ");
    // An older answer arriving late is not shown.
    let stale = SearchQuery { words: "cafe j".into(), rubrique: None };
    app.update(Event::Bulletin(BulletinResult::Found(
        stale,
        Ok(vec![hit(HitKind::Article, 9, None, "périmé")]),
    )));
    assert!(!screen(&app).contains("périmé"));
    let hits = vec![
        hit(HitKind::Article, 3, None, "Le \u{2}café\u{3} de la place\u{1b}[2J"),
        hit(HitKind::Comment, 3, Some(77), "Un \u{2}café\u{3} serré, merci"),
    ];
    app.update(Event::Bulletin(BulletinResult::Found(q, Ok(hits))));
    let text = screen(&app);
    assert!(text.contains("2 résultats"), "{text}");
    assert!(text.contains("Lieux · 20 nov. 2026 · article"), "{text}");
    assert!(text.contains("Lieux · 20 nov. 2026 · commentaire de camille"), "{text}");
    assert!(text.contains("Le café de la place2J") && !text.contains('\u{1b}'), "{text}");
    // Enter on the comment: the reader, asked to select it once the thread comes.
    key(&mut app, Key::Down);
    let effects = key(&mut app, Key::Enter);
    assert_eq!(app.view, View::Reader);
    assert_eq!(app.reader.select_after_load, Some(77));
    assert!(effects.contains(&Effect::Bulletin(BulletinOp::LoadComments(3))), "{effects:?}");
    // Back from the reader: the results again; Esc: the list, on the article it was on.
    key(&mut app, Key::Esc);
    assert!(screen(&app).contains("commentaire de camille"));
    key(&mut app, Key::Esc);
    let text = screen(&app);
    assert!(text.contains("La fibre à Saillans") && !text.contains("résultats"), "{text}");
    assert!(text.lines().last().unwrap().contains("3/4"), "{text}");
}

#[test]
fn the_help_names_slash_and_f_in_the_list() {
    let mut app = app();
    key(&mut app, Key::Char('?'));
    let text = screen(&app);
    assert!(text.contains("Dans la liste des articles"), "{text}");
}
