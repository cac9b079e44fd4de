//! What a scenario author sees when a file is wrong: the exact line and column, the
//! message, the suggestion; every problem at once; the rendered report; `shopsim check`
//! as a process; and no input that makes the loader panic.

#[path = "scenario_errors/strict.rs"]
mod strict;

use proptest::prelude::*;
use shopsim::scenario::{self, Report, actions};
use std::path::Path;
use std::process::Command;

/// A small valid scenario; each test breaks one or more things in it.
const BASE: &str = r#"// A small scenario for error tests.
(
    title: "Error test",
    briefing: "Nothing to do.",
    start: "2026-03-02T10:00",
    policy: (
        preset: "escrow_marketplace",
        overrides: (
            return_window: Days(30),
        ),
    ),
    buyer: (
        name: "Test Buyer",
        methods: [
            (id: "card", kind: Card, label: "Visa 4242", balance: "100.00"),
        ],
        coupons: [
            (id: "SHOP2", issuer: Seller("shop"), amount: "2.00", expires: "2026-04-01T00:00"),
        ],
    ),
    catalogue: [
        (id: "lamp", title: "Desk lamp", price: "30.00", seller: "shop"),
        (id: "mug", title: "Mug", price: "8.00", seller: "shop"),
    ],
    cart: [
        (item: "mug", quantity: 2),
    ],
    orders: [
        (
            id: "A-1", seller: "shop", items: [(item: "lamp")], status: Shipped,
            placed: "2026-02-20T10:00", paid: "2026-02-20T10:05", method: "card",
            shipped: "2026-02-22T09:00", tracking: Fake,
        ),
    ],
    sellers: [
        (
            id: "shop", name: "The Shop",
            rules: [
                (on: CancellationRequested, when: [ReasonIs(["Wrong choice of product"])], after: Hours(3), do: ApproveCancellation),
                (on: DisputeOpened, after: Days(1), do: OfferPartialRefund(amount: "5.00")),
            ],
        ),
    ],
    events: [
        (at: "2026-03-03T12:00", event: SellerMessage(order: "A-1", text: "It is on its way.")),
    ],
)
"#;

/// `BASE` with each `(from, to)` replaced once; panics if `from` is not there, so a test
/// cannot silently stop breaking what it means to break.
fn broken(edits: &[(&str, &str)]) -> String {
    let mut text = BASE.to_owned();
    for (from, to) in edits {
        assert!(text.contains(from), "`{from}` is not in the base scenario");
        text = text.replacen(from, to, 1);
    }
    text
}

fn report_of(text: &str) -> Report {
    match scenario::load("broken.ron", text) {
        Ok(_) => panic!("the scenario loaded, but a problem was expected"),
        Err(report) => report,
    }
}

/// (line, column, message, help) of every problem, in file order.
fn problems(text: &str) -> Vec<(usize, usize, String, String)> {
    let report = report_of(text);
    report
        .problems
        .iter()
        .map(|p| {
            let (line, col) = p
                .span
                .as_ref()
                .map(|s| report.line_col(s.start))
                .expect("every problem points into the file");
            (
                line,
                col,
                p.message.clone(),
                p.help.clone().unwrap_or_default(),
            )
        })
        .collect()
}

fn only_problem(text: &str) -> (usize, usize, String, String) {
    let all = problems(text);
    assert_eq!(all.len(), 1, "expected one problem, got {all:#?}");
    all.into_iter().next().expect("one")
}

/// 1-based line and column of the first occurrence of `needle` in `text`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    let offset = text.find(needle).expect("needle present");
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[test]
fn the_base_scenario_is_valid() {
    if let Err(report) = scenario::load("base.ron", BASE) {
        panic!("{}", report.render());
    }
}

#[test]
fn unknown_field_suggests_the_closest_one() {
    let text = broken(&[("    briefing:", "    breifing:")]);
    let (line, col, message, help) = only_problem(&text);
    assert_eq!((line, col), (4, 5));
    assert_eq!(message, "unknown field `breifing` in the scenario");
    assert_eq!(help, "did you mean `briefing`?");
}

