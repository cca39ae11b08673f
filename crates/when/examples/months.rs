//! Prints the month each word of standard input names, if any (a check of the tables).
use std::io::BufRead;
fn main() {
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let word = line.split('\t').next().unwrap_or("");
        println!("{line}\t{:?}", storyline_when::month_number(word));
    }
}
