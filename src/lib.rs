//! shopsim: rehearse what happens after "Buy" on a simulated clock against scripted sellers.
//!
//! `sim` is the pure core; `scenario` turns RON text into a simulation; `summary` reports
//! its state; `text` makes authors' text safe to print. The terminal UI and the command
//! line sit on top and decide no rule.

pub mod scenario;
pub mod sim;
pub mod summary;
pub mod text;
pub mod training;
pub mod ui;
