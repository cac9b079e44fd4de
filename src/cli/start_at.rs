//! `play --start-at STEP|DATE`: the session opens with the scenario's reference solution
//! already played up to a step or a simulated moment, so a presenter begins at the
//! interesting part. The steps go through the session like a trainee's (into the journal
//! too, so `resume` finds them), and the clock is left paused there.

use shopsim::scenario::{self, Scenario};
use shopsim::sim::time::{Moment, show};
use shopsim::sim::{Action, Advance};
use shopsim::training::TimedAction;
use shopsim::ui::app::App;

/// Where the session begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartAt {
    /// After this many steps of the solution.
    Step(usize),
    /// At this simulated moment, with every step due by then done.
    Moment(Moment),
}

impl StartAt {
    /// Reads "3", "+6d2h" or "2026-03-11T12:00" for `scenario` and its `solution`; says
    /// what is wrong in a sentence.
    pub fn parse(
        text: &str,
        scenario: &Scenario,
        solution: &[TimedAction],
    ) -> Result<StartAt, String> {
        let text = text.trim();
        let steps = solution.len();
        if let Ok(step) = text.parse::<usize>() {
            return if (1..=steps).contains(&step) {
                Ok(StartAt::Step(step))
            } else {
                Err(format!(
                    "--start-at {text}: the reference solution has {steps} step(s), so a step is 1 to {steps}"
                ))
            };
        }
        let start = scenario.setup.start;
        let at = scenario::actions::resolve(text, start, &scenario.policy.calendar()).map_err(|why| {
            let why = if text.starts_with('+') { format!("{why}; ") } else { String::new() };
            format!(
                "--start-at {text}: {why}give a step number (1 to {steps}), a date and time like \"2026-03-11T12:00\", or \"+2d3h\" from the start"
            )
        })?;
        if at < start {
            return Err(format!(
                "--start-at {text} is before the scenario starts ({})",
                show(start)
            ));
        }
        let limit = scenario
            .file
            .training
            .as_ref()
            .and_then(|t| t.time_limit)
            .map(|span| scenario.policy.calendar().add(start, span));
        if let Some(limit) = limit
            && at >= limit
        {
            return Err(format!(
                "--start-at {text} is not before the scenario's time limit ({})",
                show(limit)
            ));
        }
        Ok(StartAt::Moment(at))
    }

    /// How many steps of `solution` come before this point.
    pub fn steps_before(self, solution: &[TimedAction]) -> usize {
        match self {
            StartAt::Step(n) => n.min(solution.len()),
            StartAt::Moment(at) => solution.iter().take_while(|s| s.at <= at).count(),
        }
    }
}

/// Plays `solution` in `app` up to `start`, as the trainee's keys would, and says so.
pub fn play_ahead(app: &mut App, solution: &[TimedAction], start: StartAt) {
    let done = start.steps_before(solution);
    for step in &solution[..done] {
        if step.at > app.sim().now() {
            app.act(Action::AdvanceClock(Advance::To(step.at)));
        }
        app.act(step.action.clone());
    }
    if let StartAt::Moment(at) = start
        && at > app.sim().now()
    {
        app.act(Action::AdvanceClock(Advance::To(at)));
    }
    app.notice(format!(
        "Started at {}: the reference solution was played for {done} of its {} step(s). The clock is paused.",
        show(app.sim().now()),
        solution.len()
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario_and_solution() -> (Scenario, Vec<TimedAction>) {
        let path = "scenarios/03_fake_tracking_dispute.ron";
        let text = include_str!("../../scenarios/03_fake_tracking_dispute.ron");
        let scenario = scenario::load(path, text).expect("valid");
        let solution_text = include_str!("../../scenarios/03_fake_tracking_dispute.actions.ron");
        let solution =
            scenario::actions::load_for("03.actions.ron", solution_text, &scenario).expect("valid");
        (scenario, solution)
    }

    #[test]
    fn a_step_a_date_and_an_offset_are_read_and_nonsense_is_said() {
        let (scenario, solution) = scenario_and_solution();
        assert_eq!(
            StartAt::parse("3", &scenario, &solution),
            Ok(StartAt::Step(3))
        );
        let at = StartAt::parse("+6d", &scenario, &solution).expect("an offset");
        assert_eq!(at.steps_before(&solution), 2, "two steps are due in 6 days");
        let date = StartAt::parse("2026-03-12T09:00", &scenario, &solution).expect("a date");
        assert!(matches!(date, StartAt::Moment(_)));
        for bad in ["0", "6", "tomorrow", "2020-01-01T00:00", "+100d", ""] {
            let why = StartAt::parse(bad, &scenario, &solution).expect_err(bad);
            assert!(why.starts_with("--start-at"), "{why}");
        }
    }

    #[test]
    fn starting_at_a_step_is_the_solution_played_that_far() {
        let (scenario, solution) = scenario_and_solution();
        let mut app = App::new(&scenario);
        play_ahead(&mut app, &solution, StartAt::Step(3));
        let headless = scenario.replay(&solution[..3], Some(solution[2].at));
        assert_eq!(app.sim().now(), headless.session.sim().now());
        let done: Vec<String> = app
            .session
            .coach()
            .journal
            .iter()
            .map(|j| j.describe())
            .collect();
        assert_eq!(done.len(), 3, "{done:?}");
        assert!(
            app.showing_briefing(),
            "the briefing still opens the session"
        );
        assert!(
            app.status
                .as_ref()
                .is_some_and(|s| s.text.contains("3 of its 5 step(s)")),
            "{:?}",
            app.status
        );
        // Every step is in the outbox, for the journal: `resume` finds them.
        assert!(app.outbox.len() >= 3);
    }

    #[test]
    fn starting_at_a_date_moves_the_clock_there() {
        let (scenario, solution) = scenario_and_solution();
        let mut app = App::new(&scenario);
        let at = StartAt::parse("+6d", &scenario, &solution).expect("an offset");
        play_ahead(&mut app, &solution, at);
        let StartAt::Moment(moment) = at else {
            panic!("a moment")
        };
        assert_eq!(app.sim().now(), moment);
        assert_eq!(app.session.coach().journal.len(), 2);
    }
}
