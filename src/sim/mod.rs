//! The simulation core. It knows no terminal, reads no wall clock and touches no file:
//! everything it needs comes in as data, and the same data always gives the same story.

pub mod action;
pub mod agent;
pub mod engine;
pub mod log;
pub mod money;
pub mod policy;
pub mod time;
pub mod world;

pub use action::{Action, Advance, ChargebackRoute, Refusal};
pub use engine::{Offer, Scheduled, Setup, Simulation};
pub use money::Money;
pub use policy::Policy;
pub use time::{Moment, Span};
