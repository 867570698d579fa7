//! The SSH server: russh underneath, one tokio task per connection, one per interactive
//! session. Identity comes only from a verified signature; everything else a client asks
//! for beyond a shell, a pty, window changes, a few environment variables and our own
//! commands is refused.

mod handler;
pub mod hostkey;
mod session;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use russh::keys::PrivateKey;
use russh::server::Config;
use russh::{MethodKind, MethodSet};
use tokio::net::TcpListener;

use crate::domain::comment::CommentPolicy;
use crate::store::Store;

/// What every connection shares.
pub struct Shared {
    pub store: Store,
    /// The rules of posting comments, set by the operator (`--moderation`).
    pub policy: CommentPolicy,
}

/// The russh settings, with the defaults that hurt changed (see DESIGN.md, known traps).
pub fn config(host_key: PrivateKey) -> Config {
    Config {
        keys: vec![host_key],
        methods: MethodSet::from(&[MethodKind::PublicKey, MethodKind::KeyboardInteractive][..]),
        // OpenSSH's first `none` attempt would otherwise wait a second.
        auth_rejection_time: Duration::from_millis(300),
        auth_rejection_time_initial: Some(Duration::ZERO),
        // Quiet readers are members too: idleness is the application's business.
        inactivity_timeout: None,
        keepalive_interval: Some(Duration::from_secs(30)),
        keepalive_max: 4,
        max_auth_attempts: 6,
        nodelay: true,
        ..Default::default()
    }
}

/// Accepts connections on `listener` until `shutdown` completes.
pub async fn serve(
    listener: TcpListener,
    store: Store,
    host_key: PrivateKey,
    policy: CommentPolicy,
    shutdown: impl Future<Output = ()>,
) {
    let config = Arc::new(config(host_key));
    let shared = Arc::new(Shared { store, policy });
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((socket, peer)) => {
                    let _ = socket.set_nodelay(true);
                    let handler = handler::Connection::new(shared.clone(), peer);
                    let config = config.clone();
                    tokio::spawn(async move {
                        match russh::server::run_stream(config, socket, handler).await {
                            Ok(running) => {
                                if let Err(e) = running.await {
                                    tracing::debug!(%peer, "connection ended: {e}");
                                }
                            }
                            Err(e) => tracing::debug!(%peer, "handshake failed: {e}"),
                        }
                    });
                }
                Err(e) => {
                    // Out of file descriptors and the like: wait a little, keep serving.
                    tracing::warn!("accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            },
        }
    }
}
