//! Zhurnal — an offline electronic class journal. The journal core (everything but `gui`) knows
//! nothing of the desktop toolkit: the CLI, the tests and the GUI all drive the same core.

pub mod access;
pub mod archive;
pub mod attendance;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod check;
pub mod cli;
pub mod db;
pub mod demo;
pub mod error;
#[cfg(feature = "gui")]
pub mod gui;
pub mod i18n;
pub mod journal;
pub mod lessons;
pub mod model;
pub mod ops;
pub mod pdf;
pub mod report;
pub mod school;
pub mod setup;
pub mod store;
pub mod words;

pub use db::Db;
pub use error::{Error, Result};
