//! `members [--near COMMUNE] [--within KM] [--skill TAG] [--json]`: the published profiles
//! of the directory, without a pty. Nothing unpublished ever comes out of here.

use serde_json::json;

use super::{Ctx, Output, WIDTH, bad_option, near_commune, store_failure, usage};
use crate::domain::network::MemberCard;
use crate::i18n::Lang;
use crate::store::MemberQuery;
use crate::text::clean::clean_line;
use crate::text::typo::protect_french;
use crate::text::wrap::wrap_plain;

pub(super) fn list(ctx: &Ctx<'_>, args: &[String]) -> Output {
    let lang = ctx.lang;
    let mut q = MemberQuery::default();
    let (mut json, mut near, mut within) = (false, String::new(), String::new());
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let slot = match flag {
            "--json" => {
                json = true;
                continue;
            }
            "--near" => &mut near,
            "--within" => &mut within,
            "--skill" => q.skill.get_or_insert_with(String::new),
            f if f.starts_with("--") => return Output::usage(bad_option(lang, f)),
            _ => return usage(lang, "members"),
        };
        match inline.or_else(|| it.next().cloned()) {
            Some(v) => *slot = v,
            None => return usage(lang, "members"),
        }
    }
    q.skill = q.skill.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    if !within.is_empty() {
        match within.trim().replace(',', ".").parse::<f64>() {
            Ok(v) if v.is_finite() && v > 0.0 && !near.is_empty() => q.within_km = Some(v),
            Ok(_) if near.is_empty() => return Output::usage(lang.within_needs_near().to_string()),
            _ => return Output::usage(lang.bad_distance(&clean_line(&within))),
        }
    }
    let mut note = String::new();
    if !near.is_empty() {
        match near_commune(ctx, &near, 3) {
            Ok((c, said)) => (q.near, note) = (Some(c), said),
            Err(out) => return out,
        }
    }
    let cards = match ctx.store.network().search(&q) {
        Ok(cards) => cards,
        Err(e) => return store_failure(lang, e),
    };
    let mut out = String::new();
    for card in &cards {
        if json {
            out.push_str(&card_json(card).to_string());
            out.push('\n');
        } else {
            out.push_str(&plain_card(card, lang));
        }
    }
    Output::ok(out).noting(note)
}

/// Every text field cleaned again on the way out, whatever the database holds.
fn card_json(c: &MemberCard) -> serde_json::Value {
    json!({
        "id": c.user_id,
        "handle": clean_line(&c.handle),
        "commune": c.commune.as_deref().map(clean_line),
        "departement": c.departement,
        "status": c.status,
        "skills": c.skills.iter().map(|s| clean_line(s)).collect::<Vec<_>>(),
        "open_to": c.open_to,
        "presentation": crate::text::clean::clean_text(&c.presentation),
        "online": c.online,
        "distance_km": c.distance_km.map(|d| (d * 10.0).round() / 10.0),
    })
}

