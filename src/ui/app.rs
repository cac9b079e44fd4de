//! The trainee's screen state: which tab is open, what is on the overlay stack, how fast
//! the clock runs, what the status line says.
//!
//! Keys become `Command`s (see `command`); tabs and dialogs turn commands into `Intent`s;
//! only `App::carry_out` acts, and only through the training session, which owns the
//! simulation. Drawing (`draw`) reads this state and records where things are for the
//! mouse.

use super::clock::ClockControl;
use super::command::{Command, Place, command_for};
use super::dialog::{Dialog, Outcome, Picker};
use super::hits::{HitMap, Scroll, Target};
use super::intent::Intent;
use super::overlay::Overlay;
use super::tabs::{CartTab, FinancesTab, OrdersTab, SupportTab};
use crate::sim::log::Fact;
use crate::sim::policy::Device;
use crate::sim::time::{Moment, show};
use crate::sim::{Action, Advance, Simulation, Span};
use crate::training::{Ending, JournalLine, Mode, Session, SessionEvent, Step, TrainingSpec};
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Cart,
    Orders,
    Support,
    Finances,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Cart, Tab::Orders, Tab::Support, Tab::Finances];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Cart => "Cart",
            Tab::Orders => "My Orders",
            Tab::Support => "Support",
            Tab::Finances => "Finances",
        }
    }

    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Refusal,
    Notice,
}

/// A line for the status bar; every one is kept in the notices history.
#[derive(Debug, Clone)]
pub struct Status {
    pub text: String,
    pub kind: StatusKind,
    /// The simulated moment it was said.
    pub at: Moment,
}

/// What a scenario gives the screen: its session and the text of its briefing.
pub struct Story<'a> {
    pub setup: std::sync::Arc<crate::sim::engine::Setup>,
    pub training: TrainingSpec,
    pub title: &'a str,
    pub briefing: &'a str,
}

pub struct App {
    pub session: Session,
    pub briefing: String,
    pub tab: Tab,
    pub cart: CartTab,
    pub orders: OrdersTab,
    pub support: SupportTab,
    pub finances: FinancesTab,
    /// Briefing, help, notices, dialogs and the debrief: the top one has the keys.
    pub overlays: Vec<Overlay>,
    pub clock: ClockControl,
    pub status: Option<Status>,
    /// Everything the status line has said, oldest first.
    pub notices: Vec<Status>,
    /// Log entries already turned into notices.
    seen_log: usize,
    /// Notices the trainee has not looked at (shown in the header).
    pub unseen: usize,
    pub show_log: bool,
    /// The "coming up" panel: the next moments that matter.
    pub show_ahead: bool,
    pub show_goals: bool,
    /// The key hint bar at the bottom; a presenter hides it for the rows.
    pub show_hints: bool,
    pub should_quit: bool,
    /// Milliseconds of real time since the session began (set by the event loop).
    pub real_ms: u64,
    /// Where the last frame drew what the mouse can reach.
    pub hits: HitMap,
    /// The event log panel's scroll, counted from its newest line.
    pub log_scroll: Scroll,
    /// The last frame said the terminal is too small: keys wait until it is not.
    pub too_small: bool,
    /// What changed the session since the caller last looked, in order: the caller writes
    /// it to the journal before the next frame shows its effect.
    pub outbox: Vec<JournalLine>,
    /// Where the final report went, or why it could not be written (shown in the debrief).
    pub report: Option<Result<String, String>>,
    /// The journal could not be written: said once.
    journal_broken: bool,
    /// A demonstration's caption, drawn under the screen; `None` when a person plays.
    pub caption: Option<super::demo::Caption>,
}

impl App {
    pub fn new(scenario: &crate::scenario::Scenario) -> App {
        App::with_mode(scenario, Mode::Practice)
    }

    pub fn with_mode(scenario: &crate::scenario::Scenario, mode: Mode) -> App {
        App::for_story(
            Story {
                setup: scenario.setup.clone(),
                training: scenario.file.training.clone().unwrap_or_default(),
                title: &scenario.file.title,
                briefing: &scenario.file.briefing,
            },
            mode,
        )
    }

    pub fn for_story(story: Story<'_>, mode: Mode) -> App {
        let session = Session::new(story.setup, story.training, mode, story.title);
        App::for_story_session(session, story.briefing)
    }

