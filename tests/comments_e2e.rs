#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Comments end to end, in process: the real server on a random port, several russh clients
//! (different keys, so different members) on the same article, each session's output fed
//! into a `vt100` terminal and also kept raw. What one member writes must reach the others'
//! screens by itself (the store's change notices), never anything that can steer their
//! terminals, and never under somebody else's name.

mod common;

use std::time::Duration;

use cedille::domain::{CommentPolicy, CommentStatus, Moderation};
use common::*;

/// How long a change made in one session may take to show in another, without a key: the
/// poller asks every 250 ms, then the screen reloads.
const LIVE: Duration = Duration::from_secs(3);

/// Comments published at once and no pause between two: the tests post quickly.
fn unmoderated() -> CommentPolicy {
    CommentPolicy { moderation: Moderation::None, min_interval_secs: 0, ..CommentPolicy::default() }
}

/// Waits until `s`'s screen satisfies `cond`, at most [`LIVE`], without sending anything.
async fn live(s: &mut Session, what: &str, cond: impl Fn(&str) -> bool) -> String {
    match tokio::time::timeout(LIVE, s.wait_for(what, cond)).await {
        Ok(text) => text,
        Err(_) => panic!("not within {LIVE:?}: {what}\n--- screen ---\n{}", s.text()),
    }
}

fn status_line(text: &str) -> String {
    text.lines().last().unwrap_or_default().to_string()
}

/// Runs `command` without a pty, sending `stdin` as its input then EOF. The server may end
/// the channel before taking all of it (text too long): sending stops there, quietly.
async fn exec_stdin(client: &Client, command: &str, stdin: &[u8]) -> ExecOutput {
    let channel = client.open_channel().await;
    channel.exec(true, command).await.unwrap();
    let (mut read, write) = channel.split();
    let body = stdin.to_vec();
    let writer = tokio::spawn(async move {
        // Chunks, so that a channel closed by the server stops the sending early.
        for chunk in body.chunks(32 * 1024) {
            if write.data_bytes(chunk.to_vec()).await.is_err() {
                return;
            }
        }
        let _ = write.eof().await;
        // Keep the write half until the server closed the channel.
        std::future::pending::<()>().await;
    });
    let mut out = ExecOutput::default();
    let collect = async {
        while let Some(msg) = read.wait().await {
            match msg {
                russh::ChannelMsg::Data { data } => out.stdout.extend_from_slice(&data),
                russh::ChannelMsg::ExtendedData { data, ext: 1 } => out.stderr.extend_from_slice(&data),
                russh::ChannelMsg::ExitStatus { exit_status } => out.status = Some(exit_status),
                russh::ChannelMsg::Eof => out.eof = true,
                russh::ChannelMsg::Close => break,
                _ => {}
            }
        }
    };
    tokio::time::timeout(DEADLINE, collect).await.unwrap_or_else(|_| panic!("`{command}` did not end"));
    writer.abort();
    out
}

/// From the list, opens the newest article and waits for the reader. Its comments load
/// apart: they may come a little later.
async fn open_newest(s: &mut Session) {
    s.wait_status("1/9").await;
    s.send(b"\r").await;
    s.wait_text(NEWEST_TITLE).await;
    s.wait_status("Échap retour").await;
}

/// Opens the newest article in a window tall enough for all of it (so that its comments,
/// which load apart from it, are on screen once loaded), then shrinks the window to
/// `cols`×`rows` and goes to the end (`G`). A `G` before the comments came would not be the
/// end once they come: the reader keeps its scroll position when they do.
async fn newest_at_the_end(s: &mut Session, cols: u16, rows: u16) {
    open_newest(s).await;
    s.wait_text("Aucun commentaire pour l'instant").await;
    s.resize(cols, rows).await;
    s.send(b"G").await;
    s.wait_status("Fin").await;
    s.wait_text("Aucun commentaire pour l'instant").await;
}

/// In the reader: `c`, the handle prompt answered with `handle`, then the editor.
async fn start_comment_choosing_handle(s: &mut Session, handle: &str) {
    s.send(b"c").await;
    s.wait_text("Choisissez votre pseudo").await;
    s.send(handle.as_bytes()).await;
    s.send(b"\r").await;
    s.wait_text("Nouveau commentaire").await;
}

