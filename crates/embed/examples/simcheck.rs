fn main() {
    let m = storyline_embed::E5Model::load(std::path::Path::new("models/e5-small-q4.bin")).unwrap();
    let lines: Vec<String> = std::io::stdin()
        .lines()
        .map_while(Result::ok)
        .filter(|l| !l.is_empty())
        .collect();
    let v: Vec<Vec<f32>> = lines.iter().map(|l| m.embed_one(l)).collect();
    for i in 0..lines.len() {
        let row: Vec<String> = (0..lines.len())
            .map(|j| format!("{:.2}", storyline_embed::cosine(&v[i], &v[j])))
            .collect();
        println!(
            "{:>2} {} | {}",
            i,
            row.join(" "),
            &lines[i].chars().take(50).collect::<String>()
        );
    }
}
