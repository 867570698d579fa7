//! The member's account and its door: handle, keys, commune, presentation, language, linking
//! another key, the state of the account and what happened since the last visit. The commune
//! and the presentation are those of the member's one profile, which « Réseau » edits too.

use chrono::{DateTime, Utc};

use super::modal::{Modal, Prompt, PromptKind};
use super::{App, Loading, View};
use crate::domain::catchup::CatchUp;
use crate::domain::keys::KeyError;
use crate::domain::member::HandleError;
use crate::domain::member::{CharsetChoice, LinkError, Profile};
use crate::domain::{Fault, Identity};
use crate::i18n::Lang;
use crate::ui::event::{Effect, Key};

#[derive(Debug, Clone, PartialEq)]
pub enum ProfileOp {
    /// The member's account as it is now (handle, role, suspension).
    LoadMember,
    LoadProfile,
    LoadCatchUp(DateTime<Utc>),
    SaveLang(Lang),
    /// Whether every next session of the member opens in line mode.
    SaveLineMode(bool),
    /// The characters every next session of the member is sent.
    SaveCharset(CharsetChoice),
    SetHandle(String),
    /// The commune of the member's profile, by INSEE code; `None` clears it.
    SetCommune(Option<String>),
    /// The presentation of the member's profile (the same as in « Réseau »).
    SetPresentation(String),
    CreateLinkCode,
    RedeemLinkCode(String),
    /// Removes one of the member's keys (not the one of this session).
    RemoveKey(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum ProfileResult {
    /// The member's account as it is now: set at the start and again when the data changed
    /// (a handle chosen from another connection, a role given, a suspension).
    Member {
        handle: Option<String>,
        moderator: bool,
        banned: bool,
    },
    Profile(Result<Profile, Fault>),
    CatchUp(Box<CatchUp>),
    HandleSet(Result<String, HandleError>),
    /// A profile field was saved (or not); the profile reloads either way.
    Saved(Result<(), Fault>),
    LinkCode(Result<String, Fault>),
    /// This session's key joined the account of the given member.
    LinkRedeemed(Result<i64, LinkError>),
    /// The fingerprint of the key removed, or why not.
    KeyRemoved(Result<String, KeyError>),
    /// The key this session came in with was removed (from another session): it ends.
    KeyGone,
}

impl From<ProfileOp> for Effect {
    fn from(op: ProfileOp) -> Effect {
        Effect::Profile(op)
    }
}

impl App {
    pub(super) fn open_profile(&mut self) -> Vec<Effect> {
        if self.identity.is_guest() {
            self.modal = Some(Modal::NeedKey);
            return Vec::new();
        }
        self.back = self.view;
        self.view = View::Profile;
        self.profile = Loading::Loading;
        vec![ProfileOp::LoadProfile.into()]
    }

    pub(super) fn profile_key(&mut self, key: Key) -> Vec<Effect> {
        if let Some(effects) = self.profile_keys_key(key) {
            return effects;
        }
        let field = |p: &Loading<Profile>, f: fn(&Profile) -> Option<String>| match p {
            Loading::Ready(p) => f(p).unwrap_or_default(),
            _ => String::new(),
        };
        if key == Key::Char('l') {
            return self.toggle_line_mode();
        }
        if key == Key::Char('c') {
            return self.next_charset();
        }
        if key == Key::Char('t') {
            let town = field(&self.profile, |p| p.commune.clone());
            self.spaces.completions.clear();
            self.spaces.completions_for.clear();
            self.modal = Some(Modal::Prompt(Prompt::new(PromptKind::Town, &town)));
            return self.near_typed(&town);
        }
        let prompt = match key {
            Key::Char('h') => {
                Prompt::new(PromptKind::Handle(None), &field(&self.profile, |p| p.handle.clone()))
            }
            Key::Char('b') => {
                Prompt::new(PromptKind::Bio, &field(&self.profile, |p| Some(p.presentation.clone())))
            }
            Key::Char('K') => Prompt::new(PromptKind::LinkCode, ""),
            Key::Char('k') => return vec![ProfileOp::CreateLinkCode.into()],
            Key::Esc | Key::Char('q') | Key::Left => {
                self.view = self.back;
                return Vec::new();
            }
            _ => return Vec::new(),
        };
        self.modal = Some(Modal::Prompt(prompt));
        Vec::new()
    }

    pub(super) fn profile_loaded(&mut self, result: Result<Profile, Fault>) -> Vec<Effect> {
        match result {
            Ok(profile) => {
                if let Identity::Member { handle, .. } = &mut self.identity {
                    handle.clone_from(&profile.handle);
                }
                self.profile = Loading::Ready(profile);
                self.keys_reloaded();
            }
            Err(fault) => self.profile = Loading::Failed(fault),
        }
        Vec::new()
    }

    /// `l`: line mode at every next connection, or no more; this session stays as it is.
    fn toggle_line_mode(&mut self) -> Vec<Effect> {
        let Loading::Ready(profile) = &mut self.profile else { return Vec::new() };
        profile.line_mode = !profile.line_mode;
        let on = profile.line_mode;
        vec![ProfileOp::SaveLineMode(on).into()]
    }

    /// The characters the member chose, when their profile is loaded: the session's
    /// terminal is sent them from the next frame on.
    pub fn charset_choice(&self) -> Option<CharsetChoice> {
        match &self.profile {
            Loading::Ready(p) => Some(p.charset),
            _ => None,
        }
    }

    /// `c`: the next of automatic, UTF-8, Latin-1, ASCII, at once and for every next
    /// connection.
    fn next_charset(&mut self) -> Vec<Effect> {
        let Loading::Ready(profile) = &mut self.profile else { return Vec::new() };
        profile.charset = profile.charset.next();
        vec![ProfileOp::SaveCharset(profile.charset).into()]
    }

    pub(super) fn profile_saved(&mut self, result: Result<(), Fault>) -> Vec<Effect> {
        self.notice = Some(match result {
            Ok(()) => self.lang.p().saved.to_string(),
            Err(_) => self.lang.handle_error(&HandleError::Store(String::new())),
        });
        vec![ProfileOp::LoadProfile.into()]
    }

    pub(super) fn link_code_created(&mut self, result: Result<String, Fault>) -> Vec<Effect> {
        match result {
            Ok(code) => self.link_code = Some(code),
            Err(_) => self.notice = Some(self.lang.handle_error(&HandleError::Store(String::new()))),
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
                vec![ProfileOp::LoadProfile.into(), super::BulletinOp::LoadArticles.into()]
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

impl App {
    /// Where each answer of the account's door goes.
    pub(super) fn profile_result(&mut self, result: ProfileResult) -> Vec<Effect> {
        match result {
            ProfileResult::Member { handle, moderator, banned } => {
                self.member_loaded(handle, moderator, banned)
            }
            ProfileResult::Profile(result) => self.profile_loaded(result),
            ProfileResult::CatchUp(c) => {
                self.catch_up_loaded(*c);
                Vec::new()
            }
            ProfileResult::HandleSet(result) => self.handle_set(result),
            ProfileResult::Saved(result) => self.profile_saved(result),
            ProfileResult::LinkCode(result) => self.link_code_created(result),
            ProfileResult::LinkRedeemed(result) => self.link_redeemed(result),
            ProfileResult::KeyRemoved(result) => self.key_removed(result),
            ProfileResult::KeyGone => self.key_gone(),
        }
    }

    fn member_loaded(&mut self, handle: Option<String>, moderator: bool, banned: bool) -> Vec<Effect> {
        if banned {
            self.farewell = Some(self.lang.suspended().to_string());
            self.quit();
            return Vec::new();
        }
        if let Identity::Member { handle: h, .. } = &mut self.identity
            && handle.is_some()
        {
            *h = handle;
        }
        let became = moderator && !self.moderator;
        self.moderator = moderator;
        // Moderators see what waits and what was hidden: reload with their eyes.
        match (became, self.view, self.reader.article_id()) {
            (true, View::Reader, Some(id)) => vec![super::BulletinOp::LoadComments(id).into()],
            _ => Vec::new(),
        }
    }
}