/// Ctrl-S in the editor, then the notice that says it went.
async fn send_editor(s: &mut Session, notice: &str) -> String {
    s.send(&[0x13]).await;
    s.wait_status(notice).await
}

/// The details line under `title` on the list (date · author · comments).
fn details_of(text: &str, title: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let i = lines.iter().position(|l| l.contains(title))?;
    lines.get(i + 1).map(|l| l.to_string())
}

// ---------------------------------------------------------------------------------------
// 1. Live: a comment, its edit and the count reach another session without a key
// ---------------------------------------------------------------------------------------

/// B's window is tall enough (120×80) for the whole article and its comments: what this
/// test checks is that changes arrive by themselves. What a reader scrolled to the end of a
/// longer article sees is [`a_reader_at_the_end_sees_a_new_comment_arrive`].
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_comment_and_its_edit_reach_another_session_without_a_key() {
    let (server, _store) = Server::start_with(unmoderated()).await;
    let a = Client::member(server.addr).await;
    let b = Client::member(server.addr).await;
    let mut sa = a.shell(80, 30).await;
    let mut sb = b.shell(120, 80).await;
    open_newest(&mut sa).await;
    open_newest(&mut sb).await;
    sb.send(b"G").await;
    sb.wait_text("Aucun commentaire pour l'instant").await;
    sb.wait_text("Commentaires (0)").await;

    // A: a handle first, then the comment.
    start_comment_choosing_handle(&mut sa, "camille").await;
    sa.send("Bonjour depuis Crest !".as_bytes()).await;
    send_editor(&mut sa, "Commentaire publié.").await;

    // B: not a key sent since `G`.
    let text = live(&mut sb, "A's comment on B's screen", |t| {
        t.contains("Bonjour depuis Crest !") && t.contains("camille · ") && t.contains("Commentaires (1)")
    })
    .await;
    assert!(!text.contains("Aucun commentaire pour l'instant"), "{text}");
    assert!(!text.contains("édité"), "not edited yet:\n{text}");
    assert!(!text.contains("· vous"), "B is not the author:\n{text}");

    // A: the comment just posted is selected (the bar), the comments have the focus. Back to
    // the text (Esc), then Tab to the comments, select it, edit it.
    let text = sa.wait_text("▌ Bonjour depuis Crest !").await;
    assert!(text.contains("▌ camille · à l'instant"), "{text}");
    sa.send(b"\x1b").await;
    sa.wait_status("Tab commentaires").await;
    sa.send(b"\t").await;
    sa.wait_status("r répondre").await;
    sa.send(b"k").await;
    sa.send(b"e").await;
    let text = sa.wait_text("Modifier le commentaire").await;
    assert!(text.contains("Bonjour depuis Crest !"), "the editor is prefilled:\n{text}");
    sa.send(" Et bonne journée.".as_bytes()).await;
    sa.wait_text("Bonjour depuis Crest ! Et bonne journée.").await;
    send_editor(&mut sa, "Commentaire modifié.").await;

    // B again, still without a key.
    let text = live(&mut sb, "the edit on B's screen", |t| {
        t.contains("Bonjour depuis Crest ! Et bonne journée.") && t.contains("· édité")
    })
    .await;
    assert!(text.contains("Commentaires (1)"), "still one comment:\n{text}");

    // B's list counts it.
    sb.send(b"\x1b").await;
    // The list reloads on the way back: wait for the reloaded count, not the first frame.
    let text = sb
        .wait_for("the list counts the comment", |t| {
            details_of(t, NEWEST_TITLE).unwrap_or_default().contains("1 commentaire")
        })
        .await;
    let details = details_of(&text, NEWEST_TITLE).unwrap_or_default();
    assert!(details.contains("1 commentaire"), "the list counts one comment: {details:?}\n{text}");
    let second = details_of(&text, SECOND_TITLE).unwrap_or_default();
    assert!(second.contains("aucun commentaire"), "{second:?}");
}

