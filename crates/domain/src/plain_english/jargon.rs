//! Finding jargon from the list in `jargon/list.rs`.
//!
//! Matching is by whole words, ignoring case, with hyphens and spaces
//! treated alike. Where two entries could match at the same place, the one
//! with more words wins ("care pathway" before "pathway"). Each entry is
//! reported once, at its first use, with a count when it appears more than
//! once: the advice is the same each time, and repeating it would bury the
//! rest of the report.
//!
//! Suggestions are written for the listed form ("utilise" -> "use"); when
//! the text has another form ("utilised"), staff fit the ending themselves.

mod list;

use std::sync::LazyLock;

use super::text::{Sentence, Word, normalise};
use super::{Finding, FindingKind};

pub(super) use list::JARGON;

/// A list entry split into the normalised words the matcher compares.
struct Entry {
    words: Vec<String>,
    plainer: &'static str,
    /// Whether the entry ends with a full stop ("e.g."), which the excerpt
    /// should then include.
    ends_with_stop: bool,
}

static ENTRIES: LazyLock<Vec<Entry>> = LazyLock::new(|| {
    JARGON
        .iter()
        .map(|&(jargon, plainer)| Entry {
            words: key_words(jargon),
            plainer,
            ends_with_stop: jargon.ends_with('.'),
        })
        .collect()
});

static NOT_JARGON: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    list::NOT_JARGON
        .iter()
        .map(|phrase| key_words(phrase))
        .collect()
});

/// Splits a list key into the words a text is compared with, normalised
/// the same way as the text's words.
pub(super) fn key_words(key: &str) -> Vec<String> {
    key.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|word| !word.is_empty())
        .map(normalise)
        .collect()
}

/// One entry found in the text: where it was first used and how often.
struct Sighting {
    entry: usize,
    start: usize,
    end: usize,
    count: usize,
}

pub(super) fn find(sentences: &[Sentence<'_>], text: &str) -> Vec<Finding> {
    let mut sightings: Vec<Sighting> = Vec::new();
    for sentence in sentences {
        let words: Vec<String> = sentence.words.iter().map(Word::normalised).collect();
        let mut at = 0;
        while at < words.len() {
            if let Some(length) = NOT_JARGON
                .iter()
                .filter(|phrase| matches_at(phrase, &words, at))
                .map(Vec::len)
                .max()
            {
                at += length;
                continue;
            }
            let Some(entry) = best_match(&words, at) else {
                at += 1;
                continue;
            };
            let length = ENTRIES[entry].words.len();
            if let Some(seen) = sightings.iter_mut().find(|seen| seen.entry == entry) {
                seen.count += 1;
            } else {
                let mut end = sentence.words[at + length - 1].end;
                if ENTRIES[entry].ends_with_stop && text[end..].starts_with('.') {
                    end += 1;
                }
                sightings.push(Sighting {
                    entry,
                    start: sentence.words[at].start,
                    end,
                    count: 1,
                });
            }
            at += length;
        }
    }
    sightings
        .into_iter()
        .map(|sighting| finding(&sighting, text))
        .collect()
}

/// The entry that matches at `at` with the most words. Among entries of the
/// same length, one that matches word for word beats one that matches by an
/// ending ("mandated" is its own entry, not "mandate" plus "-d").
fn best_match(words: &[String], at: usize) -> Option<usize> {
    ENTRIES
        .iter()
        .enumerate()
        .filter(|(_, entry)| matches_at(&entry.words, words, at))
        .max_by_key(|(index, entry)| {
            let exact = entry.words.iter().zip(&words[at..]).all(|(k, w)| k == w);
            // Earlier entries win ties, so the result does not depend on
            // how `max_by_key` breaks them.
            (entry.words.len(), exact, std::cmp::Reverse(*index))
        })
        .map(|(index, _)| index)
}

fn matches_at(key: &[String], words: &[String], at: usize) -> bool {
    words.len() >= at + key.len()
        && key
            .iter()
            .zip(&words[at..])
            .all(|(key, word)| is_form_of(word, key))
}

/// Endings the matcher accepts after a listed word, so the list needs only
/// one form: "utilises", "utilised", "seamlessly", "holistically".
const ENDINGS: &[&str] = &["s", "es", "d", "ed", "ing", "ly", "ally"];

/// True when `word` is `base` or `base` with a common ending. Words under
/// four letters match only exactly, so "in" does not find "ins".
fn is_form_of(word: &str, base: &str) -> bool {
    if word == base {
        return true;
    }
    if base.chars().count() < 4 {
        return false;
    }
    if let Some(rest) = word.strip_prefix(base) {
        if ENDINGS.contains(&rest) {
            return true;
        }
        // A doubled last letter: "embed", "embedded", "embedding".
        if let Some(last) = base.chars().last()
            && let Some(after) = rest.strip_prefix(last)
            && matches!(after, "ed" | "ing")
        {
            return true;
        }
    }
    // A dropped "e": "utilise", "utilising".
    if let Some(stem) = base.strip_suffix('e')
        && word.strip_prefix(stem) == Some("ing")
    {
        return true;
    }
    // "y" becoming "ie": "identify", "identifies", "identified".
    if let Some(stem) = base.strip_suffix('y')
        && matches!(word.strip_prefix(stem), Some("ies" | "ied"))
    {
        return true;
    }
    false
}

fn finding(sighting: &Sighting, text: &str) -> Finding {
    let excerpt = text[sighting.start..sighting.end].to_string();
    let plainer = ENTRIES[sighting.entry].plainer;
    let mut message = if plainer.is_empty() {
        format!("You can usually leave out '{excerpt}'.")
    } else {
        let choices: Vec<String> = plainer
            .split(" / ")
            .map(|choice| format!("'{choice}'"))
            .collect();
        format!("Try {} instead of '{excerpt}'.", choices.join(" or "))
    };
    if sighting.count > 1 {
        message.push_str(&format!(" It is used {} times.", sighting.count));
    }
    Finding {
        kind: FindingKind::Jargon,
        excerpt,
        position: sighting.start,
        message,
        suggestion: (!plainer.is_empty()).then(|| plainer.replace(" / ", " or ")),
    }
}
