//! Finding passive verbs that hide who acts.
//!
//! "It was decided to close the centre" leaves readers asking who decided.
//! People who draw on care often meet decisions like this, and need to
//! know who made them to question them. So we flag a form of "to be"
//! ("is", "was", "will be", "has been"...) followed by a past participle
//! (a regular "-ed" word or one from a list of irregular ones), unless a
//! "by ..." soon after names who acts: "was decided by the board" is fine.
//!
//! "By" followed by a date or a means ("by March", "by email") does not
//! name anyone, so it does not count. Words that look like participles but
//! describe a state ("is interested", "are disabled") are not flagged.

use super::text::{Sentence, Word};
use super::{Finding, FindingKind};

/// Forms of "to be" that make a passive.
const BE: &[&str] = &[
    "am", "is", "are", "was", "were", "be", "been", "being", "isn't", "aren't", "wasn't", "weren't",
];

/// Forms of "to be" that put the action in the past.
const PAST_BE: &[&str] = &["was", "were", "wasn't", "weren't"];

/// Words that can come just before the "be" word and belong in the quoted
/// excerpt: "has been agreed", "will be reviewed", "needs to be done".
const HELPERS: &[&str] = &[
    "has", "have", "had", "will", "shall", "would", "should", "could", "can", "may", "might",
    "must", "to", "won't", "not",
];

/// Words that may sit between the "be" word and the participle: "was not
/// agreed", "is being reviewed", "were quickly made". Words ending in "-ly"
/// are also allowed.
const BETWEEN: &[&str] = &[
    "not",
    "also",
    "now",
    "already",
    "then",
    "still",
    "just",
    "often",
    "always",
    "never",
    "sometimes",
    "being",
    "been",
    "all",
    "both",
    "soon",
    "once",
    "again",
];

/// How many in-between words we step over before giving up.
const MOST_BETWEEN: usize = 2;

/// Irregular past participles, each with the simple past used in advice
/// ("It is not clear who wrote...").
const IRREGULAR: &[(&str, &str)] = &[
    ("begun", "began"),
    ("bought", "bought"),
    ("brought", "brought"),
    ("built", "built"),
    ("broken", "broke"),
    ("caught", "caught"),
    ("chosen", "chose"),
    ("cut", "cut"),
    ("dealt", "dealt"),
    ("done", "did"),
    ("drawn", "drew"),
    ("driven", "drove"),
    ("felt", "felt"),
    ("forgotten", "forgot"),
    ("found", "found"),
    ("given", "gave"),
    ("grown", "grew"),
    ("heard", "heard"),
    ("held", "held"),
    ("hidden", "hid"),
    ("hit", "hit"),
    ("kept", "kept"),
    ("known", "knew"),
    ("laid", "laid"),
    ("led", "led"),
    ("left", "left"),
    ("lent", "lent"),
    ("let", "let"),
    ("lost", "lost"),
    ("made", "made"),
    ("meant", "meant"),
    ("met", "met"),
    ("overseen", "oversaw"),
    ("paid", "paid"),
    ("put", "put"),
    ("read", "read"),
    ("rewritten", "rewrote"),
    ("run", "ran"),
    ("said", "said"),
    ("seen", "saw"),
    ("sent", "sent"),
    ("set", "set"),
    ("shown", "showed"),
    ("shut", "shut"),
    ("sold", "sold"),
    ("sought", "sought"),
    ("spent", "spent"),
    ("spoken", "spoke"),
    ("stolen", "stole"),
    ("taken", "took"),
    ("taught", "taught"),
    ("thought", "thought"),
    ("thrown", "threw"),
    ("told", "told"),
    ("undertaken", "undertook"),
    ("understood", "understood"),
    ("upheld", "upheld"),
    ("withdrawn", "withdrew"),
    ("won", "won"),
    ("written", "wrote"),
];

/// Words ending in "-ed" that are not past participles.
const NOT_PARTICIPLES: &[&str] = &[
    "hundred", "sacred", "naked", "wicked", "kindred", "rugged", "ragged", "beloved", "embed",
    "speed", "greed", "breed", "bleed", "shred",
];

/// Participles that after "to be" usually describe a state, not an action
/// someone did: "I am interested", "people who are disabled".
const STATES: &[&str] = &[
    "interested",
    "concerned",
    "worried",
    "tired",
    "bored",
    "excited",
    "pleased",
    "delighted",
    "surprised",
    "scared",
    "frightened",
    "married",
    "divorced",
    "retired",
    "qualified",
    "experienced",
    "skilled",
    "related",
    "based",
    "located",
    "called",
    "named",
    "supposed",
    "committed",
    "determined",
    "dedicated",
    "satisfied",
    "disappointed",
    "confused",
    "embarrassed",
    "shocked",
    "amazed",
    "isolated",
    "disabled",
    "limited",
    "complicated",
    "detailed",
    "advanced",
    "unemployed",
    "needed",
    "born",
    "involved",
    "registered",
    "allowed",
    "closed",
    "finished",
    "mixed",
    "varied",
    "balanced",
    "prepared",
    "engaged",
    "fed",
];

