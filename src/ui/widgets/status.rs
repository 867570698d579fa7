//! The bottom line, as in nano or htop: the keys that work here, and where you are.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::width;
use crate::domain::admin::Queue;
use crate::ui::app::{NetMode, Section, SpacesMode};
use crate::ui::{App, Focus, Loading, Modal, View};

/// The keys that make sense here: a pair of the key and what it does.
type Keys = &'static [(&'static str, &'static str)];

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let right = format!(" {} ", position(app));
    let room = usize::from(area.width).saturating_sub(width(&right));
    let mut spans = vec![Span::styled(" ", app.theme.bar)];
    let mut used = 1;
    if let Some(notice) = &app.notice {
        // A notice replaces the keys until the next key: it is what matters now.
        let text = super::truncate(notice, room.saturating_sub(2));
        used += width(&text);
        spans.push(Span::styled(text, app.theme.bar_key));
    }
    used = push_keys(app, &mut spans, &hints(app), used, room);
    spans.push(Span::styled(" ".repeat(room.saturating_sub(used)), app.theme.bar));
    spans.push(Span::styled(right, app.theme.bar_key));
    frame.render_widget(Paragraph::new(Line::from(spans)).style(app.theme.bar), area);
}

/// The keys the bar offers here, from the table of the screen on view (the one its keys
/// are read against): `e` and `d` only on a comment the member may still change, Tab named
/// after the section it leads to, as the top bar names it.
pub fn hints(app: &App) -> Vec<(&'static str, String)> {
    if app.notice.is_some() {
        return Vec::new();
    }
    // A guest has no comment or card of their own to edit or delete; the console (a guest
    // to the members' screens) has its own keys.
    let guest = app.identity.is_guest() && !app.is_admin();
    let on_comments = app.view == View::Reader && app.reader.focus == Focus::Comments;
    let changeable = app.reader.selected_comment().is_some_and(|c| app.may_not_change(c).is_none());
    let offered = |key: &str| match key {
        "e" | "d" if guest => false,
        "e" | "d" if on_comments => changeable,
        _ => true,
    };
    // Tab in a box or in the help moves within it.
    let tab_leaves = app.modal.is_none() && !app.help && app.tab_changes_section();
    let next = lowercase_first(super::topbar::tab_target(app));
    keys(app)
        .iter()
        .filter(|(key, _)| offered(key))
        .map(|(key, label)| match *key {
            "Tab" if tab_leaves => (*key, next.clone()),
            _ => (*key, (*label).to_string()),
        })
        .collect()
}

