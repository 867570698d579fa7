//! Private messages in line mode: the conversations, numbered; one conversation, oldest
//! first; writing in it. A message that arrives is said in one line wherever one is.

use super::{Ask, Line, Place};
use crate::domain::comment::PostError;
use crate::domain::network::{Conversation, Inbox, MemberCard, MemberQuery, Message, Thread};
use crate::text::{clean_line, clean_text};
use crate::ui::event::Effect;
use crate::ui::{NetOp, NetResult};

#[derive(Debug, Default)]
pub struct State {
    conversations: Vec<Conversation>,
    open: Option<Thread>,
    /// The newest message of the open conversation shown.
    known: i64,
    wanted: bool,
    /// The text being sent, given back if the server refuses it.
    pub(super) sending: Option<Vec<String>>,
    /// The members' directory (those who published their profile), to write to one.
    members: Vec<MemberCard>,
    seq: u64,
}

impl Line {
    pub(super) fn open_messages(&mut self) -> Vec<Effect> {
        if !self.may_write() {
            return Vec::new();
        }
        self.place = Place::Messages;
        self.messages.open = None;
        self.messages.wanted = true;
        self.wait();
        vec![NetOp::LoadConversations.into()]
    }

    pub(super) fn messages_command(&mut self, word: &str) -> Option<Vec<Effect>> {
        if self.place == Place::Messages {
            let (verb, rest) = word.split_once(' ').map_or((word, ""), |(v, r)| (v, r.trim()));
            match verb {
                "l" | "liste" | "list" => {
                    self.print_conversations();
                    return Some(Vec::new());
                }
                "membres" | "members" | "annuaire" | "directory" => {
                    self.messages.seq += 1;
                    self.wait();
                    let query = MemberQuery::default();
                    return Some(vec![NetOp::Search { seq: self.messages.seq, query }.into()]);
                }
                "e" | "ecrire" | "write" if !rest.is_empty() => {
                    let i = self.chosen(rest, self.messages.members.len())?;
                    let card = self.messages.members.get(i)?;
                    self.out.line(&self.lang.message_to(&clean_line(&card.handle)));
                    self.start_writing(Ask::Message { to: card.user_id, lines: Vec::new() });
                    return Some(Vec::new());
                }
                _ => {}
            }
            let i = self.chosen(word, self.messages.conversations.len())?;
            let other = self.messages.conversations.get(i)?.other_id;
            self.place = Place::Conversation;
            self.messages.wanted = true;
            self.wait();
            return Some(vec![NetOp::LoadThread(other).into()]);
        }
        let to = self.messages.open.as_ref()?.other_id;
        match word {
            "e" | "ecrire" | "write" | "repondre" | "reply" | "r" => {
                self.start_writing(Ask::Message { to, lines: Vec::new() });
                Some(Vec::new())
            }
            "l" | "lire" | "read" => {
                self.print_thread(0);
                Some(Vec::new())
            }
            _ => None,
        }
    }

    pub(super) fn messages_refresh(&mut self) -> Vec<Effect> {
        self.messages.open.as_ref().map(|t| NetOp::LoadThread(t.other_id).into()).into_iter().collect()
    }

    pub(super) fn network_result(&mut self, result: NetResult) -> Vec<Effect> {
        match result {
            NetResult::Conversations(result) => {
                let wanted = std::mem::take(&mut self.messages.wanted);
                match result {
                    Ok(list) => self.messages.conversations = list,
                    Err(fault) => self.out.line(self.lang.fault(fault)),
                }
                if wanted {
                    self.ready();
                    self.print_conversations();
                }
            }
            NetResult::Thread(other, result) if self.place == Place::Conversation => {
                let wanted = std::mem::take(&mut self.messages.wanted);
                match result {
                    Ok(thread) if thread.other_id == other => {
                        let from = if wanted { 0 } else { self.messages.known };
                        self.messages.open = Some(thread);
                        self.print_thread(from);
                    }
                    Ok(_) => {}
                    Err(fault) => self.out.line(self.lang.fault(fault)),
                }
                if wanted {
                    self.ready();
                }
            }
            NetResult::Found(seq, result) if seq == self.messages.seq => {
                self.ready();
                match result {
                    Ok(cards) => {
                        self.messages.members = cards;
                        self.print_members();
                    }
                    Err(fault) => self.out.line(self.lang.fault(fault)),
                }
            }
            NetResult::Sent(result) => self.message_sent(result),
            NetResult::Inbox(inbox) => self.inbox(inbox),
            _ => {}
        }
        Vec::new()
    }

