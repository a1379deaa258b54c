//! Tests for the plain English checker, mostly as tables of examples.

use std::collections::HashSet;

use super::acronyms::{EXPANSIONS, WELL_KNOWN};
use super::jargon::{JARGON, key_words};
use super::text::syllables;
use super::{Finding, FindingKind, LONG_SENTENCE_WORDS, MAX_READING_AGE, MIN_READING_AGE, check};

/// The findings of one kind in a text, in order.
fn findings(text: &str, kind: FindingKind) -> Vec<Finding> {
    check(text)
        .findings
        .into_iter()
        .filter(|finding| finding.kind == kind)
        .collect()
}

/// Asserts that a text has exactly these findings, as (kind, excerpt), in
/// order.
#[track_caller]
fn expect(text: &str, expected: &[(FindingKind, &str)]) {
    let found: Vec<(FindingKind, String)> = check(text)
        .findings
        .into_iter()
        .map(|finding| (finding.kind, finding.excerpt))
        .collect();
    let expected: Vec<(FindingKind, String)> = expected
        .iter()
        .map(|&(kind, excerpt)| (kind, excerpt.to_string()))
        .collect();
    assert_eq!(found, expected, "findings for {text:?}");
}

/// A sentence of `count` ordinary words.
fn sentence_of(count: usize) -> String {
    let words = ["we", "met", "with", "people", "from", "the", "town", "and"];
    let mut sentence: Vec<&str> = words.iter().copied().cycle().take(count).collect();
    sentence[0] = "We";
    format!("{}.", sentence.join(" "))
}

#[test]
fn plain_text_passes() {
    for text in [
        "",
        "We meet on the first Tuesday of each month. Anyone who uses care and support \
         is welcome. Tell us what works for you and what does not.",
        "The council decided to keep the day centre open. We will share what we hear \
         with the board.",
        "Ask your GP, or call the NHS on 111.",
        "Bring a friend if you like.\nTea and cake are free.",
        "Care Quality Commission (CQC) staff came to see us. The CQC liked the garden.",
        "The plan was agreed by the board in June.",
        "Costs rose by 2.5 per cent. Dr. Patel will come to the next meeting.",
    ] {
        let report = check(text);
        assert!(
            report.passes(),
            "{text:?} should pass: {:?}",
            report.findings
        );
    }
}

#[test]
fn spec_examples_give_the_advice_we_promise_staff() {
    let long = check(&sentence_of(31));
    assert_eq!(
        long.findings[0].message,
        "This sentence has 31 words. Try to keep sentences to 25 words or fewer, \
         for example by splitting it in two."
    );
    let jargon = findings("We will utilise the hall.", FindingKind::Jargon);
    assert_eq!(jargon[0].message, "Try 'use' instead of 'utilise'.");
    let acronym = findings("Ask the CQC.", FindingKind::UnexplainedAcronym);
    assert_eq!(
        acronym[0].message,
        "Say what 'CQC' stands for the first time you use it. For example, \
         'Care Quality Commission (CQC)'."
    );
    let passive = findings(
        "It was decided to close it.",
        FindingKind::HiddenActorPassive,
    );
    assert_eq!(
        passive[0].message,
        "It is not clear who decided. Say who did it, for example 'the board decided'."
    );
}

#[test]
fn sentences_over_the_limit_are_flagged_with_their_length_and_opening() {
    expect(&sentence_of(LONG_SENTENCE_WORDS), &[]);
    let report = check(&sentence_of(LONG_SENTENCE_WORDS + 1));
    assert_eq!(report.findings.len(), 1);
    let finding = &report.findings[0];
    assert_eq!(finding.kind, FindingKind::LongSentence);
    assert_eq!(finding.excerpt, "We met with people from the town and…");
    assert!(finding.message.starts_with("This sentence has 26 words."));
    assert_eq!(finding.position, 0);

    // Each long sentence is its own finding; short ones between are fine.
    let text = format!("{} Short one. {}", sentence_of(30), sentence_of(40));
    let lengths: Vec<String> = findings(&text, FindingKind::LongSentence)
        .into_iter()
        .map(|finding| finding.message)
        .collect();
    assert!(lengths[0].contains("30 words") && lengths[1].contains("40 words"));
}

