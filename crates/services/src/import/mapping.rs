//! Which column holds what, and each row's values by field.
//!
//! [`guess_mapping`] reads the column headings and suggests a [`Field`] for
//! each, from the spellings councils' spreadsheets tend to use. It is a
//! suggestion: the person checks it and can change any column before the
//! import.
//!
//! Several columns may hold the same field. [`apply_mapping`] then puts
//! them together, so nothing in the file is lost:
//!
//! - **Name**: joined with spaces, given names before family names
//!   whatever the columns' order ("First name" and "Surname" give
//!   "Jo Bloggs").
//! - **Address**: joined with commas ("1 High Street, Leeds").
//! - **Free text that can hold several things** (kind of experience, areas
//!   of experience, topics, access needs, formats and notes): joined with
//!   "; ".
//! - **One value only** (email address, phone number, postcode, local
//!   area, payment or recognition, status, date last involved): the first
//!   column with something in it wins. Different values in the other
//!   columns are added to the notes as "Heading: value", so a second phone
//!   number, say, is kept for someone to look at.
//!
//! The same value twice in one field is kept once, and blank values are
//! left out.

use std::collections::BTreeMap;

use super::Table;

/// What a column of an imported register holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Name,
    Email,
    Phone,
    Address,
    Postcode,
    Locality,
    ExperienceType,
    ExperienceAreas,
    Topics,
    AccessNeeds,
    Formats,
    Recognition,
    Status,
    LastInvolved,
    Notes,
    /// The column is not imported.
    Ignore,
}

impl Field {
    /// Every field, in the order to offer them in a list.
    pub const ALL: [Field; 16] = [
        Field::Name,
        Field::Email,
        Field::Phone,
        Field::Address,
        Field::Postcode,
        Field::Locality,
        Field::ExperienceType,
        Field::ExperienceAreas,
        Field::Topics,
        Field::AccessNeeds,
        Field::Formats,
        Field::Recognition,
        Field::Status,
        Field::LastInvolved,
        Field::Notes,
        Field::Ignore,
    ];

    /// The field's name, to show to the person mapping columns.
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "Name",
            Field::Email => "Email address",
            Field::Phone => "Phone number",
            Field::Address => "Address",
            Field::Postcode => "Postcode",
            Field::Locality => "Local area",
            Field::ExperienceType => {
                "Kind of experience (draws on care, unpaid carer, family member)"
            }
            Field::ExperienceAreas => "Areas of care and support they know about",
            Field::Topics => "Topics they are interested in",
            Field::AccessNeeds => "Access needs",
            Field::Formats => "Formats they prefer",
            Field::Recognition => "Payment or volunteering",
            Field::Status => "Status",
            Field::LastInvolved => "Date last involved",
            Field::Notes => "Notes",
            Field::Ignore => "Do not import",
        }
    }

    /// A short name that never changes, for forms and saved mappings.
    pub fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::Address => "address",
            Field::Postcode => "postcode",
            Field::Locality => "locality",
            Field::ExperienceType => "experience_type",
            Field::ExperienceAreas => "experience_areas",
            Field::Topics => "topics",
            Field::AccessNeeds => "access_needs",
            Field::Formats => "formats",
            Field::Recognition => "recognition",
            Field::Status => "status",
            Field::LastInvolved => "last_involved",
            Field::Notes => "notes",
            Field::Ignore => "ignore",
        }
    }

    /// The field with this [`key`](Field::key).
    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|field| field.key() == key)
    }

    fn joining(self) -> Joining {
        match self {
            Field::Name => Joining::Name,
            Field::Address => Joining::With(", "),
            Field::ExperienceType
            | Field::ExperienceAreas
            | Field::Topics
            | Field::AccessNeeds
            | Field::Formats
            | Field::Notes => Joining::With("; "),
            Field::Email
            | Field::Phone
            | Field::Postcode
            | Field::Locality
            | Field::Recognition
            | Field::Status
            | Field::LastInvolved => Joining::FirstOnly,
            Field::Ignore => Joining::Drop,
        }
    }
}

