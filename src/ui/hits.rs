//! What the mouse can hit: drawing records each clickable or scrollable rectangle as it
//! draws it, and a click looks it up, so a click always lands on what is on screen under
//! it, at any size and scroll position. Later records lie on top of earlier ones: an
//! overlay covers the whole screen first, so nothing underneath it can be reached.

use ratatui::layout::{Position, Rect};

/// Something drawn that the mouse can reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Tab(usize),
    /// My Orders: a status group, an order row of the open group.
    Group(usize),
    OrderRow(usize),
    /// An order's page: one of its actions, and the text beside them.
    Action(usize),
    OrderText,
    /// Cart: a line, and its checkbox.
    CartRow(usize),
    CartBox(usize),
    /// Support: an entry of the list, and the text beside it.
    SupportRow(usize),
    SupportText,
    Refund(usize),
    /// The event log panel.
    Log,
    /// An option of the open picker.
    Option(usize),
    /// The body of an overlay: it takes the wheel and swallows clicks.
    Overlay,
}

#[derive(Debug, Clone, Default)]
pub struct HitMap {
    regions: Vec<(Rect, Target)>,
}

impl HitMap {
    pub fn clear(&mut self) {
        self.regions.clear();
    }

    pub fn add(&mut self, area: Rect, target: Target) {
        if area.width > 0 && area.height > 0 {
            self.regions.push((area, target));
        }
    }

    /// The topmost target under the position.
    pub fn at(&self, x: u16, y: u16) -> Option<Target> {
        let at = Position { x, y };
        self.regions
            .iter()
            .rev()
            .find(|(area, _)| area.contains(at))
            .map(|(_, target)| *target)
    }

    /// Where a target was drawn (the topmost, if several).
    pub fn area_of(&self, target: Target) -> Option<Rect> {
        self.regions
            .iter()
            .rev()
            .find(|(_, t)| *t == target)
            .map(|(area, _)| *area)
    }
}

/// The scroll of a text view that stops at its end: drawing tells it how far it can go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scroll {
    pub offset: u16,
    /// The furthest offset that still shows text, as of the last frame.
    pub max: u16,
}

impl Default for Scroll {
    fn default() -> Self {
        Scroll {
            offset: 0,
            max: u16::MAX,
        }
    }
}

impl Scroll {
    pub fn down(&mut self, lines: u16) {
        self.offset = self.offset.saturating_add(lines).min(self.max);
    }

    pub fn up(&mut self, lines: u16) {
        self.offset = self.offset.saturating_sub(lines);
    }

    pub fn to_top(&mut self) {
        self.offset = 0;
    }

    /// Called while drawing: `content` rows in a view of `view` rows.
    pub fn fit(&mut self, content: usize, view: u16) -> u16 {
        self.max = u16::try_from(content.saturating_sub(view as usize)).unwrap_or(u16::MAX);
        self.offset = self.offset.min(self.max);
        self.offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_region_drawn_is_on_top() {
        let mut hits = HitMap::default();
        hits.add(Rect::new(0, 0, 80, 24), Target::OrderText);
        hits.add(Rect::new(10, 5, 20, 4), Target::Overlay);
        hits.add(Rect::new(11, 6, 18, 1), Target::Option(0));
        assert_eq!(hits.at(12, 6), Some(Target::Option(0)));
        assert_eq!(hits.at(12, 7), Some(Target::Overlay));
        assert_eq!(hits.at(2, 2), Some(Target::OrderText));
        assert_eq!(hits.at(90, 2), None);
    }

    #[test]
    fn a_scroll_stops_at_the_end_of_its_text() {
        let mut scroll = Scroll::default();
        scroll.down(50);
        assert_eq!(scroll.fit(30, 10), 20);
        scroll.down(5);
        assert_eq!(scroll.offset, 20);
        scroll.up(3);
        assert_eq!(scroll.offset, 17);
        assert_eq!(scroll.fit(5, 10), 0);
    }
}
