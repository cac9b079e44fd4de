//! `shopsim demo`: a session that plays itself for a room. Each step (a cue) is shown in
//! beats, as a person would do it: a caption says what is done and why, the screen moves
//! to where the action is, the dialogs open with the choice made, and then the action is
//! sent and its result shows. The presenter steps, pauses, changes the pace and goes back
//! and forth; going back plays the story again from its start, which the core's
//! determinism makes exact.
//!
//! Like the rest of the UI it decides no rule: actions go through the training session,
//! captions come from `training::caption`. It reads no clock: the caller says when a beat
//! is due, so tests play a whole demo without waiting.

pub(crate) mod draw;
pub mod stage;

pub use draw::draw_caption;

use super::app::{App, Story};
use super::overlay::Overlay;
use crate::sim::engine::Setup;
use crate::sim::time::Moment;
use crate::sim::{Action, Advance};
use crate::training::{JournalLine, Mode, SessionEvent, TimedAction, TrainingSpec};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::sync::Arc;
use std::time::Duration;

/// What a demo plays on: the scenario's story, kept to play it again from the start.
#[derive(Clone)]
pub struct Stage {
    pub setup: Arc<Setup>,
    pub training: TrainingSpec,
    pub title: String,
    pub briefing: String,
}

impl Stage {
    /// The stage of a loaded scenario; its setup is shared, not copied.
    pub fn of(scenario: &crate::scenario::Scenario) -> Stage {
        Stage {
            setup: Arc::clone(&scenario.setup),
            training: scenario.file.training.clone().unwrap_or_default(),
            title: scenario.file.title.clone(),
            briefing: scenario.file.briefing.clone(),
        }
    }
}

/// One step of a demonstration: something the trainee does, at its moment, and what is said
/// before it.
#[derive(Debug, Clone)]
pub struct Cue {
    /// What happens first without a caption (a trainee's own clock moves, from a journal).
    pub lead_in: Vec<JournalLine>,
    /// The clock goes here first, when it is later than now (a script's time).
    pub at: Option<Moment>,
    pub event: SessionEvent,
    /// The author's words for it; without them a caption is made from the action.
    pub caption: Option<String>,
    /// Real time since the session began when the trainee did it (0 for a script).
    pub real_ms: u64,
}

impl Cue {
    /// The cues of an action file.
    pub fn script(lines: &[TimedAction]) -> Vec<Cue> {
        lines
            .iter()
            .map(|line| Cue {
                lead_in: Vec::new(),
                at: Some(line.at),
                event: SessionEvent::Apply(line.action.clone()),
                caption: line.caption.clone(),
                real_ms: 0,
            })
            .collect()
    }

    /// The cues of a trainee's session from its journal lines: each thing the trainee did
    /// is a step, and the clock moves before it are its lead-in (said by the status line,
    /// not captioned). Clock moves after the last step are a step of their own.
    pub fn journal(lines: &[JournalLine]) -> Vec<Cue> {
        let mut cues = Vec::new();
        let mut lead_in: Vec<JournalLine> = Vec::new();
        for line in lines {
            match &line.event {
                SessionEvent::Apply(Action::AdvanceClock(_))
                | SessionEvent::Apply(Action::MarkConversationRead { .. }) => {
                    lead_in.push(line.clone())
                }
                event => cues.push(Cue {
                    lead_in: std::mem::take(&mut lead_in),
                    at: None,
                    event: event.clone(),
                    caption: None,
                    real_ms: line.real_ms,
                }),
            }
        }
        if let Some(last) = lead_in.pop() {
            cues.push(Cue {
                lead_in,
                at: None,
                event: last.event,
                caption: Some("The trainee lets the clock run on.".to_owned()),
                real_ms: last.real_ms,
            });
        }
        cues
    }

    fn action(&self) -> Option<&Action> {
        match &self.event {
            SessionEvent::Apply(action) => Some(action),
            _ => None,
        }
    }
}

/// What the caption band says, drawn under the screen of the app.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Caption {
    /// "Step 2 of 5", "Briefing", "The end".
    pub heading: String,
    pub text: String,
    /// Whether it plays by itself, and at what pace.
    pub state: String,
    /// It plays by itself (else it waits for the presenter).
    pub playing: bool,
    /// Whose session is played again, when it is a trainee's.
    pub trainee: Option<String>,
}

