//! Commands a member runs without a pty (`ssh cedille.example articles --json`): plain
//! text wrapped at 80 columns, or JSON lines for scripts. Exit status 2 for a usage error,
//! as POSIX tools do; 1 for anything else that went wrong. The directory of places to work
//! (`spaces`, `space`) is in [`spaces`].

use chrono::{DateTime, Utc};
use serde_json::json;

use crate::domain::comment::{Comment, CommentPolicy, CommentStatus, PostError, ThreadView};
use crate::domain::member::HandleError;
use crate::domain::{Article, Commune};
use crate::i18n::Lang;
use crate::store::Store;
use crate::text::clean::{clean_line, clean_text};
use crate::text::markdown::{MdLabels, MdStyles, lines_to_plain, render_markdown};
use crate::text::typo::protect_french;
use crate::text::wrap::wrap_plain;

mod agenda;
mod keys;
mod line;
mod member_page;
mod members;
mod news;
mod plain;
mod search;
mod spaces;
pub use crate::domain::event::monday_of;
pub use line::is_line_mode;
pub use spaces::{plain_hit, plain_space};

/// Width of plain-text output: what every terminal and mail reader shows.
const WIDTH: usize = 80;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub status: u32,
    /// The member was suspended since they connected: after this output the transport ends
    /// the whole connection, not only this command's channel.
    pub suspended: bool,
    /// Why the command was refused without running (the server logs it): an unknown
    /// command, a usage error, a guest without a key…
    pub refused: Option<&'static str>,
}

impl Output {
    fn ok(stdout: String) -> Output {
        Output { stdout, status: 0, ..Output::default() }
    }

    fn usage(stderr: String) -> Output {
        Output { stderr, status: 2, refused: Some("usage"), ..Output::default() }
    }

    /// This output, with a word for the person on stderr (which commune was taken).
    fn noting(self, note: String) -> Output {
        Output { stderr: note, ..self }
    }

    /// This output, as the answer to a command refused for `reason`.
    pub fn refused(self, reason: &'static str) -> Output {
        Output { refused: Some(reason), ..self }
    }

    fn failure(stderr: String) -> Output {
        Output { stderr, status: 1, ..Output::default() }
    }
}

/// Everything a command may need to know about who runs it and how.
pub struct Ctx<'a> {
    pub store: &'a Store,
    pub lang: Lang,
    /// The member running the command; `None` for a guest.
    pub viewer: Option<i64>,
    /// The key the member authenticated with (`SHA256:…`).
    pub fingerprint: Option<&'a str>,
    /// What the client sent on the channel before closing its side: the text of a comment.
    pub stdin: &'a str,
    pub policy: &'a CommentPolicy,
    /// What members type after `ssh` to come here, for the examples.
    pub public_address: &'a str,
}

/// Splits a command line as a POSIX shell would; `None` when quotes are unbalanced.
pub fn split(line: &str) -> Option<Vec<String>> {
    shlex::split(line)
}

/// Whether the command `args` reads its text from the client's standard input, so that the
/// server must wait for the end of it before running the command.
pub fn reads_stdin(args: &[String]) -> bool {
    matches!(args.first().map(String::as_str), Some("comment" | "reply"))
}

/// Runs one command. Blocking: it reads and writes the store.
pub fn run(ctx: &Ctx<'_>, args: &[String]) -> Output {
    run_at(ctx, args, Utc::now())
}

/// Refuses a member suspended since their connection was opened: a ban is read again
/// before every command, so that a connection kept open does not outlive it. When the
/// database cannot say, nothing runs either.
fn admitted(ctx: &Ctx<'_>) -> Result<(), Output> {
    let Some(user) = ctx.viewer else { return Ok(()) };
    match ctx.store.members().is_suspended(user) {
        // A connection kept open outlives no removal of its key either.
        Ok(false) => match ctx.fingerprint.map(|fp| ctx.store.users().key_belongs(user, fp)) {
            Some(Ok(false)) => {
                Err(Output::failure(format!("{}\n", ctx.lang.k().key_gone)).refused("key removed"))
            }
            Some(Err(e)) => Err(store_failure(ctx.lang, e)),
            Some(Ok(true)) | None => Ok(()),
        },
        Ok(true) => Err(Output {
            suspended: true,
            ..Output::failure(format!("{}\n", ctx.lang.suspended())).refused("suspended")
        }),
        Err(e) => Err(store_failure(ctx.lang, e)),
    }
}

