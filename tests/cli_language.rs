//! The admin commands in one language, chosen from the environment as the console chooses
//! it: `LC_ALL`, then `LC_MESSAGES`, then `LANG`; English when it starts with `en`, French
//! otherwise. The built binary runs each command twice, on two copies of one bulletin, with
//! `LANG=fr_FR.UTF-8` and with `LANG=en_US.UTF-8`: both print the same report (the same
//! figures, dates and ids, line for line, the same exit status), and neither holds a word of
//! the other language. The bulletin's own data is made of words of neither language, so
//! that whatever is left of each language is the command's.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod process;
use process::cedille_with;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use cedille::domain::CommentPolicy;
use cedille::domain::event::Proposal;
use cedille::store::{Migrate, Options, Store};
use chrono::{Duration, Utc};

const FR: &[(&str, &str)] = &[("LANG", "fr_FR.UTF-8")];
const EN: &[(&str, &str)] = &[("LANG", "en_US.UTF-8")];

/// English that no French line of a command may hold (not « file », a queue in French; not
/// « terminal », the same word).
#[rustfmt::skip]
const ENGLISH: &[&str] = &[
    "the", "of", "is", "was", "not", "and", "with", "shown", "newest", "oldest", "latest",
    "soonest", "first", "last", "cannot", "database", "published", "draft", "scheduled", "comment",
    "comments", "approved", "cancelled", "going", "key", "keys", "never", "inserted", "updated",
    "unchanged", "rejected", "backup", "written", "checked", "integrity", "foreign", "search",
    "schema", "nothing", "imported", "line", "member", "members", "suspended", "banned", "event",
    "events", "will", "appear", "for", "more", "all", "already", "again", "deleted", "hidden",
    "pending", "waiting", "yet", "folder", "from", "to", "added", "spaces", "exported", "restored",
    "handle", "reserved", "unknown", "expected", "role", "open", "needs", "mon", "tue", "wed",
    "thu", "fri", "sat", "sun", "jan", "feb", "apr", "may", "jun", "jul", "aug", "dec",
];

/// French that no English line of a command may hold.
#[rustfmt::skip]
const FRENCH: &[&str] = &[
    "le", "la", "les", "de", "du", "des", "un", "une", "aucun", "aucune", "est", "était", "sur",
    "pour", "plus", "tout", "impossible", "base", "publié", "brouillon", "programmé",
    "commentaire", "commentaires", "validée", "proposée", "annulée", "inscrit", "clé", "jamais",
    "ajoutés", "refusés", "inchangés", "sauvegarde", "vérifiée", "intégrité", "étrangères",
    "recherche", "schéma", "rien", "importé", "ligne", "membre", "membres", "suspendu",
    "rencontre", "rencontres", "paraîtra", "heure", "affiché", "affichés", "affichée", "affichées",
    "déjà", "supprimé", "masqué", "attente", "dossier", "fichier", "espace", "espaces", "exporté",
    "restaurée", "pseudonyme", "réservé", "rôle", "inconnu", "lun", "mer", "jeu", "ven", "dim",
    "janv", "févr", "déc", "avr", "juil", "août", "à", "et", "ou", "ce", "ne", "pas", "il", "faut",
];

/// The bulletin's data: a title, a place, a handle, a text of no language.
const DATA: &[&str] = &["zorglub", "kwix", "yuzu", "krump", "zyx", "valence", "camille", "dominique"];

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

fn numbers(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_ascii_digit()).filter(|n| !n.is_empty()).collect()
}

/// The words of `text` from `foreign`, leaving out `allowed` (data, keywords a command takes).
fn foreign_words(text: &str, foreign: &[&str], allowed: &HashSet<String>) -> Vec<String> {
    words(text).into_iter().filter(|w| foreign.contains(&w.as_str()) && !allowed.contains(w)).collect()
}

