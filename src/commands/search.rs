//! `search WORDS… [--json]`: articles and comments by words, best match first, as the
//! member may see them (their own comments waiting for a moderator; a moderator sees the
//! hidden ones too). The words fold as in the reader's search line.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::{Ctx, Output, WIDTH, bad_option, is_moderator, store_failure, usage};
use crate::domain::search::{HitKind, SEARCH_PAGE, SearchHit, SearchQuery};
use crate::i18n::Lang;
use crate::store::Seer;
use crate::text::clean::clean_line;
use crate::text::typo::protect_french;
use crate::text::wrap::wrap_plain;

/// Where the lines under a hit's title begin.
const INDENT: &str = "        ";

pub(super) fn search(ctx: &Ctx<'_>, args: &[String], now: DateTime<Utc>) -> Output {
    let lang = ctx.lang;
    let json = args.iter().any(|a| a == "--json");
    let words: Vec<&str> = args.iter().filter(|a| *a != "--json").map(String::as_str).collect();
    if let Some(bad) = words.iter().find(|a| a.starts_with("--")) {
        return Output::usage(bad_option(lang, bad));
    }
    if words.iter().all(|w| w.trim().is_empty()) {
        return usage(lang, "search");
    }
    let q = SearchQuery { words: words.join(" "), rubrique: None };
    let seer = Seer { user: ctx.viewer, moderator: is_moderator(ctx) };
    let hits = match ctx.store.search().bulletin(&q, seer, now, SEARCH_PAGE) {
        Ok(hits) => hits,
        Err(e) => return store_failure(lang, e),
    };
    let mut out = String::new();
    if json {
        for hit in &hits {
            out.push_str(&hit_json(hit).to_string());
            out.push('\n');
        }
        return Output::ok(out);
    }
    if hits.is_empty() {
        let short = q.words.trim().chars().count() < 2;
        out.push_str(if short { lang.q().too_short } else { lang.q().none_found });
        out.push('\n');
    }
    for (i, hit) in hits.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&plain_hit(hit, lang));
    }
    Output::ok(out)
}

/// The fields of the JSON interface, exactly; the text cleaned again on the way out.
fn hit_json(hit: &SearchHit) -> serde_json::Value {
    json!({
        "kind": hit.kind,
        "article_id": hit.article_id,
        "comment_id": hit.comment_id,
        "title": clean_line(&hit.title),
        "excerpt": clean_line(&hit.excerpt),
        "published_at": hit.published_at,
    })
}

/// A hit for people: the article's number and title, where and when, then the excerpt.
fn plain_hit(hit: &SearchHit, lang: Lang) -> String {
    let mut out = String::new();
    let head = format!("{:>6}  {}", hit.article_id, protect_french(&clean_line(&hit.title)));
    for (i, line) in wrap_plain(&head, WIDTH).iter().enumerate() {
        out.push_str(if i == 0 { "" } else { INDENT });
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let mut details = Vec::new();
    let rubrique = clean_line(&hit.rubrique);
    if !rubrique.is_empty() {
        details.push(rubrique);
    }
    details.push(lang.short_date(hit.published_at));
    match (hit.kind, hit.comment_id) {
        (HitKind::Comment, Some(id)) => {
            details.push(format!("{} #{id}", lang.comment_by(&clean_line(&hit.author))))
        }
        _ => details.push(lang.q().article.to_string()),
    }
    let body = [protect_french(&details.join(" · ")), clean_line(&hit.excerpt)];
    for part in body {
        for line in wrap_plain(&part, WIDTH - INDENT.len()) {
            out.push_str(INDENT);
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out
}