/// The scenario as a member lives it: a window of 80×30, the article read to its end (`G`),
/// and a comment comes. The reader keeps its scroll position when comments reload, so the
/// new comment's header shows on the last row and its text stays hidden below, while the
/// status line still says « Fin ».
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_at_the_end_sees_a_new_comment_arrive() {
    let (server, _store) = Server::start_with(unmoderated()).await;
    let a = Client::member(server.addr).await;
    let b = Client::member(server.addr).await;
    let mut sa = a.shell(80, 30).await;
    let mut sb = b.shell(80, 200).await;
    open_newest(&mut sa).await;
    newest_at_the_end(&mut sb, 80, 30).await;

    start_comment_choosing_handle(&mut sa, "camille").await;
    sa.send("Bonjour depuis Crest !".as_bytes()).await;
    send_editor(&mut sa, "Commentaire publié.").await;

    live(&mut sb, "A's comment, header and text, on B's screen", |t| {
        t.contains("camille · ") && t.contains("Bonjour depuis Crest !")
    })
    .await;
}

/// « Fin » means the last line is on screen. The status line measures the view with the
/// body's height (rows − 2) while the reader shows one row less (rows − 3, under its top
/// margin): one line above the end it already says « Fin ».
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reader_says_fin_only_when_the_last_line_shows() {
    let server = Server::start().await;
    let b = Client::member(server.addr).await;
    let mut s = b.shell(80, 200).await;
    newest_at_the_end(&mut s, 80, 30).await;
    // One line up: the last line (« Aucun commentaire… ») leaves the screen.
    s.send(b"k").await;
    s.wait_for("the last line scrolled away", |t| !t.contains("Aucun commentaire")).await;
    // `L` changes the language: a whole new frame, drawn after `k`.
    s.send(b"L").await;
    let text = s.wait_status("Esc back").await;
    assert!(!text.contains("No comments yet"), "the last line is hidden:\n{text}");
    let status = status_line(&text);
    assert!(!status.ends_with("End"), "the last line is hidden, yet the status says « End »:\n{text}");
}

// ---------------------------------------------------------------------------------------
// 2. Moderation `first`: a newcomer's comment waits, then appears once approved
// ---------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_comment_waits_for_moderation_then_appears_once_approved() {
    let policy = CommentPolicy::default();
    assert_eq!(policy.moderation, Moderation::First, "the default policy moderates first comments");
    let (server, store) = Server::start_with(policy).await;
    let a = Client::member(server.addr).await;
    let b = Client::member(server.addr).await;
    let mut sa = a.shell(120, 40).await;
    let mut sb = b.shell(120, 80).await;
    open_newest(&mut sa).await;
    open_newest(&mut sb).await;
    sb.send(b"G").await;
    sb.wait_text("Aucun commentaire pour l'instant").await;

    start_comment_choosing_handle(&mut sa, "camille").await;
    sa.send("Premier message, en attente.".as_bytes()).await;
    send_editor(&mut sa, "Commentaire reçu : il paraîtra après modération.").await;
    sa.wait_text("▌ Premier message, en attente.").await;
    // The comment is selected: its header carries the date in full; Esc gives the focus
    // back to the text, and the header its marks.
    sa.send(b"\x1b").await;
    let text = sa.wait_text("en attente de modération").await;
    let header = text.lines().find(|l| l.contains("camille ·")).unwrap_or_default();
    assert!(
        header.contains("· vous") && header.contains("en attente de modération"),
        "A's own comment is marked as waiting: {header:?}\n{text}"
    );

    // B: nothing. The one fixed wait of this file, and it is no synchronisation: it asserts
    // that for a while (several polls of the change notices, 250 ms apart, and the reloads
    // they cause) nothing arrives.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let text = sb.text();
    assert!(text.contains("Aucun commentaire pour l'instant"), "B sees no comment:\n{text}");
    assert!(text.contains("Commentaires (0)"), "B counts none:\n{text}");
    assert!(!text.contains("Premier message") && !text.contains("camille"), "{text}");

    // A moderator approves it (through the store: no command does it).
    let pending = store.comments().pending().unwrap();
    let comment = pending.iter().find(|c| c.body.contains("Premier message")).expect("in the queue");
    assert_eq!(comment.author, "camille");
    store.comments().set_status(comment.id, CommentStatus::Published).unwrap();
    assert!(store.comments().pending().unwrap().is_empty());

    // B sees it without a key; A sees the mark go.
    let text = live(&mut sb, "the approved comment on B's screen", |t| {
        t.contains("Premier message, en attente.") && t.contains("Commentaires (1)")
    })
    .await;
    assert!(!text.contains("en attente de modération"), "B sees no mark:\n{text}");
    live(&mut sa, "the mark gone from A's screen", |t| {
        t.contains("Premier message, en attente.") && !t.contains("en attente de modération")
    })
    .await;
}