/// A bulletin without the demo: one member who wrote once (waiting for moderation), one
/// article, one meetup of the association and one proposal, all in words of no language.
fn bulletin(dir: &Path) -> PathBuf {
    let db = dir.join("c.db");
    let (store, _) =
        Store::open_with(&db, Options { demo: false, migrate: Migrate::Yes, ..Default::default() }).unwrap();
    let now = Utc::now();
    let text =
        "---\ntitle: Zorglub Kwix\nrubrique: Zyx\nauthor: Kwix\nstatus: published\n---\n\nKwix zorglub.\n";
    let article = cedille::domain::frontmatter::parse_article(text, now - Duration::days(1)).unwrap();
    let id = store.articles().import("test", &[(article, true)]).unwrap()[0].0;
    let camille = store.users().for_key("SHA256:camille", "ssh-ed25519").unwrap().user_id;
    store.users().set_handle(camille, "camille").unwrap();
    let dominique = store.users().for_key("SHA256:dominique", "ssh-ed25519").unwrap().user_id;
    store.users().set_handle(dominique, "dominique").unwrap();
    store.comments().post(camille, id, None, "Kwix yuzu", &CommentPolicy::default(), now).unwrap();
    let meetup = |title: &str, days: i64| Proposal {
        title: title.into(),
        starts_at: now + Duration::days(days),
        ends_at: now + Duration::days(days) + Duration::hours(2),
        space: None,
        address: "12 zyx".into(),
        commune: Some("Valence".into()),
        capacity: Some(8),
        description: "Kwix.".into(),
    };
    store.events().create("test", &meetup("Yuzu Krump", 10), now).unwrap();
    store.events().propose(camille, &meetup("Krump Yuzu", 12), now).unwrap();
    db
}

/// One command, as run in both languages.
struct Step {
    args: Vec<String>,
    /// Keywords the command takes that its messages name (`member, moderator or admin`).
    allowed: &'static [&'static str],
    /// Says something of the moment (a duration, the time of an action): figures differ.
    of_the_moment: bool,
}

fn step(args: &[&str]) -> Step {
    Step { args: args.iter().map(|a| a.to_string()).collect(), allowed: &[], of_the_moment: false }
}

/// Each language's copy of the bulletin, and the files the commands read.
struct Copy {
    dir: tempfile::TempDir,
}

impl Copy {
    fn new(base: &Path) -> Copy {
        let dir = tempfile::tempdir().unwrap();
        for entry in std::fs::read_dir(base).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
        }
        Copy { dir }
    }

    /// `{}` in an argument is this copy's folder.
    fn run(&self, locale: &[(&str, &str)], args: &[String]) -> (i32, String, String) {
        let root = self.dir.path().to_str().unwrap();
        let args: Vec<String> = args.iter().map(|a| a.replace("{}", root)).collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (status, out, err) = cedille_with(locale, &args);
        (status, out.replace(root, "DIR"), err.replace(root, "DIR"))
    }
}

fn files(dir: &Path) {
    std::fs::write(dir.join("good.md"), "---\ntitle: Kwix Zyx\nrubrique: Zyx\n---\n\nYuzu.\n").unwrap();
    std::fs::write(dir.join("bad.md"), "---\ntitle: Kwix\ncolour: zyx\n---\n\nYuzu.\n").unwrap();
    std::fs::write(dir.join("junk.db"), "zyx ".repeat(400)).unwrap();
    let header = "source,source_id,name,kind,status,address,postcode,commune_insee,lat,lon,description,\
                  amenities,hours,price_day,price_half_day,price_month,website,email,phone,verified_on";
    let row = "zyx,zyx-1,Zorglub Kwix,coworking,ouvert,9 quai zyx,26400,26108,44.727512,5.021930,Kwix,\
               fibre wifi,Mo-Fr 08:30-18:00,15,9,180,https://kwix.example,kwix@kwix.example,04 65 71 10 01,\
               2026-10-14";
    std::fs::write(dir.join("spaces.csv"), format!("{header}\n{row}\n")).unwrap();
    std::fs::write(dir.join("columns.csv"), "name,kind\nZorglub,coworking\n").unwrap();
}

