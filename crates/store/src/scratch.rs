//! A throwaway schema on a PostgreSQL server, for tests: the server comes from
//! `STORYLINE_STORE` (`scripts/postgres start` prints one); the schema is made
//! fresh and dropped with the value.

use std::sync::atomic::{AtomicU32, Ordering};

/// A schema of its own on the test server.
pub struct Scratch {
    server: String,
    name: String,
}

impl Scratch {
    /// A new, empty schema named after `label`, the process and a counter.
    ///
    /// # Panics
    /// Without `STORYLINE_STORE`, or when the server refuses: tests want to fail then.
    pub fn new(label: &str) -> Scratch {
        static N: AtomicU32 = AtomicU32::new(0);
        let server = std::env::var("STORYLINE_STORE")
            .expect("STORYLINE_STORE=postgres://… (scripts/postgres start prints one)");
        let name = format!(
            "test_{label}_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        );
        let mut admin = postgres::Client::connect(&server, postgres::NoTls)
            .expect("the PostgreSQL server of STORYLINE_STORE");
        admin
            .batch_execute(&format!(
                "DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name}"
            ))
            .expect("a new schema");
        Scratch { server, name }
    }

    /// The URL of a store in this schema.
    pub fn url(&self) -> String {
        let sep = if self.server.contains('?') { '&' } else { '?' };
        format!("{}{sep}options=-csearch_path%3D{}", self.server, self.name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Ok(mut admin) = postgres::Client::connect(&self.server, postgres::NoTls) {
            let _ = admin.batch_execute(&format!("DROP SCHEMA {} CASCADE", self.name));
        }
    }
}
