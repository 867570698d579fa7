#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! End to end, in process: the real server on a random port, driven by a russh client whose
//! output goes through a `vt100` terminal. Each test has its own server and database.

mod common;

use std::time::{Duration, Instant};

use common::*;

/// The text columns of the reader for a window `cols` wide (see `ui::screens::reader`).
fn text_columns(cols: u16) -> (u16, u16) {
    let measure = cols.saturating_sub(4).clamp(1, 100);
    let x = (cols - measure) / 2;
    (x, x + measure)
}

/// The lines of the first paragraph the reader shows (those under the rule that ends the
/// header), cut to the text columns; `None` while no such paragraph is on screen.
fn reader_paragraph(screen: &vt100::Screen) -> Option<Vec<String>> {
    let (rows, cols) = screen.size();
    let (rows, cols) = (rows.get(), cols.get());
    let (from, to) = text_columns(cols);
    let lines: Vec<String> = (2..rows - 1).map(|r| cells(screen, r, from, to)).collect();
    let rule = lines.iter().position(|l| l.trim_start().starts_with('─'))?;
    let para: Vec<String> = lines[rule + 1..]
        .iter()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty())
        .cloned()
        .collect();
    (unwrap_lines(&para).len() >= 8).then_some(para)
}

/// True when the reader shows the start of `paragraph` correctly wrapped for its width.
fn shows_paragraph(screen: &vt100::Screen, paragraph: &[String]) -> bool {
    reader_paragraph(screen).is_some_and(|shown| paragraph.starts_with(&unwrap_lines(&shown)))
}

/// The row of the list holding `title`, if shown.
fn list_row(text: &str, title: &str) -> Option<String> {
    text.lines().find(|l| l.contains(title)).map(str::to_string)
}

