//! Every command the program answers, in one table, and the keys that do each: the key
//! handler, the hint bar and the help overlay all read them, so they cannot disagree about
//! what a key does. The keys come from a key map (`assets/keys.ron`, which a user's own
//! `keys.ron` overrides command by command), so the help shows the keys as mapped.

use super::settings::{self, Problem};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::de::{Deserialize, Deserializer, Error as _};
use std::cell::RefCell;
use std::collections::BTreeMap;

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
    /// Shows or hides what is coming up next (an author's and a presenter's view).
    ToggleComingUp,
    Notices,
    ToggleGoals,
    Hint,
    Rewind,
    /// Hides or shows the hint bar (a presenter's room needs the rows).
    ToggleHints,
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

/// A command, where it works and how it is described; its keys are in the key map.
pub struct Binding {
    /// Its name in a key map file.
    pub name: &'static str,
    pub command: Command,
    pub label: &'static str,
    /// Which places it works in; `None` means everywhere.
    pub places: Option<&'static [Place]>,
    /// Shown in the one-line hint bar (the help overlay shows every binding).
    pub hint: bool,
}

use Place::*;

#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    Binding { name: "up", command: Command::Up, label: "up", places: None, hint: false },
    Binding { name: "down", command: Command::Down, label: "down", places: None, hint: false },
    Binding { name: "left", command: Command::Left, label: "status groups", places: Some(&[OrderList]), hint: false },
    Binding { name: "right", command: Command::Right, label: "orders of the group", places: Some(&[OrderList]), hint: false },
    Binding { name: "page_up", command: Command::PageUp, label: "page up", places: Some(&[OrderList, OrderDetail, Support]), hint: false },
    Binding { name: "page_down", command: Command::PageDown, label: "page down", places: Some(&[OrderList, OrderDetail, Support]), hint: false },
    Binding { name: "select", command: Command::ToggleSelect, label: "select", places: Some(&[Cart]), hint: true },
    Binding { name: "select_all", command: Command::SelectAll, label: "all", places: Some(&[Cart]), hint: true },
    Binding { name: "delete", command: Command::DeleteSelected, label: "delete", places: Some(&[Cart]), hint: true },
    Binding { name: "coupon", command: Command::ChooseCoupon, label: "coupon", places: Some(&[Cart]), hint: true },
    Binding { name: "checkout", command: Command::Checkout, label: "checkout", places: Some(&[Cart]), hint: true },
    Binding { name: "catalogue", command: Command::AddFromCatalogue, label: "catalogue", places: Some(&[Cart]), hint: true },
    Binding { name: "open", command: Command::Open, label: "open/do", places: Some(&[OrderList, OrderDetail, Support]), hint: true },
    Binding { name: "ask_support", command: Command::AskQuestion, label: "ask support", places: Some(&[Support]), hint: true },
    Binding { name: "back", command: Command::Back, label: "back", places: Some(&[OrderList, OrderDetail]), hint: true },
    Binding { name: "run_pause", command: Command::PauseResume, label: "run/pause", places: None, hint: true },
    Binding { name: "next_moment", command: Command::NextEvent, label: "next moment", places: None, hint: true },
    Binding { name: "faster", command: Command::Faster, label: "faster clock", places: None, hint: false },
    Binding { name: "slower", command: Command::Slower, label: "slower clock", places: None, hint: false },
    Binding { name: "plus_hour", command: Command::PlusHour, label: "+1 hour", places: None, hint: false },
    Binding { name: "plus_day", command: Command::PlusDay, label: "+1 day", places: None, hint: false },
    Binding { name: "event_log", command: Command::ToggleLog, label: "event log", places: None, hint: false },
    Binding { name: "coming_up", command: Command::ToggleComingUp, label: "coming up", places: None, hint: false },
    Binding { name: "notices", command: Command::Notices, label: "notices so far", places: None, hint: false },
    Binding { name: "goals", command: Command::ToggleGoals, label: "goals", places: None, hint: true },
    Binding { name: "hint", command: Command::Hint, label: "hint (costs points)", places: None, hint: false },
    Binding { name: "rewind", command: Command::Rewind, label: "rewind to an action", places: None, hint: false },
    Binding { name: "device", command: Command::SwitchDevice, label: "website / mobile app", places: None, hint: false },
    Binding { name: "next_tab", command: Command::NextTab, label: "next tab", places: None, hint: false },
    Binding { name: "previous_tab", command: Command::PrevTab, label: "previous tab", places: None, hint: false },
    Binding { name: "tab_1", command: Command::GoTab(0), label: "Cart", places: None, hint: false },
    Binding { name: "tab_2", command: Command::GoTab(1), label: "My Orders", places: None, hint: false },
    Binding { name: "tab_3", command: Command::GoTab(2), label: "Support", places: None, hint: false },
    Binding { name: "tab_4", command: Command::GoTab(3), label: "Finances", places: None, hint: false },
    Binding { name: "hint_bar", command: Command::ToggleHints, label: "hide/show this bar", places: None, hint: false },
    Binding { name: "help", command: Command::Help, label: "help", places: None, hint: true },
    Binding { name: "quit", command: Command::Quit, label: "quit", places: None, hint: true },
];