#[test]
fn jargon_is_flagged_with_plainer_words() {
    let cases = [
        ("We will utilise the funding.", "utilise", Some("use")),
        (
            "Staff facilitate the group.",
            "facilitate",
            Some("help or run"),
        ),
        (
            "Each service user has a say.",
            "service user",
            Some("person who uses services"),
        ),
        (
            "We spoke to every stakeholder.",
            "stakeholder",
            Some("people with an interest"),
        ),
        ("The work will commence in May.", "commence", Some("start")),
        ("We met in order to plan.", "in order to", Some("to")),
        (
            "We signpost people to advice.",
            "signpost",
            Some("point to or tell people about"),
        ),
        (
            "The two areas are co-terminous.",
            "co-terminous",
            Some("covering the same area"),
        ),
        ("It is about capacity building.", "capacity building", None),
        (
            "Going forward, we will meet monthly.",
            "Going forward",
            None,
        ),
        (
            "Here are the deliverables.",
            "deliverables",
            Some("what we will do or results"),
        ),
        (
            "It sits in the outcomes framework.",
            "outcomes framework",
            None,
        ),
        (
            "We take a holistic view.",
            "holistic",
            Some("whole or all-round"),
        ),
        ("Support is person-centred.", "person-centred", None),
        ("Support is person centred.", "person centred", None),
        ("The COUNCIL'S STAKEHOLDERS met.", "STAKEHOLDERS", None),
        ("We are utilising the hall.", "utilising", Some("use")),
        ("They utilised the hall.", "utilised", Some("use")),
        ("She utilises it.", "utilises", Some("use")),
        ("We utilize grants.", "utilize", Some("use")),
        ("We will prioritize housing.", "prioritize", None),
        ("We touched base.", "touched base", Some("talk or meet")),
        ("We embedded the idea.", "embedded", None),
        (
            "The team identified gaps.",
            "identified",
            Some("find or spot"),
        ),
        ("It works seamlessly.", "seamlessly", None),
        ("Bring snacks, e.g. fruit.", "e.g.", Some("for example")),
        ("Teams work in silos.", "in silos", None),
        ("We will roll out the app.", "roll out", None),
        (
            "Ask the local authority.",
            "local authority",
            Some("council"),
        ),
    ];
    for (text, excerpt, suggestion) in cases {
        let found = findings(text, FindingKind::Jargon);
        assert_eq!(found.len(), 1, "{text:?}: {found:?}");
        assert_eq!(found[0].excerpt, excerpt, "{text:?}");
        assert!(
            found[0].message.contains(&format!("'{excerpt}'")),
            "{text:?}"
        );
        if let Some(suggestion) = suggestion {
            assert_eq!(found[0].suggestion.as_deref(), Some(suggestion), "{text:?}");
        }
    }
}

#[test]
fn jargon_is_reported_once_with_a_count() {
    let found = findings(
        "We utilise rooms. They utilised halls. Others utilise parks.",
        FindingKind::Jargon,
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].excerpt, "utilise");
    assert_eq!(
        found[0].message,
        "Try 'use' instead of 'utilise'. It is used 3 times."
    );
}

#[test]
fn the_longest_phrase_wins_and_known_names_are_left_alone() {
    expect(
        "Read the care pathway.",
        &[(FindingKind::Jargon, "care pathway")],
    );
    expect("Read the pathway.", &[(FindingKind::Jargon, "pathway")]);
    expect(
        "The rule was mandated.",
        &[
            (FindingKind::HiddenActorPassive, "was mandated"),
            (FindingKind::Jargon, "mandated"),
        ],
    );
    let mandated = findings("It is mandated.", FindingKind::Jargon);
    assert_eq!(mandated[0].suggestion.as_deref(), Some("must or have to"));
    expect("She lives in assisted living.", &[]);
    expect("You can give informed consent.", &[]);
    expect("We will inform you.", &[(FindingKind::Jargon, "inform")]);
    // Short words only match exactly: "ins and outs" is not "in silos".
    expect("Learn the ins and outs.", &[]);
}

#[test]
fn words_to_leave_out_say_so() {
    let found = findings("We hereby agree.", FindingKind::Jargon);
    assert_eq!(found[0].message, "You can usually leave out 'hereby'.");
    assert_eq!(found[0].suggestion, None);
}

#[test]
fn jargon_list_is_long_enough_and_has_no_duplicates() {
    assert!(JARGON.len() >= 150, "only {} entries", JARGON.len());
    let mut keys = HashSet::new();
    for &(jargon, plainer) in JARGON {
        assert_eq!(
            jargon,
            jargon.trim().to_lowercase(),
            "write {jargon:?} in lower case"
        );
        assert!(!key_words(jargon).is_empty(), "{jargon:?} has no words");
        assert!(
            keys.insert(key_words(jargon).join(" ")),
            "{jargon:?} is listed twice"
        );
        assert_ne!(jargon, plainer);
    }
}

