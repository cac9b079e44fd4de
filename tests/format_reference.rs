//! The format reference cannot drift: every ```ron example in `scenarios/README.md`
//! loads, every policy field is in its table, and every name an author can write (a goal,
//! a trigger, a condition, a response, a world event, an action, a field of a block) is in
//! the reference.
//!
//! An example is read by what it is: a whole scenario `( … )`, an action file `[ … ]`, or
//! a fragment marked by an HTML comment on the line before its fence
//! (`<!-- fragment: goal -->`). A fragment is put where it belongs in the reference's own
//! example scenario (its first whole one), which is then loaded; its action files are
//! checked against that scenario too, so the examples name its orders and items.

use serde::de::DeserializeOwned;
use shopsim::scenario::format::{
    BuyerSpec, CartSpec, CouponSpec, EventSpec, ItemSpec, LineSpec, MethodSpec, OrderSpec,
    PolicyChoice, ScenarioFile, SellerSpec,
};
use shopsim::scenario::{self, Scenario, actions};
use shopsim::sim::Action;
use shopsim::sim::agent::{Condition, Happening, Response, SellerRule, Trigger};
use shopsim::sim::policy::Policy;
use shopsim::sim::world::{DisputeKind, MethodKind, OrderState, PaymentFailure, TrackingKind};
use shopsim::training::spec::{ActionKind, Deed, Goal, Hint, Mistake, Objective, TrainingSpec};

const README: &str = include_str!("../scenarios/README.md");
const PATH: &str = "scenarios/README.md";

/// One ```ron block of the reference.
struct Example {
    /// The line of its opening fence, for the failure message.
    line: usize,
    /// The fragment kind its marker names, if it has one.
    fragment: Option<String>,
    text: String,
}

fn examples() -> Vec<Example> {
    let lines: Vec<&str> = README.lines().collect();
    let mut found = Vec::new();
    let mut n = 0;
    while n < lines.len() {
        if lines[n].trim() != "```ron" {
            n += 1;
            continue;
        }
        let marker = lines[..n]
            .iter()
            .rev()
            .find(|line| !line.trim().is_empty())
            .and_then(|line| line.trim().strip_prefix("<!-- fragment:"))
            .and_then(|rest| rest.strip_suffix("-->"))
            .map(|kind| kind.trim().to_owned());
        let end = (n + 1..lines.len())
            .find(|&i| lines[i].trim() == "```")
            .unwrap_or_else(|| panic!("{PATH}:{}: this ```ron block is never closed", n + 1));
        found.push(Example {
            line: n + 1,
            fragment: marker,
            text: lines[n + 1..end].join("\n"),
        });
        n = end + 1;
    }
    found
}

/// The reference's own example scenario: the first whole one.
fn base(examples: &[Example]) -> &Example {
    examples
        .iter()
        .find(|e| e.fragment.is_none() && e.text.trim_start().starts_with('('))
        .expect("the reference shows a whole scenario")
}

fn load(line: usize, what: &str, text: &str) -> Scenario {
    scenario::load(&format!("{PATH} (the example at line {line})"), text).unwrap_or_else(|report| {
        panic!(
            "the {what} at {PATH}:{line} does not load:\n{}\n{text}",
            report.render()
        )
    })
}

/// `text` put into `base` right after the first `anchor`, or before its last `)`.
fn inserted(base: &str, anchor: Option<&str>, text: &str) -> String {
    let text = format!(
        "\n{}\n",
        text.trim_end().trim_end_matches(',').to_owned() + ","
    );
    match anchor {
        Some(anchor) => {
            let at = base
                .find(anchor)
                .unwrap_or_else(|| panic!("the example scenario has no `{anchor}`"))
                + anchor.len();
            format!("{}{text}{}", &base[..at], &base[at..])
        }
        None => {
            let at = base.rfind(')').expect("a scenario ends with `)`");
            format!("{}{text}{}", &base[..at], &base[at..])
        }
    }
}

