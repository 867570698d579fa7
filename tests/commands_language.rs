//! The member's commands without a pty speak one language at a time: a usage line names its
//! values in the words of the help beside it (« read N|SLUG », not « read ID|SLUG » under a
//! French help), and every error is said in the member's language.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cedille::commands::{Ctx, Output, run};
use cedille::domain::CommentPolicy;
use cedille::i18n::Lang;
use cedille::store::Store;

/// Each command written wrong: what it answers is its usage line.
const MISUSED: &[(&str, &str)] = &[
    ("read", "read"),
    ("articles", "articles x"),
    ("whoami", "whoami x"),
    ("handle", "handle"),
    ("comments", "comments"),
    ("comment", "comment"),
    ("reply", "reply x"),
    ("news", "news x"),
    ("agenda", "agenda --near"),
    ("event", "event"),
    ("spaces", "spaces --within"),
    ("space", "space"),
    ("members", "members --near"),
    ("member", "member"),
    ("search", "search"),
    ("keys", "keys remove"),
];

/// Errors other than usage: what is not there, an option or a commune nobody knows.
const REFUSED: &[&str] = &[
    "read 999",
    "event 999",
    "space 999",
    "member nobody",
    "agenda --near Nulepart",
    "spaces --near Nulepart",
    "members --near Nulepart --within 10",
    "spaces --within loin --near Die",
    "agenda --soon",
    "keys remove SHA256:nope",
    "nocommand",
];

/// Words of one language that the other's output may not hold: the values a synopsis
/// names, and the words of its errors.
#[rustfmt::skip]
const ENGLISH: &[&str] = &[
    "ID", "NAME", "WORDS", "HANDLE", "FINGERPRINT", "TAG", "the", "not", "unknown", "found",
    "does", "exist", "did", "you", "mean", "meetup", "command", "usage:",
];
#[rustfmt::skip]
const FRENCH: &[&str] = &[
    "N°", "NOM", "MOTS", "PSEUDO", "EMPREINTE", "COMPÉTENCE", "le", "la", "les", "du", "des",
    "inconnu", "inconnue", "existe", "pas", "aucun", "aucune", "espace", "rencontre", "membre",
    "usage :",
];

/// The words of `text`, and its two-word runs (« usage : »).
fn holds(text: &str, word: &str) -> bool {
    if word.contains(' ') || word.contains(':') {
        return text.contains(word);
    }
    text.split(|c: char| !(c.is_alphanumeric() || c == '°')).any(|w| w == word)
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn run_line(store: &Store, viewer: i64, lang: Lang, line: &str) -> Output {
    let policy = CommentPolicy::default();
    let ctx = Ctx {
        store,
        lang,
        viewer: Some(viewer),
        fingerprint: Some("SHA256:me"),
        stdin: "",
        policy: &policy,
        public_address: "cedille.example",
    };
    run(&ctx, &cedille::commands::split(line).unwrap())
}

#[test]
fn usage_lines_and_errors_speak_the_language_of_the_help() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(&dir.path().join("c.db")).unwrap();
    let me = store.users().for_key("SHA256:me", "ssh-ed25519").unwrap().user_id;
    for (lang, other) in [(Lang::Fr, ENGLISH), (Lang::En, FRENCH)] {
        let help = run_line(&store, me, lang, "help").stdout;
        for word in other {
            assert!(!holds(&help, word), "{lang:?} help holds {word:?}");
        }
        for (command, line) in MISUSED {
            let out = run_line(&store, me, lang, line);
            assert_eq!(out.status, 2, "{lang:?} `{line}`: {out:?}");
            let synopsis =
                out.stderr.trim_end().split_once(' ').map(|(_, s)| s.trim_start_matches(": ")).unwrap();
            assert!(synopsis.starts_with(command), "{lang:?} `{line}`: {:?}", out.stderr);
            for form in synopsis.split(" | ") {
                assert!(
                    collapse(&help).contains(&collapse(form)),
                    "{lang:?} `{line}`: {form:?} is not in the help"
                );
            }
            for word in other {
                assert!(!holds(&out.stderr, word), "{lang:?} `{line}` says {word:?}: {:?}", out.stderr);
            }
        }
        for line in REFUSED {
            let out = run_line(&store, me, lang, line);
            assert_ne!(out.status, 0, "{lang:?} `{line}`: {out:?}");
            assert!(!out.stderr.trim().is_empty(), "{lang:?} `{line}` says nothing");
            for word in other {
                assert!(!holds(&out.stderr, word), "{lang:?} `{line}` says {word:?}: {:?}", out.stderr);
            }
        }
    }
}
