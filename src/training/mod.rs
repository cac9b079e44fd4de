//! Training: what a scenario asks of the trainee, how a session tracks it, and the debrief
//! and reports an instructor reads. Pure, like the core: no terminal, clock or files.

pub mod debrief;
mod goal;
pub mod session;
pub mod spec;

pub use debrief::Debrief;
pub use session::{Ending, Mode, Session, Status};
pub use spec::TrainingSpec;
