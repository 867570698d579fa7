//! Screen tests of comments: threads, selection, the editor, the handle prompt, guests.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;
use support::*;

use chrono::{DateTime, Duration, Utc};

use cedille::domain::comment::PostError;
use cedille::domain::member::HandleError;
use cedille::domain::{Article, ArticleSummary, Comment, CommentStatus, Identity};
use cedille::i18n::Lang;
use cedille::store::CatchUp;
use cedille::term::colors::ColorDepth;
use cedille::ui::{self, App, Effect, Event, Key};
use cedille::ui::{BulletinOp, BulletinResult, ProfileOp, ProfileResult, SpacesOp, SpacesResult};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-27T12:00:00Z").unwrap().with_timezone(&Utc)
}

fn summary() -> ArticleSummary {
    ArticleSummary {
        id: 7,
        slug: "fibre".into(),
        title: "La fibre arrive à Saillans".into(),
        rubrique: "État des lieux".into(),
        author: "Sofia".into(),
        published_at: now() - Duration::days(3),
        comments: 3,
        unread: Some(false),
    }
}

fn comment(
    id: i64,
    parent: Option<i64>,
    author_id: i64,
    author: &str,
    body: &str,
    depth: u8,
    ago_min: i64,
) -> Comment {
    Comment {
        id,
        article_id: 7,
        parent_id: parent,
        author_id,
        author: author.into(),
        body: body.into(),
        status: CommentStatus::Published,
        created_at: now() - Duration::minutes(ago_min),
        edited_at: None,
        depth,
    }
}

fn thread() -> Vec<Comment> {
    let mut edited = comment(2, Some(1), 2, "sofia", "Chez nous aussi, *enfin* !", 1, 120);
    edited.edited_at = Some(now() - Duration::minutes(100));
    let mut deleted = comment(3, Some(2), 3, "yannick", "", 2, 90);
    deleted.status = CommentStatus::Deleted;
    let mut pending = comment(5, None, 1, "camille", "Une question : qui a la fibre à Die ?", 0, 5);
    pending.status = CommentStatus::Pending;
    vec![
        comment(1, None, 9, "nour", "La fibre est arrivée à Saillans la semaine dernière.", 0, 180),
        edited,
        deleted,
        comment(4, Some(3), 9, "nour", "Réponse sous un commentaire supprimé.", 2, 60),
        pending,
    ]
}

fn member(handle: Option<&str>) -> Identity {
    Identity::Member { user_id: 1, fingerprint: "SHA256:abc".into(), handle: handle.map(String::from) }
}

/// An app with the article open and its comments loaded.
fn reading(identity: Identity, cols: u16, rows: u16) -> App {
    let (mut app, _) = App::new(identity, Lang::Fr, ColorDepth::Ansi256, (cols, rows), now());
    app.update(Event::Bulletin(BulletinResult::Articles(Ok(vec![summary()].into()))));
    app.update(Event::Key(Key::Enter));
    app.update(Event::Bulletin(BulletinResult::Article(Ok(Some(Article {
        summary: summary(),
        body: "Texte de l'article.".into(),
    })))));
    app.update(Event::Bulletin(BulletinResult::Comments(7, Ok(thread().into()))));
    app
}

#[test]
fn threads_show_authors_times_marks_and_placeholders() {
    let app = reading(member(Some("camille")), 90, 40);
    let s = screen(&app);
    assert!(s.contains("Commentaires (4)"), "{s}");
    assert!(s.contains("nour · il y a 3 h"), "{s}");
    assert!(s.contains("sofia · il y a 2 h · édité"), "{s}");
    assert!(s.contains("Chez nous aussi, enfin !"), "{s}");
    assert!(s.contains("[commentaire supprimé]"), "{s}");
    assert!(s.contains("Réponse sous un commentaire supprimé."), "{s}");
    // The author sees their own waiting comment, marked.
    assert!(s.contains("camille · en attente de modération · il y a 5 min · vous"), "{s}");
    // Replies are indented under their parent.
    let col = |needle: &str| s.lines().find(|l| l.contains(needle)).unwrap().find(needle).unwrap();
    assert!(col("sofia ·") > col("nour · il y a 3 h"));
    assert!(col("Réponse sous") > col("Chez nous"));
}

