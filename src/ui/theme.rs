//! Styles in one place, as a theme: `default` (the terminal's own colours), `high-contrast`
//! (for a projector: no dim text, bold colours on black) and `light` (dark colours on
//! white). Each is a RON file in `assets/themes/`; a user's file of the same name in the
//! config folder overrides the styles it names, and `--theme FILE.ron` reads one from a path.
//!
//! Selection and emphasis never rely on colour alone (REVERSED, BOLD, and marks such as ✓ ✗
//! ● ○ in the text), so the screen reads under NO_COLOR, which takes every colour away.

use super::settings::{self, Problem};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use std::cell::RefCell;
use std::str::FromStr;

/// The themes shipped with the program, by name.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("default", include_str!("../../assets/themes/default.ron")),
    (
        "high-contrast",
        include_str!("../../assets/themes/high-contrast.ron"),
    ),
    ("light", include_str!("../../assets/themes/light.ron")),
];

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Theme {
    /// Under everything: the colours of text and background where nothing else sets them.
    pub base: Style,
    pub selected: Style,
    pub header: Style,
    /// Less important text (never the only sign of anything).
    pub dim: Style,
    pub ok: Style,
    pub refused: Style,
    pub notice: Style,
    pub active_tab: Style,
    pub stage_done: Style,
    pub late: Style,
    /// An empty field's example text (also marked "(empty)" in words).
    pub placeholder: Style,
}

/// A theme file: every style optional, so a user's file names only what it changes.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    #[serde(default)]
    base: Option<StyleSpec>,
    #[serde(default)]
    selected: Option<StyleSpec>,
    #[serde(default)]
    header: Option<StyleSpec>,
    #[serde(default)]
    dim: Option<StyleSpec>,
    #[serde(default)]
    ok: Option<StyleSpec>,
    #[serde(default)]
    refused: Option<StyleSpec>,
    #[serde(default)]
    notice: Option<StyleSpec>,
    #[serde(default)]
    active_tab: Option<StyleSpec>,
    #[serde(default)]
    stage_done: Option<StyleSpec>,
    #[serde(default)]
    late: Option<StyleSpec>,
    #[serde(default)]
    placeholder: Option<StyleSpec>,
}

/// One style as a theme file writes it: `(fg: "yellow", bold: true)`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleSpec {
    #[serde(default)]
    fg: Option<ColorName>,
    #[serde(default)]
    bg: Option<ColorName>,
    #[serde(default)]
    bold: bool,
    #[serde(default)]
    dim: bool,
    #[serde(default)]
    italic: bool,
    #[serde(default)]
    underlined: bool,
    #[serde(default)]
    reversed: bool,
    #[serde(default)]
    crossed_out: bool,
}

/// A colour by name ("yellow", "lightred", "gray") or as "#rrggbb".
#[derive(Debug)]
struct ColorName(Color);

impl<'de> Deserialize<'de> for ColorName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Color::from_str(&text).map(ColorName).map_err(|_| {
            serde::de::Error::custom(format!(
                "`{text}` is not a colour: write a name (black, red, green, yellow, blue, magenta, cyan, gray, darkgray, lightred, …, white, reset) or \"#rrggbb\""
            ))
        })
    }
}

impl StyleSpec {
    fn style(&self) -> Style {
        let mut style = Style::new();
        if let Some(ColorName(fg)) = self.fg {
            style = style.fg(fg);
        }
        if let Some(ColorName(bg)) = self.bg {
            style = style.bg(bg);
        }
        let flags = [
            (self.bold, Modifier::BOLD),
            (self.dim, Modifier::DIM),
            (self.italic, Modifier::ITALIC),
            (self.underlined, Modifier::UNDERLINED),
            (self.reversed, Modifier::REVERSED),
            (self.crossed_out, Modifier::CROSSED_OUT),
        ];
        for (on, modifier) in flags {
            if on {
                style = style.add_modifier(modifier);
            }
        }
        style
    }
}

impl Theme {
    /// A shipped theme by name.
    pub fn built_in(name: &str) -> Option<Theme> {
        let (_, text) = BUILT_IN.iter().find(|(n, _)| *n == name)?;
        Theme::default_theme().with_overrides(text).ok()
    }

    /// The theme the program starts with.
    pub fn default_theme() -> Theme {
        // The shipped file is read by a test: it always parses.
        Theme::default()
            .with_overrides(BUILT_IN[0].1)
            .unwrap_or_default()
    }

    /// This theme with a file's styles on top: each style the file names replaces this one's.
    pub fn with_overrides(mut self, text: &str) -> Result<Theme, Problem> {
        let file: ThemeFile = settings::parse(text)?;
        let slots: [(&Option<StyleSpec>, &mut Style); 11] = [
            (&file.base, &mut self.base),
            (&file.selected, &mut self.selected),
            (&file.header, &mut self.header),
            (&file.dim, &mut self.dim),
            (&file.ok, &mut self.ok),
            (&file.refused, &mut self.refused),
            (&file.notice, &mut self.notice),
            (&file.active_tab, &mut self.active_tab),
            (&file.stage_done, &mut self.stage_done),
            (&file.late, &mut self.late),
            (&file.placeholder, &mut self.placeholder),
        ];
        for (given, style) in slots {
            if let Some(spec) = given {
                *style = spec.style();
            }
        }
        Ok(self)
    }

