//! Screen tests of the admin console (`cedille admin`): the same App as the members', with
//! the admin's state, drawn on ratatui's TestBackend. Results are fed as the runtime would.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;
use support::*;

use chrono::{DateTime, Duration, Utc};

use cedille::domain::article::{ArticleRow, ArticleState};
use cedille::domain::console::{EditorError, FileProblem, Refusal};
use cedille::domain::record::RowError;
use cedille::domain::{ArticleSummary, Comment, CommentStatus, Identity};
use cedille::i18n::Lang;
use cedille::store::{AuditEntry, Connected, Figures, MemberRow, Queue, QueueItem};
use cedille::term::colors::ColorDepth;
use cedille::ui::{AdminError, AdminOp, AdminResult, App, Detail, Doc, Effect, Event, Key, View};
use cedille::ui::{AgendaOp, BulletinOp, BulletinResult, SpacesOp};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-27T12:00:00Z").unwrap().with_timezone(&Utc)
}

fn console(cols: u16, rows: u16, external_editor: bool) -> (App, Vec<Effect>) {
    App::new_admin(
        Lang::Fr,
        ColorDepth::Ansi256,
        (cols, rows),
        now(),
        "console:camille".into(),
        external_editor,
    )
}

fn admin(app: &mut App, r: AdminResult) -> Vec<Effect> {
    app.update(r.into())
}

fn dashboard() -> (Figures, Vec<Connected>, Vec<AuditEntry>) {
    (
        Figures {
            members: 42,
            banned: 1,
            articles: 12,
            drafts: 2,
            comments: 230,
            pending: 3,
            spaces: 18,
            sessions: 2,
            events_pending: 1,
        },
        vec![
            Connected {
                who: Some("camille".into()),
                peer: "192.0.2.7:51234".into(),
                since: now() - Duration::minutes(12),
            },
            Connected { who: None, peer: "198.51.100.4:40000".into(), since: now() - Duration::minutes(2) },
        ],
        vec![AuditEntry {
            id: 1,
            at: now() - Duration::minutes(30),
            actor: "cli:sofia".into(),
            action: "comment.hide".into(),
            target: "comment 12".into(),
            detail: "\x1b[2Jpiège".into(),
        }],
    )
}

fn row(id: i64, title: &str, state: ArticleState) -> ArticleRow {
    ArticleRow {
        id,
        slug: format!("article-{id}"),
        title: title.into(),
        rubrique: "Vie du réseau".into(),
        author: "Sofia".into(),
        state,
        published_at: now() - Duration::days(id),
        updated_at: now(),
        comments: 2,
    }
}

fn comment(id: i64, author: &str, body: &str, status: CommentStatus) -> Comment {
    Comment {
        id,
        article_id: 7,
        parent_id: None,
        author_id: 5,
        author: author.into(),
        body: body.into(),
        status,
        created_at: now() - Duration::minutes(40),
        edited_at: None,
        depth: 0,
    }
}

fn queue() -> Vec<QueueItem> {
    let mut reply =
        comment(31, "marius", "Je confirme : deux coupures cette semaine.", CommentStatus::Pending);
    reply.parent_id = Some(30);
    vec![
        QueueItem {
            comment: comment(
                30,
                "nour",
                "Première fois ici\u{202e} : la fibre à Die ?",
                CommentStatus::Pending,
            ),
            article_title: "La fibre arrive à Saillans".into(),
            parent: None,
            author_published: 0,
            author_hidden: 0,
            author_pending: 0,
            author_banned: false,
            author_approved: false,
        },
        QueueItem {
            comment: reply,
            article_title: "La fibre arrive à Saillans".into(),
            parent: Some(comment(
                30,
                "nour",
                "Première fois ici : la fibre à Die ?",
                CommentStatus::Published,
            )),
            author_published: 4,
            author_hidden: 1,
            author_pending: 0,
            author_banned: false,
            author_approved: true,
        },
    ]
}

