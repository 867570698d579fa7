//! One simulated person: an SSH connection with its own key, a pty, and a `vt100` screen
//! fed with everything the server sends, so that "the screen changed" is judged the way a
//! terminal would show it, not by counting bytes.

use std::net::SocketAddr;
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use russh::client::{self, Handle};
use russh::keys::ssh_key::private::{Ed25519Keypair, KeypairData};
use russh::keys::{PrivateKey, PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use russh::{ChannelMsg, ChannelWriteHalf};
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio::time::Instant;

/// Accepts any host key: the run is on loopback against a server we started or were told of.
pub struct Trusting;

impl client::Handler for Trusting {
    type Error = russh::Error;

    async fn check_server_key(&mut self, _key: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// The key of person `n`: derived from `n`, so that the OpenSSH baseline can list every key
/// in its `authorized_keys` before the run.
pub fn key(n: u64) -> Result<PrivateKey> {
    let mut seed = [0xc3u8; 32];
    seed[..8].copy_from_slice(&n.to_le_bytes());
    PrivateKey::new(KeypairData::from(Ed25519Keypair::from_seed(&seed)), format!("loadgen-{n}"))
        .context("cannot make a client key")
}

/// What the background reader keeps.
pub struct Screen {
    pub parser: vt100::Parser,
    pub bytes: u64,
    pub ended: bool,
}

/// An interactive session, held open until dropped.
pub struct Live {
    write: ChannelWriteHalf<client::Msg>,
    state: Arc<Mutex<Screen>>,
    changed: watch::Receiver<u64>,
    reader: JoinHandle<()>,
    // Kept so that the connection stays open.
    _handle: Handle<Trusting>,
}

impl Drop for Live {
    fn drop(&mut self) {
        self.reader.abort();
    }
}

/// How a key was answered.
pub struct Answer {
    /// Until the screen showed a difference; `None` when it did not within the deadline.
    pub latency: Option<Duration>,
}

fn lock(state: &Mutex<Screen>) -> MutexGuard<'_, Screen> {
    // A poisoned lock means the reader panicked mid-update: the screen is still readable.
    state.lock().unwrap_or_else(|p| p.into_inner())
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap_or(NonZeroU16::MIN)
}

/// The first full frame: the status line (last row) is drawn and the body holds content.
/// A loading screen has a status line but an almost empty body.
fn is_full_frame(screen: &vt100::Screen) -> bool {
    let (rows, cols) = screen.size();
    let lines: Vec<String> = screen.rows(0, cols.get()).collect();
    let filled = lines.iter().filter(|l| !l.trim().is_empty()).count();
    lines.get(usize::from(rows.get()) - 1).is_some_and(|l| !l.trim().is_empty()) && filled >= 5
}

impl Live {
    /// Connects, authenticates with `key` as `user`, asks for a pty and a shell, and waits
    /// for the first full frame. Returns the session, the time from the TCP connect to that
    /// frame, and the bytes it took.
    pub async fn open(
        addr: SocketAddr,
        user: &str,
        key: PrivateKey,
        cols: u16,
        rows: u16,
        deadline: Duration,
    ) -> Result<(Live, Duration, u64)> {
        let started = Instant::now();
        let limit = started + deadline;
        let config = Arc::new(client::Config { nodelay: true, ..Default::default() });
        let mut handle = tokio::time::timeout_at(limit, client::connect(config, addr, Trusting))
            .await
            .context("connect timed out")?
            .context("connect failed")?;
        let auth = tokio::time::timeout_at(
            limit,
            handle.authenticate_publickey(user, PrivateKeyWithHashAlg::new(Arc::new(key), None)),
        )
        .await
        .context("authentication timed out")?
        .context("authentication failed")?;
        if !auth.success() {
            bail!("public key refused");
        }
        let channel = tokio::time::timeout_at(limit, handle.channel_open_session())
            .await
            .context("channel open timed out")?
            .context("channel refused")?;
        let (mut read, write) = channel.split();
        let state = Arc::new(Mutex::new(Screen {
            parser: vt100::Parser::new(nz(rows), nz(cols), 0),
            bytes: 0,
            ended: false,
        }));
        let (tx, changed) = watch::channel(0u64);
        let shared = state.clone();
        let reader = tokio::spawn(async move {
            loop {
                let msg = read.wait().await;
                let end = {
                    let mut st = lock(&shared);
                    match msg {
                        Some(ChannelMsg::Data { data }) => {
                            st.parser.process(&data);
                            st.bytes += data.len() as u64;
                        }
                        Some(ChannelMsg::Close) | Some(ChannelMsg::Eof) | None => st.ended = true,
                        Some(_) => {}
                    }
                    st.ended
                };
                tx.send_modify(|n| *n += 1);
                if end {
                    break;
                }
            }
        });
        write
            .request_pty(false, "xterm-256color", u32::from(cols), u32::from(rows), 0, 0, &[])
            .await
            .context("pty request failed")?;
        write.request_shell(false).await.context("shell request failed")?;
        let mut live = Live { write, state, changed, reader, _handle: handle };
        live.wait(limit, |s| is_full_frame(s.parser.screen())).await.context("no first frame")?;
        let bytes = lock(&live.state).bytes;
        Ok((live, started.elapsed(), bytes))
    }

    /// Waits until `f` holds, or fails at `limit` or when the session ends.
    async fn wait(&mut self, limit: Instant, f: impl Fn(&Screen) -> bool) -> Result<()> {
        loop {
            {
                let st = lock(&self.state);
                if f(&st) {
                    return Ok(());
                }
                if st.ended {
                    bail!("the session ended");
                }
            }
            match tokio::time::timeout_at(limit, self.changed.changed()).await {
                Ok(Ok(())) => {}
                Ok(Err(_)) => bail!("the session ended"),
                Err(_) => bail!("timed out"),
            }
        }
    }

    /// Bytes received so far.
    pub fn bytes(&self) -> u64 {
        lock(&self.state).bytes
    }

    pub fn ended(&self) -> bool {
        lock(&self.state).ended
    }

    /// Sends `keys` and measures the time until the screen differs from what it was.
    pub async fn key(&mut self, keys: &[u8], deadline: Duration) -> Result<Answer> {
        let before = lock(&self.state).parser.screen().clone();
        self.changed.borrow_and_update();
        let started = Instant::now();
        self.write.data_bytes(keys.to_vec()).await.context("cannot send a key")?;
        let changed = self
            .wait(started + deadline, |s| {
                let now = s.parser.screen();
                !now.contents_diff(&before).is_empty() || now.cursor_position() != before.cursor_position()
            })
            .await;
        match changed {
            Ok(()) => Ok(Answer { latency: Some(started.elapsed()) }),
            Err(_) if self.ended() => bail!("the session ended"),
            Err(_) => Ok(Answer { latency: None }),
        }
    }
}