/// A fragment of `kind` as a whole scenario: the example scenario with it in its place.
fn wrapped(base: &str, kind: &str, line: usize, text: &str) -> String {
    match kind {
        "training" => inserted(base, None, text),
        "goal" => inserted(
            base,
            None,
            &format!("training: (objectives: [(text: \"The example\", goal: {text})])"),
        ),
        "rules" => inserted(base, Some("rules: ["), text),
        "events" => inserted(base, Some("events: ["), text),
        "overrides" => inserted(base, Some("overrides: ("), text),
        other => panic!(
            "{PATH}:{line}: no such fragment kind `{other}`: use training, goal, rules, events or overrides"
        ),
    }
}

#[test]
fn every_example_loads() {
    let examples = examples();
    let base = base(&examples);
    let scenario = load(base.line, "example scenario", &base.text);
    let mut kinds = Vec::new();
    for example in &examples {
        let kind = match (&example.fragment, example.text.trim_start().chars().next()) {
            (Some(kind), _) => {
                let whole = wrapped(&base.text, kind, example.line, &example.text);
                load(example.line, &format!("`{kind}` fragment"), &whole);
                kind.clone()
            }
            (None, Some('(')) => {
                load(example.line, "scenario", &example.text);
                "scenario".to_owned()
            }
            (None, Some('[')) => {
                let path = format!("{PATH} (the example at line {})", example.line);
                let script = actions::load_for(&path, &example.text, &scenario)
                    .unwrap_or_else(|report| {
                        panic!(
                            "the action file at {PATH}:{} does not load against the example scenario:\n{}",
                            example.line,
                            report.render()
                        )
                    });
                // An example plays as it reads: the platform refuses none of it.
                let played = scenario.replay(&script, None);
                assert_eq!(
                    played.refused, 0,
                    "the platform refuses {} action(s) of the example at {PATH}:{}",
                    played.refused, example.line
                );
                "actions".to_owned()
            }
            (None, _) => panic!(
                "{PATH}:{}: a ```ron block is a scenario `( … )`, an action file `[ … ]`, or a fragment marked `<!-- fragment: KIND -->` on the line before it",
                example.line
            ),
        };
        kinds.push(kind);
    }
    for kind in [
        "scenario",
        "actions",
        "training",
        "goal",
        "rules",
        "events",
        "overrides",
    ] {
        assert!(
            kinds.iter().any(|k| k == kind),
            "{PATH} has no example of {kind}; found {kinds:?}"
        );
    }
}

// --- names ---------------------------------------------------------------------------

/// Every code span of the reference (`…`), split into the names in it.
fn documented_names() -> Vec<String> {
    README
        .split('`')
        .skip(1)
        .step_by(2)
        .flat_map(|code| {
            code.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

fn missing<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let documented = documented_names();
    names
        .into_iter()
        .filter(|name| !documented.iter().any(|d| d == name))
        .collect()
}

/// The names a file may write for the variants of `T`, as serde reads them: asked for one
/// that does not exist, it lists those that do.
fn variants<T: DeserializeOwned + std::fmt::Debug>() -> Vec<&'static str> {
    match ron::from_str::<T>("NoSuchNameAnywhere").map_err(|e| e.code) {
        Err(ron::Error::NoSuchEnumVariant { expected, .. }) => expected.to_vec(),
        other => panic!("expected the list of variants, got {other:?}"),
    }
}

/// The fields of the block `T`, as serde reads them (every block refuses unknown fields,
/// and lists the known ones when it does).
fn fields<T: DeserializeOwned + std::fmt::Debug>() -> Vec<&'static str> {
    match ron::from_str::<T>("(no_such_field_anywhere: 1)").map_err(|e| e.code) {
        Err(ron::Error::NoSuchStructField { expected, .. }) => expected.to_vec(),
        other => panic!("expected the list of fields, got {other:?}"),
    }
}