fn members() -> Vec<MemberRow> {
    vec![
        MemberRow {
            id: 3,
            handle: Some("camille".into()),
            role: "member".into(),
            banned: false,
            approved: true,
            keys: vec!["SHA256:abcdefghijklmnopqrstuvwxyz".into()],
            first_seen: now() - Duration::days(40),
            last_seen: Some(now() - Duration::hours(2)),
            comments: 12,
            hidden_comments: 1,
        },
        MemberRow {
            id: 4,
            handle: None,
            role: "member".into(),
            banned: true,
            approved: false,
            keys: vec!["SHA256:zyxwvutsrqponmlkjihgfedcba".into(), "SHA256:second".into()],
            first_seen: now() - Duration::days(3),
            last_seen: None,
            comments: 0,
            hidden_comments: 0,
        },
    ]
}

#[test]
fn the_dashboard_shows_figures_who_is_connected_and_the_last_actions() {
    let (mut app, effects) = console(100, 30, false);
    assert_eq!(effects, vec![Effect::Admin(AdminOp::LoadDashboard)]);
    assert!(screen(&app).contains("Chargement"), "{}", screen(&app));
    admin(&mut app, AdminResult::Dashboard(Ok(dashboard())));
    let s = screen(&app);
    assert!(s.contains("Cédille · Tableau de bord"), "{s}");
    assert!(s.contains("admin · console:"), "{s}");
    for want in
        ["42  membres (1 suspendu·e)", "12  articles (2 brouillons)", "3  en attente (m)", "18  espaces"]
    {
        assert!(s.contains(want), "{want} missing:\n{s}");
    }
    assert!(s.contains("camille") && s.contains("il y a 12 min") && s.contains("192.0.2.7:51234"), "{s}");
    assert!(s.contains("invité·e"), "{s}");
    assert!(s.contains("cli:sofia comment.hide comment 12 · [2Jpiège"), "hostile detail cleaned: {s}");
    assert!(!s.contains('\x1b'));
    // m goes to the queue.
    assert_eq!(key(&mut app, Key::Char('m')), vec![Effect::Admin(AdminOp::LoadQueue(Queue::Pending))]);
    assert_eq!(app.view, View::Admin(cedille::ui::Section::Moderation));
}

#[test]
fn tab_walks_the_sections_then_the_members_screens() {
    let (mut app, _) = console(100, 30, false);
    let expected = [
        ("Articles", Effect::Admin(AdminOp::LoadArticles)),
        ("Modération", Effect::Admin(AdminOp::LoadQueue(Queue::Pending))),
        ("Membres", Effect::Admin(AdminOp::LoadMembers)),
    ];
    for (name, effect) in expected {
        let effects = key(&mut app, Key::Tab);
        assert_eq!(effects, vec![effect]);
        assert!(
            screen(&app).lines().next().unwrap().contains(&format!("Cédille · {name}")),
            "{}",
            screen(&app)
        );
    }
    assert!(matches!(key(&mut app, Key::Tab)[..], [Effect::Spaces(SpacesOp::Search { .. })]));
    assert_eq!(app.view, View::Spaces);
    assert_eq!(key(&mut app, Key::Tab), vec![Effect::Agenda(AgendaOp::Load { past: false })]);
    assert_eq!(app.view, View::Agenda);
    assert_eq!(key(&mut app, Key::Tab), vec![Effect::Bulletin(BulletinOp::LoadArticles)]);
    assert_eq!(app.view, View::List);
    assert_eq!(key(&mut app, Key::Tab), vec![Effect::Admin(AdminOp::LoadDashboard)]);
    // BackTab goes the other way; digits jump.
    key(&mut app, Key::BackTab);
    assert_eq!(app.view, View::List);
    key(&mut app, Key::Char('2'));
    assert_eq!(app.view, View::Admin(cedille::ui::Section::Articles));
    // A change anywhere reloads what is on screen.
    assert_eq!(app.update(Event::DataChanged), vec![Effect::Admin(AdminOp::LoadArticles)]);
}

