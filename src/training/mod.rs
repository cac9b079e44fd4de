//! Training: what a scenario asks of the trainee, how a session tracks it, and the debrief
//! and reports an instructor reads. Pure, like the core: no terminal, clock or files.

pub mod ahead;
pub mod caption;
pub mod class;
pub mod coach;
pub mod debrief;
pub mod goal;
pub mod journal;
pub mod replay;
pub mod session;
pub mod spec;

pub use coach::{Coach, Ending, Mode, Status};
pub use debrief::Debrief;
pub use goal::Deeds;
pub use journal::{JournalLine, SessionEvent};
pub use replay::{NoLongerApplies, Replay, TimedAction, carry_over, replay, replay_keeping};
pub use session::{Session, Step};
pub use spec::TrainingSpec;
