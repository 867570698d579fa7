//! A session follows its client's terminal type and locale: what the Linux console or a
//! VT100 lacks is never sent, and a terminal without UTF-8 gets no byte of UTF-8, yet both
//! show the screen an xterm shows.

mod session;

use cedille::domain::member::CharsetChoice;
use cedille::term::Profile;
use session::*;

/// Whether `raw` holds a scroll-up or scroll-down sequence (`ESC [ n S`, `ESC [ n T`).
fn has_su_sd(raw: &[u8]) -> bool {
    raw.windows(2).enumerate().any(|(i, w)| {
        w == b"\x1b[" && {
            let digits = raw[i + 2..].iter().take_while(|b| b.is_ascii_digit()).count();
            matches!(raw.get(i + 2 + digits), Some(b'S' | b'T'))
        }
    })
}

/// The article drawn at its start: not while it loads, when a key would be lost under the
/// article that then arrives at its top.
async fn article_shown(s: &mut Session) {
    s.wait_for("the article at its start", |t| last_row(t).contains("Début") && !t.contains("Chargement"))
        .await;
}

/// Opens the newest article and goes to its end, once everything of it is loaded (its
/// comments last); the screen then. The keys after it only move what is loaded.
async fn open_to_the_end(s: &mut Session) -> String {
    s.wait_status("1/9").await;
    s.send(ENTER).await;
    article_shown(s).await;
    s.send(b"G").await;
    s.wait_for("the end of the article, its comments loaded", |t| {
        last_row(t).ends_with("Fin") && t.contains("Aucun commentaire pour l'instant")
    })
    .await
}

/// Keys that scroll through the article line by line, by pages, to its start and back.
const KEYS: &[&[u8]] = &[b"g", DOWN, DOWN, DOWN, b"j", b"j", b" ", b"G", UP, UP, UP, b"k", b"g"];

/// The screen at the end, then after each of [`KEYS`].
async fn read_and_scroll(s: &mut Session) -> Vec<String> {
    let mut screens = vec![open_to_the_end(s).await];
    for key in KEYS {
        let before = s.text();
        s.send(key).await;
        screens.push(s.wait_for("the article to move", |t| t != before).await);
    }
    screens
}

