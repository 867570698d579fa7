//! What a session's drawing state costs in memory, measured as the process's resident size
//! grows while thousands of screens are held: `cargo test --test screen_memory -- --nocapture`
//! prints the figures. One test in this binary, so that nothing else allocates meanwhile.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use cedille::domain::{ArticleSummary, Identity};
use cedille::i18n::Lang;
use cedille::term::colors::ColorDepth;
use cedille::term::screen::Screen;
use cedille::ui::{self, App, BulletinResult, Event};
use chrono::{DateTime, Utc};

/// The process's resident memory, in bytes.
fn rss() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse::<usize>().unwrap() * 1024
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-27T12:00:00Z").unwrap().with_timezone(&Utc)
}

/// The list of articles, the first screen a member sees.
fn app(cols: u16, rows: u16) -> App {
    let (mut app, _) = App::new(Identity::Guest, Lang::Fr, ColorDepth::TrueColor, (cols, rows), now());
    let articles = (1..=9)
        .map(|id| ArticleSummary {
            id,
            slug: format!("article-{id}"),
            title: format!("Article numéro {id} : le télétravail dans la vallée"),
            rubrique: "Vie locale".into(),
            author: "Sofia".into(),
            published_at: now(),
            comments: id,
            unread: Some(id % 2 == 0),
        })
        .collect::<Vec<_>>();
    app.update(Event::Bulletin(BulletinResult::Articles(Ok(articles.into()))));
    app
}

/// `n` screens of `cols`×`rows`, each drawn once and all kept: the bytes each one adds.
fn held(cols: u16, rows: u16, n: usize, keep: &mut Vec<Screen>) -> usize {
    let app = app(cols, rows);
    // The thread's scratch terminal grows to this size once, outside the count.
    Screen::new(cols, rows).draw(|f| ui::draw(&app, f)).unwrap();
    let before = rss();
    for _ in 0..n {
        let mut screen = Screen::new(cols, rows);
        screen.draw(|f| ui::draw(&app, f)).unwrap();
        keep.push(screen);
    }
    rss().saturating_sub(before) / n
}

#[test]
fn a_session_screen_stays_small() {
    if !std::path::Path::new("/proc/self/status").exists() {
        return;
    }
    // Smaller first, all kept: memory freed by one round would be reused by the next.
    let mut keep = Vec::new();
    let small = held(80, 24, 1000, &mut keep);
    let large = held(200, 60, 200, &mut keep);
    println!("a session's screen holds about {small} bytes at 80×24, {large} bytes at 200×60");
    assert!(small < 40 * 1024, "{small} bytes a session at 80×24");
    assert!(large < 200 * 1024, "{large} bytes a session at 200×60");
}
