//! Spreading independent per-item work (analysis of a batch, of a replayed window)
//! over the machine's cores, keeping the input order.

/// `f` applied to every item, in order, on up to all available cores. A panic in a
/// worker is a bug; its items come back as `on_panic()` and the rest go on.
pub(crate) fn map_on_cores<T: Send, U: Send>(
    items: Vec<T>,
    f: &(dyn Fn(T) -> U + Sync),
    on_panic: &(dyn Fn() -> U + Sync),
) -> Vec<U> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().max(1));
    if threads <= 1 {
        return items.into_iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let mut chunks: Vec<Vec<T>> = Vec::new();
    let mut rest = items.into_iter();
    loop {
        let part: Vec<T> = rest.by_ref().take(chunk).collect();
        if part.is_empty() {
            break;
        }
        chunks.push(part);
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|part| {
                let len = part.len();
                let handle = scope.spawn(move || part.into_iter().map(f).collect::<Vec<U>>());
                (len, handle)
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|(len, h)| {
                h.join()
                    .unwrap_or_else(|_| (0..len).map(|_| on_panic()).collect())
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_survives_a_panicking_item() {
        let items: Vec<u32> = (0..1000).collect();
        let doubled = map_on_cores(items.clone(), &|x| x * 2, &|| u32::MAX);
        assert_eq!(doubled, items.iter().map(|x| x * 2).collect::<Vec<_>>());
        let result = std::panic::catch_unwind(|| {
            map_on_cores(
                vec![1u32, 2, 3, 4],
                &|x| {
                    assert!(x != 4, "bug");
                    x
                },
                &|| 0,
            )
        });
        // With one core the panic propagates; with more, the failed chunk is replaced.
        if let Ok(out) = result {
            assert_eq!(out.len(), 4);
            assert_eq!(out[3], 0);
        }
    }
}
