//! The « Réseau » section's door. Every operation acts as the session's member: a guest gets
//! only the directory, and no operation reads anybody else's messages.

use chrono::Utc;

use super::door::{Ctx, Viewer, fault};
use super::queue::Kind;
use crate::domain::network::ReportError;
use crate::ui::{NetOp, NetResult};

/// Searches and loads supersede the one waiting (a conversation, marked read as it loads,
/// once per conversation); profile changes, messages, blocks and reports are never dropped.
pub fn kind(op: &NetOp) -> Option<Kind> {
    match op {
        NetOp::LoadOwn => Some(Kind::one("own")),
        NetOp::Search { .. } => Some(Kind::one("search")),
        NetOp::LoadCard(_) => Some(Kind::one("card")),
        NetOp::LoadConversations => Some(Kind::one("conversations")),
        NetOp::LoadThread(id) => Some(Kind::each("thread", *id)),
        NetOp::CheckInbox => Some(Kind::one("inbox")),
        NetOp::Update(_) | NetOp::Send { .. } | NetOp::Block(..) | NetOp::Report { .. } => None,
    }
}

pub fn perform(ctx: &Ctx, viewer: &Viewer, op: NetOp) -> Option<NetResult> {
    let store = &ctx.store;
    let now = Utc::now();
    // The directory is for everyone who may read; the rest is one member's own.
    match op {
        NetOp::Search { seq, query } => {
            return Some(NetResult::Found(seq, store.network().search(&query).map_err(fault)));
        }
        NetOp::LoadCard(id) => return Some(NetResult::Card(id, store.network().card(id).map_err(fault))),
        _ => {}
    }
    let user = viewer.user()?;
    let messages = store.messages();
    Some(match op {
        NetOp::Search { .. } | NetOp::LoadCard(_) => return None,
        NetOp::LoadOwn => NetResult::Own(store.network().own(user).map_err(fault)),
        NetOp::Update(field) => NetResult::Updated(store.network().update(user, field, now)),
        NetOp::LoadConversations => NetResult::Conversations(messages.conversations(user).map_err(fault)),
        NetOp::LoadThread(other) => {
            if let Err(e) = messages.mark_read(user, other, now) {
                fault(e);
            }
            NetResult::Thread(other, messages.thread(user, other).map_err(fault))
        }
        NetOp::Send { to, body } => NetResult::Sent(messages.send(user, to, &body, &ctx.policy, now)),
        NetOp::Block(other, block) => {
            NetResult::Blocked(block, messages.set_blocked(user, other, block, now).map_err(fault))
        }
        NetOp::Report { message, reason } => {
            NetResult::Reported(messages.report(user, message, &reason, now).inspect_err(|e| {
                if let ReportError::Store(e) = e {
                    tracing::error!("store: a report could not be saved: {e}");
                }
            }))
        }
        NetOp::CheckInbox => match messages.inbox(user) {
            Ok(inbox) => NetResult::Inbox(inbox),
            Err(e) => {
                fault(e);
                return None;
            }
        },
    })
}
