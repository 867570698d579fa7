//! A socket that can be cut from outside. russh owns the stream of a connection and may be
//! stuck writing to a client that stopped reading, or waiting for one that never finishes
//! its handshake; cutting the stream underneath is the one way out that cannot itself wait.

use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

#[derive(Default)]
struct State {
    killed: AtomicBool,
    /// The tasks parked on a read or a write, woken when the stream is cut.
    wakers: Mutex<[Option<Waker>; 2]>,
}

/// Cuts the stream it came with; clones cut the same stream.
#[derive(Clone)]
pub struct Killer(Arc<State>);

impl Killer {
    pub fn kill(&self) {
        self.0.killed.store(true, Ordering::SeqCst);
        let wakers = match self.0.wakers.lock() {
            Ok(mut w) => [w[0].take(), w[1].take()],
            Err(_) => [None, None],
        };
        for waker in wakers.into_iter().flatten() {
            waker.wake();
        }
    }

    pub fn is_killed(&self) -> bool {
        self.0.killed.load(Ordering::SeqCst)
    }
}

/// `S`, until its [`Killer`] is used: from then on every read and write fails.
pub struct Killable<S> {
    inner: S,
    state: Arc<State>,
}

impl<S> Killable<S> {
    pub fn new(inner: S) -> (Self, Killer) {
        let state = Arc::new(State::default());
        (Killable { inner, state: state.clone() }, Killer(state))
    }

    /// Parks `cx` for the kill (slot 0: reads, 1: writes); true when already killed.
    fn park(&self, slot: usize, cx: &Context<'_>) -> bool {
        if let Ok(mut w) = self.state.wakers.lock() {
            match &w[slot] {
                Some(old) if old.will_wake(cx.waker()) => {}
                _ => w[slot] = Some(cx.waker().clone()),
            }
        }
        self.state.killed.load(Ordering::SeqCst)
    }
}

fn cut() -> io::Error {
    io::Error::new(io::ErrorKind::ConnectionAborted, "connection closed by the server")
}

impl<S: AsyncRead + Unpin> AsyncRead for Killable<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.park(0, cx) {
            return Poll::Ready(Err(cut()));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Killable<S> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        if self.park(1, cx) {
            return Poll::Ready(Err(cut()));
        }
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.park(1, cx) {
            return Poll::Ready(Err(cut()));
        }
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.state.killed.load(Ordering::SeqCst) {
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    #[tokio::test]
    async fn a_read_waiting_for_ever_ends_when_killed() {
        let (a, _b) = tokio::io::duplex(64);
        let (mut a, killer) = Killable::new(a);
        let reader = tokio::spawn(async move {
            let mut buf = [0u8; 8];
            a.read(&mut buf).await
        });
        tokio::task::yield_now().await;
        killer.kill();
        let result = tokio::time::timeout(std::time::Duration::from_secs(5), reader).await;
        assert!(matches!(result, Ok(Ok(Err(_)))), "the read must fail once killed");
    }

    #[tokio::test]
    async fn a_write_blocked_on_a_full_pipe_ends_when_killed() {
        let (a, _b) = tokio::io::duplex(8);
        let (mut a, killer) = Killable::new(a);
        let writer = tokio::spawn(async move { a.write_all(&[0u8; 1024]).await });
        tokio::task::yield_now().await;
        killer.kill();
        let result = tokio::time::timeout(std::time::Duration::from_secs(5), writer).await;
        assert!(matches!(result, Ok(Ok(Err(_)))), "the write must fail once killed");
    }
}
