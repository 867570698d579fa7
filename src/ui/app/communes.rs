//! Choosing a commune (the « près de » filter, the profile's town) and a moment (« ouvert
//! le ») in a prompt: offers as the person types, and what Enter decides.

use chrono::NaiveDateTime;

use super::modal::{Modal, Prompt, PromptKind};
use super::spaces::Chosen;
use super::when::parse_when;
use super::{App, ProfileOp, SpacesOp};
use crate::domain::space::Commune;
use crate::domain::spaces_query::{OpenAt, SpaceSort};
use crate::ui::event::Effect;

impl App {
    /// The « près de » and town prompts offer communes as the person types.
    pub(super) fn near_typed(&mut self, text: &str) -> Vec<Effect> {
        if text.trim().is_empty() {
            self.spaces.completions.clear();
            self.spaces.completions_for.clear();
            return Vec::new();
        }
        vec![SpacesOp::CompleteCommune(text.trim().to_string()).into()]
    }

    /// Offers for what the prompt holds now; an Enter that waited for them is answered.
    pub(super) fn communes_completed(&mut self, prefix: &str, list: Vec<Commune>) -> Vec<Effect> {
        if matches!(self.modal, Some(Modal::Form(_))) {
            self.communes_offered(prefix, &list);
            return Vec::new();
        }
        let Some(Modal::Prompt(mut prompt)) = self.modal.take() else {
            return Vec::new();
        };
        if !prompt.kind.completes() || prompt.input.lines().join("").trim() != prefix {
            self.modal = Some(Modal::Prompt(prompt));
            return Vec::new();
        }
        self.spaces.completions = list;
        self.spaces.completions_for = prefix.to_string();
        self.spaces.offer = 0;
        if !std::mem::take(&mut self.spaces.enter_pending) {
            self.modal = Some(Modal::Prompt(prompt));
            return Vec::new();
        }
        let outcome = if prompt.kind == PromptKind::Town {
            self.choose_town(&mut prompt)
        } else {
            self.choose_near(&mut prompt)
        };
        self.settle(prompt, outcome)
    }

    /// Applies what an Enter decided to the prompt: closed, or kept open.
    pub(super) fn settle(&mut self, prompt: Prompt, outcome: Chosen) -> Vec<Effect> {
        match outcome {
            Chosen::Close(effects) => effects,
            Chosen::Stay(effects) => {
                self.modal = Some(Modal::Prompt(prompt));
                effects
            }
        }
    }

    /// The town chosen by Enter: the first offer for exactly what was typed. When the offers
    /// answer older text (keys came faster than the answers), ask again and decide then.
    pub(super) fn chosen_commune(&mut self, prompt: &mut Prompt) -> Result<Commune, Chosen> {
        let text = prompt.input.lines().join("").trim().to_string();
        if self.spaces.completions_for != text {
            self.spaces.enter_pending = true;
            return Err(Chosen::Stay(vec![SpacesOp::CompleteCommune(text).into()]));
        }
        match self.spaces.completions.get(self.spaces.offer).or(self.spaces.completions.first()) {
            Some(commune) => Ok(commune.clone()),
            None => {
                prompt.error = Some(self.lang.d().unknown_commune.to_string());
                Err(Chosen::Stay(Vec::new()))
            }
        }
    }

    /// Enter in the « près de » prompt: the first town offered, or an error.
    pub(super) fn choose_near(&mut self, prompt: &mut Prompt) -> Chosen {
        if prompt.input.lines().join("").trim().is_empty() {
            self.spaces.query.near = None;
            self.spaces.query.within_km = None;
            if self.spaces.query.sort == SpaceSort::Distance {
                self.spaces.query.sort = SpaceSort::Relevance;
            }
            return Chosen::Close(self.search_spaces());
        }
        match self.chosen_commune(prompt) {
            Ok(commune) => {
                self.spaces.query.near = Some(commune);
                self.spaces.query.sort = SpaceSort::Distance;
                Chosen::Close(self.search_spaces())
            }
            Err(wait) => wait,
        }
    }

    /// Enter in the profile's town prompt: a commune of the two départements, or nothing.
    pub(super) fn choose_town(&mut self, prompt: &mut Prompt) -> Chosen {
        if prompt.input.lines().join("").trim().is_empty() {
            return Chosen::Close(vec![ProfileOp::SetCommune(None).into()]);
        }
        match self.chosen_commune(prompt) {
            Ok(commune) => Chosen::Close(vec![ProfileOp::SetCommune(Some(commune.insee)).into()]),
            Err(wait) => wait,
        }
    }

    /// Enter in the « ouvert le » prompt.
    pub(super) fn choose_when(&mut self, prompt: &mut Prompt, now: NaiveDateTime) -> Chosen {
        let text = prompt.input.lines().join("");
        if text.trim().is_empty() {
            self.spaces.query.open = None;
            return Chosen::Close(self.search_spaces());
        }
        match parse_when(&text, now) {
            Ok(at) => {
                self.spaces.query.open = Some(OpenAt::At(at));
                Chosen::Close(self.search_spaces())
            }
            Err(e) => {
                prompt.error = Some(self.lang.moment_error(&e));
                Chosen::Stay(Vec::new())
            }
        }
    }
}
