//! shopsim: rehearse what happens after "Buy" on a simulated clock against scripted sellers.

pub mod scenario;
pub mod sim;
