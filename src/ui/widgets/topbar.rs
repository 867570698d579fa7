//! The top line: where you are, and who you are connected as.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{truncate, width};
use crate::domain::Identity;
use crate::text::clean::clean_line;
use crate::ui::app::Section;
use crate::ui::{App, View};

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let s = app.lang.s();
    let who = match &app.identity {
        Identity::Guest => s.guest.to_string(),
        Identity::Member { handle: Some(h), .. } => clean_line(h),
        Identity::Member { fingerprint, .. } => {
            let short: String = fingerprint.trim_start_matches("SHA256:").chars().take(10).collect();
            format!("{} · SHA256:{short}…", s.member)
        }
    };
    let who = match (&app.admin, &app.identity) {
        (Some(admin), _) => format!("admin · {}", clean_line(&admin.actor)),
        _ => who,
    };
    // Where you are, and the other section one Tab away.
    let here = view_name(app, app.view);
    let other = tab_target(app);
    // Messages waiting, wherever the member is: readable without colour.
    let who = match app.network.inbox.unread {
        0 => who,
        n => format!("✉ {n} · {who}"),
    };
    // Notices not seen yet (replies, mentions…): a sign and a number, not a colour.
    let who = match app.follow.unseen {
        0 => who,
        n => format!("◆ {n} · {who}"),
    };
    let left = format!(" Cédille · {here}");
    // Where Tab moves within the screen (the reader's comments, a detail), it leads nowhere else.
    let hint = if app.tab_changes_section() { format!("   Tab → {other}") } else { String::new() };
    let right = format!("{who} ");
    let room = usize::from(area.width).saturating_sub(width(&left) + width(&hint) + 1);
    let right = truncate(&right, room);
    let pad = usize::from(area.width).saturating_sub(width(&left) + width(&hint) + width(&right));
    let line = Line::from(vec![
        Span::styled(left, app.theme.bar.add_modifier(Modifier::BOLD)),
        Span::styled(hint, app.theme.bar),
        Span::styled(" ".repeat(pad), app.theme.bar),
        Span::styled(right, app.theme.bar),
    ]);
    frame.render_widget(Paragraph::new(line).style(app.theme.bar), area);
}

/// The section Tab leads to from the top of this one: the top bar and the status bar say
/// the same.
pub(crate) fn tab_target(app: &App) -> &'static str {
    if app.is_admin() { next_name(app) } else { member_next(app) }
}

/// The name of a screen's section; the reader belongs to the bulletin, a profile or a
/// member's page to the section it was opened from.
fn view_name(app: &App, view: View) -> &'static str {
    let from = match view {
        View::Profile => app.back,
        View::Member => app.member.back,
        view => view,
    };
    match from {
        View::Admin(section) => section_name(app, section),
        View::Spaces => app.lang.d().section,
        View::Agenda => app.lang.g().section,
        View::Network => app.lang.n().section,
        View::List | View::Reader | View::Profile | View::Member => app.lang.s().bulletin,
    }
}

/// For members, the section Tab leads to.
fn member_next(app: &App) -> &'static str {
    let sections = crate::ui::app::SECTIONS;
    let here = sections.iter().position(|v| *v == app.view).unwrap_or(0);
    view_name(app, sections[(here + 1) % sections.len()])
}

fn section_name(app: &App, section: Section) -> &'static str {
    let a = app.lang.a();
    match section {
        Section::Dashboard => a.dashboard,
        Section::Articles => a.articles,
        Section::Moderation => a.moderation,
        Section::Members => a.members,
    }
}

/// In the console, the section Tab leads to.
fn next_name(app: &App) -> &'static str {
    match app.view {
        View::Admin(Section::Dashboard) => app.lang.a().articles,
        View::Admin(Section::Articles) => app.lang.a().moderation,
        View::Admin(Section::Moderation) => app.lang.a().members,
        View::Admin(Section::Members) => app.lang.d().section,
        View::Spaces => app.lang.g().section,
        View::Agenda => app.lang.s().bulletin,
        _ => app.lang.a().dashboard,
    }
}
