//! `shopsim play` and `shopsim resume`: a session in the terminal, written down as it goes
//! so that nothing the trainee did is lost, and its report saved when it ends.

use super::journal::{self, Header, Writer};
use super::reports;
use shopsim::scenario::{self, Scenario};
use shopsim::text::inert;
use shopsim::training::class::{SavedReport, SessionRecord};
use shopsim::training::{Debrief, JournalLine, Mode, Session};
use shopsim::ui::app::App;
use shopsim::ui::{Autoplay, Ending, Keeper};
use std::cell::Cell;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::rc::Rc;
use std::time::Duration;

/// Writes the journal and the report of one terminal session.
pub struct Keep {
    journal: Option<Writer>,
    reports: PathBuf,
    scenario_path: String,
    /// The session as its journal has it, kept for the report too, so an instructor can
    /// watch it again from the report alone (`shopsim demo --session`).
    session: SessionRecord,
    /// A report was not written: the process ends with exit code 1. Shared, so that the
    /// menu, which plays several sessions, can tell.
    pub report_failed: Rc<Cell<bool>>,
    /// `play --watch`: the scenario's file, watched for saves.
    watch: Option<super::watch::FileWatch>,
    /// What the journal is of: a reload writes it again under the new version's hash.
    header: Header,
}

impl Keeper for Keep {
    fn journal(&mut self, line: &JournalLine) -> Result<(), String> {
        self.session.lines.push(line.clone());
        match &mut self.journal {
            Some(writer) => writer.append(line),
            None => Err("no journal could be opened".to_owned()),
        }
    }

    fn report(&mut self, debrief: &Debrief) -> Result<String, String> {
        let report = SavedReport {
            debrief: debrief.clone(),
            trainee: Some(reports::trainee()),
            saved: Some(chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()),
            session: Some(self.session.clone()),
        };
        let saved = reports::save(&self.reports, &self.scenario_path, &report);
        if saved.is_err() {
            self.report_failed.set(true);
        }
        saved
    }

    fn reload(&mut self) -> Option<shopsim::ui::Reload> {
        if !self.watch.as_ref()?.changed() {
            return None;
        }
        let (reload, text) = super::watch::reload(&self.scenario_path);
        if let Some(text) = text {
            self.journal_new_version(&text);
        }
        Some(reload)
    }

    fn finish(&mut self) {
        // A session whose report could not be written stays open for `shopsim resume`.
        if self.report_failed.get() {
            return;
        }
        if let Some(writer) = self.journal.take() {
            let _ = writer.finish();
        }
    }
}

impl Keep {
    /// `--watch`: follows the scenario's file from now on.
    fn watch_file(&mut self) -> Result<(), ExitCode> {
        let watch = super::watch::FileWatch::new(&[&self.scenario_path]).map_err(|why| {
            eprintln!("shopsim: {}", inert(&why));
            ExitCode::from(1)
        })?;
        self.watch = Some(watch);
        Ok(())
    }

    /// The scenario's file changed under the session and was reloaded: the journal starts
    /// again under the new version's hash with the same lines, so that resuming it replays
    /// them on the file they were last played on and says nothing changed. Should that
    /// fail, the old journal goes on.
    fn journal_new_version(&mut self, text: &str) {
        let mut header = self.header.clone();
        header.hash = journal::hash(text);
        let Ok(mut writer) = Writer::create(&header) else {
            return;
        };
        if self.session.lines.iter().any(|l| writer.append(l).is_err()) {
            writer.discard();
            return;
        }
        if let Some(old) = self.journal.replace(writer) {
            old.discard();
        }
        self.session.hash = header.hash.clone();
        self.header = header;
    }

    /// A new journal for a session of `scenario` (its file at `path`).
    pub fn start(
        path: &str,
        text: &str,
        scenario: &Scenario,
        mode: Mode,
        reports_dir: &Path,
        actions: Option<(&str, Duration)>,
        report_failed: Rc<Cell<bool>>,
    ) -> (Keep, Option<String>) {
        let header = Header {
            shopsim_journal: 1,
            scenario: absolute(path),
            hash: journal::hash(text),
            title: scenario.file.title.clone(),
            mode,
            started: chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string(),
            actions: actions.map(|(a, _)| absolute(a)),
            pace_ms: actions.map(|(_, pace)| pace.as_millis() as u64),
        };
        let (journal, problem) = match Writer::create(&header) {
            Ok(writer) => (Some(writer), None),
            Err(why) => (None, Some(why)),
        };
        (
            Keep {
                journal,
                reports: reports_dir.to_path_buf(),
                scenario_path: path.to_owned(),
                session: SessionRecord {
                    scenario: header.scenario.clone(),
                    hash: header.hash.clone(),
                    lines: Vec::new(),
                },
                report_failed,
                watch: None,
                header,
            },
            problem,
        )
    }
}

fn absolute(path: &str) -> String {
    std::fs::canonicalize(path)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| path.to_owned())
}