#[test]
fn articles_are_listed_with_their_state_and_acted_on() {
    let (mut app, _) = console(100, 30, false);
    key(&mut app, Key::Char('2'));
    admin(
        &mut app,
        AdminResult::Articles(Ok(vec![
            row(3, "Brouillon : le fablab", ArticleState::Draft),
            row(2, "Bientôt : l'agenda", ArticleState::Scheduled),
            row(1, "Publié : la fibre", ArticleState::Published),
        ])),
    );
    let s = screen(&app);
    assert!(s.contains("▌   3 Brouillon : le fablab"), "{s}");
    assert!(s.contains("brouillon · Vie du réseau"), "{s}");
    assert!(s.contains("programmé · Vie du réseau"), "{s}");
    assert!(s.contains("publié · Vie du réseau"), "{s}");
    assert!(s.lines().last().unwrap().contains("n nouveau"), "{s}");
    assert_eq!(key(&mut app, Key::Char('p')), vec![Effect::Admin(AdminOp::Publish(3))]);
    // A draft cannot be unpublished; a published article cannot be published again.
    assert_eq!(key(&mut app, Key::Char('u')), vec![]);
    key(&mut app, Key::Char('G'));
    assert_eq!(key(&mut app, Key::Char('p')), vec![]);
    assert_eq!(key(&mut app, Key::Char('u')), vec![Effect::Admin(AdminOp::Unpublish(1))]);
    // Delete asks first; n keeps it.
    assert_eq!(key(&mut app, Key::Char('d')), vec![]);
    assert!(screen(&app).contains("Supprimer « Publié : la fibre » et ses commentaires ?"));
    assert_eq!(key(&mut app, Key::Char('n')), vec![]);
    key(&mut app, Key::Char('d'));
    assert_eq!(key(&mut app, Key::Char('o')), vec![Effect::Admin(AdminOp::DeleteArticle(1))]);
    // The question waits for the store, then closes.
    assert!(screen(&app).contains("En cours…"), "{}", screen(&app));
    assert_eq!(key(&mut app, Key::Char('s')), vec![], "its keys wait too");
    admin(&mut app, AdminResult::Done(AdminOp::DeleteArticle(1), Ok(Detail::None)));
    assert!(screen(&app).contains("Article 1 supprimé."), "{}", screen(&app));
    // Schedule asks for a date to come and refuses others.
    key(&mut app, Key::Char('s'));
    typed(&mut app, "hier");
    assert_eq!(key(&mut app, Key::Enter), vec![]);
    assert!(screen(&app).contains("Une date à venir"), "{}", screen(&app));
    key(&mut app, Key::Esc);
    key(&mut app, Key::Char('s'));
    typed(&mut app, "2099-12-01");
    let effects = key(&mut app, Key::Enter);
    assert!(matches!(effects[..], [Effect::Admin(AdminOp::Schedule(1, _))]), "{effects:?}");
    // The result is said on the status line and the list reloads.
    let at = DateTime::parse_from_rfc3339("2099-12-01T08:00:00Z").unwrap().with_timezone(&Utc);
    let effects = admin(&mut app, AdminResult::Done(AdminOp::Schedule(1, at), Ok(Detail::None)));
    assert_eq!(effects, vec![Effect::Admin(AdminOp::LoadArticles)]);
    assert!(screen(&app).contains("Article 1 programmé pour le 1 déc. 2099, 9 h."), "{}", screen(&app));
    // A failure says why, and the list reloads all the same.
    admin(&mut app, AdminResult::Done(AdminOp::Publish(1), Err(AdminError::NotFound)));
    assert!(screen(&app).contains("Introuvable : supprimé entre-temps ?"));
}

const TEXT: &str = "---\ntitle: Le fablab\nstatus: draft\n---\n\nTexte.\n";