fn steps() -> Vec<Step> {
    let db = "{}/c.db";
    let mut steps = vec![
        step(&["article", "import", "{}/good.md", "--db", db]),
        step(&["article", "import", "{}/good.md", "--db", db]),
        Step {
            allowed: &["title", "rubrique", "author", "handle", "date", "status", "slug", "colour"],
            ..step(&["article", "import", "{}/good.md", "{}/bad.md", "--db", db])
        },
        step(&["article", "import", "{}/missing.md", "--db", db]),
        step(&["article", "list", "--db", db]),
        step(&["article", "list", "--limit", "1", "--db", db]),
        step(&["article", "unpublish", "1", "--db", db]),
        step(&["article", "unpublish", "1", "--db", db]),
        step(&["article", "schedule", "1", "2099-12-01", "--db", db]),
        step(&["article", "schedule", "1", "hier", "--db", db]),
        step(&["article", "schedule", "1", "2020-01-01", "--db", db]),
        step(&["article", "publish", "1", "--db", db]),
        step(&["article", "publish", "1", "--db", db]),
        step(&["article", "publish", "999", "--db", db]),
        step(&["comments", "list", "--pending", "--db", db]),
        step(&["comments", "list", "--limit", "0", "--db", db]),
        step(&["comments", "approve", "1", "--db", db]),
        step(&["comments", "approve", "1", "--db", db]),
        step(&["comments", "hide", "999", "--db", db]),
        step(&["comments", "list", "--pending", "--db", db]),
        step(&["events", "list", "--db", db]),
        step(&["events", "list", "--pending", "--limit", "1", "--db", db]),
        step(&["events", "approve", "2", "--db", db]),
        step(&["events", "cancel", "1", "--db", db]),
        step(&["events", "cancel", "1", "--db", db]),
        step(&["events", "approve", "1", "--db", db]),
        step(&["events", "delete", "1", "--db", db]),
        step(&["events", "delete", "1", "--db", db]),
        step(&["users", "list", "--db", db]),
        step(&["users", "list", "--limit", "1", "--db", db]),
        step(&["users", "ban", "camille", "--db", db]),
        step(&["users", "ban", "camille", "--db", db]),
        step(&["users", "unban", "camille", "--db", db]),
        step(&["users", "unban", "camille", "--db", db]),
        step(&["users", "approve", "dominique", "--db", db]),
        step(&["users", "approve", "dominique", "--db", db]),
        step(&["users", "rename", "dominique", "camille", "--db", db]),
        step(&["users", "rename", "dominique", "root", "--db", db]),
        step(&["users", "role", "camille", "moderator", "--db", db]),
        step(&["users", "role", "camille", "moderator", "--db", db]),
        Step {
            allowed: &["member", "moderator", "admin"],
            ..step(&["users", "role", "camille", "zyx", "--db", db])
        },
        step(&["users", "ban", "nobody", "--db", db]),
        step(&["users", "list", "--db", db]),
        step(&["spaces", "import", "{}/spaces.csv", "--db", db]),
        step(&["spaces", "import", "{}/spaces.csv", "--db", db]),
        step(&["spaces", "import", "{}/columns.csv", "--db", db]),
        step(&["spaces", "import", "{}/missing.csv", "--db", db]),
        step(&["spaces", "export", "{}/export.csv", "--db", db]),
        step(&["spaces", "export", "{}/missing/export.csv", "--db", db]),
        Step { of_the_moment: true, ..step(&["backup", "{}/b.db", "--db", db]) },
        step(&["backup", db, "--db", db]),
        Step { of_the_moment: true, ..step(&["status", "--db", db]) },
        step(&["status", "--db", "{}/nope.db"]),
        step(&["backup", "{}", "--db", db]),
        step(&["check", "--db", db]),
        step(&["check", "--db", "{}/b.db"]),
        step(&["check", "--db", "{}/nope.db"]),
        step(&["check", "--db", "{}/junk.db"]),
        step(&["migrate", "--db", db]),
        step(&["restore", "{}/junk.db", "--db", db]),
        step(&["restore", "{}/nope.db", "--db", db]),
        step(&["users", "list", "--db", "{}/nope.db"]),
        step(&["--config", "{}/missing.toml", "users", "list"]),
        step(&["tui", "--db", db]),
        step(&["--version"]),
        Step { of_the_moment: true, ..step(&["demo", "generate", "--members", "2", "--db", "{}/g.db"]) },
    ];
    // The restore goes last but one: it sets the database aside under a name with the time.
    steps.push(Step { of_the_moment: true, ..step(&["restore", "{}/b.db", "--db", db]) });
    steps
}

#[test]
fn every_command_says_the_same_in_french_and_in_english_and_nothing_of_the_other() {
    let base = tempfile::tempdir().unwrap();
    bulletin(base.path());
    files(base.path());
    let (fr, en) = (Copy::new(base.path()), Copy::new(base.path()));
    let data: HashSet<String> = DATA.iter().map(|w| w.to_string()).chain(words("DIR")).collect();
    for step in steps() {
        let said_fr = fr.run(FR, &step.args);
        let said_en = en.run(EN, &step.args);
        let what = step.args.join(" ");
        let context =
            format!("`{what}`\n--- fr ---\n{}{}--- en ---\n{}{}", said_fr.1, said_fr.2, said_en.1, said_en.2);
        assert_eq!(said_fr.0, said_en.0, "the same exit status: {context}");
        assert!(!format!("{}{}", said_fr.1, said_fr.2).trim().is_empty(), "says something: {context}");
        let mut allowed = data.clone();
        allowed.extend(step.allowed.iter().map(|w| w.to_string()));
        for (fr, en) in [(&said_fr.1, &said_en.1), (&said_fr.2, &said_en.2)] {
            let english = foreign_words(fr, ENGLISH, &allowed);
            assert!(english.is_empty(), "English words {english:?} in French: {context}");
            let french = foreign_words(en, FRENCH, &allowed);
            assert!(french.is_empty(), "French words {french:?} in English: {context}");
            assert_eq!(fr.lines().count(), en.lines().count(), "the same lines: {context}");
            if !step.of_the_moment {
                assert_eq!(numbers(fr), numbers(en), "the same figures, dates and ids: {context}");
            }
        }
    }
    // What the last restore set aside is there in both copies, with each its own time.
    for copy in [&fr, &en] {
        let kept = std::fs::read_dir(copy.dir.path()).unwrap().filter_map(Result::ok);
        assert!(kept.into_iter().any(|e| e.file_name().to_string_lossy().starts_with("c.db.replaced-")));
    }
}

