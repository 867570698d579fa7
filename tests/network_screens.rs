//! Screen tests of « Réseau »: the section cycle, one's own profile (publish, withdraw), the
//! directory's filters, a conversation (write, block, report), guests, and the console's
//! reports queue.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;
use support::*;

use chrono::{DateTime, Duration, Utc};

use cedille::domain::member::HandleError;
use cedille::domain::network::{MemberCard, Message, NetProfile, OpenTo, ReportError, WorkStatus};
use cedille::domain::{Commune, Identity};
use cedille::i18n::Lang;
use cedille::store::{Inbox, MemberQuery, ProfileField, Queue, ReportDecision, ReportItem, Thread};
use cedille::term::colors::ColorDepth;
use cedille::ui::{AdminOp, AdminResult, App, Effect, Event, Key, NetOp, NetResult};
use cedille::ui::{BulletinOp, BulletinResult, ProfileOp, ProfileResult, SpacesOp, SpacesResult};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-27T12:00:00Z").unwrap().with_timezone(&Utc)
}

fn member(handle: Option<&str>) -> Identity {
    Identity::Member { user_id: 1, fingerprint: "SHA256:abc".into(), handle: handle.map(String::from) }
}

fn typed(app: &mut App, text: &str) -> Vec<Effect> {
    text.chars().flat_map(|c| key(app, Key::Char(c))).collect()
}

fn net(r: NetResult) -> Event {
    Event::Network(r)
}

fn card(id: i64, handle: &str, km: Option<f64>) -> MemberCard {
    MemberCard {
        user_id: id,
        handle: handle.into(),
        commune: Some("Crest".into()),
        departement: Some("26".into()),
        status: Some(WorkStatus::Independant),
        skills: vec!["rust".into(), "sysadmin".into()],
        open_to: vec![OpenTo::Coworking, OpenTo::Mentorat],
        presentation: "Développeuse Rust à Crest, partante pour coworker le jeudi.".into(),
        online: id == 2,
        distance_km: km,
        lat: None,
        lon: None,
    }
}

fn crest() -> Commune {
    Commune {
        insee: "26108".into(),
        name: "Crest".into(),
        departement: "26".into(),
        postcodes: vec!["26400".into()],
        population: 8500,
        lat: 44.728,
        lon: 5.022,
    }
}

/// A member's app on the « Réseau » directory, with `cards` found.
fn directory(identity: Identity, cards: Vec<MemberCard>, cols: u16, rows: u16) -> App {
    let (mut app, _) = App::new(identity, Lang::Fr, ColorDepth::Ansi256, (cols, rows), now());
    app.update(Event::Bulletin(BulletinResult::Articles(Ok(Vec::new().into()))));
    key(&mut app, Key::Tab);
    key(&mut app, Key::Tab);
    let effects = key(&mut app, Key::Tab);
    let seq = match effects.as_slice() {
        [Effect::Network(NetOp::Search { seq, query })] if *query == MemberQuery::default() => *seq,
        other => panic!("the directory is searched on arrival: {other:?}"),
    };
    app.update(net(NetResult::Found(seq, Ok(cards))));
    app
}

fn last_search(effects: &[Effect]) -> (u64, MemberQuery) {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Network(NetOp::Search { seq, query }) => Some((*seq, query.clone())),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no search in {effects:?}"))
}

