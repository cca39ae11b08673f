//! Memory figures from /proc, for the benchmarks that report them.

/// Peak resident set size of this process, from /proc (Linux); 0 elsewhere.
pub(super) fn peak_rss_mib() -> f64 {
    proc_status_mib("VmHWM:")
}

pub(super) fn current_rss_mib() -> f64 {
    proc_status_mib("VmRSS:")
}

/// A memory figure from /proc/self/status (0 where there is none).
fn proc_status_mib(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}