/// The key map shipped with the program.
pub const DEFAULT_KEYS: &str = include_str!("../../assets/keys.ron");

/// The keys of each binding, by its index in `BINDINGS`.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyMap {
    keys: Vec<Vec<KeyCode>>,
}

thread_local! {
    static KEYS: RefCell<KeyMap> = RefCell::new(KeyMap::default());
}

/// Uses this key map from now on (the command line sets the user's at start).
pub fn use_keys(map: KeyMap) {
    KEYS.with(|k| *k.borrow_mut() = map);
}

fn with_keys<T>(f: impl FnOnce(&KeyMap) -> T) -> T {
    KEYS.with(|k| f(&k.borrow()))
}

impl Default for KeyMap {
    fn default() -> KeyMap {
        // The file ships inside the program and a test reads it: it always parses.
        KeyMap::parse(DEFAULT_KEYS).unwrap_or_else(|_| KeyMap {
            keys: vec![Vec::new(); BINDINGS.len()],
        })
    }
}

impl KeyMap {
    /// A whole key map (every command named).
    pub fn parse(text: &str) -> Result<KeyMap, Problem> {
        let file: BTreeMap<CommandName, Vec<KeyName>> = settings::parse(text)?;
        let mut keys = vec![Vec::new(); BINDINGS.len()];
        for (command, given) in file {
            keys[command.0] = given.into_iter().map(|k| k.0).collect();
        }
        Ok(KeyMap { keys })
    }

    /// This map with a user's file on top: each command it names gets the keys it gives,
    /// and those keys are taken from any other command.
    pub fn with_overrides(mut self, text: &str) -> Result<KeyMap, Problem> {
        let file: BTreeMap<CommandName, Vec<KeyName>> = settings::parse(text)?;
        let given: Vec<(usize, Vec<KeyCode>)> = file
            .into_iter()
            .map(|(c, keys)| (c.0, keys.into_iter().map(|k| k.0).collect()))
            .collect();
        for (i, (a, keys_a)) in given.iter().enumerate() {
            for (b, keys_b) in &given[i + 1..] {
                if let Some(key) = keys_a.iter().find(|k| keys_b.contains(k))
                    && overlap(&BINDINGS[*a], &BINDINGS[*b])
                {
                    return Err(Problem::whole_file(format!(
                        "the key {} is given to both `{}` and `{}`",
                        key_name(*key),
                        BINDINGS[*a].name,
                        BINDINGS[*b].name
                    )));
                }
            }
        }
        for (command, keys) in &given {
            for other in &mut self.keys {
                other.retain(|k| !keys.contains(k));
            }
            self.keys[*command] = keys.clone();
        }
        Ok(self)
    }

    /// Commands that no key reaches any more.
    pub fn unreachable(&self) -> Vec<&'static str> {
        BINDINGS
            .iter()
            .zip(&self.keys)
            .filter(|(_, keys)| keys.is_empty())
            .map(|(b, _)| b.name)
            .collect()
    }
}

