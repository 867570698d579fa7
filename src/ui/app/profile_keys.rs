//! The profile's list of the member's SSH keys: choosing one with ↑↓ and removing it with
//! `d` after a question. The key of this session and a last key are refused here already,
//! with the reason, so that the question is only asked when the answer can be yes; the
//! store checks both again (another session may have removed a key meanwhile).

use super::modal::Confirm;
use super::{App, Loading, ProfileOp};
use crate::domain::keys::KeyError;
use crate::domain::member::KeyInfo;
use crate::ui::event::{Effect, Key};

impl App {
    /// The member's keys, when the profile is loaded.
    pub fn profile_keys(&self) -> &[KeyInfo] {
        match &self.profile {
            Loading::Ready(p) => &p.keys,
            _ => &[],
        }
    }

    /// A key of the list, or `None` when the key is not the list's.
    pub(super) fn profile_keys_key(&mut self, key: Key) -> Option<Vec<Effect>> {
        let count = self.profile_keys().len();
        match key {
            Key::Up => self.key_cursor = self.key_cursor.saturating_sub(1),
            Key::Down => self.key_cursor = (self.key_cursor + 1).min(count.saturating_sub(1)),
            Key::Char('d') | Key::Delete => self.ask_remove_key(),
            _ => return None,
        }
        Some(Vec::new())
    }

    fn ask_remove_key(&mut self) {
        let keys = self.profile_keys();
        let Some(chosen) = keys.get(self.key_cursor.min(keys.len().saturating_sub(1))) else {
            return;
        };
        let refusal = if keys.len() == 1 {
            Some(KeyError::Last)
        } else if self.identity.fingerprint() == Some(chosen.fingerprint.as_str()) {
            Some(KeyError::InUse)
        } else {
            None
        };
        let fingerprint = chosen.fingerprint.clone();
        match refusal {
            Some(e) => self.notice = Some(self.lang.key_error(&e, &self.public_address)),
            None => {
                let question = self.lang.remove_key_question(&crate::text::clean_line(&fingerprint));
                self.modal = Some(Confirm::ask(question, vec![ProfileOp::RemoveKey(fingerprint).into()]));
            }
        }
    }

    /// The store's answer to a removal: said in the status line, the list read again.
    pub(super) fn key_removed(&mut self, result: Result<String, KeyError>) -> Vec<Effect> {
        self.notice = Some(match result {
            // The fingerprint was in the question just answered; the status line is short.
            Ok(_) => self.lang.k().removed.to_string(),
            Err(e) => self.lang.key_error(&e, &self.public_address),
        });
        vec![ProfileOp::LoadProfile.into()]
    }

    /// The key of this session no longer opens the account: the session ends, and says why
    /// once the member's terminal is back.
    pub(super) fn key_gone(&mut self) -> Vec<Effect> {
        self.farewell = Some(self.lang.k().key_gone.to_string());
        self.quit()
    }

    /// The cursor stays on the list when it shrinks.
    pub(super) fn keys_reloaded(&mut self) {
        self.key_cursor = self.key_cursor.min(self.profile_keys().len().saturating_sub(1));
    }
}