#[test]
fn tab_selects_comments_and_the_selected_one_shows_its_absolute_date() {
    let mut app = reading(member(Some("camille")), 90, 30);
    assert!(screen(&app).contains("Tab commentaires"));
    key(&mut app, Key::Tab);
    let s = screen(&app);
    assert!(s.contains("▌ nour · il y a 3 h · vendredi 27 novembre 2026 à 10 h 00"), "{s}");
    assert!(s.contains("r répondre"), "{s}");
    key(&mut app, Key::Char('j'));
    assert!(screen(&app).contains("▌ sofia"), "{}", screen(&app));
    key(&mut app, Key::Tab);
    assert!(!screen(&app).contains('▌'));
}

#[test]
fn reply_opens_the_editor_then_ctrl_s_posts_and_the_editor_closes() {
    let mut app = reading(member(Some("camille")), 90, 30);
    key(&mut app, Key::Tab);
    assert!(key(&mut app, Key::Char('r')).is_empty());
    assert!(screen(&app).contains("Réponse à nour"), "{}", screen(&app));
    typed(&mut app, "Bienvenue !");
    key(&mut app, Key::Enter);
    typed(&mut app, "À bientôt.");
    assert!(screen(&app).contains("22 / 4000"), "{}", screen(&app));
    let effects = key(&mut app, Key::Ctrl('s'));
    assert_eq!(
        effects,
        vec![Effect::Bulletin(BulletinOp::PostComment {
            article: 7,
            parent: Some(1),
            body: "Bienvenue !\nÀ bientôt.".into()
        })]
    );
    assert!(screen(&app).contains("Envoi…"));
    let mut posted = comment(6, Some(1), 1, "camille", "Bienvenue !\nÀ bientôt.", 1, 0);
    posted.status = CommentStatus::Published;
    let effects = app.update(Event::Bulletin(BulletinResult::CommentSaved(Ok(posted))));
    assert_eq!(
        effects,
        vec![Effect::Bulletin(BulletinOp::LoadComments(7)), Effect::Bulletin(BulletinOp::LoadArticles)]
    );
    let s = screen(&app);
    assert!(!s.contains("Réponse à nour") && s.contains("Commentaire publié."), "{s}");
}

#[test]
fn a_refused_comment_keeps_the_draft_and_says_why() {
    let mut app = reading(member(Some("camille")), 90, 30);
    key(&mut app, Key::Char('c'));
    assert!(screen(&app).contains("Nouveau commentaire"));
    typed(&mut app, "Mon texte précieux");
    key(&mut app, Key::Ctrl('s'));
    app.update(Event::Bulletin(BulletinResult::CommentSaved(Err(PostError::TooFast { wait_secs: 12 }))));
    let s = screen(&app);
    assert!(s.contains("attendez encore 12 s") && s.contains("Mon texte précieux"), "{s}");
    // The database cannot save now: try again later, the text is still there.
    key(&mut app, Key::Ctrl('s'));
    app.update(Event::Bulletin(BulletinResult::CommentSaved(Err(PostError::Unavailable(
        "database is locked".into(),
    )))));
    let s = screen(&app);
    assert!(s.contains("Impossible d'enregistrer pour le moment") && s.contains("Mon texte précieux"), "{s}");
    // A bug is not worth trying again, and says so; the text stays all the same.
    key(&mut app, Key::Ctrl('s'));
    app.update(Event::Bulletin(BulletinResult::CommentSaved(Err(PostError::Store("no such column".into())))));
    let s = screen(&app);
    assert!(s.contains("Erreur interne") && !s.contains("Réessayez"), "{s}");
    assert!(s.contains("Mon texte précieux"), "{s}");
    // Once it can be saved, it goes.
    let effects = key(&mut app, Key::Ctrl('s'));
    assert!(
        matches!(&effects[..], [Effect::Bulletin(BulletinOp::PostComment { body, .. })] if body == "Mon texte précieux")
    );
}

