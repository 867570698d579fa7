//! Screen tests: the App driven by events, drawn on ratatui's TestBackend, checked on what a
//! person would read.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{DateTime, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

use cedille::domain::{Article, ArticleSummary, Identity};
use cedille::i18n::Lang;
use cedille::term::colors::ColorDepth;
use cedille::ui::{self, App, Event, Key};
use cedille::ui::{BulletinOp, BulletinResult, ProfileOp};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn now() -> DateTime<Utc> {
    at("2026-11-27T12:00:00Z")
}

fn summary(
    id: i64,
    title: &str,
    rubrique: &str,
    date: &str,
    comments: i64,
    unread: Option<bool>,
) -> ArticleSummary {
    ArticleSummary {
        id,
        slug: format!("article-{id}"),
        title: title.into(),
        rubrique: rubrique.into(),
        author: "Sofia".into(),
        published_at: at(date),
        comments,
        unread,
    }
}

fn list(unread: Option<bool>) -> Vec<ArticleSummary> {
    vec![
        summary(3, "Agenda de l'hiver à Die", "Agenda", "2026-11-19T16:00:00Z", 2, unread),
        summary(2, "La fibre arrive à Saillans", "État des lieux", "2026-10-08T12:00:00Z", 1, Some(false)),
        summary(1, "Où télétravailler ensemble ?", "Plaidoyer", "2026-03-05T08:00:00Z", 0, unread),
    ]
}

const BODY: &str = "## Ce qui change\n\nLe réseau public[^1] couvre *presque* toute la vallée : \
voir [la carte](https://example.org/carte) et **surtout** la [carte](https://example.org/carte).\n\n\
- Crest\n- Die\n\n> Une citation « entre guillemets » !\n\n[^1]: Ardèche Drôme Numérique.\n";

fn article(id: i64) -> Article {
    let mut s = list(Some(true)).into_iter().find(|a| a.id == id).unwrap();
    s.unread = Some(false);
    Article { summary: s, body: BODY.into() }
}

fn member() -> Identity {
    Identity::Member { user_id: 1, fingerprint: "SHA256:abcdefghijklmnopqrstuvwxyz".into(), handle: None }
}

fn app(identity: Identity, depth: ColorDepth, cols: u16, rows: u16) -> App {
    let unread = if identity.is_guest() { None } else { Some(true) };
    let (mut app, effects) = App::new(identity, Lang::Fr, depth, (cols, rows), now());
    let mut expected = vec![ui::Effect::Bulletin(BulletinOp::LoadArticles)];
    if !identity_is_guest(unread) {
        // A member's role is read at the start: moderators get their keys. Their notices
        // too: the top bar counts them.
        expected.push(ui::Effect::Profile(ProfileOp::LoadMember));
        expected.push(ui::Effect::Follow(ui::FollowOp::Check { known: 0 }));
    }
    assert_eq!(effects, expected);
    app.update(Event::Bulletin(BulletinResult::Articles(Ok(list(unread).into()))));
    app
}

fn identity_is_guest(unread: Option<bool>) -> bool {
    unread.is_none()
}

fn render(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    t.draw(|f| ui::draw(app, f)).unwrap();
    t
}

fn text(app: &App) -> Vec<String> {
    let t = render(app);
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>())
        .collect()
}

/// The screen as one string, no-break spaces read as spaces (as a person sees them).
fn screen(app: &App) -> String {
    text(app).join("\n").replace('\u{a0}', " ")
}

fn open_first(app: &mut App) {
    let effects = app.update(Event::Key(Key::Enter));
    assert_eq!(
        effects,
        vec![
            ui::Effect::Bulletin(BulletinOp::LoadArticle(3)),
            ui::Effect::Bulletin(BulletinOp::LoadComments(3))
        ]
    );
    let effects = app.update(Event::Bulletin(BulletinResult::Article(Ok(Some(article(3))))));
    assert_eq!(
        effects,
        vec![ui::Effect::Bulletin(BulletinOp::MarkRead(3)), ui::Effect::Bulletin(BulletinOp::LoadAuthor(3))]
    );
    app.update(Event::Bulletin(BulletinResult::Comments(3, Ok(Vec::new().into()))));
}