#[test]
fn tab_goes_round_bulletin_agenda_spaces_network() {
    let (mut app, _) = App::new(member(Some("camille")), Lang::Fr, ColorDepth::Ansi256, (80, 24), now());
    app.update(Event::Bulletin(BulletinResult::Articles(Ok(Vec::new().into()))));
    assert!(screen(&app).contains("Tab → Agenda"));
    key(&mut app, Key::Tab);
    assert!(screen(&app).contains("Cédille · Agenda") && screen(&app).contains("Tab → Espaces"));
    key(&mut app, Key::Tab);
    let s = screen(&app);
    assert!(s.contains("Cédille · Espaces") && s.contains("Tab → Réseau"), "{s}");
    let effects = key(&mut app, Key::Tab);
    let (seq, _) = last_search(&effects);
    app.update(net(NetResult::Found(seq, Ok(Vec::new()))));
    let s = screen(&app);
    assert!(s.contains("Cédille · Réseau") && s.contains("Tab → Bulletin"), "{s}");
    // A fresh server: nobody published yet, and how to.
    assert!(s.contains("Personne n'a encore publié son profil"), "{s}");
    assert!(s.contains("e mon profil"), "the status line offers it:\n{s}");
    assert_eq!(key(&mut app, Key::Tab), vec![Effect::Bulletin(BulletinOp::LoadArticles)]);
    assert!(screen(&app).contains("Cédille · Bulletin"));
    // BackTab goes the other way round.
    key(&mut app, Key::BackTab);
    assert!(screen(&app).contains("Cédille · Réseau"));
}

#[test]
fn a_profile_is_published_only_when_asked_and_withdrawn_at_once() {
    let mut app = directory(member(Some("camille")), Vec::new(), 90, 30);
    assert_eq!(key(&mut app, Key::Char('e')), vec![Effect::Network(NetOp::LoadOwn)]);
    app.update(net(NetResult::Own(Ok(NetProfile::default()))));
    let s = screen(&app);
    assert!(s.contains("Mon profil dans le réseau"), "{s}");
    assert!(s.contains("▌ Publié") && s.contains("non : personne ne le voit"), "{s}");
    assert!(s.contains("[ ] coworking ensemble"), "{s}");

    assert_eq!(
        key(&mut app, Key::Enter),
        vec![Effect::Network(NetOp::Update(ProfileField::Published(true)))]
    );
    assert_eq!(app.update(net(NetResult::Updated(Ok(())))), vec![Effect::Network(NetOp::LoadOwn)]);
    assert!(screen(&app).contains("Profil enregistré."));
    let mut own = NetProfile { published: true, ..NetProfile::default() };
    app.update(net(NetResult::Own(Ok(own.clone()))));
    assert!(screen(&app).contains("oui : visible dans l'annuaire"));
    // Withdrawing is the same key.
    assert_eq!(
        key(&mut app, Key::Enter),
        vec![Effect::Network(NetOp::Update(ProfileField::Published(false)))]
    );

    // The other rows: a status that cycles, an opening that toggles, skills typed.
    key(&mut app, Key::Down);
    key(&mut app, Key::Down);
    assert_eq!(
        key(&mut app, Key::Enter),
        vec![Effect::Network(NetOp::Update(ProfileField::Status(Some(WorkStatus::Independant))))]
    );
    own.status = Some(WorkStatus::Independant);
    app.update(net(NetResult::Own(Ok(own))));
    assert!(screen(&app).contains("indépendant·e"));
    key(&mut app, Key::Down);
    key(&mut app, Key::Enter);
    assert!(screen(&app).contains("Vos compétences"));
    typed(&mut app, "Rust, Design");
    assert_eq!(
        key(&mut app, Key::Enter),
        vec![Effect::Network(NetOp::Update(ProfileField::Skills("Rust, Design".into())))]
    );
    key(&mut app, Key::Down);
    assert_eq!(
        key(&mut app, Key::Enter),
        vec![Effect::Network(NetOp::Update(ProfileField::OpenTo(vec![OpenTo::Coworking])))]
    );
}

#[test]
fn a_member_without_a_handle_chooses_one_before_publishing() {
    let mut app = directory(member(None), Vec::new(), 90, 30);
    key(&mut app, Key::Char('e'));
    app.update(net(NetResult::Own(Ok(NetProfile::default()))));
    assert!(key(&mut app, Key::Enter).is_empty());
    assert!(screen(&app).contains("Choisissez votre pseudo"));
    typed(&mut app, "camille");
    assert_eq!(key(&mut app, Key::Enter), vec![Effect::Profile(ProfileOp::SetHandle("camille".into()))]);
    assert_eq!(
        app.update(Event::Profile(ProfileResult::HandleSet(Ok("camille".into())))),
        vec![Effect::Network(NetOp::Update(ProfileField::Published(true)))]
    );
    // A refused handle keeps the prompt, with why.
    let mut app = directory(member(None), Vec::new(), 90, 30);
    key(&mut app, Key::Char('e'));
    app.update(net(NetResult::Own(Ok(NetProfile::default()))));
    key(&mut app, Key::Enter);
    app.update(Event::Profile(ProfileResult::HandleSet(Err(HandleError::Taken))));
    assert!(screen(&app).contains("déjà pris"));
}