#[test]
fn plainer_words_are_not_jargon_themselves() {
    for &(jargon, plainer) in JARGON {
        for choice in plainer.split(" / ").filter(|choice| !choice.is_empty()) {
            let found = findings(choice, FindingKind::Jargon);
            assert!(
                found.is_empty(),
                "{jargon:?} suggests {choice:?}: {found:?}"
            );
        }
    }
}

#[test]
fn acronyms_need_their_words_the_first_time() {
    let cases: &[(&str, &[&str])] = &[
        ("The CQC visited us.", &["CQC"]),
        (
            "The Care Quality Commission (CQC) came. The CQC was kind.",
            &[],
        ),
        ("The CQC (Care Quality Commission) came.", &[]),
        (
            "The Care Quality Commission (CQC) and the ICB met.",
            &["ICB"],
        ),
        (
            "The CQC met. Later the Care Quality Commission (CQC) met.",
            &["CQC"],
        ),
        ("The CQC met the CQC again.", &["CQC"]),
        ("See your GP or call the NHS. It is OK.", &[]),
        ("Part II of the UK plan.", &[]),
        ("I went. A cat sat.", &[]),
        ("Two ICBs joined. The ICB's chair spoke.", &["ICB"]),
        (
            "The Department of Health and Social Care (DHSC) wrote.",
            &[],
        ),
        ("Use British Sign Language (BSL) at events.", &[]),
        (
            "Ask the National Institute for Health and Care Excellence (NICE).",
            &[],
        ),
        ("Deprivation of Liberty Safeguards (DoLS) apply.", &[]),
        ("We wrote to the SCIE and the TLAP.", &["SCIE", "TLAP"]),
        ("The regulator (CQC) came.", &["CQC"]),
        ("Our ASC (adult social care) team can help.", &[]),
        ("WHAT WE DID THIS YEAR", &[]),
        ("Read it at https://example.org/ABC today.", &[]),
        ("Jo McDonald met us.", &[]),
    ];
    for (text, expected) in cases {
        let found: Vec<String> = findings(text, FindingKind::UnexplainedAcronym)
            .into_iter()
            .map(|finding| finding.excerpt)
            .collect();
        assert_eq!(found, *expected, "{text:?}");
    }
}

#[test]
fn known_acronyms_suggest_their_words_and_those_words_pass() {
    let found = findings("Book a BSL interpreter.", FindingKind::UnexplainedAcronym);
    assert_eq!(
        found[0].suggestion.as_deref(),
        Some("British Sign Language (BSL)")
    );
    assert_eq!(
        findings("The XYZ met.", FindingKind::UnexplainedAcronym)[0].suggestion,
        None
    );
    for (acronym, words) in EXPANSIONS {
        for text in [
            format!("{words} ({acronym})."),
            format!("{acronym} ({words})."),
        ] {
            let report = check(&text);
            assert!(report.passes(), "{text:?}: {:?}", report.findings);
        }
    }
    for acronym in WELL_KNOWN {
        expect(&format!("Ask the {acronym} for help."), &[]);
    }
}

#[test]
fn passives_that_hide_who_acts_are_flagged() {
    let cases: &[(&str, Option<&str>)] = &[
        (
            "It was decided to close the day centre.",
            Some("was decided"),
        ),
        (
            "The plan will be reviewed next year.",
            Some("will be reviewed"),
        ),
        ("The budget has been agreed.", Some("has been agreed")),
        ("Changes were made to the rota.", Some("were made")),
        ("The report is being written now.", Some("is being written")),
        ("The notes need to be checked.", Some("to be checked")),
        ("It was not agreed.", Some("was not agreed")),
        ("The choice was quickly made.", Some("was quickly made")),
        (
            "Your form will be looked at by Friday.",
            Some("will be looked"),
        ),
        ("The letter was sent by email.", Some("was sent")),
        ("The room was booked by the end of May.", Some("was booked")),
        ("It was decided by the board.", None),
        ("The survey was written by people who use services.", None),
        ("The group was set up last year by three carers.", None),
        ("I am interested in joining.", None),
        ("People who are disabled told us about the bus.", None),
        ("The group is called Voices Together.", None),
        ("We are based in the town hall.", None),
        ("It is known as the Friday club.", None),
        ("He is used to long days.", None),
        ("There were a hundred people.", None),
        ("The board decided to keep it open.", None),
    ];
    for (text, expected) in cases {
        let found: Vec<String> = findings(text, FindingKind::HiddenActorPassive)
            .into_iter()
            .map(|finding| finding.excerpt)
            .collect();
        let expected: Vec<String> = expected.iter().map(|e| e.to_string()).collect();
        assert_eq!(found, expected, "{text:?}");
    }
}

