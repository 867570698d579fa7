//! The bytes a [`Screen`] sends, read back by `vt100` as a client would: after any sequence
//! of frames the client shows what a screen drawn from scratch shows, and the cells sent are
//! the ones ratatui's own diff picks.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::*;
use crate::term::modes;

const COLS: u16 = 80;
const ROWS: u16 = 24;

/// A small deterministic generator: the same sequences on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A client's terminal that has just received `modes::ENTER`.
fn client(cols: u16, rows: u16) -> vt100::Parser {
    let mut p = vt100::Parser::new(NonZeroU16::new(rows).unwrap(), NonZeroU16::new(cols).unwrap(), 0);
    p.process(modes::ENTER.as_bytes());
    p
}

/// What a client shows of `draw` drawn on a new screen.
fn fresh(cols: u16, rows: u16, draw: impl FnOnce(&mut Frame<'_>)) -> vt100::Parser {
    let mut p = client(cols, rows);
    p.process(&Screen::new(cols, rows).draw(draw).unwrap());
    p
}

/// What a client's screen shows, row by row: each cell's text, colours and attributes
/// (`·` for the second column of a wide character). `contents_formatted` would also tell
/// a space written over old text from a cell never written, and keep the foreground of a
/// blank cell (vt100 gives the current one to the half it blanks of a wide character cut
/// in two): things no one sees.
fn shows(s: &vt100::Screen) -> Vec<String> {
    let (rows, cols) = (s.size().0.get(), s.size().1.get());
    let cell = |r, c| match s.cell(r, c) {
        Some(cell) if cell.is_wide_continuation() => "·".to_string(),
        Some(cell) if cell.contents().trim().is_empty() && !cell.underline() && !cell.inverse() => {
            format!("[ {:?}]", cell.bgcolor())
        }
        Some(cell) => {
            let text = cell.contents();
            let attrs = [cell.bold(), cell.dim(), cell.italic(), cell.underline(), cell.inverse()];
            let attrs: String = attrs.iter().map(|a| if *a { '1' } else { '0' }).collect();
            format!("[{text}{:?}{:?}{attrs}]", cell.fgcolor(), cell.bgcolor())
        }
        None => "?".to_string(),
    };
    (0..rows).map(|r| (0..cols).map(|c| cell(r, c)).collect()).collect()
}

/// The client shows the same cells, and the same cursor when it is shown.
fn assert_same(got: &vt100::Parser, expected: &vt100::Parser, what: &str) {
    let (g, e) = (got.screen(), expected.screen());
    let (got_rows, expected_rows) = (shows(g), shows(e));
    if let Some(r) = (0..expected_rows.len()).find(|&r| got_rows.get(r) != expected_rows.get(r)) {
        let text = |s: &vt100::Screen| s.contents().lines().nth(r).unwrap_or_default().to_string();
        panic!(
            "{what}: row {r} differs\n  got: {:?}\n want: {:?}\n  got: {:?}\n want: {:?}",
            text(g),
            text(e),
            got_rows.get(r),
            expected_rows.get(r)
        );
    }
    assert_eq!(g.hide_cursor(), e.hide_cursor(), "cursor shown, {what}");
    if !e.hide_cursor() {
        assert_eq!(g.cursor_position(), e.cursor_position(), "cursor, {what}");
    }
}

/// A page of numbered lines from `from`, in a bordered box under a title line, with a
/// status line: the shape of the reader.
fn page(f: &mut Frame<'_>, from: usize) {
    let (cols, rows) = (f.area().width, f.area().height);
    let lines: Vec<Line<'_>> = (from..from + 40)
        .map(|n| {
            Line::styled(format!("ligne {n} : le télétravail dans la vallée"), Style::new().fg(Color::Cyan))
        })
        .collect();
    f.render_widget(Line::from("Cédille — lecture"), Rect::new(0, 0, cols, 1));
    f.render_widget(
        Paragraph::new(lines).block(Block::new().borders(Borders::LEFT | Borders::RIGHT)),
        Rect::new(0, 1, cols, rows - 2),
    );
    f.render_widget(Line::from(format!("ligne {from}")), Rect::new(0, rows - 1, cols, 1));
}

#[test]
fn a_scrolled_frame_is_sent_as_a_scroll_and_shows_the_same_screen() {
    let mut screen = Screen::new(COLS, ROWS);
    let mut shown = client(COLS, ROWS);
    let full = screen.draw(|f| page(f, 0)).unwrap();
    shown.process(&full);
    for (from, last) in [(1, false), (2, false), (5, false), (4, false), (0, true)] {
        let step = screen.draw(|f| page(f, from)).unwrap();
        if !last {
            assert!(
                step.len() * 4 < full.len(),
                "scrolling to {from} took {} bytes of {}",
                step.len(),
                full.len()
            );
        }
        shown.process(&step);
        assert_same(&shown, &fresh(COLS, ROWS, |f| page(f, from)), &format!("at {from}"));
    }
}

#[test]
fn a_frame_that_did_not_move_is_not_scrolled() {
    let mut screen = Screen::new(COLS, ROWS);
    screen.draw(|f| page(f, 0)).unwrap();
    let step = screen
        .draw(|f| {
            page(f, 0);
            f.render_widget(Line::from("autre statut"), Rect::new(0, ROWS - 1, COLS, 1));
        })
        .unwrap();
    let step = String::from_utf8(step).unwrap();
    assert!(!step.contains("\x1b[r"), "a scroll region for a changed status line: {step:?}");
    assert!(step.contains("statut"), "{step:?}");
}

#[test]
fn a_frame_like_the_last_sends_nothing_and_the_cursor_only_what_changed() {
    let mut screen = Screen::new(COLS, ROWS);
    let with_cursor = |x, y| {
        move |f: &mut Frame<'_>| {
            page(f, 3);
            f.set_cursor_position((x, y));
        }
    };
    assert!(!screen.draw(with_cursor(4, 2)).unwrap().is_empty());
    assert_eq!(screen.draw(with_cursor(4, 2)).unwrap(), b"");
    assert_eq!(screen.draw(with_cursor(7, 2)).unwrap(), b"\x1b[3;8H");
    assert_eq!(screen.draw(|f| page(f, 3)).unwrap(), b"\x1b[?25l");
    assert_eq!(screen.draw(|f| page(f, 3)).unwrap(), b"");
    // Shown again where it was: only shown, not moved.
    assert_eq!(screen.draw(with_cursor(7, 2)).unwrap(), b"\x1b[?25h");
}