#[test]
fn escape_asks_before_throwing_a_draft_away() {
    let mut app = reading(member(Some("camille")), 90, 30);
    key(&mut app, Key::Char('c'));
    typed(&mut app, "brouillon");
    key(&mut app, Key::Esc);
    assert!(screen(&app).contains("Abandonner ce brouillon ?"));
    key(&mut app, Key::Char('n'));
    assert!(screen(&app).contains("brouillon") && !screen(&app).contains("Abandonner"));
    key(&mut app, Key::Esc);
    key(&mut app, Key::Char('o'));
    assert!(!screen(&app).contains("Nouveau commentaire"));
    // An empty editor closes at once.
    key(&mut app, Key::Char('c'));
    key(&mut app, Key::Esc);
    assert!(app.modal.is_none());
}

#[test]
fn a_paste_lands_whole_in_the_editor() {
    let mut app = reading(member(Some("camille")), 90, 30);
    key(&mut app, Key::Char('c'));
    app.update(Event::Paste("ligne 1\nligne 2 « citée »\n\u{1b}]52;c;AAAA\u{7}fin".into()));
    let Some(ui::Modal::Editor(editor)) = &app.modal else { panic!("no editor") };
    assert_eq!(editor.text(), "ligne 1\nligne 2 « citée »\n]52;c;AAAAfin");
}

#[test]
fn guests_are_told_how_to_make_a_key() {
    let mut app = reading(Identity::Guest, 80, 24);
    key(&mut app, Key::Char('c'));
    let s = screen(&app);
    assert!(s.contains("Une clé SSH pour écrire") && s.contains("ssh-keygen -t ed25519"), "{s}");
    key(&mut app, Key::Enter);
    assert!(app.modal.is_none());
}

#[test]
fn a_member_without_handle_chooses_one_first() {
    let mut app = reading(member(None), 80, 24);
    key(&mut app, Key::Char('c'));
    assert!(screen(&app).contains("Choisissez votre pseudo"));
    typed(&mut app, "admin");
    assert_eq!(key(&mut app, Key::Enter), vec![Effect::Profile(ProfileOp::SetHandle("admin".into()))]);
    app.update(Event::Profile(ProfileResult::HandleSet(Err(HandleError::Reserved))));
    assert!(screen(&app).contains("Ce pseudonyme est réservé"));
    // Another's recent handle, and (for a member changing theirs) the pace, each said.
    app.update(Event::Profile(ProfileResult::HandleSet(Err(HandleError::RecentlyReleased))));
    assert!(screen(&app).contains("Ce pseudonyme reste réservé 30"), "{}", screen(&app));
    let next = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 11, 28, 9, 0, 0).unwrap();
    app.update(Event::Profile(ProfileResult::HandleSet(Err(HandleError::TooSoon { next }))));
    let s = screen(&app);
    assert!(s.contains("Prochain changement possible le 28"), "{s}");
    for _ in 0..5 {
        key(&mut app, Key::Backspace);
    }
    typed(&mut app, "camille");
    assert_eq!(key(&mut app, Key::Enter), vec![Effect::Profile(ProfileOp::SetHandle("camille".into()))]);
    app.update(Event::Profile(ProfileResult::HandleSet(Ok("camille".into()))));
    assert!(screen(&app).contains("Nouveau commentaire"));
    assert_eq!(app.handle(), Some("camille"));
}