/// Where the demo is within a cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Beat {
    /// The briefing is up; nothing has been played.
    Briefing,
    /// The caption of the cue is shown; the clock is at its moment.
    Said,
    /// The screen is where the action is done.
    Placed,
    /// The dialog at this index of the cue's dialogs is shown.
    Dialog(usize),
    /// The cue was sent; its result shows.
    Done,
    /// Every cue was played; the count of beats spent here (for `--loop`).
    End(u32),
}

/// Beats the end stays on screen before a looping demo begins again.
const END_BEATS: u32 = 6;

/// The paces a presenter steps through with + and -, in milliseconds a beat.
const PACES: [u64; 8] = [250, 500, 800, 1200, 1800, 2500, 4000, 6000];

/// The longest wait between two steps of a trainee's session played at their pace.
pub const LONGEST_WAIT: Duration = Duration::from_secs(20);

pub struct Demo {
    stage: Stage,
    mode: Mode,
    /// A trainee's session played at their pace, this many times faster; `None` for a
    /// script, which keeps the demo's pace.
    pub speed: Option<f64>,
    /// After the last step a script's story runs on to its time limit; a trainee's session
    /// ends where the trainee left it.
    runs_to_the_limit: bool,
    pub app: App,
    cues: Vec<Cue>,
    /// The cue being shown (or, at `Beat::Done`, the one just sent).
    cue: usize,
    beat: Beat,
    /// The dialogs of the cue being shown, in the order a person meets them.
    dialogs: Vec<super::dialog::Dialog>,
    pub playing: bool,
    pub pace: Duration,
    pub looping: bool,
    /// The presenter asked to leave.
    pub quit: bool,
    /// Whose session this is, for the caption band.
    trainee: Option<String>,
}

/// What a key did to the demo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Nothing,
    Changed,
    Quit,
}

impl Demo {
    pub fn new(stage: Stage, cues: Vec<Cue>, pace: Duration, looping: bool) -> Demo {
        let mode = Mode::Practice;
        let app = fresh_app(&stage, mode);
        let mut demo = Demo {
            stage,
            mode,
            speed: None,
            runs_to_the_limit: true,
            app,
            cues,
            cue: 0,
            beat: Beat::Briefing,
            dialogs: Vec::new(),
            playing: true,
            pace,
            looping,
            quit: false,
            trainee: None,
        };
        demo.update_caption(None);
        demo
    }

    /// A trainee's session, as their journal has it, played again in its own mode at their
    /// pace (`speed` times faster), with their mistakes captioned as they make them.
    pub fn of_session(
        stage: Stage,
        lines: &[JournalLine],
        mode: Mode,
        pace: Duration,
        speed: f64,
        looping: bool,
    ) -> Demo {
        let mut demo = Demo::new(stage, Cue::journal(lines), pace, looping);
        demo.mode = mode;
        demo.speed = Some(speed.max(0.01));
        demo.runs_to_the_limit = false;
        demo.jump_to(0);
        demo
    }

    /// Names the trainee whose session this is, in the caption band.
    pub fn watching(mut self, trainee: Option<&str>) -> Demo {
        self.trainee = trainee.map(str::to_owned);
        self.update_caption(None);
        self
    }

    /// How long the next beat waits when the demo plays by itself: the demo's pace, and
    /// between two steps of a trainee's session the time they took (`speed` times faster,
    /// never longer than `LONGEST_WAIT`).
    pub fn next_beat_in(&self) -> Duration {
        let (Some(speed), Beat::Done) = (self.speed, self.beat) else {
            return self.pace;
        };
        let (Some(done), Some(next)) = (self.cues.get(self.cue), self.cues.get(self.cue + 1))
        else {
            return self.pace;
        };
        let theirs = next.real_ms.saturating_sub(done.real_ms) as f64 / speed;
        Duration::from_millis(theirs as u64)
            .min(LONGEST_WAIT)
            .max(self.pace)
    }

