//! The console's door: what the admin console's requests do against the store, signed with
//! the console's actor. Only a [`Viewer::Console`] gets an answer: over SSH these do nothing.

use chrono::Utc;

use super::door::{Console, Ctx, Viewer, fault};
use super::queue::Kind;
use crate::domain::console::{AdminError, Detail, FileProblem, ImportProblem};
use crate::store::{ExportError, ImportError, ImportFormat, Store, StoreError, write_record};
use crate::ui::{AdminOp, AdminResult, AgendaResult, Doc, Event};

/// The text a new article starts from: the front matter to fill in. No `slug` nor `date`
/// line: the slug comes from the title and the date is the moment it is saved, unless the
/// admin adds them. Saved as it is, it creates nothing.
fn template() -> String {
    "---\ntitle: Nouvel article\nrubrique: \nauthor: \nauthor_handle: \nstatus: draft\n---\n\nLe texte, en Markdown.\n"
        .to_string()
}

/// The store's error as the console says it: what the admin can act on, typed, for the
/// console's language; a fault of the program in the log's words.
fn admin_error(e: StoreError) -> AdminError {
    match e {
        StoreError::NotFound => AdminError::NotFound,
        StoreError::Refused(r) => AdminError::Refused(r),
        StoreError::Gone(_) => {
            tracing::warn!("store: {}", crate::domain::fault::chain(&e));
            AdminError::Gone
        }
        e if e.is_unavailable() => {
            tracing::warn!("store: {}", crate::domain::fault::chain(&e));
            AdminError::Unavailable
        }
        e => {
            let words = crate::domain::fault::chain(&e);
            tracing::error!("store: {words}");
            AdminError::Internal(words)
        }
    }
}

fn admin_event(result: AdminResult) -> Event {
    Event::Admin(Box::new(result))
}

fn done(op: AdminOp, r: Result<Detail, StoreError>) -> Event {
    admin_event(AdminResult::Done(op, r.map_err(admin_error)))
}

/// An action whose success has nothing to tell.
fn quiet<T>(r: crate::store::Result<T>) -> Result<Detail, StoreError> {
    r.map(|_| Detail::None)
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
        AdminOp::LoadDashboard => admin_event(AdminResult::Dashboard(
            (|| Ok::<_, StoreError>((store.figures()?, store.connected()?, store.audit().recent(12)?)))()
                .map_err(fault),
        )),
        AdminOp::LoadArticles => {
            admin_event(AdminResult::Articles(store.articles().all(Utc::now()).map_err(fault)))
        }
        AdminOp::LoadQueue(crate::store::Queue::Reports) => {
            admin_event(AdminResult::Reports(store.message_reports(500).map_err(fault)))
        }
        AdminOp::LoadQueue(q) => {
            admin_event(AdminResult::Queue(q, store.moderation_queue(q, 500).map_err(fault)))
        }
        AdminOp::LoadMembers => admin_event(AdminResult::Members(store.members().list().map_err(fault))),
        AdminOp::Open(doc) => admin_event(AdminResult::Text(doc, open(store, doc))),
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
    Some(admin_event(AdminResult::Edited(doc, terminal.edit(text, suffix).map_err(AdminError::Editor))))
}

