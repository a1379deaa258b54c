//! Splitting a text into sentences and words, and counting syllables.
//!
//! These are simple rules, not a grammar. They are good enough for advice on
//! the short texts staff write for the public.

/// One word as it appears in the text. A hyphenated word such as
/// "person-centred" is two `Word`s, the second marked `joined`, so that the
/// jargon list can match "person centred" and "person-centred" alike while
/// sentence length still counts it once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Word<'a> {
    pub text: &'a str,
    /// Byte offsets into the whole text.
    pub start: usize,
    pub end: usize,
    /// True when a hyphen joins this word to the one before.
    pub joined: bool,
}

impl Word<'_> {
    /// The form used for matching: see [`normalise`].
    pub fn normalised(&self) -> String {
        normalise(self.text)
    }
}

/// Lower case, straight apostrophes, no possessive ending ("council's"
/// becomes "council"), and "-ize" spelled "-ise", so that the jargon list
/// needs only one spelling of each word.
pub(super) fn normalise(word: &str) -> String {
    let mut lower = word.to_lowercase().replace('’', "'");
    if let Some(stem) = lower.strip_suffix("'s") {
        lower = stem.to_string();
    } else if let Some(stem) = lower.strip_suffix('\'') {
        lower = stem.to_string();
    }
    lower.replace("iz", "is").replace("yz", "ys")
}

/// One sentence: the words in it, in order. It may have no words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Sentence<'a> {
    pub words: Vec<Word<'a>>,
}

impl Sentence<'_> {
    /// Words as a reader counts them: hyphenated words once.
    pub fn word_count(&self) -> usize {
        self.words.iter().filter(|word| !word.joined).count()
    }
}

/// Characters that may close a sentence after its full stop, such as a
/// quotation mark or a bracket.
const CLOSERS: &[char] = &['"', '\'', ')', ']', '’', '”', '.', '!', '?'];

/// Short forms written with a full stop that does not end the sentence,
/// because a capital letter usually follows them ("Dr. Patel").
const TITLES: &[&str] = &["mr", "mrs", "ms", "dr", "prof", "cllr", "st", "no", "rev"];

/// Splits a text into sentences. A sentence ends at ".", "!" or "?"
/// followed by a space or the end of the text, and at every line break, so
/// list items and headings count as sentences of their own. A full stop
/// followed by a lower-case word ("e.g. the") or after a title ("Dr.") does
/// not end a sentence.
pub(super) fn sentences(text: &str) -> Vec<Sentence<'_>> {
    let words = words(text);
    let mut sentences = Vec::new();
    let mut next_word = words.into_iter().peekable();
    for end in sentence_ends(text) {
        let mut sentence = Sentence { words: Vec::new() };
        while let Some(word) = next_word.next_if(|word| word.start < end) {
            sentence.words.push(word);
        }
        sentences.push(sentence);
    }
    sentences
}

/// Byte offsets where each sentence ends; the last is the text's length.
fn sentence_ends(text: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut ends = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c == '\n' {
            ends.push(at);
        } else if matches!(c, '.' | '!' | '?') {
            let mut after = i + 1;
            while after < chars.len() && CLOSERS.contains(&chars[after].1) {
                after += 1;
            }
            let at_break = after == chars.len() || chars[after].1.is_whitespace();
            if at_break && !(c == '.' && full_stop_continues(text, &chars, i, after)) {
                ends.push(chars.get(after).map_or(text.len(), |&(at, _)| at));
                i = after;
                continue;
            }
        }
        i += 1;
    }
    ends.push(text.len());
    ends
}

/// True when the full stop at `dot` belongs to a title or an abbreviation
/// rather than ending the sentence.
fn full_stop_continues(text: &str, chars: &[(usize, char)], dot: usize, after: usize) -> bool {
    let word_start = chars[..dot]
        .iter()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(chars[dot].0, |&(at, _)| at);
    let before = text[word_start..chars[dot].0].to_lowercase();
    if TITLES.contains(&before.as_str()) {
        return true;
    }
    let next = chars[after..].iter().find(|(_, c)| !c.is_whitespace());
    matches!(next, Some((_, c)) if c.is_lowercase())
}

