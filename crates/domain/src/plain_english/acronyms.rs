//! Finding acronyms that are not spelled out the first time they are used.
//!
//! An acronym here is a word with at least two capital letters and more
//! capitals than small letters: "CQC", "ICBs", "DoLS". Its first use counts
//! as spelled out in either of these forms:
//!
//! - "Care Quality Commission (CQC)": the acronym in brackets straight
//!   after words whose first letters spell it;
//! - "CQC (Care Quality Commission)": those words in brackets straight
//!   after the acronym.
//!
//! Small words may sit between ("Department of Health and Social Care
//! (DHSC)"). Only the first use matters: later uses are fine once it has
//! been spelled out, and a reader who met it unexplained has already been
//! lost, so each acronym is reported at most once.

use super::text::{Sentence, Word};
use super::{Finding, FindingKind};

/// Acronyms so widely known that spelling them out would only slow readers
/// down. Keep this short: most people working in care know far more
/// acronyms than the people they write for.
pub(super) const WELL_KNOWN: &[&str] = &[
    "NHS", "UK", "GP", "OK", "TV", "BBC", "MP", "PDF", "ID", "AM", "PM", "COVID", "EU", "USA",
];

/// The words behind acronyms common in adult social care, so the advice can
/// show the spelled-out form. An acronym missing from here is still
/// flagged, just without a suggestion. A unit test checks that each one,
/// written as "words (ACRONYM)", passes the whole checker.
pub(super) const EXPANSIONS: &[(&str, &str)] = &[
    ("ADASS", "Association of Directors of Adult Social Services"),
    ("AOB", "any other business"),
    ("ASC", "adult social care"),
    ("BSL", "British Sign Language"),
    ("CQC", "Care Quality Commission"),
    ("DBS", "Disclosure and Barring Service"),
    ("DFG", "Disabled Facilities Grant"),
    ("DHSC", "Department of Health and Social Care"),
    ("DoLS", "Deprivation of Liberty Safeguards"),
    ("EHCP", "education, health and care plan"),
    ("ICB", "integrated care board"),
    ("ICS", "integrated care system"),
    ("LD", "learning disability"),
    ("LGA", "Local Government Association"),
    ("LPS", "Liberty Protection Safeguards"),
    ("NICE", "National Institute for Health and Care Excellence"),
    ("OT", "occupational therapist"),
    ("PA", "personal assistant"),
    ("PPE", "personal protective equipment"),
    ("SCIE", "Social Care Institute for Excellence"),
    ("SEND", "special educational needs and disabilities"),
    ("TLAP", "Think Local Act Personal"),
    ("VCSE", "voluntary, community and social enterprise"),
];

/// How many words before a bracket we look back over for the spelled-out
/// form, for each letter of the acronym. Allows for small words like "of".
const WORDS_PER_LETTER: usize = 3;

pub(super) fn find(sentences: &[Sentence<'_>], text: &str) -> Vec<Finding> {
    let mut seen: Vec<String> = Vec::new();
    let mut findings = Vec::new();
    for sentence in sentences {
        if is_shouting(sentence) {
            continue;
        }
        for (index, word) in sentence.words.iter().enumerate() {
            let Some(acronym) = acronym(word.text) else {
                continue;
            };
            if WELL_KNOWN.contains(&acronym) || seen.iter().any(|s| s == acronym) {
                continue;
            }
            seen.push(acronym.to_string());
            if !is_spelled_out(acronym, &sentence.words, index, text) {
                findings.push(finding(acronym, word));
            }
        }
    }
    findings
}

/// The acronym in a word, without a plural "s" or possessive ("ICBs",
/// "CQC's"), or `None` when the word is not an acronym. Roman numerals
/// ("II", "IV") are not acronyms.
pub(super) fn acronym(word: &str) -> Option<&str> {
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word);
    let word = match word.strip_suffix('s') {
        Some(stem) if stem.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()) => stem,
        _ => word,
    };
    let capitals = word.chars().filter(|c| c.is_uppercase()).count();
    let small = word.chars().filter(|c| c.is_lowercase()).count();
    let starts_with_capital = word.chars().next().is_some_and(char::is_uppercase);
    (capitals >= 2 && capitals > small && starts_with_capital && !is_roman_numeral(word))
        .then_some(word)
}

