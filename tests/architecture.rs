//! The source tree keeps the shape ARCHITECTURE.md draws: imports point one way, and no file
//! or function grows past what a newcomer reads at once.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

/// What a layer must never name, by the folder (or file) it lives in.
const RULES: &[(&str, &[&str])] = &[
    (
        "src/ui",
        &[
            "crate::store",
            "crate::runtime",
            "crate::ssh",
            "crate::console",
            "crate::commands",
            "crate::cli",
            "crate::config",
            "crate::observe",
            "prometheus_client",
            "std::env",
            "Utc::now",
            "tokio",
            "rusqlite",
            "std::fs",
            "std::net",
        ],
    ),
    (
        "src/i18n",
        &[
            "crate::ui",
            "crate::store",
            "crate::runtime",
            "crate::ssh",
            "crate::commands",
            "crate::cli",
            "tokio",
        ],
    ),
    (
        "src/domain",
        &[
            "crate::ui",
            "crate::store",
            "crate::runtime",
            "crate::i18n",
            "crate::ssh",
            "crate::commands",
            "crate::cli",
            "crate::term",
            "crate::observe",
            "tokio",
            "rusqlite",
        ],
    ),
    (
        "src/text",
        &[
            "crate::ui",
            "crate::store",
            "crate::runtime",
            "crate::i18n",
            "crate::domain",
            "crate::ssh",
            "crate::commands",
            "tokio",
            "rusqlite",
        ],
    ),
    (
        "src/store",
        &[
            "crate::ui",
            "crate::observe",
            "prometheus_client",
            "crate::runtime",
            "crate::i18n",
            "crate::ssh",
            "crate::console",
            "crate::commands",
            "crate::cli",
        ],
    ),
    ("src/runtime", &["crate::ssh", "crate::console", "crate::commands", "crate::cli"]),
    // The metrics, their endpoint and the server's row: beside the runtime, under the
    // transports that count into them, above nothing but the store.
    (
        "src/observe",
        &["crate::ui", "crate::runtime", "crate::ssh", "crate::console", "crate::commands", "crate::cli"],
    ),
    ("src/runtime.rs", &["crate::ssh", "crate::console", "crate::commands", "crate::cli"]),
];

const MAX_FILE_LINES: usize = 600;
const MAX_FN_LINES: usize = 80;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    assert!(files.len() > 50, "the source tree was not found under {}", root.display());
    files
        .into_iter()
        .map(|p| {
            let name = p.strip_prefix(root).unwrap_or(&p).to_string_lossy().replace('\\', "/");
            (name, fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// The code of a line, without what follows `//` (comments may name anything).
fn code(line: &str) -> &str {
    match line.find("//") {
        Some(i) => &line[..i],
        None => line,
    }
}

fn forbidden_names(sources: &[(String, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (name, text) in sources {
        for (layer, names) in RULES {
            let inside = name == layer || name.starts_with(&format!("{layer}/"));
            if !inside {
                continue;
            }
            for (n, line) in text.lines().enumerate() {
                for forbidden in *names {
                    if code(line).contains(forbidden) {
                        found.push(format!("{name}:{}: {forbidden} — {}", n + 1, line.trim()));
                    }
                }
            }
        }
    }
    found
}

#[test]
fn imports_point_one_way() {
    let found = forbidden_names(&sources());
    assert!(found.is_empty(), "names a layer must not use (see ARCHITECTURE.md):\n{}", found.join("\n"));
}

#[test]
fn the_rule_catches_an_arrow_running_back_up() {
    let planted = vec![
        (
            "src/ui/app/x.rs".to_string(),
            "use crate::store::Store;\nlet t = chrono::Utc::now();\n".to_string(),
        ),
        (
            "src/store/x.rs".to_string(),
            "// crate::ui in a comment is fine\nuse crate::ui::App;\n".to_string(),
        ),
        ("src/domain/x.rs".to_string(), "use crate::domain::Fault;\n".to_string()),
    ];
    let found = forbidden_names(&planted);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found[0].starts_with("src/ui/app/x.rs:1: crate::store"), "{found:#?}");
    assert!(found[1].starts_with("src/ui/app/x.rs:2: Utc::now"), "{found:#?}");
    assert!(found[2].starts_with("src/store/x.rs:2: crate::ui"), "{found:#?}");
}

#[test]
fn no_file_is_over_600_lines() {
    let long: Vec<String> = sources()
        .iter()
        .filter(|(_, text)| text.lines().count() > MAX_FILE_LINES)
        .map(|(name, text)| format!("{name}: {} lines", text.lines().count()))
        .collect();
    assert!(long.is_empty(), "split these by subject:\n{}", long.join("\n"));
}

/// Functions longer than the limit: from a `fn` line to the `}` at its indentation.
fn long_functions(name: &str, text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let is_fn = ["fn ", "pub fn ", "pub(crate) fn ", "pub(super) fn ", "async fn ", "pub async fn "]
            .iter()
            .any(|p| trimmed.starts_with(p));
        if !is_fn || trimmed.ends_with(';') {
            continue;
        }
        let closing = format!("{indent}}}");
        if let Some(end) = lines[i + 1..].iter().position(|l| *l == closing) {
            let length = end + 2;
            if length > MAX_FN_LINES {
                found.push(format!("{name}:{}: {length} lines: {}", i + 1, trimmed));
            }
        }
    }
    found
}

#[test]
fn no_function_is_over_80_lines() {
    let long: Vec<String> = sources().iter().flat_map(|(name, text)| long_functions(name, text)).collect();
    assert!(long.is_empty(), "split these into functions with one job each:\n{}", long.join("\n"));
}

#[test]
fn the_length_rule_measures_a_function_whole() {
    let body = "    let x = 1;\n".repeat(MAX_FN_LINES);
    let text = format!("fn short() {{\n}}\n\nfn long() {{\n{body}}}\n");
    let found = long_functions("src/x.rs", &text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].starts_with("src/x.rs:4: 82 lines"), "{found:#?}");
}