#[test]
fn only_ones_own_recent_comment_can_be_changed() {
    let mut app = reading(member(Some("camille")), 90, 30);
    key(&mut app, Key::Tab);
    key(&mut app, Key::Char('e'));
    assert!(screen(&app).contains("Vous ne pouvez modifier que vos propres commentaires."));
    key(&mut app, Key::Char('G'));
    for _ in 0..4 {
        key(&mut app, Key::Char('j'));
    }
    key(&mut app, Key::Char('e'));
    assert!(screen(&app).contains("Modifier le commentaire"), "{}", screen(&app));
    key(&mut app, Key::Esc);
    key(&mut app, Key::Char('o'));
    key(&mut app, Key::Char('d'));
    assert!(screen(&app).contains("Supprimer ce commentaire ?"));
    assert_eq!(key(&mut app, Key::Char('o')), vec![Effect::Bulletin(BulletinOp::DeleteComment(5))]);
}

#[test]
fn changes_elsewhere_reload_what_is_on_screen() {
    let mut app = reading(member(Some("camille")), 90, 30);
    // A member's session also reads their account again (suspended? a new handle?) and
    // what waits in their inbox and among their notices.
    let member = [
        Effect::Profile(ProfileOp::LoadMember),
        Effect::Network(cedille::ui::NetOp::CheckInbox),
        Effect::Follow(ui::FollowOp::Check { known: 0 }),
    ];
    assert_eq!(
        app.update(Event::DataChanged),
        [
            &[Effect::Bulletin(BulletinOp::LoadComments(7)), Effect::Bulletin(BulletinOp::LoadAuthor(7))][..],
            &member
        ]
        .concat()
    );
    key(&mut app, Key::Esc);
    assert_eq!(
        app.update(Event::DataChanged),
        [&[Effect::Bulletin(BulletinOp::LoadArticles)][..], &member].concat()
    );
}

#[test]
fn the_catch_up_summary_lists_what_is_new() {
    use cedille::domain::catchup::{NewsItem, NewsKind};
    let (mut app, _) = App::new(member(Some("camille")), Lang::Fr, ColorDepth::Ansi256, (80, 24), now());
    assert_eq!(app.catch_up_since(Some(now())), vec![Effect::Profile(ProfileOp::LoadCatchUp(now()))]);
    let mut replies = NewsItem::new(NewsKind::Reply, "Agenda de l'hiver".into(), now());
    replies.count = 3;
    replies.authors = vec!["membre2".into(), "membre3".into()];
    replies.excerpt = "Oui, à Crest !".into();
    replies.article_id = Some(7);
    replies.comment_id = Some(9);
    replies.notices = vec![4, 5, 6];
    let mut messages = NewsItem::new(NewsKind::Messages, "nour".into(), now());
    messages.count = 2;
    messages.authors = vec!["nour".into()];
    messages.member_id = Some(12);
    app.update(Event::Profile(ProfileResult::CatchUp(Box::new(CatchUp { items: vec![replies, messages] }))));
    let s = screen(&app);
    assert!(s.contains("Depuis votre dernière visite"), "{s}");
    assert!(s.contains("3 réponses de membre2 et membre3 · Agenda de l'hiver"), "{s}");
    assert!(s.contains("Oui, à Crest !"), "{s}");
    assert!(s.contains("2 messages de nour"), "{s}");
    assert_eq!(s.matches("membre2").count(), 1, "one line per article, not one per reply: {s}");
    // Enter goes to the first reply, and the notices it stands for are seen.
    let effects = key(&mut app, Key::Enter);
    assert!(!screen(&app).contains("Depuis votre dernière visite"));
    assert_eq!(
        effects,
        vec![
            Effect::Follow(ui::FollowOp::SeenNotices(vec![4, 5, 6])),
            Effect::Bulletin(BulletinOp::LoadArticle(7)),
            Effect::Bulletin(BulletinOp::LoadComments(7)),
        ]
    );
    assert_eq!(app.view, ui::View::Reader);
    assert_eq!(app.reader.select_after_load, Some(9));
}