    fn for_story_session(session: Session, briefing: &str) -> App {
        let seen_log = session.sim().log().len();
        App {
            session,
            briefing: briefing.to_owned(),
            tab: Tab::Cart,
            cart: CartTab::default(),
            orders: OrdersTab::default(),
            support: SupportTab::default(),
            finances: FinancesTab::default(),
            overlays: vec![Overlay::Briefing(Scroll::default())],
            clock: ClockControl::default(),
            status: None,
            notices: Vec::new(),
            seen_log,
            unseen: 0,
            show_log: false,
            show_ahead: false,
            show_goals: false,
            show_hints: true,
            should_quit: false,
            real_ms: 0,
            hits: HitMap::default(),
            log_scroll: Scroll::default(),
            too_small: false,
            outbox: Vec::new(),
            report: None,
            journal_broken: false,
            caption: None,
        }
    }

    /// An app on a session already under way (resumed from its journal).
    pub fn resumed(session: Session, briefing: &str) -> App {
        let mut app = App::for_story_session(session, briefing);
        app.overlays.clear();
        app.say(
            StatusKind::Notice,
            "Resumed where the session was: the clock is paused.".into(),
        );
        // A session that had ended shows its debrief, as it did before.
        if app.session.ending().is_some() && !app.session.is_sandbox() {
            app.overlays.push(Overlay::Debrief(Scroll::default()));
        }
        app
    }

    /// Does what a journal line records, with what the screen shows of it, as the
    /// trainee's keys did: a demonstration plays a script or a trainee's journal this way.
    pub fn redo(&mut self, line: &JournalLine) {
        self.real_ms = line.real_ms;
        match &line.event {
            SessionEvent::Apply(action) => {
                self.act(action.clone());
            }
            SessionEvent::Hint => self.on_command(Command::Hint),
            SessionEvent::Rewind(index) => self.carry_out(Intent::Rewind(*index)),
            SessionEvent::Stop => self.quit_confirmed(),
            SessionEvent::PlayOn => {
                self.journal(SessionEvent::PlayOn);
                if self.session.play_on().is_ok() {
                    self.overlays.retain(|o| !matches!(o, Overlay::Debrief(_)));
                    self.say(
                        StatusKind::Notice,
                        "Sandbox: played on after the end; nothing now is scored.".into(),
                    );
                }
            }
        }
    }

    /// The journal could not be written: the trainee hears it once, and plays on.
    pub fn journal_failed(&mut self, why: String) {
        if self.journal_broken {
            return;
        }
        self.journal_broken = true;
        self.say(
            StatusKind::Refusal,
            format!(
                "The session journal cannot be written ({why}): if shopsim stops now, this session cannot be resumed."
            ),
        );
    }

    fn ask_hint(&mut self) -> Result<crate::training::spec::Hint, crate::sim::Refusal> {
        self.journal(SessionEvent::Hint);
        self.session.ask_hint(self.real_ms)
    }

    fn rewind(&mut self, index: usize) -> Result<Step, crate::sim::Refusal> {
        self.journal(SessionEvent::Rewind(index));
        self.session.rewind(index, self.real_ms)
    }

    /// Notes a change to the session for the journal, before it is made.
    fn journal(&mut self, event: SessionEvent) {
        self.outbox.push(JournalLine::new(self.real_ms, event));
    }

    pub fn sim(&self) -> &Simulation {
        self.session.sim()
    }

    pub fn title(&self) -> &str {
        self.session.title()
    }

    /// The dialog on top of the stack, if the top is a dialog.
    pub fn dialog(&self) -> Option<&Dialog> {
        match self.overlays.last() {
            Some(Overlay::Dialog(dialog)) => Some(dialog),
            _ => None,
        }
    }

    pub fn showing_briefing(&self) -> bool {
        matches!(self.overlays.last(), Some(Overlay::Briefing(_)))
    }

    pub fn showing_help(&self) -> bool {
        matches!(self.overlays.last(), Some(Overlay::Help))
    }

    pub fn showing_debrief(&self) -> bool {
        matches!(self.overlays.last(), Some(Overlay::Debrief(_)))
    }

    pub fn showing_notices(&self) -> bool {
        matches!(self.overlays.last(), Some(Overlay::Notices(_)))
    }

    fn is_training(&self) -> bool {
        self.session.coach().is_training()
    }

