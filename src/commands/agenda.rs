//! `agenda [--near COMMUNE] [--past] [--json]`, `agenda --ics` and `event ID [--json]`: the
//! meetups, without a pty.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::plain::wrap_parts;
use super::{Ctx, Output, WIDTH, bad_option, near_commune, store_failure, usage};
use crate::domain::event::{Event, monday_of};
use crate::domain::{distance_km, ics};
use crate::i18n::Lang;
use crate::store::NEAR_KM;
use crate::text::clean::clean_line;
use crate::text::markdown::{MdLabels, MdStyles, lines_to_plain, render_comment};
use crate::text::typo::protect_french;
use crate::text::wrap::wrap_plain;

pub(super) fn agenda(ctx: &Ctx<'_>, args: &[String], now: DateTime<Utc>) -> Output {
    let lang = ctx.lang;
    let (mut json, mut ics, mut past, mut near) = (false, false, false, None);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        match flag {
            "--json" => json = true,
            "--ics" => ics = true,
            "--past" => past = true,
            "--near" => match inline.or_else(|| it.next().cloned()) {
                Some(v) => near = Some(v),
                None => return usage(lang, "agenda"),
            },
            f if f.starts_with("--") => return Output::usage(bad_option(lang, f)),
            _ => return usage(lang, "agenda"),
        }
    }
    let events = ctx.store.events();
    if ics {
        if json || past || near.is_some() {
            return usage(lang, "agenda");
        }
        return calendar(ctx, now);
    }
    let list = if past { events.past(ctx.viewer, now, 100) } else { events.upcoming(ctx.viewer, now) };
    let mut list = match list {
        Ok(l) => l,
        Err(e) => return store_failure(lang, e),
    };
    let mut note = String::new();
    if let Some(name) = near {
        let commune = match near_commune(ctx, &name, 3) {
            Ok((c, said)) => {
                note = said;
                c
            }
            Err(out) => return out,
        };
        for e in &mut list {
            e.distance_km = match (e.place.lat, e.place.lon) {
                (Some(lat), Some(lon)) => Some(distance_km((commune.lat, commune.lon), (lat, lon))),
                _ => None,
            };
        }
        list.retain(|e| e.distance_km.is_some_and(|d| d <= NEAR_KM));
    }
    if json {
        let mut out = String::new();
        for e in &list {
            out.push_str(&json!(e).to_string());
            out.push('\n');
        }
        return Output::ok(out).noting(note);
    }
    if list.is_empty() {
        let empty =
            if past { lang.g().past_empty } else { lang.g().empty.split(". n ").next().unwrap_or("") };
        return Output::ok(format!("{}\n", empty.trim_end_matches('.').to_string() + ".")).noting(note);
    }
    Output::ok(by_week(lang, &list)).noting(note)
}

/// `agenda --ics`: the approved events as an iCalendar file.
fn calendar(ctx: &Ctx<'_>, now: DateTime<Utc>) -> Output {
    let lang = ctx.lang;
    match ctx.store.events().for_calendar(now) {
        Ok(mut list) => {
            // Calendars show plain text: the Markdown is rendered, not shown as asterisks.
            let s = lang.s();
            for e in &mut list {
                let lines = render_comment(
                    &e.description,
                    10_000,
                    &MdStyles::default(),
                    &MdLabels { links: s.links, notes: s.notes },
                );
                e.description = lines_to_plain(&lines).join("\n");
            }
            Output::ok(ics::calendar(&list, now, &|who| lang.organised_by(who)))
        }
        Err(e) => store_failure(lang, e),
    }
}

/// The events as plain text, under the heading of their week.
fn by_week(lang: Lang, list: &[Event]) -> String {
    let mut out = String::new();
    let mut week = None;
    for e in list {
        let monday = monday_of(e.starts_at);
        if week != Some(monday) {
            if week.is_some() {
                out.push('\n');
            }
            out.push_str(&lang.week_of(monday));
            out.push('\n');
            week = Some(monday);
        }
        out.push_str(&plain_line(lang, e));
    }
    out
}