#[test]
fn the_profile_shows_keys_and_offers_to_link_another() {
    use cedille::store::{KeyInfo, Profile};
    let (mut app, _) = App::new(member(Some("camille")), Lang::Fr, ColorDepth::Ansi256, (80, 24), now());
    assert_eq!(key(&mut app, Key::Char('p')), vec![Effect::Profile(ProfileOp::LoadProfile)]);
    app.update(Event::Profile(ProfileResult::Profile(Ok(Profile {
        user_id: 1,
        handle: Some("camille".into()),
        lang: None,
        commune_insee: Some("26108".into()),
        commune: Some("Crest".into()),
        presentation: String::new(),
        keys: vec![KeyInfo {
            fingerprint: "SHA256:abc".into(),
            algorithm: "ssh-ed25519".into(),
            added_at: now(),
            last_used_at: None,
        }],
        created_at: now(),
        approved: true,
        banned: false,
        role: "member".into(),
        line_mode: false,
        charset: Default::default(),
    }))));
    let s = screen(&app);
    assert!(s.contains("Votre profil") && s.contains("camille") && s.contains("Crest"), "{s}");
    assert!(s.contains("    SHA256:abc"), "{s}");
    assert!(s.contains("ssh-ed25519 · ajoutée le 27 nov. 2026, dernier usage inconnu"), "{s}");
    assert!(s.contains("cette session"), "{s}");
    assert_eq!(key(&mut app, Key::Char('k')), vec![Effect::Profile(ProfileOp::CreateLinkCode)]);
    app.update(Event::Profile(ProfileResult::LinkCode(Ok("K7PX3MQD".into()))));
    assert!(screen(&app).contains("K7PX"), "{}", screen(&app));
    key(&mut app, Key::Char('t'));
    assert!(screen(&app).contains("Votre commune"));
    for _ in 0..5 {
        key(&mut app, Key::Backspace);
    }
    assert_eq!(key(&mut app, Key::Char('D')), vec![Effect::Spaces(SpacesOp::CompleteCommune("D".into()))]);
    assert_eq!(key(&mut app, Key::Char('x')), vec![Effect::Spaces(SpacesOp::CompleteCommune("Dx".into()))]);
    app.update(Event::Spaces(SpacesResult::Communes("Dx".into(), Vec::new())));
    key(&mut app, Key::Enter);
    assert!(screen(&app).contains("Commune inconnue."), "{}", screen(&app));
    key(&mut app, Key::Backspace);
    typed(&mut app, "ie");
    let die = cedille::domain::space::Commune {
        insee: "26113".into(),
        name: "Die".into(),
        departement: "26".into(),
        postcodes: vec!["26150".into()],
        population: 4400,
        lat: 44.75,
        lon: 5.37,
    };
    app.update(Event::Spaces(SpacesResult::Communes("Die".into(), vec![die])));
    assert!(screen(&app).contains("Die (26, 26150)"), "{}", screen(&app));
    assert_eq!(key(&mut app, Key::Enter), vec![Effect::Profile(ProfileOp::SetCommune(Some("26113".into())))]);
    key(&mut app, Key::Esc);
    assert!(screen(&app).contains("Bulletin") && !screen(&app).contains("Votre profil"));
}

#[test]
fn guests_have_no_profile() {
    let (mut app, _) = App::new(Identity::Guest, Lang::Fr, ColorDepth::Ansi256, (80, 24), now());
    assert!(key(&mut app, Key::Char('p')).is_empty());
    assert!(screen(&app).contains("ssh-keygen -t ed25519"));
}

#[test]
fn relative_dates_move_on_with_the_clock() {
    let mut app = reading(member(Some("camille")), 90, 40);
    assert!(screen(&app).contains("camille · en attente de modération · il y a 5 min"));
    app.update(Event::Tick(now() + Duration::minutes(60)));
    assert!(screen(&app).contains("camille · en attente de modération · il y a 1 h"), "{}", screen(&app));
}

