//! Commands a member runs without a pty (`ssh cedille.example articles --json`): plain
//! text wrapped at 80 columns, or JSON lines for scripts. Exit status 2 for a usage error,
//! as POSIX tools do.

use chrono::Utc;
use serde_json::json;

use crate::domain::Article;
use crate::i18n::Lang;
use crate::store::Store;
use crate::ui::text::clean::clean_line;
use crate::ui::text::markdown::{MdLabels, MdStyles, lines_to_plain, render_markdown};
use crate::ui::text::typo::protect_french;
use crate::ui::text::wrap::wrap_plain;

/// Width of plain-text output: what every terminal and mail reader shows.
const WIDTH: usize = 80;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub status: u32,
}

impl Output {
    fn ok(stdout: String) -> Output {
        Output { stdout, stderr: String::new(), status: 0 }
    }

    fn usage(stderr: String) -> Output {
        Output { stdout: String::new(), stderr, status: 2 }
    }

    fn failure(stderr: String) -> Output {
        Output { stdout: String::new(), stderr, status: 1 }
    }
}

/// Splits a command line as a POSIX shell would; `None` when quotes are unbalanced.
pub fn split(line: &str) -> Option<Vec<String>> {
    shlex::split(line)
}

/// Runs one command. Blocking: it reads the store.
pub fn run(store: &Store, args: &[String], lang: Lang, viewer: Option<i64>) -> Output {
    let Some((cmd, rest)) = args.split_first() else {
        return Output::ok(lang.s().commands_help.to_string());
    };
    let json = rest.iter().any(|a| a == "--json");
    let positional: Vec<&String> = rest.iter().filter(|a| *a != "--json").collect();
    if let Some(bad) = positional.iter().find(|a| a.starts_with("--")) {
        return Output::usage(bad_option(lang, bad));
    }
    match (cmd.as_str(), positional.as_slice()) {
        ("help" | "--help" | "-h", _) => Output::ok(lang.s().commands_help.to_string()),
        ("articles", []) => articles(store, lang, viewer, json),
        ("read", [key]) => read(store, lang, viewer, key, json),
        ("read", _) => Output::usage(match lang {
            Lang::Fr => "usage : read ID|SLUG [--json]\n".into(),
            Lang::En => "usage: read ID|SLUG [--json]\n".into(),
        }),
        ("articles", _) => Output::usage(match lang {
            Lang::Fr => "usage : articles [--json]\n".into(),
            Lang::En => "usage: articles [--json]\n".into(),
        }),
        (other, _) => Output::usage(format!("{}\n", lang.unknown_command(&clean_line(other)))),
    }
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
        Err(e) => return Output::failure(format!("cedille: {e}\n")),
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
        let details = format!(
            "{} · {} · {} · {} · {}",
            clean_line(&a.rubrique),
            lang.short_date(a.published_at),
            lang.by(&clean_line(&a.author)),
            lang.comments(a.comments),
            a.slug
        );
        for line in wrap_plain(&protect_french(&details), WIDTH - 7) {
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
        Err(e) => return Output::failure(format!("cedille: {e}\n")),
    };
    if let Some(user) = viewer {
        let _ = store.articles().mark_read(user, article.summary.id, Utc::now());
    }
    if json {
        return Output::ok(format!("{}\n", json!(article)));
    }
    Output::ok(plain_article(&article, lang))
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
