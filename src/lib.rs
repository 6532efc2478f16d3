//! rolefit: check resumes against production technician and production
//! engineer requirements, with evidence.
//!
//! The pipeline reads top to bottom:
//! [`extract`] (bytes → [`document::Document`]) → [`analyze`] (document →
//! [`report::Findings`]) → [`score`] (findings × role profile →
//! [`report::Scorecard`]) → [`report`] (results → human, JSON, …).
//! [`check`] runs that pipeline for one file; [`run`] for many; [`view`]
//! groups, filters and orders a run's results for the report.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod analyze;
pub mod ats;
pub mod baseline;
pub mod check;

pub mod error;
pub mod explain;
pub mod extract;
pub mod month;
pub mod normalize;
pub mod pattern;
pub mod posting;

pub mod report;
pub mod roundtrip;
pub mod rules;
pub mod run;
pub mod score;
pub mod suggest;
mod varint;
pub mod view;