    fn message_sent(&mut self, result: Result<Message, PostError>) {
        self.ready();
        let lines = self.messages.sending.take();
        match result {
            Ok(m) => {
                self.out.line(self.lang.l().sent);
                self.messages.known = self.messages.known.max(m.id);
            }
            Err(e) => {
                self.out.line(&self.lang.message_error(&e));
                if let (Some(lines), Some(t)) = (lines, &self.messages.open) {
                    self.ask = Some(Ask::Message { to: t.other_id, lines });
                }
            }
        }
    }

    /// A new unread message: said once, in one line; what is waiting when the session
    /// opens is said too, as a BBS greets with « new mail » — and a message that lands
    /// before the first look is then never passed over in silence.
    fn inbox(&mut self, inbox: Inbox) {
        let latest = inbox.latest.as_ref().map(|(id, _)| *id);
        let before = std::mem::replace(&mut self.inbox_latest, latest);
        if let Some((id, from)) = &inbox.latest
            && before.is_none_or(|b| *id > b)
            && self.place != Place::Conversation
        {
            self.out.line(&self.lang.line_new_message(from));
        }
    }

    fn print_conversations(&mut self) {
        if self.messages.conversations.is_empty() {
            self.out.line(self.lang.l().no_conversations);
            return;
        }
        let lang = self.lang;
        let lines = self
            .messages
            .conversations
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let unread =
                    if c.unread > 0 { format!(", {}", lang.line_unread(c.unread)) } else { String::new() };
                let when = lang.relative(c.last_at, self.now);
                format!(
                    "{}. {}{unread}, {when}{} {}",
                    i + 1,
                    clean_line(&c.other),
                    lang.line_colon(),
                    clean_line(&c.last_body)
                )
            })
            .collect();
        self.out.page(lines);
    }

    fn print_members(&mut self) {
        let lines = self
            .messages
            .members
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut parts = vec![clean_line(&c.handle)];
                parts.extend(c.commune.as_deref().map(clean_line));
                if !c.skills.is_empty() {
                    parts.push(c.skills.iter().map(|s| clean_line(s)).collect::<Vec<_>>().join(", "));
                }
                format!("{}. {}", i + 1, parts.join(", "))
            })
            .collect();
        self.out.page(lines);
        self.out.line(self.lang.l().write_to_member);
    }

    /// The conversation's messages after `from` (all of them from 0).
    fn print_thread(&mut self, from: i64) {
        let Some(thread) = &self.messages.open else { return };
        let lang = self.lang;
        let mut lines = Vec::new();
        if from == 0 && thread.messages.is_empty() {
            lines.push(lang.l().no_messages.to_string());
        }
        for m in thread.messages.iter().filter(|m| m.id > from) {
            let when = lang.relative(m.created_at, self.now);
            lines.push(format!("{}, {when}{}", clean_line(&m.sender), lang.line_colon()));
            lines.extend(clean_text(&m.body).split('\n').map(str::to_string));
        }
        self.messages.known = thread.messages.iter().map(|m| m.id).max().unwrap_or(0).max(from);
        if from == 0 {
            lines.push(lang.l().help_conversation.to_string());
            self.out.page(lines);
        } else {
            for line in lines {
                self.out.line(&line);
            }
        }
    }
}