/// [`run`] at a given time: « ouvert maintenant » depends on it, and tests fix it.
pub fn run_at(ctx: &Ctx<'_>, args: &[String], now: DateTime<Utc>) -> Output {
    let (store, lang, viewer) = (ctx.store, ctx.lang, ctx.viewer);
    if let Err(out) = admitted(ctx) {
        return out;
    }
    let Some((cmd, rest)) = args.split_first() else {
        return Output::ok(lang.commands_help(ctx.public_address));
    };
    // These take options with values (`--near Crest`): they read their own arguments.
    match cmd.as_str() {
        "spaces" => return spaces::list(ctx, rest, now),
        "space" => return spaces::detail(ctx, rest, now),
        "agenda" => return agenda::agenda(ctx, rest, now),
        "event" => return agenda::event(ctx, rest),
        "members" => return members::list(ctx, rest),
        "search" => return search::search(ctx, rest, now),
        "keys" => return keys::run(ctx, rest),
        "member" => return member_page::page(ctx, rest, now),
        "ligne" | "line" => return line::without_pty(ctx),
        _ => {}
    }
    let json = rest.iter().any(|a| a == "--json");
    let positional: Vec<&String> = rest.iter().filter(|a| *a != "--json").collect();
    if let Some(bad) = positional.iter().find(|a| a.starts_with("--")) {
        return Output::usage(bad_option(lang, bad));
    }
    match (cmd.as_str(), positional.as_slice()) {
        ("help" | "--help" | "-h", _) => Output::ok(lang.commands_help(ctx.public_address)),
        ("articles", []) => articles(store, lang, viewer, json),
        ("read", [key]) => read(store, lang, viewer, key, json),
        ("read", _) => usage(lang, "read"),
        ("articles", _) => usage(lang, "articles"),
        ("whoami", []) => whoami(ctx, json),
        ("whoami", _) => usage(lang, "whoami"),
        ("handle", [name]) => handle(ctx, name),
        ("handle", _) => usage(lang, "handle"),
        ("comments", [key]) => comments(ctx, key, json),
        ("comments", _) => usage(lang, "comments"),
        ("comment", [key]) => comment(ctx, key, json),
        ("comment", _) => usage(lang, "comment"),
        ("reply", [id]) => reply(ctx, id, json),
        ("reply", _) => usage(lang, "reply"),
        ("news", []) => news::news(ctx, json, now),
        ("news", _) => usage(lang, "news"),
        (other, _) => Output::usage(format!("{}\n", lang.unknown_command(&clean_line(other))))
            .refused("unknown command"),
    }
}

/// The usage line of `command`, as the help lists it.
fn usage(lang: Lang, command: &str) -> Output {
    Output::usage(lang.usage(command))
}

fn bad_option(lang: Lang, opt: &str) -> String {
    match lang {
        Lang::Fr => format!("cedille : option inconnue « {} ».\n", clean_line(opt)),
        Lang::En => format!("cedille: unknown option '{}'.\n", clean_line(opt)),
    }
}

fn articles(store: &Store, lang: Lang, viewer: Option<i64>, json: bool) -> Output {
    let list = match store.articles().list_published(viewer, Utc::now()) {
        Ok(list) => list,
        Err(e) => return store_failure(lang, e),
    };
    let mut out = String::new();
    for a in &list {
        if json {
            out.push_str(&json!(a).to_string());
            out.push('\n');
            continue;
        }
        let marker = if a.unread == Some(true) { "*" } else { " " };
        let head = format!("{marker}{:>4}  {}", a.id, protect_french(&clean_line(&a.title)));
        for (i, line) in wrap_plain(&head, WIDTH).iter().enumerate() {
            out.push_str(if i == 0 { "" } else { "       " });
            out.push_str(line);
            out.push('\n');
        }
        let details = [
            clean_line(&a.rubrique),
            lang.short_date(a.published_at),
            lang.by(&clean_line(&a.author)),
            lang.comments(a.comments),
            a.slug.clone(),
        ];
        for line in plain::wrap_parts(&details, WIDTH - 7) {
            out.push_str("       ");
            out.push_str(&line);
            out.push('\n');
        }
    }
    Output::ok(out)
}

fn read(store: &Store, lang: Lang, viewer: Option<i64>, key: &str, json: bool) -> Output {
    let article = match store.articles().get_published(key, viewer, Utc::now()) {
        Ok(Some(a)) => a,
        Ok(None) => return Output::failure(format!("{}\n", lang.article_not_found(&clean_line(key)))),
        Err(e) => return store_failure(lang, e),
    };
    if let Some(user) = viewer {
        let _ = store.articles().mark_read(user, article.summary.id, Utc::now());
    }
    // The member who signs it, if one does: their public page gives what may be said.
    let author = match store.author_of(article.summary.id, Utc::now()) {
        Ok(page) => page,
        Err(e) => return store_failure(lang, e),
    };
    if json {
        return Output::ok(format!("{}\n", member_page::article_json(&article, author.as_ref())));
    }
    let mut out = plain_article(&article, lang);
    if let Some(page) = &author {
        out.push_str(&member_page::plain_box(page, &article.summary, lang));
    }
    Output::ok(out)
}

