//! Buying again: an order that closed unpaid offers "Add to cart", which puts its items
//! back into the cart, to check out and pay as a new order.

use super::Simulation;
use crate::sim::action::Refusal;
use crate::sim::world::OrderState;

impl Simulation {
    pub(super) fn check_add_order_to_cart(&self, order: &str) -> Result<(), Refusal> {
        let o = self.find(order)?;
        if o.state != OrderState::Closed || o.paid_at.is_some() {
            return Err(Refusal::new(format!(
                "\"Add to cart\" is for an order that closed unpaid; {order} is \"{}\".",
                self.state_of(o)
            )));
        }
        if let Some(line) = o
            .lines
            .iter()
            .find(|l| !l.cancelled && self.world.item(&l.item).is_none())
        {
            return Err(Refusal::new(format!(
                "{} is no longer sold: it cannot go back into the cart.",
                line.title
            )));
        }
        // Each line goes in as if added by hand, within the same limits.
        for line in o.lines.iter().filter(|l| !l.cancelled) {
            self.check_add_to_cart(&line.item, line.quantity)
                .map_err(|r| Refusal::new(format!("{}: {}", line.title, r.reason)))?;
        }
        Ok(())
    }

    pub(super) fn add_order_to_cart(&mut self, order: &str) {
        let lines: Vec<(String, u32)> = self
            .world
            .order(order)
            .map(|o| {
                o.lines
                    .iter()
                    .filter(|l| !l.cancelled)
                    .map(|l| (l.item.clone(), l.quantity))
                    .collect()
            })
            .unwrap_or_default();
        for (item, quantity) in lines {
            self.add_to_cart(&item, quantity);
        }
    }
}