#[test]
fn arrows_choose_among_the_towns_offered() {
    use cedille::domain::space::Commune;
    let town = |name: &str, insee: &str| Commune {
        insee: insee.into(),
        name: name.into(),
        departement: "26".into(),
        postcodes: vec!["26150".into()],
        population: 1000,
        lat: 44.7,
        lon: 5.3,
    };
    let (mut app, _) = App::new(member(Some("camille")), Lang::Fr, ColorDepth::Ansi256, (80, 24), now());
    key(&mut app, Key::Char('p'));
    key(&mut app, Key::Char('t'));
    typed(&mut app, "Die");
    app.update(Event::Spaces(SpacesResult::Communes(
        "Die".into(),
        vec![town("Die", "26113"), town("Dieulefit", "26114")],
    )));
    key(&mut app, Key::Tab);
    key(&mut app, Key::Down);
    assert!(screen(&app).contains("▸ Dieulefit"), "{}", screen(&app));
    assert_eq!(key(&mut app, Key::Enter), vec![Effect::Profile(ProfileOp::SetCommune(Some("26114".into())))]);
}

#[test]
fn a_long_thread_is_laid_out_only_as_far_as_it_is_read() {
    let (mut app, _) = App::new(member(Some("b")), Lang::Fr, ColorDepth::Ansi256, (80, 24), now());
    app.update(Event::Bulletin(BulletinResult::Articles(Ok(vec![summary()].into()))));
    app.update(Event::Key(Key::Enter));
    app.update(Event::Bulletin(BulletinResult::Article(Ok(Some(Article {
        summary: summary(),
        body: "Texte de l'article.".into(),
    })))));
    let many: Vec<Comment> = (1..=1000)
        .map(|i| comment(i, None, 9, "nour", &format!("Commentaire numéro {i}."), 0, 2000 - i))
        .collect();
    app.update(Event::Bulletin(BulletinResult::Comments(7, Ok(many.into()))));
    assert!(screen(&app).contains("Commentaire numéro 1."), "{}", screen(&app));
    assert!(app.reader.laid.laid() < 40, "{} comments laid out to show the first", app.reader.laid.laid());
    // Moving the selection lays out only what comes into view.
    key(&mut app, Key::Tab);
    for _ in 0..5 {
        key(&mut app, Key::Char('j'));
    }
    assert!(screen(&app).contains("▌ Commentaire numéro 6."), "{}", screen(&app));
    assert!(app.reader.laid.laid() < 40);
    // The end is the end: the last comment on screen, « Fin » in the status line.
    key(&mut app, Key::Tab);
    key(&mut app, Key::Char('G'));
    let s = screen(&app);
    assert!(s.contains("Commentaire numéro 1000."), "{s}");
    assert!(s.lines().last().unwrap().trim_end().ends_with("Fin"), "{s}");
    // A new comment arrives while at the end: it comes into view.
    let more: Vec<Comment> = (1..=1001)
        .map(|i| comment(i, None, 9, "nour", &format!("Commentaire numéro {i}."), 0, 2000 - i))
        .collect();
    app.update(Event::Bulletin(BulletinResult::Comments(7, Ok(more.into()))));
    assert!(screen(&app).contains("Commentaire numéro 1001."), "{}", screen(&app));
}

#[test]
fn a_session_wakes_only_when_a_word_on_screen_changes_with_the_clock() {
    // The list writes its dates out: nothing there changes by itself.
    let (app, _) = App::new(member(Some("b")), Lang::Fr, ColorDepth::Ansi256, (90, 40), now());
    assert_eq!(app.next_tick(), None);
    // Under a comment of 5 minutes ago, « il y a 5 min » becomes « il y a 6 min » in one.
    let mut app = reading(member(Some("camille")), 90, 40);
    assert_eq!(app.next_tick(), Some(now() + Duration::minutes(1)));
    assert_eq!(app.update(Event::Tick(now() + Duration::minutes(1))), vec![]);
    assert!(screen(&app).contains("il y a 6 min"), "{}", screen(&app));
    assert_eq!(app.next_tick(), Some(now() + Duration::minutes(2)));
    // An old article and old comments: dates, which never change by themselves.
    let (mut old, _) = App::new(member(Some("b")), Lang::Fr, ColorDepth::Ansi256, (90, 40), now());
    let mut s = summary();
    s.published_at = now() - Duration::days(30);
    old.update(Event::Bulletin(BulletinResult::Articles(Ok(vec![s.clone()].into()))));
    old.update(Event::Key(Key::Enter));
    old.update(Event::Bulletin(BulletinResult::Article(Ok(Some(Article {
        summary: s,
        body: "Texte.".into(),
    })))));
    let aged = vec![comment(1, None, 9, "nour", "Ancien.", 0, 60 * 24 * 10)];
    old.update(Event::Bulletin(BulletinResult::Comments(7, Ok(aged.into()))));
    assert!(screen(&old).contains("Ancien."), "{}", screen(&old));
    assert_eq!(old.next_tick(), None);
}