#[test]
fn the_reports_read_as_each_language_writes() {
    let base = tempfile::tempdir().unwrap();
    bulletin(base.path());
    files(base.path());
    let copy = Copy::new(base.path());
    let run =
        |locale, args: &[&str]| copy.run(locale, &args.iter().map(|a| a.to_string()).collect::<Vec<_>>());
    let db = "{}/c.db";
    let import = ["spaces", "import", "{}/spaces.csv", "--db", db];
    assert_eq!(run(EN, &import).1, "inserted 1, updated 0, unchanged 0, rejected 0\n");
    assert_eq!(run(FR, &import).1, "ajoutés : 0, mis à jour : 0, inchangés : 1, refusés : 0\n");
    let (_, _, err) = run(FR, &["users", "list", "--limit", "1", "--db", db]);
    assert_eq!(
        err,
        "1 membre affiché sur 2, du plus récemment venu au plus ancien ; --limit N pour en voir plus, --limit 0 pour tout\n"
    );
    let (_, _, err) = run(EN, &["users", "list", "--limit", "1", "--db", db]);
    assert_eq!(
        err,
        "1 of 2 members shown, most recently seen first; --limit N for more, --limit 0 for all\n"
    );
    assert_eq!(
        run(FR, &["article", "unpublish", "1", "--db", db]).1,
        "l'article 1 est de nouveau un brouillon\n"
    );
    assert_eq!(run(EN, &["article", "publish", "1", "--db", db]).1, "article 1 published\n");
    let (status, _, err) = run(FR, &["check", "--db", "{}/nope.db"]);
    assert_eq!(
        (status, err.as_str()),
        (2, "cedille : aucune base à DIR/nope.db (indiquez la bonne avec --db ou CEDILLE_DB)\n")
    );
    let (_, out, _) = run(FR, &["events", "list", "--db", db]);
    let meetup = out.lines().find(|l| l.contains("Yuzu Krump")).unwrap();
    assert!(meetup.contains("validée") && meetup.contains("l'association; 0 inscrit sur 8 places"), "{out}");
    // JSON is data: the same bytes whatever the language.
    for listing in [["users", "list"], ["events", "list"], ["article", "list"], ["comments", "list"]] {
        let args = [listing[0], listing[1], "--json", "--db", db];
        assert_eq!(run(FR, &args), run(EN, &args), "{listing:?}");
    }
}

#[test]
fn the_language_comes_from_lc_all_then_lc_messages_then_lang_and_is_french_unless_english() {
    let missing = ["check", "--db", "/nonexistent/cedille.db"];
    let english =
        "cedille: no database at /nonexistent/cedille.db (give the right one with --db or CEDILLE_DB)\n";
    let french =
        "cedille : aucune base à /nonexistent/cedille.db (indiquez la bonne avec --db ou CEDILLE_DB)\n";
    let cases: [(&[(&str, &str)], &str); 8] = [
        (&[("LANG", "en_US.UTF-8")], english),
        (&[("LANG", "en_GB")], english),
        (&[("LANG", "fr_FR.UTF-8")], french),
        (&[("LANG", "C.UTF-8")], french),
        (&[], french),
        (&[("LANG", "fr_FR.UTF-8"), ("LC_MESSAGES", "en_US.UTF-8")], english),
        (&[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "en_US.UTF-8"), ("LC_ALL", "fr_FR.UTF-8")], french),
        (&[("LANG", "fr_FR.UTF-8"), ("LC_ALL", "")], french),
    ];
    for (locale, said) in cases {
        let (status, _, err) = cedille_with(locale, &missing);
        assert_eq!((status, err.as_str()), (2, said), "{locale:?}");
    }
}

#[test]
fn clap_s_own_usage_stays_in_english_as_the_readme_says() {
    for locale in [FR, EN] {
        let (status, _, err) = cedille_with(locale, &["users", "list", "--limit", "ten"]);
        assert_eq!(status, 2);
        assert!(err.starts_with("error: ") && err.contains("not a number of rows"), "{err}");
    }
}
