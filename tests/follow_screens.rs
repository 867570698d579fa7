//! Screen tests of following a thread: « · 2 nouveaux » in the list, « nouveau » on the
//! comments new to the member (in words: it reads the same without colour), `n` to the next
//! one, and the reader telling the store how far the member read.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;
use support::*;

use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};

use cedille::domain::follow::ThreadMark;
use cedille::domain::{Article, ArticleList, ArticleSummary, Comment, CommentStatus, Identity, Published};
use cedille::i18n::Lang;
use cedille::term::colors::ColorDepth;
use cedille::ui::{App, BulletinResult, Effect, Event, FollowOp, Key};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 13, 0, 0).unwrap()
}

fn camille() -> Identity {
    Identity::Member { user_id: 1, fingerprint: "SHA256:abc".into(), handle: Some("camille".into()) }
}

fn summary(id: i64, title: &str, comments: i64) -> ArticleSummary {
    ArticleSummary {
        id,
        slug: format!("a{id}"),
        title: title.into(),
        rubrique: "Vie locale".into(),
        author: String::new(),
        published_at: now() - Duration::days(2),
        comments,
        unread: None,
    }
}

/// Article 7, read before up to comment 11: comments 12 and 14 (of others) came since;
/// 13 is camille's own.
fn list() -> ArticleList {
    let items = vec![summary(7, "La fibre arrive à Saillans", 6), summary(8, "Le marché de Crest", 2)];
    let shared = Arc::new(Published { items, next_at: None });
    ArticleList::with_marks(shared, vec![ThreadMark { article_id: 7, seen: 11, new: 2 }])
}

fn comment(id: i64, author_id: i64, author: &str, body: &str) -> Comment {
    Comment {
        id,
        article_id: 7,
        parent_id: None,
        author_id,
        author: author.into(),
        body: body.into(),
        status: CommentStatus::Published,
        created_at: now() - Duration::hours(20 - id),
        edited_at: None,
        depth: 0,
    }
}

fn thread() -> Vec<Comment> {
    vec![
        comment(10, 2, "nour", "Premier avis."),
        comment(11, 3, "sofia", "Deuxième avis."),
        comment(12, 2, "nour", "Un avis nouveau."),
        comment(13, 1, "camille", "Le mien."),
        comment(14, 3, "sofia", "Encore un nouveau."),
    ]
}

fn app(depth: ColorDepth, rows: u16) -> App {
    let (mut app, _) = App::new(camille(), Lang::Fr, depth, (90, rows), now());
    app.update(Event::Bulletin(BulletinResult::Articles(Ok(list()))));
    app
}

fn open(app: &mut App) -> Vec<Effect> {
    let mut effects = key(app, Key::Enter);
    effects.extend(app.update(Event::Bulletin(BulletinResult::Article(Ok(Some(Article {
        summary: summary(7, "La fibre arrive à Saillans", 6),
        body: "Texte.".into(),
    }))))));
    effects.extend(app.update(Event::Bulletin(BulletinResult::Comments(7, Ok(thread().into())))));
    effects
}

#[test]
fn the_list_says_how_many_comments_are_new() {
    let app = app(ColorDepth::Ansi256, 24);
    let s = screen(&app);
    assert!(s.contains("6 commentaires · 2 nouveaux"), "{s}");
    // An article never opened is new as a whole, not comment by comment.
    assert!(s.contains("2 commentaires") && !s.contains("2 commentaires ·"), "{s}");
    let (mut en, _) = App::new(camille(), Lang::En, ColorDepth::Ansi256, (90, 24), now());
    en.update(Event::Bulletin(BulletinResult::Articles(Ok(list()))));
    assert!(screen(&en).contains("6 comments · 2 new"), "{}", screen(&en));
}

#[test]
fn new_comments_are_marked_in_words_and_n_goes_from_one_to_the_next() {
    // NO_COLOR: the mark must still be there.
    let mut app = app(ColorDepth::None, 40);
    open(&mut app);
    let s = screen(&app);
    let line = |needle: &str| s.lines().find(|l| l.contains(needle)).unwrap_or_default().to_string();
    assert!(line("nour · ").contains("nour · il y a"), "{s}");
    assert_eq!(s.matches("· nouveau ·").count(), 2, "{s}");
    assert!(!line("camille ·").contains("nouveau"), "one's own comment is never new: {s}");
    key(&mut app, Key::Char('n'));
    assert_eq!(app.reader.selected_comment().map(|c| c.id), Some(12));
    key(&mut app, Key::Char('n'));
    assert_eq!(app.reader.selected_comment().map(|c| c.id), Some(14));
    key(&mut app, Key::Char('n'));
    assert_eq!(app.reader.selected_comment().map(|c| c.id), Some(14));
    assert!(last_row(&screen(&app)).contains("Plus de commentaire nouveau plus bas."), "{}", screen(&app));
}

#[test]
fn what_was_on_screen_is_read_and_the_list_says_so_at_once() {
    // Tall enough for the whole thread: everything is seen at once.
    let mut app = app(ColorDepth::Ansi256, 40);
    let effects = open(&mut app);
    assert!(effects.contains(&Effect::Follow(FollowOp::Seen { article: 7, upto: 14 })), "{effects:?}");
    key(&mut app, Key::Esc);
    let s = screen(&app);
    assert!(s.contains("6 commentaires") && !s.contains("nouveaux"), "{s}");
}

#[test]
fn on_a_short_screen_the_mark_stops_before_what_was_not_shown() {
    let mut app = app(ColorDepth::Ansi256, 20);
    let effects = open(&mut app);
    // The article and the first comments fill the screen: 12 and 14 are below.
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::Follow(FollowOp::Seen { upto: 14, .. }))),
        "{effects:?}"
    );
    let effects = key(&mut app, Key::Char('G'));
    assert!(effects.contains(&Effect::Follow(FollowOp::Seen { article: 7, upto: 14 })), "{effects:?}");
}

fn last_row(s: &str) -> String {
    s.lines().last().unwrap_or_default().to_string()
}

#[test]
fn the_summary_opens_the_reader_at_the_comment_even_when_the_thread_comes_first() {
    use cedille::domain::catchup::{CatchUp, NewsItem, NewsKind};
    use cedille::ui::ProfileResult;
    let mut app = app(ColorDepth::Ansi256, 20);
    let mut item = NewsItem::new(NewsKind::Reply, "La fibre arrive à Saillans".into(), now());
    item.authors = vec!["sofia".into()];
    item.article_id = Some(7);
    item.comment_id = Some(14);
    app.update(Event::Profile(ProfileResult::CatchUp(Box::new(CatchUp { items: vec![item] }))));
    key(&mut app, Key::Enter);
    app.update(Event::Bulletin(BulletinResult::Comments(7, Ok(thread().into()))));
    let long = (0..40).map(|i| format!("Paragraphe {i}.")).collect::<Vec<_>>().join("\n\n");
    app.update(Event::Bulletin(BulletinResult::Article(Ok(Some(Article {
        summary: summary(7, "La fibre arrive à Saillans", 6),
        body: long,
    })))));
    assert_eq!(app.reader.selected_comment().map(|c| c.id), Some(14));
    let s = screen(&app);
    assert!(s.contains("▌ Encore un nouveau."), "{s}");
}