#[test]
fn the_list_shows_rubrique_french_date_author_comments_and_unread_markers() {
    let a = app(member(), ColorDepth::Ansi256, 80, 24);
    let s = screen(&a);
    assert!(s.contains("Cédille · Bulletin"), "{s}");
    assert!(s.contains("● Agenda de l'hiver à Die"), "{s}");
    assert!(s.contains("Agenda · 19 nov. 2026 · par Sofia · 2 commentaires"), "{s}");
    assert!(s.contains("État des lieux · 8 oct. 2026"), "{s}");
    assert!(s.contains("aucun commentaire"), "{s}");
    // The article already read has no marker.
    assert!(s.contains("  La fibre arrive à Saillans"), "{s}");
    assert!(!s.contains("● La fibre"), "{s}");
    let lines = text(&a);
    assert!(lines[23].contains("Entrée lire") && lines[23].contains("q quitter"), "{}", lines[23]);
    assert!(lines[23].trim_end().ends_with("1/3"), "{}", lines[23]);
}

#[test]
fn guests_see_no_unread_markers_and_are_told_they_only_read() {
    let a = app(Identity::Guest, ColorDepth::Ansi256, 80, 24);
    let s = screen(&a);
    assert!(s.contains("invité·e (lecture seule)"), "{s}");
    assert!(!s.contains('●'), "{s}");
}

#[test]
fn moving_down_and_opening_renders_markdown_with_references_and_notes() {
    let mut a = app(member(), ColorDepth::Ansi256, 80, 30);
    a.update(Event::Key(Key::Char('j')));
    assert!(text(&a)[23].contains("2/3") || screen(&a).contains("2/3"));
    a.update(Event::Key(Key::Char('k')));
    open_first(&mut a);
    let s = screen(&a);
    assert!(s.contains("AGENDA"), "{s}");
    assert!(s.contains("Agenda de l'hiver à Die"), "{s}");
    assert!(s.contains("par Sofia · jeudi 19 novembre 2026"), "{s}");
    assert!(s.contains("Ce qui change"), "{s}");
    assert!(s.contains("• Crest"), "{s}");
    assert!(s.contains("│ Une citation « entre guillemets » !"), "{s}");
    // The same URL twice keeps one number; links are listed at the end.
    assert!(s.contains("la carte [1]"), "{s}");
    assert!(s.contains("carte [1]."), "{s}");
    assert!(s.contains("Liens") && s.contains("[1] https://example.org/carte"), "{s}");
    assert!(s.contains("Notes") && s.contains("Ardèche Drôme Numérique."), "{s}");
    // The list marker of the opened article is gone.
    a.update(Event::Key(Key::Esc));
    assert!(!screen(&a).contains("● Agenda"), "{}", screen(&a));
}

#[test]
fn the_reader_scrolls_with_a_position_indicator() {
    let mut a = app(member(), ColorDepth::Ansi256, 60, 20);
    open_first(&mut a);
    let status = |a: &App| text(a)[19].clone();
    assert!(status(&a).trim_end().ends_with("Début"), "{}", status(&a));
    // At the smallest size the way back and the help still show; the rest is in `?`.
    assert!(status(&a).contains("Échap retour") && status(&a).contains("? aide"), "{}", status(&a));
    a.update(Event::Key(Key::Char('G')));
    assert!(status(&a).trim_end().ends_with("Fin"), "{}", status(&a));
    assert!(screen(&a).contains("[1] https://example.org/carte"));
    a.update(Event::Key(Key::Char('g')));
    assert!(status(&a).trim_end().ends_with("Début"));
    a.update(Event::Scroll(3));
    assert!(!status(&a).trim_end().ends_with("Début"), "{}", status(&a));
}

