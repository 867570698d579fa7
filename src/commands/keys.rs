//! `keys [--json]` and `keys remove FINGERPRINT`: a member's SSH keys without a pty, for
//! the day a laptop is lost and the member is at another machine.

use serde_json::json;

use super::{Ctx, Output, bad_option, member, store_failure};
use crate::domain::keys::normalize_fingerprint;
use crate::domain::member::KeyInfo;
use crate::text::clean::clean_line;

pub(super) fn run(ctx: &Ctx<'_>, args: &[String]) -> Output {
    let user = match member(ctx) {
        Ok(u) => u,
        Err(out) => return out,
    };
    if let Some(bad) = args.iter().find(|a| a.starts_with("--") && *a != "--json") {
        return Output::usage(bad_option(ctx.lang, bad));
    }
    let json = args.iter().any(|a| a == "--json");
    let words: Vec<&str> = args.iter().filter(|a| *a != "--json").map(String::as_str).collect();
    match words.as_slice() {
        [] => list(ctx, user, json),
        ["remove", fingerprint] if !json => remove(ctx, user, fingerprint),
        _ => Output::usage(ctx.lang.usage("keys")),
    }
}

fn list(ctx: &Ctx<'_>, user: i64, json: bool) -> Output {
    let keys = match ctx.store.users().keys(user) {
        Ok(keys) => keys,
        Err(e) => return store_failure(ctx.lang, e),
    };
    let current = |k: &KeyInfo| ctx.fingerprint == Some(k.fingerprint.as_str());
    let mut out = String::new();
    for k in &keys {
        if json {
            let line = json!({
                "type": clean_line(&k.algorithm),
                "fingerprint": clean_line(&k.fingerprint),
                "added_at": k.added_at,
                "last_used_at": k.last_used_at,
                "current": current(k),
            });
            out.push_str(&line.to_string());
            out.push('\n');
            continue;
        }
        // The key of this connection is starred, as unread articles are in `articles`.
        let marker = if current(k) { "*" } else { " " };
        out.push_str(&format!("{marker} {}  {}\n", clean_line(&k.fingerprint), clean_line(&k.algorithm)));
        let mut details = ctx.lang.key_dates(k.added_at, k.last_used_at);
        if current(k) {
            details.push_str(&format!(" · {}", ctx.lang.k().this_connection));
        }
        out.push_str(&format!("    {}\n", details.replace('\u{a0}', " ")));
    }
    Output::ok(out)
}

fn remove(ctx: &Ctx<'_>, user: i64, typed: &str) -> Output {
    let fingerprint = normalize_fingerprint(typed);
    let in_use = ctx.fingerprint.unwrap_or_default();
    match ctx.store.users().remove_key(user, &fingerprint, in_use) {
        Ok(key) => {
            tracing::info!(user, fingerprint = %key.fingerprint, "key removed by its member");
            Output::ok(format!("{}\n", ctx.lang.key_removed(&clean_line(&key.fingerprint))))
        }
        Err(e) => Output::failure(format!("{}\n", ctx.lang.key_error(&e, ctx.public_address))),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{run as command, split};
    use super::*;
    use crate::domain::comment::CommentPolicy;
    use crate::i18n::Lang;
    use crate::store::Store;

    #[test]
    fn keys_need_a_key_and_a_well_formed_line() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(&dir.path().join("c.db")).unwrap();
        let me = store.users().for_key("SHA256:me", "ssh-ed25519").unwrap().user_id;
        let policy = CommentPolicy::default();
        let mut ctx = Ctx {
            store: &store,
            lang: Lang::En,
            viewer: None,
            fingerprint: None,
            stdin: "",
            policy: &policy,
            public_address: "cedille.example",
        };
        let run = |ctx: &Ctx<'_>, line: &str| command(ctx, &split(line).unwrap());
        assert_eq!(run(&ctx, "keys").status, 1);
        (ctx.viewer, ctx.fingerprint) = (Some(me), Some("SHA256:me"));
        let out = run(&ctx, "keys");
        assert_eq!(out.status, 0);
        assert!(out.stdout.starts_with("* SHA256:me  ssh-ed25519\n    added "), "{}", out.stdout);
        assert!(out.stdout.contains("· this connection"), "{}", out.stdout);
        for bad in ["keys remove", "keys remove a b", "keys delete x", "keys remove x --json"] {
            assert_eq!(run(&ctx, bad).status, 2, "{bad}");
        }
        assert_eq!(run(&ctx, "keys --all").status, 2);
        let out = run(&ctx, "keys remove SHA256:nope");
        assert_eq!(out.status, 1);
        assert!(out.stderr.contains("'ssh cedille.example keys'"), "{}", out.stderr);
        let out = run(&ctx, "keys remove me");
        assert_eq!(out.status, 1);
        assert!(out.stderr.contains("only key"), "{}", out.stderr);
    }
}
