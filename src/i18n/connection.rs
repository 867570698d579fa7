//! What members read about their connection itself: the server's limits, idleness,
//! a restart.

use super::Lang;

impl Lang {
    /// Said to everyone connected when the server stops.
    pub fn restarting(self) -> &'static str {
        match self {
            Lang::Fr => "Cédille redémarre, à tout de suite.",
            Lang::En => "Cédille is restarting, see you in a moment.",
        }
    }

    /// Shown over the screen `secs` seconds before an idle session is closed.
    pub fn idle_warning(self, secs: u64) -> String {
        match self {
            Lang::Fr => format!(
                "Sans activité, la session se ferme dans {secs}\u{a0}s. Appuyez sur une touche pour rester."
            ),
            Lang::En => format!("Idle: the session closes in {secs} s. Press any key to stay."),
        }
    }

    /// Printed once the idle session is closed.
    pub fn idle_closed(self, minutes: u64) -> String {
        match self {
            Lang::Fr if minutes >= 1 => {
                format!("Session fermée après {minutes}\u{a0}min sans activité. À bientôt\u{a0}!")
            }
            Lang::Fr => "Session fermée faute d'activité. À bientôt\u{a0}!".to_string(),
            Lang::En if minutes >= 1 => format!("Session closed after {minutes} min without activity. Bye!"),
            Lang::En => "Session closed for lack of activity. Bye!".to_string(),
        }
    }

    /// The server holds as many sessions as it may.
    pub fn server_full(self) -> &'static str {
        match self {
            Lang::Fr => "Cédille est complet pour le moment, réessayez dans quelques minutes.",
            Lang::En => "Cédille is full right now, try again in a few minutes.",
        }
    }

    /// This address holds as many sessions as it may.
    pub fn too_many_sessions_here(self, max: usize) -> String {
        match self {
            Lang::Fr => format!(
                "Trop de sessions ouvertes depuis votre adresse ({max} au plus). Fermez-en une, puis réessayez."
            ),
            Lang::En => {
                format!(
                    "Too many sessions open from your address (at most {max}). Close one, then try again."
                )
            }
        }
    }

    /// This connection holds as many sessions as it may, one per channel.
    pub fn too_many_channels(self, max: usize) -> String {
        match (self, max) {
            (Lang::Fr, 1) => {
                "Une seule session par connexion\u{a0}: ouvrez une autre connexion pour une deuxième session."
                    .to_string()
            }
            (Lang::Fr, _) => format!(
                "Au plus {max}\u{a0}sessions par connexion\u{a0}: fermez-en une, ou ouvrez une autre connexion."
            ),
            (Lang::En, 1) => {
                "One session per connection: open another connection for a second session.".to_string()
            }
            (Lang::En, _) => {
                format!("At most {max} sessions per connection: close one, or open another connection.")
            }
        }
    }

    /// The internal error that ended a session.
    pub fn session_crashed(self) -> &'static str {
        match self {
            Lang::Fr => "Cédille : erreur interne, session fermée.",
            Lang::En => "Cédille: internal error, session closed.",
        }
    }
}
