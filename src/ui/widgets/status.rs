//! The bottom line, as in nano or htop: the keys that work here, and where you are.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::width;
use crate::domain::admin::Queue;
use crate::ui::app::{NetMode, Section, SpacesMode};
use crate::ui::{App, Focus, Loading, Modal, View};

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let s = app.lang.s();
    let c = app.lang.c();
    let keys = if app.help {
        s.keys_help
    } else if let Some(modal) = &app.modal {
        match modal {
            Modal::Editor(_) => c.editor_keys,
            Modal::Prompt(_) => c.prompt_keys,
            Modal::NeedKey | Modal::CatchUp(_) => c.close_keys,
            Modal::ConfirmDiscard(_) | Modal::ConfirmDelete(_) | Modal::Ask(..) => &[],
            Modal::Filters(_) => app.lang.d().keys_filters,
            Modal::Confirm(..) => app.lang.a().keys_confirm,
        }
    } else {
        match (app.view, app.reader.focus) {
            (View::List, _) => s.keys_list,
            (View::Reader, Focus::Text) => c.keys_text,
            (View::Reader, Focus::Comments) if app.moderator => c.keys_comments_moderator,
            (View::Reader, Focus::Comments) => c.keys_comments,
            (View::Profile, _) => app.lang.p().keys_profile,
            (View::Agenda, _) if app.agenda.detail.is_some() => app.lang.g().keys_detail,
            (View::Agenda, _) if app.is_admin() => app.lang.g().keys_admin,
            (View::Agenda, _) => app.lang.g().keys_list,
            (View::Admin(section), _) => match section {
                Section::Dashboard => app.lang.a().keys_dashboard,
                Section::Articles => app.lang.a().keys_articles,
                Section::Moderation if app.admin.as_ref().is_some_and(|a| a.queue == Queue::Reports) => {
                    app.lang.n().keys_reports
                }
                Section::Moderation => app.lang.a().keys_queue,
                Section::Members => app.lang.a().keys_members,
            },
            (View::Network, _) => {
                let n = app.lang.n();
                match app.network.mode {
                    NetMode::Directory => n.keys_directory,
                    NetMode::Member => n.keys_member,
                    NetMode::Inbox => n.keys_inbox,
                    NetMode::Thread => n.keys_thread,
                    NetMode::Mine => n.keys_mine,
                }
            }
            (View::Spaces, _) if app.spaces.searching => app.lang.d().keys_search,
            (View::Spaces, _) if app.is_admin() && app.spaces.mode == SpacesMode::List => {
                app.lang.a().keys_spaces
            }
            (View::Spaces, _) => match app.spaces.mode {
                SpacesMode::List => app.lang.d().keys_list,
                SpacesMode::Detail => app.lang.d().keys_detail,
                SpacesMode::Map => app.lang.d().keys_map,
            },
        }
    };
    let busy = app.admin.as_ref().and_then(|a| a.busy.clone());
    let right = match (app.view, &app.articles) {
        _ if busy.is_some() => busy.unwrap_or_default(),
        (View::Reader, _) => app.lang.position(app.reader.scroll, app.reader.lines.len(), app.reader_rows()),
        (View::List, Loading::Ready(list)) if !list.is_empty() => {
            format!("{}/{}", app.selected + 1, list.len())
        }
        _ => String::new(),
    };
    let right = format!(" {right} ");
    let room = usize::from(area.width).saturating_sub(width(&right));
    let mut spans = vec![Span::styled(" ", app.theme.bar)];
    let mut used = 1;
    if let Some(notice) = &app.notice {
        // A notice replaces the keys until the next key: it is what matters now.
        let text = super::truncate(notice, room.saturating_sub(2));
        used += width(&text);
        spans.push(Span::styled(text, app.theme.bar_key));
    }
    let keys = if app.notice.is_some() { &[] } else { keys };
    // A guest has no comment of their own to edit or delete.
    let keys = keys.iter().filter(|(k, _)| !(app.identity.is_guest() && matches!(*k, "e" | "d")));
    for (key, label) in keys {
        let piece = width(key) + 1 + width(label) + 2;
        if used + piece > room {
            break;
        }
        used += piece;
        spans.push(Span::styled(*key, app.theme.bar_key));
        spans.push(Span::styled(format!(" {label}  "), app.theme.bar));
    }
    spans.push(Span::styled(" ".repeat(room.saturating_sub(used)), app.theme.bar));
    spans.push(Span::styled(right, app.theme.bar_key));
    frame.render_widget(Paragraph::new(Line::from(spans)).style(app.theme.bar), area);
}