// ---------------------------------------------------------------------------------------
// 3. Hostile text: nothing that steers a terminal reaches another member's
// ---------------------------------------------------------------------------------------

/// OSC 52 (write the clipboard), a CSI query (the terminal answers as if typed), a DCS,
/// the 8-bit CSI, a right-to-left override, a zero-width joiner.
const HOSTILE: &[&str] =
    &["\x1b]52;c;SGVsbG8=\x07", "\x1b[6n", "\x1bP1$r\x1b\\", "\u{9b}31m", "\u{202e}", "\u{200d}"];

/// A comment body holding every hostile string, 10 000 combining accents on one `e`, and
/// `tag` at both ends to find it on screen.
fn hostile_body(tag: &str) -> String {
    let mut body = format!("{tag}-debut ");
    for (i, h) in HOSTILE.iter().enumerate() {
        body.push_str(&format!("{i}{h} "));
    }
    body.push('e');
    body.push_str(&"\u{301}".repeat(10_000));
    body.push_str(&format!(" {tag}-fin"));
    body
}

/// Fails if `raw` holds anything a comment must never make the server send: OSC, DCS, the
/// cursor position query, BEL, the 8-bit CSI, bidi override, zero-width joiner.
fn assert_inert(raw: &[u8], who: &str) {
    let forbidden: &[(&[u8], &str)] = &[
        (b"\x1b]", "ESC ] (OSC)"),
        (b"\x1bP", "ESC P (DCS)"),
        (b"\x1b[6n", "ESC [6n (cursor position query)"),
        (b"\x07", "BEL"),
        ("\u{9b}".as_bytes(), "U+009B (8-bit CSI)"),
        ("\u{202e}".as_bytes(), "U+202E (right-to-left override)"),
        ("\u{200d}".as_bytes(), "U+200D (zero-width joiner)"),
    ];
    for (needle, name) in forbidden {
        if let Some(at) = raw.windows(needle.len()).position(|w| w == *needle) {
            let from = at.saturating_sub(40);
            let around = String::from_utf8_lossy(&raw[from..(at + 40).min(raw.len())]).into_owned();
            panic!("{who} received {name} at byte {at} of {}: …{around:?}…", raw.len());
        }
    }
}

