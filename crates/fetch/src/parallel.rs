//! A fixed number of threads working through a list, results in list order.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Applies `f` to every job on up to `threads` threads; the results keep the jobs' order.
pub(crate) fn parallel_map<J, R, F>(jobs: Vec<J>, threads: usize, f: F) -> Vec<R>
where
    J: Send,
    R: Send,
    F: Fn(J) -> R + Sync,
{
    let count = jobs.len();
    let jobs: Vec<Mutex<Option<J>>> = jobs.into_iter().map(|j| Mutex::new(Some(j))).collect();
    let results: Vec<Mutex<Option<R>>> = (0..count).map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, count.max(1)) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(slot) = jobs.get(i) else { break };
                let job = slot.lock().unwrap_or_else(|p| p.into_inner()).take();
                if let Some(job) = job {
                    let result = f(job);
                    *results[i].lock().unwrap_or_else(|p| p.into_inner()) = Some(result);
                }
            });
        }
    });
    results
        .into_iter()
        .filter_map(|r| r.into_inner().unwrap_or_else(|p| p.into_inner()))
        .collect()
}

/// Applies `f` to every job on up to `threads` threads and hands each result to
/// `sink` on the calling thread, in the jobs' order, as soon as it and every
/// result before it are ready — so the caller's work overlaps the threads'.
pub(crate) fn parallel_ordered<J, R, F, S>(jobs: Vec<J>, threads: usize, f: F, mut sink: S)
where
    J: Send,
    R: Send,
    F: Fn(J) -> R + Sync,
    S: FnMut(usize, R),
{
    let count = jobs.len();
    let jobs: Vec<Mutex<Option<J>>> = jobs.into_iter().map(|j| Mutex::new(Some(j))).collect();
    let next = AtomicUsize::new(0);
    let (sender, receiver) = std::sync::mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, count.max(1)) {
            let sender = sender.clone();
            let (jobs, next, f) = (&jobs, &next, &f);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(slot) = jobs.get(i) else { break };
                let job = slot.lock().unwrap_or_else(|p| p.into_inner()).take();
                if let Some(job) = job {
                    if sender.send((i, f(job))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut waiting = std::collections::BTreeMap::new();
        let mut due = 0;
        for (i, result) in receiver {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&due) {
                sink(due, result);
                due += 1;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_order() {
        let out = super::parallel_map((0..100).collect(), 4, |i: u32| i * 2);
        assert_eq!(out, (0..100).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn hands_results_over_in_order_while_others_run() {
        let mut seen = Vec::new();
        super::parallel_ordered(
            (0..50u64).collect(),
            4,
            |i| {
                // Later jobs finish first: order must still hold.
                std::thread::sleep(std::time::Duration::from_micros(500 * (50 - i)));
                i * 3
            },
            |index, value| seen.push((index, value)),
        );
        assert_eq!(
            seen,
            (0..50).map(|i| (i as usize, i * 3)).collect::<Vec<_>>()
        );
    }
}