/// All the words in a text, in order. Web addresses and email addresses are
/// skipped: they are not words a reader reads, and their parts would look
/// like jargon or acronyms.
fn words(text: &str) -> Vec<Word<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(at, _)| at);
    let mut words = Vec::new();
    let mut i = 0;
    let mut joined = false;
    while i < chars.len() {
        let c = chars[i].1;
        if (i == 0 || chars[i - 1].1.is_whitespace()) && is_address(&text[chars[i].0..]) {
            while i < chars.len() && !chars[i].1.is_whitespace() {
                i += 1;
            }
            continue;
        }
        if !c.is_alphanumeric() {
            i += 1;
            joined = false;
            continue;
        }
        let start = i;
        i += 1;
        while i < chars.len() {
            let c = chars[i].1;
            let next_is_letter = chars.get(i + 1).is_some_and(|(_, n)| n.is_alphanumeric());
            let prev_is_digit = chars[i - 1].1.is_ascii_digit();
            let next_is_digit = chars.get(i + 1).is_some_and(|(_, n)| n.is_ascii_digit());
            // Keep "don't" and "council's" whole, and numbers like "2.5"
            // and "1,000".
            let inside_word = (matches!(c, '\'' | '’') && next_is_letter)
                || (matches!(c, '.' | ',') && prev_is_digit && next_is_digit);
            if c.is_alphanumeric() || inside_word {
                i += 1;
            } else {
                break;
            }
        }
        words.push(Word {
            text: &text[byte_at(start)..byte_at(i)],
            start: byte_at(start),
            end: byte_at(i),
            joined,
        });
        // A hyphen between two words joins them into one.
        joined = i + 1 < chars.len()
            && matches!(chars[i].1, '-' | '‐')
            && chars[i + 1].1.is_alphanumeric();
        if joined {
            i += 1;
        }
    }
    words
}

/// True when the text starts with a web or email address.
fn is_address(rest: &str) -> bool {
    let chunk = rest
        .split(char::is_whitespace)
        .next()
        .unwrap_or_default()
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    chunk.contains("://")
        || chunk.to_lowercase().starts_with("www.")
        || (chunk.contains('@') && chunk.contains('.'))
}

/// Estimates the syllables in a word by rule: each group of vowels is one,
/// less a silent final "e" ("care"), and "-ed" or "-es" when they add no
/// sound ("used", "makes"). An acronym is read letter by letter and a number
/// counts one per digit, up to four.
pub(super) fn syllables(word: &str) -> usize {
    let letters: Vec<char> = word
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    if letters.is_empty() {
        let digits = word.chars().filter(char::is_ascii_digit).count();
        return digits.clamp(1, 4);
    }
    let is_acronym = letters.len() > 1
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    if is_acronym {
        return letters.len();
    }
    let is_vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut count = 0;
    let mut after_vowel = false;
    for &c in &letters {
        let vowel = is_vowel(c);
        if vowel && !after_vowel {
            count += 1;
        }
        after_vowel = vowel;
    }
    if count > 1 && silent_ending(&letters, is_vowel) {
        count -= 1;
    }
    count.max(1)
}

/// True when the word ends in a vowel group that is not sounded: "make",
/// "used", "makes" (but not "people", "needed" or "places").
fn silent_ending(letters: &[char], is_vowel: impl Fn(char) -> bool) -> bool {
    let n = letters.len();
    let before = |k: usize| {
        if n > k {
            Some(letters[n - 1 - k])
        } else {
            None
        }
    };
    match (before(1), before(0)) {
        (Some('e'), Some('d')) => {
            before(2).is_some_and(|c| !is_vowel(c) && !matches!(c, 't' | 'd'))
        }
        (Some('e'), Some('s')) => {
            let stem_end = before(2);
            let sounded = matches!(stem_end, Some('s' | 'x' | 'z' | 'c' | 'g'))
                || (stem_end == Some('h') && matches!(before(3), Some('c' | 's')));
            stem_end.is_some_and(|c| !is_vowel(c)) && !sounded
        }
        (Some('l'), Some('e')) => before(2).is_some_and(&is_vowel),
        (Some(c), Some('e')) => c != 'e',
        _ => false,
    }
}
