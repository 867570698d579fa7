//! What members read about their SSH keys (the profile's list, `keys`, `keys remove`) and
//! about passing an article on (the reader's `s`, the examples with the server's address).

use chrono::{DateTime, Utc};

use super::Lang;
use crate::domain::keys::KeyError;

/// The address the static help texts are written with; the server's own replaces it.
pub const EXAMPLE_SSH: &str = "ssh -p 2222 localhost";

pub struct KeyStrings {
    /// Beside the key of this session, on the profile.
    pub this_key: &'static str,
    /// Beside the key of this connection, in `keys`.
    pub this_connection: &'static str,
    /// Said in the status line once the key chosen is removed.
    pub removed: &'static str,
    /// Said when a session ends, or a command is refused, because its key was removed
    /// from another session.
    pub key_gone: &'static str,
    /// Under the keys, when one may be removed.
    pub keys_hint: &'static str,
    pub share_title: &'static str,
    pub share_read: &'static str,
    pub share_comments: &'static str,
    /// When no comment is chosen: how to get the anchor of one.
    pub share_pick: &'static str,
    pub share_keys: &'static [(&'static str, &'static str)],
}

pub static FR: KeyStrings = KeyStrings {
    this_key: "cette\u{a0}session",
    this_connection: "cette connexion",
    removed: "Clé retirée : elle n'ouvre plus votre compte.",
    key_gone: "La clé de cette session a été retirée de votre compte depuis une autre : elle ne l'ouvre plus.",
    keys_hint: "↑↓ choisir une clé, d la retirer (perdue, volée).",
    share_title: "Partager cet article",
    share_read: "Pour le lire :",
    share_comments: "Ses commentaires, chacun avec son numéro (#N) :",
    share_pick: "Tab puis ↑↓ : choisissez un commentaire pour avoir son numéro.",
    share_keys: &[("Entrée", "fermer")],
};

pub static EN: KeyStrings = KeyStrings {
    this_key: "this\u{a0}session",
    this_connection: "this connection",
    removed: "Key removed: it no longer opens your account.",
    key_gone: "The key of this session was removed from your account from another one: it no longer opens it.",
    keys_hint: "↑↓ choose a key, d remove it (lost, stolen).",
    share_title: "Share this article",
    share_read: "To read it:",
    share_comments: "Its comments, each with its number (#N):",
    share_pick: "Tab then ↑↓: choose a comment to get its number.",
    share_keys: &[("Enter", "close")],
};

impl Lang {
    pub fn k(self) -> &'static KeyStrings {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }

    /// The help of the commands without a pty, its examples with `address`.
    pub fn commands_help(self, address: &str) -> String {
        self.s().commands_help.replace(EXAMPLE_SSH, &format!("ssh {address}"))
    }

    /// When a key was added and last used, for the profile and `keys`.
    pub fn key_dates(self, added: DateTime<Utc>, used: Option<DateTime<Utc>>) -> String {
        let added = self.short_date(added);
        match (self, used) {
            (Lang::Fr, Some(u)) => format!("ajoutée le {added}, utilisée le {}", self.short_date(u)),
            (Lang::Fr, None) => format!("ajoutée le {added}, dernier usage inconnu"),
            (Lang::En, Some(u)) => format!("added {added}, last used {}", self.short_date(u)),
            (Lang::En, None) => format!("added {added}, last use unknown"),
        }
    }

    /// Asked before a key is removed.
    pub fn remove_key_question(self, fingerprint: &str) -> String {
        match self {
            Lang::Fr => format!("Retirer la clé {fingerprint} ? Elle n'ouvrira plus ce compte."),
            Lang::En => format!("Remove the key {fingerprint}? It will no longer open this account."),
        }
    }

    /// Said by `keys remove` once a key is removed.
    pub fn key_removed(self, fingerprint: &str) -> String {
        match self {
            Lang::Fr => format!("Clé {fingerprint} retirée : elle n'ouvre plus votre compte."),
            Lang::En => format!("Key {fingerprint} removed: it no longer opens your account."),
        }
    }

    /// Why a key was not removed; `address` names the command that lists them.
    pub fn key_error(self, e: &KeyError, address: &str) -> String {
        match (self, e) {
            (Lang::Fr, KeyError::NotFound) => {
                format!("Aucune de vos clés n'a cette empreinte. « ssh {address} keys » les liste.")
            }
            (Lang::En, KeyError::NotFound) => {
                format!("None of your keys has this fingerprint. 'ssh {address} keys' lists them.")
            }
            (Lang::Fr, KeyError::InUse) => {
                "C'est la clé de cette session : retirez-la depuis une autre de vos clés.".into()
            }
            (Lang::En, KeyError::InUse) => {
                "This is the key of this session: remove it from another of your keys.".into()
            }
            (Lang::Fr, KeyError::Last) => {
                "C'est votre seule clé : sans elle, plus personne n'ouvrirait ce compte.".into()
            }
            (Lang::En, KeyError::Last) => {
                "This is your only key: without it nobody could open this account.".into()
            }
            (Lang::Fr, KeyError::Store(_)) => {
                "La base ne peut pas enregistrer pour le moment ; réessayez dans un instant.".into()
            }
            (Lang::En, KeyError::Store(_)) => {
                "The database cannot save right now; try again in a moment.".into()
            }
        }
    }

    /// The reader's `s` box: the anchor of the chosen comment.
    pub fn share_comment(self, id: i64) -> String {
        match self {
            Lang::Fr => format!("Répondre au commentaire choisi (#{id}), le texte sur l'entrée standard :"),
            Lang::En => format!("Reply to the chosen comment (#{id}), the text on standard input:"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_commands_help_shows_the_servers_address() {
        for lang in [Lang::Fr, Lang::En] {
            assert!(lang.s().commands_help.contains(EXAMPLE_SSH));
            let help = lang.commands_help("cedille.example");
            assert!(help.contains("ssh cedille.example read 3"), "{help}");
            assert!(!help.contains("localhost"), "{help}");
        }
    }
}
