//! `storyline completions SHELL`: a script that knows every command and option.

mod common;

fn completions(shell: &str) -> (bool, String, String) {
    let out = common::binary()
        .args(["completions", shell])
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn each_shell_gets_a_script_naming_every_command_and_option() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (ok, script, err) = completions(shell);
        assert!(ok, "{shell}: {err}");
        for word in [
            "ingest",
            "stories",
            "cluster",
            "serve",
            "config",
            "data",
            "lexical-only",
        ] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
    }
    let (ok, _, err) = completions("tcsh");
    assert!(!ok && err.contains("possible values"), "{err}");
}

#[test]
fn the_manual_page_is_roff_naming_every_command() {
    let out = common::binary().arg("manpage").output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq") || page.contains(".TH storyline"),
        "{page}"
    );
    for command in ["ingest", "watch", "export", "serve", "alert"] {
        assert!(page.contains(command), "the page lacks {command}");
    }
}