    /// The same theme with every colour taken away (NO_COLOR): only bold, reversed and the
    /// like remain.
    pub fn without_colour(self) -> Theme {
        let plain = |s: Style| Style {
            fg: None,
            bg: None,
            underline_color: None,
            ..s
        };
        Theme {
            base: plain(self.base),
            selected: plain(self.selected),
            header: plain(self.header),
            dim: plain(self.dim),
            ok: plain(self.ok),
            refused: plain(self.refused),
            notice: plain(self.notice),
            active_tab: plain(self.active_tab),
            stage_done: plain(self.stage_done),
            late: plain(self.late),
            placeholder: plain(self.placeholder),
        }
    }
}

thread_local! {
    static THEME: RefCell<Theme> = RefCell::new(Theme::default_theme());
}

/// Uses this theme from now on (the command line sets the one asked for at start).
pub fn use_theme(theme: Theme) {
    THEME.with(|t| *t.borrow_mut() = theme);
}

fn current(pick: impl FnOnce(&Theme) -> Style) -> Style {
    THEME.with(|t| pick(&t.borrow()))
}

/// Gives every cell the theme's base colours where nothing drawn set its own, so a theme
/// with a background covers the whole screen, dialogs included.
pub fn paint_base(buffer: &mut Buffer) {
    let base = current(|t| t.base);
    if base.fg.is_none() && base.bg.is_none() {
        return;
    }
    for cell in buffer.content.iter_mut() {
        if let Some(fg) = base.fg
            && cell.fg == Color::Reset
        {
            cell.fg = fg;
        }
        if let Some(bg) = base.bg
            && cell.bg == Color::Reset
        {
            cell.bg = bg;
        }
    }
}

pub fn selected() -> Style {
    current(|t| t.selected)
}

pub fn header() -> Style {
    current(|t| t.header)
}

pub fn dim() -> Style {
    current(|t| t.dim)
}

pub fn ok() -> Style {
    current(|t| t.ok)
}

pub fn refused() -> Style {
    current(|t| t.refused)
}

pub fn notice() -> Style {
    current(|t| t.notice)
}

pub fn active_tab() -> Style {
    current(|t| t.active_tab)
}

pub fn stage_done() -> Style {
    current(|t| t.stage_done)
}

pub fn late() -> Style {
    current(|t| t.late)
}

pub fn placeholder() -> Style {
    current(|t| t.placeholder)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_theme_parses_and_the_default_is_as_before() {
        for (name, text) in BUILT_IN {
            Theme::default()
                .with_overrides(text)
                .unwrap_or_else(|p| panic!("assets/themes/{name}.ron: {p:?}"));
        }
        let default = Theme::default_theme();
        assert_eq!(
            default.selected,
            Style::new().add_modifier(Modifier::REVERSED)
        );
        assert_eq!(default.base, Style::new());
        assert_eq!(default.notice.fg, Some(Color::Yellow));
    }

    #[test]
    fn high_contrast_dims_nothing() {
        let theme = Theme::built_in("high-contrast").expect("shipped");
        for style in [theme.dim, theme.header, theme.placeholder, theme.base] {
            assert!(!style.add_modifier.contains(Modifier::DIM), "{style:?}");
        }
        assert_eq!(theme.base.bg, Some(Color::Black));
    }

    #[test]
    fn without_colour_keeps_only_modifiers() {
        let theme = Theme::built_in("light").expect("shipped").without_colour();
        for style in [
            theme.base,
            theme.ok,
            theme.refused,
            theme.notice,
            theme.late,
        ] {
            assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
        }
        assert!(theme.selected.add_modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn a_user_file_overrides_only_what_it_names_and_a_bad_one_says_where() {
        let theme = Theme::default_theme()
            .with_overrides("(notice: (fg: \"#ff8800\", bold: true))")
            .expect("valid");
        assert_eq!(theme.notice.fg, Some(Color::Rgb(0xff, 0x88, 0)));
        assert_eq!(theme.selected, Theme::default_theme().selected);
        let colour = Theme::default_theme()
            .with_overrides("(\n  ok: (fg: \"greenish\"),\n)")
            .expect_err("no such colour");
        assert_eq!(colour.line, 2, "{colour:?}");
        assert!(colour.message.contains("not a colour"), "{colour:?}");
        let field = Theme::default_theme()
            .with_overrides("(okay: (bold: true))")
            .expect_err("no such style");
        assert!(field.message.contains("okay"), "{field:?}");
    }
}
