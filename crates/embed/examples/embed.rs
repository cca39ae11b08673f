//! Prints the token count and embedding of each argument, one line each, in the same
//! shape as other e5 tools print them (for parity checks).
//!
//!     cargo run --release -p storyline-embed --example embed -- models/e5-small-q4.bin "text" ...

use std::path::Path;

use storyline_embed::E5Model;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: embed MODEL TEXT...");
        std::process::exit(2);
    };
    let model = match E5Model::load(Path::new(&path)) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    for text in args {
        let v = model.embed_one(&text);
        let values: Vec<String> = v.iter().map(|x| format!("{x:.6}")).collect();
        println!("{} {}", model.token_count(&text), values.join(" "));
    }
}
