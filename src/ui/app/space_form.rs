//! The console's space as a form: one field per column of its record, the description last
//! on several lines. The record's text is read into fields and written back the same way,
//! so that the store checks it exactly as before (the same rules as an import) and still
//! refuses to write over a change made meanwhile.

use super::App;
use super::admin::{AdminError, AdminOp, Doc};
use super::form::{Field, FieldKind, Form, Purpose};
use super::modal::Modal;
use crate::domain::console::Refusal;
use crate::ui::event::Effect;

/// The fields of a record's text: `field: value` lines (`#` lines are its help, which the
/// form says beside each field), then `description:` and the rest of the text.
pub fn record_fields(text: &str) -> Vec<Field> {
    let mut fields = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else { continue };
        let key = key.trim();
        if key == "description" {
            let mut rest = value.trim().to_string();
            for more in lines.by_ref() {
                rest.push('\n');
                rest.push_str(more);
            }
            fields.push(Field::new(key, FieldKind::Text, rest.trim()));
            break;
        }
        fields.push(Field::new(key, FieldKind::Line, value.trim()));
    }
    fields
}

/// The record's text the form stands for, as the store reads it.
pub fn record_text(form: &Form) -> String {
    let mut out = String::new();
    for field in &form.fields {
        if field.kind == FieldKind::Text {
            out.push_str(&format!("{}:\n{}\n", field.key, field.text().trim()));
        } else {
            out.push_str(&format!("{}: {}\n", field.key, field.text().trim()));
        }
    }
    out
}

impl App {
    /// A space opens in its form; `error`: why the admin's own editor's text was refused.
    pub(super) fn open_space_form(&mut self, id: Option<i64>, text: &str, error: Option<String>) {
        let mut form = Form::new(Purpose::Space(id), record_fields(text));
        form.error = error;
        self.modal = Some(Modal::Form(form));
    }

    /// Ctrl-S on a space's form: nothing to write when nothing changed, else the record to
    /// the store, which checks it whole.
    pub(super) fn space_form_sent(
        &mut self,
        id: Option<i64>,
        mut form: Form,
    ) -> (Option<Modal>, Vec<Effect>) {
        let doc = Doc::Space(id);
        if !form.changed() {
            self.notice = Some(self.lang.nothing_saved(doc).to_string());
            return (None, Vec::new());
        }
        let base = self.admin.as_ref().map(|a| a.base.clone()).unwrap_or_default();
        form.sending = true;
        form.error = None;
        let text = record_text(&form);
        (Some(Modal::Form(form)), vec![Effect::Admin(AdminOp::SaveSpace(id, text, base))])
    }

    /// The store refused a space's form: said on the field the rule is about when there is
    /// one, else under the form. Changed meanwhile: the next Ctrl-S writes over it.
    pub(super) fn space_form_refused(&mut self, error: &AdminError, current: Option<String>) {
        let Some(Modal::Form(form)) = &mut self.modal else { return };
        form.sending = false;
        if let Some(current) = current {
            form.error = Some(self.lang.space_changed_meanwhile().to_string());
            if let Some(admin) = &mut self.admin {
                admin.base = current;
            }
            return;
        }
        let message = self.lang.admin_error(error);
        let field = match error {
            AdminError::Refused(Refusal::Record(row)) => row.field(),
            _ => None,
        };
        match field.and_then(|key| form.fields.iter().position(|f| f.key == key)) {
            Some(i) => {
                form.focus_on(field.unwrap_or_default());
                form.fields[i].error = Some(message);
            }
            None => form.error = Some(message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_into_fields_and_back_without_its_help() {
        let text = "# help\nname: Le Quai\nkind: coworking\nlat: \ndescription: Un.\n\nDeux.\n";
        let form = Form::new(Purpose::Space(None), record_fields(text));
        let keys: Vec<&str> = form.fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["name", "kind", "lat", "description"]);
        assert_eq!(form.value("description"), "Un.\n\nDeux.");
        assert_eq!(record_text(&form), "name: Le Quai\nkind: coworking\nlat: \ndescription:\nUn.\n\nDeux.\n");
        assert!(!form.changed());
    }
}