/// Keys typed along with Escape, in the same packet, never answer the question it opened:
/// the member has not seen it yet.
#[test]
fn a_question_takes_no_answer_from_keys_that_came_with_the_key_that_opened_it() {
    let mut app = reading(member(Some("camille")), 90, 30);
    key(&mut app, Key::Char('c'));
    typed(&mut app, "brouillon");
    key(&mut app, Key::Esc);
    for along in [Key::Char('o'), Key::Char('y'), Key::Enter] {
        app.update(Event::KeyAlong(along));
    }
    let s = screen(&app);
    assert!(s.contains("Abandonner ce brouillon ?") && s.contains("brouillon"), "{s}");
    // A key of a later packet answers it.
    key(&mut app, Key::Char('n'));
    assert!(screen(&app).contains("brouillon") && !screen(&app).contains("Abandonner"));
}

#[test]
fn esc_on_an_edit_left_as_it_was_closes_without_asking() {
    let mut app = reading(member(Some("camille")), 90, 30);
    key(&mut app, Key::Tab);
    key(&mut app, Key::Char('G'));
    for _ in 0..4 {
        key(&mut app, Key::Char('j'));
    }
    key(&mut app, Key::Char('e'));
    assert!(screen(&app).contains("Modifier le commentaire"), "{}", screen(&app));
    key(&mut app, Key::Esc);
    assert!(app.modal.is_none(), "{}", screen(&app));
    // Changed, then changed back: nothing to lose either; changed: asked.
    key(&mut app, Key::Char('e'));
    typed(&mut app, "x");
    key(&mut app, Key::Backspace);
    key(&mut app, Key::Esc);
    assert!(app.modal.is_none(), "{}", screen(&app));
    key(&mut app, Key::Char('e'));
    typed(&mut app, "x");
    key(&mut app, Key::Esc);
    assert!(screen(&app).contains("Abandonner ce brouillon ?"), "{}", screen(&app));
}

#[test]
fn the_help_scrolls_with_the_keys_it_lists() {
    let mut app = reading(member(Some("camille")), 80, 24);
    key(&mut app, Key::Char('?'));
    let top = screen(&app);
    // The status line says how it scrolls.
    assert!(top.lines().last().unwrap().contains("↑↓ j k défiler"), "{top}");
    key(&mut app, Key::Char('j'));
    let down = screen(&app);
    assert_ne!(top, down, "j scrolls the help");
    key(&mut app, Key::Char('G'));
    let end = screen(&app);
    assert!(end.contains("Échap") || end != down, "{end}");
    key(&mut app, Key::Char('k'));
    assert_ne!(screen(&app), end, "k scrolls back");
    key(&mut app, Key::Char('g'));
    assert_eq!(screen(&app), top);
    key(&mut app, Key::End);
    assert_eq!(screen(&app), end);
}