/// Sends [`KEYS`] to `s`, waiting after each for the screen `seen` says.
async fn replay(s: &mut Session, seen: &[String], term: &str) {
    assert_eq!(open_to_the_end(s).await, seen[0], "TERM={term}: the end of the article");
    for (key, want) in KEYS.iter().zip(&seen[1..]) {
        s.send(key).await;
        s.wait_for(&format!("TERM={term} to show what an xterm showed"), |t| t == want).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_linux_console_and_vt_terminals_never_get_su_or_sd_and_show_what_an_xterm_shows() {
    let h = Harness::new();
    let mut xterm = h.guest_on(80, 24, Profile::new(Some("xterm-256color"), [None, None, None]));
    let seen = read_and_scroll(&mut xterm).await;
    assert!(has_su_sd(xterm.raw()), "an xterm scrolls with SU/SD");
    for term in ["linux", "vt100", "vt220"] {
        let mut s = h.guest_on(80, 24, Profile::new(Some(term), [None, None, None]));
        replay(&mut s, &seen, term).await;
        assert!(!has_su_sd(s.raw()), "TERM={term} was sent SU/SD");
        let raw = String::from_utf8_lossy(s.raw()).to_string();
        for mode in ["\x1b[?1049h", "\x1b[?1000h", "\x1b[?1006h", "\x1b[?2004h"] {
            assert!(!raw.contains(mode), "TERM={term} was sent {mode:?}");
        }
        if term != "vt100" {
            assert!(
                raw.contains("M\x1b[r") || raw.contains("L\x1b[r"),
                "TERM={term} scrolls with delete/insert line"
            );
        }
        s.end_with(CTRL_C).await;
    }
    xterm.end_with(CTRL_C).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_terminal_without_utf8_gets_ascii_and_latin1_its_own_bytes() {
    let h = Harness::new();
    let mut ascii = h.guest_on(80, 24, Profile::new(Some("xterm"), [None, None, Some("C")]));
    let list = ascii.wait_status("1/9").await;
    assert!(list.contains("Tab -> Agenda"), "{list}");
    ascii.send(ENTER).await;
    let text = ascii.wait_text("par Camille (Die) . jeudi 19 novembre 2026").await;
    assert!(text.contains("Agenda de l'hiver, de Crest a Privas en passant par Die"), "{text}");
    assert!(text.contains("^v defiler") && text.contains("Echap retour"), "{text}");
    assert!(text.contains("Cedille . Bulletin"), "{text}");
    ascii.send(ESC).await;
    ascii.wait_status("1/9").await;
    let end = ascii.end_with(b"q").await;
    assert!(ascii.raw().is_ascii(), "a byte above 127 was sent to LANG=C");
    assert!(text.is_ascii(), "{text}");
    assert_eq!(end, Some(cedille::runtime::End::Quit));

    let mut latin1 = h.guest_on(
        80,
        24,
        Profile::new(Some("xterm"), [None, Some("fr_FR.ISO-8859-1"), Some("fr_FR.UTF-8")]),
    );
    latin1.wait_status("1/9").await;
    latin1.end_with(b"q").await;
    let raw = latin1.raw();
    assert!(std::str::from_utf8(raw).is_err(), "Latin-1 bytes");
    let title: Vec<u8> = NEWEST_TITLE.chars().map(|c| u8::try_from(u32::from(c)).unwrap()).collect();
    assert!(raw.windows(title.len()).any(|w| w == title), "the newest title in Latin-1");
    // Read as Latin-1, the bytes show French, not UTF-8 read byte by byte (« Ã© », C1 controls).
    let read: String = raw.iter().map(|&b| char::from(b)).collect();
    assert!(read.contains("invité·e (lecture seule)"), "{read}");
    assert!(
        !read.contains(['Ã', 'Â']) && !read.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)),
        "UTF-8 sent"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_console_in_a_terminal_without_utf8_gets_only_ascii() {
    let h = Harness::new();
    let mut c = h.console_on("console:sofia", 100, 40, Profile::new(Some("xterm"), [None, None, Some("C")]));
    let text = c.wait_text("9  articles").await;
    assert!(top_row(&text).contains("Cedille . Tableau de bord"), "{text}");
    c.end_with(b"q").await;
    assert!(c.raw().is_ascii(), "a byte above 127 was sent to LANG=C");
}

/// Comments as members write them, with what terminals draw at other widths than ratatui.
const WIDE_COMMENTS: &[&str] = &[
    "日本語のコメント、ありがとうございます 🙏 とても良い会でした",
    "Merci 😀 👍 🎉 pour la réunion de jeudi à Crest",
    "Drapeaux 🇫🇷 🇮🇹 🇪🇸 au café, et 🇩🇪🇬🇧 côte à côte",
    "Cafe\u{301} cre\u{300}me a\u{300} Die 👩\u{200d}💻 et 👍🏽, ❤\u{fe0f} et ☀\u{fe0f}",
    "한국어 댓글 🎉🎉🎉 et 中文字符测试",
];

/// The issue's own steps: a thread of wide characters, the article opened, `G`, then ↑
/// twice, and more. After each key the screen is drawn again whole, and must not change.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thread_of_wide_characters_scrolled_shows_what_a_full_redraw_shows() {
    let h = Harness::new();
    let member = h.member(Some("camille"));
    let now = chrono::Utc::now();
    let newest = h.store.articles().list_published(None, now).unwrap()[0].id;
    for n in 0..4 {
        for text in WIDE_COMMENTS {
            h.store
                .comments()
                .post(member.user_id, newest, None, &format!("{n} {text}"), &unmoderated(), now)
                .unwrap();
        }
    }
    for (term, size) in [("xterm-256color", (80, 24)), ("linux", (60, 20)), ("tmux-256color", (100, 30))] {
        let mut s = h.guest_on(size.0, size.1, Profile::new(Some(term), [None, None, None]));
        s.wait_status("1/9").await;
        s.send(ENTER).await;
        article_shown(&mut s).await;
        s.send(b"G").await;
        s.wait_for("the end of the thread", |t| last_row(t).ends_with("Fin") && t.contains("中文字符测试"))
            .await;
        let end = s.text();
        s.redrawn().await;
        let redrawn = s.wait_for("the thread laid out again", |t| !t.contains("Chargement")).await;
        assert_eq!(redrawn, end, "TERM={term}: the end of the thread");
        for key in [UP, UP, UP, b"g", b" ", b" ", b"k", b"k", b"\x1b[5~", DOWN, DOWN, b"G", UP] {
            let before = s.text();
            s.send(key).await;
            let moved = s
                .wait_for(&format!("the thread to move on {key:?}"), |t| {
                    t != before && !t.contains("Chargement")
                })
                .await;
            s.redrawn().await;
            // A new size, even the same, lays the thread out again.
            let redrawn = s.wait_for("the thread laid out again", |t| !t.contains("Chargement")).await;
            let differs: Vec<(usize, (&str, &str))> =
                moved.lines().zip(redrawn.lines()).enumerate().filter(|(_, (a, b))| a != b).collect();
            assert!(differs.is_empty(), "TERM={term}, after {key:?}: (row, (shown, redrawn)) {differs:#?}");
        }
        s.end_with(CTRL_C).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_profile_chooses_the_characters_at_once_and_for_the_next_sessions_over_the_locale() {
    let h = Harness::new();
    let m = h.member(Some("camille"));
    let mut s = h.member_session(&m, 100, 30, unmoderated());
    s.wait_status("1/9").await;
    s.send(b"p").await;
    s.wait_text("Caractères      automatique (d'après le terminal) (c pour changer)").await;
    s.send(b"c").await;
    s.wait_text("Caractères      UTF-8 (c pour changer)").await;
    // At once: the screen is drawn again in the characters chosen.
    let mark = s.mark();
    s.send(b"c").await;
    s.wait_text("Latin-1").await;
    assert!(s.since(mark).windows(10).any(|w| w == b"Caract\xe8res"), "Latin-1 bytes");
    s.send(b"c").await;
    s.wait_text("Caracteres      ASCII (c pour changer)").await;
    s.wait_for("the choice saved", |_| {
        h.store.users().profile(m.user_id).unwrap().charset == CharsetChoice::Ascii
    })
    .await;
    // The whole screen, accents and borders included, drawn again: not a byte above 127
    // (a frame of the Latin-1 moment may still have been under way when the key came).
    let mark = s.mark();
    s.redrawn().await;
    assert!(s.since(mark).is_ascii(), "a byte above 127 once ASCII is chosen");
    // What the next connection reads of the member.
    let owner = h.store.users().for_key(&m.fingerprint, "ssh-ed25519").unwrap();
    assert_eq!(owner.charset, CharsetChoice::Ascii);
    s.send(b"c").await;
    s.wait_text("automatique (d'après le terminal) (c pour changer)").await;
    s.wait_for("automatic again", |_| {
        h.store.users().profile(m.user_id).unwrap().charset == CharsetChoice::Auto
    })
    .await;
    s.end_with(CTRL_C).await;
}

/// A member comments with a ZWJ sequence and pastes a line with tabs: the comment keeps the
/// joiner (the screen shows the sequence as its first emoji, as every terminal draws it
/// alike, not as two emoji side by side) and the tabs become the spaces to their stops.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_comment_keeps_its_emoji_sequences_and_its_tabs_as_columns() {
    let h = Harness::new();
    let member = h.member(Some("camille"));
    let newest = h.store.articles().list_published(None, chrono::Utc::now()).unwrap()[0].id;
    let mut s = h.member_session(&member, 100, 30, unmoderated());
    open_to_the_end(&mut s).await;
    s.send(b"c").await;
    s.wait_text("Nouveau commentaire").await;
    s.type_text("Au bureau 👩\u{200d}💻 ce matin").await;
    s.send(ENTER).await;
    s.paste("ab\tcd\tef").await;
    s.wait_text("ab  cd  ef").await;
    s.send(CTRL_S).await;
    s.wait_text("Commentaire publié").await;
    // The thread comes back with the comment a moment after the notice.
    let text = s.wait_text("Au bureau").await;
    assert!(text.contains("Au bureau 👩 ce matin"), "the sequence drawn as its first emoji:\n{text}");
    assert!(!text.contains("👩💻"), "two emoji side by side:\n{text}");
    let comments = h.store.comments().for_article(newest, None, false).unwrap();
    assert_eq!(comments[0].body, "Au bureau 👩\u{200d}💻 ce matin\nab  cd  ef");
}
