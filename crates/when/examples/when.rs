//! Prints the dates a text names: `cargo run -p storyline-when --example when -- LANG YYYY-MM-DD TEXT`.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [lang, day, text] = args.as_slice() else {
        eprintln!("usage: when LANG YYYY-MM-DD TEXT");
        std::process::exit(2);
    };
    let reference = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok();
    for m in storyline_when::mentions(text, lang, reference) {
        println!("{}..{}\t{}\t{}", m.start, m.end, m.text, m.value);
    }
}
