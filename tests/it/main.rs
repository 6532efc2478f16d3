//! The integration tests: one test binary, one module per area, shared helpers
//! in `util`. Run one area with `cargo test --test it AREA::` (for instance
//! `cargo test --test it resumes:: -- --nocapture` for the accuracy table).

mod schema;
mod util;

mod ats;
mod batch;
mod ci;
mod cli;
mod config;
mod formats;
mod generated;
#[cfg(target_os = "linux")]
mod hostile;
mod human;
mod lexicon;
mod ocr;
#[cfg(target_os = "linux")]
mod pdf;
mod pdf_content;
mod pdf_corpus;
mod pdf_render_ocr;
mod postings;
mod profiles;
mod properties;
mod recruiter;
mod reports;
mod resumes;
