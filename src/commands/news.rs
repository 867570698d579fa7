//! `news [--json]`: « Depuis votre dernière visite » without a pty — the same items as the
//! summary on screen, one a line (or one JSON object a line, with its `kind` and ids).

use chrono::{DateTime, Duration, Utc};

use super::{Ctx, Output, WIDTH, member, store_failure};
use crate::text::clean::clean_line;
use crate::ui::widgets::truncate;

/// How far back new articles and meetups are looked for: without a pty there is no screen
/// to remember the last visit by (notices and unread comments count whatever their age).
const DAYS: i64 = 7;

pub(super) fn news(ctx: &Ctx<'_>, json: bool, now: DateTime<Utc>) -> Output {
    let user = match member(ctx) {
        Ok(u) => u,
        Err(out) => return out,
    };
    let news = match ctx.store.catch_up_at(user, now - Duration::days(DAYS), now) {
        Ok(n) => n,
        Err(e) => return store_failure(ctx.lang, e),
    };
    let mut out = String::new();
    if json {
        for item in &news.items {
            if let Ok(line) = serde_json::to_string(item) {
                out.push_str(&line);
                out.push('\n');
            }
        }
        return Output::ok(out);
    }
    if news.is_empty() {
        return Output::ok(format!("{}\n", ctx.lang.f().news_empty));
    }
    for item in &news.items {
        out.push_str(&truncate(&format!("• {}", ctx.lang.news_line(item)), WIDTH));
        out.push('\n');
        let said = clean_line(&item.excerpt);
        if !said.is_empty() {
            out.push_str(&truncate(&format!("  {said}"), WIDTH));
            out.push('\n');
        }
    }
    Output::ok(out)
}