fn plain_card(c: &MemberCard, lang: Lang) -> String {
    let mut head = vec![clean_line(&c.handle)];
    head.extend(c.status.map(|s| lang.work_status(s).to_string()));
    head.extend(c.commune.as_deref().map(clean_line));
    head.extend(c.distance_km.map(|km| lang.distance(km)));
    let mut out = String::new();
    let mut push = |text: &str, indent: &str| {
        for line in wrap_plain(&protect_french(text), WIDTH - indent.len()) {
            out.push_str(indent);
            out.push_str(&line);
            out.push('\n');
        }
    };
    push(&head.join(" · "), "");
    let skills: Vec<String> = c.skills.iter().map(|s| clean_line(s)).collect();
    if !skills.is_empty() {
        push(&skills.join(", "), "    ");
    }
    let open: Vec<&str> = c.open_to.iter().map(|o| lang.open_to(*o)).collect();
    if !open.is_empty() {
        push(&format!("{}\u{a0}: {}", lang.n().open_to, open.join(", ")), "    ");
    }
    let presentation = clean_line(&c.presentation);
    if !presentation.is_empty() {
        push(&presentation, "    ");
    }
    out
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::domain::CommentPolicy;
    use crate::store::{ProfileField, Store};

    fn run(store: &Store, line: &str) -> Output {
        let policy = CommentPolicy::default();
        let ctx = Ctx {
            store,
            lang: Lang::Fr,
            viewer: None,
            fingerprint: None,
            stdin: "",
            policy: &policy,
            public_address: "cedille.example",
        };
        super::super::run(&ctx, &super::super::split(line).unwrap_or_default())
    }

    #[test]
    fn only_published_profiles_by_skill_and_distance() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(&dir.path().join("m.db")).unwrap();
        for (handle, town, skills, publish) in [
            ("aline", "Crest", "Rust", true),
            ("bruno", "Privas", "rust, compta", true),
            ("chloe", "Die", "rust", false),
        ] {
            let id = store.users().for_key(&format!("SHA256:{handle}"), "ssh-ed25519").unwrap().user_id;
            store.users().set_handle(id, handle).unwrap();
            let insee = store.communes().find(town).unwrap().unwrap().insee;
            let n = store.network();
            n.update(id, ProfileField::Commune(Some(insee)), Utc::now()).unwrap();
            n.update(id, ProfileField::Skills(skills.into()), Utc::now()).unwrap();
            n.update(id, ProfileField::Published(publish), Utc::now()).unwrap();
        }
        let out = run(&store, "members --skill rust --near Crest");
        assert_eq!(out.status, 0, "{}", out.stderr);
        let lines: Vec<&str> = out.stdout.lines().filter(|l| !l.starts_with(' ')).collect();
        assert_eq!(lines.len(), 2, "{}", out.stdout);
        assert!(
            lines[0].starts_with("aline · Crest") && lines[1].starts_with("bruno · Privas"),
            "{}",
            out.stdout
        );
        assert!(!out.stdout.contains("chloe"), "never an unpublished profile");
        let out = run(&store, "members --near Crest --within 10 --json");
        let rows: Vec<serde_json::Value> =
            out.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0]["handle"], "aline");
        assert_eq!(run(&store, "members --skill compta").stdout.lines().next(), Some("bruno · Privas"));
        assert_eq!(run(&store, "members --near Nullepart").status, 2);
        assert_eq!(run(&store, "members --within 5").status, 2);
        assert_eq!(run(&store, "members --bogus").status, 2);
    }

    #[test]
    fn a_skill_is_found_by_its_start_and_by_a_word_inside_a_tag() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(&dir.path().join("m.db")).unwrap();
        for (handle, skills) in [("aline", "télécoms, Développement web"), ("bruno", "rust")] {
            let id = store.users().for_key(&format!("SHA256:{handle}"), "ssh-ed25519").unwrap().user_id;
            store.users().set_handle(id, handle).unwrap();
            store.network().update(id, ProfileField::Skills(skills.into()), Utc::now()).unwrap();
            store.network().update(id, ProfileField::Published(true), Utc::now()).unwrap();
        }
        for skill in ["telecom", "développement", "Developpement", "web", "développement web"] {
            let out = run(&store, &format!("members --skill '{skill}'"));
            assert_eq!(out.status, 0, "{}", out.stderr);
            let handles: Vec<&str> = out
                .stdout
                .lines()
                .filter(|l| !l.starts_with(' '))
                .map(|l| l.split(' ').next().unwrap())
                .collect();
            assert_eq!(handles, vec!["aline"], "--skill {skill}:\n{}", out.stdout);
        }
        assert!(run(&store, "members --skill mobile").stdout.trim().is_empty());
    }

    #[test]
    fn the_ban_is_read_again_before_every_command() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(&dir.path().join("m.db")).unwrap();
        let policy = CommentPolicy::default();
        let member = |name: &str| {
            let id = store.users().for_key(&format!("SHA256:{name}"), "ssh-ed25519").unwrap().user_id;
            store.users().set_handle(id, name).unwrap();
            id
        };
        let (camille, dominique) = (member("camille"), member("dominique"));
        let as_member = |viewer: i64, line: &str| {
            let ctx = Ctx {
                store: &store,
                lang: Lang::En,
                viewer: Some(viewer),
                fingerprint: None,
                stdin: "",
                policy: &policy,
                public_address: "cedille.example",
            };
            super::super::run(&ctx, &super::super::split(line).unwrap_or_default())
        };
        assert_eq!(as_member(camille, "whoami").status, 0);
        store.members().set_banned("admin", "camille", true).unwrap();
        // The attack: a connection opened before the ban renames its member.
        for line in ["handle autre", "whoami", "articles", "help"] {
            let out = as_member(camille, line);
            assert_eq!(
                (out.status, out.stderr.as_str(), out.suspended),
                (1, "This account is suspended.\n", true)
            );
            assert!(out.stdout.is_empty(), "{line}: {}", out.stdout);
        }
        assert_eq!(store.users().profile(camille).unwrap().handle.as_deref(), Some("camille"));
        // Another member goes on as usual.
        let out = as_member(dominique, "whoami");
        assert_eq!((out.status, out.suspended), (0, false), "{}", out.stderr);
        // Restored, the same member runs commands again.
        store.members().set_banned("admin", "camille", false).unwrap();
        assert_eq!(as_member(camille, "whoami").status, 0);
    }
}