#[test]
fn a_new_size_clears_the_client_and_draws_everything() {
    let mut screen = Screen::new(COLS, ROWS);
    let mut shown = client(COLS, ROWS);
    shown.process(&screen.draw(|f| page(f, 0)).unwrap());
    screen.resize(60, 20);
    shown.set_size(NonZeroU16::new(20).unwrap(), NonZeroU16::new(60).unwrap());
    let bytes = screen.draw(|f| page(f, 0)).unwrap();
    assert!(bytes.starts_with(b"\x1b[2J"), "{:?}", String::from_utf8_lossy(&bytes));
    shown.process(&bytes);
    assert_same(&shown, &fresh(60, 20, |f| page(f, 0)), "after the resize");
    // Another program had the terminal: cleared, drawn again, the cursor said again.
    screen.clear();
    let again = screen.draw(|f| page(f, 0)).unwrap();
    assert!(
        again.starts_with(b"\x1b[2J") && again.ends_with(b"\x1b[?25l"),
        "{:?}",
        String::from_utf8_lossy(&again)
    );
    shown.process(b"\x1b[?25hsomething else\x1b[2J");
    shown.process(&again);
    assert_same(&shown, &fresh(60, 20, |f| page(f, 0)), "after the editor");
}

/// What a random step draws: which lines, which one is selected, the text's indent (wide
/// characters then land on other columns), the colours and the cursor.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Scene {
    from: usize,
    selected: Option<usize>,
    indent: u16,
    flavour: u64,
    cursor: Option<(u16, u16)>,
}