fn lowercase_first(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// As many keys as fit whole in `room`, after the `used` columns; returns the columns used.
fn push_keys(
    app: &App,
    spans: &mut Vec<Span<'static>>,
    keys: &[(&'static str, String)],
    mut used: usize,
    room: usize,
) -> usize {
    for (key, label) in keys {
        let piece = width(key) + 1 + width(label) + 2;
        if used + piece > room {
            break;
        }
        used += piece;
        spans.push(Span::styled(*key, app.theme.bar_key));
        spans.push(Span::styled(format!(" {label}  "), app.theme.bar));
    }
    used
}

/// What runs in the background comes first: while it lasts, it is the news.
fn position(app: &App) -> String {
    let busy = app.admin.as_ref().and_then(|a| a.busy.clone());
    match (app.view, &app.articles) {
        _ if busy.is_some() => busy.unwrap_or_default(),
        (View::Reader, _) => app.lang.position(app.reader.scroll, app.reader.total_rows(), app.reader_rows()),
        (View::List, _) if app.search.open => match &app.search.results {
            Loading::Ready(hits) if !hits.is_empty() => format!("{}/{}", app.search.selected + 1, hits.len()),
            _ => String::new(),
        },
        (View::List, Loading::Ready(list)) if !list.items().is_empty() => {
            format!("{}/{}", app.selected + 1, app.shown_articles().len())
        }
        _ => String::new(),
    }
}

/// The help and the boxes over the screen take the keys for themselves.
fn keys(app: &App) -> Keys {
    if app.help {
        let body = Rect::new(0, 1, app.size.0, app.size.1.saturating_sub(2));
        if crate::ui::layout::help::max_scroll(app.lang, &app.theme, body) > 0 {
            return app.lang.forms().keys_help_scroll;
        }
        return app.lang.s().keys_help;
    }
    match &app.modal {
        Some(modal) => modal_keys(app, modal),
        None => view_keys(app),
    }
}

/// A question waits for yes or no, which it says itself.
fn modal_keys(app: &App, modal: &Modal) -> Keys {
    let c = app.lang.c();
    match modal {
        Modal::Editor(_) => c.editor_keys,
        Modal::Form(form) if form.offering() => app.lang.forms().pick_keys,
        Modal::Form(_) => app.lang.forms().keys,
        Modal::Prompt(_) => c.prompt_keys,
        Modal::NeedKey => c.close_keys,
        Modal::CatchUp(_) => app.lang.f().keys_catch_up,
        Modal::Share(_) => app.lang.k().share_keys,
        Modal::Confirm(_) if app.is_admin() => app.lang.a().keys_confirm,
        Modal::Confirm(_) => &[],
        Modal::Filters(_) => app.lang.d().keys_filters,
        Modal::Changed(_) => app.lang.changed_keys(),
    }
}

/// A moderator has keys on comments that a reader lacks.
fn view_keys(app: &App) -> Keys {
    let c = app.lang.c();
    match (app.view, app.reader.focus) {
        (View::List, _) if app.search.choosing.is_some() => app.lang.q().keys_chooser,
        (View::List, _) if app.search.open => app.lang.q().keys_search,
        (View::List, _) => app.lang.s().keys_list,
        (View::Reader, Focus::Text) => c.keys_text,
        (View::Reader, Focus::Comments) if app.moderator => c.keys_comments_moderator,
        (View::Reader, Focus::Comments) => c.keys_comments,
        (View::Profile, _) => app.lang.p().keys_profile,
        (View::Member, _) => app.lang.u().keys_page,
        (View::Agenda, _) if app.agenda.detail.is_some() => app.lang.g().keys_detail,
        (View::Agenda, _) if app.is_admin() => app.lang.g().keys_admin,
        (View::Agenda, _) => app.lang.g().keys_list,
        (View::Admin(section), _) => admin_keys(app, section),
        (View::Network, _) => network_keys(app),
        (View::Spaces, _) => spaces_keys(app),
    }
}

/// The moderation screen's reports queue has keys of its own.
fn admin_keys(app: &App, section: Section) -> Keys {
    match section {
        Section::Dashboard => app.lang.a().keys_dashboard,
        Section::Articles => app.lang.a().keys_articles,
        Section::Moderation if app.admin.as_ref().is_some_and(|a| a.queue == Queue::Reports) => {
            app.lang.n().keys_reports
        }
        Section::Moderation => app.lang.a().keys_queue,
        Section::Members => app.lang.a().keys_members,
    }
}

fn network_keys(app: &App) -> Keys {
    let n = app.lang.n();
    match app.network.mode {
        NetMode::Directory => n.keys_directory,
        NetMode::Member if app.network.own_card_open(app.identity.user_id()) => {
            app.lang.forms().keys_own_card
        }
        NetMode::Member => n.keys_member,
        NetMode::Inbox => n.keys_inbox,
        NetMode::Thread => n.keys_thread,
        NetMode::Mine => n.keys_mine,
    }
}

/// Typing a search takes the keys; an admin's list has the keys that edit the directory.
fn spaces_keys(app: &App) -> Keys {
    if app.spaces.searching {
        return app.lang.d().keys_search;
    }
    match app.spaces.mode {
        SpacesMode::List if app.is_admin() => app.lang.a().keys_spaces,
        SpacesMode::List => app.lang.d().keys_list,
        SpacesMode::Detail => app.lang.d().keys_detail,
        SpacesMode::Map => app.lang.d().keys_map,
    }
}