#[test]
fn unknown_field_without_a_close_name_lists_the_fields() {
    let text = broken(&[(
        r#"label: "Visa 4242","#,
        r#"label: "Visa 4242", nickname: "x","#,
    )]);
    let (line, col, message, help) = only_problem(&text);
    assert_eq!((line, col), position(&text, "nickname"));
    assert_eq!(message, "unknown field `nickname` in a payment method");
    assert!(help.starts_with("the fields of a payment method are `id`, `kind`, `label`"));
}

#[test]
fn unknown_policy_override_suggests_the_closest_policy_field() {
    let text = broken(&[("return_window: Days(30)", "return_windw: Days(30)")]);
    let (line, col, message, help) = only_problem(&text);
    assert_eq!((line, col), (9, 13));
    assert_eq!(
        message,
        "unknown field `return_windw` in the policy overrides"
    );
    assert_eq!(help, "did you mean `return_window`?");
}

#[test]
fn unknown_field_of_a_variant_is_not_silently_ignored() {
    // serde drops unknown fields of enum variants; an optional one would vanish unseen.
    let text = broken(&[(
        r#"do: OfferPartialRefund(amount: "5.00")"#,
        r#"do: OfferPartialRefund(amount: "5.00", messge: "Sorry")"#,
    )]);
    let (line, col, message, help) = only_problem(&text);
    assert_eq!((line, col), position(&text, "messge"));
    assert_eq!(message, "unknown field `messge` in `OfferPartialRefund`");
    assert_eq!(help, "the fields of `OfferPartialRefund` are `amount`");
}

#[test]
fn misspelt_required_field_of_a_variant_is_named_not_reported_missing() {
    let text = broken(&[(
        r#"SellerMessage(order: "A-1","#,
        r#"SellerMessage(ordr: "A-1","#,
    )]);
    let (line, col, message, help) = only_problem(&text);
    assert_eq!((line, col), position(&text, "ordr"));
    assert_eq!(message, "unknown field `ordr` in `SellerMessage`");
    assert_eq!(help, "did you mean `order`?");
}

#[test]
fn unknown_variant_suggests_the_closest_one() {
    let text = broken(&[("kind: Card", "kind: Cart")]);
    let (line, col, message, help) = only_problem(&text);
    assert_eq!((line, col), (15, 32));
    assert_eq!(message, "unknown payment method kind `Cart`");
    assert_eq!(help, "did you mean `Card`?");
}

#[test]
fn unknown_variant_without_a_close_name_lists_the_variants() {
    let text = broken(&[("do: ApproveCancellation", "do: Grovel")]);
    let (line, col, message, help) = only_problem(&text);
    assert_eq!((line, col), position(&text, "Grovel"));
    assert_eq!(message, "unknown seller rule response `Grovel`");
    assert!(
        help.starts_with("expected one of `ApproveCancellation`, `RefuseCancellation`, `Ship`"),
        "{help}"
    );
}