/// True for a Roman numeral made of I, V and X, the ones used to number
/// lists and parts. "CD" or "MD" are more likely to be acronyms.
fn is_roman_numeral(word: &str) -> bool {
    const NUMERALS: &[&str] = &[
        "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XIII", "XIV", "XV", "XVI",
        "XVII", "XVIII", "XIX", "XX",
    ];
    NUMERALS.contains(&word)
}

/// True for a line written in capitals, such as a heading. Its words are
/// not acronyms, and flagging each one would help nobody.
fn is_shouting(sentence: &Sentence<'_>) -> bool {
    let capitalised = sentence
        .words
        .iter()
        .filter(|word| word.text.chars().count() > 1 && acronym(word.text).is_some())
        .count();
    capitalised >= 3 && capitalised * 2 > sentence.words.len()
}

/// True when the acronym at `words[index]` is spelled out in either of the
/// bracket forms described at the top of this module.
fn is_spelled_out(acronym: &str, words: &[Word<'_>], index: usize, text: &str) -> bool {
    let word = &words[index];

    // "Care Quality Commission (CQC)"
    let opens_before = text[..word.start].trim_end().ends_with('(');
    let closes_after = text[word.end..].trim_start().starts_with(')');
    if opens_before && closes_after {
        let bracket = text[..word.start].trim_end().len() - 1;
        let before: Vec<&str> = words[..index]
            .iter()
            .filter(|w| w.end <= bracket)
            .map(|w| w.text)
            .collect();
        let longest = acronym.chars().count() * WORDS_PER_LETTER;
        if (1..=longest.min(before.len()))
            .any(|count| initials_spell(acronym, &before[before.len() - count..]))
        {
            return true;
        }
    }

    // "CQC (Care Quality Commission)"
    let after = &text[word.end..];
    let Some(open) = after.find('(') else {
        return false;
    };
    if !after[..open].trim().is_empty() {
        return false;
    }
    let open = word.end + open;
    let close = text[open..].find(')').map_or(text.len(), |at| open + at);
    let inside: Vec<&str> = words[index + 1..]
        .iter()
        .filter(|w| w.start > open && w.end <= close)
        .map(|w| w.text)
        .collect();
    !inside.is_empty() && initials_spell(acronym, &inside)
}

/// True when the first letters of `words` spell the acronym: the first
/// word starts with its first letter, and its letters appear in order among
/// the words' first letters (and capitals inside a word, as in
/// "HealthWatch"). Letting other words sit between allows "for", "and" or
/// "of", and also names like "National Institute for Health and Care
/// Excellence (NICE)".
fn initials_spell(acronym: &str, words: &[&str]) -> bool {
    let initials: Vec<char> = words
        .iter()
        .flat_map(|word| {
            let mut letters = word.chars().filter(|c| c.is_alphabetic());
            let first = letters.next().into_iter();
            first.chain(letters.filter(|c| c.is_uppercase()))
        })
        .flat_map(char::to_uppercase)
        .collect();
    let letters: Vec<char> = acronym
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_uppercase)
        .collect();
    if initials.first() != letters.first() {
        return false;
    }
    let mut remaining = letters.iter().peekable();
    for initial in &initials {
        if remaining.peek() == Some(&initial) {
            remaining.next();
        }
    }
    remaining.peek().is_none()
}

fn finding(acronym: &str, word: &Word<'_>) -> Finding {
    let expansion = EXPANSIONS
        .iter()
        .find(|(short, _)| *short == acronym)
        .map(|(_, words)| format!("{words} ({acronym})"));
    let mut message = format!("Say what '{acronym}' stands for the first time you use it.");
    if let Some(expansion) = &expansion {
        message.push_str(&format!(" For example, '{expansion}'."));
    }
    Finding {
        kind: FindingKind::UnexplainedAcronym,
        excerpt: acronym.to_string(),
        position: word.start,
        message,
        suggestion: expansion,
    }
}