/// Whether two bindings work in a place in common.
fn overlap(a: &Binding, b: &Binding) -> bool {
    match (a.places, b.places) {
        (Some(pa), Some(pb)) => pa.iter().any(|p| pb.contains(p)),
        _ => true,
    }
}

/// A command's name in a key map file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct CommandName(usize);

impl<'de> Deserialize<'de> for CommandName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        if let Some(i) = BINDINGS.iter().position(|b| b.name == name) {
            return Ok(CommandName(i));
        }
        let names = BINDINGS.iter().map(|b| b.name);
        Err(D::Error::custom(
            match settings::closest(&name, names.clone()) {
                Some(best) => format!("there is no command `{name}`; did you mean `{best}`?"),
                None => format!(
                    "there is no command `{name}`; the commands are {}",
                    names.collect::<Vec<_>>().join(", ")
                ),
            },
        ))
    }
}

/// A key's name in a key map file.
struct KeyName(KeyCode);

/// Keys by name, as a key map file writes them (single characters aside).
const NAMED_KEYS: &[(&str, KeyCode)] = &[
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("BackTab", KeyCode::BackTab),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
    ("Space", KeyCode::Char(' ')),
];

/// Other names people write for the same keys, and the names the help shows.
const KEY_ALIASES: &[(&str, KeyCode)] = &[
    ("Escape", KeyCode::Esc),
    ("Return", KeyCode::Enter),
    ("PgUp", KeyCode::PageUp),
    ("PgDn", KeyCode::PageDown),
    ("Del", KeyCode::Delete),
    ("Bksp", KeyCode::Backspace),
    ("S-Tab", KeyCode::BackTab),
    ("↑", KeyCode::Up),
    ("↓", KeyCode::Down),
    ("←", KeyCode::Left),
    ("→", KeyCode::Right),
];

impl<'de> Deserialize<'de> for KeyName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        parse_key(&name).map(KeyName).map_err(D::Error::custom)
    }
}

fn parse_key(name: &str) -> Result<KeyCode, String> {
    if let Some((_, code)) = NAMED_KEYS
        .iter()
        .chain(KEY_ALIASES)
        .find(|(n, _)| *n == name)
    {
        return Ok(*code);
    }
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return if c.is_control() {
            Err("a key cannot be a control character".into())
        } else {
            Ok(KeyCode::Char(c))
        };
    }
    if let Some(n) = name.strip_prefix('F').and_then(|n| n.parse::<u8>().ok())
        && (1..=12).contains(&n)
    {
        return Ok(KeyCode::F(n));
    }
    let names = NAMED_KEYS.iter().map(|(n, _)| *n);
    Err(match settings::closest(name, names) {
        Some(best) => format!("there is no key `{name}`; did you mean `{best}`?"),
        None => format!(
            "there is no key `{name}`: write a single character, F1 to F12, or one of {}",
            NAMED_KEYS
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    })
}

/// How a key is shown in the hint bar and the help.
pub fn key_name(key: KeyCode) -> String {
    match key {
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::BackTab => "S-Tab".into(),
        KeyCode::Backspace => "Bksp".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::Insert => "Ins".into(),
        KeyCode::Char(' ') => "Space".into(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other}"),
    }
}

fn applies(binding: &Binding, place: Place) -> bool {
    binding.places.is_none_or(|places| places.contains(&place))
}

/// The command a key means here, if any. Place-specific bindings win over global ones.
pub fn command_for(key: KeyEvent, place: Place) -> Option<Command> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return (key.code == KeyCode::Char('c')).then_some(Command::Quit);
    }
    with_keys(|map| {
        let matching = || {
            BINDINGS
                .iter()
                .zip(&map.keys)
                .filter(|(b, keys)| keys.contains(&key.code) && applies(b, place))
        };
        matching()
            .find(|(b, _)| b.places.is_some())
            .or_else(|| matching().next())
            .map(|(b, _)| b.command)
    })
}