/// Two lines per event: when and what, then where and how many.
fn plain_line(lang: Lang, e: &Event) -> String {
    let g = lang.g();
    let mut title = clean_line(&e.title);
    if e.status == crate::domain::event::EventStatus::Cancelled {
        title = format!("[{}] {title}", g.cancelled);
    }
    let mut out = String::new();
    let first = format!("  {}  {title}  #{}", lang.event_when(e), e.id);
    for (i, line) in wrap_plain(&protect_french(&first), WIDTH).into_iter().enumerate() {
        out.push_str(if i == 0 { "" } else { "      " });
        out.push_str(&line.replace('\u{a0}', " "));
        out.push('\n');
    }
    let mut second = vec![clean_line(&e.place.line())];
    if let Some(d) = e.distance_km {
        second.push(format!("{d:.0} km"));
    }
    second.push(lang.event_places(e));
    if let Some(mine) = lang.rsvp_label(e.mine) {
        second.push(mine);
    }
    for line in wrap_parts(&second, WIDTH - 6) {
        out.push_str("      ");
        out.push_str(&line.replace('\u{a0}', " "));
        out.push('\n');
    }
    out
}

pub(super) fn event(ctx: &Ctx<'_>, args: &[String]) -> Output {
    let lang = ctx.lang;
    let json = args.iter().any(|a| a == "--json");
    let positional: Vec<&String> = args.iter().filter(|a| *a != "--json").collect();
    if let Some(bad) = positional.iter().find(|a| a.starts_with("--")) {
        return Output::usage(bad_option(lang, bad));
    }
    let [id] = positional.as_slice() else {
        return usage(lang, "event");
    };
    let Ok(id) = id.trim_start_matches('#').parse::<i64>() else {
        return usage(lang, "event");
    };
    let e = match ctx.store.events().get(id, ctx.viewer) {
        Ok(Some(e)) => e,
        Ok(None) => {
            return Output::failure(format!("{}\n", lang.event_error(&crate::store::EventError::NotFound)));
        }
        Err(e) => return store_failure(lang, e),
    };
    if json {
        return Output::ok(format!("{}\n", json!(e)));
    }
    let g = lang.g();
    let mut out = String::new();
    // A line of parts breaks between them; an empty one is a blank line.
    let mut push = |parts: &[String]| {
        for line in wrap_parts(parts, WIDTH) {
            out.push_str(&line.replace('\u{a0}', " "));
            out.push('\n');
        }
        if parts.iter().all(|p| p.is_empty()) {
            out.push('\n');
        }
    };
    let title = clean_line(&e.title);
    push(std::slice::from_ref(&title));
    push(&["=".repeat(title.chars().count().min(WIDTH))]);
    // The day once, then the hours: the list's short date would say the day again.
    let mut when = vec![lang.long_date(e.starts_at), lang.event_hours(&e)];
    match e.status {
        crate::domain::event::EventStatus::Cancelled => when.push(g.cancelled.to_uppercase()),
        crate::domain::event::EventStatus::Proposed => when.push(g.proposed.to_string()),
        crate::domain::event::EventStatus::Approved => {}
    }
    push(&when);
    push(&[clean_line(&e.place.line())]);
    push(&[lang.organised_by(e.organiser.as_deref().map(clean_line).as_deref())]);
    let mut places = vec![lang.event_places(&e)];
    places.extend(lang.rsvp_label(e.mine));
    push(&places);
    push(&[String::new()]);
    let s = lang.s();
    let lines = render_comment(
        &e.description,
        WIDTH,
        &MdStyles::default(),
        &MdLabels { links: s.links, notes: s.notes },
    );
    for line in lines_to_plain(&lines) {
        push(&[line]);
    }
    push(&[String::new()]);
    push(&[format!("{} : ", g.attendees).replace(" : ", if lang == Lang::Fr { " : " } else { ": " })]);
    if e.attendees.is_empty() {
        push(&[g.nobody_yet.to_string()]);
    } else {
        push(&[e.attendees.iter().map(|h| clean_line(h)).collect::<Vec<_>>().join(", ")]);
    }
    Output::ok(out)
}
