//! Prints how main-content extraction saw a page: candidate scores and every text
//! block with its link density and whether it was kept.
//!
//!     cargo run --release -p storyline-extract --example blocks -- page.html

fn main() {
    for path in std::env::args().skip(1) {
        match std::fs::read(&path) {
            Ok(bytes) => {
                let html = String::from_utf8_lossy(&bytes);
                print!("{}", storyline_extract::explain_main_content(&html));
            }
            Err(e) => eprintln!("{path}: {e}"),
        }
    }
}