#[test]
fn the_directory_is_searched_by_skill_status_and_distance() {
    let mut app =
        directory(member(Some("camille")), vec![card(2, "aline", None), card(3, "bruno", None)], 100, 30);
    let s = screen(&app);
    assert!(s.contains("tous les profils publiés") && s.contains("2 profils"), "{s}");
    assert!(s.contains("▌ aline") && s.contains("● connecté·e"), "{s}");
    assert!(s.contains("indépendant·e · Crest") && s.contains("rust, sysadmin"), "{s}");

    key(&mut app, Key::Char('/'));
    assert!(screen(&app).contains("Compétence"));
    typed(&mut app, "rust");
    let (_, q) = last_search(&key(&mut app, Key::Enter));
    assert_eq!(q.skill.as_deref(), Some("rust"));
    let (_, q) = last_search(&key(&mut app, Key::Char('f')));
    assert_eq!(q.status, Some(WorkStatus::Independant));

    key(&mut app, Key::Char('n'));
    let effects = typed(&mut app, "Crest");
    assert_eq!(effects.last(), Some(&Effect::Spaces(SpacesOp::CompleteCommune("Crest".into()))));
    app.update(Event::Spaces(SpacesResult::Communes("Crest".into(), vec![crest()])));
    let (_, q) = last_search(&key(&mut app, Key::Enter));
    assert_eq!(q.near.as_ref().map(|c| c.name.as_str()), Some("Crest"));
    let (seq, q) = last_search(&key(&mut app, Key::Char('w')));
    assert_eq!(q.within_km, Some(5.0));
    app.update(net(NetResult::Found(seq, Ok(vec![card(2, "aline", Some(0.4))]))));
    let s = screen(&app);
    assert!(s.contains("compétence « rust » · indépendant·e · près de Crest · à moins de 5 km"), "{s}");
    assert!(s.contains("1 profil") && s.contains("0,4 km"), "{s}");

    let (_, q) = last_search(&key(&mut app, Key::Char('c')));
    assert!(q.online_only);
    let (seq, q) = last_search(&key(&mut app, Key::Char('x')));
    assert_eq!(q, MemberQuery::default());
    app.update(net(NetResult::Found(seq, Ok(Vec::new()))));
    assert!(screen(&app).contains("Personne n'a encore publié"));
}

#[test]
fn a_profile_withdrawn_while_open_disappears() {
    let mut app = directory(member(Some("camille")), vec![card(2, "aline", None)], 90, 30);
    assert_eq!(key(&mut app, Key::Enter), vec![Effect::Network(NetOp::LoadCard(2))]);
    app.update(net(NetResult::Card(2, Ok(Some(card(2, "aline", None))))));
    let s = screen(&app);
    assert!(s.contains("Ouvert·e à") && s.contains("coworking ensemble, mentorat"), "{s}");
    assert!(s.contains("Développeuse Rust à Crest"), "{s}");
    assert!(s.contains("m écrire"), "{s}");
    // Every change notice reloads what is on screen (and checks the member's account).
    assert_eq!(
        app.update(Event::DataChanged),
        vec![
            Effect::Network(NetOp::LoadCard(2)),
            Effect::Profile(ProfileOp::LoadMember),
            Effect::Network(NetOp::CheckInbox),
            Effect::Follow(cedille::ui::FollowOp::Check { known: 0 })
        ]
    );
    let effects = app.update(net(NetResult::Card(2, Ok(None))));
    last_search(&effects);
    let s = screen(&app);
    assert!(s.contains("Ce profil vient d'être retiré de l'annuaire."), "{s}");
    assert!(!s.contains("Développeuse Rust"), "{s}");
}

