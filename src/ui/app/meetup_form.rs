//! The form a meetup is proposed with (the console creates the association's own with it):
//! its fields, the space searched in the directory as one types, dates read as people write
//! them, and the store's refusals said on the field they concern.

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Europe::Paris;

use super::form::{Field, FieldKind, Form, Offer, Purpose, Step};
use super::modal::{Confirm, Modal};
use super::{AdminOp, AgendaOp, App, SpacesOp};
use crate::domain::event::{EventError, ProposalError, ProposalFields, proposal_from};
use crate::domain::moment::{MomentError, parse_moment};
use crate::domain::space::Commune;
use crate::domain::spaces_query::SpaceHit;
use crate::text::clean_line;
use crate::ui::event::{Effect, Key};

/// How many spaces the space field offers at most.
pub const OFFERS_MAX: usize = 6;

/// The fields in the order they are filled; the places last, so that Enter there sends
/// (Enter in the description starts a new line).
fn meetup_fields() -> Vec<Field> {
    use FieldKind::{Line, Moment, Pick, Text};
    [
        ("title", Line),
        ("start", Moment),
        ("end", Moment),
        ("space", Pick),
        ("address", Line),
        ("commune", Pick),
        ("description", Text),
        ("capacity", Line),
    ]
    .into_iter()
    .map(|(key, kind)| Field::new(key, kind, ""))
    .collect()
}

/// What a date field of the form says, as understood from `now`: `None` while it is empty.
/// The end's hour alone is on the start's day.
pub fn understood(form: &Form, key: &str, now: DateTime<Utc>) -> Option<Result<NaiveDateTime, MomentError>> {
    let text = form.value(key);
    if text.trim().is_empty() {
        return None;
    }
    let local = now.with_timezone(&Paris).naive_local();
    let day_of = match key {
        "end" => parse_moment(&form.value("start"), local, None).ok().map(|s| s.date()),
        _ => None,
    };
    Some(parse_moment(&text, local, day_of))
}

impl App {
    /// The empty meetup form.
    pub(super) fn open_meetup_form(&mut self) {
        self.modal = Some(Modal::Form(Form::new(Purpose::Meetup, meetup_fields())));
    }

    /// A key in a form: the form edits, the purpose says what an edit or a send means.
    pub(super) fn form_key(&mut self, mut form: Form, key: Key) -> (Option<Modal>, Vec<Effect>) {
        if form.sending {
            return (Some(Modal::Form(form)), Vec::new());
        }
        let step = form.key(key);
        self.form_step(form, step)
    }

    pub(super) fn form_paste(&mut self, mut form: Form, text: &str) -> (Option<Modal>, Vec<Effect>) {
        let step = form.paste(text);
        self.form_step(form, step)
    }

    fn form_step(&mut self, mut form: Form, step: Step) -> (Option<Modal>, Vec<Effect>) {
        match step {
            Step::Close => (None, Vec::new()),
            Step::AskDiscard => {
                let question = self.lang.c().discard_question;
                (Some(Confirm::discard_modal(question, Modal::Form(form))), Vec::new())
            }
            Step::Send => match form.purpose {
                Purpose::Meetup => self.meetup_sent(form),
                Purpose::Space(id) => self.space_form_sent(id, form),
            },
            Step::Edited(i) if form.fields.get(i).is_some_and(|f| f.kind == FieldKind::Pick) => {
                let words = form.fields[i].text().trim().to_string();
                form.offers.clear();
                form.offer = 0;
                form.searched = false;
                if words.is_empty() {
                    form.offers_for = None;
                    return (Some(Modal::Form(form)), Vec::new());
                }
                form.offers_for = Some(words.clone());
                let ask = if form.fields[i].key == "commune" {
                    SpacesOp::CompleteCommune(words)
                } else {
                    SpacesOp::Suggest(words)
                };
                (Some(Modal::Form(form)), vec![ask.into()])
            }
            Step::Edited(_) | Step::Picked | Step::Nothing => (Some(Modal::Form(form)), Vec::new()),
        }
    }

