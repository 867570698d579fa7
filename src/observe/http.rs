//! The Prometheus endpoint: `GET /metrics` on the address of `[metrics] listen`, served by
//! hyper's HTTP/1 server. Anything else is 404 (405 for another method on `/metrics`).
//! Meant for a local address: a scraper on the same machine, or behind the operator's own
//! proxy.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{CONTENT_TYPE, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use thiserror::Error;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio::task::JoinHandle;

use super::Metrics;

/// What Prometheus reads: the OpenMetrics text format.
pub const CONTENT_TYPE_OPENMETRICS: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// Scrapes served at once; more wait for their turn in the listener's queue.
const CONNECTIONS: usize = 8;
/// A scraper that sends no request line in this time is let go.
const HEADER_TIMEOUT: Duration = Duration::from_secs(5);
/// The longest one connection stays, however many requests it sends.
const CONNECTION_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Debug, Error)]
pub enum EndpointError {
    #[error("cannot listen for metrics on {addr} (metrics.listen; is another program using this port?)")]
    Bind {
        addr: String,
        #[source]
        source: std::io::Error,
    },
}

/// The endpoint, serving until dropped or [`Endpoint::stop`]ped.
pub struct Endpoint {
    /// Where it listens (the port the system chose, for `:0`).
    pub addr: SocketAddr,
    task: JoinHandle<()>,
}

impl Endpoint {
    pub fn stop(self) {
        self.task.abort();
    }
}

impl Drop for Endpoint {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Listens on `listen` and serves `metrics` there.
pub async fn start(listen: &str, metrics: Arc<Metrics>) -> Result<Endpoint, EndpointError> {
    let bind_error = |source| EndpointError::Bind { addr: listen.to_string(), source };
    let listener = TcpListener::bind(listen).await.map_err(bind_error)?;
    let addr = listener.local_addr().map_err(bind_error)?;
    if !addr.ip().is_loopback() {
        tracing::warn!(%addr, "metrics are served beyond this machine: keep the port behind a firewall");
    }
    Ok(Endpoint { addr, task: tokio::spawn(serve(listener, metrics)) })
}

/// [`start`] when the config says where (`[metrics] listen`); `None` otherwise.
pub async fn start_configured(
    listen: Option<&str>,
    metrics: &Arc<Metrics>,
) -> Result<Option<Endpoint>, EndpointError> {
    match listen {
        Some(listen) => start(listen, metrics.clone()).await.map(Some),
        None => Ok(None),
    }
}

/// Accepts scrapers on `listener` for as long as the task runs.
pub async fn serve(listener: TcpListener, metrics: Arc<Metrics>) {
    let room = Arc::new(Semaphore::new(CONNECTIONS));
    loop {
        let Ok(permit) = room.clone().acquire_owned().await else { return };
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(e) => {
                tracing::warn!("metrics: accept failed: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let metrics = metrics.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let service = service_fn(move |request| answer(request, metrics.clone()));
            let connection = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), service);
            match tokio::time::timeout(CONNECTION_TIMEOUT, connection).await {
                Ok(Ok(())) => {}
                Ok(Err(e)) => tracing::debug!(%peer, "metrics: {e}"),
                Err(_) => tracing::debug!(%peer, "metrics: connection kept too long, closed"),
            }
        });
    }
}

async fn answer(
    request: Request<Incoming>,
    metrics: Arc<Metrics>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let method = request.method();
    let (status, body) = match request.uri().path() {
        "/metrics" if method == Method::GET || method == Method::HEAD => match metrics.encode() {
            Ok(text) => (StatusCode::OK, text),
            Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "cannot encode the metrics\n".to_string()),
        },
        "/metrics" => (StatusCode::METHOD_NOT_ALLOWED, "GET /metrics\n".to_string()),
        _ => (StatusCode::NOT_FOUND, "Cédille serves its metrics at /metrics\n".to_string()),
    };
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    let kind = if status == StatusCode::OK { CONTENT_TYPE_OPENMETRICS } else { "text/plain; charset=utf-8" };
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(kind));
    Ok(response)
}
