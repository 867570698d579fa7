#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Line mode through the session loop itself: keys as a terminal sends them, the real
//! runtime and store, and everything the session wrote read back as plain text. Not one
//! escape sequence may come out: a screen reader, a braille display or an Emacs buffer
//! would read it aloud or show it raw.

mod session;

use chrono::Utc;
use session::*;

use cedille::domain::member::CharsetChoice;
use cedille::domain::{CommentPolicy, Identity};
use cedille::store::ProfileField;
use cedille::term::Profile;

fn no_escape(s: &Session) {
    let out = s.output();
    assert!(!s.raw().contains(&0x1b), "an escape sequence in line mode:\n{out:?}");
    assert!(!out.contains('─') && !out.contains('│'), "box drawing in line mode:\n{out}");
}

/// Types `text` and Enter, then waits for what it should bring.
async fn say(s: &mut Session, text: &str, then: &str) -> String {
    s.type_text(text).await;
    s.send(ENTER).await;
    s.wait_output(then).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_reads_an_article_and_posts_a_comment_in_line_mode() {
    let h = Harness::new();
    let m = h.member(None);
    let second = h.store.articles().list_published(None, Utc::now()).unwrap()[1].clone();
    let mut s = Session::line(h.store.clone(), m.identity.clone(), (80, 24), unmoderated());
    s.wait_output("1 Bulletin, 2 Agenda, 3 Espaces").await;
    s.wait_output("Cédille > ").await;

    say(&mut s, "1", &format!("2. {SECOND_TITLE}")).await;
    s.wait_output("Bulletin > ").await;
    // The echo: what is typed comes back, and Backspace rubs it out.
    s.type_text("29").await;
    s.send(b"\x7f").await;
    s.wait_output("Bulletin > 29\x08 \x08").await;
    s.send(ENTER).await;
    s.wait_output("Entrée pour la suite").await;
    s.wait_output(SECOND_TITLE).await;
    // Paged: Enter for each next page, until the article's own prompt.
    for page in 2..40 {
        if s.output().contains("Article > ") {
            break;
        }
        s.send(ENTER).await;
        let pages = |o: &str| o.matches("Entrée pour la suite").count() + o.matches("Article > ").count();
        s.wait_for_output(&format!("page {page}"), |o| pages(o) >= page).await;
    }
    let out = s.wait_output("Article > ").await;
    assert!(out.contains("Aucun commentaire") || out.contains("Commentaires"), "{out}");

    // No handle yet: asked for first, then the comment, ended by a lone dot.
    say(&mut s, "c", "Choisissez d'abord un pseudo").await;
    say(&mut s, "camille", "Ctrl-C l'abandonne").await;
    s.type_text("Le covoiturage depuis Saillans, ça intéresse quelqu'un ?\r").await;
    say(&mut s, ".", "Commentaire publié.").await;
    let comments = h.store.comments().for_article(second.id, None, false).unwrap();
    assert_eq!(comments.len(), 1, "{comments:?}");
    assert_eq!(comments[0].body, "Le covoiturage depuis Saillans, ça intéresse quelqu'un ?");
    assert_eq!(comments[0].author, "camille");
    no_escape(&s);
    assert_eq!(s.end_with(b"q\r").await, Some(cedille::runtime::End::Quit));
    no_escape(&s);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guest_finds_a_coworking_space_near_die_in_line_mode() {
    let h = Harness::new();
    let mut s = Session::line(h.store.clone(), Identity::Guest, (80, 24), CommentPolicy::default());
    s.wait_output("Cédille > ").await;
    say(&mut s, "3", "Espaces > ").await;
    say(&mut s, "coworking près de Die", "trouvés près de Die").await;
    // Its postcode too, which says which of the communes sharing it was taken.
    say(
        &mut s,
        "coworking près de 26150",
        "26150 : Die retenue ; le code est aussi celui de Solaure en Diois",
    )
    .await;
    let found = s.wait_output("1. ").await;
    let first = found.lines().find(|l| l.starts_with("1. ")).unwrap_or_default().to_string();
    assert!(first.contains("coworking") && first.contains("km"), "{first}\n{found}");
    say(&mut s, "1", "Adresse").await;
    // Help, in French, where one is.
    say(&mut s, "?", "Partout : menu").await;
    // The bulletin's search, then a number opens what it found.
    say(&mut s, "bulletin", "Bulletin > ").await;
    say(&mut s, "chercher covoiturage", "résultats").await;
    say(&mut s, "1", "Entrée pour la suite").await;
    // « espaces … » from anywhere searches the directory at once, in its own place.
    s.send(CTRL_C).await;
    s.wait_output("Article > ").await;
    let mark = s.output().len();
    s.type_text("espaces près de Die\r").await;
    let all =
        s.wait_for_output("the directory searched", |t| t[mark..].contains("trouvés près de Die")).await;
    assert!(!all[mark..].contains("compris"), "{}", &all[mark..]);
    no_escape(&s);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_comment_from_someone_else_is_announced_without_breaking_the_line_being_typed() {
    let h = Harness::new();
    let reader = h.member(Some("lecteur"));
    let other = h.member(Some("membre2"));
    let newest = h.store.articles().list_published(None, Utc::now()).unwrap()[0].clone();
    let mut s = Session::line(h.store.clone(), reader.identity.clone(), (80, 200), unmoderated());
    s.wait_output("Cédille > ").await;
    say(&mut s, "1", "Bulletin > ").await;
    say(&mut s, "1", "Article > ").await;
    s.type_text("r 1").await;
    s.wait_output("Article > r 1").await;
    h.store
        .comments()
        .post(
            other.user_id,
            newest.id,
            None,
            "Je viens aussi, en vélo depuis Crest.",
            &unmoderated(),
            Utc::now(),
        )
        .unwrap();
    let out = s.wait_output("Nouveau commentaire de membre2").await;
    // The event on its own line, then the prompt and what was typed, again.
    let tail = &out[out.rfind("Nouveau commentaire de membre2").unwrap()..];
    assert!(tail.contains("Je viens aussi"), "{tail}");
    s.wait_output("\r\nArticle > r 1").await;
    no_escape(&s);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_comments_of_a_member_one_blocked_are_a_line_and_never_announced_in_line_mode() {
    let h = Harness::new();
    let reader = h.member(Some("lecteur"));
    let (rude, kind) = (h.member(Some("membre2")), h.member(Some("membre3")));
    let newest = h.store.articles().list_published(None, Utc::now()).unwrap()[0].clone();
    let post = |who: &Member, parent: Option<i64>, body: &str| {
        h.store.comments().post(who.user_id, newest.id, parent, body, &unmoderated(), Utc::now()).unwrap()
    };
    let first = post(&rude, None, "Ce que le lecteur ne veut plus lire.");
    post(&kind, Some(first.id), "Une réponse qui reste lisible.");
    let mine = post(&reader, None, "Mon avis, à moi.");
    h.store.messages().set_blocked(reader.user_id, rude.user_id, true, Utc::now()).unwrap();

    let mut s = Session::line(h.store.clone(), reader.identity.clone(), (80, 200), unmoderated());
    s.wait_output("Cédille > ").await;
    say(&mut s, "1", "Bulletin > ").await;
    let out = say(&mut s, "1", "Article > ").await;
    // Numbered all the same: the reply still says which one it answers.
    assert!(out.contains("1. [1 commentaire masqué (membre bloqué)]"), "{out}");
    assert!(out.contains("2. membre3") && out.contains("en réponse au 1"), "{out}");
    assert!(out.contains("Une réponse qui reste lisible."), "{out}");
    assert!(!out.contains("membre2") && !out.contains("ne veut plus lire"), "{out}");
    // It cannot be answered, and its author is not named.
    let out = say(&mut s, "r 1", "vous avez bloqué son auteur").await;
    assert!(!out.contains("membre2"), "{out}");

    // Live: what the blocked member writes is not announced, not even a reply to one's own
    // comment (no notice is kept for it); what others write is.
    post(&rude, Some(mine.id), "Encore moi, @lecteur.");
    post(&kind, None, "Et moi aussi.");
    let out = s.wait_output("Nouveau commentaire de membre3").await;
    assert!(!out.contains("membre2") && !out.contains("Encore moi"), "{out}");
    assert!(h.store.follow().unseen(reader.user_id).unwrap().is_empty());
    // The thread itself is everyone's: the others read it whole.
    let whole = h.store.comments().for_article(newest.id, None, false).unwrap();
    assert!(whole.iter().any(|c| c.body == "Encore moi, @lecteur."), "{whole:?}");
    no_escape(&s);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_profile_switches_line_mode_for_the_next_sessions() {
    let h = Harness::new();
    let m = h.member(Some("camille"));
    let mut s = Session::line(h.store.clone(), m.identity.clone(), (80, 24), CommentPolicy::default());
    s.wait_output("Cédille > ").await;
    say(&mut s, "5", "Mode ligne à chaque connexion : non").await;
    say(&mut s, "4", "vos prochaines sessions s'ouvriront en mode ligne").await;
    assert!(h.store.users().profile(m.user_id).unwrap().line_mode);
    assert!(h.store.users().for_key(&m.fingerprint, "ssh-ed25519").unwrap().line_mode);
    no_escape(&s);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_is_announced_then_read_and_answered_in_line_mode() {
    let h = Harness::new();
    let reader = h.member(Some("lecteur"));
    let other = h.member(Some("membre2"));
    let mut s = Session::line(h.store.clone(), reader.identity.clone(), (80, 40), unmoderated());
    s.wait_output("Cédille > ").await;
    s.type_text("2").await;
    // Only a published profile may be written to first.
    h.store.network().update(reader.user_id, ProfileField::Published(true), Utc::now()).unwrap();
    h.store
        .messages()
        .send(other.user_id, reader.user_id, "On se voit jeudi à Crest ?", &unmoderated(), Utc::now())
        .unwrap();
    // Said in one line, the digit typed given back under it.
    s.wait_output("Nouveau message de membre2").await;
    s.wait_output("\r\nCédille > 2").await;
    s.send(b"\x15").await;
    say(&mut s, "messages", "1. membre2, 1 non lu").await;
    say(&mut s, "1", "On se voit jeudi à Crest ?").await;
    say(&mut s, "e", "Ctrl-C l'abandonne").await;
    s.type_text("Oui, à 9 h.\r").await;
    say(&mut s, ".", "Message envoyé.").await;
    let thread = h.store.messages().thread(reader.user_id, other.user_id).unwrap();
    assert_eq!(thread.messages.last().map(|m| m.body.as_str()), Some("Oui, à 9 h."));

    // Their last message reported, with the rest of the line as the reason; once only.
    say(&mut s, "signaler Il insiste, Depuis des semaines", "Message signalé aux modérateurs.").await;
    let reports = h.store.message_reports(10).unwrap();
    assert_eq!(reports.len(), 1, "{reports:?}");
    assert_eq!(reports[0].message.body, "On se voit jeudi à Crest ?");
    assert_eq!(reports[0].reason, "Il insiste, Depuis des semaines");
    say(&mut s, "signaler", "Vous l'avez déjà signalé").await;
    assert_eq!(h.store.message_reports(10).unwrap().len(), 1);
    say(&mut s, "bloquer", "Membre bloqué").await;
    assert!(h.store.messages().thread(reader.user_id, other.user_id).unwrap().blocked);
    no_escape(&s);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_waiting_at_the_door_is_said_on_arrival() {
    let h = Harness::new();
    let reader = h.member(Some("lecteur"));
    let other = h.member(Some("membre2"));
    h.store.network().update(reader.user_id, ProfileField::Published(true), Utc::now()).unwrap();
    h.store
        .messages()
        .send(other.user_id, reader.user_id, "Tu passes ce soir ?", &unmoderated(), Utc::now())
        .unwrap();
    let mut s = Session::line(h.store.clone(), reader.identity.clone(), (80, 40), unmoderated());
    s.wait_output("Nouveau message de membre2").await;
    no_escape(&s);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_says_j_y_vais_to_a_meetup_in_line_mode() {
    let h = Harness::new();
    let m = h.member(Some("camille"));
    let mut s = Session::line(h.store.clone(), m.identity.clone(), (80, 60), unmoderated());
    s.wait_output("Cédille > ").await;
    say(&mut s, "agenda", "Agenda > ").await;
    say(&mut s, "1", "j pour « j'y vais »").await;
    say(&mut s, "j'y vais", "Vous y allez.").await;
    say(&mut s, "n", "vous n'y allez plus").await;
    // Ctrl-C on an empty line ends the session, as in the full-screen app.
    assert_eq!(s.end_with(CTRL_C).await, Some(cedille::runtime::End::Quit));
    no_escape(&s);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_terminal_without_utf8_gets_line_mode_in_ascii_or_latin1_bytes() {
    let h = Harness::new();
    let m = h.member(Some("camille"));
    let ascii = Profile::new(Some("dumb"), [None, None, Some("C")]);
    let mut s = Session::line_on(h.store.clone(), m.identity.clone(), (80, 24), unmoderated(), ascii);
    s.wait_output("Cedille > ").await;
    say(&mut s, "1", "Teletravailler pour moins rouler").await;
    s.wait_output("Bulletin > ").await;
    say(&mut s, "2", "Entree pour la suite").await;
    s.send(CTRL_C).await;
    s.wait_output("Article > ").await;
    // What is typed comes back as the terminal can show it.
    s.type_text("é").await;
    s.wait_output("Article > e").await;
    s.send(b"\x15").await;
    assert_eq!(s.end_with(b"q\r").await, Some(cedille::runtime::End::Quit));
    assert!(s.raw().is_ascii(), "a byte above 127 was sent to LANG=C:\n{}", s.output());
    no_escape(&s);

    let latin1 = Profile::new(Some("dumb"), [None, Some("fr_FR.ISO-8859-1"), Some("fr_FR.UTF-8")]);
    let mut s = Session::line_on(h.store.clone(), m.identity, (80, 24), unmoderated(), latin1);
    s.wait_output("Bulletin, 2 Agenda").await;
    say(&mut s, "1", "Bulletin > ").await;
    // What it types is Latin-1 too: « café », its é the one byte 0xE9, is read as café.
    s.send(b"caf\xe9\r").await;
    s.wait_output("Bulletin > ").await;
    assert_eq!(s.end_with(b"q\r").await, Some(cedille::runtime::End::Quit));
    let raw = s.raw();
    assert!(
        raw.windows(5).any(|w| w == b"caf\xe9\xa0"),
        "« café » not read back: {read:?}",
        read = String::from_utf8_lossy(raw)
    );
    let title: Vec<u8> = SECOND_TITLE.chars().map(|c| u8::try_from(u32::from(c)).unwrap()).collect();
    assert!(raw.windows(title.len()).any(|w| w == title), "the title in Latin-1");
    // Read as Latin-1, the bytes show French, not UTF-8 read byte by byte (« Ã© »).
    let read: String = raw.iter().map(|&b| char::from(b)).collect();
    assert!(read.contains("Cédille > "), "{read}");
    assert!(
        !read.contains(['Ã', 'Â']) && !read.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)),
        "{read}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_profile_chooses_the_characters_at_once_and_for_the_next_sessions_in_line_mode() {
    let h = Harness::new();
    let m = h.member(Some("camille"));
    let mut s = Session::line(h.store.clone(), m.identity.clone(), (80, 24), CommentPolicy::default());
    s.wait_output("Cédille > ").await;
    say(&mut s, "5", "Caractères : automatique (d'après le terminal)").await;
    say(&mut s, "5", "1 automatique (d'après le terminal), 2 UTF-8, 3 Latin-1, 4 ASCII.").await;
    s.wait_output("Caractères > ").await;
    say(&mut s, "7", "Pas de numéro comme celui-là ici.").await;
    // At once: what follows is Latin-1, one byte a character.
    let mark = s.mark();
    say(&mut s, "3", "maintenant, et ").await;
    let latin1 =
        |text: &str| -> Vec<u8> { text.chars().map(|c| u8::try_from(u32::from(c)).unwrap()).collect() };
    let saved = latin1("Enregistré : ces caractères dès maintenant, et à chaque connexion.");
    assert!(s.since(mark).windows(saved.len()).any(|w| w == saved), "{:?}", s.since(mark));
    assert_eq!(h.store.users().profile(m.user_id).unwrap().charset, CharsetChoice::Latin1);
    assert_eq!(
        h.store.users().for_key(&m.fingerprint, "ssh-ed25519").unwrap().charset,
        CharsetChoice::Latin1
    );
    let mark = s.mark();
    s.type_text("l\r").await;
    s.wait_for_output("the profile again", |o| o.matches("1 Pseudo, 2 Pr").count() >= 2).await;
    let row = latin1("Caractères\u{a0}: Latin-1");
    assert!(s.since(mark).windows(row.len()).any(|w| w == row), "{:?}", s.since(mark));
    no_escape(&s);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_edits_then_deletes_their_own_comment_in_line_mode() {
    let h = Harness::new();
    let m = h.member(Some("camille"));
    let other = h.member(Some("membre2"));
    let newest = h.store.articles().list_published(None, Utc::now()).unwrap()[0].clone();
    let post = |who: i64, body: &str| {
        h.store.comments().post(who, newest.id, None, body, &unmoderated(), Utc::now()).unwrap()
    };
    post(other.user_id, "Je viens aussi, en vélo depuis Crest.");
    let mine = post(m.user_id, "On se retrouve à la gare de Die ?");
    let mut s = Session::line(h.store.clone(), m.identity.clone(), (80, 200), unmoderated());
    s.wait_output("Cédille > ").await;
    say(&mut s, "1", "Bulletin > ").await;
    say(&mut s, "1", "Article > ").await;
    // Someone else's comment is refused before anything is asked.
    say(&mut s, "e 1", "Vous ne pouvez modifier que vos propres commentaires.").await;
    say(&mut s, "e 2", "Votre texte actuel :").await;
    s.wait_output("  On se retrouve à la gare de Die ?").await;
    s.wait_output("Ctrl-C l'abandonne").await;
    s.type_text("On se retrouve à la gare de Die, à 9 h.\r").await;
    say(&mut s, ".", "Commentaire modifié.").await;
    let body = |h: &Harness| h.store.comments().get(mine.id).unwrap().unwrap();
    assert_eq!(body(&h).body, "On se retrouve à la gare de Die, à 9 h.");
    // Withdrawing asks first; anything but yes keeps it.
    say(&mut s, "d 2", "Supprimer ce commentaire ? o pour oui, n pour non.").await;
    say(&mut s, "n", "Annulé.").await;
    assert_eq!(body(&h).status, cedille::domain::CommentStatus::Published);
    say(&mut s, "d 2", "o/n > ").await;
    say(&mut s, "o", "Commentaire supprimé.").await;
    assert_eq!(body(&h).status, cedille::domain::CommentStatus::Deleted);
    no_escape(&s);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_proposes_a_meetup_field_by_field_in_line_mode() {
    use cedille::domain::event::EventStatus;
    let h = Harness::new();
    let m = h.member(Some("camille"));
    let mut s = Session::line(h.store.clone(), m.identity.clone(), (80, 60), unmoderated());
    s.wait_output("Cédille > ").await;
    say(&mut s, "agenda", "Agenda > ").await;
    say(&mut s, "p", "Proposer une rencontre").await;
    s.wait_output("Titre > ").await;
    say(&mut s, "Café fibre et covoiturage", "Début : jeudi 10 décembre 14 h").await;
    // A date not understood is asked again at once; one past, when the proposal is checked.
    say(&mut s, "le jour des poules", "n'est pas compris").await;
    say(&mut s, "1/1/2020 10h", "→ mercredi 1er janvier 2020").await;
    say(&mut s, "", "Espace : tapez quelques lettres").await;
    say(&mut s, "filature", "1. La Filature du Quai (Crest)").await;
    say(&mut s, "1", "Espace : La Filature du Quai (Crest)").await;
    // A space chosen: no address nor commune asked.
    say(&mut s, "", "Description, sur plusieurs lignes").await;
    s.type_text("On parle fibre,\rpuis covoiturage.\r").await;
    say(&mut s, ".", "Ce moment est déjà passé.").await;
    s.wait_output("Début > ").await;
    say(&mut s, "demain 18 h", "Votre rencontre paraîtra une fois validée").await;
    let proposed = h.store.events().page(Some(EventStatus::Proposed), None).unwrap();
    let e = proposed.rows.iter().find(|e| e.title == "Café fibre et covoiturage").expect("proposed");
    assert_eq!(e.description, "On parle fibre,\npuis covoiturage.");
    assert!(e.place.line().contains("La Filature du Quai"), "{:?}", e.place);
    assert_eq!(e.organiser.as_deref(), Some("camille"));
    no_escape(&s);
}
