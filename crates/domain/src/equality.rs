//! Equality monitoring: optional questions, answered after applying, kept
//! apart from the person's record and reported only as totals. The
//! groupings follow the ones national statistics use, in plain words.

/// One question: the stored column, the question, and its answers.
pub struct Question {
    pub column: &'static str,
    pub text: &'static str,
    pub answers: &'static [(&'static str, &'static str)],
}

/// The answer every question has.
pub const PREFER_NOT_TO_SAY: (&str, &str) = ("prefer_not", "Prefer not to say");

pub const QUESTIONS: [Question; 7] = [
    Question {
        column: "age_band",
        text: "How old are you?",
        answers: &[
            ("under_25", "Under 25"),
            ("25_34", "25 to 34"),
            ("35_44", "35 to 44"),
            ("45_54", "45 to 54"),
            ("55_64", "55 to 64"),
            ("65_74", "65 to 74"),
            ("75_84", "75 to 84"),
            ("85_over", "85 or over"),
            PREFER_NOT_TO_SAY,
        ],
    },
    Question {
        column: "sex",
        text: "What is your sex?",
        answers: &[("female", "Female"), ("male", "Male"), PREFER_NOT_TO_SAY],
    },
    Question {
        column: "gender_identity",
        text: "Is the gender you identify with the same as your sex registered at birth?",
        answers: &[("yes", "Yes"), ("no", "No"), PREFER_NOT_TO_SAY],
    },
    Question {
        column: "ethnicity",
        text: "What is your ethnic group?",
        answers: &[
            ("asian", "Asian or Asian British"),
            ("black", "Black, Black British, Caribbean or African"),
            ("mixed", "Mixed or multiple ethnic groups"),
            ("white", "White"),
            ("other", "Another ethnic group"),
            PREFER_NOT_TO_SAY,
        ],
    },
    Question {
        column: "disability",
        text: "Do you have a health condition or disability that limits what you can do day to day?",
        answers: &[
            ("yes_a_lot", "Yes, a lot"),
            ("yes_a_little", "Yes, a little"),
            ("no", "No"),
            PREFER_NOT_TO_SAY,
        ],
    },
    Question {
        column: "religion",
        text: "What is your religion or belief?",
        answers: &[
            ("none", "No religion"),
            ("buddhist", "Buddhist"),
            ("christian", "Christian"),
            ("hindu", "Hindu"),
            ("jewish", "Jewish"),
            ("muslim", "Muslim"),
            ("sikh", "Sikh"),
            ("other", "Another religion or belief"),
            PREFER_NOT_TO_SAY,
        ],
    },
    Question {
        column: "sexual_orientation",
        text: "Which of these best describes your sexual orientation?",
        answers: &[
            ("straight", "Straight or heterosexual"),
            ("gay_lesbian", "Gay or lesbian"),
            ("bisexual", "Bisexual"),
            ("other", "Another sexual orientation"),
            PREFER_NOT_TO_SAY,
        ],
    },
];

/// The label of a stored answer.
pub fn answer_label(column: &str, code: &str) -> &'static str {
    QUESTIONS
        .iter()
        .find(|q| q.column == column)
        .and_then(|q| q.answers.iter().find(|(c, _)| *c == code))
        .map_or("Unknown", |(_, label)| *label)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_question_can_be_declined() {
        for question in &super::QUESTIONS {
            assert!(
                question.answers.contains(&super::PREFER_NOT_TO_SAY),
                "{}",
                question.column
            );
        }
    }
}