    /// What the step on screen does (none on the briefing and at the end).
    pub fn cue_event(&self) -> Option<SessionEvent> {
        match self.beat {
            Beat::Briefing | Beat::End(_) => None,
            _ => self.cues.get(self.cue).map(|c| c.event.clone()),
        }
    }

    /// How many steps the demo has.
    pub fn steps(&self) -> usize {
        self.cues.len()
    }

    /// Every cue was played and the end is on screen.
    pub fn at_end(&self) -> bool {
        matches!(self.beat, Beat::End(_))
    }

    /// The step on screen, counted from 1; 0 is the briefing, `steps() + 1` the end.
    pub fn step(&self) -> usize {
        match self.beat {
            Beat::Briefing => 0,
            Beat::End(_) => self.cues.len() + 1,
            _ => self.cue + 1,
        }
    }

    /// The next beat: what happens when the pace says so, or on Space.
    pub fn advance(&mut self) {
        match self.beat {
            Beat::Briefing => {
                self.close_briefing();
                self.say(0);
            }
            Beat::Said => match self.cues[self.cue].action().cloned() {
                Some(action) => {
                    stage::go_to(&mut self.app, &action);
                    self.dialogs = stage::dialogs(&self.app, &action);
                    self.beat = Beat::Placed;
                }
                None => self.perform(),
            },
            Beat::Placed if !self.dialogs.is_empty() => self.show_dialog(0),
            Beat::Dialog(i) if i + 1 < self.dialogs.len() => self.show_dialog(i + 1),
            Beat::Placed | Beat::Dialog(_) => self.perform(),
            Beat::Done => self.say(self.cue + 1),
            Beat::End(n) if self.looping && n + 1 >= END_BEATS => self.jump_to(0),
            Beat::End(n) => self.beat = Beat::End(n + 1),
        }
        self.update_caption(None);
    }

    /// Goes to step `step` (0 the briefing, `steps() + 1` the end) by playing the story
    /// again from its start up to there.
    pub fn jump_to(&mut self, step: usize) {
        let step = step.min(self.cues.len() + 1);
        self.app = fresh_app(&self.stage, self.mode);
        self.dialogs.clear();
        self.cue = 0;
        self.beat = Beat::Briefing;
        if step > 0 {
            self.close_briefing();
            for index in 0..step - 1 {
                self.cue = index;
                self.lead_in(index);
                // The screen is left where the person was, as if played beat by beat.
                if let Some(action) = self.cues[index].action().cloned() {
                    stage::go_to(&mut self.app, &action);
                }
                self.send(index);
            }
            self.say(step - 1);
        }
        self.update_caption(None);
    }