/// An article as plain text: title, byline, body, links and notes.
pub fn plain_article(article: &Article, lang: Lang) -> String {
    let a = &article.summary;
    let mut out = String::new();
    let mut push = |line: &str| {
        out.push_str(line.trim_end());
        out.push('\n');
    };
    if !a.rubrique.is_empty() {
        push(&clean_line(&a.rubrique).to_uppercase());
    }
    for line in wrap_plain(&protect_french(&clean_line(&a.title)), WIDTH) {
        push(&line);
    }
    let byline = format!(
        "{} · {} · {}",
        lang.by(&clean_line(&a.author)),
        lang.long_date(a.published_at),
        lang.comments(a.comments)
    );
    for line in wrap_plain(&protect_french(&byline), WIDTH) {
        push(&line);
    }
    push("");
    let s = lang.s();
    let lines = render_markdown(
        &article.body,
        WIDTH,
        &MdStyles::default(),
        &MdLabels { links: s.links, notes: s.notes },
    );
    for line in lines_to_plain(&lines) {
        push(&line);
    }
    out
}

/// A failure of the database in the member's words; what it was goes to the server's log.
fn store_failure(lang: Lang, e: crate::store::StoreError) -> Output {
    Output::failure(format!("{}\n", lang.fault(crate::runtime::fault(e))))
}

/// The commune `--near` names, and what to say on stderr (empty when nothing) when the
/// text could have meant others: a script's output stays the same, its reader is told.
fn near_commune(ctx: &Ctx<'_>, name: &str, suggestions: usize) -> Result<(Commune, String), Output> {
    let lang = ctx.lang;
    match ctx.store.communes().locate(name) {
        Ok(Some(found)) => {
            let note = if found.ambiguous() { lang.commune_taken(&found) } else { String::new() };
            Ok((found.commune, note))
        }
        Ok(None) => {
            let suggestions = ctx.store.communes().suggest(name, suggestions).unwrap_or_default();
            Err(Output::usage(lang.unknown_commune(&clean_line(name), &suggestions)))
        }
        Err(e) => Err(store_failure(lang, e)),
    }
}

/// The member running the command, or the failure that guests get.
fn member(ctx: &Ctx<'_>) -> Result<i64, Output> {
    ctx.viewer.ok_or_else(|| Output::failure(ctx.lang.guest_needs_key().to_string()).refused("needs a key"))
}

fn whoami(ctx: &Ctx<'_>, json: bool) -> Output {
    let user = match member(ctx) {
        Ok(u) => u,
        Err(out) => return out,
    };
    let profile = match ctx.store.users().profile(user) {
        Ok(p) => p,
        Err(e) => return store_failure(ctx.lang, e),
    };
    let fingerprint = ctx.fingerprint.unwrap_or_default();
    if json {
        return Output::ok(format!("{}\n", json!({ "fingerprint": fingerprint, "handle": profile.handle })));
    }
    match profile.handle {
        Some(h) => Output::ok(format!("{fingerprint} {}\n", clean_line(&h))),
        None => Output::ok(format!("{fingerprint} {}\n", ctx.lang.no_handle_yet())),
    }
}

fn handle(ctx: &Ctx<'_>, name: &str) -> Output {
    let user = match member(ctx) {
        Ok(u) => u,
        Err(out) => return out,
    };
    match ctx.store.users().set_handle(user, name) {
        Ok(h) => Output::ok(ctx.lang.handle_set(&h)),
        // Refused by a rule of the moment, not by how the command was written: not a usage error.
        Err(e @ (HandleError::Store(_) | HandleError::TooSoon { .. } | HandleError::Banned)) => {
            Output::failure(format!("{}\n", ctx.lang.handle_error(&e)))
        }
        Err(e) => Output::usage(format!("{}\n", ctx.lang.handle_error(&e))),
    }
}

/// Whether the viewer moderates: they see hidden and pending comments too.
fn is_moderator(ctx: &Ctx<'_>) -> bool {
    ctx.viewer.and_then(|u| ctx.store.users().profile(u).ok()).is_some_and(|p| p.is_moderator())
}