    pub fn place(&self) -> Place {
        match self.tab {
            Tab::Cart => Place::Cart,
            Tab::Orders if self.orders.detail.is_some() => Place::OrderDetail,
            Tab::Orders => Place::OrderList,
            Tab::Support => Place::Support,
            Tab::Finances => Place::Finances,
        }
    }

    /// Handles one terminal event. Returns whether anything on screen may have changed.
    pub fn on_event(&mut self, event: &Event) -> bool {
        match event {
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                self.on_key(*key);
                true
            }
            Event::Mouse(mouse) => self.on_mouse(*mouse),
            Event::Resize(..) => true,
            _ => false,
        }
    }

    pub fn on_key(&mut self, key: KeyEvent) {
        // Nothing on screen says what a key would do: only quitting works until it fits.
        if self.too_small {
            if super::command::is_quit(key) {
                self.should_quit = true;
            }
            return;
        }
        if let Some(top) = self.overlays.pop() {
            self.on_overlay_key(top, key);
            return;
        }
        // A message is read by the next key press; what that key does may say something new.
        self.status = None;
        if let Some(command) = command_for(key, self.place()) {
            self.on_command(command);
        }
    }

    /// Scrolls the text on top (briefing, notices, debrief) by `lines`; `false` when no
    /// such text is on top.
    pub fn scroll_top(&mut self, down: bool, lines: u16) -> bool {
        match self.overlays.last_mut() {
            Some(
                Overlay::Briefing(scroll) | Overlay::Notices(scroll) | Overlay::Debrief(scroll),
            ) => {
                if down {
                    scroll.down(lines);
                } else {
                    scroll.up(lines);
                }
                true
            }
            _ => false,
        }
    }

    /// Whether the text on top can be scrolled.
    pub fn top_scrolls(&self) -> bool {
        matches!(
            self.overlays.last(),
            Some(Overlay::Briefing(_) | Overlay::Notices(_) | Overlay::Debrief(_))
        )
    }

    /// The top overlay answers the key; it stays unless the key closes it.
    fn on_overlay_key(&mut self, top: Overlay, key: KeyEvent) {
        let code = key.code;
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match top {
            Overlay::Briefing(scroll) if super::command::is_quit(key) => {
                self.ask_to_quit(Some(Overlay::Briefing(scroll)));
            }
            Overlay::Briefing(mut scroll) => match code {
                KeyCode::Down | KeyCode::Char('j') => {
                    scroll.down(1);
                    self.overlays.push(Overlay::Briefing(scroll));
                }
                KeyCode::Up | KeyCode::Char('k') => {
                    scroll.up(1);
                    self.overlays.push(Overlay::Briefing(scroll));
                }
                KeyCode::PageDown => {
                    scroll.down(10);
                    self.overlays.push(Overlay::Briefing(scroll));
                }
                KeyCode::PageUp => {
                    scroll.up(10);
                    self.overlays.push(Overlay::Briefing(scroll));
                }
                _ => {}
            },
            Overlay::Help => {}
            Overlay::Notices(mut scroll) => match code {
                KeyCode::Down | KeyCode::Char('j') => {
                    scroll.down(1);
                    self.overlays.push(Overlay::Notices(scroll));
                }
                KeyCode::Up | KeyCode::Char('k') => {
                    scroll.up(1);
                    self.overlays.push(Overlay::Notices(scroll));
                }
                KeyCode::PageDown => {
                    scroll.down(10);
                    self.overlays.push(Overlay::Notices(scroll));
                }
                KeyCode::PageUp => {
                    scroll.up(10);
                    self.overlays.push(Overlay::Notices(scroll));
                }
                _ => {}
            },
            Overlay::Debrief(_) if super::command::is_quit(key) => self.should_quit = true,
            Overlay::Debrief(scroll) => self.on_debrief_key(scroll, code),
            Overlay::Dialog(mut dialog) => {
                let wants_quit = (ctrl && matches!(code, KeyCode::Char('c') | KeyCode::Char('q')))
                    || (!dialog.takes_text() && super::command::is_quit(key));
                if wants_quit && !matches!(dialog, Dialog::Quit) {
                    self.ask_to_quit(Some(Overlay::Dialog(dialog)));
                    return;
                }
                match dialog.on_key(key, self.session.sim()) {
                    Outcome::Stay => self.overlays.push(Overlay::Dialog(dialog)),
                    Outcome::Close => {}
                    Outcome::Submit(intent) => self.carry_out(*intent),
                    Outcome::QuitConfirmed => self.quit_confirmed(),
                }
            }
        }
    }

    fn on_debrief_key(&mut self, mut scroll: Scroll, code: KeyCode) {
        let keep = |app: &mut App, scroll| app.overlays.push(Overlay::Debrief(scroll));
        match code {
            KeyCode::Down | KeyCode::Char('j') => {
                scroll.down(1);
                keep(self, scroll);
            }
            KeyCode::Up | KeyCode::Char('k') => {
                scroll.up(1);
                keep(self, scroll);
            }
            KeyCode::PageDown => {
                scroll.down(10);
                keep(self, scroll);
            }
            KeyCode::PageUp => {
                scroll.up(10);
                keep(self, scroll);
            }
            KeyCode::Enter | KeyCode::Esc => match (self.session.ending(), self.session.mode()) {
                (None, _) => {}
                (Some(Ending::Stopped), _) => self.should_quit = true,
                (Some(_), Mode::Practice) if !self.session.is_sandbox() => {
                    self.journal(SessionEvent::PlayOn);
                    if self.session.play_on().is_ok() {
                        self.say(
                            StatusKind::Notice,
                            "Sandbox: play on to try things out; nothing now is scored, and the debrief stays as it was.".into(),
                        );
                    }
                }
                // An ended exam can be looked at; every action says it has ended.
                (Some(_), _) => {}
            },
            KeyCode::Char('u') => {
                if let Err(refusal) = self.session.coach().can_rewind() {
                    self.say(StatusKind::Refusal, refusal.reason);
                }
                keep(self, scroll);
            }
            _ => keep(self, scroll),
        }
    }

    /// `q`: a training session still going asks first, since ending it is final.
    fn ask_to_quit(&mut self, back: Option<Overlay>) {
        if let Some(overlay) = back {
            self.overlays.push(overlay);
        }
        if self.is_training() && self.session.ending().is_none() {
            self.overlays.push(Overlay::Dialog(Dialog::Quit));
        } else if self.is_training()
            && !self
                .overlays
                .iter()
                .any(|o| matches!(o, Overlay::Debrief(_)))
        {
            // An ended session shows its debrief once more before leaving: q again leaves.
            self.overlays.push(Overlay::Debrief(Scroll::default()));
        } else {
            self.should_quit = true;
        }
    }

    /// The trainee said yes to quitting: the session ends, and its debrief shows.
    fn quit_confirmed(&mut self) {
        if !self.is_training() {
            self.should_quit = true;
            return;
        }
        self.overlays.clear();
        self.journal(SessionEvent::Stop);
        let step = self.session.stop(self.real_ms);
        self.show(&step, None);
        if !self.showing_debrief() {
            self.overlays.push(Overlay::Debrief(Scroll::default()));
        }
    }

    pub fn on_command(&mut self, command: Command) {
        match command {
            Command::Quit => self.ask_to_quit(None),
            Command::Help => self.overlays.push(Overlay::Help),
            Command::Notices => {
                self.unseen = 0;
                self.overlays.push(Overlay::Notices(Scroll::default()));
            }
            Command::NextTab => self.switch_tab((self.tab.index() + 1) % Tab::ALL.len()),
            Command::PrevTab => {
                self.switch_tab((self.tab.index() + Tab::ALL.len() - 1) % Tab::ALL.len())
            }
            Command::GoTab(i) => self.switch_tab(i),
            Command::PauseResume => self.pause_or_resume(),
            Command::Faster => self.clock.faster(),
            Command::Slower => self.clock.slower(),
            Command::NextEvent => {
                self.act(Action::AdvanceClock(Advance::NextEvent));
            }
            Command::PlusHour => {
                self.act(Action::AdvanceClock(Advance::By(Span::Hours(1))));
            }
            Command::PlusDay => {
                self.act(Action::AdvanceClock(Advance::By(Span::Days(1))));
            }
            Command::ToggleGoals => self.show_goals = !self.show_goals,
            Command::ToggleHints => {
                self.show_hints = !self.show_hints;
                if !self.show_hints {
                    let key = super::command::key_for(Command::ToggleHints);
                    let help = super::command::key_for(Command::Help);
                    self.say(
                        StatusKind::Info,
                        format!("Hint bar hidden: {key} shows it again, {help} lists every key."),
                    );
                }
            }
            Command::Hint => match self.ask_hint() {
                Ok(hint) => {
                    let cost = if hint.cost > 0 {
                        format!(" (−{} points)", hint.cost)
                    } else {
                        String::new()
                    };
                    self.say(StatusKind::Notice, format!("Hint{cost}: {}", hint.text));
                    self.show_goals = true;
                }
                Err(refusal) => self.say(StatusKind::Refusal, refusal.reason),
            },
            Command::Rewind => match self.session.coach().can_rewind() {
                Ok(()) => {
                    let picker = Picker::rewind(self.session.coach());
                    self.overlays.push(Overlay::Dialog(Dialog::Pick(picker)));
                }
                Err(refusal) => self.say(StatusKind::Refusal, refusal.reason),
            },
            Command::SwitchDevice => {
                let to = match self.session.sim().device() {
                    Device::Website => Device::App,
                    Device::App => Device::Website,
                };
                self.act(Action::SwitchDevice { to });
            }
            Command::ToggleComingUp => {
                if self.show_ahead {
                    self.show_ahead = false;
                } else {
                    match self.session.coming_up(0) {
                        Ok(_) => self.show_ahead = true,
                        Err(refusal) => self.say(StatusKind::Refusal, refusal.reason),
                    }
                }
            }
            Command::ToggleLog => {
                self.show_log = !self.show_log;
                self.log_scroll = Scroll::default();
            }
            other => {
                let sim = self.session.sim();
                let intent = match self.tab {
                    Tab::Cart => self.cart.on_command(other, sim),
                    Tab::Orders => self.orders.on_command(other, sim),
                    Tab::Support => self.support.on_command(other, sim),
                    Tab::Finances => self.finances.on_command(other, sim),
                };
                self.carry_out(intent);
            }
        }
    }

    fn pause_or_resume(&mut self) {
        if !self.clock.paused() {
            self.clock.pause();
            return;
        }
        if self.session.ending().is_some() && !self.session.is_sandbox() {
            let text = match self.session.mode() {
                Mode::Exam => "The exam has ended: its result is final.",
                Mode::Practice => {
                    "The session has ended: its debrief is final. Enter on the debrief plays on as a sandbox."
                }
            };
            self.say(StatusKind::Refusal, text.into());
            return;
        }
        self.clock.resume();
    }

    fn switch_tab(&mut self, index: usize) {
        self.tab = Tab::ALL[index.min(Tab::ALL.len() - 1)];
    }

    pub fn carry_out(&mut self, intent: Intent) {
        match intent {
            Intent::Nothing => {}
            Intent::Act(action) => self.carry_out(Intent::ActAll(vec![action])),
            Intent::ActAll(actions) => {
                let undo: Vec<&'static str> = actions
                    .iter()
                    .filter_map(Action::cannot_be_undone)
                    .collect();
                match undo.first() {
                    Some(what) => {
                        let text = self.confirm_text(&actions);
                        let dialog = Dialog::confirm(
                            "Cannot be undone",
                            text,
                            what,
                            Intent::Confirmed(actions),
                        );
                        self.overlays.push(Overlay::Dialog(dialog));
                    }
                    None => self.act_all(actions),
                }
            }
            Intent::Confirmed(actions) => self.act_all(actions),
            Intent::Checkout { coupon } => {
                let checkout = Action::Checkout { coupon };
                if let Err(refusal) = self.session.sim().check(&checkout) {
                    self.say(StatusKind::Refusal, refusal.reason);
                    return;
                }
                let step = self.act_step(checkout);
                if step.refused.is_none() && !step.new_orders.is_empty() {
                    let purpose = super::dialog::Purpose::Pay {
                        orders: step.new_orders,
                    };
                    let picker = Picker::for_purpose(purpose, self.session.sim());
                    self.overlays.push(Overlay::Dialog(Dialog::Pick(picker)));
                }
            }
            Intent::Open(dialog) => self.overlays.push(Overlay::Dialog(dialog)),
            Intent::Pick(purpose) => {
                let picker = Picker::for_purpose(purpose, self.session.sim());
                self.overlays.push(Overlay::Dialog(Dialog::Pick(picker)));
            }
            Intent::Explain { title, text } => {
                self.remember(StatusKind::Refusal, format!("{title}: {text}"));
                self.overlays
                    .push(Overlay::Dialog(Dialog::Message { title, text }));
            }
            Intent::Refused(text) => self.say(StatusKind::Refusal, text),
            Intent::Say(text) => self.say(StatusKind::Info, text),
            Intent::SetCoupon(coupon) => self.cart.coupon = coupon,
            Intent::Rewind(index) => match self.rewind(index) {
                Ok(_) => {
                    self.seen_log = self.session.sim().log().len();
                    self.clock.pause();
                    let text = format!(
                        "Rewound to {}: try again. The debrief will show this rewind.",
                        show(self.session.sim().now())
                    );
                    self.say(StatusKind::Info, text);
                }
                Err(refusal) => self.say(StatusKind::Refusal, refusal.reason),
            },
        }
    }

    /// The question for actions that cannot be undone, in the trainee's terms.
    pub fn confirm_text(&self, actions: &[Action]) -> String {
        let sim = self.session.sim();
        let world = sim.world();
        let paying: Vec<(&str, &str)> = actions
            .iter()
            .filter_map(|a| match a {
                Action::Pay { order, method } => Some((order.as_str(), method.as_str())),
                _ => None,
            })
            .collect();
        if paying.len() == actions.len()
            && let Some((_, method)) = paying.first()
        {
            let total: crate::sim::Money = paying
                .iter()
                .filter_map(|(o, _)| world.order(o))
                .map(|o| o.amount_due())
                .sum();
            let label = world
                .method(method)
                .map(|m| m.label.as_str())
                .unwrap_or(method);
            let orders: Vec<&str> = paying.iter().map(|(o, _)| *o).collect();
            return format!("Pay {total} for {} with {label}?", orders.join(", "));
        }
        let described: Vec<String> = actions.iter().map(|a| sim.describe(a)).collect();
        let mut text = described.join(", then ");
        if let Some(first) = text.get(..1) {
            text = format!("{}{}?", first.to_uppercase(), &text[1..]);
        }
        text
    }

    /// Sends the actions in turn, stopping at the first refusal. Every detail in them was
    /// chosen by the trainee in a dialog, so a refusal is a real request refused, kept in
    /// the journal with the rule that refused it.
    fn act_all(&mut self, actions: Vec<Action>) {
        for action in actions {
            if !self.act(action) {
                break;
            }
        }
    }

    /// Sends one trainee action to the session. A refusal is shown with the core's reason.
    /// A new version of the scenario (an author saved its file): the trainee's actions so
    /// far are played onto it and the clock brought back to where it was; what no longer
    /// applies is said. The session's title, briefing and rules are the new file's.
    pub fn reload(&mut self, scenario: &crate::scenario::Scenario) {
        let (session, lost) = crate::training::carry_over(
            scenario.setup.clone(),
            scenario.file.training.clone().unwrap_or_default(),
            &scenario.file.title,
            &self.session,
        );
        let replayed = self
            .session
            .coach()
            .journal
            .iter()
            .filter(|e| e.refused.is_none())
            .count();
        self.session = session;
        self.briefing = scenario.file.briefing.clone();
        self.seen_log = self.session.sim().log().len();
        // An order on screen, or a choice about one, may not exist in the new version; a
        // debrief was of the old one. A form keeps what was typed: sent, the new version
        // answers it, with the reason if it cannot be done.
        self.orders.detail = None;
        self.overlays.retain(|o| match o {
            Overlay::Dialog(dialog) => dialog.takes_text(),
            Overlay::Debrief(_) => false,
            _ => true,
        });
        if self.session.ending().is_some() {
            self.overlays.push(Overlay::Debrief(Scroll::default()));
        }
        self.clock.pause();
        let mut text = format!(
            "The new version is loaded, and your {replayed} action(s) so far were played onto it; the clock is back at {}.",
            show(self.session.sim().now())
        );
        if lost.is_empty() {
            text.push_str(" Every one still applies.");
        } else {
            for l in &lost {
                text.push_str(&format!(
                    "\n\nAction {} ({}, {}) no longer applies: {}",
                    l.number,
                    l.what,
                    show(l.at),
                    l.reason
                ));
            }
        }
        self.remember(StatusKind::Notice, "Scenario reloaded".to_owned());
        self.overlays.push(Overlay::Dialog(Dialog::Message {
            title: "Scenario reloaded".to_owned(),
            text,
        }));
    }

    /// The saved file has problems: they are shown over the session, which goes on with
    /// the last version that loaded.
    pub fn file_problems(&mut self, problems: String) {
        self.remember(
            StatusKind::Refusal,
            "The saved scenario has problems".to_owned(),
        );
        self.overlays.push(Overlay::Dialog(Dialog::Message {
            title: "Problems in the saved file".to_owned(),
            text: format!(
                "{problems}The session goes on with the last version that loaded; save again when it is fixed."
            ),
        }));
    }

    pub fn act(&mut self, action: Action) -> bool {
        self.act_step(action).refused.is_none()
    }

    fn act_step(&mut self, action: Action) -> Step {
        let quiet = matches!(
            action,
            Action::AdvanceClock(_) | Action::MarkConversationRead { .. }
        );
        let done = (!quiet).then(|| format!("Done: {}", self.session.sim().describe(&action)));
        self.journal(SessionEvent::Apply(action.clone()));
        let step = self.session.apply(action, self.real_ms);
        // After the trainee's own action what is possible has changed: the cursor goes back
        // to the first possible action (a clock move keeps it where it was).
        if !quiet
            && step.refused.is_none()
            && let Some(detail) = &mut self.orders.detail
        {
            detail.action = None;
        }
        self.show(&step, done);
        step
    }

    /// Shows what a step did: the most important thing on the status line, everything in
    /// the notices history. A question for the trainee pauses the running clock, and the
    /// end of the session shows its debrief.
    fn show(&mut self, step: &Step, done: Option<String>) {
        // Said in order of importance, least first: the status line shows the last one.
        let mut said: Vec<(StatusKind, String)> = Vec::new();
        if let Some(done) = done.filter(|_| step.refused.is_none()) {
            said.push((StatusKind::Info, done));
        }
        if let Some(latest) = self.collect_notices() {
            said.push((StatusKind::Notice, latest));
        }
        if let Some(index) = step.hint {
            let text = &self.session.coach().spec.hints[index].text;
            said.push((StatusKind::Notice, format!("Hint (free): {text}")));
        }
        let stopped_for_the_buyer = matches!(
            step.stop,
            Some(crate::sim::engine::Stop::Window(_) | crate::sim::engine::Stop::Asked)
        );
        if let Some(text) = step
            .stop
            .as_ref()
            .filter(|s| !matches!(s, crate::sim::engine::Stop::Asked))
            .and_then(|s| self.session.explain_stop(s))
        {
            said.push((StatusKind::Notice, text));
        }
        if step.asks_the_buyer || stopped_for_the_buyer {
            let was_running = !self.clock.paused();
            self.clock.pause();
            let asking = self.session.sim().log()[step.log_from..]
                .iter()
                .rev()
                .find(|e| e.fact.asks_the_buyer())
                .map(|e| format!("{}: {}", e.order.as_deref().unwrap_or(""), e.text));
            if let Some(asking) = asking {
                said.push((
                    StatusKind::Notice,
                    format!("Waiting for your answer. {asking}"),
                ));
            }
            if was_running {
                said.push((
                    StatusKind::Notice,
                    match said.last() {
                        Some((_, last)) => format!("Clock paused. {last}"),
                        None => "Clock paused.".to_owned(),
                    },
                ));
            }
        }
        if let Some(refusal) = &step.refused {
            said.push((StatusKind::Refusal, refusal.reason.clone()));
        }
        if step.ended.is_some() {
            self.clock.pause();
            if !self.showing_debrief() {
                self.overlays.push(Overlay::Debrief(Scroll::default()));
            }
        }
        let mut last_said: Option<&str> = None;
        for (kind, text) in &said {
            // "Clock paused. …" repeats the line before it: keep the history free of doubles.
            if last_said.is_some_and(|l| text.ends_with(l)) {
                self.notices.pop();
            }
            self.remember(*kind, text.clone());
            last_said = Some(text);
        }
        if let Some((kind, text)) = said.pop() {
            self.status = Some(Status {
                text,
                kind,
                at: self.session.sim().now(),
            });
        }
    }

    /// A notice for the status bar and the history, from outside the screen (the command
    /// line says where a session began).
    pub fn notice(&mut self, text: String) {
        self.say(StatusKind::Notice, text);
    }

    /// Puts a line on the status bar and in the history.
    fn say(&mut self, kind: StatusKind, text: String) {
        self.remember(kind, text.clone());
        self.status = Some(Status {
            text,
            kind,
            at: self.session.sim().now(),
        });
    }

    fn remember(&mut self, kind: StatusKind, text: String) {
        self.notices.push(Status {
            text,
            kind,
            at: self.session.sim().now(),
        });
    }

    /// Counts what the world did since last time; returns the latest line worth a notice.
    fn collect_notices(&mut self) -> Option<String> {
        let log = self.session.sim().log();
        let mut latest = None;
        let mut lines = Vec::new();
        for entry in &log[self.seen_log.min(log.len())..] {
            let worth = !matches!(
                entry.fact,
                Fact::ActionTaken { .. }
                    | Fact::ActionRefused { .. }
                    | Fact::CartChanged
                    | Fact::ClockAdvanced
                    | Fact::StateChanged { .. }
            );
            if worth {
                let line = match &entry.order {
                    Some(order) => format!("{order}: {}", entry.text),
                    None => entry.text.clone(),
                };
                lines.push(line.clone());
                latest = Some(line);
            }
        }
        self.seen_log = log.len();
        self.unseen += lines.len();
        let count = lines.len();
        // All but the latest go straight to the history; the latest goes through `show`.
        for line in lines.into_iter().take(count.saturating_sub(1)) {
            self.remember(StatusKind::Notice, line);
        }
        latest
    }

    /// Real time passed: moves the simulated clock by what it is worth at this speed.
    pub fn on_tick(&mut self, now: Instant) -> bool {
        // While a dialog or the help is up the story holds: nothing changes under a question
        // the trainee is answering, and the time it stays up is not paid out afterwards.
        if !self.overlays.is_empty() {
            self.clock.hold();
            return false;
        }
        let minutes = self.clock.minutes_due(now);
        if minutes == 0 {
            return false;
        }
        self.act(Action::AdvanceClock(Advance::By(Span::Minutes(minutes))));
        true
    }

    fn on_mouse(&mut self, mouse: MouseEvent) -> bool {
        let target = self.hits.at(mouse.column, mouse.row);
        match mouse.kind {
            MouseEventKind::ScrollUp | MouseEventKind::ScrollDown => {
                let down = mouse.kind == MouseEventKind::ScrollDown;
                if let Some(top) = self.overlays.last_mut() {
                    top.on_wheel(down);
                    return true;
                }
                let Some(target) = target else {
                    return false;
                };
                let sim = self.session.sim();
                let intent = match target {
                    // The goals panel over the tab: the wheel stops there.
                    Target::Overlay => Intent::Nothing,
                    Target::Log => {
                        // The log counts back from its newest line: the wheel up reads older ones.
                        if down {
                            self.log_scroll.up(3);
                        } else {
                            self.log_scroll.down(3);
                        }
                        Intent::Nothing
                    }
                    Target::Tab(_) => Intent::Nothing,
                    _ => match self.tab {
                        Tab::Orders => self.orders.on_wheel(target, down, sim),
                        Tab::Support => self.support.on_wheel(target, down, sim),
                        Tab::Cart => self.cart.on_command(wheel(down), sim),
                        Tab::Finances => self.finances.on_command(wheel(down), sim),
                    },
                };
                self.carry_out(intent);
                true
            }
            MouseEventKind::Down(MouseButton::Left) => {
                if let Some(Overlay::Dialog(dialog)) = self.overlays.last_mut() {
                    let Some(target) = target else {
                        return false;
                    };
                    match dialog.on_click(target) {
                        Outcome::Stay => {}
                        Outcome::Close => {
                            self.overlays.pop();
                        }
                        Outcome::Submit(intent) => {
                            self.overlays.pop();
                            self.carry_out(*intent);
                        }
                        Outcome::QuitConfirmed => self.quit_confirmed(),
                    }
                    return true;
                }
                if !self.overlays.is_empty() {
                    return false;
                }
                let Some(target) = target else {
                    return false;
                };
                let sim = self.session.sim();
                let intent = match target {
                    Target::Tab(i) => {
                        self.switch_tab(i);
                        Intent::Nothing
                    }
                    Target::Group(_) | Target::OrderRow(_) | Target::Action(_) => {
                        self.orders.on_target(target, sim)
                    }
                    Target::CartRow(_) | Target::CartBox(_) => self.cart.on_target(target, sim),
                    Target::SupportRow(_) => self.support.on_target(target, sim),
                    Target::Refund(_) => self.finances.on_target(target),
                    _ => Intent::Nothing,
                };
                self.carry_out(intent);
                true
            }
            _ => false,
        }
    }
}

fn wheel(down: bool) -> Command {
    if down { Command::Down } else { Command::Up }
}
