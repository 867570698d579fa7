//! The local terminal front end (`cedille tui`): the same session loop as over SSH, fed
//! from this process's stdin and drawn on its stdout, as a guest.

use std::io::Write;

use anyhow::{Context, Result};
use chrono::Utc;
use tokio::io::AsyncReadExt;
use tokio::sync::mpsc;

use crate::domain::CommentPolicy;
use crate::domain::Identity;
use crate::i18n::Lang;
use crate::runtime::{self, Input};
use crate::store::Store;
use crate::term::colors::ColorDepth;
use crate::ui::App;

/// Runs the reader on the local terminal until the person quits.
pub async fn run(store: Store) -> Result<()> {
    let env = |k: &str| std::env::var(k).ok();
    let lang = env("LC_ALL")
        .or_else(|| env("LC_MESSAGES"))
        .or_else(|| env("LANG"))
        .map(|l| Lang::from_locale(&l))
        .unwrap_or_default();
    let depth =
        ColorDepth::detect(env("TERM").as_deref(), env("COLORTERM").as_deref(), env("NO_COLOR").as_deref());
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    crossterm::terminal::enable_raw_mode().context("the local terminal cannot enter raw mode")?;
    let (app, effects) = App::new(Identity::Guest, lang, depth, size, Utc::now());
    let (input_tx, input_rx) = mpsc::channel::<Input>(64);
    let (out_tx, mut out_rx) = mpsc::channel::<Vec<u8>>(1);

    let keys = input_tx.clone();
    let reader = tokio::spawn(async move {
        let mut stdin = tokio::io::stdin();
        let mut buf = vec![0u8; 4096];
        while let Ok(n) = stdin.read(&mut buf).await {
            if n == 0 || keys.send(Input::Bytes(buf[..n].to_vec())).await.is_err() {
                break;
            }
        }
    });
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
    let writer = tokio::spawn(async move {
        while let Some(frame) = out_rx.recv().await {
            let mut out = std::io::stdout().lock();
            if out.write_all(&frame).and_then(|_| out.flush()).is_err() {
                break;
            }
        }
    });
    runtime::run(store, CommentPolicy::default(), app, effects, input_rx, out_tx).await;
    let _ = writer.await;
    reader.abort();
    resizer.abort();
    crossterm::terminal::disable_raw_mode().context("cannot restore the local terminal")?;
    Ok(())
}