/// Writes a crash report in the data directory when the program panics, and says where;
/// the terminal has been restored by then, and the journal keeps the session.
pub fn keep_crashes() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        previous(info);
        let Ok(dir) = journal::data_dir() else { return };
        let path = dir.join(format!(
            "crash-{}.txt",
            chrono::Local::now().format("%Y%m%d-%H%M%S")
        ));
        let text = format!(
            "shopsim {} stopped on an internal error.\n\n{info}\n\n{}\n",
            env!("CARGO_PKG_VERSION"),
            std::backtrace::Backtrace::force_capture()
        );
        if std::fs::create_dir_all(&dir).is_ok() && std::fs::write(&path, text).is_ok() {
            eprintln!(
                "shopsim: an internal error stopped the program. A crash report is in {}; \
                 the session is kept: `shopsim resume` continues it.",
                path.display()
            );
        }
    }));
}

/// How `shopsim play` plays a scenario.
#[derive(Default)]
pub struct Options<'a> {
    pub mode: Option<Mode>,
    pub reports: Option<&'a str>,
    /// A script played by itself, and its pace.
    pub actions: Option<(&'a str, Duration)>,
    /// An asciicast recording of the terminal.
    pub record: Option<&'a str>,
    /// Begin with the reference solution played up to here ("3", a date).
    pub start_at: Option<&'a str>,
    /// Reload the scenario on every save.
    pub watch: bool,
}

/// Plays a scenario in the terminal; first offers an unfinished session of it, if any.
pub fn play(path: &str, text: &str, options: &Options) -> ExitCode {
    let mode = options.mode.unwrap_or(Mode::Practice);
    let (reports_dir, actions, record) = (options.reports, options.actions, options.record);
    let (scenario, text) = match scenario::load(path, text) {
        Ok(s) => (s, text.to_owned()),
        Err(report) => {
            eprint!("{}", report.render());
            if !options.watch {
                return ExitCode::from(2);
            }
            match super::watch::until_it_loads(path) {
                Ok((text, s)) => (s, text),
                Err(code) => return code,
            }
        }
    };
    let text = text.as_str();
    // Where a presenter begins: the solution (the script, or the one beside the scenario).
    let ahead = match options.start_at {
        Some(at) => {
            let solution_path = match actions {
                Some((file, _)) => file.to_owned(),
                None => scenario::actions::solution_path(path),
            };
            let solution = match load_script(&solution_path, &scenario) {
                Ok(s) => s,
                Err(code) => return code,
            };
            match super::start_at::StartAt::parse(at, &scenario, &solution) {
                Ok(start) => Some((solution, start)),
                Err(why) => {
                    eprintln!("shopsim: {why}");
                    return ExitCode::from(2);
                }
            }
        }
        None => None,
    };
    if !std::io::stdout().is_terminal() {
        eprintln!(
            "shopsim: the terminal UI needs a terminal; for a headless run use `shopsim run {}`",
            inert(path)
        );
        return ExitCode::from(2);
    }
    let reports = match reports::folder(reports_dir) {
        Ok(dir) => dir,
        Err(why) => {
            eprintln!("shopsim: {}; give a folder with --reports", inert(&why));
            return ExitCode::from(2);
        }
    };
    if actions.is_none()
        && ahead.is_none()
        && let Some(found) = unfinished_of(path)
        && ask(&format!(
            "An unfinished session of this scenario ({} steps, begun {}) can go on where it was. Resume it? [Y/n] ",
            found.lines.len(),
            found.header.started
        ))
    {
        return resume_journal(found, Some(reports), options.watch);
    }
    let script = match actions {
        Some((file, pace)) => match load_script(file, &scenario) {
            Ok(script) => Some(Autoplay {
                script,
                pace,
                done: 0,
            }),
            Err(code) => return code,
        },
        None => None,
    };
    let recording = match super::record::open(record, &scenario.file.title) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let (mut keep, problem) = Keep::start(
        path,
        text,
        &scenario,
        mode,
        &reports,
        actions,
        Rc::default(),
    );
    let mut app = App::with_mode(&scenario, mode);
    if let Some(why) = problem {
        app.journal_failed(why);
    }
    let mut script = script;
    if let Some((solution, start)) = &ahead {
        super::start_at::play_ahead(&mut app, solution, *start);
        // A script that goes on by itself goes on from there.
        if let Some(script) = &mut script {
            script.done = start.steps_before(solution);
        }
    }
    if options.watch
        && let Err(code) = keep.watch_file()
    {
        return code;
    }
    finish(shopsim::ui::run(app, &mut keep, script, recording), &keep)
}

/// The newest unfinished journal of the scenario at `path`.
fn unfinished_of(path: &str) -> Option<journal::Journal> {
    let wanted = absolute(path);
    journal::unfinished()
        .into_iter()
        .filter_map(|p| journal::read(&p).ok())
        .find(|j| j.header.scenario == wanted)
}