#[test]
fn an_article_goes_to_the_admins_editor_and_comes_back_checked() {
    let (mut app, _) = console(100, 30, true);
    key(&mut app, Key::Char('2'));
    admin(&mut app, AdminResult::Articles(Ok(vec![row(3, "Le fablab", ArticleState::Draft)])));
    assert_eq!(key(&mut app, Key::Enter), vec![Effect::Admin(AdminOp::Open(Doc::Article(Some(3))))]);
    assert_eq!(
        admin(&mut app, AdminResult::Text(Doc::Article(Some(3)), Ok(TEXT.into()))),
        vec![Effect::Admin(AdminOp::EditExternally(Doc::Article(Some(3)), TEXT.into()))]
    );
    // What the editor gave back does not parse: the built-in editor shows it with the error.
    let broken = "---\ntitle: Le fablab\ncolour: red\n---\n\nTexte gardé.\n";
    assert_eq!(admin(&mut app, AdminResult::Edited(Doc::Article(Some(3)), Ok(broken.into()))), vec![]);
    let s = screen(&app);
    assert!(s.contains("Article 3") && s.contains("Texte gardé."), "{s}");
    assert!(s.contains("ligne 3 : clé inconnue « colour »"), "{s}");
    // Fixed in place, then saved.
    for _ in 0..3 {
        key(&mut app, Key::Up);
    }
    key(&mut app, Key::End);
    for _ in 0.."colour: red".len() {
        key(&mut app, Key::Backspace);
    }
    typed(&mut app, "rubrique: Agenda");
    let effects = key(&mut app, Key::Ctrl('s'));
    let [Effect::Admin(AdminOp::SaveArticle(Some(3), article, base))] = &effects[..] else {
        panic!("{effects:?}\n{}", screen(&app));
    };
    assert_eq!((article.rubrique.as_str(), article.body.as_str()), ("Agenda", "Texte gardé."));
    assert_eq!(base, TEXT, "the text as it was opened goes with it");
    // A refusal from the store (a slug taken) keeps the text open with the reason.
    admin(
        &mut app,
        AdminResult::Saved(
            Doc::Article(Some(3)),
            Err(AdminError::Refused(Refusal::SlugTaken { slug: "le-fablab".into(), by: 2 })),
        ),
    );
    assert!(screen(&app).contains("Le slug « le-fablab » est déjà celui de l'article 2"), "{}", screen(&app));
    key(&mut app, Key::Ctrl('s'));
    admin(&mut app, AdminResult::Saved(Doc::Article(Some(3)), Ok(3)));
    let s = screen(&app);
    assert!(s.contains("Article 3 enregistré.") && !s.contains("Texte gardé."), "{s}");
}

#[test]
fn without_an_editor_variable_the_built_in_editor_opens() {
    let (mut app, _) = console(80, 24, false);
    key(&mut app, Key::Char('2'));
    assert_eq!(key(&mut app, Key::Char('n')), vec![Effect::Admin(AdminOp::Open(Doc::Article(None)))]);
    assert_eq!(admin(&mut app, AdminResult::Text(Doc::Article(None), Ok(TEXT.into()))), vec![]);
    let s = screen(&app);
    assert!(s.contains("title: Le fablab") && s.contains("Ctrl-S"), "{s}");
    // The editor that could not start: the built-in one takes over, and says why.
    let (mut app, _) = console(80, 24, true);
    key(&mut app, Key::Char('2'));
    let cannot = EditorError::Start { program: "vim".into(), problem: FileProblem::NotFound };
    let effects = admin(&mut app, AdminResult::Edited(Doc::Article(None), Err(AdminError::Editor(cannot))));
    assert_eq!(effects, vec![Effect::Admin(AdminOp::Open(Doc::Article(None)))]);
    assert_eq!(admin(&mut app, AdminResult::Text(Doc::Article(None), Ok(TEXT.into()))), vec![]);
    assert!(screen(&app).contains("title: Le fablab"));
}

#[test]
fn the_queue_shows_each_comment_in_its_context_and_decides() {
    let (mut app, _) = console(110, 34, false);
    key(&mut app, Key::Char('3'));
    admin(&mut app, AdminResult::Queue(Queue::Pending, Ok(queue())));
    let s = screen(&app);
    assert!(s.contains("En attente") && s.contains("Masqués"), "{s}");
    assert!(s.contains("#30 nour") && s.contains("La fibre arrive à Saillans"), "{s}");
    assert!(s.contains("0 publié, 0 masqué, 0 autre en attente"), "{s}");
    assert!(!s.contains('\u{202e}'), "bidi controls never reach the screen");
    key(&mut app, Key::Down);
    let s = screen(&app);
    assert!(s.contains("en réponse à nour : « Première fois ici : la fibre à Die ? »"), "{s}");
    assert!(s.contains("4 publiés, 1 masqué"), "{s}");
    assert!(s.contains("Je confirme : deux coupures cette semaine."), "{s}");
    assert_eq!(
        key(&mut app, Key::Char('a')),
        vec![Effect::Admin(AdminOp::Moderate(31, CommentStatus::Published))]
    );
    assert_eq!(
        key(&mut app, Key::Char('h')),
        vec![Effect::Admin(AdminOp::Moderate(31, CommentStatus::Hidden))]
    );
    assert_eq!(
        key(&mut app, Key::Char('m')),
        vec![
            Effect::Admin(AdminOp::ApproveMember("marius".into())),
            Effect::Admin(AdminOp::Moderate(31, CommentStatus::Published)),
        ]
    );
    assert_eq!(key(&mut app, Key::Char('x')), vec![]);
    assert!(screen(&app).contains("Supprimer le commentaire 31 ?"));
    assert_eq!(
        key(&mut app, Key::Char('o')),
        vec![Effect::Admin(AdminOp::Moderate(31, CommentStatus::Deleted))]
    );
    admin(&mut app, AdminResult::Done(AdminOp::Moderate(31, CommentStatus::Deleted), Ok(Detail::None)));
    // v shows the hidden ones: they stay listed for admins.
    assert_eq!(key(&mut app, Key::Char('v')), vec![Effect::Admin(AdminOp::LoadQueue(Queue::Hidden))]);
    admin(&mut app, AdminResult::Queue(Queue::Hidden, Ok(vec![])));
    assert!(screen(&app).contains("Aucun commentaire masqué."));
    // A late answer for the other list is not shown in this one.
    admin(&mut app, AdminResult::Queue(Queue::Pending, Ok(queue())));
    assert!(screen(&app).contains("Aucun commentaire masqué."));
}

