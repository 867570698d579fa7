#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Properties of the directory's search, from what a person types to the rows SQLite
//! returns: nothing typed is ever a query error (FTS5 has a syntax of its own that people
//! type without knowing: quotes, `AND`, `NEAR(`, `*`, `-`, `l'été`), and a word of a
//! space's name, in any case and with or without its accents, finds that space, whole or
//! as the start of the last word typed.

use cedille::domain::space::fold;
use cedille::store::{SpaceQuery, Store};
use chrono::Utc;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, TestRunner};

/// 64 cases in the test suite; `PROPTEST_CASES` asks for more (`fuzz/run.sh` does).
fn runner() -> TestRunner {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64);
    TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() })
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(&dir.path().join("c.db")).unwrap();
    (dir, store)
}

/// What people type into a search box, FTS5's syntax included.
fn typed() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "\"",
        "'",
        "(",
        ")",
        "*",
        "-",
        "+",
        "^",
        ":",
        "{",
        "}",
        ",",
        ".",
        "/",
        "\\",
        "AND",
        "OR",
        "NOT",
        "NEAR",
        "NEAR(",
        "name:",
        "coworking",
        "crest",
        "die",
        "fibre",
        "l'été",
        "cœur",
        "Œ",
        "æ",
        "é",
        "e\u{301}",
        "🎉",
        "\u{202e}",
        "\u{200b}",
        "\x1b[2J",
        "\0",
        " ",
        "  ",
        "\t",
        "\n",
        "日本",
        "a",
        "1",
    ];
    prop::collection::vec(
        prop_oneof![3 => select(PIECES).prop_map(str::to_string), 1 => any::<String>()],
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

#[test]
fn nothing_typed_is_a_query_error() {
    let (_dir, store) = store();
    let now = Utc::now();
    runner()
        .run(&typed(), |words| {
            let q = SpaceQuery { words: words.clone(), ..SpaceQuery::default() };
            let found = store.spaces().search_page(&q, now, 0, 20);
            prop_assert!(found.is_ok(), "{words:?}: {:?}", found.err());
            Ok(())
        })
        .unwrap();
}

/// Changes the case of some letters and takes some accents off: how people type a name.
fn as_typed(word: &str, upper: &[bool], plain: bool) -> String {
    let word = if plain { fold(word) } else { word.to_string() };
    word.chars()
        .zip(upper.iter().cycle())
        .map(|(c, &up)| if up { c.to_uppercase().collect::<String>() } else { c.to_lowercase().collect() })
        .collect()
}

#[test]
fn a_word_of_a_name_finds_its_space_in_any_case_and_as_a_prefix() {
    let (_dir, store) = store();
    let now = Utc::now();
    // (space id, word of its name) for every word of two letters or more.
    let words: Vec<(i64, String)> = store
        .spaces()
        .all()
        .unwrap()
        .into_iter()
        .flat_map(|s| {
            let id = s.id;
            s.fields
                .name
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 2)
                .map(|w| (id, w.to_string()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(words.len() > 20, "the demo spaces have names");
    let strategy = (select(words), prop::collection::vec(any::<bool>(), 1..6), any::<bool>(), 2usize..12);
    runner()
        .run(&strategy, |((id, word), upper, plain, keep)| {
            let whole = as_typed(&word, &upper, plain);
            let prefix: String = whole.chars().take(keep).collect();
            for typed in [whole.clone(), prefix] {
                let q = SpaceQuery { words: typed.clone(), ..SpaceQuery::default() };
                let (hits, total) = store.spaces().search_page(&q, now, 0, usize::MAX).unwrap();
                prop_assert!(
                    hits.iter().any(|h| h.space.id == id),
                    "« {typed} » (from « {word} ») does not find space {id} among {total}"
                );
            }
            Ok(())
        })
        .unwrap();
}
