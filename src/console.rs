//! The local terminal front ends: `cedille tui` (the reader, as a guest) and `cedille admin`
//! (the admin console). The same session loop as over SSH, fed from this process's stdin and
//! drawn on its stdout.
//!
//! Stdin is read by a thread that polls with a timeout, so that it can stop reading while
//! the admin's editor (`$VISUAL`, `$EDITOR`) has the terminal: a pending read would steal
//! the editor's first keys.

use std::io::{Read, Write};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use anyhow::{Context, Result};
use chrono::Utc;
use tokio::sync::mpsc;

use crate::domain::CommentPolicy;
use crate::domain::Identity;
use crate::domain::console::{EditorError, FileProblem};
use crate::i18n::Lang;
use crate::runtime::{self, Console, Input, LocalTerminal};
use crate::store::{Store, local_actor};
use crate::term::Profile;
use crate::ui::App;
use crate::ui::colors::ColorDepth;

/// How often the reader looks whether it must stop for an editor.
const POLL: Duration = Duration::from_millis(50);

/// Runs the reader on the local terminal until the person quits.
pub async fn run(store: Store) -> Result<()> {
    let (lang, depth, size) = terminal_settings();
    let (app, effects) = App::new(Identity::Guest, lang, depth, size, Utc::now());
    run_app_with(store, app, effects, None, Arc::new(Pause::default()), local_profile(env)).await
}

/// Runs the admin console on the local terminal until the admin quits.
pub async fn run_admin(store: Store) -> Result<()> {
    let (lang, depth, size) = terminal_settings();
    let editor = editor_command();
    let actor = local_actor("console");
    let (app, effects) = App::new_admin(lang, depth, size, Utc::now(), actor.clone(), editor.is_some());
    let pause = Arc::new(Pause::default());
    let profile = local_profile(env);
    let terminal: Option<Arc<dyn LocalTerminal>> = editor.map(|command| {
        Arc::new(ExternalEditor { command, pause: pause.clone(), profile }) as Arc<dyn LocalTerminal>
    });
    run_app_with(store, app, effects, Some(Console { actor, terminal }), pause, profile).await
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// The terminal this process runs in, as a client's is known over SSH: by its `TERM` and
/// its locale (LC_ALL, LC_CTYPE, LANG), so that a console in a `LANG=C` or Latin-1
/// terminal gets the bytes it shows, not UTF-8 it would print as « DÃ©fi ».
fn local_profile(env: impl Fn(&str) -> Option<String>) -> Profile {
    let locales = ["LC_ALL", "LC_CTYPE", "LANG"].map(&env);
    Profile::new(env("TERM").as_deref(), locales.each_ref().map(Option::as_deref))
}

fn terminal_settings() -> (Lang, ColorDepth, (u16, u16)) {
    let lang = Lang::from_env(env);
    let depth =
        ColorDepth::detect(env("TERM").as_deref(), env("COLORTERM").as_deref(), env("NO_COLOR").as_deref());
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    (lang, depth, size)
}

/// `$VISUAL`, else `$EDITOR`, split as a shell would (`code --wait`).
fn editor_command() -> Option<Vec<String>> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.trim().is_empty())
        .and_then(|v| shlex::split(&v))
        .filter(|words| !words.is_empty())
}

async fn run_app_with(
    store: Store,
    app: App,
    effects: Vec<crate::ui::Effect>,
    console: Option<Console>,
    pause: Arc<Pause>,
    terminal: Profile,
) -> Result<()> {
    if !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        anyhow::bail!("this needs a terminal: run it from a shell, not from a script or a pipe");
    }
    crossterm::terminal::enable_raw_mode().context("the local terminal cannot enter raw mode")?;
    let (input_tx, input_rx) = mpsc::channel::<Input>(64);
    let (out_tx, mut out_rx) = mpsc::channel::<Vec<u8>>(1);

    let keys = input_tx.clone();
    let reader_pause = pause.clone();
    std::thread::spawn(move || read_stdin(keys, &reader_pause));
    let resizer = tokio::spawn(async move {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            if let Ok(mut winch) = signal(SignalKind::window_change()) {
                while winch.recv().await.is_some() {
                    if let Ok((c, r)) = crossterm::terminal::size()
                        && input_tx.send(Input::Resize(c, r)).await.is_err()
                    {
                        break;
                    }
                }
            }
        }
    });
    let writer_pause = pause.clone();
    let writer = tokio::spawn(async move {
        while let Some(frame) = out_rx.recv().await {
            // While the editor has the screen, frames are dropped: a full one follows.
            if writer_pause.is_paused() {
                continue;
            }
            let mut out = std::io::stdout().lock();
            if out.write_all(&frame).and_then(|_| out.flush()).is_err() {
                break;
            }
        }
    });
    runtime::run_local(store, CommentPolicy::default(), app, effects, input_rx, out_tx, console, terminal)
        .await;
    let _ = writer.await;
    pause.stop();
    resizer.abort();
    crossterm::terminal::disable_raw_mode().context("cannot restore the local terminal")?;
    Ok(())
}