const TEXTS: &[&str] = &[
    "ligne {n} : le télétravail dans la vallée",
    "日本 {n} 日本語のテキスト、あいう",
    "👍 {n} bravo à Crest, ça marche",
    "cafe\u{301} {n} : un accent combinant, n\u{303}",
    "« guillemets » {n} où ça ? ç ô ê ï Œ",
    "{n}",
];

fn styled(n: usize, flavour: u64, selected: bool) -> Style {
    let fg = match (n as u64 + flavour) % 4 {
        0 => Color::Cyan,
        1 => Color::Rgb(200, 120, (n % 250) as u8),
        2 => Color::Indexed((n % 200) as u8 + 16),
        _ => Color::Reset,
    };
    let mut style = Style::new().fg(fg);
    if (n as u64 + flavour).is_multiple_of(5) {
        style = style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    }
    if selected {
        style = style.bg(Color::Blue).add_modifier(Modifier::REVERSED);
    }
    style
}

fn scene(f: &mut Frame<'_>, s: Scene) {
    let (cols, rows) = (f.area().width, f.area().height);
    let lines: Vec<Line<'_>> = (s.from..s.from + usize::from(rows))
        .map(|n| {
            let text = TEXTS[(n + s.flavour as usize / 3) % TEXTS.len()].replace("{n}", &n.to_string());
            let indent = " ".repeat(usize::from(s.indent));
            Line::from(vec![
                Span::raw(indent),
                Span::styled(text, styled(n, s.flavour, s.selected == Some(n))),
            ])
        })
        .collect();
    f.render_widget(Line::from("👩\u{200d}💻 Cédille — lecture"), Rect::new(0, 0, cols, 1));
    f.render_widget(
        Paragraph::new(lines).block(Block::new().borders(Borders::LEFT | Borders::RIGHT)),
        Rect::new(0, 1, cols, rows.saturating_sub(2)),
    );
    let status = format!("ligne {} — 日本 {}", s.from, s.flavour);
    f.render_widget(Line::from(status), Rect::new(0, rows.saturating_sub(1), cols, 1));
    if let Some((x, y)) = s.cursor {
        f.set_cursor_position((x % cols, y % rows));
    }
}

/// One random change to `s`, or none (the frame then sends nothing); a new size sometimes.
fn step(rng: &mut Rng, s: &mut Scene) -> Option<(u16, u16)> {
    match rng.below(20) {
        0..=6 => s.from = (s.from as i64 + rng.below(7) as i64 - 3).max(0) as usize,
        7..=9 => s.selected = Some(s.from + rng.below(20) as usize),
        10..=11 => s.cursor = rng.below(3).ne(&0).then(|| (rng.below(90) as u16, rng.below(30) as u16)),
        12 => s.indent = rng.below(3) as u16,
        13 => s.flavour = rng.below(12),
        14 => {
            let sizes = [(80, 24), (60, 20), (100, 30), (41, 12), (80, 24)];
            return Some(sizes[rng.below(sizes.len() as u64) as usize]);
        }
        _ => {}
    }
    None
}

#[test]
fn after_any_sequence_of_frames_the_client_shows_what_a_fresh_screen_shows() {
    for seed in [1u64, 7, 2024, 0xcafe] {
        let mut rng = Rng(seed);
        let (mut cols, mut rows) = (COLS, ROWS);
        let mut screen = Screen::new(cols, rows);
        let mut shown = client(cols, rows);
        let mut s = Scene { from: 0, selected: None, indent: 0, flavour: 0, cursor: None };
        shown.process(&screen.draw(|f| scene(f, s)).unwrap());
        let (mut scrolled, mut silent) = (0, 0);
        for n in 0..150 {
            let before = (s, cols, rows);
            if let Some((c, r)) = step(&mut rng, &mut s) {
                (cols, rows) = (c, r);
                screen.resize(c, r);
                shown.set_size(NonZeroU16::new(r).unwrap(), NonZeroU16::new(c).unwrap());
            }
            let bytes = screen.draw(|f| scene(f, s)).unwrap();
            if before == (s, cols, rows) {
                assert_eq!(bytes, b"", "seed {seed}, step {n}: nothing changed");
                silent += 1;
            }
            scrolled += usize::from(bytes.windows(3).any(|w| w == b"\x1b[r"));
            shown.process(&bytes);
            assert_same(
                &shown,
                &fresh(cols, rows, |f| scene(f, s)),
                &format!("seed {seed}, step {n}: {s:?}"),
            );
        }
        assert!(scrolled > 10 && silent > 10, "seed {seed}: {scrolled} scrolls, {silent} frames unchanged");
    }
}