#[test]
fn members_are_suspended_after_a_question_renamed_and_promoted() {
    let (mut app, _) = console(140, 30, false);
    key(&mut app, Key::Char('4'));
    admin(&mut app, AdminResult::Members(Ok(members())));
    let s = screen(&app);
    assert!(s.contains("camille") && s.contains("approuvé·e"), "{s}");
    assert!(s.contains("1 clé (SHA256:abcdefghijkl…)") && s.contains("12 commentaires · 1 masqué"), "{s}");
    assert!(s.contains("#4  suspendu·e") && s.contains("2 clés") && s.contains("vu·e jamais"), "{s}");
    assert_eq!(key(&mut app, Key::Char('b')), vec![]);
    let s = screen(&app);
    assert!(s.contains("Suspendre camille ?") && s.contains("seront fermées."), "{s}");
    assert!(s.contains("o : oui    n : non"), "the answer keys are shown: {s}");
    assert_eq!(key(&mut app, Key::Char('o')), vec![Effect::Admin(AdminOp::Ban("camille".into(), true))]);
    admin(&mut app, AdminResult::Done(AdminOp::Ban("camille".into(), true), Ok(Detail::None)));
    assert_eq!(
        key(&mut app, Key::Char('o')),
        vec![Effect::Admin(AdminOp::SetRole("camille".into(), "moderator".into()))]
    );
    key(&mut app, Key::Char('r'));
    for _ in 0.."camille".len() {
        key(&mut app, Key::Backspace);
    }
    typed(&mut app, "camille-d");
    assert_eq!(
        key(&mut app, Key::Enter),
        vec![Effect::Admin(AdminOp::Rename("camille".into(), "camille-d".into()))]
    );
    let renamed = AdminOp::Rename("camille".into(), "camille-d".into());
    admin(&mut app, AdminResult::Done(renamed, Ok(Detail::Name("camille-d".into()))));
    assert!(screen(&app).contains("camille s'appelle désormais camille-d."), "{}", screen(&app));
    // The suspended one is restored without a question.
    key(&mut app, Key::Down);
    assert_eq!(key(&mut app, Key::Char('b')), vec![Effect::Admin(AdminOp::Ban("#4".into(), false))]);
}