/// Whether the stdin reader may read; the editor takes the terminal only once it stopped.
#[derive(Default)]
struct Pause {
    state: Mutex<PauseState>,
    changed: Condvar,
}

#[derive(Default)]
struct PauseState {
    paused: bool,
    /// The reader saw `paused` and is waiting: nothing reads stdin.
    parked: bool,
    stopped: bool,
}

impl Pause {
    fn is_paused(&self) -> bool {
        self.state.lock().map(|s| s.paused).unwrap_or(false)
    }

    /// Stops the reader and waits until it no longer reads.
    fn hold(&self) {
        let Ok(mut s) = self.state.lock() else { return };
        s.paused = true;
        while !s.parked && !s.stopped {
            match self.changed.wait_timeout(s, POLL * 4) {
                Ok((guard, _)) => s = guard,
                Err(_) => return,
            }
        }
    }

    fn release(&self) {
        if let Ok(mut s) = self.state.lock() {
            s.paused = false;
        }
        self.changed.notify_all();
    }

    fn stop(&self) {
        if let Ok(mut s) = self.state.lock() {
            s.stopped = true;
        }
        self.changed.notify_all();
    }
}

fn read_stdin(keys: mpsc::Sender<Input>, pause: &Pause) {
    let mut buf = vec![0u8; 4096];
    let stdin = std::io::stdin();
    loop {
        {
            let Ok(mut s) = pause.state.lock() else { return };
            if s.stopped {
                return;
            }
            while s.paused && !s.stopped {
                s.parked = true;
                pause.changed.notify_all();
                s = match pause.changed.wait(s) {
                    Ok(g) => g,
                    Err(_) => return,
                };
            }
            s.parked = false;
        }
        let fd = rustix::stdio::stdin();
        let mut fds = [rustix::event::PollFd::new(&fd, rustix::event::PollFlags::IN)];
        let timeout = rustix::event::Timespec { tv_sec: 0, tv_nsec: POLL.as_nanos() as i64 };
        match rustix::event::poll(&mut fds, Some(&timeout)) {
            Ok(0) => continue,
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => return,
        }
        match stdin.lock().read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => {
                if keys.blocking_send(Input::Bytes(buf[..n].to_vec())).is_err() {
                    return;
                }
            }
        }
    }
}

/// The admin's own editor on a temporary file.
struct ExternalEditor {
    command: Vec<String>,
    pause: Arc<Pause>,
    /// The modes to leave for the editor and to come back to: those the session set.
    profile: Profile,
}

impl LocalTerminal for ExternalEditor {
    fn edit(&self, text: &str, suffix: &str) -> Result<String, EditorError> {
        let path = temp_file(text, suffix).map_err(|e| EditorError::TempFile(FileProblem::of(&e)))?;
        self.pause.hold();
        let mut out = std::io::stdout();
        let _ = out.write_all(&self.profile.leave()).and_then(|_| out.flush());
        let _ = crossterm::terminal::disable_raw_mode();
        let program = self.command[0].clone();
        let status = std::process::Command::new(&program).args(&self.command[1..]).arg(&path).status();
        let _ = crossterm::terminal::enable_raw_mode();
        let _ = out.write_all(&self.profile.enter()).and_then(|_| out.flush());
        self.pause.release();
        let result = match status {
            Ok(s) if s.success() => {
                std::fs::read_to_string(&path).map_err(|e| EditorError::ReadBack(FileProblem::of(&e)))
            }
            Ok(s) => Err(EditorError::Failed { program, code: s.code() }),
            Err(e) => Err(EditorError::Start { program, problem: FileProblem::of(&e) }),
        };
        let _ = std::fs::remove_file(&path);
        result
    }
}

/// A new file only this user can read, named so that editors colour it (`.md`).
fn temp_file(text: &str, suffix: &str) -> std::io::Result<std::path::PathBuf> {
    let mut random = [0u8; 8];
    getrandom::fill(&mut random).map_err(|e| std::io::Error::other(e.to_string()))?;
    let name: String = random.iter().map(|b| format!("{b:02x}")).collect();
    let path = std::env::temp_dir().join(format!("cedille-{name}{suffix}"));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&path)?;
    file.write_all(text.as_bytes())?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::charset::Charset;

    #[test]
    fn the_local_terminal_is_read_from_term_and_the_locale_in_posix_order() {
        fn env<'a>(vars: &'a [(&str, &str)]) -> impl Fn(&str) -> Option<String> + 'a {
            move |k| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
        }
        assert_eq!(local_profile(env(&[])).charset, Charset::Utf8);
        assert_eq!(local_profile(env(&[("LANG", "C")])).charset, Charset::Ascii);
        let latin1 = [("LANG", "fr_FR.UTF-8"), ("LC_CTYPE", "fr_FR.ISO-8859-1")];
        assert_eq!(local_profile(env(&latin1)).charset, Charset::Latin1);
        let all = [("LANG", "fr_FR.ISO-8859-1"), ("LC_ALL", "fr_FR.UTF-8"), ("TERM", "linux")];
        assert_eq!(local_profile(env(&all)), Profile::new(Some("linux"), [Some("fr_FR.UTF-8"), None, None]));
    }
}