fn thread() -> Thread {
    let msg = |id, from: i64, sender: &str, body: &str, ago| Message {
        id,
        sender_id: from,
        sender: sender.into(),
        recipient_id: if from == 1 { 2 } else { 1 },
        body: body.into(),
        created_at: now() - Duration::minutes(ago),
        read: true,
    };
    Thread {
        other_id: 2,
        other: "aline".into(),
        blocked: false,
        messages: vec![
            msg(10, 2, "aline", "Bonjour ! On cowork jeudi ?", 30),
            msg(11, 1, "camille", "Avec plaisir.", 20),
        ],
        reported: Vec::new(),
    }
}

#[test]
fn writing_from_a_profile_then_blocking_and_reporting_in_the_conversation() {
    let mut app = directory(member(Some("camille")), vec![card(2, "aline", None)], 90, 30);
    assert!(key(&mut app, Key::Char('m')).is_empty());
    assert!(screen(&app).contains("Message à aline"));
    typed(&mut app, "Bonjour");
    assert_eq!(
        key(&mut app, Key::Ctrl('s')),
        vec![Effect::Network(NetOp::Send { to: 2, body: "Bonjour".into() })]
    );
    let sent = thread().messages[1].clone();
    assert_eq!(app.update(net(NetResult::Sent(Ok(sent)))), vec![Effect::Network(NetOp::LoadThread(2))]);
    app.update(net(NetResult::Thread(2, Ok(thread()))));
    let s = screen(&app);
    assert!(s.contains("Message envoyé.") && s.contains("Conversation avec aline"), "{s}");
    assert!(s.contains("aline · il y a 30 min") && s.contains("Bonjour ! On cowork jeudi ?"), "{s}");
    assert!(s.contains("▌ vous · il y a 20 min"), "the newest is selected:\n{s}");

    // One's own message cannot be reported; the other's can, with a reason in one line.
    assert!(key(&mut app, Key::Char('!')).is_empty());
    assert!(screen(&app).contains("Choisissez (↑↓) un message reçu"));
    key(&mut app, Key::Up);
    assert!(key(&mut app, Key::Char('!')).is_empty());
    let s = screen(&app);
    assert!(s.contains("Signaler ce message aux modérateurs") && s.contains("Pourquoi, en une ligne"), "{s}");
    typed(&mut app, "  Propos insistants ");
    assert_eq!(
        key(&mut app, Key::Enter),
        vec![Effect::Network(NetOp::Report { message: 10, reason: "Propos insistants".into() })]
    );
    app.update(net(NetResult::Reported(Ok(()))));
    assert!(screen(&app).contains("Message signalé aux modérateurs."));
    // Once reported (the conversation says so when it comes back), `!` asks nothing again.
    app.update(net(NetResult::Thread(2, Ok(Thread { reported: vec![10], ..thread() }))));
    assert!(key(&mut app, Key::Char('!')).is_empty());
    let s = screen(&app);
    assert!(app.modal.is_none() && s.contains("Vous l'avez déjà signalé"), "{s}");
    // Nor does the store, when the conversation had not come back yet.
    app.update(net(NetResult::Reported(Err(ReportError::Already))));
    assert!(screen(&app).contains("Vous l'avez déjà signalé"), "{}", screen(&app));
    // Over a day's reports: said so, with what else the member can do.
    app.update(net(NetResult::Reported(Err(ReportError::TooMany(10)))));
    assert!(screen(&app).contains("Vous avez déjà signalé 10"), "{}", screen(&app));

    assert_eq!(key(&mut app, Key::Char('b')), vec![Effect::Network(NetOp::Block(2, true))]);
    assert_eq!(
        app.update(net(NetResult::Blocked(true, Ok(())))),
        vec![Effect::Network(NetOp::LoadThread(2))]
    );
    app.update(net(NetResult::Thread(2, Ok(Thread { blocked: true, ..thread() }))));
    let s = screen(&app);
    assert!(s.contains("Vous avez bloqué ce membre"), "{s}");
    assert_eq!(key(&mut app, Key::Char('b')), vec![Effect::Network(NetOp::Block(2, false))]);

    // A refused message keeps its text in the editor, with why, in a message's words.
    key(&mut app, Key::Char('m'));
    typed(&mut app, "Encore");
    key(&mut app, Key::Ctrl('s'));
    app.update(net(NetResult::Sent(Err(cedille::domain::PostError::TooFast { wait_secs: 12 }))));
    let s = screen(&app);
    assert!(s.contains("attendez encore 12 s avant d'écrire") && s.contains("Encore"), "{s}");
}

