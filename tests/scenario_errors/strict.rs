//! Strictness that names the cause: money and times written almost right are refused with
//! the fix, a bracket problem names the bracket and the line it opened on, typographic
//! quotes are named, and a value of the wrong kind is pointed at itself.

use super::*;

// --- money: at most two decimals, written either way ------------------------------------

#[test]
fn money_with_three_decimals_is_refused_with_or_without_quotes() {
    for written in ["49.999", r#""49.999""#] {
        let text = broken(&[(r#"price: "30.00""#, &format!("price: {written}"))]);
        let (line, col, message, help) = only_problem(&text);
        assert_eq!((line, col), position(&text, written), "{written}");
        assert_eq!(
            message, "`49.999` has more than two decimals: write 49.99 or 50.00",
            "{written}"
        );
        assert!(help.contains("at most two decimals"), "{help}");
    }
}

#[test]
fn money_with_two_decimals_or_fewer_reads_the_same_with_or_without_quotes() {
    for written in ["24.9", "24.90", r#""24.90""#, "24.5", "25", r#""25""#] {
        let text = broken(&[(r#"price: "30.00""#, &format!("price: {written}"))]);
        if let Err(report) = scenario::load("ok.ron", &text) {
            panic!("{written}: {}", report.render());
        }
    }
}

#[test]
fn a_tiny_fraction_is_not_rounded_away() {
    let text = broken(&[(r#"price: "30.00""#, "price: 30.0000001")]);
    let (_, _, message, _) = only_problem(&text);
    assert_eq!(
        message,
        "`30.0000001` has more than two decimals: write 30.00 or 30.01"
    );
}

// --- a moment needs a time of day --------------------------------------------------------

#[test]
fn a_date_alone_is_refused_wherever_a_moment_is_wanted() {
    let moments = [
        (r#"start: "2026-03-02T10:00""#, "2026-03-02"),
        (r#"placed: "2026-02-20T10:00""#, "2026-02-20"),
        (r#"paid: "2026-02-20T10:05""#, "2026-02-20"),
        (r#"shipped: "2026-02-22T09:00""#, "2026-02-22"),
        (r#"(at: "2026-03-03T12:00""#, "2026-03-03"),
        (r#"expires: "2026-04-01T00:00""#, "2026-04-01"),
    ];
    for (whole, date) in moments {
        let (key, _) = whole.split_once('"').expect("quoted");
        let text = broken(&[(whole, &format!("{key}\"{date}\""))]);
        let (line, col, message, _) = only_problem(&text);
        let written = format!("{key}\"{date}\"");
        let (value_line, value_col) = position(&text, &written);
        assert_eq!(
            (line, col),
            (value_line, value_col + key.chars().count()),
            "{whole}"
        );
        assert_eq!(
            message,
            format!(
                "`{date}` is a date without a time: write \"{date}T00:00\" or the time you mean"
            ),
            "{whole}"
        );
    }
}

#[test]
fn delivered_and_received_want_a_time_too() {
    for (delivered, received) in [
        ("2026-02-25", "2026-02-26T10:00"),
        ("2026-02-25T10:00", "2026-02-26"),
    ] {
        let text = broken(&[
            ("status: Shipped", "status: Received"),
            (
                "tracking: Fake,",
                &format!(r#"tracking: Genuine, delivered: "{delivered}", received: "{received}","#),
            ),
        ]);
        let date = if delivered.len() == 10 {
            delivered
        } else {
            received
        };
        let (line, col, message, _) = only_problem(&text);
        assert_eq!((line, col), position(&text, &format!("\"{date}\"")));
        assert_eq!(
            message,
            format!(
                "`{date}` is a date without a time: write \"{date}T00:00\" or the time you mean"
            )
        );
    }
}

#[test]
fn a_card_expiry_stays_a_date() {
    let text = broken(&[(
        r#"balance: "100.00")"#,
        r#"balance: "100.00", expires: "2028-09-30")"#,
    )]);
    if let Err(report) = scenario::load("card.ron", &text) {
        panic!("{}", report.render());
    }
}

#[test]
fn an_action_at_a_date_alone_is_refused() {
    let report = action_problems(r#"[(at: "2026-03-03", do: AdvanceClock(NextEvent))]"#);
    let messages: Vec<&str> = report.problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        messages,
        ["`2026-03-03` is a date without a time: write \"2026-03-03T00:00\" or the time you mean"]
    );
}

// --- brackets: the bracket and the line it opened on ------------------------------------

#[test]
fn a_missing_closing_bracket_is_named_where_it_opened() {
    let text = broken(&[(
        r#"(item: "mug", quantity: 2),"#,
        r#"(item: "mug", quantity: 2,"#,
    )]);
    let (line, col, message, help) = only_problem(&text);
    assert_eq!((line, col), (26, 9));
    assert_eq!(
        message,
        "the `(` opened on line 26 is never closed: the `]` on line 27 comes first"
    );
    assert_eq!(help, "add the `)` where the block ends, before that `]`");
}

#[test]
fn a_missing_bracket_among_siblings_is_the_one_named() {
    let text = broken(&[(
        r#"seller: "shop"),
        (id: "mug""#,
        r#"seller: "shop",
        (id: "mug""#,
    )]);
    let (line, col, message, _) = only_problem(&text);
    assert_eq!((line, col), (22, 9));
    assert_eq!(
        message,
        "the `(` opened on line 22 is never closed: the `]` on line 24 comes first"
    );
}

#[test]
fn a_missing_bracket_hidden_by_a_later_one_is_found_by_its_indentation() {
    // The `)` on line 11 closes `overrides`, so `policy` swallows the rest of the file;
    // only the indentation shows which block lost its bracket.
    let text = broken(&[(
        "            return_window: Days(30),\n        ),\n",
        "            return_window: Days(30),\n",
    )]);
    let (line, col, message, help) = only_problem(&text);
    assert_eq!((line, col), (8, 20));
    assert_eq!(
        message,
        "the `(` opened on line 8 is never closed: the `)` on line 10 lines up with line 6"
    );
    assert_eq!(help, "add the `)` where the block ends, before line 10");
}

#[test]
fn a_missing_closing_square_bracket() {
    let text = broken(&[(
        "        (item: \"mug\", quantity: 2),\n    ],\n",
        "        (item: \"mug\", quantity: 2),\n",
    )]);
    let (line, col, message, _) = only_problem(&text);
    assert_eq!((line, col), (25, 11));
    assert_eq!(
        message,
        "the `[` opened on line 25 is never closed: the `)` on line 46 comes first"
    );
}

#[test]
fn an_extra_closing_bracket_names_where_the_block_ended() {
    let text = broken(&[(r#"title: "Error test","#, r#"title: "Error test"),"#)]);
    let (line, col, message, help) = only_problem(&text);
    assert_eq!((line, col), (47, 1));
    assert_eq!(
        message,
        "this `)` closes nothing: the block opened on line 2 already ended on line 3"
    );
    assert_eq!(help, "remove one `)`: this one, or the one on line 3");
}

#[test]
fn an_extra_closing_bracket_that_ends_an_inner_block_early() {
    // The extra `)` ends `overrides`; its own `)` then ends `policy`, the `)` of `policy`
    // ends the scenario, and the last one closes nothing. The indentation shows where.
    let text = broken(&[("return_window: Days(30),", "return_window: Days(30)),")]);
    let (line, col, message, help) = only_problem(&text);
    assert_eq!((line, col), (47, 1));
    assert_eq!(
        message,
        "this `)` closes nothing: the block opened on line 2 already ended on line 11"
    );
    assert_eq!(
        help,
        "the `)` on line 11 lines up with the block opened on line 6, which a `)` on line 10 already closed: is that one too many?"
    );
}

#[test]
fn an_extra_closing_bracket_inside_a_list() {
    let text = broken(&[(
        r#"(item: "mug", quantity: 2),"#,
        r#"(item: "mug", quantity: 2)),"#,
    )]);
    let (line, col, message, help) = only_problem(&text);
    assert_eq!((line, col), (26, 35));
    assert_eq!(
        message,
        "this `)` closes nothing: the bracket open here is the `[` of line 25"
    );
    assert_eq!(help, "remove it, or add the `(` it should close");
}

#[test]
fn a_missing_opening_bracket() {
    let text = broken(&[(r#"items: [(item: "lamp")]"#, r#"items: [item: "lamp")]"#)]);
    let (line, col, message, _) = only_problem(&text);
    let (quote_line, quote_col) = position(&text, r#""lamp")"#);
    assert_eq!((line, col), (quote_line, quote_col + 6));
    assert_eq!(
        message,
        "this `)` closes nothing: the bracket open here is the `[` of line 30"
    );
}

#[test]
fn a_problem_before_a_bracket_problem_is_reported_too() {
    let text = broken(&[
        ("kind: Card", "kind: Cart"),
        (
            r#"(item: "mug", quantity: 2),"#,
            r#"(item: "mug", quantity: 2,"#,
        ),
    ]);
    let summary: Vec<(usize, String)> = problems(&text).into_iter().map(|p| (p.0, p.2)).collect();
    assert_eq!(
        summary,
        [
            (15, "unknown payment method kind `Cart`".to_owned()),
            (
                26,
                "the `(` opened on line 26 is never closed: the `]` on line 27 comes first"
                    .to_owned()
            ),
        ]
    );
}

#[test]
fn rendered_missing_bracket() {
    let text = broken(&[(
        r#"(item: "mug", quantity: 2),"#,
        r#"(item: "mug", quantity: 2,"#,
    )]);
    insta::assert_snapshot!(report_of(&text).render());
}

#[test]
fn rendered_extra_bracket() {
    let text = broken(&[(r#"title: "Error test","#, r#"title: "Error test"),"#)]);
    insta::assert_snapshot!(report_of(&text).render());
}

// --- typographic quotes ----------------------------------------------------------------

const DOUBLE_QUOTES: &str = "typographic quotes “ ” are not RON quotes: use straight \" quotes";

#[test]
fn typographic_quotes_are_named_where_they_are() {
    let text = broken(&[(r#"title: "Mug""#, "title: “Mug”")]);
    let (line, col, message, help) = only_problem(&text);
    assert_eq!((line, col), position(&text, "“"));
    assert_eq!(message, DOUBLE_QUOTES);
    assert_eq!(help, "write \"Mug\"");
}

#[test]
fn typographic_single_quotes_are_named_too() {
    let text = broken(&[(r#"title: "Mug""#, "title: ‘Mug’")]);
    let (line, col, message, _) = only_problem(&text);
    assert_eq!((line, col), position(&text, "‘"));
    assert_eq!(
        message,
        "typographic quotes ‘ ’ are not RON quotes: use straight \" quotes"
    );
}

#[test]
fn a_typographic_quote_closing_straight_text_is_named() {
    let text = broken(&[(r#"title: "Mug""#, "title: \"Mug”")]);
    let (line, col, message, _) = only_problem(&text);
    assert_eq!((line, col), position(&text, "”"));
    assert_eq!(message, DOUBLE_QUOTES);
}

#[test]
fn typographic_quotes_inside_text_are_fine() {
    let text = broken(&[(r#"title: "Mug""#, r#"title: "The “Best” Mug""#)]);
    if let Err(report) = scenario::load("quotes.ron", &text) {
        panic!("{}", report.render());
    }
}

#[test]
fn typographic_quotes_do_not_hide_other_problems() {
    let text = broken(&[
        (r#"title: "Mug""#, "title: “Mug”"),
        ("kind: Card", "kind: Cart"),
    ]);
    let messages: Vec<String> = problems(&text).into_iter().map(|p| p.2).collect();
    assert_eq!(
        messages,
        ["unknown payment method kind `Cart`", DOUBLE_QUOTES]
    );
}

#[test]
fn rendered_typographic_quotes() {
    let text = broken(&[(r#"title: "Mug""#, "title: “Mug”")]);
    insta::assert_snapshot!(report_of(&text).render());
}

// --- a value of the wrong kind: the caret on the value ------------------------------------

#[test]
fn the_caret_sits_on_a_value_of_the_wrong_kind() {
    let cases = [
        (
            r#"title: "Mug""#,
            "title: 5",
            "5",
            "expected text in quotes here",
        ),
        (
            r#"title: "Mug""#,
            r#"title: ["Mug"]"#,
            r#"["Mug"]"#,
            "expected text in quotes here",
        ),
        (
            "quantity: 2",
            r#"quantity: "2""#,
            r#""2""#,
            "expected a whole number here",
        ),
        (
            "quantity: 2)",
            r#"quantity: 2, selected: "yes")"#,
            r#""yes""#,
            "expected `true` or `false` here",
        ),
        (
            "items: [(item: \"lamp\")]",
            "items: (item: \"lamp\")",
            "(item: \"lamp\")",
            "expected a list `[ … ]` here",
        ),
    ];
    for (from, to, value, expected) in cases {
        let text = broken(&[(from, to)]);
        let (line, col, message, _) = only_problem(&text);
        assert_eq!((line, col), position(&text, value), "{to}");
        assert_eq!(message, expected, "{to}");
    }
}