fn sorted(mut names: Vec<&str>) -> Vec<&str> {
    names.sort_unstable();
    names
}

/// The rows of the table that follows `heading`: the names in the first cell of each.
fn first_cells(heading: &str) -> Vec<String> {
    let after = README
        .split_once(heading)
        .unwrap_or_else(|| panic!("{PATH} has no `{heading}`"))
        .1;
    after
        .lines()
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        .skip(2)
        .filter_map(|row| row.split('|').nth(1))
        .flat_map(|cell| {
            cell.split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn every_policy_field_is_in_the_policy_table() {
    let table = first_cells("### Policy fields (for `overrides`)");
    let absent: Vec<&str> = Policy::FIELD_NAMES
        .iter()
        .copied()
        .filter(|field| !table.iter().any(|cell| cell == field))
        .collect();
    assert!(
        absent.is_empty(),
        "policy fields missing from the table in {PATH}: {absent:?}"
    );
}

// The kinds of goals, triggers, conditions, responses, world events and action kinds, as
// the compiler knows them: a new one stops these matches from compiling until it is named
// in its list, and the list is checked against what serde reads and what the reference
// says.

const GOALS: &[&str] = &[
    "OrderIn",
    "RefundReceived",
    "DisputeOpened",
    "SupportOpened",
    "CouponBack",
    "NoChargeback",
    "ReceiptNotConfirmed",
    "Did",
    "Before",
    "PaidWith",
    "All",
    "Any",
];

fn goal_name(goal: &Goal) -> &'static str {
    match goal {
        Goal::OrderIn { .. } => "OrderIn",
        Goal::RefundReceived { .. } => "RefundReceived",
        Goal::DisputeOpened { .. } => "DisputeOpened",
        Goal::SupportOpened { .. } => "SupportOpened",
        Goal::CouponBack { .. } => "CouponBack",
        Goal::NoChargeback { .. } => "NoChargeback",
        Goal::ReceiptNotConfirmed { .. } => "ReceiptNotConfirmed",
        Goal::Did { .. } => "Did",
        Goal::Before { .. } => "Before",
        Goal::PaidWith { .. } => "PaidWith",
        Goal::All(_) => "All",
        Goal::Any(_) => "Any",
    }
}

const TRIGGERS: &[&str] = &[
    "OrderPlaced",
    "OrderPaid",
    "CancellationRequested",
    "DisputeOpened",
    "CounterOfferRejected",
    "MessageReceived",
    "ReturnShipped",
    "InterceptionRequested",
    "ChargebackFiled",
];

fn trigger_name(trigger: Trigger) -> &'static str {
    match trigger {
        Trigger::OrderPlaced => "OrderPlaced",
        Trigger::OrderPaid => "OrderPaid",
        Trigger::CancellationRequested => "CancellationRequested",
        Trigger::DisputeOpened => "DisputeOpened",
        Trigger::CounterOfferRejected => "CounterOfferRejected",
        Trigger::MessageReceived => "MessageReceived",
        Trigger::ReturnShipped => "ReturnShipped",
        Trigger::InterceptionRequested => "InterceptionRequested",
        Trigger::ChargebackFiled => "ChargebackFiled",
    }
}

const CONDITIONS: &[&str] = &[
    "Order",
    "ReasonIs",
    "ReasonBlamesSeller",
    "ReasonSparesSeller",
    "DisputeKind",
    "HasEvidence",
    "MessageContains",
];

fn condition_name(condition: &Condition) -> &'static str {
    match condition {
        Condition::Order(_) => "Order",
        Condition::ReasonIs(_) => "ReasonIs",
        Condition::ReasonBlamesSeller => "ReasonBlamesSeller",
        Condition::ReasonSparesSeller => "ReasonSparesSeller",
        Condition::DisputeKind(_) => "DisputeKind",
        Condition::HasEvidence => "HasEvidence",
        Condition::MessageContains(_) => "MessageContains",
    }
}