/// Asks a yes/no question on the terminal before the UI starts; Enter means yes.
fn ask(question: &str) -> bool {
    if !std::io::stdin().is_terminal() {
        return false;
    }
    eprint!("{question}");
    loop {
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        // The end of input, or an error: nothing was said, so nothing is resumed.
        if !matches!(std::io::stdin().lock().read_line(&mut answer), Ok(n) if n > 0) {
            return false;
        }
        match answer.trim().to_lowercase().as_str() {
            "" | "y" | "yes" => return true,
            "n" | "no" => return false,
            // Anything else (a q meant to leave) is not taken for a yes.
            _ => eprint!("Please answer y (resume it) or n (start afresh): "),
        }
    }
}

/// `shopsim resume [JOURNAL]`: the given journal, or the newest unfinished one.
pub fn resume(given: Option<&str>, reports_dir: Option<&str>) -> ExitCode {
    let path = match given {
        Some(p) => PathBuf::from(p),
        None => match journal::unfinished().into_iter().next() {
            Some(p) => p,
            None => {
                eprintln!("shopsim: there is no unfinished session to resume");
                return ExitCode::from(2);
            }
        },
    };
    let found = match journal::read(&path) {
        Ok(j) => j,
        Err(why) => {
            eprintln!("shopsim: {}", inert(&why));
            return ExitCode::from(2);
        }
    };
    if !std::io::stdout().is_terminal() {
        eprintln!("shopsim: resuming a session needs a terminal");
        return ExitCode::from(2);
    }
    let reports = match reports::folder(reports_dir) {
        Ok(dir) => dir,
        Err(why) => {
            eprintln!("shopsim: {}; give a folder with --reports", inert(&why));
            return ExitCode::from(2);
        }
    };
    resume_journal(found, Some(reports), false)
}

fn resume_journal(found: journal::Journal, reports: Option<PathBuf>, watch: bool) -> ExitCode {
    let header = &found.header;
    let text = match super::read(&header.scenario) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let changed = journal::hash(&text) != header.hash;
    if changed {
        eprintln!(
            "shopsim: {} changed since this session began; it is replayed on the file as it is now, and may not come out the same",
            inert(&header.scenario)
        );
    }
    let scenario = match scenario::load(&header.scenario, &text) {
        Ok(s) => s,
        Err(report) => {
            eprint!("{}", report.render());
            return ExitCode::from(2);
        }
    };
    let session = Session::from_journal(
        std::sync::Arc::clone(&scenario.setup),
        scenario.file.training.clone().unwrap_or_default(),
        header.mode,
        &scenario.file.title,
        &found.lines,
    );
    let script = match (&header.actions, header.pace_ms) {
        (Some(file), Some(pace)) => match load_script(file, &scenario) {
            Ok(script) => Some(Autoplay {
                done: steps_done(&script, &found.lines),
                script,
                pace: Duration::from_millis(pace),
            }),
            Err(code) => return code,
        },
        _ => None,
    };
    let mut app = App::resumed(session, &scenario.file.briefing);
    let mut keep = Keep {
        journal: None,
        reports: reports.unwrap_or_default(),
        scenario_path: header.scenario.clone(),
        session: SessionRecord {
            scenario: header.scenario.clone(),
            hash: header.hash.clone(),
            lines: found.lines.clone(),
        },
        report_failed: Rc::default(),
        watch: None,
        header: found.header.clone(),
    };
    match Writer::reopen(&found.path) {
        Ok(writer) => keep.journal = Some(writer),
        Err(why) => app.journal_failed(why),
    }
    // Played on the file as it is now: the journal goes on under its hash.
    if changed && keep.journal.is_some() {
        keep.journal_new_version(&text);
        if keep.header.hash != journal::hash(&text) {
            app.journal_failed("the scenario changed since the session began".into());
        }
    }
    if watch && let Err(code) = keep.watch_file() {
        return code;
    }
    finish(shopsim::ui::run(app, &mut keep, script, None), &keep)
}

/// How many lines of a script a journal shows were played: its actions, in order.
fn steps_done(script: &[shopsim::training::TimedAction], lines: &[JournalLine]) -> usize {
    let mut done = 0;
    for line in lines {
        if let shopsim::training::SessionEvent::Apply(action) = &line.event
            && script.get(done).is_some_and(|s| &s.action == action)
        {
            done += 1;
        }
    }
    done
}

pub(super) fn load_script(
    file: &str,
    scenario: &Scenario,
) -> Result<Vec<shopsim::training::TimedAction>, ExitCode> {
    let text = super::read(file)?;
    scenario::actions::load_for(file, &text, scenario).map_err(|report| {
        eprint!("{}", report.render());
        ExitCode::from(2)
    })
}

/// The end of a terminal session: what happened to the report, then the exit code.
fn finish(result: anyhow::Result<Ending>, keep: &Keep) -> ExitCode {
    match result {
        Ok(Ending::Signalled) => {
            eprintln!(
                "shopsim: stopped by a signal; the session is kept: `shopsim resume` continues it"
            );
            ExitCode::from(1)
        }
        Ok(Ending::Quit) if keep.report_failed.get() => {
            eprintln!(
                "shopsim: the report could not be saved (see the debrief); the session is kept: `shopsim resume` opens it again"
            );
            ExitCode::from(1)
        }
        Ok(Ending::Quit) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("shopsim: {}", inert(&format!("{e:#}")));
            ExitCode::from(1)
        }
    }
}
