//! Tables that fit the width they are given by leaving out whole columns, least important
//! first, rather than cutting what a cell says: a score cut from the left ("0/100" shown as
//! "100") reads as another number. Only the one column of names is shortened, with "…".

use super::text::fit;
use super::theme;
use ratatui::layout::Constraint;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table};
use unicode_width::UnicodeWidthStr;

/// Columns between two columns when every column fits whole with them; else 1.
const ROOMY_GAP: u16 = 2;

pub struct Column {
    heading: &'static str,
    cells: Vec<Span<'static>>,
    kind: Kind,
    right: bool,
}

enum Kind {
    /// Names: the room the other columns leave, at least `min`; a long one ends in "…".
    Names { min: u16 },
    /// Shown whole or not at all. When the table is too narrow, the column with the
    /// highest `drop` is left out first.
    Whole { drop: u8 },
}

impl Column {
    /// The column of names (a scenario's title, a trainee's name).
    pub fn names(heading: &'static str, names: Vec<Span<'static>>, min: u16) -> Column {
        Column {
            heading,
            cells: names,
            kind: Kind::Names { min },
            right: false,
        }
    }

    /// A column shown whole or not at all; a higher `drop` is left out sooner.
    pub fn whole(heading: &'static str, cells: Vec<Span<'static>>, drop: u8) -> Column {
        Column {
            heading,
            cells,
            kind: Kind::Whole { drop },
            right: false,
        }
    }

    /// Aligned to the right, as numbers are.
    pub fn right(mut self) -> Column {
        self.right = true;
        self
    }

    /// Columns it takes to show the heading and every cell whole.
    fn natural(&self) -> u16 {
        let widest = self.cells.iter().map(Span::width).max().unwrap_or(0);
        u16::try_from(widest.max(self.heading.width())).unwrap_or(u16::MAX)
    }

    /// Columns it takes at the least.
    fn least(&self) -> u16 {
        match self.kind {
            Kind::Names { min } => min.min(self.natural()),
            Kind::Whole { .. } => self.natural(),
        }
    }

    fn cell(&self, span: Span<'static>, width: u16) -> Cell<'static> {
        let span = match self.kind {
            Kind::Names { .. } => Span::styled(fit(&span.content, width.into()), span.style),
            Kind::Whole { .. } => span,
        };
        let line = Line::from(span);
        Cell::from(if self.right {
            line.right_aligned()
        } else {
            line
        })
    }
}

/// A table of the columns that fit in `room` terminal columns (inside its frame and its
/// highlight mark), with a header of their headings; the names take what is left over.
pub fn fitted(columns: Vec<Column>, room: u16) -> Table<'static> {
    let (gap, widths) = widths(&columns, room);
    let shown: Vec<(Column, u16)> = widths
        .into_iter()
        .zip(columns)
        .filter_map(|(width, column)| Some((column, width?)))
        .collect();
    let header = Row::new(shown.iter().map(|(c, w)| c.cell(Span::raw(c.heading), *w)))
        .style(theme::header());
    let count = shown.iter().map(|(c, _)| c.cells.len()).max().unwrap_or(0);
    let rows: Vec<Row> = (0..count)
        .map(|r| {
            Row::new(shown.iter().map(|(c, w)| {
                let span = c.cells.get(r).cloned().unwrap_or_default();
                c.cell(span, *w)
            }))
        })
        .collect();
    Table::new(rows, shown.iter().map(|(_, w)| Constraint::Length(*w)))
        .header(header)
        .column_spacing(gap)
}

/// The space between columns, and each column's width in `room` (`None` for a column left
/// out).
fn widths(columns: &[Column], room: u16) -> (u16, Vec<Option<u16>>) {
    let mut shown = vec![true; columns.len()];
    let natural: u16 = columns.iter().map(Column::natural).sum();
    let gap = if natural + gaps(&shown, ROOMY_GAP) <= room {
        ROOMY_GAP
    } else {
        1
    };
    while needed(columns, &shown, gap) > room {
        let least_important = columns
            .iter()
            .enumerate()
            .filter(|(i, _)| shown[*i])
            .filter_map(|(i, c)| match c.kind {
                Kind::Whole { drop } => Some((drop, i)),
                Kind::Names { .. } => None,
            })
            .max();
        match least_important {
            Some((_, i)) => shown[i] = false,
            None => break,
        }
    }
    let whole: u16 = columns
        .iter()
        .zip(&shown)
        .filter(|(c, shown)| **shown && matches!(c.kind, Kind::Whole { .. }))
        .map(|(c, _)| c.natural())
        .sum();
    let names = room.saturating_sub(whole + gaps(&shown, gap));
    let widths = columns
        .iter()
        .zip(shown)
        .map(|(c, shown)| {
            shown.then_some(match c.kind {
                Kind::Names { .. } => names,
                Kind::Whole { .. } => c.natural(),
            })
        })
        .collect();
    (gap, widths)
}

/// Columns the spaces between the shown columns take.
fn gaps(shown: &[bool], gap: u16) -> u16 {
    let count = shown.iter().filter(|s| **s).count();
    gap * u16::try_from(count.saturating_sub(1)).unwrap_or(0)
}

/// Columns the shown columns take, each at its least.
fn needed(columns: &[Column], shown: &[bool], gap: u16) -> u16 {
    let least: u16 = columns
        .iter()
        .zip(shown)
        .filter(|(_, shown)| **shown)
        .map(|(c, _)| c.least())
        .sum();
    least + gaps(shown, gap)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(cells: &[&str]) -> Vec<Span<'static>> {
        cells.iter().map(|c| Span::raw(c.to_string())).collect()
    }

    fn class() -> Vec<Column> {
        vec![
            Column::names("Trainee", spans(&["Chloé", "Ben"]), 8),
            Column::whole("Ended", spans(&["03-02 10:00", "03-02 10:05"]), 3),
            Column::whole("Score", spans(&["0/100", "100/100"]), 1).right(),
            Column::whole("Time", spans(&["2:29", "12:05"]), 2).right(),
        ]
    }

    #[test]
    fn the_least_important_column_goes_first_and_names_take_the_rest() {
        let widths = |room| widths(&class(), room).1;
        // Everything fits: the names get what the others leave.
        assert_eq!(widths(40), [Some(11), Some(11), Some(7), Some(5)]);
        assert_eq!(widths(35), [Some(9), Some(11), Some(7), Some(5)]);
        assert_eq!(widths(36), [Some(7), Some(11), Some(7), Some(5)]);
        // "Ended" goes first, then "Time"; a number is never narrower than itself.
        assert_eq!(widths(22), [Some(8), None, Some(7), Some(5)]);
        assert_eq!(widths(15), [Some(7), None, Some(7), None]);
        assert_eq!(widths(13), [Some(13), None, None, None]);
        // At the very least the names stay, cut.
        assert_eq!(widths(3), [Some(3), None, None, None]);
    }
}