/// The id of a published article by id or slug, or the failure to print.
fn article_id(ctx: &Ctx<'_>, key: &str) -> Result<i64, Output> {
    match ctx.store.articles().get_published(key, ctx.viewer, Utc::now()) {
        Ok(Some(a)) => Ok(a.summary.id),
        Ok(None) => Err(Output::failure(format!("{}\n", ctx.lang.article_not_found(&clean_line(key))))),
        Err(e) => Err(store_failure(ctx.lang, e)),
    }
}

/// A comment as JSON, its text cleaned again on the way out.
fn comment_json(c: &Comment) -> String {
    let mut c = c.clone();
    c.author = clean_line(&c.author);
    c.body = clean_text(&c.body);
    json!(c).to_string()
}

fn comments(ctx: &Ctx<'_>, key: &str, json: bool) -> Output {
    let id = match article_id(ctx, key) {
        Ok(id) => id,
        Err(out) => return out,
    };
    let list = match ctx.store.comments().for_article(id, ctx.viewer, is_moderator(ctx)) {
        Ok(list) => list,
        Err(e) => return store_failure(ctx.lang, e),
    };
    // Those of members the viewer blocked keep their place and number, nothing else.
    let blocked = match ctx.viewer.map(|u| ctx.store.messages().blocked_by(u)).transpose() {
        Ok(blocked) => blocked.unwrap_or_default(),
        Err(e) => return store_failure(ctx.lang, e),
    };
    let hidden = |c: &Comment| ThreadView::hides(&blocked, c);
    let mut out = String::new();
    if json {
        for c in &list {
            if hidden(c) {
                let shown = json!({ "id": c.id, "article_id": c.article_id, "parent_id": c.parent_id,
                                    "depth": c.depth, "hidden": "blocked" });
                out.push_str(&shown.to_string());
            } else {
                out.push_str(&comment_json(c));
            }
            out.push('\n');
        }
        return Output::ok(out);
    }
    if list.is_empty() {
        out.push_str(ctx.lang.no_comments_yet());
        out.push('\n');
    }
    for (i, c) in list.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if hidden(c) {
            let indent = "  ".repeat(usize::from(c.depth));
            out.push_str(&format!("{indent}{} · #{}\n", ctx.lang.c().hidden_blocked, c.id));
        } else {
            out.push_str(&plain_comment(c, ctx.lang));
        }
    }
    Output::ok(out)
}

/// One comment as plain text: a header line, then the text wrapped at 80 columns minus the
/// indent of its depth (two spaces a level).
pub fn plain_comment(c: &Comment, lang: Lang) -> String {
    let indent = "  ".repeat(usize::from(c.depth));
    let width = WIDTH - indent.len();
    let mut out = String::new();
    let mut push = |line: &str| {
        let line = line.trim_end();
        if !line.is_empty() {
            out.push_str(&indent);
            out.push_str(line);
        }
        out.push('\n');
    };
    if c.status == CommentStatus::Deleted {
        push(lang.deleted_comment());
        return out;
    }
    let author = clean_line(&c.author);
    let mut head =
        vec![if author.is_empty() { "?".to_string() } else { author }, lang.comment_date(c.created_at)];
    if c.edited_at.is_some() {
        head.push(lang.edited().to_string());
    }
    match c.status {
        CommentStatus::Pending => head.push(lang.awaiting_moderation().to_string()),
        CommentStatus::Hidden => head.push(lang.hidden_by_moderators().to_string()),
        _ => {}
    }
    head.push(format!("#{}", c.id));
    for line in plain::wrap_parts(&head, width) {
        push(&line);
    }
    for line in wrap_plain(&clean_text(&c.body), width) {
        push(&line);
    }
    out
}

fn comment(ctx: &Ctx<'_>, key: &str, json: bool) -> Output {
    let user = match member(ctx) {
        Ok(u) => u,
        Err(out) => return out,
    };
    let article = match article_id(ctx, key) {
        Ok(id) => id,
        Err(out) => return out,
    };
    posted(ctx, ctx.store.comments().post(user, article, None, ctx.stdin, ctx.policy, Utc::now()), json)
}

fn reply(ctx: &Ctx<'_>, id: &str, json: bool) -> Output {
    let user = match member(ctx) {
        Ok(u) => u,
        Err(out) => return out,
    };
    let parent = match id.trim_start_matches('#').parse::<i64>() {
        Ok(n) => ctx.store.comments().get(n),
        Err(_) => return usage(ctx.lang, "reply"),
    };
    let parent = match parent {
        Ok(Some(p)) => p,
        Ok(None) => return Output::failure(format!("{}\n", ctx.lang.post_error(&PostError::NotFound))),
        Err(e) => return store_failure(ctx.lang, e),
    };
    let result = ctx.store.comments().post(
        user,
        parent.article_id,
        Some(parent.id),
        ctx.stdin,
        ctx.policy,
        Utc::now(),
    );
    posted(ctx, result, json)
}

