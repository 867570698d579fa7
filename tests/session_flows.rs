#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! One real flow of each section through the session loop itself (`runtime::run_guarded`),
//! without SSH: keys as a terminal sends them → decoder → `App::update` → effects performed
//! through the section's door against a real store → results back → frames, read through
//! `vt100`. Each test checks both what the member sees and what the store holds.

mod session;

use chrono::Utc;
use session::*;

use cedille::domain::CommentPolicy;
use cedille::domain::event::Rsvp;
use cedille::store::{ProfileField, SpaceQuery};

/// From the bulletin, `n` Tabs along the sections (Agenda, Espaces, Réseau).
async fn tab_to(s: &mut Session, section: &str) {
    s.wait_status("1/9").await;
    for _ in 0..3 {
        if top_row(&s.text()).contains(&format!("Cédille · {section}")) {
            return;
        }
        let before = top_row(&s.text());
        s.send(TAB).await;
        s.wait_for("the next section", |t| top_row(t) != before).await;
    }
    s.wait_for(&format!("the {section} section"), |t| top_row(t).contains(&format!("Cédille · {section}")))
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_opens_an_article_chooses_a_handle_and_comments() {
    let h = Harness::new();
    let m = h.member(None);
    let second = h.store.articles().list_published(None, Utc::now()).unwrap()[1].clone();
    assert_eq!(second.title, SECOND_TITLE);
    let mut s = h.member_session(&m, 100, 40, unmoderated());

    // ↓ then Enter: the second article of the list, in the reader.
    s.wait_status("1/9").await;
    s.send(DOWN).await;
    s.wait_status("2/9").await;
    s.send(ENTER).await;
    s.wait_status("Échap retour").await;
    let text = s.wait_text(SECOND_TITLE).await;
    assert!(!text.contains(NEWEST_TITLE), "the second article, not the first:\n{text}");

    // No handle yet: `c` asks for one first, then the editor opens.
    s.send(b"c").await;
    s.wait_text("Choisissez votre pseudo").await;
    s.type_text("camille").await;
    s.send(ENTER).await;
    s.wait_text("Nouveau commentaire").await;
    s.type_text("Le covoiturage depuis Saillans, ça intéresse quelqu'un ?").await;
    s.wait_text("Le covoiturage depuis Saillans, ça intéresse quelqu'un ?").await;
    s.send(CTRL_S).await;
    s.wait_status("Commentaire publié.").await;
    let text = s.wait_text("Commentaires (1)").await;
    assert!(text.contains("Le covoiturage depuis Saillans, ça intéresse quelqu'un ?"), "{text}");
    assert!(text.contains("camille · "), "signed with the handle just chosen:\n{text}");

    // In the store: the handle, and the comment under it on that article.
    assert_eq!(h.store.users().profile(m.user_id).unwrap().handle.as_deref(), Some("camille"));
    let comments = h.store.comments().for_article(second.id, None, false).unwrap();
    assert_eq!(comments.len(), 1, "{comments:?}");
    assert_eq!(comments[0].body, "Le covoiturage depuis Saillans, ça intéresse quelqu'un ?");
    assert_eq!((comments[0].author_id, comments[0].author.as_str()), (m.user_id, "camille"));
    assert_eq!(s.end_with(CTRL_C).await, Some(cedille::runtime::End::Quit));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_sets_a_handle_and_pastes_a_presentation_on_their_profile() {
    let h = Harness::new();
    let m = h.member(None);
    let mut s = h.member_session(&m, 100, 30, CommentPolicy::default());
    s.wait_status("1/9").await;
    s.send(b"p").await;
    let text = s.wait_text("Votre profil").await;
    assert!(text.contains("Présentation    (non renseignée)"), "{text}");

    // `h`: the handle, typed.
    s.send(b"h").await;
    s.wait_text("Choisissez votre pseudo").await;
    s.type_text("lea").await;
    s.send(ENTER).await;
    s.wait_for("the handle on the profile", |t| t.contains("Pseudo          lea")).await;
    assert_eq!(h.store.users().profile(m.user_id).unwrap().handle.as_deref(), Some("lea"));

    // `b`: the presentation, pasted in one go (bracketed paste), then Enter.
    s.send(b"b").await;
    s.wait_text("Votre présentation").await;
    s.paste("Graphiste à Saillans, deux jours par semaine à La Filature.").await;
    // The prompt scrolls: its end shows.
    s.wait_text("deux jours par semaine à La Filature.").await;
    s.send(ENTER).await;
    s.wait_status("Enregistré.").await;
    let text = s
        .wait_for("the presentation on the profile", |t| {
            t.contains("Présentation    Graphiste à Saillans, deux jours par semaine à La Filature.")
        })
        .await;
    assert!(!text.contains("Votre présentation"), "the prompt closed:\n{text}");
    let profile = h.store.users().profile(m.user_id).unwrap();
    assert_eq!(profile.presentation, "Graphiste à Saillans, deux jours par semaine à La Filature.");

    // One profile: « Réseau » shows the presentation written from `p`, as its own.
    s.send(ESC).await;
    tab_to(&mut s, "Réseau").await;
    s.send(b"e").await;
    s.wait_text("Mon profil").await;
    let text = s.wait_text("Graphiste à Saillans, deux jours par semaine").await;
    assert!(text.contains("Présentation"), "{text}");
    assert_eq!(h.store.network().own(m.user_id).unwrap().presentation, profile.presentation);
}

/// The counter under the editor: what the member has written, out of the operator's limit.
fn counter(text: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let (before, after) = l.split_once(" / ")?;
        // Digits in groups of three: « 5 201 / 4 000 ».
        let figure = |c: &char| c.is_ascii_digit() || *c == ' ';
        let used: String =
            before.chars().rev().take_while(figure).collect::<Vec<_>>().into_iter().rev().collect();
        let max: String = after.chars().take_while(figure).collect();
        let (used, max) = (used.trim(), max.trim());
        (!used.is_empty() && !max.is_empty()).then(|| format!("{used} / {max}"))
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_editor_counts_to_the_limit_of_the_policy_the_session_runs_with() {
    let h = Harness::new();
    for (max_chars, handle, max_shown) in [(300, "marius", "300"), (4000, "nour", "4 000")] {
        let m = h.member(Some(handle));
        let policy = CommentPolicy { max_chars, ..unmoderated() };
        let mut s = h.member_session(&m, 100, 40, policy);
        s.wait_status("1/9").await;
        s.send(ENTER).await;
        // The reader first, then the article in it: `c` before it came would do nothing.
        s.wait_status("Échap retour").await;
        s.wait_text(NEWEST_TITLE).await;
        s.send(b"c").await;
        let text = s.wait_text("Nouveau commentaire").await;
        assert_eq!(counter(&text).as_deref(), Some(format!("0 / {max_shown}").as_str()), "{text}");
        s.type_text("Bonjour").await;
        let text = s.wait_text(&format!("7 / {max_shown}")).await;
        assert!(text.contains("Bonjour"), "{text}");
        assert_eq!(s.end_with(CTRL_C).await, Some(cedille::runtime::End::Quit));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_in_the_spaces_directory_narrows_the_list() {
    let h = Harness::new();
    let all = h.store.spaces().count().unwrap();
    let crest: Vec<String> = h
        .store
        .spaces()
        .search(&SpaceQuery { words: "crest".into(), ..SpaceQuery::default() }, Utc::now())
        .unwrap()
        .into_iter()
        .map(|hit| hit.space.fields.name)
        .collect();
    assert!(!crest.is_empty() && (crest.len() as i64) < all, "{crest:?} of {all}");
    let m = h.member(Some("basile"));
    let mut s = h.member_session(&m, 100, 30, CommentPolicy::default());

    tab_to(&mut s, "Espaces").await;
    let text = s.wait_text(&format!(" {all} espaces")).await;
    // Which comes first without words depends on the hour (those open now first).
    let elsewhere = h.store.spaces().all().unwrap().into_iter().map(|s| s.fields.name);
    let far = elsewhere
        .filter(|name| !crest.contains(name))
        .find(|name| text.contains(name.as_str()))
        .unwrap_or_else(|| panic!("a space far from Crest, before the search:\n{text}"));

    s.send(b"/").await;
    s.wait_status("Entrée valider").await;
    s.type_text("crest").await;
    let count = if crest.len() == 1 { " 1 espace".to_string() } else { format!(" {} espaces", crest.len()) };
    let text = s
        .wait_for("the list narrowed to « crest »", |t| {
            t.lines().nth(2).is_some_and(|l| l.trim_end().ends_with(&count))
        })
        .await;
    assert!(crest.iter().any(|name| text.contains(name.as_str())), "{crest:?}:\n{text}");
    assert!(!text.contains(far.as_str()), "{far} is not in Crest:\n{text}");
    assert!(text.lines().any(|l| l.contains(" · Crest")), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_opens_a_meetup_and_says_they_are_going() {
    let h = Harness::new();
    let m = h.member(Some("suzon"));
    let first = h.store.events().upcoming(Some(m.user_id), Utc::now()).unwrap()[0].clone();
    assert_eq!(first.mine, Rsvp::No);
    let mut s = h.member_session(&m, 100, 30, CommentPolicy::default());

    tab_to(&mut s, "Agenda").await;
    s.wait_text(&first.title).await;
    s.send(ENTER).await;
    let text = s.wait_text("Participants").await;
    assert!(text.contains("Personne pour l'instant"), "nobody goes yet:\n{text}");
    assert!(top_row(&text).contains("Cédille · Agenda") && text.contains(&first.title), "{text}");

    // « j'y vais »: `o`.
    s.send(b"o").await;
    s.wait_status("✓ vous y allez").await;
    let text = s
        .wait_for("the member among the participants", |t| {
            t.contains("1 inscrit") && !t.contains("Personne pour l'instant")
        })
        .await;
    assert!(text.contains("suzon"), "{text}");
    let seen = h.store.events().get(first.id, Some(m.user_id)).unwrap().unwrap();
    assert_eq!(seen.mine, Rsvp::Going);
    assert_eq!(seen.attendees, vec!["suzon".to_string()]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_network_shows_the_directory_and_the_member_publishes_their_profile() {
    let h = Harness::new();
    // Somebody published a profile earlier.
    let other = h.member(Some("dominique"));
    let network = h.store.network();
    let presentation = "Développeuse à Die, je cherche des collègues pour un coworking le mardi.";
    network.update(other.user_id, ProfileField::Presentation(presentation.into()), Utc::now()).unwrap();
    network.update(other.user_id, ProfileField::Published(true), Utc::now()).unwrap();
    let m = h.member(Some("nour"));
    let mut s = h.member_session(&m, 100, 30, CommentPolicy::default());

    tab_to(&mut s, "Réseau").await;
    let text = s.wait_text("1 profil").await;
    assert!(text.contains("▌ dominique"), "{text}");
    s.send(ENTER).await;
    s.wait_text("Développeuse à Die").await;

    // Back, then one's own profile: not published; Enter publishes it.
    s.send(ESC).await;
    s.wait_text("1 profil").await;
    s.send(b"e").await;
    s.wait_text("Mon profil dans le réseau").await;
    s.wait_text("non : personne ne le voit").await;
    assert!(!h.store.network().own(m.user_id).unwrap().published);
    s.send(ENTER).await;
    s.wait_text("oui : visible dans l'annuaire").await;
    assert!(h.store.network().own(m.user_id).unwrap().published);

    // The directory counts it now.
    s.send(ESC).await;
    let text = s.wait_text("2 profils").await;
    assert!(text.contains("nour"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_on_a_chosen_day_says_on_every_row_whether_it_is_open_then() {
    let h = Harness::new();
    let m = h.member(Some("basile"));
    let mut s = h.member_session(&m, 100, 30, CommentPolicy::default());
    tab_to(&mut s, "Espaces").await;
    s.wait_text(" espaces").await;

    // The app's own spelling of an hour, « 9 h », as the agenda and the forms write it.
    s.send(b"O").await;
    s.wait_text("Ouvert le…").await;
    s.type_text("jeudi 9 h").await;
    s.send(ENTER).await;
    let text = s
        .wait_for("the rows of the spaces open on Thursday", |t| {
            t.lines().nth(2).is_some_and(|l| l.contains("Ouvert le jeu.")) && t.contains("● ouvert jeu.")
        })
        .await;
    assert!(!text.contains("○ fermé"), "every row is open then, whatever now is:\n{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sorted_by_name_the_spaces_come_as_a_french_reader_looks_them_up() {
    let h = Harness::new();
    let m = h.member(Some("basile"));
    let mut s = h.member_session(&m, 100, 40, CommentPolicy::default());
    tab_to(&mut s, "Espaces").await;
    s.wait_text(" espaces").await;
    s.send(b"s").await;
    // L', Le, Les are skipped: A, B, B, C, not a run of L.
    let order = ["L'Atelier du Glandasse", "Le Belvédère", "Les Bureaux du Roubion", "Le Comptoir numérique"];
    let text = s
        .wait_for("the list sorted by name", |t| {
            t.lines().nth(2).is_some_and(|l| l.contains("tri : nom"))
                && t.lines().nth(4).is_some_and(|l| l.contains(order[0]))
        })
        .await;
    let at: Vec<Option<usize>> = order.iter().map(|name| text.find(name)).collect();
    assert!(at.iter().all(Option::is_some), "{order:?}:\n{text}");
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{order:?}:\n{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn near_a_postcode_offers_the_communes_that_share_it() {
    let h = Harness::new();
    let m = h.member(Some("basile"));
    let mut s = h.member_session(&m, 100, 30, CommentPolicy::default());
    tab_to(&mut s, "Espaces").await;
    s.wait_text(" espaces").await;
    s.send(b"n").await;
    s.wait_text("Près de…").await;
    s.type_text("26400").await;
    // Crest first, the most populous, then the villages around it that share its postcode.
    let text = s.wait_text("▸ Crest (26, 26400)").await;
    assert!(text.contains("Aouste-sur-Sye (26, 26400)") && text.contains("Allex (26, 26400)"), "{text}");
    s.send(DOWN).await;
    s.wait_text("▸ Aouste-sur-Sye (26, 26400)").await;
    s.send(ENTER).await;
    s.wait_for("the spaces near Aouste", |t| {
        t.lines().nth(2).is_some_and(|l| l.contains("près d'Aouste-sur-Sye"))
    })
    .await;
    // A code that is also another commune's INSEE code offers that one too, saying why.
    s.send(b"n").await;
    s.wait_text("Près de…").await;
    s.type_text("26150").await;
    s.wait_text("▸ Die (26, 26150)").await;
    s.wait_text("Izon-la-Bruisse (26, code INSEE 26150)").await;
    s.send(ENTER).await;
    let text = s
        .wait_for("the spaces near Die", |t| t.lines().nth(2).is_some_and(|l| l.contains("près de Die")))
        .await;
    assert!(!text.contains("Commune inconnue"), "{text}");
}
