//! Captions for a demonstration: before an action, what the trainee does and the rule that
//! makes it the right move now, in the words a presenter would say. Every fact in them
//! comes from the core (the order's windows, the policy's times, the core's verdict), so a
//! caption never states a rule the simulation does not apply.
//!
//! Pure like the core: it reads the simulation as it stands before the action.

use crate::sim::Simulation;
use crate::sim::action::{Action, Advance};
use crate::sim::engine::WindowKind;
use crate::sim::time::show;
use crate::sim::world::DisputeKind;

/// The caption for `action` in the simulation as it is now, before the action is done.
pub fn caption(sim: &Simulation, action: &Action) -> String {
    let what = sentence(&sim.describe(action));
    if let Err(refusal) = sim.check(action) {
        return format!("{what} The platform will refuse it: {}", refusal.reason);
    }
    match rule(sim, action) {
        Some(rule) => format!("{what} {rule}"),
        None => what,
    }
}

/// "cancel E-1 (\"…\")" → "Cancel E-1 (\"…\")."
pub fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let mut out = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
        None => String::new(),
    };
    if !out.ends_with(['.', '?', '!']) {
        out.push('.');
    }
    out
}

/// The rule the action meets, where the core has one to cite.
fn rule(sim: &Simulation, action: &Action) -> Option<String> {
    let policy = sim.policy();
    let window = |kinds: &[WindowKind]| open_window(sim, action.order()?, kinds);
    match action {
        Action::CancelOrder { .. } => window(&[WindowKind::Verification, WindowKind::DirectCancel])
            .or_else(|| Some("An unpaid order can be cancelled at once.".to_owned())),
        Action::RequestCancellation { .. } => Some(format!(
            "Past the direct-cancel window only the seller can cancel: it has {} to answer.",
            policy.seller_answer_time
        )),
        Action::AskSupportToCancel { .. } => Some(format!(
            "Past the window support decides, within {}, and it needs a weighty reason.",
            policy.support_cancel_review
        )),
        Action::OpenDispute { kind, .. } => match kind {
            DisputeKind::NoTrackingInfo => window(&[WindowKind::NoTrackingDispute]),
            DisputeKind::NotReceived => window(&[WindowKind::NotReceivedDispute]),
            DisputeKind::NotAsDescribed | DisputeKind::ReturnGoodsAndMoney => {
                window(&[WindowKind::Return])
            }
        }
        .map(|w| {
            format!(
                "{w} The seller has {} to answer.",
                policy.seller_dispute_answer_time
            )
        }),
        Action::Escalate { .. } => Some(format!(
            "The platform decides an escalated dispute within {}.",
            policy.platform_decision_time
        )),
        Action::RejectCounterOffer { .. } => Some(
            "Accepting an offer closes the dispute for that amount; rejecting keeps it open."
                .to_owned(),
        ),
        Action::AcceptCounterOffer { .. } => {
            Some("Accepting closes the dispute for the amount offered.".to_owned())
        }
        Action::ShipReturn { .. } => window(&[WindowKind::ReturnShipping]),
        Action::RefuseParcel { .. } => window(&[WindowKind::CashOnDeliveryPickup]),
        Action::ConfirmReceipt { .. } => {
            Some("Confirming receipt ends buyer protection: the seller is paid.".to_owned())
        }
        Action::FileChargeback { via, .. } => Some(format!(
            "A chargeback through the {} is decided in {}.",
            match via {
                crate::sim::action::ChargebackRoute::Platform => "platform",
                crate::sim::action::ChargebackRoute::Bank => "bank",
            },
            match via {
                crate::sim::action::ChargebackRoute::Platform => policy.platform_chargeback_time,
                crate::sim::action::ChargebackRoute::Bank => policy.bank_chargeback_time,
            }
        )),
        Action::Checkout { .. } => {
            Some("The selected cart lines become unpaid orders, one per seller.".to_owned())
        }
        Action::Pay { .. } => Some(format!(
            "An order left unpaid closes by itself after {}.",
            policy.unpaid_closes_after
        )),
        Action::WriteToSupport { .. } => Some(format!(
            "Support answers within {}.",
            policy.support_answer_time
        )),
        Action::AdvanceClock(Advance::NextEvent) => {
            Some("The clock jumps to the next moment that matters.".to_owned())
        }
        _ => None,
    }
}

/// The first of these windows open on the order now, in words.
fn open_window(sim: &Simulation, order: &str, kinds: &[WindowKind]) -> Option<String> {
    let order = sim.world().order(order)?;
    let now = sim.now();
    let windows = sim.windows(order);
    kinds.iter().find_map(|kind| {
        let w = windows.iter().find(|w| w.kind == *kind && w.is_open(now))?;
        Some(match w.last_open {
            Some(last) => format!("{}: open until {}.", w.kind.name(), show(last)),
            None => format!("{}: open now.", w.kind.name()),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::sentence;

    #[test]
    fn a_sentence_begins_with_a_capital_and_ends_with_a_stop() {
        assert_eq!(sentence("cancel E-1"), "Cancel E-1.");
        assert_eq!(sentence("done!"), "Done!");
        assert_eq!(sentence(""), ".");
    }
}
