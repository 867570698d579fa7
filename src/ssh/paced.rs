//! The bytes one connection may send, whatever they carry. The requests that reach our
//! handler are paid from their channel's input budget; others never reach it: russh
//! answers keepalives, global requests, unknown channel requests, ignore and debug
//! messages and key re-exchanges by itself, each costing a decryption and often a reply.
//! Reading the socket at a bounded rate paces those too: over it the connection reads
//! nothing for a while, and TCP slows the sender.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{Sleep, sleep};

use super::throttle::Throttle;

/// `S`, read at most at `bytes_per_sec` (bursts of one second's worth).
pub struct Paced<S> {
    inner: S,
    throttle: Throttle,
    /// Until when reading waits, after a read that went over the budget.
    wait: Option<Pin<Box<Sleep>>>,
    /// One read takes at most this much, so that the wait after it stays short: the stream
    /// underneath is not read during the wait, and cutting it is noticed after. Read straight
    /// into the caller's buffer: a buffer of our own would cost every connection its size.
    chunk: usize,
}

impl<S> Paced<S> {
    pub fn new(inner: S, bytes_per_sec: usize) -> Self {
        let chunk = (bytes_per_sec / 10).clamp(1024, 32 * 1024);
        Paced { inner, throttle: Throttle::new(bytes_per_sec), wait: None, chunk }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Paced<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = &mut *self;
        if let Some(wait) = this.wait.as_mut() {
            ready!(wait.as_mut().poll(cx));
            this.wait = None;
        }
        let want = buf.remaining().min(this.chunk);
        let mut part = ReadBuf::new(buf.initialize_unfilled_to(want));
        ready!(Pin::new(&mut this.inner).poll_read(cx, &mut part))?;
        let got = part.filled().len();
        buf.advance(got);
        if let Some(wait) = this.throttle.take(got) {
            this.wait = Some(Box::pin(sleep(wait)));
        }
        Poll::Ready(Ok(()))
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Paced<S> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    #[tokio::test]
    async fn reads_past_the_budget_wait_their_turn() {
        // A second's worth of 10,000 bytes passes at once; the next 5,000 take half a second,
        // less the wait that follows the last chunk (1,024 bytes).
        let (mut client, server) = tokio::io::duplex(64 * 1024);
        let mut paced = Paced::new(server, 10_000);
        client.write_all(&[7; 15_000]).await.unwrap();
        let started = tokio::time::Instant::now();
        let mut got = vec![0; 15_000];
        paced.read_exact(&mut got).await.unwrap();
        let took = started.elapsed();
        assert!(got.iter().all(|b| *b == 7));
        assert!(took >= Duration::from_millis(350), "read too soon: {took:?}");
    }
}
