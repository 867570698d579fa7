//! The console's door: what the admin console's requests do against the store, signed with
//! the console's actor. Only a [`Viewer::Console`] gets an answer: over SSH these do nothing.

use chrono::Utc;

use super::door::{Console, Ctx, Viewer, fault};
use super::queue::Kind;
use crate::domain::article::NewArticle;
use crate::domain::frontmatter::write_article;
use crate::store::{ImportFormat, Store, StoreError, write_record};
use crate::ui::{AdminOp, AdminResult, AgendaResult, Doc, Event};

/// The text a new article starts from: the front matter to fill in.
/// The text a new article starts from. No `slug` nor `date` line: the slug comes from the
/// title and the date is the moment it is saved, unless the admin adds them.
fn template() -> String {
    "---\ntitle: Nouvel article\nrubrique: \nauthor: \nauthor_handle: \nstatus: draft\n---\n\nLe texte, en Markdown.\n"
        .to_string()
}

fn message(e: &StoreError) -> String {
    match e {
        StoreError::NotFound => "Introuvable : supprimé entre-temps ? / Not found: deleted meanwhile?".into(),
        e => crate::domain::fault::chain(e),
    }
}

fn done(op: AdminOp, r: Result<String, StoreError>) -> Event {
    Event::Admin(AdminResult::Done(op, r.map_err(|e| message(&e))))
}

/// The console's loads supersede the one waiting; every action it signs is performed.
pub fn kind(op: &AdminOp) -> Option<Kind> {
    match op {
        AdminOp::LoadDashboard => Some(Kind::one("dashboard")),
        AdminOp::LoadArticles => Some(Kind::one("articles")),
        AdminOp::LoadQueue(_) => Some(Kind::one("queue")),
        AdminOp::LoadMembers => Some(Kind::one("members")),
        _ => None,
    }
}

pub fn perform(ctx: &Ctx, viewer: &Viewer, op: AdminOp) -> Option<Event> {
    let Viewer::Console(console) = viewer else { return None };
    let store = &ctx.store;
    Some(match op {
        AdminOp::EditExternally(doc, text) => return edit(console, doc, &text),
        AdminOp::LoadDashboard => Event::Admin(AdminResult::Dashboard(
            (|| Ok::<_, StoreError>((store.figures()?, store.connected()?, store.audit().recent(12)?)))()
                .map_err(fault),
        )),
        AdminOp::LoadArticles => {
            Event::Admin(AdminResult::Articles(store.articles().all(Utc::now()).map_err(fault)))
        }
        AdminOp::LoadQueue(crate::store::Queue::Reports) => {
            Event::Admin(AdminResult::Reports(store.message_reports(500).map_err(fault)))
        }
        AdminOp::LoadQueue(q) => {
            Event::Admin(AdminResult::Queue(q, store.moderation_queue(q, 500).map_err(fault)))
        }
        AdminOp::LoadMembers => Event::Admin(AdminResult::Members(store.members().list().map_err(fault))),
        AdminOp::Open(doc) => Event::Admin(AdminResult::Text(doc, open(store, doc))),
        op => return act(store, &console.actor, op),
    })
}

/// Hands the text to the admin's own editor, when the console has one.
fn edit(console: &Console, doc: Doc, text: &str) -> Option<Event> {
    let terminal = console.terminal.as_ref()?;
    let suffix = match doc {
        Doc::Article(_) => ".md",
        Doc::Space(_) => ".txt",
    };
    Some(Event::Admin(AdminResult::Edited(doc, terminal.edit(text, suffix))))
}

/// A document as text to edit: a template for a new one.
fn open(store: &Store, doc: Doc) -> Result<String, String> {
    match doc {
        Doc::Article(None) => Ok(template()),
        Doc::Article(Some(id)) => match store.articles().get_any(id, Utc::now()) {
            Ok(Some((row, body))) => Ok(write_article(&NewArticle {
                author_handle: store.articles().signer(id).map_err(|e| message(&e))?,
                slug: row.slug,
                title: row.title,
                rubrique: row.rubrique,
                author: row.author,
                body,
                published: row.state != crate::domain::article::ArticleState::Draft,
                published_at: row.published_at,
            })),
            Ok(None) => Err(message(&StoreError::NotFound)),
            Err(e) => Err(message(&e)),
        },
        Doc::Space(None) => Ok(write_record(None)),
        Doc::Space(Some(id)) => match store.spaces().get(id) {
            Ok(Some(space)) => Ok(write_record(Some(&space))),
            Ok(None) => Err(message(&StoreError::NotFound)),
            Err(e) => Err(message(&e)),
        },
    }
}

