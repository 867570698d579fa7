//! What the admin console's requests do against the store, signed with the console's actor.
//! Blocking: the runtime calls [`perform`] on a blocking thread.

use chrono::Utc;

use crate::domain::CommentStatus;
use crate::domain::article::{NewArticle, slugify};
use crate::domain::frontmatter::write_article;
use crate::store::{ImportFormat, Store, StoreError, write_record};
use crate::ui::{AdminOp, AdminResult, Doc, Event};

/// The text a new article starts from: the front matter to fill in.
fn template() -> String {
    write_article(&NewArticle {
        slug: slugify("nouvel article"),
        title: "Nouvel article".into(),
        rubrique: String::new(),
        author: String::new(),
        body: "Le texte, en Markdown.".into(),
        published: false,
        published_at: Utc::now(),
    })
}

fn message(e: &StoreError) -> String {
    match e {
        StoreError::NotFound => "Introuvable : supprimé entre-temps ? / Not found: deleted meanwhile?".into(),
        e => crate::cli::chain(e),
    }
}

fn done(r: Result<String, StoreError>) -> Event {
    Event::Admin(AdminResult::Done(r.map_err(|e| message(&e))))
}

pub fn perform(store: &Store, actor: &str, op: AdminOp) -> Event {
    let now = Utc::now();
    let articles = store.articles();
    let members = store.members();
    match op {
        AdminOp::LoadDashboard => Event::Admin(AdminResult::Dashboard(
            (|| Ok::<_, StoreError>((store.figures()?, store.connected()?, store.audit().recent(12)?)))()
                .map_err(|e| message(&e)),
        )),
        AdminOp::LoadArticles => {
            Event::Admin(AdminResult::Articles(articles.all(now).map_err(|e| message(&e))))
        }
        AdminOp::LoadQueue(q) => {
            Event::Admin(AdminResult::Queue(q, store.moderation_queue(q, 500).map_err(|e| message(&e))))
        }
        AdminOp::LoadMembers => Event::Admin(AdminResult::Members(members.list().map_err(|e| message(&e)))),
        AdminOp::Open(Doc::Article(None)) => {
            Event::Admin(AdminResult::Text(Doc::Article(None), Ok(template())))
        }
        AdminOp::Open(doc @ Doc::Article(Some(id))) => Event::Admin(AdminResult::Text(
            doc,
            match articles.get_any(id, now) {
                Ok(Some((row, body))) => Ok(write_article(&NewArticle {
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
        )),
        AdminOp::Open(doc @ Doc::Space(None)) => Event::Admin(AdminResult::Text(doc, Ok(write_record(None)))),
        AdminOp::Open(doc @ Doc::Space(Some(id))) => Event::Admin(AdminResult::Text(
            doc,
            match store.spaces().get(id) {
                Ok(Some(space)) => Ok(write_record(Some(&space))),
                Ok(None) => Err(message(&StoreError::NotFound)),
                Err(e) => Err(message(&e)),
            },
        )),
        AdminOp::SaveArticle(id, article) => Event::Admin(AdminResult::Saved(
            articles
                .save(actor, id, &article)
                .map(|(id, _)| format!("Article {id} ✓"))
                .map_err(|e| message(&e)),
        )),
        AdminOp::SaveSpace(id, text) => Event::Admin(AdminResult::Saved(
            store.spaces().save_record(actor, id, &text).map(|id| format!("#{id} ✓")),
        )),
        AdminOp::Publish(id) => done(articles.publish(actor, id, now).map(|_| format!("Article {id} ✓"))),
        AdminOp::Unpublish(id) => {
            done(articles.unpublish(actor, id).map(|_| format!("Article {id} → brouillon/draft")))
        }
        AdminOp::Schedule(id, at) => done(articles.schedule(actor, id, at).map(|_| {
            format!("Article {id} → {}", at.with_timezone(&chrono_tz::Europe::Paris).format("%Y-%m-%d %H:%M"))
        })),
        AdminOp::DeleteArticle(id) => done(articles.delete(actor, id).map(|_| format!("Article {id} ✗"))),
        AdminOp::Moderate(id, status) => {
            done(store.comments().moderate(actor, id, status).map(|_| format!("#{id} → {}", label(status))))
        }
        AdminOp::ApproveMember(who) => done(members.approve(actor, &who).map(|_| format!("{who} ✓"))),
        AdminOp::Ban(who, banned) => done(
            members
                .set_banned(actor, &who, banned)
                .map(|_| format!("{who}: {}", if banned { "⛔" } else { "✓" })),
        ),
        AdminOp::Rename(who, new) => done(members.rename(actor, &who, &new).map(|h| format!("{who} → {h}"))),
        AdminOp::SetRole(who, role) => {
            done(members.set_role(actor, &who, &role).map(|_| format!("{who} → {role}")))
        }
        AdminOp::DeleteSpace(id) => done(store.spaces().delete(actor, id).map(|_| format!("#{id} ✗"))),
        AdminOp::ImportSpaces(path) => Event::Admin(AdminResult::Done(
            std::fs::read(&path).map_err(|e| format!("{path}: {e}")).and_then(|bytes| {
                store
                    .spaces()
                    .import_as(actor, &bytes, ImportFormat::Cedille)
                    .map(|r| r.to_string().lines().take(3).collect::<Vec<_>>().join(" · "))
                    .map_err(|e| format!("{path}: {}", crate::cli::chain(&e)))
            }),
        )),
        AdminOp::ExportSpaces(path) => {
            let outcome = crate::cli::spaces::export(store.path(), std::path::Path::new(&path));
            Event::Admin(AdminResult::Done(if outcome.status == 0 {
                Ok(outcome.stdout.trim().to_string())
            } else {
                Err(outcome.stderr.trim().trim_start_matches("cedille: ").to_string())
            }))
        }
    }
}

fn label(status: CommentStatus) -> &'static str {
    status.as_str()
}
