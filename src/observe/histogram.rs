//! A Prometheus histogram of durations made of atomics only: observing is a search among a
//! dozen bounds and two relaxed additions, with no lock shared by every session.
//! (`prometheus_client`'s own histogram takes a mutex on each observation.)

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use prometheus_client::encoding::{EncodeMetric, MetricEncoder, NoLabelSet};
use prometheus_client::metrics::{MetricType, TypedMetric};

/// Cheap to clone: clones count into the same buckets.
#[derive(Clone, Debug)]
pub struct Histogram {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    /// Upper bounds, in seconds, as the exposition says them.
    bounds: &'static [f64],
    /// The same bounds in nanoseconds, for the comparison made at each observation.
    bounds_nanos: Vec<u64>,
    /// One count per bound, and one for what passes the last bound.
    counts: Vec<AtomicU64>,
    sum_nanos: AtomicU64,
}

impl Histogram {
    /// Buckets up to each of `bounds` (seconds, increasing), and one beyond.
    pub fn new(bounds: &'static [f64]) -> Histogram {
        let bounds_nanos = bounds.iter().map(|s| Duration::from_secs_f64(*s).as_nanos() as u64).collect();
        let counts = (0..=bounds.len()).map(|_| AtomicU64::new(0)).collect();
        Histogram { inner: Arc::new(Inner { bounds, bounds_nanos, counts, sum_nanos: AtomicU64::new(0) }) }
    }

    pub fn observe(&self, took: Duration) {
        let nanos = u64::try_from(took.as_nanos()).unwrap_or(u64::MAX);
        let inner = &self.inner;
        let bucket = inner.bounds_nanos.iter().position(|b| nanos <= *b).unwrap_or(inner.bounds.len());
        if let Some(count) = inner.counts.get(bucket) {
            count.fetch_add(1, Ordering::Relaxed);
        }
        inner.sum_nanos.fetch_add(nanos, Ordering::Relaxed);
    }

    /// How many observations so far.
    pub fn count(&self) -> u64 {
        self.inner.counts.iter().map(|c| c.load(Ordering::Relaxed)).sum()
    }

    /// The sum in seconds, the count, and each bucket's own count with its upper bound.
    fn snapshot(&self) -> (f64, u64, Vec<(f64, u64)>) {
        let inner = &self.inner;
        let upper = inner.bounds.iter().copied().chain(std::iter::once(f64::INFINITY));
        let buckets: Vec<(f64, u64)> =
            upper.zip(inner.counts.iter().map(|c| c.load(Ordering::Relaxed))).collect();
        let count = buckets.iter().map(|(_, n)| n).sum();
        let sum = inner.sum_nanos.load(Ordering::Relaxed) as f64 / 1e9;
        (sum, count, buckets)
    }
}

impl TypedMetric for Histogram {
    const TYPE: MetricType = MetricType::Histogram;
}

impl EncodeMetric for Histogram {
    fn encode(&self, mut encoder: MetricEncoder) -> Result<(), std::fmt::Error> {
        let (sum, count, buckets) = self.snapshot();
        encoder.encode_histogram::<NoLabelSet>(sum, count, &buckets, None)
    }

    fn metric_type(&self) -> MetricType {
        Self::TYPE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn observations_land_in_the_first_bucket_that_holds_them() {
        static BOUNDS: &[f64] = &[0.001, 0.01, 0.1];
        let h = Histogram::new(BOUNDS);
        h.observe(Duration::from_micros(500));
        h.observe(Duration::from_millis(1));
        h.observe(Duration::from_millis(50));
        h.clone().observe(Duration::from_secs(3));
        let (sum, count, buckets) = h.snapshot();
        assert_eq!(count, 4);
        assert_eq!(buckets, vec![(0.001, 2), (0.01, 0), (0.1, 1), (f64::INFINITY, 1)]);
        assert!((sum - 3.0515).abs() < 1e-9, "{sum}");
    }
}
