//! Importing a council's register spreadsheet: upload, confirm the columns,
//! preview every row with its problems, import the good rows, and give back
//! the rejected ones with reasons. Rows whose email or phone is already on
//! the register are skipped, so importing a file twice adds nobody twice.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use coproduce_domain::dates::parse_uk_date;
use coproduce_domain::person::{
    AccessNeed, ContactMethod, ExperienceArea, ExperienceType, Format, Profile, Recognition,
    Source, Status, parse_free_text, parse_person_name, parse_postcode,
};
use coproduce_domain::phone::Phone;
use coproduce_domain::{Action, Actor, Email, PersonId};
use coproduce_store::{AuditEvent, NewPersonRecord, StatusChange, StoreError};
use serde::{Deserialize, Serialize};

use crate::import::{self, Field, MappedRow, Table};
use crate::people::Lists;
use crate::staff::check;
use crate::{Result, ServiceError, Services, clock};

/// An import in progress.
pub struct Batch {
    pub id: i64,
    pub file_name: String,
    pub table: Table,
    pub mapping: Vec<Field>,
    pub outcome: Option<Outcome>,
}

/// What an import did.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Outcome {
    pub imported: usize,
    pub already_on_register: usize,
    /// Row number, reasons, and the row's cells as in the file.
    pub rejected: Vec<(usize, Vec<String>, Vec<String>)>,
}

/// One row of the preview.
pub enum RowCheck {
    Ready(Box<Imported>),
    /// The same email or phone is already on the register.
    AlreadyOnRegister {
        name: String,
    },
    Rejected(Vec<String>),
}

/// A row that can be imported.
pub struct Imported {
    pub profile: Profile,
    pub status: Status,
    pub last_involved: Option<String>,
    pub notes: Option<String>,
}