#[test]
fn the_directory_in_the_console_deletes_imports_and_exports() {
    let (mut app, _) = console(100, 30, false);
    key(&mut app, Key::Char('5'));
    assert_eq!(app.view, View::Spaces);
    assert_eq!(key(&mut app, Key::Char('I')), vec![]);
    typed(&mut app, "/srv/espaces.csv");
    assert_eq!(
        key(&mut app, Key::Enter),
        vec![Effect::Admin(AdminOp::ImportSpaces("/srv/espaces.csv".into()))]
    );
    assert!(screen(&app).lines().last().unwrap().contains("En cours…"), "{}", screen(&app));
    admin(
        &mut app,
        AdminResult::Done(
            AdminOp::ImportSpaces("/srv/espaces.csv".into()),
            Ok(Detail::Imported { inserted: 2, updated: 0, unchanged: 16, rejected: Vec::new() }),
        ),
    );
    assert!(screen(&app).contains("Import : 2 ajouté(s), 0 mis à jour"), "{}", screen(&app));
    key(&mut app, Key::Char('X'));
    assert!(screen(&app).contains("spaces-2026-11-27.csv"), "{}", screen(&app));
    let effects = key(&mut app, Key::Enter);
    let [Effect::Admin(export @ AdminOp::ExportSpaces(_))] = &effects[..] else { panic!("{effects:?}") };
    let path = "spaces-2026-11-27.csv".to_string();
    admin(&mut app, AdminResult::Done(export.clone(), Ok(Detail::Exported { count: 18, path })));
    // A new space: its record as a form, checked by the store on Ctrl-S.
    assert_eq!(key(&mut app, Key::Char('A')), vec![Effect::Admin(AdminOp::Open(Doc::Space(None)))]);
    let record = cedille::store::write_record(None);
    admin(&mut app, AdminResult::Text(Doc::Space(None), Ok(record.clone())));
    let s = screen(&app);
    assert!(s.contains("Nouvel espace") && s.contains("Type") && s.contains("coworking"), "{s}");
    assert!(!s.contains("kind:") && !s.contains('#'), "no template: {s}");
    // Left as it was, Esc closes it without a question.
    key(&mut app, Key::Esc);
    assert!(app.modal.is_none(), "{}", screen(&app));
    admin(&mut app, AdminResult::Text(Doc::Space(None), Ok(record.clone())));
    // A name typed in the first field, where the focus starts.
    typed(&mut app, "Le Quai");
    let effects = key(&mut app, Key::Ctrl('s'));
    let [Effect::Admin(AdminOp::SaveSpace(None, text, _))] = &effects[..] else { panic!("{effects:?}") };
    assert!(text.starts_with("name: Le Quai\nkind: coworking\n"), "{text}");
    assert_eq!(cedille::store::parse_record(text).unwrap_err(), RowError::Missing("lat"));
    let missing = AdminError::Refused(Refusal::Record(RowError::Missing("lat")));
    admin(&mut app, AdminResult::Saved(Doc::Space(None), Err(missing)));
    let s = screen(&app);
    let lat = s.lines().position(|l| l.contains("│ Latitude")).unwrap_or_else(|| panic!("{s}"));
    assert!(s.lines().nth(lat + 1).unwrap().contains("lat : manquant"), "the refusal on its field:\n{s}");
    key(&mut app, Key::Ctrl('s'));
    admin(&mut app, AdminResult::Saved(Doc::Space(None), Ok(19)));
    let s = screen(&app);
    assert!(s.contains("Espace 19 enregistré.") && !s.contains("Latitude"), "{s}");
}

#[test]
fn the_console_fits_a_small_window_and_a_large_one() {
    for (cols, rows) in [(60, 20), (200, 60)] {
        let (mut app, _) = console(cols, rows, false);
        admin(&mut app, AdminResult::Dashboard(Ok(dashboard())));
        let s = screen(&app);
        assert!(s.contains("En chiffres") && s.contains("Dernières actions"), "{cols}×{rows}:\n{s}");
        key(&mut app, Key::Char('3'));
        admin(&mut app, AdminResult::Queue(Queue::Pending, Ok(queue())));
        let s = screen(&app);
        assert!(s.contains("#30 nour"), "{cols}×{rows}:\n{s}");
    }
}

#[test]
fn the_clock_alone_never_reloads_the_list() {
    // A scheduled article's hour comes as a change notice for everybody (the store's
    // watch): a thousand lists on screen do not each poll for it.
    let member = Identity::Member { user_id: 1, fingerprint: "SHA256:abc".into(), handle: None };
    let (mut app, _) = App::new(member, Lang::Fr, ColorDepth::Ansi256, (80, 24), now());
    let summary = ArticleSummary {
        id: 1,
        slug: "a".into(),
        title: "A".into(),
        rubrique: String::new(),
        author: String::new(),
        published_at: now(),
        comments: 0,
        unread: Some(false),
    };
    app.update(Event::Bulletin(BulletinResult::Articles(Ok(vec![summary].into()))));
    for secs in [10, 30, 40, 3600, 86_400] {
        assert_eq!(app.update(Event::Tick(now() + Duration::seconds(secs))), vec![], "after {secs} s");
    }
    assert_eq!(app.update(Event::DataChanged)[0], Effect::Bulletin(BulletinOp::LoadArticles));
}
