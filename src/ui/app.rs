//! The trainee's session: which tab is open, what dialog is up, how fast the clock runs.
//!
//! Keys become `Command`s (see `command`), tabs and dialogs turn commands into `Intent`s,
//! and only `App::act` touches the simulation, through the core's trainee actions. Drawing
//! (`draw`) reads this state and changes nothing.

use super::clock::ClockControl;
use super::command::{Command, Place, command_for};
use super::dialog::{Dialog, Outcome, Picker};
use super::tabs::{CartTab, FinancesTab, OrdersTab, SupportTab};
use crate::scenario::Scenario;
use crate::sim::log::Fact;
use crate::sim::{Action, Advance, Simulation, Span};
use crate::training::{Coach, Debrief, Ending, Mode};
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};
use std::time::Duration;

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

/// What a tab or dialog wants done. Only `App` carries it out.
#[derive(Debug, Clone)]
pub enum Intent {
    Nothing,
    Act(Action),
    /// Several actions in a row, stopping at the first refusal.
    ActAll(Vec<Action>),
    Open(Dialog),
    Say(String),
    /// After a successful action, open a dialog (e.g. pay the orders a checkout created).
    ActThenOpen(Action, Dialog),
    /// The coupon the cart will use at checkout.
    SetCoupon(Option<String>),
    /// Go back to just before this journal entry (practice mode).
    Rewind(usize),
    /// Open a picker for this purpose (one choice leading to the next).
    Pick(super::dialog::Purpose),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Refusal,
    Notice,
}

#[derive(Debug, Clone)]
pub struct Status {
    pub text: String,
    pub kind: StatusKind,
}

pub struct App {
    pub sim: Simulation,
    pub title: String,
    pub briefing: String,
    pub tab: Tab,
    pub cart: CartTab,
    pub orders: OrdersTab,
    pub support: SupportTab,
    pub finances: FinancesTab,
    pub dialog: Option<Dialog>,
    pub clock: ClockControl,
    pub status: Option<Status>,
    /// Log entries already turned into notices.
    seen_log: usize,
    /// Notices the trainee has not looked at (shown in the header).
    pub unseen: usize,
    pub show_log: bool,
    pub show_help: bool,
    pub show_briefing: bool,
    pub briefing_scroll: u16,
    pub should_quit: bool,
    /// Objectives, mistakes, hints and the journal of this session.
    pub coach: Coach,
    /// Milliseconds of real time since the session began (set by the event loop).
    pub real_ms: u64,
    pub show_goals: bool,
    /// The debrief is on screen (the session ended, or the trainee stopped).
    pub show_debrief: bool,
    debrief_shown_for: Option<Ending>,
    pub debrief_scroll: u16,
}

impl App {
    pub fn new(scenario: &Scenario) -> App {
        App::with_mode(scenario, Mode::Practice)
    }

    pub fn with_mode(scenario: &Scenario, mode: Mode) -> App {
        let sim = Simulation::new(scenario.setup.clone());
        let coach = Coach::new(
            &sim,
            scenario.file.training.clone().unwrap_or_default(),
            mode,
        );
        let seen_log = sim.log().len();
        App {
            sim,
            title: scenario.file.title.clone(),
            briefing: scenario.file.briefing.clone(),
            tab: Tab::Cart,
            cart: CartTab::default(),
            orders: OrdersTab::default(),
            support: SupportTab::default(),
            finances: FinancesTab::default(),
            dialog: None,
            clock: ClockControl::default(),
            status: None,
            seen_log,
            unseen: 0,
            show_log: false,
            show_help: false,
            show_briefing: true,
            briefing_scroll: 0,
            should_quit: false,
            coach,
            real_ms: 0,
            show_goals: false,
            show_debrief: false,
            debrief_shown_for: None,
            debrief_scroll: 0,
        }
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
    pub fn on_event(&mut self, event: &Event, screen: Rect) -> bool {
        match event {
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                self.on_key(*key);
                true
            }
            Event::Mouse(mouse) => self.on_mouse(*mouse, screen),
            Event::Resize(..) => true,
            _ => false,
        }
    }