/// How the values of several columns with one field become one value.
enum Joining {
    Name,
    With(&'static str),
    FirstOnly,
    Drop,
}

/// A row's values by field, after [`apply_mapping`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappedRow {
    /// The row's number in the person's spreadsheet (see
    /// [`Row::line`](super::Row::line)).
    pub line: usize,
    /// Each field's value; fields with nothing in them are left out, and
    /// [`Field::Ignore`] never appears.
    pub values: BTreeMap<Field, String>,
}

/// Suggests a field for each heading, in the same order. Headings that fit
/// no field are [`Field::Ignore`].
pub fn guess_mapping(headers: &[String]) -> Vec<Field> {
    headers.iter().map(|header| guess(header)).collect()
}

/// Phrases that suggest a field, tried in this order; a heading takes the
/// first field one of whose phrases appears in it as whole words. The
/// order settles headings that could be two things: "Email address" is an
/// email, not an address, and "Area of interest" a topic, not a place.
const RULES: &[(Field, &[&str])] = &[
    // Headings that mention another field's words but hold something else.
    (
        Field::Ignore,
        &[
            "consent",
            "permission",
            "agreed",
            "happy to",
            "ok to",
            "okay to",
            "contact method",
            "preferred contact",
            "contact preference",
            "contact preferences",
            "how to contact",
            "best way to contact",
            "organisation name",
            "organization name",
            "emergency contact",
            "next of kin",
            "gp",
            "date of birth",
            "dob",
            "user name",
            "username",
            "preferred name",
            "known as",
            "nickname",
            "carer name",
            "carer s name",
            "carers name",
            "name of carer",
            "nhs number",
        ],
    ),
    (
        Field::LastInvolved,
        &[
            "last involved",
            "last involvement",
            "last activity",
            "last active",
            "last contact",
            "last contacted",
            "last engaged",
            "last engagement",
            "last took part",
            "last attended",
            "last meeting",
            "last event",
            "most recent",
            "date last",
        ],
    ),
    (Field::Email, &["email", "e mail", "emails"]),
    (
        Field::Phone,
        &[
            "phone",
            "telephone",
            "tel",
            "mobile",
            "mob",
            "landline",
            "contact number",
            "phone number",
            "phone no",
        ],
    ),
    (
        Field::Postcode,
        &["postcode", "post code", "postal code", "zip", "zip code"],
    ),
    (
        Field::AccessNeeds,
        &[
            "access",
            "accessibility",
            "adjustment",
            "adjustments",
            "needs",
            "requirements",
            "support needs",
        ],
    ),
    (
        Field::Formats,
        &[
            "format",
            "formats",
            "preferred format",
            "easy read",
            "large print",
            "communication",
        ],
    ),
    (
        Field::Recognition,
        &[
            "payment",
            "payments",
            "paid",
            "pay",
            "volunteer",
            "voluntary",
            "recognition",
            "reward",
            "vouchers",
            "voucher",
            "honorarium",
            "remuneration",
        ],
    ),
    (
        Field::ExperienceAreas,
        &[
            "areas of experience",
            "area of experience",
            "experience areas",
            "experience of",
            "services used",
            "service used",
            "services",
            "condition",
            "conditions",
            "disability",
            "disabilities",
            "care and support",
            "support type",
            "type of support",
            "health",
        ],
    ),
    (
        Field::ExperienceType,
        &[
            "lived experience",
            "experience",
            "experience type",
            "type of experience",
            "expert by experience",
            "carer or person",
        ],
    ),
    (
        Field::Topics,
        &[
            "interests",
            "interest",
            "interested in",
            "topics",
            "topic",
            "subjects",
            "themes",
        ],
    ),
    (
        Field::Status,
        &["status", "active", "current", "membership status"],
    ),
    (
        Field::Notes,
        &[
            "notes",
            "note",
            "comments",
            "comment",
            "other info",
            "other information",
            "additional information",
            "further information",
            "more information",
            "anything else",
            "remarks",
            "info",
        ],
    ),
    (
        Field::Address,
        &["address", "street", "address line", "house", "road"],
    ),
    (
        Field::Locality,
        &[
            "area",
            "locality",
            "town",
            "city",
            "district",
            "ward",
            "where they live",
            "where do they live",
            "neighbourhood",
            "neighborhood",
            "village",
            "borough",
            "location",
            "county",
            "region",
        ],
    ),
    (
        Field::Name,
        &[
            "name",
            "names",
            "full name",
            "first name",
            "firstname",
            "forename",
            "forenames",
            "given name",
            "middle name",
            "surname",
            "last name",
            "lastname",
            "family name",
        ],
    ),
];

