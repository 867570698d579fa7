//! The per-keystroke work of a session that is not the database: drawing a frame into the
//! bytes sent over SSH (full frame, one line of scroll), decoding the bytes a client types,
//! and cleaning text on its way in and out. `cargo bench --bench render`.
//!
//! Each function also prints, once, the bytes its frame costs: a scroll step should be a
//! small part of a full frame.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use cedille::domain::frontmatter::parse_article;
use cedille::domain::{Article, ArticleSummary, Identity};
use cedille::i18n::Lang;
use cedille::term::colors::ColorDepth;
use cedille::term::input::InputDecoder;
use cedille::term::screen::Screen;
use cedille::text::{clean_line, clean_text};
use cedille::ui::BulletinResult;
use cedille::ui::{self, App, Event, Key};
use chrono::{DateTime, Utc};
use criterion::{Criterion, criterion_group, criterion_main};

const ARTICLE: &str = include_str!("../data/articles/01-teletravail-vallee-drome-ou-en-est-on.md");

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-27T12:00:00Z").unwrap().with_timezone(&Utc)
}

fn summaries() -> Vec<ArticleSummary> {
    (1..=9)
        .map(|id| ArticleSummary {
            id,
            slug: format!("article-{id}"),
            title: format!("Article numéro {id} : le télétravail dans la vallée, saison {id}"),
            rubrique: "Vie locale".into(),
            author: "Sofia".into(),
            published_at: now() - chrono::Duration::days(id * 3),
            comments: id,
            unread: Some(id % 2 == 0),
        })
        .collect()
}

/// An app showing the list, drawn once, and its screen.
fn list_app(cols: u16, rows: u16) -> (App, Screen) {
    let (mut app, _) = App::new(Identity::Guest, Lang::Fr, ColorDepth::TrueColor, (cols, rows), now());
    app.update(Event::Bulletin(BulletinResult::Articles(Ok(summaries().into()))));
    let mut screen = Screen::new(cols, rows);
    screen.draw(|f| ui::draw(&app, f)).unwrap();
    (app, screen)
}

/// The same app, reading the longest demo article.
fn reader_app(cols: u16, rows: u16) -> (App, Screen) {
    let (mut app, mut screen) = list_app(cols, rows);
    app.update(Event::Key(Key::Enter));
    let parsed = parse_article(ARTICLE, now()).unwrap();
    let mut summary = summaries().remove(0);
    summary.title = parsed.title;
    app.update(Event::Bulletin(BulletinResult::Article(Ok(Some(Article { summary, body: parsed.body })))));
    app.update(Event::Bulletin(BulletinResult::Comments(1, Ok(Vec::new().into()))));
    screen.draw(|f| ui::draw(&app, f)).unwrap();
    (app, screen)
}

fn frame(app: &App, screen: &mut Screen) -> usize {
    screen.draw(|f| ui::draw(app, f)).unwrap().len()
}

fn render(c: &mut Criterion) {
    let (app, mut screen) = reader_app(80, 24);
    screen.clear();
    let full = frame(&app, &mut screen);
    let (mut app2, mut screen2) = reader_app(80, 24);
    app2.update(Event::Key(Key::Char('j')));
    let scroll = frame(&app2, &mut screen2);
    println!("reader 80×24: full frame {full} bytes, one line of scroll {scroll} bytes");

    c.bench_function("full frame, reader 80x24", |b| {
        b.iter(|| {
            screen.clear();
            black_box(frame(&app, &mut screen))
        })
    });
    c.bench_function("full frame, list 200x60", |b| {
        let (app, mut screen) = list_app(200, 60);
        b.iter(|| {
            screen.clear();
            black_box(frame(&app, &mut screen))
        })
    });
    c.bench_function("scroll one line, reader 80x24", |b| {
        let (mut app, mut screen) = reader_app(80, 24);
        let mut down = true;
        b.iter(|| {
            app.update(Event::Key(Key::Char(if down { 'j' } else { 'k' })));
            down = !down;
            black_box(frame(&app, &mut screen))
        })
    });
    c.bench_function("list, move selection, 80x24", |b| {
        let (mut app, mut screen) = list_app(80, 24);
        let mut down = true;
        b.iter(|| {
            app.update(Event::Key(Key::Char(if down { 'j' } else { 'k' })));
            down = !down;
            black_box(frame(&app, &mut screen))
        })
    });
}

fn input(c: &mut Criterion) {
    c.bench_function("input: one letter", |b| {
        let mut d = InputDecoder::new();
        b.iter(|| black_box(d.feed(black_box(b"j"))))
    });
    c.bench_function("input: arrow key", |b| {
        let mut d = InputDecoder::new();
        b.iter(|| black_box(d.feed(black_box(b"\x1b[B"))))
    });
    c.bench_function("input: UTF-8 text, 64 bytes", |b| {
        let mut d = InputDecoder::new();
        let text = "Bientôt à Crest : « café télétravail » jeudi, où ça ? ".as_bytes();
        b.iter(|| black_box(d.feed(black_box(text))))
    });
    c.bench_function("input: bracketed paste, 4 KiB", |b| {
        let mut d = InputDecoder::new();
        let mut paste = b"\x1b[200~".to_vec();
        while paste.len() < 4096 {
            paste.extend_from_slice("Une ligne collée, avec des accents é è à.\r".as_bytes());
        }
        paste.extend_from_slice(b"\x1b[201~");
        b.iter(|| black_box(d.feed(black_box(&paste))))
    });
}

fn cleaner(c: &mut Criterion) {
    let comment = "Merci pour l'article ! Rendez-vous jeudi à la Coop \u{202e}de Crest\u{202c}, \
                   9 h\u{200b}30.\n\x1b[31mrouge\x1b[0m et \u{0085}fin.\n"
        .repeat(20);
    c.bench_function("clean_text: comment of 2 KiB with controls", |b| {
        b.iter(|| black_box(clean_text(black_box(&comment))))
    });
    let body = ARTICLE.to_string();
    c.bench_function("clean_text: article body, clean already", |b| {
        b.iter(|| black_box(clean_text(black_box(&body))))
    });
    c.bench_function("clean_line: a title", |b| {
        b.iter(|| {
            black_box(clean_line(black_box("Le télétravail dans la vallée de la Drôme, où en est-on ?")))
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50).warm_up_time(std::time::Duration::from_millis(500));
    targets = render, input, cleaner
}
criterion_main!(benches);
