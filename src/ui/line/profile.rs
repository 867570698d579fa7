//! The member's profile in line mode: what it holds, and changing the handle, the
//! presentation, the language, and, for every next session, the line mode itself and the
//! characters their terminal is sent.

use super::{Ask, Line, Place};
use crate::domain::Identity;
use crate::domain::member::{CharsetChoice, HandleError};
use crate::text::clean_line;
use crate::ui::event::Effect;
use crate::ui::{ProfileOp, ProfileResult};

impl Line {
    pub(super) fn open_profile(&mut self) -> Vec<Effect> {
        if !self.may_write() {
            return Vec::new();
        }
        self.place = Place::Profile;
        self.profile = None;
        self.wait();
        vec![ProfileOp::LoadProfile.into()]
    }

    pub(super) fn profile_command(&mut self, word: &str) -> Option<Vec<Effect>> {
        let l = self.lang.l();
        match word {
            "1" | "pseudo" | "handle" => {
                self.out.line(l.handle_first.trim_end_matches([':', ' ', '\u{a0}']));
                self.ask = Some(Ask::Handle(None));
            }
            "2" | "presentation" | "bio" | "about" => {
                let now = self.profile.as_ref().map(|p| clean_line(&p.presentation)).unwrap_or_default();
                if !now.is_empty() {
                    self.out.line(&self.lang.line_field(self.lang.p().bio, &now));
                }
                self.ask = Some(Ask::Presentation);
            }
            "3" => return Some(self.switch_lang()),
            "4" | "mode ligne" | "line mode" => {
                let on = !self.profile.as_ref().is_some_and(|p| p.line_mode);
                self.wait();
                self.line_mode_asked = Some(on);
                return Some(vec![ProfileOp::SaveLineMode(on).into()]);
            }
            "5" | "caracteres" | "characters" | "charset" => {
                self.out.line(self.lang.cs().menu);
                self.ask = Some(Ask::Charset);
            }
            "l" | "lire" | "read" => self.print_profile(),
            _ => return None,
        }
        Some(Vec::new())
    }

    /// Answers of the account's door other than who the member is.
    pub(super) fn account_result(&mut self, result: ProfileResult) -> Vec<Effect> {
        match result {
            ProfileResult::Profile(Ok(profile)) => {
                let shown = self.profile.is_none() && self.place == Place::Profile;
                self.profile = Some(profile);
                if shown {
                    self.ready();
                    self.print_profile();
                }
            }
            ProfileResult::Profile(Err(fault)) => {
                self.ready();
                self.out.line(self.lang.fault(fault));
            }
            ProfileResult::HandleSet(result) => return self.handle_set(result),
            ProfileResult::Saved(result) => {
                self.ready();
                let charset = std::mem::take(&mut self.charset_asked);
                let said = match (result, self.line_mode_asked.take()) {
                    (Ok(()), Some(true)) => self.lang.l().line_on,
                    (Ok(()), Some(false)) => self.lang.l().line_off,
                    (Ok(()), None) if charset => self.lang.cs().saved,
                    (Ok(()), None) => self.lang.p().saved,
                    (Err(fault), _) => self.lang.fault(fault),
                };
                self.out.line(said);
                return vec![ProfileOp::LoadProfile.into()];
            }
            _ => self.ready(),
        }
        Vec::new()
    }

    /// The characters the member chose, when their profile is loaded.
    pub fn charset_choice(&self) -> Option<CharsetChoice> {
        self.profile.as_ref().map(|p| p.charset)
    }

    /// The number typed after the characters' menu; another is asked again (Ctrl-C leaves).
    pub(super) fn charset_answer(&mut self, text: &str) -> Vec<Effect> {
        let chosen =
            text.parse::<usize>().ok().and_then(|n| n.checked_sub(1)).and_then(|i| CharsetChoice::ALL.get(i));
        let Some(&choice) = chosen else {
            self.out.line(self.lang.l().no_such_number);
            self.out.line(self.lang.cs().menu);
            self.ask = Some(Ask::Charset);
            return Vec::new();
        };
        // Taken at once, as the full-screen app does: the store's answer is said in it.
        if let Some(p) = &mut self.profile {
            p.charset = choice;
        }
        self.out.line(&self.lang.line_field(self.lang.cs().label, self.lang.charset_name(choice)));
        self.wait();
        self.charset_asked = true;
        vec![ProfileOp::SaveCharset(choice).into()]
    }

    fn handle_set(&mut self, result: Result<String, HandleError>) -> Vec<Effect> {
        self.ready();
        let then = self.bulletin.after_handle.take();
        match result {
            Ok(handle) => {
                self.out.line(&self.lang.line_field(self.lang.p().handle, &clean_line(&handle)));
                if let Identity::Member { handle: h, .. } = &mut self.identity {
                    *h = Some(handle);
                }
                if let Some(then) = then {
                    self.start_writing(then);
                }
                if self.place == Place::Profile {
                    return vec![ProfileOp::LoadProfile.into()];
                }
            }
            Err(e) => {
                self.out.line(&self.lang.handle_error(&e));
                self.ask = Some(Ask::Handle(then.map(Box::new)));
            }
        }
        Vec::new()
    }

    fn print_profile(&mut self) {
        let Some(p) = self.profile.clone() else { return };
        let (lang, s, l) = (self.lang, self.lang.p(), self.lang.l());
        let value = |v: &Option<String>, empty: &str| {
            v.as_deref().map(clean_line).filter(|v| !v.is_empty()).unwrap_or_else(|| empty.to_string())
        };
        let lines = [
            lang.line_field(s.handle, &value(&p.handle, s.none)),
            lang.line_field(s.town, &value(&p.commune, s.unset)),
            lang.line_field(s.bio, &value(&Some(p.presentation.clone()), s.unset)),
            lang.line_field(s.language, lang.s().lang_name),
            lang.line_field(l.line_mode, if p.line_mode { l.yes } else { l.no }),
            lang.line_field(lang.cs().label, lang.charset_name(p.charset)),
            l.profile_menu.to_string(),
        ];
        self.out.page(lines.to_vec());
    }
}
