//! Zhurnal — an offline electronic class journal. The journal core (everything but `gui`) knows
//! nothing of the desktop toolkit: the CLI, the tests and the GUI all drive the same core.

pub mod access;
pub mod audit;
pub mod auth;
pub mod check;
pub mod cli;
pub mod db;
pub mod demo;
pub mod error;
pub mod journal;
pub mod model;
pub mod school;

pub use db::Db;
pub use error::{Error, Result};