#[test]
fn passive_advice_follows_the_tense() {
    let past = findings("Changes were made.", FindingKind::HiddenActorPassive);
    assert!(past[0].message.starts_with("It is not clear who made."));
    let perfect = findings("It has been agreed.", FindingKind::HiddenActorPassive);
    assert!(perfect[0].message.contains("'the board agreed'"));
    let future = findings("It will be reviewed.", FindingKind::HiddenActorPassive);
    assert!(future[0].message.contains("'the board will'"));
}

#[test]
fn reading_age_is_lower_for_simple_text() {
    let simple = check("We met at the hall. We had tea. It was fun. Come next time.");
    let dense = check(
        "The implementation of the integrated commissioning strategy necessitates \
         comprehensive collaboration between organisational stakeholders, \
         notwithstanding considerable financial constraints affecting statutory \
         provision.",
    );
    let simple_age = simple.reading_age.expect("simple text has words");
    let dense_age = dense.reading_age.expect("dense text has words");
    assert!(
        simple_age < dense_age,
        "{simple_age} should be below {dense_age}"
    );
    assert!(simple_age <= 9, "simple text scored {simple_age}");
    assert_eq!(dense_age, MAX_READING_AGE);
    assert_eq!(check("Hi.").reading_age, Some(MIN_READING_AGE));
    assert_eq!(check("").reading_age, None);
    assert_eq!(check(" \n ... ").reading_age, None);
}

#[test]
fn syllables_are_counted_by_rule() {
    let cases = [
        ("cat", 1),
        ("care", 1),
        ("the", 1),
        ("whole", 1),
        ("people", 2),
        ("table", 2),
        ("decided", 3),
        ("used", 1),
        ("makes", 1),
        ("places", 2),
        ("changes", 2),
        ("services", 3),
        ("agreed", 2),
        ("reviewed", 2),
        ("utilisation", 5),
        ("CQC", 3),
        ("2024", 4),
        ("7", 1),
    ];
    for (word, expected) in cases {
        assert_eq!(syllables(word), expected, "{word}");
    }
}

#[test]
fn words_and_sentences_are_counted_as_a_reader_would() {
    let cases = [
        ("", 0, 0),
        ("We met. We talked!", 4, 2),
        ("Is it open? Yes.", 4, 2),
        ("Dr. Patel will come. She is kind.", 7, 2),
        ("Well-being matters.", 2, 1),
        ("First line\nSecond line", 4, 2),
        ("A list:\n\n- tea\n- cake", 4, 3),
        ("Email hello@example.org today.", 2, 1),
        ("He said \"stop.\" Then he left.", 6, 2),
        ("Costs rose by 2.5 per cent, or 1,000 pounds.", 9, 1),
        ("Bring what you like, i.e. anything.", 7, 1),
        ("We can't stay. The council’s hall is shut.", 8, 2),
    ];
    for (text, words, sentences) in cases {
        let report = check(text);
        assert_eq!(
            (report.words, report.sentences),
            (words, sentences),
            "{text:?}"
        );
    }
}

#[test]
fn findings_come_in_text_order_with_positions() {
    let text = "It was agreed. The CQC will utilise the hall.";
    let report = check(text);
    let kinds: Vec<FindingKind> = report.findings.iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds,
        [
            FindingKind::HiddenActorPassive,
            FindingKind::UnexplainedAcronym,
            FindingKind::Jargon,
        ]
    );
    for finding in &report.findings {
        assert!(
            text[finding.position..].starts_with(&finding.excerpt),
            "{finding:?}"
        );
    }
    assert!(!report.passes());
}

#[test]
fn every_kind_has_a_label() {
    let labels: HashSet<&str> = FindingKind::ALL.iter().map(|kind| kind.label()).collect();
    assert_eq!(labels.len(), FindingKind::ALL.len());
}