#[test]
fn undefined_seller_is_reported_where_it_is_named() {
    let text = broken(&[(
        r#"price: "8.00", seller: "shop""#,
        r#"price: "8.00", seller: "shp""#,
    )]);
    let (line, col, message, help) = only_problem(&text);
    assert_eq!((line, col), position(&text, r#""shp""#));
    assert_eq!(message, "seller `shp` is not defined");
    assert_eq!(help, "did you mean `shop`?");
}

#[test]
fn undefined_item_in_the_cart_and_in_an_order() {
    let text = broken(&[
        (
            r#"(item: "mug", quantity: 2)"#,
            r#"(item: "cup", quantity: 2)"#,
        ),
        (r#"items: [(item: "lamp")]"#, r#"items: [(item: "lmap")]"#),
    ]);
    let all = problems(&text);
    let (cup, lmap) = (position(&text, r#""cup""#), position(&text, r#""lmap""#));
    assert_eq!((cup, lmap), ((26, 16), (30, 55)));
    assert_eq!(
        all,
        vec![
            (
                cup.0,
                cup.1,
                "item `cup` is not defined".to_owned(),
                "defined: `lamp`, `mug`".to_owned()
            ),
            (
                lmap.0,
                lmap.1,
                "item `lmap` is not defined".to_owned(),
                "did you mean `lamp`?".to_owned()
            ),
        ]
    );
}

#[test]
fn undefined_seller_of_a_coupon_points_inside_the_issuer() {
    let text = broken(&[(r#"Seller("shop")"#, r#"Seller("nobody")"#)]);
    let (line, col, message, help) = only_problem(&text);
    assert_eq!((line, col), position(&text, r#""nobody""#));
    assert_eq!(message, "seller `nobody` is not defined");
    assert_eq!(help, "defined: `shop`");
}

#[test]
fn negative_money() {
    let text = broken(&[(r#"price: "30.00""#, r#"price: "-30.00""#)]);
    let (line, col, message, help) = only_problem(&text);
    assert_eq!((line, col), (22, 49));
    assert_eq!((line, col), position(&text, r#""-30.00""#));
    assert_eq!(message, "the price of lamp is negative (-$30.00)");
    assert_eq!(help, "amounts of money are zero or more");
}

#[test]
fn money_so_large_it_must_be_a_typo() {
    let text = broken(&[(r#"balance: "100.00""#, r#"balance: "1000000000.00""#)]);
    let (_, _, message, help) = only_problem(&text);
    assert_eq!(
        message,
        "the balance of card is $1000000000.00, more than the $1000000.00 a scenario allows"
    );
    assert_eq!(help, "is a digit too many?");
}

#[test]
fn event_before_the_start() {
    let text = broken(&[(r#"(at: "2026-03-03T12:00""#, r#"(at: "2026-03-01T12:00""#)]);
    let (line, col, message, help) = only_problem(&text);
    assert_eq!((line, col), position(&text, r#""2026-03-01T12:00""#));
    assert_eq!(
        message,
        "this event (Sun 2026-03-01 12:00) is before the scenario starts (Mon 2026-03-02 10:00)"
    );
    assert_eq!(help, "events happen during the story: at or after `start`");
}

#[test]
fn order_times_after_the_start_or_out_of_order() {
    let text = broken(&[
        (r#"paid: "2026-02-20T10:05""#, r#"paid: "2026-02-19T10:05""#),
        (
            r#"shipped: "2026-02-22T09:00""#,
            r#"shipped: "2026-03-05T09:00""#,
        ),
    ]);
    let all = problems(&text);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_eq!(
        (all[0].0, all[0].1),
        position(&text, r#""2026-02-19T10:05""#)
    );
    assert_eq!(
        all[0].2,
        "order A-1 is paid Thu 2026-02-19 10:05, before it was placed (Fri 2026-02-20 10:00)"
    );
    assert_eq!(
        (all[1].0, all[1].1),
        position(&text, r#""2026-03-05T09:00""#)
    );
    assert_eq!(
        all[1].2,
        "order A-1 is shipped Thu 2026-03-05 09:00, after the scenario starts (Mon 2026-03-02 10:00)"
    );
}

#[test]
fn preset_typo_points_at_the_preset() {
    let text = broken(&[(r#""escrow_marketplace""#, r#""escrow_marketplce""#)]);
    let (line, col, message, help) = only_problem(&text);
    assert_eq!((line, col), (7, 17));
    assert_eq!(message, "there is no policy preset `escrow_marketplce`");
    assert!(
        help.starts_with("did you mean `escrow_marketplace`?"),
        "{help}"
    );
}

#[test]
fn a_reason_the_policy_does_not_have() {
    let text = broken(&[(
        r#"ReasonIs(["Wrong choice of product"])"#,
        r#"ReasonIs(["Wrong choise of product"])"#,
    )]);
    let (line, col, message, help) = only_problem(&text);
    assert_eq!((line, col), position(&text, r#""Wrong choise"#));
    assert_eq!(
        message,
        "\"Wrong choise of product\" is not a cancellation reason of the policy"
    );
    assert_eq!(help, "did you mean \"Wrong choice of product\"?");
}

#[test]
fn durations_that_are_negative_or_absurd() {
    let text = broken(&[
        ("after: Hours(3)", "after: Hours(-3)"),
        ("after: Days(1)", "after: Days(100000)"),
    ]);
    let all = problems(&text);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_eq!((all[0].0, all[0].1), position(&text, "Hours(-3)"));
    assert_eq!(all[0].2, "the duration Hours(-3) is negative");
    assert_eq!((all[1].0, all[1].1), position(&text, "Days(100000)"));
    assert_eq!(
        all[1].2,
        "the duration Days(100000) is longer than ten years"
    );
}

#[test]
fn missing_field_points_at_the_block_that_lacks_it() {
    let text = broken(&[(r#"(id: "mug", title: "Mug", "#, r#"(id: "mug", "#)]);
    let (line, col, message, help) = only_problem(&text);
    assert_eq!((line, col), (23, 9));
    assert_eq!((line, col), position(&text, r#"(id: "mug""#));
    assert_eq!(message, "missing field `title` in a catalogue item");
    assert_eq!(help, "add `title: …` to this block");
}

#[test]
fn a_field_given_twice() {
    let text = broken(&[(
        r#"name: "The Shop","#,
        r#"name: "The Shop", name: "Shop 2","#,
    )]);
    let (line, col, message, _) = only_problem(&text);
    assert_eq!((line, col), position(&text, r#"name: "Shop 2""#));
    assert_eq!(message, "`name` is given twice in a seller");
}

#[test]
fn a_bare_number_where_a_duration_belongs() {
    let text = broken(&[("after: Hours(3)", "after: 3")]);
    let (line, col, message, help) = only_problem(&text);
    assert_eq!((line, col), position(&text, "3, do: Approve"));
    assert_eq!(message, "expected a name here, found `3`");
    assert_eq!(
        help,
        "write a duration as Minutes(30), Hours(2), Days(6) or BusinessDays(5)"
    );
}

#[test]
fn a_quoted_variant() {
    let text = broken(&[("kind: Card", r#"kind: "Card""#)]);
    let (_, _, message, help) = only_problem(&text);
    assert_eq!(message, "expected a name here, found `\"Card\"`");
    assert_eq!(
        help,
        "names such as Card, Shipped or OrderPaid are written without quotes"
    );
}

#[test]
fn a_bad_date() {
    let text = broken(&[(r#"start: "2026-03-02T10:00""#, r#"start: "2 March 2026""#)]);
    let (line, col, message, help) = only_problem(&text);
    assert_eq!((line, col), position(&text, "\"2 March"));
    assert!(message.contains("is not a date and time"), "{message}");
    assert_eq!(
        help,
        "write a date and time in quotes: \"2026-03-02T10:00\""
    );
}

#[test]
fn a_missing_comma() {
    let text = broken(&[(
        r#"(item: "mug", quantity: 2)"#,
        r#"(item: "mug" quantity: 2)"#,
    )]);
    let (line, col, message, _) = only_problem(&text);
    assert_eq!((line, col), position(&text, "quantity: 2"));
    assert_eq!(message, "expected a `,` here");
}

#[test]
fn an_unclosed_bracket_is_named() {
    let text = broken(&[("    cart: [\n", "    cart: [[\n")]);
    let (line, col, message, _) = only_problem(&text);
    // The extra `[` swallows the rest; ron notices at the end of the file.
    assert!(
        message.contains("never closed") || message.starts_with("expected"),
        "{message}"
    );
    assert!(line >= 25, "line {line}, column {col}");
}

#[test]
fn a_truncated_file() {
    let text = &BASE[..BASE.find("catalogue").expect("present")];
    let (line, col, message, help) = only_problem(text);
    assert_eq!((line, col), (2, 1));
    assert_eq!(
        message,
        "the `(` opened on line 2 is never closed: the file ends first"
    );
    assert!(help.contains("closing bracket"));
}

#[test]
fn an_unclosed_string() {
    let text = &BASE[..BASE.find("Nothing to do").expect("present") + 7];
    let (line, col, message, help) = only_problem(text);
    assert_eq!((line, col), (4, 15));
    assert_eq!(message, "this text is never closed");
    assert_eq!(help, "add the closing `\"`");
}

#[test]
fn an_empty_file() {
    let (line, col, message, _) = only_problem("  \n");
    assert_eq!((line, col), (1, 1));
    assert_eq!(message, "the scenario is empty");
}

#[test]
fn text_after_the_end() {
    let text = format!("{BASE})\n");
    let (line, col, message, _) = only_problem(&text);
    assert_eq!((line, col), (48, 1));
    assert_eq!(
        message,
        "this `)` closes nothing: the block opened on line 2 already ended on line 47"
    );
}

#[test]
fn words_after_the_end() {
    let text = format!("{BASE}more\n");
    let (line, col, message, _) = only_problem(&text);
    assert_eq!((line, col), (48, 1));
    assert_eq!(message, "unexpected text after the end of the scenario");
}

#[test]
fn training_goals_must_name_defined_orders_and_methods() {
    let text = broken(&[(
        "    events: [",
        r#"    training: (
        objectives: [
            (text: "Refund", goal: All([RefundReceived(order: "A-2", method: "crd")])),
        ],
        mistakes: [(text: "x", penalty: 1, action: ConfirmReceipt, order: "A1")],
    ),
    events: ["#,
    )]);
    let all = problems(&text);
    let messages: Vec<&str> = all.iter().map(|p| p.2.as_str()).collect();
    assert_eq!(
        messages,
        [
            "order `A-2` is not defined",
            "payment method `crd` is not defined",
            "order `A1` is not defined",
        ]
    );
    assert_eq!((all[0].0, all[0].1), position(&text, r#""A-2""#));
    assert_eq!((all[1].0, all[1].1), position(&text, r#""crd""#));
    assert_eq!((all[2].0, all[2].1), position(&text, r#""A1""#));
}

/// The headline case: naming mistakes and meaning mistakes, all in one report, in file order.
fn several_at_once() -> String {
    broken(&[
        ("    briefing:", "    breifing:"),
        ("return_window: Days(30)", "return_windw: Days(30)"),
        ("kind: Card", "kind: Cart"),
        (r#"price: "30.00""#, r#"price: "-30.00""#),
        (
            r#"price: "8.00", seller: "shop""#,
            r#"price: "8.00", seller: "shp""#,
        ),
        (r#"(at: "2026-03-03T12:00""#, r#"(at: "2026-03-01T12:00""#),
    ])
}

#[test]
fn several_problems_are_reported_at_once_in_file_order() {
    let text = several_at_once();
    let all = problems(&text);
    let summary: Vec<(usize, &str)> = all.iter().map(|p| (p.0, p.2.as_str())).collect();
    assert_eq!(
        summary,
        [
            (4, "unknown field `breifing` in the scenario"),
            (9, "unknown field `return_windw` in the policy overrides"),
            (15, "unknown payment method kind `Cart`"),
            (22, "the price of lamp is negative (-$30.00)"),
            (23, "seller `shp` is not defined"),
            (
                45,
                "this event (Sun 2026-03-01 12:00) is before the scenario starts (Mon 2026-03-02 10:00)"
            ),
        ]
    );
}

#[test]
fn rendered_several_at_once() {
    insta::assert_snapshot!(report_of(&several_at_once()).render());
}

#[test]
fn rendered_preset_typo() {
    let text = broken(&[(r#""escrow_marketplace""#, r#""escrow_marketplce""#)]);
    insta::assert_snapshot!(report_of(&text).render());
}

#[test]
fn rendered_missing_field() {
    let text = broken(&[(r#"(id: "mug", title: "Mug", "#, r#"(id: "mug", "#)]);
    insta::assert_snapshot!(report_of(&text).render());
}

#[test]
fn rendered_truncated_file() {
    let text = &BASE[..BASE.find("catalogue").expect("present")];
    insta::assert_snapshot!(report_of(text).render());
}

#[test]
fn short_form_names_file_line_and_column() {
    let text = broken(&[
        ("kind: Card", "kind: Cart"),
        (r#"price: "30.00""#, r#"price: "-30.00""#),
    ]);
    assert_eq!(
        report_of(&text).short(),
        "broken.ron:15:32: error: unknown payment method kind `Cart`\n\
         broken.ron:22:49: error: the price of lamp is negative (-$30.00)\n"
    );
}

// --- action files -------------------------------------------------------------------

fn action_problems(actions_text: &str) -> Report {
    let scenario = scenario::load("base.ron", BASE).expect("base is valid");
    match actions::load_for("base.actions.ron", actions_text, &scenario) {
        Ok(_) => panic!("the action file loaded, but a problem was expected"),
        Err(report) => report,
    }
}

#[test]
fn action_files_name_orders_items_and_reasons_the_scenario_lacks() {
    let text = r#"[
    (at: "+1h", do: RequestCancellation(order: "A-2", reason: "Wrong choice of product")),
    (at: "+2h", do: AddToCart(item: "mugg")),
    (at: "+3h", do: AskSupportToCancel(order: "A-1", reason: "Wrong choise of product")),
    (at: "+4h", do: Pay(order: "N-1", method: "cash")),
]"#;
    let report = action_problems(text);
    let found: Vec<((usize, usize), String, String)> = report
        .problems
        .iter()
        .map(|p| {
            (
                report.line_col(p.span.as_ref().expect("located").start),
                p.message.clone(),
                p.help.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            (
                (2, 48),
                "order `A-2` is not in the scenario".to_owned(),
                "did you mean `A-1`?".to_owned()
            ),
            (
                (3, 37),
                "item `mugg` is not in the scenario".to_owned(),
                "did you mean `mug`?".to_owned()
            ),
            (
                (4, 62),
                "\"Wrong choise of product\" is not a cancellation reason of Escrow marketplace"
                    .to_owned(),
                "did you mean \"Wrong choice of product\"?".to_owned()
            ),
            (
                (5, 47),
                "payment method `cash` is not in the scenario".to_owned(),
                "the scenario defines `card`".to_owned()
            ),
        ]
    );
}

#[test]
fn action_times_must_parse_and_go_forward() {
    let text = r#"[
    (at: "+2h", do: AdvanceClock(NextEvent)),
    (at: "+1h", do: AdvanceClock(NextEvent)),
    (at: "yesterday", do: AdvanceClock(NextEvent)),
    (at: "2026-03-01T09:00", do: AdvanceClock(NextEvent)),
    (at: "+99999999999d", do: AdvanceClock(NextEvent)),
    (at: "+5000d", do: AdvanceClock(NextEvent)),
]"#;
    let report = action_problems(text);
    let found: Vec<(usize, String)> = report
        .problems
        .iter()
        .map(|p| {
            (
                report.line_col(p.span.as_ref().expect("located").start).0,
                p.message.clone(),
            )
        })
        .collect();
    assert_eq!(found.len(), 5, "{found:#?}");
    assert_eq!(
        found[0],
        (3, "`+1h` is earlier than the action before it".to_owned())
    );
    assert_eq!(found[1].0, 4);
    assert!(found[1].1.contains("is not a date and time"));
    assert_eq!(
        found[2],
        (
            5,
            "`2026-03-01T09:00` is before the scenario starts".to_owned()
        )
    );
    assert_eq!(
        found[3],
        (6, "`+99999999999d` is too far from the start".to_owned())
    );
    assert_eq!(
        found[4],
        (
            7,
            "`+5000d` is more than ten years after the start".to_owned()
        )
    );
}

#[test]
fn rendered_action_file_with_a_misspelt_action() {
    let text = r#"[
    (at: "+1h", do: RequestCancelation(order: "A-1", reason: "Wrong choice of product")),
    (at: "+2h", do: Escalate(ordr: "A-1")),
]"#;
    insta::assert_snapshot!(action_problems(text).render());
}

// --- shopsim check, as a process ------------------------------------------------------

fn shopsim(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_shopsim"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("shopsim runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp_file(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("shopsim-scenario-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("written");
    path.to_string_lossy().into_owned()
}

/// Every `.ron` file in `scenarios/`, as `shopsim check scenarios/*.ron` would see them.
fn scenario_files() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("scenarios/ exists")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .map(|p| {
            format!(
                "scenarios/{}",
                p.file_name().unwrap_or_default().to_string_lossy()
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn check_passes_every_file_in_scenarios() {
    let files = scenario_files();
    assert!(files.len() >= 5, "{files:?}");
    // The library is lint-clean too: every solution plays without a refusal.
    let args: Vec<&str> = ["check", "--deny-warnings"]
        .into_iter()
        .chain(files.iter().map(String::as_str))
        .collect();
    let (code, stdout, stderr) = shopsim(&args);
    assert_eq!(code, 0, "stdout:\n{stdout}\nstderr:\n{stderr}");
    for file in files.iter().filter(|f| !f.ends_with(".actions.ron")) {
        let line = stdout
            .lines()
            .find(|l| l.starts_with(&format!("{file}: ok")))
            .unwrap_or_else(|| panic!("{file} not reported ok:\n{stdout}"));
        assert!(line.contains("plays clean"), "{line}");
    }
}

#[test]
fn check_exits_2_with_the_problems_on_stderr() {
    let path = temp_file("broken.ron", &several_at_once());
    let (code, stdout, stderr) = shopsim(&["check", &path]);
    assert_eq!(code, 2, "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains(&format!("{path}:4:5")), "{stderr}");
    assert!(
        stderr.contains("unknown field `breifing` in the scenario"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `briefing`?"), "{stderr}");
    assert!(stderr.contains(&format!("{path}:22:")), "{stderr}");
    assert!(stderr.contains(&format!("{path}: 6 problems")), "{stderr}");
    assert!(stderr.contains("1 of 1 file(s) have problems"), "{stderr}");
}

#[test]
fn check_reports_good_and_bad_files_together() {
    let good = temp_file("good.ron", BASE);
    let bad = temp_file("bad.ron", &broken(&[("kind: Card", "kind: Cart")]));
    let (code, stdout, stderr) = shopsim(&["check", &good, &bad]);
    assert_eq!(code, 2);
    assert!(
        stdout.contains(&format!("{good}: ok — Error test")),
        "{stdout}"
    );
    assert!(stderr.contains(&format!("{bad}:15:32")), "{stderr}");
    assert!(stderr.contains("1 of 2 file(s) have problems"), "{stderr}");
}

#[test]
fn check_exits_2_for_a_missing_file() {
    let (code, _, stderr) = shopsim(&["check", "scenarios/no_such_scenario.ron"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("shopsim: cannot read scenarios/no_such_scenario.ron: no such file"),
        "{stderr}"
    );
}

#[test]
fn check_exits_2_for_a_file_that_is_not_text() {
    let dir = std::env::temp_dir().join(format!("shopsim-scenario-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("binary.ron");
    std::fs::write(&path, [0xff_u8, 0xfe, 0x00, 0x28, 0x80]).expect("written");
    let path = path.to_string_lossy().into_owned();
    let (code, _, stderr) = shopsim(&["check", &path]);
    assert_eq!(code, 2);
    assert!(stderr.contains("it is not UTF-8 text"), "{stderr}");
}

#[test]
fn check_tests_an_action_file_against_the_scenario_beside_it() {
    let _scenario = temp_file("07_pair.ron", BASE);
    let actions = temp_file(
        "07_pair.actions.ron",
        r#"[(at: "+1h", do: ConfirmReceipt(order: "A-9"))]"#,
    );
    let (code, _, stderr) = shopsim(&["check", &actions]);
    assert_eq!(code, 2);
    assert!(stderr.contains(&format!("{actions}:1:40")), "{stderr}");
    assert!(
        stderr.contains("order `A-9` is not in the scenario"),
        "{stderr}"
    );

    let lonely = temp_file("08_lonely.actions.ron", "[]");
    let (code, _, stderr) = shopsim(&["check", &lonely]);
    assert_eq!(code, 2);
    assert!(stderr.contains("08_lonely.ron cannot be read"), "{stderr}");
}

// --- no input makes the loader panic ----------------------------------------------------

/// Loads a text, and renders its problems both ways: neither may panic.
fn load_and_render(text: &str) {
    if let Err(report) = scenario::load("any.ron", text) {
        assert!(!report.problems.is_empty());
        let _ = report.render();
        let _ = report.short();
    }
}

/// A valid scenario damaged in one of several ways.
fn mutated(base: &str, kind: u8, at: usize, len: usize, junk: &str) -> String {
    let chars: Vec<char> = base.chars().collect();
    let at = at % (chars.len() + 1);
    let end = (at + len).min(chars.len());
    let before: String = chars[..at].iter().collect();
    let middle: String = chars[at..end].iter().collect();
    let after: String = chars[end..].iter().collect();
    match kind % 5 {
        0 => format!("{before}{after}"),                 // delete
        1 => format!("{before}{junk}{middle}{after}"),   // insert
        2 => format!("{before}{middle}{middle}{after}"), // duplicate
        3 => format!("{before}{junk}{after}"),           // replace
        _ => before,                                     // truncate
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        load_and_render(&text);
        let scenario = scenario::load("base.ron", BASE).expect("base is valid");
        let _ = actions::load_for("any.actions.ron", &text, &scenario);
    }

    #[test]
    fn ron_like_text_never_panics(text in r#"[\(\)\[\]{}:,"a-zA-Z0-9_ .\-+#!/*\n]{0,200}"#) {
        load_and_render(&text);
    }

    #[test]
    fn damaged_scenarios_never_panic(
        kind in any::<u8>(),
        at in any::<usize>(),
        len in 0usize..40,
        junk in prop_oneof![
            Just(String::new()),
            Just("(".to_owned()),
            Just("]".to_owned()),
            Just("\"".to_owned()),
            Just(",".to_owned()),
            Just("-".to_owned()),
            Just("99999999999999999999".to_owned()),
            Just("Days(-1)".to_owned()),
            Just("Минуты".to_owned()),
            "[a-zA-Z0-9 :,\"()\\[\\]\\-]{1,12}",
        ],
    ) {
        let text = mutated(BASE, kind, at, len, &junk);
        load_and_render(&text);
    }

    #[test]
    fn damaged_action_files_never_panic(
        kind in any::<u8>(),
        at in any::<usize>(),
        len in 0usize..20,
        junk in "[a-zA-Z0-9 :,+\"()\\[\\]\\-]{0,12}",
    ) {
        let scenario = scenario::load("base.ron", BASE).expect("base is valid");
        let base = r#"[
    (at: "+1h", do: RequestCancellation(order: "A-1", reason: "Wrong choice of product")),
    (at: "+2d", do: AdvanceClock(By(Days(3)))),
    (at: "2026-03-10T10:00", do: OpenDispute(order: "A-1", kind: NoTrackingInfo, amount: "10.00")),
]"#;
        let text = mutated(base, kind, at, len, &junk);
        if let Err(report) = actions::load_for("damaged.actions.ron", &text, &scenario) {
            let _ = report.render();
        }
    }
}