/// How far after the participle we look for "by".
const AGENT_REACH: usize = 6;

/// Words after "by" that give a time or a way, not who acts.
const NOT_AGENTS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "then",
    "now",
    "next",
    "tomorrow",
    "today",
    "tonight",
    "end",
    "email",
    "post",
    "phone",
    "telephone",
    "letter",
    "text",
    "hand",
    "law",
];

pub(super) fn find(sentences: &[Sentence<'_>], text: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    for sentence in sentences {
        let words: Vec<String> = sentence.words.iter().map(Word::normalised).collect();
        let mut at = 0;
        while at < words.len() {
            match passive_at(&words, at) {
                Some(passive) if !names_actor(&words, passive.participle) => {
                    findings.push(finding(&passive, &sentence.words, text));
                    at = passive.participle + 1;
                }
                _ => at += 1,
            }
        }
    }
    findings
}

/// A passive found in a sentence, as positions in its list of words.
struct Passive {
    /// The first word of the excerpt, including helpers like "has".
    first: usize,
    /// The "be" word.
    be: usize,
    participle: usize,
    /// The simple past of the verb, for the advice.
    past: String,
}

fn passive_at(words: &[String], be: usize) -> Option<Passive> {
    if !BE.contains(&words[be].as_str()) {
        return None;
    }
    let mut participle = be + 1;
    while participle < words.len()
        && participle - be <= MOST_BETWEEN
        && is_between(&words[participle])
    {
        participle += 1;
    }
    let word = words.get(participle)?;
    let past = past_tense(word)?;
    let next = words.get(participle + 1).map(String::as_str);
    // "is used to" and "is known as" describe habits and names.
    if STATES.contains(&word.as_str())
        || (word == "used" && next == Some("to"))
        || (word == "known" && next == Some("as"))
    {
        return None;
    }
    let mut first = be;
    while first > 0 && be - first < 3 && HELPERS.contains(&words[first - 1].as_str()) {
        first -= 1;
    }
    Some(Passive {
        first,
        be,
        participle,
        past,
    })
}

fn is_between(word: &str) -> bool {
    BETWEEN.contains(&word) || (word.len() > 4 && word.ends_with("ly"))
}

/// The simple past for a past participle, or `None` when the word is not
/// one. A regular "-ed" participle is its own past: "decided".
fn past_tense(word: &str) -> Option<String> {
    if let Some((_, past)) = IRREGULAR.iter().find(|(participle, _)| *participle == word) {
        return Some((*past).to_string());
    }
    let regular = word.len() >= 5 && word.ends_with("ed") && !NOT_PARTICIPLES.contains(&word);
    regular.then(|| word.to_string())
}

/// True when a "by" soon after the participle names who acts.
fn names_actor(words: &[String], participle: usize) -> bool {
    let reach = words.len().min(participle + 1 + AGENT_REACH);
    (participle + 1..reach).any(|at| {
        words[at] == "by" && {
            let next = words.get(at + 1).map(String::as_str).unwrap_or_default();
            let after = words.get(at + 2).map(String::as_str).unwrap_or_default();
            let is_time_or_way = NOT_AGENTS.contains(&next)
                || next.starts_with(|c: char| c.is_ascii_digit())
                || (next == "the" && NOT_AGENTS.contains(&after));
            !next.is_empty() && !is_time_or_way
        }
    })
}

fn finding(passive: &Passive, words: &[Word<'_>], text: &str) -> Finding {
    let start = words[passive.first].start;
    let excerpt = text[start..words[passive.participle].end].to_string();
    let in_past = PAST_BE.contains(&words[passive.be].normalised().as_str())
        || words[passive.first..passive.be]
            .iter()
            .any(|word| matches!(word.normalised().as_str(), "has" | "have" | "had"));
    let message = if in_past {
        let past = &passive.past;
        format!("It is not clear who {past}. Say who did it, for example 'the board {past}'.")
    } else {
        "It is not clear who does this. Say who will do it, for example 'the board will' \
         or 'we will'."
            .to_string()
    };
    Finding {
        kind: FindingKind::HiddenActorPassive,
        excerpt,
        position: start,
        message,
        suggestion: None,
    }
}