    pub fn on_key(&mut self, key: KeyEvent) {
        if self.show_briefing {
            match key.code {
                KeyCode::Char('q') => self.should_quit = true,
                KeyCode::Down | KeyCode::Char('j') | KeyCode::PageDown => {
                    self.briefing_scroll = self
                        .briefing_scroll
                        .saturating_add(if key.code == KeyCode::PageDown { 10 } else { 1 });
                    return;
                }
                KeyCode::Up | KeyCode::Char('k') | KeyCode::PageUp => {
                    self.briefing_scroll = self
                        .briefing_scroll
                        .saturating_sub(if key.code == KeyCode::PageUp { 10 } else { 1 });
                    return;
                }
                _ => {}
            }
            self.show_briefing = false;
            return;
        }
        if self.show_help {
            self.show_help = false;
            return;
        }
        if self.show_debrief {
            match key.code {
                KeyCode::Char('q') => self.should_quit = true,
                KeyCode::Down | KeyCode::Char('j') => {
                    self.debrief_scroll = self.debrief_scroll.saturating_add(1)
                }
                KeyCode::Up | KeyCode::Char('k') => {
                    self.debrief_scroll = self.debrief_scroll.saturating_sub(1)
                }
                KeyCode::Char('u')
                    if self.coach.mode == Mode::Practice && !self.coach.journal.is_empty() =>
                {
                    self.show_debrief = false;
                    if self.coach.ending == Some(Ending::Stopped) {
                        self.coach.ending = None;
                        self.debrief_shown_for = None;
                    }
                    self.dialog = Some(Dialog::Pick(Picker::rewind(&self.coach)));
                }
                KeyCode::Esc if self.coach.ending == Some(Ending::Stopped) => {
                    // Changed one's mind: back to the story where it was.
                    self.show_debrief = false;
                    self.coach.ending = None;
                    self.debrief_shown_for = None;
                }
                KeyCode::Enter | KeyCode::Esc => {
                    self.show_debrief = false;
                    if self.coach.ending == Some(Ending::Stopped) {
                        self.should_quit = true;
                    }
                }
                _ => {}
            }
            return;
        }
        if let Some(mut dialog) = self.dialog.take() {
            match dialog.on_key(key, &self.sim) {
                Outcome::Stay => self.dialog = Some(dialog),
                Outcome::Close => {}
                Outcome::Submit(intent) => self.carry_out(*intent),
                Outcome::QuitConfirmed => self.quit(),
            }
            return;
        }
        // A message is read by the next key press; what that key does may say something new.
        self.status = None;
        let Some(command) = command_for(key, self.place()) else {
            return;
        };
        self.on_command(command);
    }

    pub fn on_command(&mut self, command: Command) {
        match command {
            Command::Quit
                if !self.coach.spec.objectives.is_empty() && self.coach.ending.is_none() =>
            {
                // Ending a training session is final in an exam: ask first.
                self.dialog = Some(Dialog::Quit { back: None });
            }
            Command::Quit => self.quit(),
            Command::Help => self.show_help = true,
            Command::NextTab => self.switch_tab((self.tab.index() + 1) % Tab::ALL.len()),
            Command::PrevTab => {
                self.switch_tab((self.tab.index() + Tab::ALL.len() - 1) % Tab::ALL.len())
            }
            Command::GoTab(i) => self.switch_tab(i),
            Command::PauseResume => {
                self.clock.paused = !self.clock.paused;
            }
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
            Command::Hint => match self.coach.ask_hint(&self.sim) {
                Ok(hint) => {
                    let cost = if hint.cost > 0 {
                        format!(" (−{} points)", hint.cost)
                    } else {
                        String::new()
                    };
                    self.status = Some(Status {
                        text: format!("Hint{cost}: {}", hint.text),
                        kind: StatusKind::Notice,
                    });
                    self.show_goals = true;
                }
                Err(refusal) => {
                    self.status = Some(Status {
                        text: refusal.reason,
                        kind: StatusKind::Refusal,
                    })
                }
            },
            Command::Rewind => {
                if self.coach.mode == Mode::Exam {
                    self.status = Some(Status {
                        text: "This is an exam: what is done stays done.".into(),
                        kind: StatusKind::Refusal,
                    });
                } else if self.coach.journal.is_empty() {
                    self.status = Some(Status {
                        text: "Nothing to rewind yet: you have not acted.".into(),
                        kind: StatusKind::Refusal,
                    });
                } else {
                    self.dialog = Some(Dialog::Pick(Picker::rewind(&self.coach)));
                }
            }
            Command::ToggleLog => {
                self.show_log = !self.show_log;
                if self.show_log {
                    self.unseen = 0;
                }
            }
            other => {
                let intent = match self.tab {
                    Tab::Cart => self.cart.on_command(other, &self.sim),
                    Tab::Orders => self.orders.on_command(other, &self.sim),
                    Tab::Support => self.support.on_command(other, &self.sim),
                    Tab::Finances => self.finances.on_command(other, &self.sim),
                };
                self.carry_out(intent);
            }
        }
    }

    fn switch_tab(&mut self, index: usize) {
        self.tab = Tab::ALL[index.min(Tab::ALL.len() - 1)];
    }

    pub fn carry_out(&mut self, intent: Intent) {
        match intent {
            Intent::Nothing => {}
            Intent::Act(action) => {
                self.act(action);
            }
            Intent::ActAll(actions) => {
                for action in actions {
                    if !self.act(action) {
                        break;
                    }
                }
            }
            Intent::Open(dialog) => self.dialog = Some(dialog),
            Intent::Say(text) => {
                self.status = Some(Status {
                    text,
                    kind: StatusKind::Info,
                });
            }
            Intent::Rewind(index) => match self.coach.rewind(&mut self.sim, index) {
                Ok(()) => {
                    self.seen_log = self.sim.log().len();
                    self.debrief_shown_for = self.coach.ending;
                    self.status = Some(Status {
                        text: format!(
                            "Rewound to {}: try again.",
                            crate::sim::time::show(self.sim.now())
                        ),
                        kind: StatusKind::Info,
                    });
                }
                Err(refusal) => {
                    self.status = Some(Status {
                        text: refusal.reason,
                        kind: StatusKind::Refusal,
                    })
                }
            },
            Intent::Pick(purpose) => {
                self.dialog = Some(Dialog::Pick(Picker::for_purpose(purpose, &self.sim)));
            }
            Intent::SetCoupon(coupon) => {
                self.cart.coupon = coupon;
            }
            Intent::ActThenOpen(action, dialog) => {
                if self.act(action) {
                    self.dialog = Some(dialog.refreshed(&self.sim));
                }
            }
        }
    }