/// Reads an uploaded file and keeps it as a new import, with the columns
/// guessed. Returns the import's id.
pub async fn upload(
    services: &Services,
    actor: &Actor,
    file_name: &str,
    bytes: &[u8],
) -> Result<i64> {
    check(actor.may(Action::ExportPeople))?;
    let table = import::read_table(file_name, bytes)
        .map_err(|e| ServiceError::field("file", e.to_string()))?;
    let mapping: Vec<&str> = import::guess_mapping(&table.headers)
        .into_iter()
        .map(Field::key)
        .collect();
    let table_json =
        serde_json::to_string(&table).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let mapping_json =
        serde_json::to_string(&mapping).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    let id = tx
        .insert_import_batch(
            actor.organisation_id,
            actor.user_id,
            file_name,
            &table_json,
            &mapping_json,
            now,
        )
        .await?;
    tx.audit(
        AuditEvent {
            actor: Some(actor.user_id),
            actor_label: "",
            organisation: Some(actor.organisation_id),
            action: "import.upload",
            record_type: "import",
            record_id: Some(id),
            detail: &format!(
                "Uploaded a spreadsheet of {} rows to import",
                table.rows.len()
            ),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// An import of the actor's organisation.
pub async fn batch(services: &Services, actor: &Actor, id: i64) -> Result<Batch> {
    check(actor.may(Action::ExportPeople))?;
    let stored = match services.store.import_batch(id).await {
        Ok(stored) => stored,
        Err(StoreError::NotFound) => return Err(ServiceError::NotFound),
        Err(error) => return Err(error.into()),
    };
    check(actor.may_on(
        Action::ExportPeople,
        coproduce_domain::OrganisationId(stored.organisation_id),
    ))?;
    let corrupt = |e: serde_json::Error| {
        ServiceError::Internal(format!("a stored import is not readable: {e}"))
    };
    let table: Table = serde_json::from_str(&stored.table_json).map_err(corrupt)?;
    let keys: Vec<String> = match &stored.mapping_json {
        Some(json) => serde_json::from_str(json).map_err(corrupt)?,
        None => Vec::new(),
    };
    let mapping = keys
        .iter()
        .map(|k| Field::from_key(k).unwrap_or(Field::Ignore))
        .collect();
    let outcome = match &stored.result_json {
        Some(json) => Some(serde_json::from_str(json).map_err(corrupt)?),
        None => None,
    };
    Ok(Batch {
        id: stored.id,
        file_name: stored.file_name,
        table,
        mapping,
        outcome,
    })
}

/// Saves the columns the officer confirmed: one field key per column.
pub async fn set_mapping(
    services: &Services,
    actor: &Actor,
    id: i64,
    keys: &[String],
) -> Result<()> {
    let batch = batch(services, actor, id).await?;
    if batch.outcome.is_some() {
        return Err(ServiceError::field(
            "mapping",
            "This file has already been imported",
        ));
    }
    if keys.len() != batch.table.headers.len() {
        return Err(ServiceError::field(
            "mapping",
            "Choose what each column holds",
        ));
    }
    let fields: Vec<Field> = keys
        .iter()
        .map(|k| Field::from_key(k).unwrap_or(Field::Ignore))
        .collect();
    let mut problems = Vec::new();
    if !fields.contains(&Field::Name) {
        problems.push((
            "mapping",
            "Choose the column that holds people's names".to_owned(),
        ));
    }
    if ![Field::Email, Field::Phone, Field::Address]
        .iter()
        .any(|f| fields.contains(f))
    {
        problems.push((
            "mapping",
            "Choose a column with email addresses, phone numbers or addresses".to_owned(),
        ));
    }
    if !problems.is_empty() {
        return Err(ServiceError::Invalid(problems));
    }
    let keys: Vec<&str> = fields.iter().map(|f| f.key()).collect();
    let json = serde_json::to_string(&keys).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let mut tx = services.store.begin().await?;
    tx.set_import_mapping(id, &json).await?;
    tx.commit().await?;
    Ok(())
}

/// Checks every row, as the import would.
pub async fn preview(
    services: &Services,
    actor: &Actor,
    batch: &Batch,
) -> Result<Vec<(usize, RowCheck)>> {
    let lists = Lists::load(services).await?;
    let rows = import::apply_mapping(&batch.table, &batch.mapping);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut checks = Vec::with_capacity(rows.len());
    for row in rows {
        let check = match person_from_row(&row, &lists) {
            Err(reasons) => RowCheck::Rejected(reasons),
            Ok(imported) => {
                let keys = contact_keys(&imported.profile);
                if let Some(first) = keys.iter().find_map(|k| seen.get(k)) {
                    RowCheck::Rejected(vec![format!(
                        "Same email address or phone number as row {first}"
                    )])
                } else {
                    for key in keys {
                        seen.insert(key, row.line);
                    }
                    let existing = services
                        .store
                        .find_person_by_contact(
                            actor.organisation_id,
                            imported.profile.email.as_ref(),
                            imported.profile.phone.as_ref(),
                        )
                        .await?;
                    match existing {
                        Some(_) => RowCheck::AlreadyOnRegister {
                            name: imported.profile.name.clone(),
                        },
                        None => RowCheck::Ready(Box::new(imported)),
                    }
                }
            }
        };
        checks.push((row.line, check));
    }
    Ok(checks)
}

fn contact_keys(profile: &Profile) -> Vec<String> {
    let mut keys = Vec::new();
    if let Some(email) = &profile.email {
        keys.push(format!("email:{email}"));
    }
    if let Some(phone) = &profile.phone {
        keys.push(format!("phone:{}", phone.digits()));
    }
    keys
}

/// Imports the good rows, once. Rows already on the register are skipped.
pub async fn run(services: &Services, actor: &Actor, id: i64) -> Result<Outcome> {
    let batch = batch(services, actor, id).await?;
    if let Some(outcome) = batch.outcome {
        return Ok(outcome);
    }
    let checks = preview(services, actor, &batch).await?;
    let cells: BTreeMap<usize, Vec<String>> = batch
        .table
        .rows
        .iter()
        .map(|r| (r.line, r.cells.clone()))
        .collect();
    let now = clock::now();
    let today = clock::today();
    let mut outcome = Outcome::default();
    let mut tx = services.store.begin().await?;
    for (line, check) in checks {
        match check {
            RowCheck::Rejected(reasons) => {
                outcome.rejected.push((
                    line,
                    reasons,
                    cells.get(&line).cloned().unwrap_or_default(),
                ));
            }
            RowCheck::AlreadyOnRegister { .. } => outcome.already_on_register += 1,
            RowCheck::Ready(imported) => {
                let person = tx
                    .insert_person(
                        NewPersonRecord {
                            organisation: actor.organisation_id,
                            profile: &imported.profile,
                            status: imported.status,
                            source: Source::Import,
                            entered_by: None,
                            last_involved_on: imported.last_involved.as_deref(),
                        },
                        now,
                    )
                    .await?;
                record_import(
                    &mut tx,
                    actor,
                    person,
                    &imported,
                    &batch.file_name,
                    &today,
                    now,
                )
                .await?;
                outcome.imported += 1;
            }
        }
    }
    let json =
        serde_json::to_string(&outcome).map_err(|e| ServiceError::Internal(e.to_string()))?;
    if !tx.finish_import(id, &json, now).await? {
        // Another request imported it first: this one changes nothing.
        return Err(ServiceError::field(
            "mapping",
            "This file has already been imported",
        ));
    }
    tx.audit(
        AuditEvent {
            actor: Some(actor.user_id),
            actor_label: "",
            organisation: Some(actor.organisation_id),
            action: "import.run",
            record_type: "import",
            record_id: Some(id),
            detail: &format!(
                "Imported {} people; {} already on the register; {} rows rejected",
                outcome.imported,
                outcome.already_on_register,
                outcome.rejected.len()
            ),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(outcome)
}

async fn record_import(
    tx: &mut coproduce_store::Tx,
    actor: &Actor,
    person: PersonId,
    imported: &Imported,
    file_name: &str,
    today: &str,
    now: i64,
) -> Result<()> {
    // Consent was given to the council before Coproduce; the record says so
    // rather than claiming a notice version the person never saw.
    tx.add_consent(
        person,
        "register",
        "import",
        "before Coproduce",
        Some(actor.user_id),
        now,
    )
    .await?;
    tx.add_consent(
        person,
        "contact",
        "import",
        "before Coproduce",
        Some(actor.user_id),
        now,
    )
    .await?;
    let reason = format!("Imported from the spreadsheet {file_name}");
    tx.set_person_status(
        person,
        StatusChange {
            from: None,
            to: imported.status,
            reason: &reason,
            on: today,
            by: Some(actor.user_id),
        },
        now,
    )
    .await?;
    if let Some(notes) = &imported.notes {
        tx.add_person_note(person, Some(actor.user_id), "", notes, now)
            .await?;
    }
    tx.audit(
        AuditEvent {
            actor: Some(actor.user_id),
            actor_label: "",
            organisation: Some(actor.organisation_id),
            action: "person.import",
            record_type: "person",
            record_id: Some(person.0),
            detail: "Added to the register from a spreadsheet",
        },
        now,
    )
    .await?;
    Ok(())
}

/// The rejected rows as a spreadsheet: row number, reasons, then the row.
pub fn rejected_csv(batch: &Batch) -> String {
    let mut headers: Vec<&str> = vec!["Row", "Why it was not imported"];
    headers.extend(batch.table.headers.iter().map(String::as_str));
    let rows: Vec<Vec<String>> = batch
        .outcome
        .iter()
        .flat_map(|o| o.rejected.iter())
        .map(|(line, reasons, cells)| {
            let mut row = vec![line.to_string(), reasons.join("; ")];
            row.extend(cells.iter().cloned());
            row
        })
        .collect();
    import::write_csv(&headers, &rows)
}

/// Splits a cell holding several answers ("Dementia; carers, autism").
fn items(value: &str) -> Vec<String> {
    value
        .split([';', ',', '/', '\n', '|'])
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Sorts the items of a cell into those `known` recognises and those it
/// does not, so that nothing a council wrote is lost.
fn sort_items<T: Ord>(
    cell: Option<&str>,
    known: impl Fn(&str) -> Option<T>,
) -> (BTreeSet<T>, Vec<String>) {
    let mut found = BTreeSet::new();
    let mut unknown = Vec::new();
    for item in cell.map(items).unwrap_or_default() {
        match known(&item) {
            Some(value) => {
                found.insert(value);
            }
            None => unknown.push(item),
        }
    }
    (found, unknown)
}

/// Matches an item to a code list by code, label, or a keyword.
fn matched<T: Copy>(
    item: &str,
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    keywords: &[(&str, T)],
) -> Option<T> {
    let lower = item.to_lowercase();
    all.iter()
        .copied()
        .find(|t| code(*t) == lower || label(*t).to_lowercase() == lower)
        .or_else(|| {
            keywords
                .iter()
                .find(|(word, _)| lower.contains(word))
                .map(|(_, t)| *t)
        })
}

fn vocabulary_match(item: &str, list: &[(String, String)]) -> Option<String> {
    let lower = item.to_lowercase();
    list.iter()
        .find(|(slug, label)| {
            *slug == lower || label.to_lowercase() == lower || slug.replace('-', " ") == lower
        })
        .map(|(slug, _)| slug.clone())
}

const EXPERIENCE_WORDS: &[(&str, ExperienceType)] = &[
    ("carer", ExperienceType::UnpaidCarer),
    ("caring", ExperienceType::UnpaidCarer),
    ("family", ExperienceType::FamilyMember),
    ("parent", ExperienceType::FamilyMember),
    ("relative", ExperienceType::FamilyMember),
    ("interest", ExperienceType::Interested),
    ("service user", ExperienceType::DrawsOnCare),
    ("lived", ExperienceType::DrawsOnCare),
    ("draws", ExperienceType::DrawsOnCare),
    ("receives", ExperienceType::DrawsOnCare),
    ("uses", ExperienceType::DrawsOnCare),
];

const AREA_WORDS: &[(&str, ExperienceArea)] = &[
    ("learning", ExperienceArea::LearningDisability),
    ("autis", ExperienceArea::Autism),
    ("mental", ExperienceArea::MentalHealth),
    ("dementia", ExperienceArea::Dementia),
    ("physical", ExperienceArea::PhysicalDisability),
    ("wheelchair", ExperienceArea::PhysicalDisability),
    ("sight", ExperienceArea::SensoryLoss),
    ("hearing", ExperienceArea::SensoryLoss),
    ("deaf", ExperienceArea::SensoryLoss),
    ("blind", ExperienceArea::SensoryLoss),
    ("sensory", ExperienceArea::SensoryLoss),
    ("older", ExperienceArea::OlderPeople),
    ("ageing", ExperienceArea::OlderPeople),
    ("carer", ExperienceArea::Carers),
    ("caring", ExperienceArea::Carers),
    ("drug", ExperienceArea::SubstanceUse),
    ("alcohol", ExperienceArea::SubstanceUse),
    ("substance", ExperienceArea::SubstanceUse),
    ("homeless", ExperienceArea::Homelessness),
];

const ACCESS_WORDS: &[(&str, AccessNeed)] = &[
    ("step", AccessNeed::StepFree),
    ("wheelchair", AccessNeed::StepFree),
    ("lift", AccessNeed::StepFree),
    ("loop", AccessNeed::HearingLoop),
    ("interpreter", AccessNeed::BslInterpreter),
    ("bsl", AccessNeed::BslInterpreter),
    ("sign language", AccessNeed::BslInterpreter),
    ("support worker", AccessNeed::SupportWorker),
    ("personal assistant", AccessNeed::SupportWorker),
    ("break", AccessNeed::Breaks),
    ("quiet", AccessNeed::QuietRoom),
    ("advance", AccessNeed::PapersInAdvance),
    ("papers", AccessNeed::PapersInAdvance),
    ("travel", AccessNeed::TravelHelp),
    ("taxi", AccessNeed::TravelHelp),
    ("transport", AccessNeed::TravelHelp),
    ("online", AccessNeed::OnlineOnly),
];

const FORMAT_WORDS: &[(&str, Format)] = &[
    ("easy", Format::EasyRead),
    ("large", Format::LargePrint),
    ("big print", Format::LargePrint),
    ("audio", Format::Audio),
    ("bsl", Format::Bsl),
    ("sign", Format::Bsl),
    ("plain text", Format::PlainTextEmail),
];

fn recognition_of(value: &str) -> Option<Recognition> {
    let lower = value.to_lowercase();
    let words: &[(&str, Recognition)] = &[
        ("voucher", Recognition::Vouchers),
        ("volunt", Recognition::Volunteer),
        ("unpaid", Recognition::Volunteer),
        ("no payment", Recognition::Volunteer),
        ("paid", Recognition::Paid),
        ("payment", Recognition::Paid),
        ("fee", Recognition::Paid),
        ("not sure", Recognition::NotSure),
        ("unsure", Recognition::NotSure),
    ];
    matched(
        value,
        Recognition::ALL,
        Recognition::as_str,
        Recognition::label,
        &[],
    )
    .or_else(|| {
        words
            .iter()
            .find(|(w, _)| lower.contains(w))
            .map(|(_, r)| *r)
    })
}

fn status_of(value: &str) -> Option<Status> {
    let lower = value.trim().to_lowercase();
    if lower.is_empty() {
        return Some(Status::Active);
    }
    let words: &[(&str, Status)] = &[
        ("inactive", Status::Paused),
        ("pause", Status::Paused),
        ("hold", Status::Paused),
        ("break", Status::Paused),
        ("left", Status::Left),
        ("leaver", Status::Left),
        ("removed", Status::Left),
        ("no longer", Status::Left),
        ("active", Status::Active),
        ("current", Status::Active),
        ("member", Status::Active),
        ("yes", Status::Active),
        ("enquir", Status::Enquiry),
        ("new", Status::Enquiry),
        ("contacted", Status::Contacted),
        ("induction", Status::Onboarding),
        ("onboard", Status::Onboarding),
        ("starting", Status::Onboarding),
    ];
    matched(value, Status::ALL, Status::as_str, Status::label, &[]).or_else(|| {
        words
            .iter()
            .find(|(w, _)| lower.contains(w))
            .map(|(_, s)| *s)
    })
}

/// Turns one spreadsheet row into a person, or says why it cannot.
/// Answers that do not fit a list are kept as text (in notes or the
/// "something else" answers) rather than lost.
pub fn person_from_row(
    row: &MappedRow,
    lists: &Lists,
) -> std::result::Result<Imported, Vec<String>> {
    let get = |field: Field| {
        row.values
            .get(&field)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    };
    let mut reasons = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let mut profile = Profile::default();

    match get(Field::Name).map(parse_person_name) {
        None => reasons.push("No name".to_owned()),
        Some(Err(e)) => reasons.push(e.message),
        Some(Ok(name)) => profile.name = name,
    }
    if let Some(email) = get(Field::Email) {
        match Email::parse(email) {
            Ok(email) => profile.email = Some(email),
            Err(_) => reasons.push(format!("Email address not valid: {email}")),
        }
    }
    if let Some(phone) = get(Field::Phone) {
        match Phone::parse(phone) {
            Ok(phone) => profile.phone = Some(phone),
            Err(_) => reasons.push(format!("Phone number not understood: {phone}")),
        }
    }
    if let Some(address) = get(Field::Address) {
        profile.address = parse_free_text(address, 500, "Address")
            .map_err(|e| reasons.push(e.message))
            .ok()
            .flatten();
    }
    if let Some(postcode) = get(Field::Postcode) {
        match parse_postcode(postcode) {
            Ok(postcode) => profile.postcode = Some(postcode),
            Err(_) => reasons.push(format!("Postcode not valid: {postcode}")),
        }
    }
    if profile.email.is_some() {
        profile.contact_methods.insert(ContactMethod::Email);
    }
    if profile.phone.is_some() {
        profile.contact_methods.insert(ContactMethod::Phone);
    }
    if profile.address.is_some() {
        profile.contact_methods.insert(ContactMethod::Post);
    }
    if profile.contact_methods.is_empty()
        && reasons
            .iter()
            .all(|r| !r.contains("not valid") && !r.contains("not understood"))
    {
        reasons
            .push("No way to contact them: no email address, phone number or address".to_owned());
    }
    let (localities, unknown) = sort_items(get(Field::Locality), |i| {
        vocabulary_match(i, &lists.localities)
    });
    profile.localities = localities;
    reasons.extend(unknown.iter().map(|i| format!("Unknown locality: {i}")));
    let (kinds, unknown) = sort_items(get(Field::ExperienceType), |i| {
        matched(
            i,
            ExperienceType::ALL,
            ExperienceType::as_str,
            ExperienceType::label,
            EXPERIENCE_WORDS,
        )
    });
    profile.experience_types = kinds;
    notes.extend(unknown.iter().map(|i| format!("Experience: {i}")));
    let (areas, unknown) = sort_items(get(Field::ExperienceAreas), |i| {
        matched(
            i,
            ExperienceArea::ALL,
            ExperienceArea::as_str,
            ExperienceArea::label,
            AREA_WORDS,
        )
    });
    profile.experience_areas = areas;
    if !unknown.is_empty() {
        profile.experience_areas.insert(ExperienceArea::Other);
        profile.experience_other = Some(truncate(&unknown.join(", "), 200));
    }
    let (topics, unknown) = sort_items(get(Field::Topics), |i| vocabulary_match(i, &lists.topics));
    profile.topics = topics;
    notes.extend(unknown.iter().map(|i| format!("Topic: {i}")));
    let (needs, unknown) = sort_items(get(Field::AccessNeeds), |i| {
        matched(
            i,
            AccessNeed::ALL,
            AccessNeed::as_str,
            AccessNeed::label,
            ACCESS_WORDS,
        )
    });
    profile.access_needs = needs;
    if !unknown.is_empty() {
        profile.access_needs.insert(AccessNeed::Other);
        profile.access_other = Some(truncate(&unknown.join(", "), 1000));
    }
    let (formats, unknown) = sort_items(get(Field::Formats), |i| {
        matched(i, Format::ALL, Format::as_str, Format::label, FORMAT_WORDS)
    });
    profile.formats = formats;
    notes.extend(unknown.iter().map(|i| format!("Format: {i}")));
    if let Some(value) = get(Field::Recognition) {
        match recognition_of(value) {
            Some(recognition) => profile.recognition = Some(recognition),
            None => notes.push(format!("How they are thanked: {value}")),
        }
    }
    let status = match status_of(get(Field::Status).unwrap_or("")) {
        Some(status) => status,
        None => {
            reasons.push(format!(
                "Status not understood: {}",
                get(Field::Status).unwrap_or("")
            ));
            Status::Active
        }
    };
    let last_involved = match get(Field::LastInvolved) {
        None => None,
        Some(value) => match parse_uk_date(value) {
            Ok(date) => Some(date.to_iso()),
            Err(_) => {
                reasons.push(format!("Date not understood: {value}"));
                None
            }
        },
    };
    if let Some(text) = get(Field::Notes) {
        notes.push(text.to_owned());
    }
    if !reasons.is_empty() {
        return Err(reasons);
    }
    Ok(Imported {
        profile,
        status,
        last_involved,
        notes: (!notes.is_empty()).then(|| truncate(&notes.join("\n"), 5000)),
    })
}

fn truncate(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// The distinct problems in a preview, with how many rows have each.
pub fn problem_counts(checks: &[(usize, RowCheck)]) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (_, check) in checks {
        if let RowCheck::Rejected(reasons) = check {
            let kinds: BTreeSet<String> = reasons
                .iter()
                .map(|r| r.split(':').next().unwrap_or(r).to_owned())
                .collect();
            for kind in kinds {
                *counts.entry(kind).or_default() += 1;
            }
        }
    }
    counts.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists() -> Lists {
        Lists {
            topics: vec![("housing".into(), "Housing and living independently".into())],
            localities: vec![
                ("ashby-vale".into(), "Ashby Vale".into()),
                ("dunmere".into(), "Dunmere".into()),
            ],
        }
    }

    fn row(values: &[(Field, &str)]) -> MappedRow {
        MappedRow {
            line: 2,
            values: values.iter().map(|(f, v)| (*f, (*v).to_owned())).collect(),
        }
    }

    #[test]
    fn good_rows_become_people() {
        let imported = person_from_row(
            &row(&[
                (Field::Name, "Ann Example"),
                (Field::Phone, "7700900123"),
                (Field::Locality, "ashby vale"),
                (Field::ExperienceType, "Carer"),
                (Field::ExperienceAreas, "Dementia; knitting circles"),
                (Field::AccessNeeds, "Wheelchair user, needs a hoist"),
                (Field::Recognition, "Vouchers please"),
                (Field::Status, "Inactive"),
                (Field::LastInvolved, "31 Jan 2025"),
            ]),
            &lists(),
        )
        .expect("a good row");
        let p = &imported.profile;
        assert_eq!(p.phone.as_ref().map(Phone::as_str), Some("07700 900123"));
        assert!(p.contact_methods.contains(&ContactMethod::Phone));
        assert!(p.localities.contains("ashby-vale"));
        assert!(p.experience_types.contains(&ExperienceType::UnpaidCarer));
        assert!(p.experience_areas.contains(&ExperienceArea::Dementia));
        assert_eq!(p.experience_other.as_deref(), Some("knitting circles"));
        assert!(p.access_needs.contains(&AccessNeed::StepFree));
        assert_eq!(p.access_other.as_deref(), Some("needs a hoist"));
        assert_eq!(p.recognition, Some(Recognition::Vouchers));
        assert_eq!(imported.status, Status::Paused);
        assert_eq!(imported.last_involved.as_deref(), Some("2025-01-31"));
    }

    #[test]
    fn bad_rows_say_why() {
        let check = |values: &[(Field, &str)], expected: &str| {
            let reasons = person_from_row(&row(values), &lists())
                .err()
                .unwrap_or_default();
            assert!(
                reasons.iter().any(|r| r.contains(expected)),
                "{values:?}: {reasons:?}"
            );
        };
        check(&[(Field::Email, "a@example.com")], "No name");
        check(
            &[(Field::Name, "A"), (Field::Email, "not an email")],
            "Email address not valid",
        );
        check(
            &[(Field::Name, "A"), (Field::Phone, "12345")],
            "Phone number not understood",
        );
        check(&[(Field::Name, "A")], "No way to contact them");
        check(
            &[
                (Field::Name, "A"),
                (Field::Email, "a@example.com"),
                (Field::Locality, "Atlantis"),
            ],
            "Unknown locality",
        );
        check(
            &[
                (Field::Name, "A"),
                (Field::Email, "a@example.com"),
                (Field::LastInvolved, "yesterday"),
            ],
            "Date not understood",
        );
        check(
            &[
                (Field::Name, "A"),
                (Field::Email, "a@example.com"),
                (Field::Status, "gone fishing"),
            ],
            "Status not understood",
        );
    }
}