#[test]
fn french_typography_never_breaks_before_punctuation_or_inside_guillemets() {
    for cols in 60..=100 {
        let mut a = app(member(), ColorDepth::Ansi256, cols, 40);
        open_first(&mut a);
        for line in text(&a).iter().skip(1).take(38) {
            let t = line.trim();
            for bad in [":", ";", "!", "?", "»"] {
                assert!(!t.starts_with(bad), "width {cols}: line starts with {bad}: {t}");
            }
            assert!(!t.ends_with('«'), "width {cols}: line ends with «: {t}");
        }
    }
}

#[test]
fn a_resize_rewraps_the_article_to_the_new_width() {
    let mut a = app(member(), ColorDepth::Ansi256, 200, 60);
    open_first(&mut a);
    let wide = text(&a);
    // At 200 columns the text keeps a reading measure of at most 100, centred.
    for line in &wide[1..59] {
        let used = line.trim_end().chars().count();
        let start = line.chars().take_while(|c| *c == ' ').count();
        assert!(line.trim().is_empty() || (start >= 50 && used <= 150), "{line:?}");
    }
    a.update(Event::Resize(60, 20));
    for line in &text(&a)[1..19] {
        assert!(line.chars().count() == 60);
        assert!(line.chars().skip(58).all(|c| c == ' ' || c == '█' || c == '║'), "{line:?}");
    }
}

#[test]
fn below_60_by_20_one_screen_asks_to_enlarge() {
    let mut a = app(member(), ColorDepth::Ansi256, 59, 20);
    assert!(screen(&a).contains("Fenêtre trop petite (59×20)"), "{}", screen(&a));
    assert!(screen(&a).contains("au moins 60×20"));
    a.update(Event::Resize(60, 19));
    assert!(screen(&a).contains("60×19"));
    a.update(Event::Resize(60, 20));
    assert!(screen(&a).contains("Agenda de l'hiver"));
}

#[test]
fn help_lists_the_keys_and_closes_with_escape() {
    let mut a = app(member(), ColorDepth::Ansi256, 60, 20);
    a.update(Event::Key(Key::Char('?')));
    let s = screen(&a);
    assert!(s.contains("Aide") && s.contains("Partout") && s.contains("bulletin → agenda → espaces"), "{s}");
    // At 60×20 the help does not fit: it says so, and the arrows bring the rest.
    assert!(s.contains(" ↓ ") && !s.contains("Dans les espaces"), "{s}");
    for _ in 0..200 {
        a.update(Event::Key(Key::Down));
    }
    let s = screen(&a);
    assert!(s.contains("Dans le réseau") && s.contains("bloquer ce membre"), "{s}");
    a.update(Event::Key(Key::Up));
    assert_ne!(screen(&a), s, "one ↑ scrolls back at once");
    // g and G, as the help itself says: the top, the end.
    a.update(Event::Key(Key::Char('g')));
    assert!(screen(&a).contains("Partout"), "{}", screen(&a));
    a.update(Event::Key(Key::Char('G')));
    assert!(screen(&a).contains("bloquer ce membre"), "{}", screen(&a));
    // Keys other than the closing and scrolling ones do nothing while help is open.
    assert!(a.update(Event::Key(Key::Char('G'))).is_empty());
    assert!(a.update(Event::Key(Key::Char('q'))).is_empty());
    assert!(!screen(&a).contains("Partout"));
}

#[test]
fn l_switches_to_english_and_back() {
    let mut a = app(member(), ColorDepth::Ansi256, 80, 24);
    assert_eq!(
        a.update(Event::Key(Key::Char('L'))),
        vec![ui::Effect::Profile(ProfileOp::SaveLang(Lang::En))]
    );
    let s = screen(&a);
    assert!(s.contains("Enter read") && s.contains("19 Nov 2026 · by Sofia · 2 comments"), "{s}");
    a.update(Event::Key(Key::Char('L')));
    assert!(screen(&a).contains("Entrée lire"));
}

