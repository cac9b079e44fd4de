//! Every key the program answers, in one table. The key handler, the hint bar and the help
//! overlay all read this table, so they cannot disagree about what a key does.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where the trainee is; each command works in some of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Cart,
    OrderList,
    OrderDetail,
    Support,
    Finances,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Quit,
    Help,
    NextTab,
    PrevTab,
    GoTab(usize),
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Open,
    Back,
    PauseResume,
    Faster,
    Slower,
    NextEvent,
    PlusHour,
    PlusDay,
    ToggleLog,
    Notices,
    ToggleGoals,
    Hint,
    Rewind,
    /// Go on in the mobile app or on the website (some platforms have an action in one only).
    SwitchDevice,
    // Cart
    ToggleSelect,
    SelectAll,
    DeleteSelected,
    ChooseCoupon,
    Checkout,
    AddFromCatalogue,
    // Support
    AskQuestion,
}

/// Which places a binding works in; `None` means everywhere.
pub struct Binding {
    pub keys: &'static [KeyCode],
    pub shown_keys: &'static str,
    pub command: Command,
    pub label: &'static str,
    pub places: Option<&'static [Place]>,
    /// Shown in the one-line hint bar (the help overlay shows every binding).
    pub hint: bool,
}

use KeyCode::*;
use Place::*;

#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    Binding { keys: &[Up, Char('k')], shown_keys: "↑/k", command: Command::Up, label: "up", places: None, hint: false },
    Binding { keys: &[Down, Char('j')], shown_keys: "↓/j", command: Command::Down, label: "down", places: None, hint: false },
    Binding { keys: &[Left, Char('h')], shown_keys: "←/h", command: Command::Left, label: "status groups", places: Some(&[OrderList]), hint: false },
    Binding { keys: &[Right, Char('l')], shown_keys: "→/l", command: Command::Right, label: "orders of the group", places: Some(&[OrderList]), hint: false },
    Binding { keys: &[PageUp], shown_keys: "PgUp", command: Command::PageUp, label: "page up", places: Some(&[OrderList, OrderDetail, Support]), hint: false },
    Binding { keys: &[PageDown], shown_keys: "PgDn", command: Command::PageDown, label: "page down", places: Some(&[OrderList, OrderDetail, Support]), hint: false },
    Binding { keys: &[Char(' ')], shown_keys: "Space", command: Command::ToggleSelect, label: "select", places: Some(&[Cart]), hint: true },
    Binding { keys: &[Char('a')], shown_keys: "a", command: Command::SelectAll, label: "all", places: Some(&[Cart]), hint: true },
    Binding { keys: &[Char('d'), Delete], shown_keys: "d", command: Command::DeleteSelected, label: "delete", places: Some(&[Cart]), hint: true },
    Binding { keys: &[Char('c')], shown_keys: "c", command: Command::ChooseCoupon, label: "coupon", places: Some(&[Cart]), hint: true },
    Binding { keys: &[Char('o')], shown_keys: "o", command: Command::Checkout, label: "checkout", places: Some(&[Cart]), hint: true },
    Binding { keys: &[Char('i')], shown_keys: "i", command: Command::AddFromCatalogue, label: "catalogue", places: Some(&[Cart]), hint: true },
    Binding { keys: &[Enter], shown_keys: "Enter", command: Command::Open, label: "open/do", places: Some(&[OrderList, OrderDetail, Support]), hint: true },
    Binding { keys: &[Char('w')], shown_keys: "w", command: Command::AskQuestion, label: "ask support", places: Some(&[Support]), hint: true },
    Binding { keys: &[Esc, Backspace], shown_keys: "Esc", command: Command::Back, label: "back", places: Some(&[OrderList, OrderDetail]), hint: true },
    Binding { keys: &[Char('p')], shown_keys: "p", command: Command::PauseResume, label: "run/pause", places: None, hint: true },
    Binding { keys: &[Char('n')], shown_keys: "n", command: Command::NextEvent, label: "next moment", places: None, hint: true },
    Binding { keys: &[Char('+'), Char('=')], shown_keys: "+/-", command: Command::Faster, label: "clock speed", places: None, hint: false },
    Binding { keys: &[Char('-')], shown_keys: "", command: Command::Slower, label: "slower clock", places: None, hint: false },
    Binding { keys: &[Char('H')], shown_keys: "H", command: Command::PlusHour, label: "+1 hour", places: None, hint: false },
    Binding { keys: &[Char('D')], shown_keys: "D", command: Command::PlusDay, label: "+1 day", places: None, hint: false },
    Binding { keys: &[Char('e')], shown_keys: "e", command: Command::ToggleLog, label: "event log", places: None, hint: false },
    Binding { keys: &[Char('m')], shown_keys: "m", command: Command::Notices, label: "notices so far", places: None, hint: false },
    Binding { keys: &[Char('g')], shown_keys: "g", command: Command::ToggleGoals, label: "goals", places: None, hint: true },
    Binding { keys: &[Char('t')], shown_keys: "t", command: Command::Hint, label: "hint (costs points)", places: None, hint: false },
    Binding { keys: &[Char('u')], shown_keys: "u", command: Command::Rewind, label: "rewind to an action", places: None, hint: false },
    Binding { keys: &[Char('v')], shown_keys: "v", command: Command::SwitchDevice, label: "website / mobile app", places: None, hint: false },
    Binding { keys: &[Tab], shown_keys: "Tab", command: Command::NextTab, label: "next tab", places: None, hint: false },
    Binding { keys: &[BackTab], shown_keys: "S-Tab", command: Command::PrevTab, label: "previous tab", places: None, hint: false },
    Binding { keys: &[Char('1')], shown_keys: "1-4", command: Command::GoTab(0), label: "go to tab 1-4", places: None, hint: false },
    Binding { keys: &[Char('2')], shown_keys: "", command: Command::GoTab(1), label: "", places: None, hint: false },
    Binding { keys: &[Char('3')], shown_keys: "", command: Command::GoTab(2), label: "", places: None, hint: false },
    Binding { keys: &[Char('4')], shown_keys: "", command: Command::GoTab(3), label: "", places: None, hint: false },
    Binding { keys: &[Char('?')], shown_keys: "?", command: Command::Help, label: "help", places: None, hint: true },
    Binding { keys: &[Char('q')], shown_keys: "q", command: Command::Quit, label: "quit", places: None, hint: true },
];

fn applies(binding: &Binding, place: Place) -> bool {
    binding.places.is_none_or(|places| places.contains(&place))
}

/// The command a key means here, if any. Place-specific bindings win over global ones.
pub fn command_for(key: KeyEvent, place: Place) -> Option<Command> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return (key.code == Char('c')).then_some(Command::Quit);
    }
    let matches = |b: &&Binding| b.keys.contains(&key.code) && applies(b, place);
    BINDINGS
        .iter()
        .filter(matches)
        .find(|b| b.places.is_some())
        .or_else(|| BINDINGS.iter().find(matches))
        .map(|b| b.command)
}

/// The bindings shown for a place: in the help overlay (all) or the hint bar (`hint`).
pub fn shown(place: Place, hints_only: bool) -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .filter(move |b| applies(b, place) && !b.shown_keys.is_empty() && (!hints_only || b.hint))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shown_binding_resolves_to_its_own_command() {
        for place in [Cart, OrderList, OrderDetail, Support, Finances] {
            for binding in shown(place, false) {
                let key = KeyEvent::new(binding.keys[0], KeyModifiers::NONE);
                assert_eq!(
                    command_for(key, place),
                    Some(binding.command),
                    "{} in {place:?}",
                    binding.shown_keys
                );
            }
        }
    }
}
