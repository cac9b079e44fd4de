//! How the screen looks and which keys do what: the theme asked for with `--theme` (a
//! shipped one, the user's own in the config folder, or a file) and the user's key map,
//! read before the terminal UI starts. A mistake in either file is said with its place and
//! the program stops with exit code 2; it never panics.

use shopsim::ui::command::{self, KeyMap};
use shopsim::ui::theme::{self, Theme};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// shopsim's config folder (`$XDG_CONFIG_HOME/shopsim` on Linux).
fn config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "shopsim").map(|d| d.config_dir().to_path_buf())
}

/// Sets the theme and the key map for this run.
pub fn apply(theme_asked: Option<&str>) -> Result<(), ExitCode> {
    let config = config_dir();
    let mut theme = load_theme(theme_asked.unwrap_or("default"), config.as_deref())?;
    // NO_COLOR (https://no-color.org): any non-empty value takes every colour away.
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        theme = theme.without_colour();
    }
    theme::use_theme(theme);
    if let Some(dir) = &config {
        let path = dir.join("keys.ron");
        if path.exists() {
            let text = read(&path)?;
            let map = KeyMap::default()
                .with_overrides(&text)
                .map_err(|p| bad_file(&path, &text, p))?;
            let lost = map.unreachable();
            if !lost.is_empty() {
                eprintln!(
                    "shopsim: {} leaves no key for: {} (Ctrl-C still quits)",
                    shopsim::text::inert(&path.display().to_string()),
                    lost.join(", ")
                );
            }
            command::use_keys(map);
        }
    }
    Ok(())
}

fn load_theme(asked: &str, config: Option<&Path>) -> Result<Theme, ExitCode> {
    // A path: a theme file of the user's, on top of the default theme.
    if asked.ends_with(".ron") || asked.contains(std::path::MAIN_SEPARATOR) {
        let path = PathBuf::from(asked);
        let text = read(&path)?;
        return Theme::default_theme()
            .with_overrides(&text)
            .map_err(|p| bad_file(&path, &text, p));
    }
    let user_file = config.map(|d| d.join("themes").join(format!("{asked}.ron")));
    let user_file = user_file.filter(|p| p.exists());
    let base = match (Theme::built_in(asked), &user_file) {
        (Some(theme), _) => theme,
        (None, Some(_)) => Theme::default_theme(),
        (None, None) => {
            let names: Vec<&str> = theme::BUILT_IN.iter().map(|(n, _)| *n).collect();
            let own = config
                .map(|d| format!(" (or a file of yours in {})", d.join("themes").display()))
                .unwrap_or_default();
            eprintln!(
                "shopsim: there is no theme `{}`: the themes are {}{own}, or give a FILE.ron",
                shopsim::text::inert(asked),
                names.join(", ")
            );
            return Err(ExitCode::from(2));
        }
    };
    match user_file {
        Some(path) => {
            let text = read(&path)?;
            base.with_overrides(&text)
                .map_err(|p| bad_file(&path, &text, p))
        }
        None => Ok(base),
    }
}

fn read(path: &Path) -> Result<String, ExitCode> {
    super::read(&path.to_string_lossy())
}

fn bad_file(path: &Path, text: &str, problem: shopsim::ui::settings::Problem) -> ExitCode {
    eprint!("shopsim: {}", problem.render(&path.to_string_lossy(), text));
    ExitCode::from(2)
}