/// A document as text to edit: a template for a new one.
fn open(store: &Store, doc: Doc) -> Result<String, AdminError> {
    let text = match doc {
        Doc::Article(None) => return Ok(template()),
        Doc::Space(None) => return Ok(write_record(None)),
        Doc::Article(Some(id)) => store.articles().text(id),
        Doc::Space(Some(id)) => store.spaces().record(id),
    };
    text.map_err(admin_error)?.ok_or(AdminError::NotFound)
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
        AdminOp::DecideReport(id, decision) => {
            done(op, store.decide_report(actor, id, decision).map(Detail::Name))
        }
        // The text opened is checked for existing documents only: a new one has none.
        AdminOp::SaveArticle(id, article, base) => admin_event(AdminResult::Saved(
            Doc::Article(id),
            articles
                .save(actor, id, &article, id.map(|_| base.as_str()))
                .map(|(id, _)| id)
                .map_err(admin_error),
        )),
        AdminOp::SaveSpace(id, text, base) => admin_event(AdminResult::Saved(
            Doc::Space(id),
            store.spaces().save_record(actor, id, &text, id.map(|_| base.as_str())).map_err(admin_error),
        )),
        AdminOp::Publish(id) => done(op, quiet(articles.publish(actor, id, now))),
        AdminOp::Unpublish(id) => done(op, quiet(articles.unpublish(actor, id))),
        AdminOp::Schedule(id, at) => done(op, quiet(articles.schedule(actor, id, at))),
        AdminOp::DeleteArticle(id) => done(op, quiet(articles.delete(actor, id))),
        AdminOp::Moderate(id, status) => done(op, quiet(store.comments().moderate(actor, id, status))),
        AdminOp::ApproveMember(ref who) => done(op.clone(), quiet(members.approve(actor, who))),
        AdminOp::Ban(ref who, banned) => done(op.clone(), quiet(members.set_banned(actor, who, banned))),
        AdminOp::Rename(ref who, ref new) => {
            done(op.clone(), members.rename(actor, who, new).map(Detail::Name))
        }
        AdminOp::SetRole(ref who, ref role) => done(op.clone(), quiet(members.set_role(actor, who, role))),
        AdminOp::ApproveEvent(id) => done(op, quiet(store.events().approve(actor, id))),
        AdminOp::CancelEvent(id) => done(op, quiet(store.events().cancel(actor, id))),
        AdminOp::CreateEvent(ref p) => {
            Event::Agenda(AgendaResult::ProposalDone(store.events().create(actor, p, now)))
        }
        AdminOp::DeleteSpace(id) => done(op, quiet(store.spaces().delete(actor, id))),
        AdminOp::ImportSpaces(ref path) => {
            admin_event(AdminResult::Done(op.clone(), import(store, actor, path)))
        }
        AdminOp::ExportSpaces(ref path) => admin_event(AdminResult::Done(op.clone(), export(store, path))),
    })
}

/// Imports the spaces file at `path` (Cédille's format), signed by `actor`.
fn import(store: &Store, actor: &str, path: &str) -> Result<Detail, AdminError> {
    let file = |problem| AdminError::File { path: path.to_string(), problem };
    let bytes = std::fs::read(path).map_err(|e| file(FileProblem::of(&e)))?;
    let problem = |problem| AdminError::Import { path: path.to_string(), problem };
    match store.spaces().import_as(actor, &bytes, ImportFormat::Cedille) {
        Ok(r) => Ok(Detail::Imported {
            inserted: r.inserted,
            updated: r.updated,
            unchanged: r.unchanged,
            rejected: r.rejected.into_iter().map(|r| (r.line, r.reason)).collect(),
        }),
        Err(ImportError::Empty) => Err(problem(ImportProblem::Empty)),
        Err(ImportError::NotUtf8 { line }) => Err(problem(ImportProblem::NotUtf8 { line })),
        Err(ImportError::MissingColumns { missing, .. }) => {
            Err(problem(ImportProblem::MissingColumns(missing)))
        }
        Err(ImportError::Csv { line, message }) => {
            tracing::info!("console: {path}: line {line}: {message}");
            Err(problem(ImportProblem::Csv { line }))
        }
        Err(ImportError::Store(e)) => Err(admin_error(e)),
    }
}

/// Writes the directory to `path` in Cédille's format.
fn export(store: &Store, path: &str) -> Result<Detail, AdminError> {
    let file = |problem| AdminError::File { path: path.to_string(), problem };
    match store.spaces().export_to_file(std::path::Path::new(path)) {
        Ok(count) => Ok(Detail::Exported { count, path: path.to_string() }),
        Err(ExportError::Io(e)) => Err(file(FileProblem::of(&e))),
        Err(ExportError::Csv(e)) => Err(file(match e.kind() {
            csv::ErrorKind::Io(e) => FileProblem::of(e),
            _ => FileProblem::Other(e.to_string()),
        })),
        Err(ExportError::Store(e)) => Err(admin_error(e)),
    }
}