    /// Sends one trainee action to the core. A refusal is shown with the core's reason.
    pub fn act(&mut self, action: Action) -> bool {
        let quiet = matches!(
            action,
            Action::AdvanceClock(_) | Action::MarkConversationRead { .. }
        );
        let description = action.describe();
        let result = self.coach.apply(&mut self.sim, action, self.real_ms);
        match result {
            Ok(()) => {
                // What is possible has changed: start again from the first possible action.
                if !quiet && let Some(detail) = &mut self.orders.detail {
                    detail.action = 0;
                }
                if !quiet {
                    self.status = Some(Status {
                        text: format!("Done: {description}"),
                        kind: StatusKind::Info,
                    });
                }
                self.collect_notices();
                true
            }
            Err(refusal) => {
                self.collect_notices();
                self.status = Some(Status {
                    text: refusal.reason,
                    kind: StatusKind::Refusal,
                });
                false
            }
        }
    }

    /// Turns what the world did since last time into notices and the unread count.
    fn collect_notices(&mut self) {
        let log = self.sim.log();
        let mut latest = None;
        for entry in &log[self.seen_log..] {
            let worth = !matches!(
                entry.fact,
                Fact::ActionTaken { .. }
                    | Fact::ActionRefused { .. }
                    | Fact::CartChanged
                    | Fact::ClockAdvanced
                    | Fact::StateChanged { .. }
            );
            if worth {
                self.unseen += 1;
                latest = Some(match &entry.order {
                    Some(order) => format!("{order}: {}", entry.text),
                    None => entry.text.clone(),
                });
            }
        }
        self.seen_log = log.len();
        if self.show_log {
            self.unseen = 0;
        }
        if let Some(text) = latest {
            self.status = Some(Status {
                text,
                kind: StatusKind::Notice,
            });
        }
        // A session that just ended shows its debrief once; the trainee may play on after it.
        if self.coach.ending.is_some() && self.coach.ending != self.debrief_shown_for {
            self.debrief_shown_for = self.coach.ending;
            self.show_debrief = true;
            self.debrief_scroll = 0;
            self.clock.paused = true;
        }
    }

    /// Quitting a training scenario shows the debrief first; otherwise it just quits.
    fn quit(&mut self) {
        if self.coach.spec.objectives.is_empty() || self.show_debrief {
            self.should_quit = true;
            return;
        }
        if self.coach.ending.is_none() {
            self.coach.ending = Some(Ending::Stopped);
        } else if self.debrief_shown_for.is_some() {
            self.should_quit = true;
            return;
        }
        self.debrief_shown_for = self.coach.ending;
        self.show_debrief = true;
        self.debrief_scroll = 0;
    }

    pub fn debrief(&self) -> Debrief {
        Debrief::of(&self.coach, &self.sim, &self.title)
    }

    /// Real time passed: moves the simulated clock by what it is worth at this speed.
    pub fn on_tick(&mut self, real: Duration) -> bool {
        let minutes = self.clock.minutes_for(real);
        if minutes == 0 {
            return false;
        }
        self.act(Action::AdvanceClock(Advance::By(Span::Minutes(minutes))));
        true
    }

    fn on_mouse(&mut self, mouse: MouseEvent, screen: Rect) -> bool {
        let at = Position {
            x: mouse.column,
            y: mouse.row,
        };
        match mouse.kind {
            MouseEventKind::ScrollUp => {
                self.on_command(Command::Up);
                true
            }
            MouseEventKind::ScrollDown => {
                self.on_command(Command::Down);
                true
            }
            MouseEventKind::Down(MouseButton::Left) => {
                if self.dialog.is_some()
                    || self.show_help
                    || self.show_briefing
                    || self.show_debrief
                {
                    return false;
                }
                let areas = super::draw::layout(screen);
                for (i, rect) in super::draw::tab_rects(areas.tabs, self.sim.world().unread_total())
                    .iter()
                    .enumerate()
                {
                    if rect.contains(at) {
                        self.switch_tab(i);
                        return true;
                    }
                }
                if !areas.body.contains(at) {
                    return false;
                }
                let intent = match self.tab {
                    Tab::Cart => self.cart.on_click(at, areas.body, &self.sim),
                    Tab::Orders => self.orders.on_click(at, areas.body, &self.sim),
                    Tab::Support => self.support.on_click(at, areas.body, &self.sim),
                    Tab::Finances => Intent::Nothing,
                };
                self.carry_out(intent);
                true
            }
            _ => false,
        }
    }
}