/// A header too long for its line drops its least useful marks first (the full date, then
/// « vous »…), each whole: never a mark cut in the middle of a word.
#[test]
fn a_long_header_drops_whole_marks_least_useful_first() {
    let marks = ["en attente de modération", "il y a 5 min", "vous", "vendredi 27 novembre 2026 à 12 h 55"];
    for cols in [60, 66, 70, 80, 100, 120] {
        let mut app = reading(member(Some("camille")), cols, 40);
        key(&mut app, Key::Tab);
        for _ in 0..6 {
            if screen(&app).contains("▌ camille") {
                break;
            }
            key(&mut app, Key::Char('j'));
        }
        let s = screen(&app);
        let line = s.lines().find(|l| l.contains("▌ camille")).unwrap_or_else(|| panic!("{s}"));
        let shown: Vec<&str> =
            line.split("▌ camille").nth(1).unwrap().trim_end().split(" · ").skip(1).collect();
        // Each mark shown is whole, in its order; the ones missing are the least useful.
        assert!(shown.iter().all(|m| marks.contains(m)), "{cols} columns: {line:?}");
        assert_eq!(shown, marks[..shown.len()], "{cols} columns: {line:?}");
        assert!(!line.contains('…'), "{cols} columns: {line:?}");
        assert!(shown.len() >= 2, "the state and the age fit in {cols} columns: {line:?}");
        if cols >= 100 {
            assert_eq!(shown.len(), marks.len(), "{cols} columns: {line:?}");
        }
    }
}

/// `e` and `d` are offered only on a comment one may still change; refused, each says
/// what was tried; an edit saved says « modifié », not « publié ».
#[test]
fn edit_and_delete_are_offered_and_refused_in_their_own_words() {
    let mut app = reading(member(Some("camille")), 90, 30);
    key(&mut app, Key::Tab);
    let bar = |app: &App| screen(app).lines().last().unwrap().to_string();
    assert!(!bar(&app).contains("e modifier") && !bar(&app).contains("d supprimer"), "{}", bar(&app));
    key(&mut app, Key::Char('d'));
    assert!(
        screen(&app).contains("Vous ne pouvez supprimer que vos propres commentaires."),
        "{}",
        screen(&app)
    );
    for _ in 0..4 {
        key(&mut app, Key::Char('j'));
    }
    assert!(bar(&app).contains("e modifier") && bar(&app).contains("d supprimer"), "{}", bar(&app));
    key(&mut app, Key::Char('e'));
    typed(&mut app, " Merci.");
    let effects = key(&mut app, Key::Ctrl('s'));
    assert!(
        matches!(effects.as_slice(), [Effect::Bulletin(BulletinOp::EditComment { id: 5, .. })]),
        "{effects:?}"
    );
    let mut saved = thread().pop().unwrap();
    saved.body.push_str(" Merci.");
    app.update(Event::Bulletin(BulletinResult::CommentSaved(Ok(saved))));
    let s = screen(&app);
    assert!(s.contains("Commentaire modifié.") && !s.contains("Commentaire publié"), "{s}");
}

/// « il paraîtra après modération » is taken back once the thread shows it published.
#[test]
fn the_pending_notice_goes_once_the_comment_is_approved() {
    let mut app = reading(member(Some("camille")), 90, 30);
    key(&mut app, Key::Char('c'));
    typed(&mut app, "Une question.");
    key(&mut app, Key::Ctrl('s'));
    let mut posted = comment(6, None, 1, "camille", "Une question.", 0, 0);
    posted.status = CommentStatus::Pending;
    app.update(Event::Bulletin(BulletinResult::CommentSaved(Ok(posted.clone()))));
    let mut list = thread();
    list.push(posted.clone());
    app.update(Event::Bulletin(BulletinResult::Comments(7, Ok(list.clone().into()))));
    assert!(screen(&app).contains("il paraîtra après modération"), "{}", screen(&app));
    // The moderators approve it: the thread comes back changed, no key pressed.
    list.last_mut().unwrap().status = CommentStatus::Published;
    app.update(Event::DataChanged);
    app.update(Event::Bulletin(BulletinResult::Comments(7, Ok(list.into()))));
    assert!(!screen(&app).contains("après modération"), "{}", screen(&app));
}
