//! Command-line entry: parses arguments, reads files, and hands text to the library.
//! Exit codes: 0 fine, 1 an error of the program or the system, 2 bad input, 3 a scenario
//! run whose required objectives were not met.

mod check;
mod class;
mod demo;
mod generate;
mod input;
mod journal;
mod looks;
mod menu;
mod new;
mod play;
mod record;
mod reports;
mod run;
mod start_at;
mod watch;

use clap::{Parser, Subcommand, ValueEnum};
use shopsim::scenario;
use shopsim::text::inert;
use shopsim::training::Mode;
use std::process::ExitCode;

/// The scenario `shopsim` plays when given no file.
pub const DEFAULT_SCENARIO: (&str, &str) = (
    "scenarios/01_quick_cancel_window.ron",
    include_str!("../../scenarios/01_quick_cancel_window.ron"),
);

#[derive(Parser)]
#[command(
    name = "shopsim",
    version,
    about = "Rehearse cancellations, disputes and refunds on a simulated clock",
    long_about = "Rehearse what happens after \"Buy\": cancelling, asking a seller, disputes, support \
                  and refunds, against scripted sellers on a simulated clock.\n\n\
                  With no command, plays the default scenario in the terminal."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Where the debrief reports of training sessions are saved (Markdown and JSON)
    /// [default: reports/ in shopsim's data directory]
    #[arg(long, global = true)]
    reports: Option<String>,
    /// How the screen looks: default, high-contrast (for a projector), light, a theme file
    /// of yours in the config folder's themes/, or a FILE.ron
    #[arg(long, global = true, value_name = "NAME|FILE.ron")]
    theme: Option<String>,
    /// Who plays, written in the reports [default: the login name]
    #[arg(long, global = true)]
    trainee: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Play a scenario in the terminal
    Play {
        file: String,
        /// Exam mode: no hints, no rewinding
        #[arg(long)]
        exam: bool,
        /// Play these timed actions by themselves, one step at a time
        #[arg(long)]
        actions: Option<String>,
        /// Milliseconds between two steps of --actions
        #[arg(long, default_value_t = 700, requires = "actions")]
        pace: u64,
        /// Record the terminal to this asciicast v2 file (replayed by the asciinema player)
        #[arg(long, value_name = "FILE.cast")]
        record: Option<String>,
        /// Begin with the reference solution (or --actions) played up to this step, or to
        /// this simulated moment ("2026-03-11T12:00", or "+6d2h" from the start)
        #[arg(long, value_name = "STEP|DATE", allow_hyphen_values = true)]
        start_at: Option<String>,
        /// Reload the scenario on every save, replaying your actions onto it; problems
        /// are shown over the running session
        #[arg(long)]
        watch: bool,
    },
    /// Play a scenario's reference solution by itself, with a caption before each step,
    /// for a room: Space steps, p pauses, +/- change the pace, ←/→ and 0-9 move between
    /// steps, q leaves
    Demo {
        /// The scenario (with --session: only when its file has moved since)
        #[arg(required_unless_present = "session")]
        file: Option<String>,
        /// The actions to play [default: NAME.actions.ron beside the scenario]
        #[arg(long, conflicts_with = "session")]
        actions: Option<String>,
        /// Watch a trainee's session again: a report (.json) or a journal (.jsonl), with
        /// their mistakes captioned
        #[arg(long, value_name = "REPORT_OR_JOURNAL")]
        session: Option<String>,
        /// With --session: how many times faster than the trainee (1 = their pace)
        #[arg(long, default_value_t = 1.0, requires = "session")]
        speed: f64,
        /// Start again after the end, for a stand or a stream
        #[arg(long = "loop")]
        looping: bool,
        /// Milliseconds between two beats (caption, place, dialog, result)
        #[arg(long, default_value_t = 1800, value_parser = clap::value_parser!(u64).range(50..=60_000))]
        pace: u64,
        /// Record the terminal to this asciicast v2 file (replayed by the asciinema player)
        #[arg(long, value_name = "FILE.cast")]
        record: Option<String>,
    },
    /// Sum up a class: every report in a folder, per scenario (sessions, passes, median
    /// score and time, what was missed and the mistakes made most, each trainee's line);
    /// in a terminal a table with a chart where Enter opens a session's debrief
    Report {
        dir: String,
        /// Print as Markdown, JSON or CSV (one row per session) instead of the terminal view
        #[arg(long, value_enum)]
        format: Option<class::ClassFormat>,
    },
    /// Without a terminal: check the scenario and play its solution on every save,
    /// printing the problems or the objectives as they tick, until Ctrl-C
    Watch {
        file: String,
        /// The actions to play [default: NAME.actions.ron beside the scenario]
        #[arg(long)]
        actions: Option<String>,
    },
    /// Go on with a session that did not end normally (the newest, or this journal)
    Resume { journal: Option<String> },
    /// Choose a scenario from a folder and play it, as practice or exam
    Menu {
        #[arg(default_value = "scenarios")]
        dir: String,
    },
    /// Check scenario files, with the reference solution `NAME.actions.ron` beside each
    /// played and linted; exit 0 when all are valid, 2 when not
    Check {
        #[arg(required = true)]
        files: Vec<String>,
        /// Warnings (parts that cannot work as meant) fail the check too
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Run a scenario without a terminal and print its event log and end state
    Run {
        file: String,
        /// A RON list of timed actions, e.g. [(at: "+30m", do: CancelOrder(order: "A-1"))]
        #[arg(long)]
        actions: Option<String>,
        /// Stop the clock here: a duration from the start ("21d", "36h") or a date and time
        #[arg(long)]
        until: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Also list every timer, window edge and event scheduled, and each seller rule
        /// that answered, with the line of the file it comes from
        #[arg(long)]
        timeline: bool,
        /// Also say which seller rules, events, objectives and mistakes of the file the
        /// actions exercised, and which never fired, by line (needs --actions)
        #[arg(long)]
        coverage: bool,
    },
    /// Write a commented starter scenario NAME.ron and its solution NAME.actions.ron that
    /// pass `check` and play: the first file of a new story
    New {
        /// The file to write, e.g. scenarios/20_my_story (".ron" is added)
        name: String,
        /// The platform preset
        #[arg(long, default_value = "escrow_marketplace")]
        preset: String,
        /// The story's title [default: from the name]
        #[arg(long)]
        title: Option<String>,
    },
    /// Write a large valid scenario for measuring: orders in every starting status,
    /// scripted sellers and a month of world events; the same seed gives the same file
    Generate {
        /// Orders that exist at the start (1 to 1,000,000)
        #[arg(long)]
        orders: usize,
        /// Sellers, each with one or two items and rules [default: one per 50 orders]
        #[arg(long)]
        sellers: Option<usize>,
        /// World events over the 30 days after the start [default: one per 10 orders]
        #[arg(long)]
        events: Option<usize>,
        /// The platform preset
        #[arg(long, default_value = "escrow_marketplace")]
        preset: String,
        /// Chooses the data; the same seed gives the same file
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Write to this file instead of stdout
        #[arg(long)]
        out: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    play::keep_crashes();
    let reports = cli.reports.as_deref();
    reports::set_trainee(cli.trainee.as_deref());
    let on_screen = matches!(
        cli.command,
        None | Some(
            Command::Play { .. }
                | Command::Demo { .. }
                | Command::Menu { .. }
                | Command::Resume { .. }
        )
    );
    if on_screen && let Err(code) = looks::apply(cli.theme.as_deref()) {
        return code;
    }
    match cli.command {
        None => play::play(
            DEFAULT_SCENARIO.0,
            DEFAULT_SCENARIO.1,
            &play::Options {
                reports,
                ..play::Options::default()
            },
        ),
        Some(Command::Watch { file, actions }) => watch::watch(&file, actions.as_deref()),
        Some(Command::Play {
            file,
            exam,
            actions,
            pace,
            record,
            start_at,
            watch,
        }) => match read(&file) {
            Ok(text) => {
                let mode = if exam { Mode::Exam } else { Mode::Practice };
                let script = actions
                    .as_deref()
                    .map(|a| (a, std::time::Duration::from_millis(pace)));
                let options = play::Options {
                    mode: Some(mode),
                    reports,
                    actions: script,
                    record: record.as_deref(),
                    start_at: start_at.as_deref(),
                    watch,
                };
                play::play(&file, &text, &options)
            }
            Err(code) => code,
        },
        Some(Command::Demo {
            file,
            actions,
            session,
            speed,
            looping,
            pace,
            record,
        }) => demo::demo(&demo::Options {
            file: file.as_deref(),
            actions: actions.as_deref(),
            session: session.as_deref(),
            speed,
            pace_ms: pace,
            looping,
            record: record.as_deref(),
        }),
        Some(Command::Report { dir, format }) => class::report(&dir, format, cli.theme.as_deref()),
        Some(Command::Resume { journal }) => play::resume(journal.as_deref(), reports),
        Some(Command::Menu { dir }) => menu::menu(&dir, reports),
        Some(Command::Check {
            files,
            deny_warnings,
        }) => check::check(&files, deny_warnings),
        Some(Command::Run {
            file,
            actions,
            until,
            format,
            timeline,
            coverage,
        }) => run::run(
            &file,
            actions.as_deref(),
            until.as_deref(),
            format,
            run::Extras { timeline, coverage },
        ),
        Some(Command::New {
            name,
            preset,
            title,
        }) => new::new(&name, &preset, title.as_deref()),
        Some(Command::Generate {
            orders,
            sellers,
            events,
            preset,
            seed,
            out,
        }) => {
            let defaults = scenario::generate::Options::new(orders);
            let options = scenario::generate::Options {
                sellers: sellers.unwrap_or(defaults.sellers),
                events: events.unwrap_or(defaults.events),
                preset,
                seed,
                ..defaults
            };
            generate::generate(&options, out.as_deref())
        }
    }
}

/// Reads a file (a regular one, of at most 64 MiB), or says why not and gives the exit code.
pub fn read(path: &str) -> Result<String, ExitCode> {
    input::read_text(path).map_err(|why| {
        eprintln!("shopsim: cannot read {}: {why}", inert(path));
        ExitCode::from(2)
    })
}

/// Writes to stdout. A reader that stops early (`| head`) is not a failure of ours; any
/// other failure to write is (exit 1).
pub fn print_out(text: &str) -> Result<(), ExitCode> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => {
            eprintln!("shopsim: cannot write the output: {e}");
            Err(ExitCode::from(1))
        }
    }
}