fn bracketed(text: &str) -> Vec<u8> {
    let mut bytes = b"\x1b[200~".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    bytes.extend_from_slice(b"\x1b[201~");
    bytes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_handles_and_comments_never_reach_another_terminal() {
    let (server, _store) = Server::start_with(unmoderated()).await;
    let key_a = fresh_key();
    let a = Client::member_with(server.addr, key_a.clone()).await;
    // A's commands run on a connection of their own: one session per connection.
    let a_cmd = Client::member_with(server.addr, key_a).await;
    let b = Client::member(server.addr).await;
    let article = newest_id(&a_cmd).await;
    let mut sa = a.shell(100, 40).await;
    let mut sb = b.shell(120, 80).await;
    open_newest(&mut sb).await;
    sb.wait_text("Aucun commentaire pour l'instant").await;
    let mark_b = sb.mark();
    open_newest(&mut sa).await;
    let mark_a = sa.mark();

    // Handles: `handle` refuses anything but a-z 0-9 _ -, with status 2, and says which
    // character without echoing it raw.
    let zalgo = format!("e{}", "\u{301}".repeat(10_000));
    for bad in HOSTILE.iter().map(|h| format!("ab{h}cd")).chain([zalgo]) {
        let out = a_cmd.exec(&format!("handle '{bad}'")).await;
        assert_eq!(out.status, Some(2), "handle {bad:?}: {}", out.stderr());
        assert!(out.stdout.is_empty(), "{:?}", out.stdout());
        assert!(out.stderr().contains("Un pseudonyme"), "{}", out.stderr());
        assert_inert(&out.stderr, &format!("stderr of `handle {bad:?}`"));
    }
    let out = a_cmd.exec("whoami").await;
    assert!(out.stdout().contains("pas encore de pseudonyme"), "no handle was set: {}", out.stdout());

    // In the app, a pasted handle is cleaned to one line, then refused for what is left.
    sa.send(b"c").await;
    sa.wait_text("Choisissez votre pseudo").await;
    sa.send(&bracketed("\x1b]52;c;SGVsbG8=\x07mallory\u{202e}")).await;
    sa.send(b"\r").await;
    let text = sa.wait_text("Un pseudonyme ne contient que").await;
    assert!(text.contains("]52;c;SGVsbG8=mallory"), "the cleaned paste stays in the field:\n{text}");
    sa.send(&[0x7f; 32]).await;
    sa.send(b"mallory\r").await;
    sa.wait_text("Nouveau commentaire").await;

    // A comment pasted into the editor.
    sa.send(&bracketed(&hostile_body("ui"))).await;
    sa.wait_text("ui-fin").await;
    send_editor(&mut sa, "Commentaire publié.").await;

    // A megabyte pasted: refused whole, with a message; the draft stays.
    sa.send(b"c").await;
    sa.wait_text("Nouveau commentaire").await;
    sa.send("brouillon gardé".as_bytes()).await;
    sa.wait_text("brouillon gardé").await;
    let line = "\x1b]52;c;SGVsbG8=\x07 \u{202e}\u{200d}\u{9b}31m \x1b[6n 1 Mio de collage\n";
    let mega = line.repeat((1 << 20) / line.len() + 1);
    assert!(mega.len() > 1 << 20);
    sa.send(&bracketed(&mega)).await;
    let text = sa.wait_text("Ce collage dépasse 64 Kio").await;
    assert!(text.contains("brouillon gardé"), "the draft is kept:\n{text}");
    assert!(!text.contains("1 Mio de collage"), "nothing of the paste went in:\n{text}");
    sa.send(" et envoyé".as_bytes()).await;
    sa.wait_text("brouillon gardé et envoyé").await;
    send_editor(&mut sa, "Commentaire publié.").await;

    // The same through `comment ID`, the text on stdin; a megabyte is refused.
    let out = exec_stdin(&a_cmd, &format!("comment {article}"), hostile_body("exec").as_bytes()).await;
    assert_eq!(out.status, Some(0), "comment: {} {}", out.stdout(), out.stderr());
    assert!(out.stdout().trim().parse::<i64>().is_ok(), "the new id: {:?}", out.stdout());
    let out = exec_stdin(&a_cmd, &format!("comment {article}"), mega.as_bytes()).await;
    assert_eq!(out.status, Some(1), "a megabyte on stdin: {} {}", out.stdout(), out.stderr());
    assert!(out.stderr().contains("texte trop long"), "{}", out.stderr());

    // And `comments ID` prints them cleaned.
    let out = a_cmd.exec(&format!("comments {article}")).await;
    assert_eq!(out.status, Some(0), "{}", out.stderr());
    assert!(out.stdout().contains("ui-fin") && out.stdout().contains("exec-fin"), "{}", out.stdout());
    assert_inert(&out.stdout, "stdout of `comments`");

    // B: the three comments arrive (no key), then B goes to the end to draw all of them.
    live(&mut sb, "the three comments on B's screen", |t| t.contains("Commentaires (3)")).await;
    sb.send(b"G").await;
    let text = sb
        .wait_for("every comment drawn on B's screen", |t| {
            ["ui-debut", "ui-fin", "exec-debut", "exec-fin", "brouillon gardé et envoyé"]
                .iter()
                .all(|w| t.contains(w))
        })
        .await;
    assert!(!text.contains("1 Mio de collage"), "{text}");
    // The accents: one `é` and at most 8 more marks, drawn in one cell.
    assert!(text.contains("5 é"), "{text}");

    // What B received since it opened the article, and what A received.
    let (raw_b, _) = sb.since(mark_b);
    assert_inert(&raw_b, "B");
    let (raw_a, _) = sa.since(mark_a);
    assert_inert(&raw_a, "A");

    // Both sessions are alive and answer keys.
    sb.send(b"L").await;
    sb.wait_status("Esc back").await;
    sa.send(b"L").await;
    sa.wait_text("Comments (3)").await;
    assert!(!sb.with(|r| r.ended) && !sa.with(|r| r.ended), "a session ended");
}

// ---------------------------------------------------------------------------------------
// 4. Identity: offering someone's public key is not being them
// ---------------------------------------------------------------------------------------

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// Runs the real `ssh` against the server, without the agent, the user's configuration or
/// known hosts; `identity` is the one identity file it may use.
async fn openssh(
    port: u16,
    identity: &std::path::Path,
    extra: &[&str],
    command: &str,
) -> std::process::Output {
    let mut cmd = std::process::Command::new("ssh");
    cmd.args(["-F", "/dev/null", "-T", "-p", &port.to_string()])
        .args(["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null"])
        .args(["-o", "LogLevel=ERROR", "-o", "IdentityAgent=none", "-o", "IdentitiesOnly=yes"])
        .args(["-o", "ConnectTimeout=5", "-o", "PubkeyAuthentication=yes"])
        .arg("-o")
        .arg(format!("IdentityFile={}", identity.display()))
        .args(extra)
        .args(["localhost", command])
        .env_remove("SSH_AUTH_SOCK")
        .stdin(std::process::Stdio::null());
    let run = tokio::task::spawn_blocking(move || cmd.output().unwrap());
    tokio::time::timeout(DEADLINE, run).await.expect("ssh did not end").unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openssh_offering_a_public_key_without_its_private_key_is_not_its_owner() {
    let missing: Vec<&str> = ["ssh", "ssh-keygen"].into_iter().filter(|p| !on_path(p)).collect();
    if !missing.is_empty() {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "comments_e2e::openssh_offering_a_public_key_without_its_private_key_is_not_its_owner: \
             SKIPPED, not found on PATH: {} (install openssh-client)",
            missing.join(", ")
        );
        return;
    }
    let server = Server::start().await;
    let port = server.addr.port();
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("a");
    let out = std::process::Command::new("ssh-keygen")
        .args(["-t", "ed25519", "-N", "", "-q", "-C", "a", "-f"])
        .arg(&key)
        .output()
        .unwrap();
    assert!(out.status.success(), "ssh-keygen: {}", String::from_utf8_lossy(&out.stderr));

    // A, with the private key, takes the handle `alice`.
    let out = openssh(port, &key, &["-o", "BatchMode=yes"], "handle alice").await;
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success() && said.contains("« alice »"),
        "{said} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = openssh(port, &key, &["-o", "BatchMode=yes"], "whoami").await;
    let whoami_a = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(whoami_a.contains("alice"), "A is alice: {whoami_a:?}");

    // Someone who has only A's public key, alone in its folder, offers it.
    let only_pub = tempfile::tempdir().unwrap();
    let public = only_pub.path().join("a.pub");
    std::fs::copy(key.with_extension("pub"), &public).unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&public, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    assert_eq!(std::fs::read_dir(only_pub.path()).unwrap().count(), 1);
    let out = openssh(port, &public, &["-v"], "whoami").await;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    // `-v`: the key was offered, and the server was ready to take a signature by it.
    assert!(stderr.contains("Server accepts key"), "A's public key was not even offered:\n{stderr}");
    assert!(!stdout.contains("alice") && !stderr.contains("alice"), "acted as A:\n{stdout}\n{stderr}");
    assert!(!stdout.contains(whoami_a.split_whitespace().next().unwrap()), "has A's fingerprint: {stdout}");
    // Let in as a guest (keyboard-interactive), who has no `whoami`; or not let in at all.
    assert!(!out.status.success(), "whoami succeeded: {stdout}\n{stderr}");
    assert!(
        stderr.contains("invité·e") || stderr.contains("Permission denied"),
        "a guest or refused: {stdout}\n{stderr}"
    );
    drop(server);
}

/// Asks for a signature and cannot give one: what a client holding only the public key does.
struct CannotSign;

impl russh::Signer for CannotSign {
    type Error = russh::AgentAuthError;

    async fn auth_sign(
        &mut self,
        _key: &russh::keys::agent::AgentIdentity,
        _hash_alg: Option<russh::keys::HashAlg>,
        _to_sign: Vec<u8>,
    ) -> Result<Vec<u8>, Self::Error> {
        Err(russh::keys::Error::AgentFailure.into())
    }
}

/// Signs what the server asks with another key than the one it offered.
struct SignsWith(russh::keys::PrivateKey);

impl russh::Signer for SignsWith {
    type Error = russh::AgentAuthError;

    async fn auth_sign(
        &mut self,
        _key: &russh::keys::agent::AgentIdentity,
        _hash_alg: Option<russh::keys::HashAlg>,
        mut to_sign: Vec<u8>,
    ) -> Result<Vec<u8>, Self::Error> {
        use russh::keys::signature::Signer;
        use russh::keys::ssh_encoding::Encode;
        let signature: russh::keys::ssh_key::Signature = self.0.try_sign(&to_sign).unwrap();
        let blob = signature.encode_vec().unwrap();
        to_sign.extend_from_slice(&u32::try_from(blob.len()).unwrap().to_be_bytes());
        to_sign.extend_from_slice(&blob);
        Ok(to_sign)
    }
}

/// Continues a connection whose public key attempt failed as a guest.
async fn then_as_guest(c: &mut Client) {
    use russh::client::KeyboardInteractiveAuthResponse as R;
    let mut reply = c.handle().authenticate_keyboard_interactive_start("guest", None).await.unwrap();
    loop {
        match reply {
            R::Success => return,
            R::Failure { .. } => panic!("keyboard-interactive refused: {reply:?}"),
            R::InfoRequest { prompts, .. } => {
                let answers = vec![String::new(); prompts.len()];
                reply = c.handle().authenticate_keyboard_interactive_respond(answers).await.unwrap();
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn russh_another_key_or_a_forged_signature_never_acts_as_a() {
    let server = Server::start().await;
    let key_a = fresh_key();
    let key_b = fresh_key();
    let fp =
        |k: &russh::keys::PrivateKey| k.public_key().fingerprint(russh::keys::HashAlg::Sha256).to_string();

    let a = Client::member_with(server.addr, key_a.clone()).await;
    let out = a.exec("handle alice").await;
    assert_eq!(out.status, Some(0), "{}", out.stderr());
    assert_eq!(a.exec("whoami").await.stdout(), format!("{} alice\n", fp(&key_a)));

    // B, with its own key: B, whatever user name it gives.
    let b = Client::member_with(server.addr, key_b.clone()).await;
    let out = b.exec("whoami").await.stdout();
    assert!(out.starts_with(&fp(&key_b)) && !out.contains("alice"), "{out:?}");
    assert!(out.contains("pas encore de pseudonyme"), "{out:?}");
    let out = b.exec("handle alice").await;
    assert_eq!(out.status, Some(2), "alice is taken: {}", out.stderr());
    assert!(out.stderr().contains("déjà pris"), "{}", out.stderr());

    // A's public key offered, then no signature: not accepted; the same connection then
    // comes in as a guest, who is nobody.
    let mut c = Client::connect(server.addr).await;
    let auth = c
        .handle()
        .authenticate_publickey_with("alice", key_a.public_key().clone(), None, &mut CannotSign)
        .await;
    assert!(
        !matches!(auth, Ok(russh::client::AuthResult::Success)),
        "accepted without a signature: {auth:?}"
    );
    then_as_guest(&mut c).await;
    let out = c.exec("whoami").await;
    assert_eq!(out.status, Some(1), "a guest has no whoami: {}", out.stdout());
    assert!(!out.stdout().contains("alice") && out.stderr().contains("invité·e"), "{}", out.stderr());

    // A's public key offered, the challenge signed with B's key: refused.
    let mut c = Client::connect(server.addr).await;
    let auth = c
        .handle()
        .authenticate_publickey_with("alice", key_a.public_key().clone(), None, &mut SignsWith(key_b.clone()))
        .await
        .unwrap();
    assert!(!auth.success(), "a signature by another key was accepted");
    then_as_guest(&mut c).await;
    let out = c.exec("whoami").await;
    assert!(!out.stdout().contains("alice") && out.status == Some(1), "{} {}", out.stdout(), out.stderr());

    // A's key still works and is still alice.
    let again = Client::member_with(server.addr, key_a).await;
    assert!(again.exec("whoami").await.stdout().contains("alice"));
}

// ---------------------------------------------------------------------------------------
// 5. Deleting a comment that has a reply
// ---------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleting_a_comment_with_a_reply_leaves_a_placeholder_and_the_reply() {
    let (server, _store) = Server::start_with(unmoderated()).await;
    let a = Client::member(server.addr).await;
    let b = Client::member(server.addr).await;
    let mut sa = a.shell(120, 80).await;
    let mut sb = b.shell(120, 80).await;
    open_newest(&mut sa).await;
    open_newest(&mut sb).await;
    sb.wait_text("Aucun commentaire pour l'instant").await;

    start_comment_choosing_handle(&mut sa, "camille").await;
    sa.send("Qui vient jeudi au café ?".as_bytes()).await;
    send_editor(&mut sa, "Commentaire publié.").await;

    // B replies to it: the comments, the first one, `r`, a handle, the reply.
    live(&mut sb, "A's comment on B's screen", |t| t.contains("Qui vient jeudi au café ?")).await;
    sb.send(b"\t").await;
    sb.wait_text("▌ camille ·").await;
    sb.send(b"r").await;
    sb.wait_text("Choisissez votre pseudo").await;
    sb.send(b"benoit\r").await;
    sb.wait_text("Réponse à camille").await;
    sb.send("Moi, avec des croissants.".as_bytes()).await;
    send_editor(&mut sb, "Commentaire publié.").await;
    let text = sb.wait_text("Moi, avec des croissants.").await;
    let reply = text.lines().find(|l| l.contains("benoit ·")).unwrap_or_default();
    assert!(reply.contains("│") || reply.contains("▌"), "the reply is indented under: {reply:?}");

    // A sees the reply come, and deletes their own comment (still selected).
    live(&mut sa, "B's reply on A's screen", |t| t.contains("Moi, avec des croissants.")).await;
    sa.wait_text("▌ camille ·").await;
    sa.send(b"d").await;
    sa.wait_text("Supprimer ce commentaire ?").await;
    sa.send(b"o").await;
    sa.wait_status("Commentaire supprimé.").await;
    sa.wait_text("[commentaire supprimé]").await;

    // B, without a key: the placeholder, and the reply still under it.
    let text = live(&mut sb, "the placeholder on B's screen", |t| {
        t.contains("[commentaire supprimé]") && !t.contains("Qui vient jeudi")
    })
    .await;
    let lines: Vec<&str> = text.lines().collect();
    let placeholder = lines.iter().position(|l| l.contains("[commentaire supprimé]")).unwrap();
    let reply = lines.iter().position(|l| l.contains("Moi, avec des croissants.")).expect("the reply stays");
    assert!(placeholder < reply, "the reply stays under the placeholder:\n{text}");
    assert!(lines[reply - 1].contains("benoit ·"), "signed benoit:\n{text}");
    assert!(text.contains("Commentaires (1)"), "the deleted one is not counted:\n{text}");

    // On B's list too.
    sb.send(b"\x1b").await; // comments → text
    sb.send(b"\x1b").await; // text → list
    // The list reloads on the way back: wait for the reloaded count, not the first frame.
    sb.wait_for("the list counts one comment", |t| {
        details_of(t, NEWEST_TITLE).unwrap_or_default().contains("1 commentaire")
    })
    .await;
}