const RESPONSES: &[&str] = &[
    "ApproveCancellation",
    "RefuseCancellation",
    "Ship",
    "RaisePrice",
    "ReportOutOfStock",
    "AcceptDispute",
    "OfferPartialRefund",
    "RefuseDispute",
    "AcceptReturn",
    "SendMessage",
    "StopParcel",
    "ParcelNotStopped",
    "ContestChargeback",
    "StaySilent",
];

fn response_name(response: &Response) -> &'static str {
    match response {
        Response::ApproveCancellation => "ApproveCancellation",
        Response::RefuseCancellation { .. } => "RefuseCancellation",
        Response::Ship { .. } => "Ship",
        Response::RaisePrice { .. } => "RaisePrice",
        Response::ReportOutOfStock => "ReportOutOfStock",
        Response::AcceptDispute => "AcceptDispute",
        Response::OfferPartialRefund { .. } => "OfferPartialRefund",
        Response::RefuseDispute { .. } => "RefuseDispute",
        Response::AcceptReturn => "AcceptReturn",
        Response::SendMessage { .. } => "SendMessage",
        Response::StopParcel => "StopParcel",
        Response::ParcelNotStopped { .. } => "ParcelNotStopped",
        Response::ContestChargeback { .. } => "ContestChargeback",
        Response::StaySilent => "StaySilent",
    }
}

const HAPPENINGS: &[&str] = &[
    "ParcelDelivered",
    "ParcelLost",
    "FreezeForFraud",
    "BankDelaysRefund",
    "RefundStalls",
    "SellerMessage",
];

fn happening_name(happening: &Happening) -> &'static str {
    match happening {
        Happening::ParcelDelivered { .. } => "ParcelDelivered",
        Happening::ParcelLost { .. } => "ParcelLost",
        Happening::FreezeForFraud { .. } => "FreezeForFraud",
        Happening::BankDelaysRefund { .. } => "BankDelaysRefund",
        Happening::RefundStalls { .. } => "RefundStalls",
        Happening::SellerMessage { .. } => "SellerMessage",
    }
}

const ACTION_KINDS: &[&str] = &[
    "Checkout",
    "Pay",
    "DeleteSelected",
    "CancelOrder",
    "RequestCancellation",
    "WithdrawCancellation",
    "AskSupportToCancel",
    "ConfirmReceipt",
    "LeaveReview",
    "OpenDispute",
    "AcceptCounterOffer",
    "RejectCounterOffer",
    "Escalate",
    "ShipReturn",
    "WriteToSupport",
    "MessageSeller",
    "FileChargeback",
    "RefuseParcel",
    "AddOrderToCart",
    "AnswerBank",
    "RefundTo",
    "SwitchDevice",
];

fn action_kind_name(kind: ActionKind) -> &'static str {
    match kind {
        ActionKind::Checkout => "Checkout",
        ActionKind::Pay => "Pay",
        ActionKind::DeleteSelected => "DeleteSelected",
        ActionKind::CancelOrder => "CancelOrder",
        ActionKind::RequestCancellation => "RequestCancellation",
        ActionKind::WithdrawCancellation => "WithdrawCancellation",
        ActionKind::AskSupportToCancel => "AskSupportToCancel",
        ActionKind::ConfirmReceipt => "ConfirmReceipt",
        ActionKind::LeaveReview => "LeaveReview",
        ActionKind::OpenDispute => "OpenDispute",
        ActionKind::AcceptCounterOffer => "AcceptCounterOffer",
        ActionKind::RejectCounterOffer => "RejectCounterOffer",
        ActionKind::Escalate => "Escalate",
        ActionKind::ShipReturn => "ShipReturn",
        ActionKind::WriteToSupport => "WriteToSupport",
        ActionKind::MessageSeller => "MessageSeller",
        ActionKind::FileChargeback => "FileChargeback",
        ActionKind::RefuseParcel => "RefuseParcel",
        ActionKind::AddOrderToCart => "AddOrderToCart",
        ActionKind::AnswerBank => "AnswerBank",
        ActionKind::RefundTo => "RefundTo",
        ActionKind::SwitchDevice => "SwitchDevice",
    }
}

