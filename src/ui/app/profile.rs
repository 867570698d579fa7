//! The member's profile: handle, keys, town, presentation, and linking another key.

use super::modal::{Modal, Prompt, PromptKind};
use super::{App, Loading, View};
use crate::domain::Identity;
use crate::domain::member::{LinkError, Profile};
use crate::ui::event::{Effect, Key};

impl App {
    pub(super) fn open_profile(&mut self) -> Vec<Effect> {
        if self.identity.is_guest() {
            self.modal = Some(Modal::NeedKey);
            return Vec::new();
        }
        self.back = self.view;
        self.view = View::Profile;
        self.profile = Loading::Loading;
        vec![Effect::LoadProfile]
    }

    pub(super) fn profile_key(&mut self, key: Key) -> Vec<Effect> {
        let field = |p: &Loading<Profile>, f: fn(&Profile) -> Option<String>| match p {
            Loading::Ready(p) => f(p).unwrap_or_default(),
            _ => String::new(),
        };
        if key == Key::Char('t') {
            let town = field(&self.profile, |p| p.town.clone());
            self.spaces.completions.clear();
            self.spaces.completions_for.clear();
            self.modal = Some(Modal::Prompt(Prompt::new(PromptKind::Town, &town)));
            return self.near_typed(&town);
        }
        let prompt = match key {
            Key::Char('h') => {
                Prompt::new(PromptKind::Handle(None), &field(&self.profile, |p| p.handle.clone()))
            }
            Key::Char('b') => Prompt::new(PromptKind::Bio, &field(&self.profile, |p| p.bio.clone())),
            Key::Char('K') => Prompt::new(PromptKind::LinkCode, ""),
            Key::Char('k') => return vec![Effect::CreateLinkCode],
            Key::Esc | Key::Char('q') | Key::Left => {
                self.view = self.back;
                return Vec::new();
            }
            _ => return Vec::new(),
        };
        self.modal = Some(Modal::Prompt(prompt));
        Vec::new()
    }

    pub(super) fn profile_loaded(&mut self, result: Result<Profile, String>) -> Vec<Effect> {
        match result {
            Ok(profile) => {
                if let Identity::Member { handle, .. } = &mut self.identity {
                    handle.clone_from(&profile.handle);
                }
                self.profile = Loading::Ready(profile);
            }
            Err(_) => self.profile = Loading::Failed,
        }
        Vec::new()
    }

    pub(super) fn profile_saved(&mut self, result: Result<(), String>) -> Vec<Effect> {
        self.notice = Some(match result {
            Ok(()) => self.lang.p().saved.to_string(),
            Err(_) => self.lang.handle_error(&crate::domain::member::HandleError::Store(String::new())),
        });
        vec![Effect::LoadProfile]
    }

    pub(super) fn link_code_created(&mut self, result: Result<String, String>) -> Vec<Effect> {
        match result {
            Ok(code) => self.link_code = Some(code),
            Err(_) => {
                self.notice =
                    Some(self.lang.handle_error(&crate::domain::member::HandleError::Store(String::new())));
            }
        }
        Vec::new()
    }

    pub(super) fn link_redeemed(&mut self, result: Result<i64, LinkError>) -> Vec<Effect> {
        match result {
            Ok(user) => {
                self.modal = None;
                if let Identity::Member { user_id, .. } = &mut self.identity {
                    *user_id = user;
                }
                self.notice = Some(self.lang.p().linked.to_string());
                vec![Effect::LoadProfile, Effect::LoadArticles]
            }
            Err(e) => {
                if let Some(Modal::Prompt(prompt)) = &mut self.modal {
                    prompt.error = Some(self.lang.link_error(&e));
                } else {
                    self.notice = Some(self.lang.link_error(&e));
                }
                Vec::new()
            }
        }
    }
}
