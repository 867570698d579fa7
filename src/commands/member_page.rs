//! `member HANDLE [--json]`: a member's public page without a pty, and what `read` says of
//! the member who signs an article (its `author_profile`, the box under its text). Only
//! what the member published of their profile comes out of here.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::{Ctx, Output, WIDTH, bad_option, store_failure, usage};
use crate::domain::Article;
use crate::domain::ArticleSummary;
use crate::domain::member_page::MemberPage;
use crate::i18n::Lang;
use crate::text::clean::{clean_line, clean_text};
use crate::text::typo::protect_french;
use crate::text::wrap::wrap_plain;

pub(super) fn page(ctx: &Ctx<'_>, args: &[String], now: DateTime<Utc>) -> Output {
    let lang = ctx.lang;
    let json = args.iter().any(|a| a == "--json");
    let positional: Vec<&String> = args.iter().filter(|a| *a != "--json").collect();
    if let Some(bad) = positional.iter().find(|a| a.starts_with("--")) {
        return Output::usage(bad_option(lang, bad));
    }
    let [handle] = positional.as_slice() else {
        return usage(lang, "member");
    };
    let page = match ctx.store.member_page(handle, now) {
        Ok(Some(page)) => page,
        Ok(None) => return Output::failure(format!("{}\n", lang.u().not_found)),
        Err(e) => return store_failure(lang, e),
    };
    if json {
        return Output::ok(format!("{}\n", json!(page)));
    }
    Output::ok(plain_page(&page, lang))
}

/// The article as `read --json` gives it, with `author_profile` (`null` for a free-text
/// signature).
pub(super) fn article_json(article: &Article, author: Option<&MemberPage>) -> serde_json::Value {
    let mut value = json!(article);
    if let Some(object) = value.as_object_mut() {
        let profile = author.map(|page| page.author_profile(&article.summary.author));
        object.insert("author_profile".into(), json!(profile));
    }
    value
}

fn push_wrapped(out: &mut String, text: &str, indent: &str) {
    for line in wrap_plain(&protect_french(text), WIDTH - indent.len()) {
        out.push_str(indent);
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// The author's box under an article read as text.
pub(super) fn plain_box(page: &MemberPage, article: &ArticleSummary, lang: Lang) -> String {
    let mut out = String::from("\n────────────────────────────────────────\n");
    push_wrapped(&mut out, &lang.author_name(&clean_line(&article.author), &clean_line(&page.handle)), "");
    if let Some(commune) = &page.commune {
        push_wrapped(&mut out, &clean_line(commune), "");
    }
    if let Some(presentation) = &page.presentation {
        for para in clean_text(presentation).split('\n').filter(|p| !p.trim().is_empty()) {
            push_wrapped(&mut out, para, "");
        }
    }
    let others: Vec<_> = page.other_articles(article.id).collect();
    if !others.is_empty() {
        push_wrapped(&mut out, lang.u().same_author, "");
        for a in others {
            push_wrapped(&mut out, &format!("· {} ({})", clean_line(&a.title), a.slug), "  ");
        }
    }
    out
}

/// A member's page as text: the published profile, then articles and comments with what
/// opens them (`read ID`).
fn plain_page(page: &MemberPage, lang: Lang) -> String {
    let u = lang.u();
    let mut out = format!("{}\n\n", clean_line(&page.handle));
    if page.published {
        let mut field = |label: &str, value: String| {
            if !value.is_empty() {
                push_wrapped(&mut out, &lang.label_value(label, &value), "");
            }
        };
        field(u.commune, page.commune.as_deref().map(clean_line).unwrap_or_default());
        field(u.status, page.status.map(|s| lang.work_status(s).to_string()).unwrap_or_default());
        field(u.skills, page.skills.iter().map(|s| clean_line(s)).collect::<Vec<_>>().join(", "));
        field(u.open_to, page.open_to.iter().map(|o| lang.open_to(*o)).collect::<Vec<_>>().join(", "));
        if let Some(presentation) = &page.presentation {
            out.push('\n');
            for para in clean_text(presentation).split('\n') {
                push_wrapped(&mut out, para, "");
            }
        }
    } else {
        push_wrapped(&mut out, u.unpublished, "");
    }
    out.push_str(&format!("\n{}\n", u.articles));
    if page.articles.is_empty() {
        push_wrapped(&mut out, u.no_articles, "  ");
    }
    for a in &page.articles {
        let line = format!("{:>4}  {} · {}", a.id, clean_line(&a.title), lang.short_date(a.published_at));
        push_wrapped(&mut out, &line, "");
    }
    out.push_str(&format!("\n{}\n", u.comments));
    if page.comments.is_empty() {
        push_wrapped(&mut out, u.no_comments, "  ");
    }
    for c in &page.comments {
        let line = format!(
            "#{} · {} · {} (read {})",
            c.id,
            lang.short_date(c.created_at),
            clean_line(&c.article_title),
            c.article_id
        );
        push_wrapped(&mut out, &line, "");
        push_wrapped(&mut out, &format!("« {} »", clean_line(&c.excerpt)), "      ");
    }
    out
}