/// The first key of a command, as shown (for a sentence that names it).
/// Whether the key quits, as mapped (Ctrl-C always does): the briefing, the debrief and a
/// too-small screen answer it without being a place of their own.
pub fn is_quit(key: KeyEvent) -> bool {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return key.code == KeyCode::Char('c');
    }
    with_keys(|map| {
        BINDINGS
            .iter()
            .zip(&map.keys)
            .any(|(b, keys)| b.command == Command::Quit && keys.contains(&key.code))
    })
}

pub fn key_for(command: Command) -> String {
    with_keys(|map| {
        BINDINGS
            .iter()
            .zip(&map.keys)
            .find(|(b, _)| b.command == command)
            .and_then(|(_, keys)| keys.first().map(|k| key_name(*k)))
            .unwrap_or_else(|| "(no key)".into())
    })
}

/// A binding as shown: its keys as mapped now.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    pub command: Command,
    pub label: &'static str,
    pub keys: Vec<KeyCode>,
    /// The keys, as the help writes them ("↑/k", "d/Del").
    pub shown_keys: String,
    /// The first key only, as the one-line hint bar writes it to leave room for more.
    pub hint_keys: String,
}

/// The bindings shown for a place: in the help overlay (all) or the hint bar (`hint`).
/// A command no key reaches is not shown.
pub fn shown(place: Place, hints_only: bool) -> Vec<Shown> {
    with_keys(|map| {
        BINDINGS
            .iter()
            .zip(&map.keys)
            .filter(|(b, keys)| applies(b, place) && !keys.is_empty() && (!hints_only || b.hint))
            .map(|(b, keys)| Shown {
                command: b.command,
                label: b.label,
                keys: keys.clone(),
                shown_keys: keys
                    .iter()
                    .map(|k| key_name(*k))
                    .collect::<Vec<_>>()
                    .join("/"),
                hint_keys: keys.first().map(|k| key_name(*k)).unwrap_or_default(),
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_key_map_parses_and_reaches_every_command() {
        let map = KeyMap::parse(DEFAULT_KEYS).expect("assets/keys.ron parses");
        assert!(map.unreachable().is_empty(), "{:?}", map.unreachable());
        assert_eq!(map, KeyMap::default());
    }

    #[test]
    fn every_shown_binding_resolves_to_its_own_command() {
        for place in [Cart, OrderList, OrderDetail, Support, Finances] {
            for binding in shown(place, false) {
                for code in &binding.keys {
                    let key = KeyEvent::new(*code, KeyModifiers::NONE);
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

    #[test]
    fn a_users_key_is_taken_from_the_command_that_had_it() {
        let map = KeyMap::default()
            .with_overrides(r#"{ "help": ["q", "F1"] }"#)
            .expect("valid");
        use_keys(map.clone());
        let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
        assert_eq!(
            command_for(key(KeyCode::Char('q')), Cart),
            Some(Command::Help)
        );
        assert_eq!(command_for(key(KeyCode::F(1)), Cart), Some(Command::Help));
        assert_eq!(command_for(key(KeyCode::Char('?')), Cart), None);
        assert_eq!(map.unreachable(), ["quit"]);
        use_keys(KeyMap::default());
    }

    #[test]
    fn a_bad_key_map_says_where_and_what() {
        let unknown = KeyMap::default()
            .with_overrides("{\n  \"qiut\": [\"x\"],\n}")
            .expect_err("no such command");
        assert_eq!(unknown.line, 2, "{unknown:?}");
        assert!(
            unknown.message.contains("did you mean `quit`"),
            "{unknown:?}"
        );
        let key = KeyMap::default()
            .with_overrides("{ \"quit\": [\"Escp\"] }")
            .expect_err("no such key");
        assert!(key.message.contains("did you mean `Esc`"), "{key:?}");
        let twice = KeyMap::default()
            .with_overrides("{ \"quit\": [\"x\"], \"help\": [\"x\"] }")
            .expect_err("one key, two commands");
        assert!(twice.message.contains("both"), "{twice:?}");
        let broken = KeyMap::default()
            .with_overrides("{ \"quit\": [\"x\" }")
            .expect_err("broken RON");
        assert_eq!((broken.line, broken.column > 0), (1, true), "{broken:?}");
    }
}
