//! Where a person would be to do an action, and the dialogs they would go through: the
//! demonstration moves the screen there so the room sees the way to the action, not only
//! its result. Nothing here acts: the demo sends the action itself, exactly as written,
//! once the dialogs have been seen.

use crate::sim::{Action, Simulation};
use crate::ui::app::{App, Tab};
use crate::ui::dialog::{Dialog, Form, Picker, Purpose};
use crate::ui::intent::Intent;
use crate::ui::tabs::Detail;
use crate::ui::tabs::orders::{intent_for, ordered_offers};

/// Opens the tab, and for an order the order's page with the cursor on the action, as a
/// person's keys would leave them.
pub fn go_to(app: &mut App, action: &Action) {
    let sim = app.session.sim();
    match action {
        Action::AddToCart { .. }
        | Action::SelectAll
        | Action::DeselectAll
        | Action::DeleteSelected
        | Action::Checkout { .. } => app.tab = Tab::Cart,
        Action::Select { item } | Action::Deselect { item } => {
            if let Some(i) = sim.world().cart.iter().position(|l| &l.item == item) {
                app.cart.selected = i;
            }
            app.tab = Tab::Cart;
        }
        Action::WriteToSupport { .. } => {
            // "Ask your own question" comes right after the FAQ entries.
            app.support.selected = sim.policy().faq.len();
            app.tab = Tab::Support;
        }
        Action::MarkConversationRead { conversation } => {
            let conversations = sim.world().conversations();
            if let Some(position) = conversations.iter().position(|c| c.id == *conversation) {
                // The list shows the FAQ, "Ask", then conversations newest first.
                app.support.selected = sim.policy().faq.len() + conversations.len() - position;
            }
            app.tab = Tab::Support;
        }
        Action::AdvanceClock(_) => {}
        order_action => {
            if let Some(order) = order_action.order() {
                open_order(app, order, order_action);
            }
        }
    }
}

/// The order's page, reached through its status group, with the cursor on the action.
fn open_order(app: &mut App, order: &str, action: &Action) {
    let sim = app.session.sim();
    let Some(state) = sim.world().order(order).map(|o| o.state) else {
        return;
    };
    let Some(group) = sim
        .policy()
        .status_groups
        .iter()
        .position(|g| g.states.contains(&state))
    else {
        return;
    };
    let row = sim
        .orders_in_group(group)
        .position(|o| o.id == order)
        .unwrap_or(0);
    let mut detail = Detail::new(order);
    detail.action = matching_offer(sim, order, action).map(|o| o.label);
    app.tab = Tab::Orders;
    app.orders.group = group;
    app.orders.selected = row;
    app.orders.in_orders = true;
    app.orders.detail = Some(detail);
}

/// The order's offer that stands for `action`: the same kind of action (and the same kind
/// of dispute or chargeback route), whatever details the trainee fills in.
fn matching_offer(sim: &Simulation, order: &str, action: &Action) -> Option<crate::sim::Offer> {
    ordered_offers(sim, order)
        .into_iter()
        .find(|o| same_kind(&o.action, action))
}

fn same_kind(offered: &Action, action: &Action) -> bool {
    match (offered, action) {
        (Action::OpenDispute { kind: a, .. }, Action::OpenDispute { kind: b, .. }) => a == b,
        (Action::FileChargeback { via: a, .. }, Action::FileChargeback { via: b, .. }) => a == b,
        (a, b) => std::mem::discriminant(a) == std::mem::discriminant(b),
    }
}

/// The dialogs a person goes through to send `action`, each as it looks just before its
/// answer is given: a picker with the choice made, a form filled in, and the question
/// "cannot be undone" for a final action. Empty when the action needs no dialog, or when
/// the screen would refuse it before any dialog (a greyed action).
pub fn dialogs(app: &App, action: &Action) -> Vec<Dialog> {
    let sim = app.session.sim();
    let mut shown = Vec::new();
    let first = match action {
        Action::AddToCart { .. } => Some(Intent::Pick(Purpose::CatalogueItem)),
        Action::WriteToSupport { order, .. } => Some(Intent::Open(Dialog::Form(Box::new(
            Form::support(sim, order.as_deref()),
        )))),
        Action::AdvanceClock(_) | Action::MarkConversationRead { .. } => None,
        _ => action.order().and_then(|order| {
            let offer = matching_offer(sim, order, action)?;
            offer.verdict.is_ok().then(|| intent_for(&offer, sim))
        }),
    };
    let mut next = first;
    // A picker may lead to another (which items, then why): follow the choice made.
    while let Some(intent) = next.take() {
        match intent {
            Intent::Pick(purpose) => {
                next = Some(Intent::Open(Dialog::Pick(Picker::for_purpose(
                    purpose, sim,
                ))))
            }
            Intent::Open(Dialog::Pick(mut picker)) => {
                let chosen = choose(&mut picker, action);
                shown.push(Dialog::Pick(picker));
                next = chosen.filter(|i| matches!(i, Intent::Pick(_)));
            }
            Intent::Open(Dialog::Form(form)) => {
                shown.push(Dialog::Form(Box::new(form.filled_with(action))));
            }
            _ => {}
        }
    }
    if let Some(what) = action.cannot_be_undone() {
        shown.push(Dialog::confirm(
            "Cannot be undone",
            app.confirm_text(std::slice::from_ref(action)),
            what,
            Intent::Confirmed(vec![action.clone()]),
        ));
    }
    shown
}

/// Selects the option that stands for `action`; returns what choosing it does.
fn choose(picker: &mut Picker, action: &Action) -> Option<Intent> {
    let index = picker.options.iter().position(|c| match &c.intent {
        Intent::Act(a) => a == action,
        Intent::ActAll(all) => all.contains(action),
        Intent::Pick(Purpose::CancelReason { items, .. }) => {
            matches!(action, Action::CancelOrder { items: wanted, .. } if wanted == items)
        }
        _ => false,
    })?;
    picker.selected = Some(index);
    Some(picker.options[index].intent.clone())
}
