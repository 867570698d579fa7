#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The spaces directory end to end: the real server with its demo spaces and the communes
//! of Drôme and Ardèche, a member over SSH (russh client, `vt100` screen), and the `spaces`
//! command without a pty. Every wait is for what the screen or the channel says, with a
//! deadline.

mod common;

use common::*;

/// « 18 espaces », « 1 espace », as the summary line writes a count, with the space
/// before it (so that « 8 espaces » is not found in « 18 espaces »).
fn count_text(n: usize) -> String {
    match n {
        0 => " aucun espace".into(),
        1 => " 1 espace".into(),
        n => format!(" {n} espaces"),
    }
}

/// The JSON lines of a command that must succeed.
async fn json_lines(client: &Client, command: &str) -> Vec<serde_json::Value> {
    let out = client.exec(command).await;
    assert_eq!(out.status, Some(0), "`{command}`: {out:?}");
    assert!(out.stderr.is_empty(), "`{command}`: {}", out.stderr());
    out.stdout().lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}

/// The line under the search line: the filters, the sort and the count.
fn summary_row(text: &str) -> String {
    text.lines().nth(2).unwrap_or_default().to_string()
}

/// The second row of each space in the list: kind · commune · distance · amenities.
fn detail_rows(text: &str) -> Vec<String> {
    text.lines()
        .skip(3)
        .take_while(|l| !l.contains("f filtres"))
        .filter(|l| l.contains(" · "))
        .map(str::to_string)
        .collect()
}

/// The distances in `rows`, in order: « 3,4 km » → 3.4.
fn kilometres(rows: &[String]) -> Vec<f64> {
    rows.iter()
        .filter_map(|l| l.split(" · ").map(str::trim).find(|p| p.ends_with(" km")))
        .map(|p| p.trim_end_matches(" km").replace(',', ".").parse::<f64>().unwrap())
        .collect()
}

/// The left half of each row of a 200-column screen: the list, the map being on the right.
fn left_half(text: &str) -> String {
    text.lines().map(|l| l.chars().take(100).collect::<String>()).collect::<Vec<_>>().join("\n")
}

fn top_row(text: &str) -> String {
    text.lines().next().unwrap_or_default().to_string()
}