#[test]
fn two_sessions_of_different_sizes_drawing_in_turn_never_see_each_other() {
    let mut big = Screen::new(100, 30);
    let mut small = Screen::new(30, 8);
    let (mut big_shown, mut small_shown) = (client(100, 30), client(30, 8));
    let big_frame = |n: usize| move |f: &mut Frame<'_>| page(f, n);
    let small_frame = |n: usize| {
        move |f: &mut Frame<'_>| f.render_widget(Line::from(format!("petit {n}")), Rect::new(2, 3, 20, 1))
    };
    for n in 0..6 {
        let bytes = small.draw(small_frame(n)).unwrap();
        assert!(!String::from_utf8_lossy(&bytes).contains("ligne"), "{n}: {bytes:?}");
        small_shown.process(&bytes);
        assert_same(&small_shown, &fresh(30, 8, small_frame(n)), &format!("small, {n}"));
        big_shown.process(&big.draw(big_frame(n)).unwrap());
        assert_same(&big_shown, &fresh(100, 30, big_frame(n)), &format!("big, {n}"));
    }
    // A frame that panicked halfway leaves nothing for the next one on this thread.
    let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = big.draw(|f| {
            f.render_widget(Line::from("à moitié"), Rect::new(0, 5, 20, 1));
            panic!("halfway");
        });
    }));
    assert!(panicked.is_err());
    let bytes = small.draw(small_frame(6)).unwrap();
    assert!(!String::from_utf8_lossy(&bytes).contains("moitié"), "{bytes:?}");
    small_shown.process(&bytes);
    assert_same(&small_shown, &fresh(30, 8, small_frame(6)), "small, after a panic elsewhere");
}

#[test]
fn an_emoji_sequence_is_kept_once_and_sent_once() {
    let mut screen = Screen::new(COLS, ROWS);
    // A flag: sent as it is (a ZWJ sequence is sent as its first emoji, `term::emoji`).
    let draw = |f: &mut Frame<'_>| f.render_widget(Line::from("🇫🇷 et 🇫🇷"), f.area());
    let bytes = String::from_utf8(screen.draw(draw).unwrap()).unwrap();
    assert_eq!(bytes.matches("🇫🇷").count(), 2, "{bytes:?}");
    assert_eq!(screen.symbols.len(), 1, "the sequence is kept once");
    assert_eq!(screen.draw(draw).unwrap(), b"");
}

/// A buffer of random text, styles and diff options, the way widgets leave them.
fn random_buffer(rng: &mut Rng, w: u16, h: u16) -> Buffer {
    const WORDS: &[&str] = &["a", "é", "日本", "👍", "❤\u{fe0f}", "👩\u{200d}💻", "e\u{301}", "  ", "xyz"];
    let mut b = Buffer::empty(Rect::new(0, 0, w, h));
    for y in 0..h {
        let mut text = String::new();
        while text.len() < usize::from(w) {
            text.push_str(WORDS[rng.below(WORDS.len() as u64) as usize]);
        }
        let bg = [Color::Reset, Color::Red, Color::Rgb(1, 2, 3)][rng.below(3) as usize];
        let modifier = [Modifier::empty(), Modifier::REVERSED, Modifier::BOLD][rng.below(3) as usize];
        let x = rng.below(3) as u16;
        b.set_stringn(x, y, &text, usize::from(w - x), Style::new().bg(bg).add_modifier(modifier));
    }
    for _ in 0..rng.below(4) {
        let (x, y) = (rng.below(u64::from(w) - 2) as u16, rng.below(u64::from(h)) as u16);
        let option = match rng.below(4) {
            0 => CellDiffOption::Skip,
            1 => CellDiffOption::AlwaysUpdate,
            2 => CellDiffOption::ForcedWidth(NonZeroU16::MIN.saturating_add(1)),
            _ => CellDiffOption::None,
        };
        #[allow(deprecated)]
        b[(x, y)].set_diff_option(option).set_skip(rng.below(5) == 0);
    }
    b
}

