//! Everything drawn on top of the tabs, on one stack: the briefing, help, the notices
//! history, dialogs, the quit question and the debrief. The top of the stack gets every key
//! and every mouse event; nothing underneath can be reached until it closes. Drawing goes
//! bottom to top, so what is on top is what the trainee sees and what the mouse hits.

use super::dialog::Dialog;
use super::hits::Scroll;

#[derive(Debug, Clone)]
pub enum Overlay {
    Briefing(Scroll),
    Help,
    /// Every notice, refusal and hint shown on the status line, newest first.
    Notices(Scroll),
    Dialog(Dialog),
    Debrief(Scroll),
}

impl Overlay {
    /// The wheel over the overlay: text scrolls, a picker moves its choice.
    pub fn on_wheel(&mut self, down: bool) {
        match self {
            Overlay::Briefing(scroll) | Overlay::Notices(scroll) | Overlay::Debrief(scroll) => {
                if down {
                    scroll.down(3);
                } else {
                    scroll.up(3);
                }
            }
            Overlay::Dialog(dialog) => dialog.on_wheel(down),
            Overlay::Help => {}
        }
    }

    /// The keys it answers, for the hint bar.
    pub fn keys(&self) -> String {
        let quit = super::command::key_for(super::command::Command::Quit);
        match self {
            Overlay::Briefing(_) => format!("↑↓ scroll · any other key begins · {quit} quit"),
            Overlay::Help => "any key closes the help".to_owned(),
            Overlay::Notices(_) => "↑↓ PgUp PgDn scroll · Esc or m closes".to_owned(),
            Overlay::Dialog(dialog) => dialog.keys(),
            Overlay::Debrief(_) => "↑↓ PgUp PgDn scroll the debrief".to_owned(),
        }
    }
}