/// A list of names kept beside its `match`: what serde reads must be exactly the list,
/// and the reference must name each.
fn check_list(what: &str, list: &[&'static str], read: Vec<&'static str>, one: &str) {
    assert!(
        list.contains(&one),
        "`{one}` is missing from the list of {what}"
    );
    assert_eq!(
        sorted(list.to_vec()),
        sorted(read),
        "the list of {what} in this test differs from what a file may write"
    );
    let absent = missing(list.iter().copied());
    assert!(absent.is_empty(), "{what} missing from {PATH}: {absent:?}");
}

#[test]
fn every_goal_trigger_condition_response_event_and_action_kind_is_named() {
    check_list(
        "goals",
        GOALS,
        variants::<Goal>(),
        goal_name(&Goal::All(Vec::new())),
    );
    check_list(
        "triggers",
        TRIGGERS,
        variants::<Trigger>(),
        trigger_name(Trigger::OrderPaid),
    );
    check_list(
        "conditions",
        CONDITIONS,
        variants::<Condition>(),
        condition_name(&Condition::HasEvidence),
    );
    check_list(
        "responses",
        RESPONSES,
        variants::<Response>(),
        response_name(&Response::StaySilent),
    );
    check_list(
        "world events",
        HAPPENINGS,
        variants::<Happening>(),
        happening_name(&Happening::ParcelLost {
            order: String::new(),
        }),
    );
    check_list(
        "action kinds",
        ACTION_KINDS,
        variants::<ActionKind>(),
        action_kind_name(ActionKind::Pay),
    );
}

#[test]
fn every_other_name_a_file_may_write_is_named() {
    let lists: [(&str, Vec<&str>); 6] = [
        ("actions", variants::<Action>()),
        ("order states", variants::<OrderState>()),
        ("dispute kinds", variants::<DisputeKind>()),
        ("tracking kinds", variants::<TrackingKind>()),
        ("payment method kinds", variants::<MethodKind>()),
        ("payment failures", variants::<PaymentFailure>()),
    ];
    for (what, names) in lists {
        let absent = missing(names);
        assert!(absent.is_empty(), "{what} missing from {PATH}: {absent:?}");
    }
}

#[test]
fn every_field_of_every_block_is_named() {
    let blocks: [(&str, Vec<&str>); 17] = [
        ("the scenario", fields::<ScenarioFile>()),
        ("`policy`", fields::<PolicyChoice>()),
        ("`buyer`", fields::<BuyerSpec>()),
        ("a payment method", fields::<MethodSpec>()),
        ("a coupon", fields::<CouponSpec>()),
        ("a catalogue item", fields::<ItemSpec>()),
        ("a cart line", fields::<CartSpec>()),
        ("an order line", fields::<LineSpec>()),
        ("an order", fields::<OrderSpec>()),
        ("a seller", fields::<SellerSpec>()),
        ("a seller rule", fields::<SellerRule>()),
        ("an event", fields::<EventSpec>()),
        ("`training`", fields::<TrainingSpec>()),
        ("an objective", fields::<Objective>()),
        ("a mistake", fields::<Mistake>()),
        ("a hint", fields::<Hint>()),
        ("a step of `Before`", fields::<Deed>()),
    ];
    for (what, names) in blocks {
        let absent = missing(names);
        assert!(
            absent.is_empty(),
            "fields of {what} missing from {PATH}: {absent:?}"
        );
    }
}

#[test]
fn every_preset_is_named() {
    let absent: Vec<&str> = shopsim::scenario::presets::names()
        .filter(|name| !README.contains(&format!("`{name}`")))
        .collect();
    assert!(absent.is_empty(), "presets missing from {PATH}: {absent:?}");
}
