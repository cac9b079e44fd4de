//! My Orders' status groups, kept up to date as orders change state, so that a group's
//! count, and the rows of any page of it, cost the same with ten orders or a hundred
//! thousand: nothing is recounted or scanned per frame.

use crate::sim::world::OrderState;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Default)]
pub(super) struct Groups {
    /// The orders of each group, as positions in the world's list.
    members: Vec<BTreeSet<usize>>,
    /// The same, as counts a page can be found by in logarithmic time.
    counts: Vec<Fenwick>,
    /// The groups that show each state.
    of_state: BTreeMap<OrderState, Vec<usize>>,
}

impl Groups {
    pub fn new(groups: &[Vec<OrderState>]) -> Groups {
        let mut of_state: BTreeMap<OrderState, Vec<usize>> = BTreeMap::new();
        for (index, states) in groups.iter().enumerate() {
            for state in states {
                of_state.entry(*state).or_default().push(index);
            }
        }
        Groups {
            members: vec![BTreeSet::new(); groups.len()],
            counts: vec![Fenwick::default(); groups.len()],
            of_state,
        }
    }

    /// The order at `position` left state `from` (if it had one) for `to`.
    pub fn moved(&mut self, position: usize, from: Option<OrderState>, to: OrderState) {
        if let Some(from) = from {
            for &g in self.of_state.get(&from).into_iter().flatten() {
                if self.members[g].remove(&position) {
                    self.counts[g].add(position, -1);
                }
            }
        }
        for &g in self.of_state.get(&to).into_iter().flatten() {
            if self.members[g].insert(position) {
                self.counts[g].add(position, 1);
            }
        }
    }

    pub fn len(&self, group: usize) -> usize {
        self.members.get(group).map_or(0, BTreeSet::len)
    }

    /// The group's positions in order, from its `skip`-th on.
    pub fn from(&self, group: usize, skip: usize) -> impl Iterator<Item = usize> + '_ {
        let start = self
            .counts
            .get(group)
            .and_then(|c| c.select(skip))
            .unwrap_or(usize::MAX);
        self.members
            .get(group)
            .into_iter()
            .flat_map(move |m| m.range(start..).copied())
    }
}

/// Counts by position, with prefix sums and "the k-th one" in logarithmic time.
#[derive(Debug, Clone, Default)]
struct Fenwick {
    tree: Vec<i64>,
}

impl Fenwick {
    fn add(&mut self, position: usize, delta: i64) {
        if position >= self.tree.len() {
            self.grow(position + 1);
        }
        let mut i = position + 1;
        while i <= self.tree.len() {
            self.tree[i - 1] += delta;
            i += i & i.wrapping_neg();
        }
    }

    /// Doubles the room, rebuilding the sums from the counts they hold.
    fn grow(&mut self, at_least: usize) {
        let size = at_least.max(self.tree.len() * 2).max(16);
        let mut counts = vec![0i64; self.tree.len()];
        for (p, count) in counts.iter_mut().enumerate() {
            *count = self.prefix(p + 1) - self.prefix(p);
        }
        self.tree = vec![0; size];
        for (p, count) in counts.into_iter().enumerate() {
            if count != 0 {
                self.add(p, count);
            }
        }
    }

    /// The sum of the first `n` positions.
    fn prefix(&self, n: usize) -> i64 {
        let mut i = n.min(self.tree.len());
        let mut sum = 0;
        while i > 0 {
            sum += self.tree[i - 1];
            i -= i & i.wrapping_neg();
        }
        sum
    }

    /// The position of the `k`-th counted one (from 0), if there are that many.
    fn select(&self, k: usize) -> Option<usize> {
        let mut remaining = k as i64 + 1;
        let mut position = 0;
        let mut step = self.tree.len().checked_next_power_of_two()?;
        while step > 0 {
            let next = position + step;
            if next <= self.tree.len() && self.tree[next - 1] < remaining {
                position = next;
                remaining -= self.tree[next - 1];
            }
            step /= 2;
        }
        (position < self.tree.len()).then_some(position)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_start_where_the_count_says() {
        let mut groups = Groups::new(&[vec![OrderState::Shipped], vec![OrderState::Closed]]);
        for p in 0..1000 {
            let state = if p % 3 == 0 {
                OrderState::Shipped
            } else {
                OrderState::Closed
            };
            groups.moved(p, None, state);
        }
        assert_eq!(groups.len(0), 334);
        let page: Vec<usize> = groups.from(0, 10).take(3).collect();
        assert_eq!(page, vec![30, 33, 36]);
        groups.moved(33, Some(OrderState::Shipped), OrderState::Closed);
        let page: Vec<usize> = groups.from(0, 10).take(3).collect();
        assert_eq!(page, vec![30, 36, 39]);
        assert_eq!(groups.len(0), 333);
        assert_eq!(groups.from(0, 333).count(), 0);
        assert_eq!(groups.from(1, 0).next(), Some(1));
    }
}