#[test]
fn without_colour_every_state_reads_from_attributes() {
    let a = app(member(), ColorDepth::None, 80, 24);
    let t = render(&a);
    let buf = t.backend().buffer();
    for cell in buf.content() {
        assert!(matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset), "{cell:?}");
    }
    // The selected article is reversed.
    let row = (0..24)
        .find(|&y| (0..80).map(|x| buf[(x, y)].symbol()).collect::<String>().contains("Agenda de l'hiver"))
        .unwrap();
    assert!(buf[(5, row)].modifier.contains(Modifier::REVERSED));
}

/// Sixteen colours are the terminal's own, on a dark or a light background: no text in a
/// colour that one of them makes unreadable (blue on black; yellow, cyan, white on white),
/// and the bars black on cyan, not on blue.
#[test]
fn sixteen_colours_read_on_dark_and_light_backgrounds() {
    let mut a = app(member(), ColorDepth::Ansi16, 80, 24);
    let mut screens = vec![render(&a)];
    open_first(&mut a);
    a.update(Event::Bulletin(BulletinResult::Article(Ok(Some(article(3))))));
    screens.push(render(&a));
    let pale = [Color::Blue, Color::LightBlue, Color::Yellow, Color::LightYellow, Color::Cyan];
    let pale = [pale.as_slice(), &[Color::LightCyan, Color::White, Color::Gray]].concat();
    for t in &screens {
        let buf = t.backend().buffer();
        for cell in buf.content() {
            // Black on cyan is the bars' one pair; a pale colour is never a foreground.
            let on_bar = cell.bg == Color::Cyan && cell.fg == Color::Black;
            assert!(on_bar || cell.bg == Color::Reset, "{cell:?}");
            assert!(!pale.contains(&cell.fg), "{cell:?}");
        }
        for row in [0, 23] {
            assert_eq!((buf[(1, row)].bg, buf[(1, row)].fg), (Color::Cyan, Color::Black), "row {row}");
        }
    }
    // The selected article stands out as it does without colour: reversed.
    let buf = screens[0].backend().buffer();
    let row = (0..24)
        .find(|&y| (0..80).map(|x| buf[(x, y)].symbol()).collect::<String>().contains("Agenda de l'hiver"))
        .unwrap();
    assert!(buf[(5, row)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let (mut a, _) = App::new(member(), Lang::Fr, ColorDepth::Ansi256, (80, 24), now());
    let evil = summary(
        9,
        "Titre\x1b[2J\x1b]0;pwn\x07 \u{202e}ecnarf\u{202c} fin",
        "Ru\u{9b}brique",
        "2026-11-19T16:00:00Z",
        0,
        None,
    );
    a.update(Event::Bulletin(BulletinResult::Articles(Ok(vec![evil.clone()].into()))));
    a.update(Event::Key(Key::Enter));
    a.update(Event::Bulletin(BulletinResult::Article(Ok(Some(Article {
        summary: evil,
        body: "Corps \x1b[31mrouge\x07 \u{200b}ok".into(),
    })))));
    let s = screen(&a);
    for bad in ['\x1b', '\x07', '\u{202e}', '\u{202c}', '\u{9b}', '\u{200b}'] {
        assert!(!s.contains(bad), "{bad:?} reached the screen: {s}");
    }
    assert!(s.contains("fin") && s.contains("ok"), "{s}");
}

#[test]
fn ctrl_c_quits_from_anywhere() {
    let mut a = app(member(), ColorDepth::Ansi256, 80, 24);
    open_first(&mut a);
    a.update(Event::Key(Key::Char('?')));
    assert_eq!(a.update(Event::Key(Key::Ctrl('c'))), Vec::new(), "nothing more to perform");
    assert!(a.wants_quit());
}

#[test]
fn a_failed_load_says_so_and_keeps_the_app_alive() {
    let (mut a, _) = App::new(member(), Lang::Fr, ColorDepth::Ansi16, (80, 24), now());
    assert!(screen(&a).contains("Chargement"));
    a.update(Event::Bulletin(BulletinResult::Articles(Err(cedille::domain::Fault::Unavailable))));
    assert!(screen(&a).contains("Impossible de lire la base"));
    assert_eq!(a.update(Event::Key(Key::Char('r'))), vec![ui::Effect::Bulletin(BulletinOp::LoadArticles)]);
}