fn guess(header: &str) -> Field {
    let words = words(header);
    RULES
        .iter()
        .find(|(_, phrases)| phrases.iter().any(|phrase| contains_phrase(&words, phrase)))
        .map_or(Field::Ignore, |(field, _)| *field)
}

/// A heading's words, in lower case, split at anything that is not a
/// letter or a digit ("E-mail" is "e", "mail").
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn contains_phrase(words: &[String], phrase: &str) -> bool {
    let phrase: Vec<&str> = phrase.split(' ').collect();
    words
        .windows(phrase.len())
        .any(|window| window.iter().zip(&phrase).all(|(a, b)| a == b))
}

/// Where a name column goes when names are joined: given names first,
/// family names last, anything else in between.
fn name_order(header: &str) -> u8 {
    let words = words(header);
    let has = |phrase: &str| contains_phrase(&words, phrase);
    if has("first") || has("forename") || has("forenames") || has("given") || has("firstname") {
        0
    } else if has("surname") || has("last name") || has("lastname") || has("family name") {
        2
    } else {
        1
    }
}

/// Turns each row into its values by field, as the module's documentation
/// describes. `mapping[i]` is the field of column `i`; columns past the
/// end of `mapping` are not imported.
pub fn apply_mapping(table: &Table, mapping: &[Field]) -> Vec<MappedRow> {
    // The columns of each field, in the order their values are joined.
    let mut columns: BTreeMap<Field, Vec<usize>> = BTreeMap::new();
    for (column, field) in mapping.iter().enumerate() {
        if *field != Field::Ignore {
            columns.entry(*field).or_default().push(column);
        }
    }
    if let Some(name_columns) = columns.get_mut(&Field::Name) {
        name_columns.sort_by_key(|column| {
            (
                name_order(table.headers.get(*column).map_or("", String::as_str)),
                *column,
            )
        });
    }

    table
        .rows
        .iter()
        .map(|row| {
            let cell = |column: usize| row.cells.get(column).map_or("", String::as_str);
            let mut values = BTreeMap::new();
            let mut overflow = Vec::new();
            for (field, field_columns) in &columns {
                let mut parts: Vec<&str> = Vec::new();
                for column in field_columns {
                    let value = cell(*column);
                    if value.is_empty() || parts.contains(&value) {
                        continue;
                    }
                    match field.joining() {
                        Joining::FirstOnly if !parts.is_empty() => overflow
                            .push((*column, format!("{}: {value}", table.header_label(*column)))),
                        _ => parts.push(value),
                    }
                }
                let joined = match field.joining() {
                    Joining::Name => parts.join(" "),
                    Joining::With(separator) => parts.join(separator),
                    Joining::FirstOnly => parts.concat(),
                    Joining::Drop => String::new(),
                };
                if !joined.is_empty() {
                    values.insert(*field, joined);
                }
            }
            if !overflow.is_empty() {
                // In the columns' order, after the notes columns' own text.
                overflow.sort();
                let notes = values.entry(Field::Notes).or_insert_with(String::new);
                for (_, extra) in overflow {
                    if !notes.is_empty() {
                        notes.push_str("; ");
                    }
                    notes.push_str(&extra);
                }
            }
            MappedRow {
                line: row.line,
                values,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::Row;
    use super::*;

    #[test]
    fn guesses_fields_from_common_headings() {
        let cases = [
            ("Name", Field::Name),
            ("Full name", Field::Name),
            ("FULL NAME", Field::Name),
            ("First name", Field::Name),
            ("Forename(s)", Field::Name),
            ("Surname", Field::Name),
            ("Last name", Field::Name),
            ("Family name", Field::Name),
            ("Email", Field::Email),
            ("E-mail", Field::Email),
            ("Email address", Field::Email),
            ("E-mail Address", Field::Email),
            ("Tel", Field::Phone),
            ("Tel.", Field::Phone),
            ("Phone", Field::Phone),
            ("Mobile", Field::Phone),
            ("Mobile number", Field::Phone),
            ("Telephone number", Field::Phone),
            ("Contact number", Field::Phone),
            ("Address", Field::Address),
            ("Address line 1", Field::Address),
            ("Home address", Field::Address),
            ("Postcode", Field::Postcode),
            ("Post code", Field::Postcode),
            ("Area", Field::Locality),
            ("Locality", Field::Locality),
            ("Town", Field::Locality),
            ("Where they live", Field::Locality),
            ("Town/City", Field::Locality),
            ("Ward", Field::Locality),
            ("Lived experience", Field::ExperienceType),
            ("Experience", Field::ExperienceType),
            ("Type of experience", Field::ExperienceType),
            ("Areas of experience", Field::ExperienceAreas),
            ("Experience of services", Field::ExperienceAreas),
            ("Services used", Field::ExperienceAreas),
            ("Condition(s)", Field::ExperienceAreas),
            ("Interests", Field::Topics),
            ("Topics", Field::Topics),
            ("Areas of interest", Field::Topics),
            ("Access requirements", Field::AccessNeeds),
            ("Access needs", Field::AccessNeeds),
            ("Reasonable adjustments", Field::AccessNeeds),
            ("Needs", Field::AccessNeeds),
            ("Preferred format", Field::Formats),
            ("Easy read?", Field::Formats),
            ("Payment", Field::Recognition),
            ("Paid or volunteer", Field::Recognition),
            ("Recognition", Field::Recognition),
            ("Vouchers?", Field::Recognition),
            ("Status", Field::Status),
            ("Active?", Field::Status),
            ("Last involved", Field::LastInvolved),
            ("Last activity", Field::LastInvolved),
            ("Date of last involvement", Field::LastInvolved),
            ("Last active", Field::LastInvolved),
            ("Notes", Field::Notes),
            ("Comments", Field::Notes),
            ("Other info", Field::Notes),
            ("Any other information", Field::Notes),
            ("ID", Field::Ignore),
            ("Ref", Field::Ignore),
            ("Title", Field::Ignore),
            ("Date of birth", Field::Ignore),
            ("DOB", Field::Ignore),
            ("Gender", Field::Ignore),
            ("Consent to email", Field::Ignore),
            ("Happy to be contacted by phone?", Field::Ignore),
            ("Preferred contact method", Field::Ignore),
            ("Organisation name", Field::Ignore),
            ("Carer's name", Field::Ignore),
            ("Preferred name", Field::Ignore),
            ("", Field::Ignore),
            ("Column1", Field::Ignore),
        ];
        for (heading, want) in cases {
            assert_eq!(guess(heading), want, "heading {heading:?}");
        }
    }

    #[test]
    fn guesses_a_whole_row_of_headings() {
        let headers: Vec<String> = ["First name", "Surname", "E-mail", "Mystery"]
            .iter()
            .map(|h| (*h).to_owned())
            .collect();
        assert_eq!(
            guess_mapping(&headers),
            [Field::Name, Field::Name, Field::Email, Field::Ignore]
        );
    }

    #[test]
    fn keys_and_labels_are_unique_and_round_trip() {
        for field in Field::ALL {
            assert_eq!(Field::from_key(field.key()), Some(field));
            let same_label = Field::ALL
                .iter()
                .filter(|f| f.label() == field.label())
                .count();
            assert_eq!(same_label, 1, "{field:?}");
        }
        assert_eq!(Field::from_key("nonsense"), None);
    }

    fn table(headers: &[&str], rows: &[&[&str]]) -> Table {
        Table {
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            rows: rows
                .iter()
                .zip(2..)
                .map(|(cells, line)| Row {
                    line,
                    cells: cells.iter().map(|c| (*c).to_owned()).collect(),
                })
                .collect(),
        }
    }

    #[track_caller]
    fn check(table: &Table, mapping: &[Field], expected: &[&[(Field, &str)]]) {
        let mapped = apply_mapping(table, mapping);
        let expected: Vec<MappedRow> = expected
            .iter()
            .zip(2..)
            .map(|(values, line)| MappedRow {
                line,
                values: values.iter().map(|(f, v)| (*f, (*v).to_owned())).collect(),
            })
            .collect();
        assert_eq!(mapped, expected);
    }

    #[test]
    fn maps_one_column_to_each_field() {
        let table = table(
            &["Name", "Email", "Ref"],
            &[&["Jo Bloggs", "jo@example.org", "A1"], &["Sam", "", "A2"]],
        );
        check(
            &table,
            &[Field::Name, Field::Email, Field::Ignore],
            &[
                &[(Field::Name, "Jo Bloggs"), (Field::Email, "jo@example.org")],
                &[(Field::Name, "Sam")],
            ],
        );
    }

    #[test]
    fn joins_name_columns_given_names_first() {
        let table = table(
            &["Surname", "First name", "Middle name"],
            &[
                &["Bloggs", "Jo", "Anne"],
                &["Jones", "Sam", ""],
                &["", "Kim", ""],
            ],
        );
        check(
            &table,
            &[Field::Name, Field::Name, Field::Name],
            &[
                &[(Field::Name, "Jo Anne Bloggs")],
                &[(Field::Name, "Sam Jones")],
                &[(Field::Name, "Kim")],
            ],
        );
    }

    #[test]
    fn joins_free_text_and_address_columns() {
        let table = table(
            &[
                "Notes",
                "Address 1",
                "Comments",
                "Address 2",
                "Interests",
                "Topics",
            ],
            &[
                &[
                    "Likes mornings",
                    "1 High Street",
                    "Met at carers' group",
                    "Leeds",
                    "Housing",
                    "Housing",
                ],
                &["", "", "Prefers phone", "", "", "Transport"],
            ],
        );
        check(
            &table,
            &[
                Field::Notes,
                Field::Address,
                Field::Notes,
                Field::Address,
                Field::Topics,
                Field::Topics,
            ],
            &[
                &[
                    (Field::Address, "1 High Street, Leeds"),
                    (Field::Topics, "Housing"),
                    (Field::Notes, "Likes mornings; Met at carers' group"),
                ],
                &[
                    (Field::Topics, "Transport"),
                    (Field::Notes, "Prefers phone"),
                ],
            ],
        );
    }

    #[test]
    fn keeps_extra_single_values_in_the_notes() {
        let table = table(
            &["Phone", "Mobile", "Email", "Work email", "Notes"],
            &[
                &[
                    "0161 496 0000",
                    "07700 900123",
                    "jo@example.org",
                    "jo@work.example",
                    "Tea",
                ],
                &["", "07700 900456", "sam@example.org", "sam@example.org", ""],
            ],
        );
        check(
            &table,
            &[
                Field::Phone,
                Field::Phone,
                Field::Email,
                Field::Email,
                Field::Notes,
            ],
            &[
                &[
                    (Field::Email, "jo@example.org"),
                    (Field::Phone, "0161 496 0000"),
                    (
                        Field::Notes,
                        "Tea; Mobile: 07700 900123; Work email: jo@work.example",
                    ),
                ],
                &[
                    (Field::Email, "sam@example.org"),
                    (Field::Phone, "07700 900456"),
                ],
            ],
        );
    }

    #[test]
    fn copes_with_a_short_mapping_and_unnamed_columns() {
        let table = table(
            &["Phone", ""],
            &[&["0161 496 0000", "07700 900123", "extra"]],
        );
        check(
            &table,
            &[Field::Phone, Field::Phone],
            &[&[
                (Field::Phone, "0161 496 0000"),
                (Field::Notes, "Column B: 07700 900123"),
            ]],
        );
        check(&table, &[], &[&[]]);
    }
}