fn last_row(text: &str) -> String {
    text.lines().last().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_searches_narrows_near_a_town_maps_and_reads_a_space() {
    let server = Server::start().await;
    let client = Client::member(server.addr).await;
    // What the store holds, read through the command rather than written down here.
    let all = json_lines(&client, "spaces --json").await;
    let with_crest = json_lines(&client, "spaces crest --json").await;
    assert!(!all.is_empty() && !with_crest.is_empty());
    assert!(
        with_crest.len() < all.len(),
        "« crest » narrows the list: {} of {}",
        with_crest.len(),
        all.len()
    );
    let crest_names: Vec<String> = with_crest
        .iter()
        .filter(|s| s["commune"] == "Crest")
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect();
    assert!(!crest_names.is_empty(), "a demo space in Crest: {with_crest:?}");

    let mut s = client.shell(100, 30).await;
    s.wait_status("1/9").await;

    // Tab past the agenda: the directory, every space found at once.
    s.send(b"\t").await;
    s.wait_text("Cédille · Agenda").await;
    s.send(b"\t").await;
    let text = s
        .wait_for("the directory with every space", |t| {
            top_row(t).contains("Cédille · Espaces") && summary_row(t).ends_with(&count_text(all.len()))
        })
        .await;
    assert!(summary_row(&text).contains("aucun filtre"), "{text}");
    assert!(last_row(&text).contains("/ chercher"), "{text}");
    assert!(text.contains("● ouvert maintenant") || text.contains("○ fermé maintenant"), "{text}");

    // `/`, then « crest » letter by letter: each one shows, and the list narrows.
    s.send(b"/").await;
    s.wait_status("Entrée valider").await;
    let mut typed = String::new();
    for c in "crest".chars() {
        s.send(c.to_string().as_bytes()).await;
        typed.push(c);
        s.wait_for(&format!("« {typed} » in the search line"), |t| {
            t.lines()
                .nth(1)
                .is_some_and(|l| l.trim_start().starts_with('/') && l.trim_end().ends_with(&typed))
        })
        .await;
    }
    let text = s
        .wait_for("the list narrowed to « crest »", |t| {
            summary_row(t).ends_with(&count_text(with_crest.len()))
        })
        .await;
    assert!(
        crest_names.iter().any(|n| text.contains(n.as_str())),
        "a space in Crest ({crest_names:?}):\n{text}"
    );
    assert!(text.lines().any(|l| l.contains(" · Crest")), "kind · Crest:\n{text}");

    // Enter leaves the search line; `n`, « Die » letter by letter, its offer, Enter.
    s.send(b"\r").await;
    s.wait_status("f filtres").await;
    s.send(b"n").await;
    s.wait_text("Près de…").await;
    for c in ["D", "i", "e"] {
        s.send(c.as_bytes()).await;
    }
    s.wait_text("▸ Die (26, 26150)").await;
    s.send(b"\r").await;
    // The summary changes at once, the list when the search answers: wait for both.
    let text = s
        .wait_for("near Die, by distance, distances listed", |t| {
            summary_row(t).contains("près de Die")
                && summary_row(t).contains("tri : distance")
                && !detail_rows(t).is_empty()
                && detail_rows(t).iter().all(|l| l.contains(" km"))
        })
        .await;
    assert!(!text.contains("Près de…"), "the prompt closed:\n{text}");
    assert!(summary_row(&text).ends_with(&count_text(with_crest.len())), "the words still apply:\n{text}");
    let details = detail_rows(&text);
    assert_eq!(kilometres(&details).len(), details.len(), "{details:?}");
    // `m`: the map, the selected space marked; Esc: the list.
    s.send(b"m").await;
    let text = s.wait_text("╭ Carte").await;
    assert!(text.contains('◆'), "{text}");
    assert!(last_row(&text).contains("+/- zoom"), "{text}");
    s.send(b"\x1b").await;
    s.wait_for("the list again", |t| !t.contains("╭ Carte") && last_row(t).contains("f filtres")).await;

    // Enter: the detail, with its hours.
    s.send(b"\r").await;
    let text =
        s.wait_for("a detail", |t| t.contains("Horaires") && last_row(t).contains("Échap retour")).await;
    assert!(text.contains("près de Die"), "the distance says from where:\n{text}");

    // Smaller, then much larger: the same detail, laid out again (the top bar is redrawn
    // to the new width, which a stale screen cannot show).
    s.resize(60, 20).await;
    let text = s
        .wait_for("the detail at 60×20", |t| {
            top_row(t).contains("membre") && t.contains("Horaires") && last_row(t).contains("Échap retour")
        })
        .await;
    assert!(!text.contains("Fenêtre trop petite"), "{text}");
    assert!(top_row(&text).contains("Cédille · Espaces"), "{text}");
    s.resize(200, 60).await;
    let text = s
        .wait_for("the detail at 200×60", |t| {
            top_row(t).chars().count() > 150 && t.contains("Horaires") && last_row(t).contains("Échap retour")
        })
        .await;
    assert!(text.contains("Cédille · Espaces"), "{text}");

    // q: the list (with the map beside it, now that the window is wide); q: the bulletin;
    // q: the end.
    s.send(b"q").await;
    let text = s.wait_for("the list", |t| last_row(t).contains("f filtres")).await;
    assert!(text.contains("╭ Carte"), "the map beside the list at 200 columns:\n{text}");
    // `/` then Esc clears the words: every space, nearest to Die first (the list is the
    // left half of the window, the map the right).
    s.send(b"/").await;
    s.wait_status("Entrée valider").await;
    s.send(b"\x1b").await;
    let text = s
        .wait_for("every space near Die", |t| {
            summary_row(t).ends_with(&count_text(all.len())) && detail_rows(&left_half(t)).len() >= 10
        })
        .await;
    let km = kilometres(&detail_rows(&left_half(&text)));
    assert!(km.len() >= 10, "distances on screen: {km:?}\n{text}");
    assert!(km.windows(2).all(|w| w[0] <= w[1]), "nearest first: {km:?}\n{text}");
    assert!(km[0] < 1.0, "the space in Die first: {km:?}\n{text}");
    s.send(b"q").await;
    s.wait_status("Entrée lire").await;
    s.send(b"q").await;
    assert_eq!(s.wait_exit().await, 0);
    assert_ends_restored(&s.raw());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spaces_near_a_town_within_a_radius_as_json_nearest_first() {
    let server = Server::start().await;
    let client = Client::member(server.addr).await;
    let hits = json_lines(&client, "spaces --near Crest --within 30 --json").await;
    assert!(!hits.is_empty());
    let km: Vec<f64> =
        hits.iter().map(|h| h["distance_km"].as_f64().unwrap_or_else(|| panic!("{h}"))).collect();
    assert!(km.iter().all(|d| (0.0..=30.0).contains(d)), "{km:?}");
    assert!(km.windows(2).all(|w| w[0] <= w[1]), "nearest first: {km:?}");
    // Every space within 30 km is there: the same as all of them, measured and filtered here.
    let all = json_lines(&client, "spaces --near Crest --json").await;
    let near: Vec<&serde_json::Value> =
        all.iter().filter(|h| h["distance_km"].as_f64().unwrap() <= 30.0).collect();
    assert_eq!(hits.len(), near.len(), "{hits:?}");
    assert!(all.len() > hits.len(), "30 km leaves some out");
    assert!(hits.iter().any(|h| h["commune"] == "Crest"), "{hits:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_misspelt_town_exits_2_and_suggests_the_right_one() {
    let server = Server::start().await;
    let client = Client::member(server.addr).await;
    let out = client.exec("spaces --near Cret").await;
    assert_eq!(out.status, Some(2), "{out:?}");
    assert!(out.stdout.is_empty(), "{out:?}");
    let err = plain(&out.stderr());
    assert!(err.contains("Commune inconnue « Cret »"), "{err}");
    assert!(err.contains("Vouliez-vous dire : Crest"), "{err}");
}

// ---------------------------------------------------------------------------------------
// Regressions: each of these once failed, and guards its fix.
// ---------------------------------------------------------------------------------------

/// Keys that arrive together (fast typing, a slow link) are handled in one go: Enter in the
/// « Près de… » prompt comes before the offers for « Die » and finds none, so a real town
/// is « Commune inconnue. ». See `enter_in_the_near_prompt_waits_for_offers_of_the_current_text`
/// in `spaces_screens.rs` for the same cause at the App level.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_town_typed_fast_in_the_near_prompt_is_found() {
    let server = Server::start().await;
    let client = Client::member(server.addr).await;
    let mut s = client.shell(100, 30).await;
    s.wait_status("1/9").await;
    s.send(b"\t").await;
    s.wait_text("Cédille · Agenda").await;
    s.send(b"\t").await;
    s.wait_for("the directory", |t| summary_row(t).contains("espaces")).await;
    s.send(b"n").await;
    s.wait_text("Près de…").await;
    s.send(b"Die\r").await;
    let text = s
        .wait_for("a town chosen or refused", |t| {
            t.contains("Commune inconnue.") || summary_row(t).contains("près de")
        })
        .await;
    assert!(summary_row(&text).contains("près de Die"), "{text}");
}