fn status_line(text: &str) -> String {
    text.lines().last().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn member_reads_an_article_then_quits_and_the_terminal_is_restored() {
    let server = Server::start().await;
    let key = fresh_key();
    let client = Client::member_with(server.addr, key.clone()).await;
    let mut s = client.shell(80, 24).await;

    s.wait_text(NEWEST_TITLE).await;
    let text = s.wait_status("1/9").await;
    let top = text.lines().next().unwrap();
    assert!(top.contains("Cédille · Bulletin"), "top bar: {top:?}");
    assert!(top.contains("membre"), "a member is told so: {top:?}");
    let status = status_line(&s.text());
    assert!(status.contains("Entrée lire") && status.contains("q quitter"), "status: {status:?}");
    let newest = list_row(&s.text(), NEWEST_TITLE).unwrap();
    assert!(newest.contains('●'), "unread marker on the newest: {newest:?}");
    let second = list_row(&s.text(), SECOND_TITLE).unwrap();
    assert!(second.contains('●'), "unread marker on the second: {second:?}");

    s.send(b"j").await;
    s.wait_status("2/9").await;
    s.send(b"\r").await;
    s.wait_status("Début").await;
    let text = s.wait_text(SECOND_TITLE).await;
    assert!(text.contains("ÉTAT DES LIEUX"), "rubrique in capitals:\n{text}");
    assert!(text.contains("par Sofia"), "byline:\n{text}");
    assert!(text.contains("Dans la vallée de la Drôme, la voiture reste reine."), "body:\n{text}");
    assert!(status_line(&text).contains("Échap retour"), "reader keys:\n{text}");

    s.send(b"G").await;
    s.wait_status("Fin").await;

    s.send(b"q").await;
    // Back on the list, reloaded: the article read has lost its marker, the others not.
    let text = s
        .wait_for("the list, without the marker of the article read", |t| {
            status_line(t).contains("2/9")
                && list_row(t, SECOND_TITLE).is_some_and(|r| !r.contains('●'))
                && list_row(t, NEWEST_TITLE).is_some_and(|r| r.contains('●'))
        })
        .await;
    assert!(status_line(&text).contains("Entrée lire"));
    // And it was stored: the same member's `articles --json` says so too, on a connection
    // of its own (one session per connection).
    let out = Client::member_with(server.addr, key).await.exec("articles --json").await;
    let unread: Vec<(String, bool)> = out
        .stdout()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|a| (a["title"].as_str().unwrap().to_string(), a["unread"].as_bool().unwrap()))
        .collect();
    assert!(unread.contains(&(SECOND_TITLE.to_string(), false)), "{unread:?}");
    assert_eq!(unread.iter().filter(|(_, u)| *u).count(), 8, "{unread:?}");

    s.send(b"q").await;
    assert_eq!(s.wait_exit().await, 0);
    assert_ends_restored(&s.raw());
    s.with(|r| {
        let screen = r.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "cursor still hidden");
        assert!(!screen.bracketed_paste(), "bracketed paste still on");
        assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "mouse still reported");
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guest_through_keyboard_interactive_reads_an_article() {
    let server = Server::start().await;
    let client = Client::guest(server.addr).await;
    let mut s = client.shell(80, 24).await;

    let text = s.wait_text(NEWEST_TITLE).await;
    let top = text.lines().next().unwrap();
    assert!(top.contains("Cédille · Bulletin"), "top bar: {top:?}");
    assert!(top.contains("invité·e (lecture seule)"), "top bar: {top:?}");
    assert!(!text.contains('●'), "a guest has no unread markers:\n{text}");

    s.send(b"\r").await;
    s.wait_status("Début").await;
    let text = s.wait_text("par Camille (Die)").await;
    assert!(text.contains(NEWEST_TITLE) && text.contains("AGENDA"), "reader:\n{text}");
    assert!(text.contains("Les jours raccourcissent"), "body:\n{text}");

    s.send(b"q").await;
    s.wait_status("Entrée lire").await;
    s.send(b"q").await;
    assert_eq!(s.wait_exit().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn none_authentication_is_refused() {
    let server = Server::start().await;
    let mut client = Client::connect(server.addr).await;
    let auth = client.handle().authenticate_none("someone").await.unwrap();
    assert!(!auth.success(), "`none` must be refused so that OpenSSH offers its keys");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resizing_re_wraps_the_article_and_asks_for_room_below_60x20() {
    let paragraph = first_paragraph_words("01-teletravail-vallee-drome-ou-en-est-on.md");
    let server = Server::start().await;
    let client = Client::member(server.addr).await;
    let mut s = client.shell(100, 30).await;
    s.wait_status("1/9").await;
    s.send(b"G").await;
    s.wait_status("9/9").await;
    s.send(b"\r").await;
    s.wait_status("Début").await;
    s.wait_text(OLDEST_TITLE).await;

    // 100 columns: the text runs on 96.
    s.wait_until("the first paragraph at 100 columns", |r| {
        shows_paragraph(r.screen(), &paragraph).then_some(())
    })
    .await;
    let rows = s.rows();
    let longest = rows.iter().map(|r| r.trim().chars().count()).max().unwrap();
    assert!(longest > 60, "at 100 columns some line is longer than 60:\n{}", rows.join("\n"));

    // 60×24: laid out again on 56 columns.
    s.resize(60, 24).await;
    s.wait_until("the first paragraph re-wrapped at 60 columns", |r| {
        shows_paragraph(r.screen(), &paragraph).then_some(())
    })
    .await;
    s.with(|r| {
        let screen = r.screen();
        let text = r.text();
        let (from, to) = text_columns(60);
        for row in 1..23 {
            let outside = format!("{}{}", cells(screen, row, 0, from), cells(screen, row, to, 59));
            assert!(outside.trim().is_empty(), "row {row} has text outside columns {from}..{to}:\n{text}");
        }
        for line in text.lines() {
            assert!(line.chars().count() <= 60, "row wider than the window: {line:?}");
        }
        // The title, wrapped on two lines, is still there.
        let head: Vec<String> = (1..8).map(|row| cells(screen, row, from, to)).collect();
        let title = words(OLDEST_TITLE);
        let shown = unwrap_lines(&head);
        assert!(shown.windows(title.len()).any(|w| w == title.as_slice()), "title lost:\n{text}");
        assert!(status_line(&text).contains("Début"), "status:\n{text}");
    });

    // Too small.
    s.resize(50, 15).await;
    let text = s.wait_text("Fenêtre trop petite").await;
    assert!(text.contains("(50×15)") && text.contains("60×20"), "asks for 60×20:\n{text}");

    // Back to 80×24: the reader again.
    s.resize(80, 24).await;
    s.wait_until("the reader again at 80 columns", |r| shows_paragraph(r.screen(), &paragraph).then_some(()))
        .await;
    let text = s.text();
    assert!(!text.contains("Fenêtre trop petite"), "{text}");
    assert!(text.contains(OLDEST_TITLE), "{text}");
    assert!(status_line(&text).contains("Échap retour") && status_line(&text).contains("Début"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_window_too_small_from_the_start_then_enlarged() {
    let server = Server::start().await;
    let client = Client::guest(server.addr).await;
    let mut s = client.shell(40, 10).await;
    s.wait_text("Fenêtre trop petite").await;
    s.resize(60, 20).await;
    s.wait_text(NEWEST_TITLE).await;
    let text = s.wait_status("1/9").await;
    assert!(!s.text().contains("Fenêtre trop petite"), "{text}");
    // Ctrl-C quits from the too-small screen too, as it says.
    s.resize(40, 10).await;
    s.wait_text("Ctrl-C pour quitter").await;
    s.send(&[0x03]).await;
    assert_eq!(s.wait_exit().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_arrow_split_across_packets_is_one_arrow_and_a_lone_escape_goes_back() {
    let server = Server::start().await;
    let client = Client::member(server.addr).await;
    let mut s = client.shell(80, 24).await;
    s.wait_status("1/9").await;

    // ESC, then the rest of "down" in a second packet, right away. Then `L`, whose visible
    // effect (English) tells that every key before it has been handled.
    s.send(b"\x1b").await;
    s.send(b"[B").await;
    s.send(b"L").await;
    let text = s.wait_status("Enter read").await;
    assert!(status_line(&text).contains("2/9"), "the split arrow is one step down:\n{text}");

    // In the reader, a split arrow scrolls one line; it is not Esc (which would go back).
    s.send(b"\r").await;
    s.wait_status("Top").await;
    s.send(b"\x1b").await;
    s.send(b"[B").await;
    s.send(b"L").await;
    let text = s.wait_status("Échap retour").await;
    assert!(status_line(&text).contains('%'), "the reader scrolled one line:\n{text}");

    // A lone ESC is Esc once the decoder has held it ~30 ms.
    let sent = Instant::now();
    s.send(b"\x1b").await;
    s.wait_for("the list again", |t| {
        status_line(t).contains("Entrée lire") && status_line(t).contains("2/9")
    })
    .await;
    assert!(sent.elapsed() >= Duration::from_millis(25), "Esc decided before the hold: {:?}", sent.elapsed());

    s.send(b"q").await;
    assert_eq!(s.wait_exit().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bracketed_paste_on_the_list_does_no_harm() {
    let server = Server::start().await;
    let client = Client::member(server.addr).await;
    let mut s = client.shell(80, 24).await;
    s.wait_status("1/9").await;

    // Letters in the paste (`l` opens, `q` quits, ` ` pages, `\n` is Enter) must not act.
    s.send("\x1b[200~hello « monde »\nlq\n\x1b[201~".as_bytes()).await;
    // The same, in three packets, cut inside « (a two-byte character) and inside the end marker.
    let paste = "\x1b[200~Bonjour « à tous »\r\nlq\x1b[201~".as_bytes();
    let cut1 = paste.iter().position(|&b| b == 0xc2).unwrap() + 1;
    let cut2 = paste.len() - 3;
    s.send(&paste[..cut1]).await;
    s.send(&paste[cut1..cut2]).await;
    s.send(&paste[cut2..]).await;
    // `L` shows when everything before it has been handled.
    s.send(b"L").await;
    let text = s.wait_status("Enter read").await;
    assert!(status_line(&text).contains("1/9"), "the paste moved the selection:\n{text}");
    assert!(text.contains(NEWEST_TITLE), "the list is still there:\n{text}");

    s.send(b"j").await;
    let text = s.wait_status("2/9").await;
    assert!(status_line(&text).contains("Enter read"), "still on the list:\n{text}");
    s.send(b"q").await;
    assert_eq!(s.wait_exit().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lang_en_gives_english_and_l_toggles() {
    let server = Server::start().await;
    let client = Client::member(server.addr).await;
    let mut s = client.shell_with_env(80, 24, &[("LANG", "en_US.UTF-8")]).await;
    let status = s.wait_status("Enter read").await;
    assert!(status.contains("q quit"), "{status:?}");
    assert!(s.text().lines().next().unwrap().contains("member"), "{}", s.text());

    s.send(b"L").await;
    let status = s.wait_status("Entrée lire").await;
    assert!(status.contains("q quitter"), "{status:?}");
    s.send(b"L").await;
    s.wait_status("Enter read").await;

    // The reader follows the language too.
    s.send(b"\r").await;
    s.wait_status("Esc back").await;
    let text = s.wait_status("Top").await;
    assert!(text.contains("by Camille (Die)"), "{text}");
    s.send(b"L").await;
    let text = s.wait_status("Échap retour").await;
    assert!(text.contains("par Camille (Die)") && status_line(&text).contains("Début"), "{text}");
    s.send(&[0x03]).await;
    assert_eq!(s.wait_exit().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_members_language_choice_wins_over_lang_next_time() {
    let server = Server::start().await;
    let key = fresh_key();
    {
        let client = Client::member_with(server.addr, key.clone()).await;
        let mut s = client.shell_with_env(80, 24, &[("LANG", "en_US.UTF-8")]).await;
        s.wait_status("Enter read").await;
        s.send(b"L").await;
        s.wait_status("Entrée lire").await;
        s.send(b"q").await;
        assert_eq!(s.wait_exit().await, 0);
    }
    let client = Client::member_with(server.addr, key).await;
    let mut s = client.shell_with_env(80, 24, &[("LANG", "en_US.UTF-8")]).await;
    let text = s.wait_for("the list", |t| status_line(t).contains("1/9")).await;
    assert!(status_line(&text).contains("Entrée lire"), "the member chose French:\n{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_opens_over_the_list_and_closes() {
    let server = Server::start().await;
    let client = Client::guest(server.addr).await;
    let mut s = client.shell(80, 24).await;
    s.wait_status("1/9").await;
    s.send(b"?").await;
    let text = s.wait_text(" Aide ").await;
    assert!(text.contains("Partout") && text.contains("Ctrl-C"), "{text}");
    assert!(status_line(&text).contains("fermer l'aide"), "{text}");
    s.send(b"\x1b").await;
    let text =
        s.wait_for("help closed", |t| !t.contains(" Aide ") && status_line(t).contains("Entrée lire")).await;
    assert!(text.contains(NEWEST_TITLE), "{text}");
    s.send(b"q").await;
    assert_eq!(s.wait_exit().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commands_without_a_pty() {
    let server = Server::start().await;
    let client = Client::member(server.addr).await;

    let out = client.exec("articles").await;
    assert_eq!(out.status, Some(0), "{out:?}");
    assert!(out.eof);
    let stdout = out.stdout();
    assert!(plain(stdout.lines().next().unwrap()).contains(NEWEST_TITLE), "{stdout}");
    assert!(!stdout.contains('\r'), "no CR without a pty");
    assert!(stdout.lines().all(|l| l.chars().count() <= 80), "wrapped at 80:\n{stdout}");
    assert!(out.stderr.is_empty());

    let out = client.exec("articles --json").await;
    assert_eq!(out.status, Some(0), "{out:?}");
    let stdout = out.stdout();
    let lines: Vec<serde_json::Value> =
        stdout.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect();
    assert_eq!(lines.len(), 9, "{stdout}");
    for a in &lines {
        for key in ["id", "slug", "title", "rubrique", "author", "published_at", "comments", "unread"] {
            assert!(a.get(key).is_some(), "no `{key}` in {a}");
        }
        assert!(a.get("body").is_none(), "the list carries no body: {a}");
    }
    assert_eq!(lines[0]["title"], NEWEST_TITLE);
    let dates: Vec<chrono::DateTime<chrono::FixedOffset>> = lines
        .iter()
        .map(|a| chrono::DateTime::parse_from_rfc3339(a["published_at"].as_str().unwrap()).unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first: {dates:?}");

    let out = client.exec("read 9 --json").await;
    assert_eq!(out.status, Some(0), "{out:?}");
    let article: serde_json::Value = serde_json::from_str(out.stdout().trim_end()).unwrap();
    assert_eq!(article["id"], 9);
    assert_eq!(article["title"], NEWEST_TITLE);
    assert!(article["body"].as_str().unwrap().contains("Les jours raccourcissent"), "{article}");

    let out = client.exec("read \"9\"").await;
    assert_eq!(out.status, Some(0), "{out:?}");
    let text = plain(&out.stdout());
    assert!(text.starts_with("AGENDA\n"), "{text}");
    assert!(text.contains(NEWEST_TITLE) && text.contains("par Camille (Die)"), "{text}");

    let out = client.exec("read 'fibre-ou-en-est-le-reseau-adn'").await;
    assert_eq!(out.status, Some(0), "{out:?}");
    assert!(plain(&out.stdout()).contains("Fibre optique, où en est le réseau Ardèche Drôme Numérique ?"));

    let out = client.exec("help").await;
    assert_eq!(out.status, Some(0), "{out:?}");
    assert!(out.stdout().contains("articles [--json]"), "{}", out.stdout());

    let out = client.exec("frobnicate").await;
    assert_eq!(out.status, Some(2), "{out:?}");
    assert!(out.stdout.is_empty(), "{out:?}");
    assert!(out.stderr().contains("commande inconnue « frobnicate »"), "{out:?}");

    let out = client.exec("articles --bogus").await;
    assert_eq!(out.status, Some(2), "{out:?}");
    assert!(out.stdout.is_empty() && out.stderr().contains("--bogus"), "{out:?}");

    let out = client.exec("read \"9").await;
    assert_eq!(out.status, Some(2), "unbalanced quotes: {out:?}");
    assert!(out.stdout.is_empty() && !out.stderr.is_empty(), "{out:?}");

    // Guests get the same list, without `unread`.
    let guest = Client::guest(server.addr).await;
    let out = guest.exec("articles --json").await;
    assert_eq!(out.status, Some(0), "{out:?}");
    for line in out.stdout().lines() {
        let a: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(a.get("unread").is_none(), "a guest has no `unread`: {a}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shell_without_a_pty_prints_the_help() {
    let server = Server::start().await;
    let client = Client::guest(server.addr).await;
    let mut channel = client_channel_shell_without_pty(&client).await;
    let mut stdout = Vec::new();
    let mut status = None;
    tokio::time::timeout(DEADLINE, async {
        while let Some(msg) = channel.wait().await {
            match msg {
                russh::ChannelMsg::Data { data } => stdout.extend_from_slice(&data),
                russh::ChannelMsg::ExitStatus { exit_status } => status = Some(exit_status),
                russh::ChannelMsg::Close => break,
                _ => {}
            }
        }
    })
    .await
    .unwrap();
    assert_eq!(status, Some(0));
    assert!(String::from_utf8(stdout).unwrap().contains("articles [--json]"));
}

async fn client_channel_shell_without_pty(client: &Client) -> russh::Channel<russh::client::Msg> {
    let channel = client.open_channel().await;
    channel.request_shell(true).await.unwrap();
    channel
}

/// The rows of the cursor moves (`ESC [ row ; col H`) in `bytes`.
fn rows_moved_to(bytes: &[u8]) -> std::collections::BTreeSet<u16> {
    let text = String::from_utf8_lossy(bytes);
    text.split("\x1b[")
        .skip(1)
        .filter_map(|seq| {
            let end = seq.find(|c: char| !c.is_ascii_digit() && c != ';')?;
            let (params, rest) = seq.split_at(end);
            rest.starts_with('H').then(|| params.split(';').next()?.parse().ok()).flatten()
        })
        .collect()
}

/// A session on the list, fully drawn; returns the bytes of that first full screen.
async fn drawn_list(s: &mut Session) -> usize {
    s.wait_text(NEWEST_TITLE).await;
    s.wait_status("1/9").await;
    let first = s.mark().0;
    assert!(first > 1000, "a whole first frame: {first} bytes");
    first
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_that_changes_nothing_sends_nothing() {
    let server = Server::start().await;
    let client = Client::member(server.addr).await;
    let mut s = client.shell(80, 24).await;
    drawn_list(&mut s).await;
    let before = s.mark();

    // An unknown key changes nothing, so nothing may be sent. This is the one place a fixed
    // wait is right: the assertion is about absence, and 300 ms is far beyond the few
    // milliseconds a frame takes to arrive on loopback (see the next test).
    s.send(b"x").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (bytes, messages) = s.since(before);
    assert!(
        bytes.is_empty() && messages == 0,
        "an unknown key sent {} bytes in {messages} message(s): {:?}",
        bytes.len(),
        String::from_utf8_lossy(&bytes)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moving_the_selection_sends_only_the_changed_cells() {
    let server = Server::start().await;
    let client = Client::member(server.addr).await;
    let mut s = client.shell(80, 24).await;
    let first = drawn_list(&mut s).await;

    let before = s.mark();
    let sent = Instant::now();
    s.send(b"j").await;
    s.wait_status("2/9").await;
    let took = sent.elapsed();
    let (bytes, _) = s.since(before);
    // The list frame is about 2 KB; moving the selection redraws two items and the status.
    assert!(
        bytes.len() * 3 < first,
        "moving the selection sent {} bytes, the first frame {first}",
        bytes.len()
    );
    // Only the rows that changed are touched: the two items (rows 3-4 and 6-7, counted
    // from 1 as the cursor moves are) and the status line (24).
    let touched = rows_moved_to(&bytes);
    assert!(!touched.is_empty());
    assert!(
        touched.iter().all(|r| [3, 4, 6, 7, 24].contains(r)),
        "moving the selection touched rows {touched:?}: {:?}",
        String::from_utf8_lossy(&bytes)
    );
    assert!(!bytes.windows(4).any(|w| w == b"\x1b[2J"), "moving the selection cleared the screen");
    assert!(took < Duration::from_millis(300), "a frame took {took:?}: the absence test needs a longer wait");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_quits_from_the_reader() {
    let server = Server::start().await;
    let client = Client::member(server.addr).await;
    let mut s = client.shell(80, 24).await;
    s.wait_status("1/9").await;
    s.send(b"\r").await;
    s.wait_status("Début").await;
    s.send(&[0x03]).await;
    assert_eq!(s.wait_exit().await, 0);
    assert_ends_restored(&s.raw());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_keeps_the_host_key() {
    let dir = tempfile::tempdir().unwrap();
    let keys = dir.path().join("keys");
    let db = dir.path().join("c.db");

    let (k1, created) =
        cedille::ssh::hostkey::load_or_create(&keys, cedille::ssh::hostkey::IfMissing::Create).unwrap();
    assert!(created);
    let (k2, created) =
        cedille::ssh::hostkey::load_or_create(&keys, cedille::ssh::hostkey::IfMissing::Create).unwrap();
    assert!(!created);
    let fingerprint = cedille::ssh::hostkey::fingerprint(&k1);
    assert_eq!(fingerprint, cedille::ssh::hostkey::fingerprint(&k2));

    let first = Running::start(&db, &keys).await;
    let client = Client::member(first.addr).await;
    let seen_first = client.server_fingerprint();
    drop(client);
    first.stop().await;

    let second = Running::start(&db, &keys).await;
    let client = Client::guest(second.addr).await;
    let seen_second = client.server_fingerprint();
    assert_eq!(seen_first, fingerprint);
    assert_eq!(seen_second, fingerprint, "the restarted server shows the same host key");

    // A server with another keys folder shows another key: the check above means something.
    let other = Server::start().await;
    let client = Client::guest(other.addr).await;
    assert_ne!(client.server_fingerprint(), fingerprint);
    second.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paste_split_by_a_network_pause_is_not_typed_as_keys() {
    let server = Server::start().await;
    let client = Client::member(server.addr).await;
    let mut s = client.shell(80, 24).await;
    s.wait_status("1/9").await;

    // A slow link delivers the paste in two packets 100 ms apart, longer than the 30 ms
    // Esc hold. The pause is the scenario, not synchronisation.
    s.send(b"\x1b[200~Bonjour").await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    // ` ` pages down and `l` opens an article if typed as keys.
    s.send(b" l\x1b[201~").await;
    s.send(b"j").await;
    let text = s
        .wait_for("the list on 2/9, or the reader", |t| {
            status_line(t).contains("2/9") || status_line(t).contains("Échap retour")
        })
        .await;
    assert!(status_line(&text).contains("2/9"), "the end of the paste was typed as keys:\n{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paste_over_the_default_limit_is_cut_not_typed_as_keys() {
    let server = Server::start().await;
    let client = Client::member(server.addr).await;
    let mut s = client.shell(80, 24).await;
    s.wait_status("1/9").await;

    let mut paste = b"\x1b[200~".to_vec();
    // Just over the default `max_paste_bytes` (128 KiB), within one second of input.
    while paste.len() < 128 * 1024 + 2000 {
        // Spaces page down when typed as keys.
        paste.extend_from_slice("Drôme et Ardèche, ".as_bytes());
    }
    paste.extend_from_slice(b"\x1b[201~");
    s.send(&paste).await;
    s.send(b"j").await;
    let text = s
        .wait_for("the selection to move", |t| {
            status_line(t).contains("/9") && !status_line(t).contains(" 1/9")
        })
        .await;
    assert!(status_line(&text).contains("2/9"), "the paste beyond the limit was typed as keys:\n{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mouse_wheel_moves_the_selection_and_scrolls() {
    let server = Server::start().await;
    let client = Client::guest(server.addr).await;
    let mut s = client.shell(80, 24).await;
    s.wait_status("1/9").await;
    let down = b"\x1b[<65;10;5M";
    let up = b"\x1b[<64;10;5M";
    s.send(down).await;
    s.wait_status("2/9").await;
    s.send(up).await;
    s.wait_status("1/9").await;
    s.send(b"\r").await;
    s.wait_status("Début").await;
    s.send(down).await;
    s.wait_for("the reader scrolled", |t| status_line(t).contains('%')).await;
    s.send(up).await;
    s.wait_status("Début").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_command_with_a_pty_gets_crlf_line_ends() {
    let server = Server::start().await;
    let client = Client::guest(server.addr).await;
    let mut channel = client.open_channel().await;
    channel.request_pty(true, "xterm", 80, 24, 0, 0, &[]).await.unwrap();
    channel.exec(true, "help").await.unwrap();
    let mut stdout = Vec::new();
    let mut status = None;
    tokio::time::timeout(DEADLINE, async {
        while let Some(msg) = channel.wait().await {
            match msg {
                russh::ChannelMsg::Data { data } => stdout.extend_from_slice(&data),
                russh::ChannelMsg::ExitStatus { exit_status } => status = Some(exit_status),
                russh::ChannelMsg::Close => break,
                _ => {}
            }
        }
    })
    .await
    .unwrap();
    assert_eq!(status, Some(0));
    let text = String::from_utf8(stdout).unwrap();
    assert!(text.contains("articles [--json]"), "{text}");
    assert!(!text.replace("\r\n", "").contains('\n'), "bare LF under a pty: {text:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn escape_then_an_arrow_in_one_packet_is_two_keys() {
    let server = Server::start().await;
    let client = Client::member(server.addr).await;
    let mut s = client.shell(80, 24).await;
    s.wait_status("1/9").await;
    s.send(b"\r").await;
    s.wait_status("Début").await;
    // Esc then ↓ typed quickly (or batched by a slow link): back to the list, then down.
    // `L` (English) shows when both have been handled.
    s.send(b"\x1b\x1b[B").await;
    s.send(b"L").await;
    let text = s.wait_status("Enter read").await;
    assert!(status_line(&text).contains("2/9"), "Esc then ↓ should be the list on 2/9:\n{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lc_all_wins_over_lc_messages_whatever_the_order() {
    let server = Server::start().await;
    let client = Client::member(server.addr).await;
    for env in [
        [("LC_MESSAGES", "en_US.UTF-8"), ("LC_ALL", "fr_FR.UTF-8")],
        [("LC_ALL", "fr_FR.UTF-8"), ("LC_MESSAGES", "en_US.UTF-8")],
    ] {
        let mut s = client.shell_with_env(80, 24, &env).await;
        let text = s.wait_status("1/9").await;
        assert!(
            status_line(&text).contains("Entrée lire"),
            "LC_ALL=fr should give French with {env:?}:\n{text}"
        );
        s.send(b"q").await;
        assert_eq!(s.wait_exit().await, 0);
    }
}

/// The sessions table says who is connected now: a row while a shell is open, none after.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sessions_table_lists_who_is_connected_now() {
    let (server, store) = Server::start_with(cedille::domain::CommentPolicy::default()).await;
    let count = |store: &cedille::store::Store| store.sessions().count().unwrap();
    let member = Client::member(server.addr).await;
    let mut s = member.shell(80, 24).await;
    s.wait_text("Cédille · Bulletin").await;
    let guest = Client::guest(server.addr).await;
    let mut g = guest.shell(80, 24).await;
    g.wait_text("invité·e").await;
    let deadline = Instant::now() + Duration::from_secs(5);
    while count(&store) != 2 {
        assert!(Instant::now() < deadline, "two sessions should be listed, found {}", count(&store));
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    s.send(b"q").await;
    assert_eq!(s.wait_exit().await, 0);
    g.send(b"q").await;
    assert_eq!(g.wait_exit().await, 0);
    let deadline = Instant::now() + Duration::from_secs(5);
    while count(&store) != 0 {
        assert!(Instant::now() < deadline, "sessions should be gone, found {}", count(&store));
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}