/// What `comment` and `reply` print: the new id (and whether it waits), or why not.
fn posted(ctx: &Ctx<'_>, result: Result<Comment, PostError>, json: bool) -> Output {
    match result {
        Ok(c) if json => Output::ok(format!("{}\n", comment_json(&c))),
        Ok(c) if c.status == CommentStatus::Pending => {
            Output::ok(format!("{} ({})\n", c.id, ctx.lang.awaiting_moderation()))
        }
        Ok(c) => Output::ok(format!("{}\n", c.id)),
        Err(PostError::NoHandle) => Output::failure(ctx.lang.needs_handle().to_string()),
        Err(e) => Output::failure(format!("{}\n", ctx.lang.post_error(&e))),
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::domain::comment::Moderation;

    fn args(line: &str) -> Vec<String> {
        split(line).unwrap()
    }

    #[test]
    fn comments_as_text_are_indented_and_wrapped() {
        let at = Utc.with_ymd_and_hms(2026, 11, 27, 10, 5, 0).unwrap();
        let mut c = Comment {
            id: 42,
            article_id: 1,
            parent_id: Some(7),
            author_id: 3,
            author: "camille".into(),
            body: format!("{}\n\nfin", "mot ".repeat(30)),
            status: CommentStatus::Published,
            created_at: at,
            edited_at: Some(at),
            depth: 2,
        };
        let text = plain_comment(&c, Lang::Fr);
        let rows: Vec<&str> = text.lines().collect();
        assert_eq!(rows[0], "    camille · 27\u{a0}nov.\u{a0}2026, 11\u{a0}h\u{a0}05 · (édité) · #42");
        assert!(
            rows[1..].iter().all(|r| r.is_empty() || r.starts_with("    mot") || r == &"    fin"),
            "{text}"
        );
        assert!(rows.iter().all(|r| r.chars().count() <= WIDTH), "{text}");
        assert_eq!(rows.last(), Some(&"    fin"));
        c.status = CommentStatus::Deleted;
        c.depth = 0;
        assert_eq!(plain_comment(&c, Lang::Fr), "[commentaire supprimé]\n");
        assert_eq!(plain_comment(&c, Lang::En), "[comment deleted]\n");
    }

    #[test]
    fn guests_are_told_how_to_make_a_key() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(&dir.path().join("c.db")).unwrap();
        let policy = CommentPolicy { moderation: Moderation::None, ..CommentPolicy::default() };
        let ctx = Ctx {
            store: &store,
            lang: Lang::En,
            viewer: None,
            fingerprint: None,
            stdin: "hi",
            policy: &policy,
            public_address: "cedille.example",
        };
        for line in ["whoami", "handle camille", "comment 1", "reply 1"] {
            let out = run(&ctx, &args(line));
            assert_eq!(out.status, 1, "{line}");
            assert!(out.stderr.contains("ssh-keygen -t ed25519"), "{line}: {}", out.stderr);
        }
        assert_eq!(run(&ctx, &args("comments 1")).stdout, "No comments yet.\n");
        assert_eq!(run(&ctx, &args("comments 1 2")).status, 2);
        assert_eq!(run(&ctx, &args("comments 999")).status, 1);
        assert!(reads_stdin(&args("comment 1")) && reads_stdin(&args("reply 3")));
        assert!(!reads_stdin(&args("comments 1")));
    }

    #[test]
    fn handle_errors_are_usage_errors() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(&dir.path().join("c.db")).unwrap();
        let me = store.users().for_key("SHA256:me", "ssh-ed25519").unwrap().user_id;
        let policy = CommentPolicy::default();
        let ctx = Ctx {
            store: &store,
            lang: Lang::Fr,
            viewer: Some(me),
            fingerprint: Some("SHA256:me"),
            stdin: "",
            policy: &policy,
            public_address: "cedille.example",
        };
        let out = run(&ctx, &args("handle 'a\u{1b}b'"));
        assert_eq!(out.status, 2);
        assert!(out.stderr.contains("U+001B") && !out.stderr.contains('\u{1b}'), "{}", out.stderr);
        assert_eq!(run(&ctx, &args("handle Élodie")).status, 2);
        let out = run(&ctx, &args("handle sacha"));
        assert_eq!((out.status, out.stdout.as_str()), (0, "Votre pseudonyme est désormais « sacha ».\n"));
        assert_eq!(run(&ctx, &args("whoami")).stdout, "SHA256:me sacha\n");
    }
}
