//! The plain English checker: advice on text that the public will read.
//!
//! Project summaries, activity descriptions and insights are read by people
//! who draw on care and support, their carers and families. Many of them do
//! not work in councils or the NHS, and some find reading hard. This module
//! looks at a text and points out the four habits that most often shut
//! readers out:
//!
//! - sentences over [`LONG_SENTENCE_WORDS`] words;
//! - jargon, with a plainer word to use instead (the list is in `jargon.rs`);
//! - acronyms not spelled out the first time they are used;
//! - passive verbs that hide who acts ("it was decided").
//!
//! It also estimates a reading age (see [`Report::reading_age`]).
//!
//! The checker advises; it never blocks. [`check`] always returns a
//! [`Report`], and [`Report::passes`] lets a caller decide what to do when an
//! organisation has chosen that texts must pass before they are published.
//!
//! Everything here is rules of thumb, not grammar. It will sometimes miss a
//! problem and sometimes flag a sentence that is fine, so its words are
//! written as suggestions ("Try...", "Say..."), never as errors.

mod acronyms;
mod jargon;
mod passive;
mod text;

#[cfg(test)]
mod tests;

use text::Sentence;

/// Sentences with more words than this are flagged. Plain English guides
/// agree that most readers lose the thread of a sentence after about 25
/// words.
pub const LONG_SENTENCE_WORDS: usize = 25;

/// The youngest reading age we report. Below this the estimate means little.
pub const MIN_READING_AGE: u8 = 5;

/// The oldest reading age we report. Read it as "18 or over": the formula
/// keeps climbing for dense text, but past this point the number only says
/// "very hard".
pub const MAX_READING_AGE: u8 = 18;

/// How many words of a long sentence we quote, so staff can find it.
const LONG_SENTENCE_QUOTE_WORDS: usize = 8;

/// What the checker found in one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Advice, in the order it appears in the text.
    pub findings: Vec<Finding>,
    /// An estimate of the reading age the text needs, in years, from
    /// [`MIN_READING_AGE`] to [`MAX_READING_AGE`]. `None` when the text has
    /// no words.
    ///
    /// The method: the Flesch-Kincaid grade level,
    /// `0.39 × (words ÷ sentences) + 11.8 × (syllables ÷ words) − 15.59`,
    /// gives a US school grade. A US grade is roughly a UK reading age minus
    /// five, so we add five, round, and clamp. Syllables are counted by rule
    /// (groups of vowels, less a silent "e" and some "-ed" and "-es"
    /// endings), so treat the number as a guide, not a measurement.
    pub reading_age: Option<u8>,
    /// Words in the text. A hyphenated word such as "well-being" counts once.
    pub words: usize,
    /// Sentences in the text. A line break also ends a sentence, so each
    /// item of a list counts as one.
    pub sentences: usize,
}

impl Report {
    /// True when the checker has no advice. Callers use this when an
    /// organisation has turned on "texts must pass"; otherwise the findings
    /// are only shown as suggestions.
    pub fn passes(&self) -> bool {
        self.findings.is_empty()
    }
}

/// One piece of advice about one part of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: FindingKind,
    /// The words concerned, as written. For a long sentence, its first few
    /// words followed by "…".
    pub excerpt: String,
    /// Where the excerpt starts in the text, as a byte offset, so an editor
    /// can point to it.
    pub position: usize,
    /// Advice for the member of staff, in plain English.
    pub message: String,
    /// Plainer words to use instead, when there are some. For jargon with
    /// more than one choice they are joined with "or".
    pub suggestion: Option<String>,
}

/// The reason for a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FindingKind {
    /// A sentence over [`LONG_SENTENCE_WORDS`] words.
    LongSentence,
    /// A word or phrase with a plainer alternative.
    Jargon,
    /// An acronym whose words are not given the first time it is used.
    UnexplainedAcronym,
    /// A passive verb with no "by ..." to say who acts.
    HiddenActorPassive,
}

impl FindingKind {
    pub const ALL: [FindingKind; 4] = [
        Self::LongSentence,
        Self::Jargon,
        Self::UnexplainedAcronym,
        Self::HiddenActorPassive,
    ];

    /// A short heading for the kind of advice, for lists and summaries.
    pub fn label(self) -> &'static str {
        match self {
            Self::LongSentence => "Long sentence",
            Self::Jargon => "Plainer word",
            Self::UnexplainedAcronym => "Acronym not explained",
            Self::HiddenActorPassive => "Who does it?",
        }
    }
}

/// Checks a text that the public will read and returns advice on it.
///
/// Each jargon entry and each acronym is reported once, at its first use,
/// however often it appears, so a long text does not bury staff in
/// repeats. Long sentences and hidden-actor passives are reported once per
/// occurrence, because each needs its own rewrite.
pub fn check(text: &str) -> Report {
    let sentences = text::sentences(text);
    let words: usize = sentences.iter().map(Sentence::word_count).sum();
    let sentence_count = sentences.iter().filter(|s| !s.words.is_empty()).count();

    let mut findings = long_sentences(&sentences, text);
    findings.extend(jargon::find(&sentences, text));
    findings.extend(acronyms::find(&sentences, text));
    findings.extend(passive::find(&sentences, text));
    // A stable sort keeps the order above for findings that start together.
    findings.sort_by_key(|finding| finding.position);

    Report {
        findings,
        reading_age: reading_age(&sentences, words, sentence_count),
        words,
        sentences: sentence_count,
    }
}

fn long_sentences(sentences: &[Sentence<'_>], text: &str) -> Vec<Finding> {
    sentences
        .iter()
        .filter(|sentence| sentence.word_count() > LONG_SENTENCE_WORDS)
        .map(|sentence| {
            let count = sentence.word_count();
            Finding {
                kind: FindingKind::LongSentence,
                excerpt: sentence_opening(sentence, text),
                position: sentence.words[0].start,
                message: format!(
                    "This sentence has {count} words. Try to keep sentences to \
                     {LONG_SENTENCE_WORDS} words or fewer, for example by \
                     splitting it in two."
                ),
                suggestion: None,
            }
        })
        .collect()
}

/// The first few words of a sentence, as written, so staff can find it.
fn sentence_opening(sentence: &Sentence<'_>, text: &str) -> String {
    // Count whole words, so "person-centred" is not cut in half.
    let mut whole_words = 0;
    let mut end = sentence.words[0].end;
    for word in &sentence.words {
        if !word.joined {
            whole_words += 1;
            if whole_words > LONG_SENTENCE_QUOTE_WORDS {
                return format!("{}…", &text[sentence.words[0].start..end]);
            }
        }
        end = word.end;
    }
    text[sentence.words[0].start..end].to_string()
}

fn reading_age(sentences: &[Sentence<'_>], words: usize, sentence_count: usize) -> Option<u8> {
    if words == 0 {
        return None;
    }
    let syllables: usize = sentences
        .iter()
        .flat_map(|sentence| &sentence.words)
        .map(|word| text::syllables(word.text))
        .sum();
    let words = words as f64;
    let grade =
        0.39 * (words / sentence_count.max(1) as f64) + 11.8 * (syllables as f64 / words) - 15.59;
    let age = (grade + 5.0)
        .round()
        .clamp(f64::from(MIN_READING_AGE), f64::from(MAX_READING_AGE));
    Some(age as u8)
}