    /// Spaces found for the words of the space field: offered if still the words typed.
    pub(super) fn spaces_suggested(&mut self, words: &str, hits: &[SpaceHit]) {
        let Some(Modal::Form(form)) = &mut self.modal else { return };
        if form.offers_for.as_deref() != Some(words) {
            return;
        }
        form.offers = hits
            .iter()
            .take(OFFERS_MAX)
            .map(|h| Offer {
                id: h.space.id,
                name: clean_line(&h.space.fields.name),
                detail: clean_line(&h.space.commune),
            })
            .collect();
        form.offer = 0;
        form.searched = true;
    }

    /// Communes found for what the commune field holds (a postcode offers every commune that
    /// shares it): offered if still what is typed. Taken, an offer writes the commune's name,
    /// which the store reads back first.
    pub(super) fn communes_offered(&mut self, prefix: &str, list: &[Commune]) {
        let Some(Modal::Form(form)) = &mut self.modal else { return };
        if form.offers_for.as_deref() != Some(prefix) || form.focused().is_none_or(|f| f.key != "commune") {
            return;
        }
        form.offers = list
            .iter()
            .take(OFFERS_MAX)
            // Not a space: no id (the ids of spaces start at 1).
            .map(|c| {
                // Offered for its INSEE code among the communes of a postcode: say why.
                let detail = if c.insee == prefix && !c.postcodes.iter().any(|p| p == prefix) {
                    self.lang.insee_code(&c.insee)
                } else {
                    c.postcodes.join(" ")
                };
                Offer { id: 0, name: clean_line(&c.name), detail }
            })
            .collect();
        form.offer = 0;
        form.searched = true;
    }

    /// Ctrl-S (or Enter on the last field): checked here (dates, fields), then by the store
    /// (the place). A refusal goes to its field, which takes the focus.
    fn meetup_sent(&mut self, mut form: Form) -> (Option<Modal>, Vec<Effect>) {
        let typed = form.value("space").trim().to_string();
        let space = match &form.picked {
            Some(offer) if offer.id > 0 && !typed.is_empty() => format!("#{}", offer.id),
            _ if !typed.is_empty() && !form.offers.is_empty() => {
                let why = self.lang.forms().pick_first.to_string();
                return self.form_refused_on(form, "space", why);
            }
            _ => typed,
        };
        let fields = ProposalFields {
            title: form.value("title"),
            start: form.value("start"),
            end: form.value("end"),
            space,
            address: form.value("address"),
            commune: form.value("commune"),
            capacity: form.value("capacity"),
            description: form.value("description"),
        };
        match proposal_from(&fields, self.now) {
            Ok(p) => {
                form.sending = true;
                form.error = None;
                let effect = if self.is_admin() {
                    Effect::Admin(AdminOp::CreateEvent(p))
                } else {
                    AgendaOp::ProposeEvent(p).into()
                };
                (Some(Modal::Form(form)), vec![effect])
            }
            Err(e) => self.proposal_refused(form, &e),
        }
    }

    fn proposal_refused(&mut self, form: Form, e: &ProposalError) -> (Option<Modal>, Vec<Effect>) {
        let why = self.lang.proposal_field_error(e);
        match e.field() {
            Some(key) => self.form_refused_on(form, key, why),
            None => {
                let mut form = form;
                form.error = Some(why);
                (Some(Modal::Form(form)), Vec::new())
            }
        }
    }

    fn form_refused_on(&mut self, mut form: Form, key: &str, why: String) -> (Option<Modal>, Vec<Effect>) {
        form.sending = false;
        form.focus_on(key);
        if let Some(field) = form.field_mut(key) {
            field.error = Some(why);
        }
        (Some(Modal::Form(form)), Vec::new())
    }

    /// The store's answer to a proposal sent from the form: the form closes, or says why on
    /// the field concerned; when the form was closed meanwhile, the status line says it.
    pub(super) fn meetup_refused(&mut self, e: &EventError) {
        match self.modal.take() {
            Some(Modal::Form(mut form)) => {
                form.sending = false;
                let (next, _) = match e {
                    EventError::Invalid(p) => self.proposal_refused(form, p),
                    e => {
                        form.error = Some(self.lang.event_error(e));
                        (Some(Modal::Form(form)), Vec::new())
                    }
                };
                self.modal = next;
            }
            other => {
                self.modal = other;
                self.notice = Some(self.lang.event_error(e));
            }
        }
    }
}