/// An action of the console, signed with its actor.
fn act(store: &Store, actor: &str, op: AdminOp) -> Option<Event> {
    let now = Utc::now();
    let articles = store.articles();
    let members = store.members();
    Some(match op {
        // Reads, answered by `perform`.
        AdminOp::LoadDashboard
        | AdminOp::LoadArticles
        | AdminOp::LoadQueue(_)
        | AdminOp::LoadMembers
        | AdminOp::Open(_)
        | AdminOp::EditExternally(..) => return None,
        AdminOp::DecideReport(id, decision) => done(op, store.decide_report(actor, id, decision)),
        AdminOp::SaveArticle(id, article) => Event::Admin(AdminResult::Saved(
            Doc::Article(id),
            articles.save(actor, id, &article).map(|(id, _)| id).map_err(|e| message(&e)),
        )),
        AdminOp::SaveSpace(id, text) => {
            Event::Admin(AdminResult::Saved(Doc::Space(id), store.spaces().save_record(actor, id, &text)))
        }
        AdminOp::Publish(id) => done(op, articles.publish(actor, id, now).map(|_| String::new())),
        AdminOp::Unpublish(id) => done(op, articles.unpublish(actor, id).map(|_| String::new())),
        AdminOp::Schedule(id, at) => done(op, articles.schedule(actor, id, at).map(|_| String::new())),
        AdminOp::DeleteArticle(id) => done(op, articles.delete(actor, id).map(|_| String::new())),
        AdminOp::Moderate(id, status) => {
            done(op, store.comments().moderate(actor, id, status).map(|_| String::new()))
        }
        AdminOp::ApproveMember(ref who) => {
            done(op.clone(), members.approve(actor, who).map(|_| String::new()))
        }
        AdminOp::Ban(ref who, banned) => {
            done(op.clone(), members.set_banned(actor, who, banned).map(|_| String::new()))
        }
        AdminOp::Rename(ref who, ref new) => done(op.clone(), members.rename(actor, who, new)),
        AdminOp::SetRole(ref who, ref role) => {
            done(op.clone(), members.set_role(actor, who, role).map(|_| String::new()))
        }
        AdminOp::ApproveEvent(id) => done(op, store.events().approve(actor, id).map(|_| String::new())),
        AdminOp::CancelEvent(id) => done(op, store.events().cancel(actor, id).map(|_| String::new())),
        AdminOp::CreateEvent(ref p) => {
            Event::Agenda(AgendaResult::ProposalDone(store.events().create(actor, p, now)))
        }
        AdminOp::DeleteSpace(id) => done(op, store.spaces().delete(actor, id).map(|_| String::new())),
        AdminOp::ImportSpaces(ref path) => {
            let result = std::fs::read(path).map_err(|e| format!("{path}: {e}")).and_then(|bytes| {
                store
                    .spaces()
                    .import_as(actor, &bytes, ImportFormat::Cedille)
                    .map(|r| r.to_string().lines().take(3).collect::<Vec<_>>().join(" · "))
                    .map_err(|e| format!("{path}: {}", crate::domain::fault::chain(&e)))
            });
            Event::Admin(AdminResult::Done(op.clone(), result))
        }
        AdminOp::ExportSpaces(ref path) => {
            let file = std::path::Path::new(path);
            let result = match store.spaces().export_to_file(file) {
                Ok(n) => Ok(format!("exported {n} spaces to {}", file.display())),
                Err(e) => {
                    Err(format!("cannot write {}: {}", file.display(), crate::domain::fault::chain(&e)))
                }
            };
            Event::Admin(AdminResult::Done(op.clone(), result))
        }
    })
}
