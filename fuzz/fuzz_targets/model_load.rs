//! The E5S1 model loader on arbitrary bytes: a file that is not a model, or a
//! damaged one, is refused with an error, never a panic or an allocation the file
//! cannot back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use storyline_embed::E5Model;

fuzz_target!(|data: &[u8]| {
    if let Ok(model) = E5Model::from_bytes(data.to_vec()) {
        let _ = model.token_count("Ein kurzer Satz, a short one, короткий.");
    }
});
