//! `storyline extract --explain`: how a page was read, block by block, with reasons.

mod common;

const PAGE: &str = r#"<html><body><div class="menu-top"><a href="/">Portada</a> <a href="/local">Local</a></div>
<div class="nota"><h1>El puerto de Vigo amplía su muelle</h1>
<p>La autoridad portuaria aprobó el martes la ampliación del muelle de Bouzas, una obra de dos años que permitirá atracar buques más grandes.</p>
<p>El presidente del puerto dijo que la inversión rondará los cuarenta millones de euros y que las obras empezarán en primavera.</p>
<div class="publicidad"><p>Suscríbete hoy y llévate tres meses gratis de nuestra edición digital, sin compromiso alguno.</p></div>
<div class="mas"><h3>Te puede interesar</h3><p><a href="/a">Nuevo horario de los barcos a Cíes este verano</a></p></div>
</div></body></html>"#;

#[test]
fn explain_shows_each_block_kept_or_dropped_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("puerto.html");
    std::fs::write(&page, PAGE).unwrap();
    let out = common::binary()
        .arg("--data")
        .arg(dir.path())
        .args(["extract", "--explain"])
        .arg(&page)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8_lossy(&out.stdout);
    let line = |needle: &str| {
        report
            .lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no line for {needle:?} in:\n{report}"))
    };
    assert!(report.starts_with("== "), "{report}");
    assert!(
        line("La autoridad portuaria").starts_with("KEEP"),
        "{report}"
    );
    assert!(
        line("El puerto de Vigo").contains("the headline"),
        "{report}"
    );
    let ad = line("Suscríbete hoy");
    assert!(
        ad.starts_with("drop") && ad.contains("marked as furniture"),
        "{ad}"
    );
    assert!(line("Nuevo horario").starts_with("drop"), "{report}");
    // No article lines are printed in this mode.
    assert!(!report.contains("\"text\":"), "{report}");
}

/// `storyline cluster --explain`: every candidate's score with each of its parts.
#[test]
fn cluster_explain_breaks_each_score_into_its_parts() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        ("puerto-1.txt", "La autoridad portuaria de Vigo aprobó el martes la ampliación del muelle de Bouzas, una obra de dos años que permitirá atracar buques más grandes."),
        ("puerto-2.txt", "El muelle de Bouzas, en el puerto de Vigo, se ampliará: la autoridad portuaria aprobó el martes una obra de dos años para buques más grandes."),
    ];
    for (name, text) in texts {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let out = common::binary()
        .arg("--data")
        .arg(dir.path())
        .args(["--lexical-only", "cluster", "--explain", "-q"])
        .arg(dir.path().join(texts[0].0))
        .arg(dir.path().join(texts[1].0))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let second: serde_json::Value = stderr
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|v| v["id"] == "puerto-2")
        .unwrap_or_else(|| panic!("no explanation for puerto-2 in {stderr}"));
    let best = &second["candidates"][0];
    let part = |k: &str| {
        best[k]
            .as_f64()
            .unwrap_or_else(|| panic!("no {k} in {best}"))
    };
    common::assert_parts_multiply_out(best);
    assert!(part("lexical") > 0.3 && part("gap_days") == 0.0, "{best}");
    assert!(
        best["embedding"].is_null() && best["same_language"] == true,
        "{best}"
    );
}