#[test]
fn conversations_newest_first_with_unread_counts_and_a_live_notice() {
    use cedille::domain::network::Conversation;
    let mut app = directory(member(Some("camille")), Vec::new(), 90, 30);
    // A message arrives while the member reads the directory.
    app.update(net(NetResult::Inbox(Inbox { unread: 2, latest: Some((12, "bruno".into())) })));
    let s = screen(&app);
    assert!(s.contains("✉ 2 · camille"), "the top bar counts them:\n{s}");
    assert!(s.contains("✉ Nouveau message de bruno"), "{s}");

    assert_eq!(key(&mut app, Key::Char('i')), vec![Effect::Network(NetOp::LoadConversations)]);
    let conv = |id, other: &str, ago, unread, mine| Conversation {
        other_id: id,
        other: other.into(),
        last_at: now() - Duration::minutes(ago),
        last_body: format!("dernier mot de {other}"),
        last_mine: mine,
        unread,
        blocked: false,
    };
    app.update(net(NetResult::Conversations(Ok(vec![
        conv(3, "bruno", 1, 2, false),
        conv(2, "aline", 60, 0, true),
    ]))));
    let s = screen(&app);
    let (b, a) = (s.find("bruno").unwrap(), s.find("aline").unwrap());
    assert!(b < a, "newest first:\n{s}");
    assert!(s.contains("● 2 non lus") && s.contains("vous : dernier mot de aline"), "{s}");
    assert_eq!(key(&mut app, Key::Enter), vec![Effect::Network(NetOp::LoadThread(3))]);
    assert_eq!(
        app.update(Event::DataChanged),
        vec![
            Effect::Network(NetOp::LoadThread(3)),
            Effect::Profile(ProfileOp::LoadMember),
            Effect::Network(NetOp::CheckInbox),
            Effect::Follow(cedille::ui::FollowOp::Check { known: 0 })
        ]
    );
}

#[test]
fn guests_read_the_directory_but_neither_write_nor_have_a_profile() {
    let mut app = directory(Identity::Guest, vec![card(2, "aline", None)], 90, 30);
    assert!(screen(&app).contains("aline"));
    for k in ['m', 'i', 'e'] {
        assert!(key(&mut app, Key::Char(k)).is_empty(), "{k}");
        assert!(screen(&app).contains("ssh-keygen -t ed25519"), "{k}");
        key(&mut app, Key::Esc);
    }
}

#[test]
fn the_section_fits_small_and_large_windows_and_reads_without_colour() {
    for (cols, rows) in [(60, 20), (200, 60)] {
        let (mut app, _) = App::new(member(Some("camille")), Lang::Fr, ColorDepth::None, (cols, rows), now());
        app.update(Event::Bulletin(BulletinResult::Articles(Ok(Vec::new().into()))));
        key(&mut app, Key::Tab);
        key(&mut app, Key::Tab);
        let (seq, _) = last_search(&key(&mut app, Key::Tab));
        app.update(net(NetResult::Found(
            seq,
            Ok(vec![card(2, "aline", Some(12.0)), card(3, "bruno", None)]),
        )));
        let s = screen(&app);
        // Selection is a bar, presence a dot: both readable without colour.
        assert!(s.contains("▌ aline") && s.contains("● connecté·e"), "{cols}×{rows}:\n{s}");
        key(&mut app, Key::Enter);
        app.update(net(NetResult::Card(2, Ok(Some(card(2, "aline", Some(12.0)))))));
        assert!(screen(&app).contains("Crest (12 km)"), "{cols}×{rows}");
        key(&mut app, Key::Esc);
        key(&mut app, Key::Char('i'));
        app.update(net(NetResult::Conversations(Ok(Vec::new()))));
        assert!(screen(&app).contains("Aucune conversation."), "{cols}×{rows}");
    }
}

