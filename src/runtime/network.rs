//! The « Réseau » section's effects against the store. Every operation acts as the session's
//! member: a guest gets nothing back, and no operation reads anybody else's messages.

use chrono::Utc;

use crate::domain::CommentPolicy;
use crate::store::Store;
use crate::ui::{Event, NetOp, NetResult};

use super::log_error;

pub(super) fn perform(
    store: &Store,
    policy: &CommentPolicy,
    viewer: Option<i64>,
    op: NetOp,
) -> Option<Event> {
    let now = Utc::now();
    // The directory is for everyone who may read; the rest is one member's own.
    if let NetOp::Search { seq, query } = op {
        return Some(Event::Network(NetResult::Found(
            seq,
            store.network().search(&query).map_err(log_error),
        )));
    }
    if let NetOp::LoadCard(id) = op {
        return Some(Event::Network(NetResult::Card(id, store.network().card(id).map_err(log_error))));
    }
    let user = viewer?;
    let messages = store.messages();
    Some(Event::Network(match op {
        NetOp::Search { .. } | NetOp::LoadCard(_) => return None,
        NetOp::LoadOwn => NetResult::Own(store.network().own(user).map_err(log_error)),
        NetOp::Update(field) => NetResult::Updated(store.network().update(user, field, now)),
        NetOp::LoadConversations => NetResult::Conversations(messages.conversations(user).map_err(log_error)),
        NetOp::LoadThread(other) => {
            if let Err(e) = messages.mark_read(user, other, now) {
                log_error(e);
            }
            NetResult::Thread(other, messages.thread(user, other).map_err(log_error))
        }
        NetOp::Send { to, body } => NetResult::Sent(messages.send(user, to, &body, policy, now)),
        NetOp::Block(other, block) => {
            NetResult::Blocked(block, messages.set_blocked(user, other, block, now).map_err(log_error))
        }
        NetOp::Report(id) => NetResult::Reported(messages.report(user, id, now).map_err(log_error)),
        NetOp::CheckInbox => return inbox(store, user),
    }))
}

/// What waits unread for `user`.
pub(super) fn inbox(store: &Store, user: i64) -> Option<Event> {
    match store.messages().inbox(user) {
        Ok(inbox) => Some(Event::Network(NetResult::Inbox(inbox))),
        Err(e) => {
            log_error(e);
            None
        }
    }
}