    pub fn on_key(&mut self, key: KeyEvent) -> Answer {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('c') if ctrl => self.quit = true,
            KeyCode::Char('q') | KeyCode::Esc => self.quit = true,
            KeyCode::Char(' ') => self.advance(),
            KeyCode::Char('p') => self.playing = !self.playing,
            // A trainee's session goes faster or slower than they were; a script's beats do.
            KeyCode::Char('+') | KeyCode::Char('=') => match &mut self.speed {
                Some(speed) => *speed = (*speed * 2.0).min(64.0),
                None => self.pace = step_pace(self.pace, false),
            },
            KeyCode::Char('-') => match &mut self.speed {
                Some(speed) => *speed = (*speed / 2.0).max(0.25),
                None => self.pace = step_pace(self.pace, true),
            },
            KeyCode::Left => self.jump_to(self.step().saturating_sub(1)),
            KeyCode::Right => self.jump_to(self.step() + 1),
            KeyCode::Char(c @ '0'..='9') => self.jump_to(c as usize - '0' as usize),
            // The briefing and the debrief are read to their end, at the presenter's pace.
            KeyCode::Down | KeyCode::Char('j') => return self.scroll(true, 1),
            KeyCode::Up | KeyCode::Char('k') => return self.scroll(false, 1),
            KeyCode::PageDown => return self.scroll(true, 10),
            KeyCode::PageUp => return self.scroll(false, 10),
            _ => return Answer::Nothing,
        }
        if self.quit {
            return Answer::Quit;
        }
        self.update_caption(None);
        Answer::Changed
    }

    /// Scrolls the text on top (the briefing, the debrief), if there is one.
    fn scroll(&mut self, down: bool, lines: u16) -> Answer {
        if self.app.scroll_top(down, lines) {
            Answer::Changed
        } else {
            Answer::Nothing
        }
    }

    /// The wheel: over the demo, only the text on top scrolls.
    pub fn on_wheel(&mut self, down: bool) -> Answer {
        self.scroll(down, 3)
    }

    fn close_briefing(&mut self) {
        if self.app.showing_briefing() {
            self.app.overlays.pop();
        }
    }

    /// Shows the caption of cue `index`, with the clock at its moment; past the last cue,
    /// the end.
    fn say(&mut self, index: usize) {
        if index >= self.cues.len() {
            self.end();
            return;
        }
        self.cue = index;
        self.lead_in(index);
        self.dialogs.clear();
        self.beat = Beat::Said;
    }

    /// What comes before the cue's caption: its lead-in, and the clock to its moment.
    fn lead_in(&mut self, index: usize) {
        self.keep_going();
        let cue = self.cues[index].clone();
        for line in &cue.lead_in {
            self.app.real_ms = line.real_ms;
            self.app.redo(line);
            self.keep_going();
        }
        self.app.real_ms = cue.real_ms;
        if let Some(at) = cue.at
            && at > self.app.sim().now()
        {
            self.app.act(Action::AdvanceClock(Advance::To(at)));
            self.keep_going();
        }
        self.app.outbox.clear();
    }

    /// A session whose goals were met before the last cue plays on, unscored, so the room
    /// sees the whole story; its debrief stays as it was at the end.
    fn keep_going(&mut self) {
        if self.app.session.ending().is_some() && !self.app.session.is_sandbox() {
            self.app.session.continue_unscored();
        }
        self.app
            .overlays
            .retain(|o| !matches!(o, Overlay::Debrief(_)));
    }

    fn show_dialog(&mut self, index: usize) {
        self.app
            .overlays
            .retain(|o| !matches!(o, Overlay::Dialog(_)));
        self.app
            .overlays
            .push(Overlay::Dialog(self.dialogs[index].clone()));
        self.beat = Beat::Dialog(index);
    }

    /// Sends the cue, exactly as written, and says what it cost when it was a mistake.
    fn perform(&mut self) {
        self.app
            .overlays
            .retain(|o| !matches!(o, Overlay::Dialog(_)));
        let mistakes_before = self.app.session.coach().mistakes.len();
        self.send(self.cue);
        let coach = self.app.session.coach();
        let made: Vec<String> = coach.mistakes[mistakes_before.min(coach.mistakes.len())..]
            .iter()
            .map(|m| {
                let spec = &coach.spec.mistakes[m.index];
                format!("Mistake (−{}): {}", spec.penalty, spec.text)
            })
            .collect();
        self.beat = Beat::Done;
        if !made.is_empty() {
            self.update_caption(Some(made.join(" ")));
        }
    }

    fn send(&mut self, index: usize) {
        let cue = self.cues[index].clone();
        self.keep_going();
        self.app.real_ms = cue.real_ms;
        self.app.redo(&JournalLine::new(cue.real_ms, cue.event));
        self.app.outbox.clear();
        // The end of the session shows its debrief, which stays up only at the very end.
        if index + 1 < self.cues.len() {
            self.keep_going();
        }
    }

    /// After the last cue the clock runs to the time limit, as `shopsim run` does, and the
    /// debrief shows.
    fn end(&mut self) {
        self.beat = Beat::End(0);
        self.dialogs.clear();
        if self.runs_to_the_limit
            && self.app.session.ending().is_none()
            && let Some(limit) = self.app.session.limit()
            && limit > self.app.sim().now()
        {
            self.app.act(Action::AdvanceClock(Advance::To(limit)));
        }
        // With no time limit the story ends here, and goals that held until now count.
        if self.runs_to_the_limit
            && self.app.session.ending().is_none()
            && self.app.session.coach().is_training()
        {
            self.app.session.stop(self.app.real_ms);
        }
        self.app.outbox.clear();
        if self.app.session.result().is_some() && !self.app.showing_debrief() {
            self.app
                .overlays
                .push(Overlay::Debrief(super::hits::Scroll::default()));
        }
    }

    /// Puts the caption for where the demo is on the app; `said` replaces the text.
    fn update_caption(&mut self, said: Option<String>) {
        let steps = self.cues.len();
        let heading = match self.beat {
            Beat::Briefing => "Briefing".to_owned(),
            Beat::End(_) => "The end".to_owned(),
            _ => match self.cues.get(self.cue).map(|c| c.real_ms / 1000) {
                // A trainee's step says when they took it.
                Some(seconds) if self.speed.is_some() => format!(
                    "Step {} of {steps} · {}:{:02} in",
                    self.cue + 1,
                    seconds / 60,
                    seconds % 60
                ),
                _ => format!("Step {} of {steps}", self.cue + 1),
            },
        };
        let text = match (said, self.beat) {
            (Some(text), _) => text,
            (None, Beat::Briefing) => format!(
                "{}: what the trainee reads first. {steps} step(s) follow.",
                self.stage.title
            ),
            (None, Beat::End(_)) => match self.app.session.result() {
                Some(d) => format!(
                    "{}, score {} of {}, in {} of simulated time.",
                    d.verdict(),
                    d.score,
                    d.possible,
                    d.simulated_time()
                ),
                None => "The story has been played to its end.".to_owned(),
            },
            // The result keeps the caption it had, unless a mistake replaced it.
            (None, Beat::Done) => match self.app.caption.as_ref() {
                Some(c) if c.heading == heading => c.text.clone(),
                _ => self.cue_caption(),
            },
            (None, _) => self.cue_caption(),
        };
        let state = if self.playing {
            match self.speed {
                Some(speed) => format!("▶ their pace ×{speed}"),
                None => format!("▶ {:.1} s a beat", self.pace.as_secs_f32()),
            }
        } else {
            "⏸ paused".to_owned()
        };
        self.app.caption = Some(Caption {
            heading,
            text,
            state,
            playing: self.playing,
            trainee: self.trainee.clone(),
        });
    }

    /// The caption of the cue on screen: its own words, else made from the action.
    fn cue_caption(&self) -> String {
        let cue = &self.cues[self.cue.min(self.cues.len().saturating_sub(1))];
        if let Some(text) = &cue.caption {
            return text.clone();
        }
        match &cue.event {
            SessionEvent::Apply(action) => {
                crate::training::caption::caption(self.app.sim(), action)
            }
            SessionEvent::Hint => "The trainee asks for a hint: it costs points.".to_owned(),
            SessionEvent::Rewind(_) => {
                "The trainee rewinds to before an earlier action, to try again.".to_owned()
            }
            SessionEvent::Stop => "The trainee ends the session here.".to_owned(),
            SessionEvent::PlayOn => {
                "After the end the trainee plays on as a sandbox, unscored.".to_owned()
            }
        }
    }
}

fn fresh_app(stage: &Stage, mode: Mode) -> App {
    App::for_story(
        Story {
            setup: Arc::clone(&stage.setup),
            training: stage.training.clone(),
            title: &stage.title,
            briefing: &stage.briefing,
        },
        mode,
    )
}

/// The next pace up (`slower`) or down the list.
fn step_pace(pace: Duration, slower: bool) -> Duration {
    let now = pace.as_millis() as u64;
    let next = if slower {
        PACES.iter().copied().find(|p| *p > now).unwrap_or(now)
    } else {
        PACES
            .iter()
            .rev()
            .copied()
            .find(|p| *p < now)
            .unwrap_or(now)
    };
    Duration::from_millis(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pace_steps_through_the_list_and_stops_at_its_ends() {
        let faster = step_pace(Duration::from_millis(1000), false);
        assert_eq!(faster, Duration::from_millis(800));
        assert_eq!(
            step_pace(Duration::from_millis(250), false),
            Duration::from_millis(250)
        );
        assert_eq!(
            step_pace(Duration::from_millis(6000), true),
            Duration::from_millis(6000)
        );
    }
}