#[test]
fn the_console_lists_reported_messages_with_their_context() {
    let (mut app, _) =
        App::new_admin(Lang::Fr, ColorDepth::Ansi256, (100, 30), now(), "console:camille".into(), false);
    key(&mut app, Key::Char('3'));
    assert_eq!(key(&mut app, Key::Char('v')), vec![Effect::Admin(AdminOp::LoadQueue(Queue::Hidden))]);
    assert_eq!(key(&mut app, Key::Char('v')), vec![Effect::Admin(AdminOp::LoadQueue(Queue::Reports))]);
    app.update(AdminResult::Reports(Ok(Vec::new())).into());
    assert!(screen(&app).contains("Aucun message signalé."));
    let t = thread();
    let item = ReportItem {
        id: 4,
        reported_at: now() - Duration::minutes(5),
        message: Message { body: "Tu vas voir…".into(), id: 12, ..t.messages[0].clone() },
        reporter: "camille".into(),
        reason: "Menaces\u{1b}[31m répétées".into(),
        sender_banned: false,
        context: t.messages.clone(),
    };
    app.update(AdminResult::Reports(Ok(vec![item])).into());
    let s = screen(&app);
    assert!(s.contains("Signalements") && s.contains("#4 aline → camille"), "{s}");
    // The reporter's reason, cleaned, in the list and above the message.
    assert!(s.contains("« Menaces[31m répétées » · Tu vas voir…"), "{s}");
    assert!(s.contains("Motif : « Menaces[31m répétées »"), "{s}");
    assert!(
        s.contains("Bonjour ! On cowork jeudi ?")
            && s.contains("Avec plaisir.")
            && s.contains("Tu vas voir…"),
        "{s}"
    );
    assert!(s.contains("x classer") && s.contains("s suspendre l'auteur"), "{s}");
    assert_eq!(
        key(&mut app, Key::Char('x')),
        vec![Effect::Admin(AdminOp::DecideReport(4, ReportDecision::Dismiss))]
    );
    assert!(key(&mut app, Key::Char('s')).is_empty());
    assert!(screen(&app).contains("Suspendre aline"));
    assert_eq!(
        key(&mut app, Key::Char('o')),
        vec![Effect::Admin(AdminOp::DecideReport(4, ReportDecision::Suspend))]
    );
}

#[test]
fn ones_own_profile_offers_no_message_and_refuses_one_clearly() {
    // Member 1 is camille, published in the directory.
    let mut app =
        directory(member(Some("camille")), vec![card(1, "camille", None), card(2, "aline", None)], 90, 30);
    assert!(key(&mut app, Key::Char('m')).is_empty());
    let s = screen(&app);
    assert!(app.modal.is_none() && s.contains("C'est votre propre profil"), "{s}");
    assert_eq!(key(&mut app, Key::Enter), vec![Effect::Network(NetOp::LoadCard(1))]);
    app.update(net(NetResult::Card(1, Ok(Some(card(1, "camille", None))))));
    let s = screen(&app);
    assert!(!s.contains("m écrire"), "{s}");
    assert!(key(&mut app, Key::Char('m')).is_empty());
    assert!(app.modal.is_none() && screen(&app).contains("C'est votre propre profil"), "{}", screen(&app));
    // Another's profile still offers it.
    key(&mut app, Key::Esc);
    key(&mut app, Key::Char('j'));
    key(&mut app, Key::Enter);
    app.update(net(NetResult::Card(2, Ok(Some(card(2, "aline", None))))));
    assert!(screen(&app).contains("m écrire"), "{}", screen(&app));
}