#[test]
fn the_cells_sent_are_the_ones_ratatui_would_send() {
    let mut rng = Rng(99);
    for n in 0..400 {
        let (w, h) = (12 + rng.below(20) as u16, 1 + rng.below(4) as u16);
        let (prev, next) = (random_buffer(&mut rng, w, h), random_buffer(&mut rng, w, h));
        let mut screen = Screen::new(w, h);
        let mut scratch = Vec::new();
        screen.update(&prev, None, &mut scratch).unwrap();
        let packed: Vec<Packed> = next.content.iter().map(|c| screen.symbols.pack(c)).collect();
        let ours = screen.changes(&packed, &next.content);
        let theirs: Vec<usize> = prev
            .diff(&next)
            .iter()
            .map(|(x, y, _)| usize::from(*y) * usize::from(w) + usize::from(*x))
            .collect();
        // Everything ratatui sends, in its order, and besides only columns of a wide
        // character the client showed, cut in two.
        let same: Vec<usize> = ours.iter().copied().filter(|i| theirs.contains(i)).collect();
        assert_eq!(same, theirs, "case {n}: {prev:?} then {next:?}");
        let wide = |i: usize| prev.content[i].cell_width() > 1;
        for extra in ours.iter().filter(|i| !theirs.contains(i)) {
            assert!(
                wide(*extra) || (*extra > 0 && wide(extra - 1)),
                "case {n}: {extra} sent: {prev:?} then {next:?}"
            );
        }
    }
}

#[test]
fn a_screen_holds_16_bytes_a_cell() {
    for (c, r) in [(80u16, 24u16), (200, 60)] {
        let mut screen = Screen::new(c, r);
        screen
            .draw(|f| scene(f, Scene { from: 3, selected: Some(5), indent: 1, flavour: 2, cursor: None }))
            .unwrap();
        let cells = usize::from(c) * usize::from(r);
        let held = std::mem::size_of::<Screen>() + screen.heap_bytes();
        assert!(held <= cells * 16 + 1024, "{c}×{r}: {held} bytes");
        println!("{c}×{r}: a session's screen holds {held} bytes, {} a cell", held as f64 / cells as f64);
    }
}

/// The 16 colours (the theme of a terminal declaring 8 or 16) are sent as SGR 30–37/90–97
/// and 40–47/100–107, never `38;5;N`, and the client shows them as a fresh screen does.
#[test]
fn the_16_colours_are_sent_as_plain_sgr_codes() {
    let draw = |f: &mut Frame<'_>| {
        let line = Line::from(vec![
            Span::styled("jaune", Style::new().fg(Color::Yellow).bg(Color::Blue)),
            Span::styled(" gris", Style::new().fg(Color::DarkGray).bg(Color::White)),
            Span::styled(" 256", Style::new().fg(Color::Indexed(173))),
        ]);
        f.render_widget(line, Rect::new(0, 0, COLS, 1));
    };
    let bytes = String::from_utf8(Screen::new(COLS, ROWS).draw(draw).unwrap()).unwrap();
    for plain in ["33", "44", "90", "107"] {
        assert!(
            bytes.contains(&format!("\x1b[{plain}m"))
                || bytes.contains(&format!(";{plain}m"))
                || bytes.contains(&format!("[{plain};")),
            "{plain} in {bytes:?}"
        );
    }
    assert!(!bytes.contains("38;5;3m") && !bytes.contains("48;5;"), "{bytes:?}");
    assert!(bytes.contains("38;5;173"), "{bytes:?}");
    let shown = fresh(COLS, ROWS, draw);
    let cell = shown.screen().cell(0, 0).unwrap();
    assert_eq!((cell.fgcolor(), cell.bgcolor()), (vt100::Color::Idx(3), vt100::Color::Idx(4)));
    let cell = shown.screen().cell(0, 6).unwrap();
    assert_eq!((cell.fgcolor(), cell.bgcolor()), (vt100::Color::Idx(8), vt100::Color::Idx(15)));
}
