//! Excel workbooks (`.xlsx`).
//!
//! Only the first worksheet is read: the first visible one, or the first
//! of all if every worksheet is hidden. Cells become the text a person
//! would expect to see:
//!
//! - whole numbers have no `.0`, so a phone number stored as a number
//!   comes out as its digits (`7700900123`: Excel has already dropped the
//!   leading 0, and `Phone::parse` puts it back);
//! - cells formatted as dates become `dd/mm/yyyy` (any time of day is
//!   dropped; a time on its own becomes `hh:mm`);
//! - true and false become `TRUE` and `FALSE`, as Excel shows them;
//! - error cells such as `#N/A` become blank, since they hold no data;
//! - a formula gives the result Excel saved with it.
//!
//! Cells are read one at a time from the worksheet and only cells with
//! something in them are kept, so a stray formatted cell far down or to
//! the right costs nothing.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{DataRef, Reader, SheetType, SheetVisible, Xlsx, XlsxError};

use super::{ImportError, MAX_COLUMNS, MAX_ROWS, Table, TableBuilder};
use coproduce_domain::dates::Date;

pub(super) fn read(bytes: &[u8]) -> Result<Table, ImportError> {
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(error)?;
    let sheets = workbook.sheets_metadata();
    let worksheets = || sheets.iter().filter(|s| s.typ == SheetType::WorkSheet);
    let Some(sheet) = worksheets()
        .find(|s| s.visible == SheetVisible::Visible)
        .or_else(|| worksheets().next())
    else {
        return Err(ImportError::Empty);
    };
    let name = sheet.name.clone();
    let mut cells = workbook.worksheet_cells_reader(&name).map_err(error)?;

    // Row number (from 0) to its cells with something in them.
    let mut rows: BTreeMap<u32, Vec<(usize, String)>> = BTreeMap::new();
    while let Some(cell) = cells.next_cell().map_err(error)? {
        let text = cell_text(cell.get_value());
        if text.trim().is_empty() {
            continue;
        }
        let (row, column) = cell.get_position();
        let column = usize::try_from(column).unwrap_or(usize::MAX);
        if column >= MAX_COLUMNS {
            return Err(ImportError::TooManyColumns);
        }
        rows.entry(row).or_default().push((column, text));
        // The headings, the rows allowed, and one more to know it is over.
        if rows.len() > MAX_ROWS + 1 {
            return Err(ImportError::TooManyRows);
        }
    }

    let mut builder = TableBuilder::new();
    for (row, row_cells) in rows {
        let width = row_cells
            .iter()
            .map(|(column, _)| column + 1)
            .max()
            .unwrap_or(0);
        let mut texts = vec![String::new(); width];
        for (column, text) in row_cells {
            texts[column] = text;
        }
        let line = usize::try_from(row).unwrap_or(usize::MAX - 1) + 1;
        builder.push(line, texts)?;
    }
    builder.finish()
}

/// The error for a file that starts like an OLE compound file: an
/// encrypted workbook (Excel wraps those in one) or an old `.xls`.
pub(super) fn old_or_locked(bytes: &[u8]) -> ImportError {
    match Xlsx::new(Cursor::new(bytes)) {
        Err(XlsxError::Password) => ImportError::PasswordProtected,
        _ => ImportError::OldExcel,
    }
}

fn error(error: XlsxError) -> ImportError {
    match error {
        XlsxError::Password => ImportError::PasswordProtected,
        other => ImportError::Unreadable {
            detail: format!("xlsx: {other}"),
        },
    }
}

fn cell_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::String(text) => text.clone(),
        DataRef::SharedString(text) => (*text).to_owned(),
        DataRef::Int(number) => number.to_string(),
        DataRef::Float(number) => number_text(*number),
        DataRef::Bool(true) => "TRUE".to_owned(),
        DataRef::Bool(false) => "FALSE".to_owned(),
        DataRef::DateTime(moment) if moment.is_datetime() => {
            let (year, month, day, hour, minute, ..) = moment.to_ymd_hms_milli();
            if moment.as_f64() < 1.0 {
                format!("{hour:02}:{minute:02}")
            } else {
                format!("{day:02}/{month:02}/{year:04}")
            }
        }
        DataRef::DateTime(duration) => number_text(duration.as_f64()),
        DataRef::DateTimeIso(text) => iso_date_text(text),
        DataRef::DurationIso(text) => text.clone(),
        DataRef::Error(_) | DataRef::Empty => String::new(),
    }
}

/// A number as Excel shows it by default: whole numbers without a decimal
/// point, others as short as they can be without changing their value.
fn number_text(number: f64) -> String {
    // Below 2^53 every whole number is exact, and its digits are all
    // meaningful.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if number.fract() == 0.0 && number.abs() < EXACT {
        format!("{number:.0}")
    } else {
        number.to_string()
    }
}

/// `2025-01-31` or `2025-01-31T10:00:00` (how some writers store dates)
/// as `31/01/2025`; anything else as it is.
fn iso_date_text(text: &str) -> String {
    let date = text.get(..10).and_then(|ymd| {
        let mut parts = ymd.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Date::new(year, month, day)
    });
    match date {
        Some(date) => date.to_numeric(),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use rust_xlsxwriter::{
        ExcelDateTime, Format, Formula, Workbook, Worksheet, XlsxError as WriteError,
    };

    use super::super::{Row, read_table};
    use super::*;

    fn workbook_bytes(build: impl FnOnce(&mut Workbook) -> Result<(), WriteError>) -> Vec<u8> {
        let mut workbook = Workbook::new();
        build(&mut workbook).expect("the test workbook can be built");
        workbook
            .save_to_buffer()
            .expect("the test workbook can be saved")
    }

    fn rows(table: &Table) -> Vec<(usize, Vec<&str>)> {
        table
            .rows
            .iter()
            .map(|Row { line, cells }| (*line, cells.iter().map(String::as_str).collect()))
            .collect()
    }

    fn register_sheet(sheet: &mut Worksheet) -> Result<(), WriteError> {
        let date = Format::new().set_num_format("dd/mm/yyyy");
        let phone = Format::new().set_num_format("00000 000000");
        sheet.write_row(
            0,
            0,
            [
                " Full name ",
                "Phone",
                "Last involved",
                "Sessions",
                "Paid",
                "Notes",
            ],
        )?;
        sheet.write(1, 0, "Zoë Bloggs")?;
        sheet.write_number_with_format(1, 1, 7_700_900_123.0, &phone)?;
        sheet.write_datetime_with_format(1, 2, ExcelDateTime::from_ymd(2025, 1, 31)?, &date)?;
        sheet.write(1, 3, 3.0)?;
        sheet.write(1, 4, true)?;
        sheet.write(1, 5, "  Paid £25, “thanks”  ")?;
        // Row 3 is blank but formatted, which must not count.
        sheet.write_blank(2, 0, &date)?;
        sheet.write(3, 0, "Sam Jones")?;
        sheet.write(3, 1, "0161 496 0000")?;
        sheet.write(3, 3, 2.5)?;
        sheet.write(3, 7, "past the headings")?;
        sheet.write(4, 0, "Kim")?;
        sheet.write_datetime_with_format(4, 2, ExcelDateTime::from_ymd(1999, 12, 1)?, &date)?;
        Ok(())
    }

    #[test]
    fn reads_the_first_worksheet() {
        let bytes = workbook_bytes(|workbook| {
            register_sheet(workbook.add_worksheet())?;
            workbook.add_worksheet().write(0, 0, "Another sheet")?;
            Ok(())
        });
        let table = read_table("register.xlsx", &bytes).expect("the workbook is readable");
        assert_eq!(
            table.headers,
            [
                "Full name",
                "Phone",
                "Last involved",
                "Sessions",
                "Paid",
                "Notes"
            ]
        );
        assert_eq!(
            rows(&table),
            [
                (
                    2,
                    vec![
                        "Zoë Bloggs",
                        "7700900123",
                        "31/01/2025",
                        "3",
                        "TRUE",
                        "Paid £25, “thanks”"
                    ]
                ),
                (
                    4,
                    vec![
                        "Sam Jones",
                        "0161 496 0000",
                        "",
                        "2.5",
                        "",
                        "",
                        "",
                        "past the headings"
                    ]
                ),
                (5, vec!["Kim", "", "01/12/1999", "", "", ""]),
            ]
        );
        let phone = coproduce_domain::phone::Phone::parse(&table.rows[0].cells[1])
            .expect("the phone parser restores the 0");
        assert_eq!(phone.as_str(), "07700 900123");
    }

    #[test]
    fn sniffs_a_workbook_whatever_its_name() {
        let bytes = workbook_bytes(|workbook| register_sheet(workbook.add_worksheet()));
        for name in ["register.csv", "register", "REGISTER.XLSX", "register.xlsm"] {
            let table = read_table(name, &bytes).expect("the workbook is readable");
            assert_eq!(table.rows.len(), 3, "{name}");
        }
    }

    #[test]
    fn skips_hidden_worksheets() {
        let bytes = workbook_bytes(|workbook| {
            let lookups = workbook.add_worksheet();
            lookups.write(0, 0, "Lookup")?;
            lookups.write(1, 0, "hidden")?;
            lookups.set_hidden(true);
            let register = workbook.add_worksheet();
            register_sheet(register)?;
            register.set_active(true);
            Ok(())
        });
        let table = read_table("register.xlsx", &bytes).expect("the workbook is readable");
        assert_eq!(table.headers[0], "Full name");
    }

    #[test]
    fn headings_need_not_be_on_the_first_row() {
        let bytes = workbook_bytes(|workbook| {
            let sheet = workbook.add_worksheet();
            sheet.write(2, 1, "Name")?;
            sheet.write(2, 2, "Email")?;
            sheet.write(3, 1, "Jo")?;
            sheet.write(3, 2, "jo@example.org")?;
            Ok(())
        });
        let table = read_table("register.xlsx", &bytes).expect("the workbook is readable");
        assert_eq!(table.headers, ["", "Name", "Email"]);
        assert_eq!(rows(&table), [(4, vec!["", "Jo", "jo@example.org"])]);
    }

    #[test]
    fn formulas_give_their_last_result() {
        let bytes = workbook_bytes(|workbook| {
            let sheet = workbook.add_worksheet();
            sheet.write_row(0, 0, ["Name", "Sessions", "Email"])?;
            sheet.write(1, 0, "Jo")?;
            sheet.write_formula(1, 1, Formula::new("=1+2").set_result("3"))?;
            sheet.write_formula(
                1,
                2,
                Formula::new("=LOWER(\"JO@EXAMPLE.ORG\")").set_result("jo@example.org"),
            )?;
            Ok(())
        });
        let table = read_table("register.xlsx", &bytes).expect("the workbook is readable");
        assert_eq!(rows(&table), [(2, vec!["Jo", "3", "jo@example.org"])]);
    }

    #[test]
    fn an_empty_workbook_is_empty() {
        let bytes = workbook_bytes(|workbook| {
            workbook.add_worksheet();
            Ok(())
        });
        assert_eq!(read_table("empty.xlsx", &bytes), Err(ImportError::Empty));
    }

    #[test]
    fn refuses_too_many_rows() {
        let bytes = workbook_bytes(|workbook| {
            let sheet = workbook.add_worksheet();
            sheet.write(0, 0, "Name")?;
            for row in 1..=u32::try_from(MAX_ROWS + 1).unwrap_or(u32::MAX) {
                sheet.write(row, 0, "Someone")?;
            }
            Ok(())
        });
        assert_eq!(
            read_table("big.xlsx", &bytes),
            Err(ImportError::TooManyRows)
        );
    }

    #[test]
    fn refuses_cells_far_to_the_right() {
        let bytes = workbook_bytes(|workbook| {
            let sheet = workbook.add_worksheet();
            sheet.write(0, 0, "Name")?;
            sheet.write(1, 0, "Jo")?;
            sheet.write(1, 16_000, "far away")?;
            Ok(())
        });
        assert_eq!(
            read_table("wide.xlsx", &bytes),
            Err(ImportError::TooManyColumns)
        );
    }

    #[test]
    fn explains_broken_old_and_locked_files() {
        let broken = read_table("register.xlsx", b"PK\x03\x04 not really a zip");
        assert!(
            matches!(broken, Err(ImportError::Unreadable { .. })),
            "{broken:?}"
        );
        let not_a_workbook = read_table("register.xlsx", b"Name,Email\n");
        assert!(
            matches!(not_a_workbook, Err(ImportError::Unreadable { .. })),
            "{not_a_workbook:?}"
        );
        // The start of an OLE compound file, as an old .xls has.
        let mut old = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
        old.resize(2048, 0);
        assert_eq!(read_table("register.xls", &old), Err(ImportError::OldExcel));
    }

    #[test]
    fn shows_numbers_as_excel_does() {
        let cases = [
            (7_700_900_123.0, "7700900123"),
            (0.0, "0"),
            (-3.0, "-3"),
            (42.0, "42"),
            (2.5, "2.5"),
            (0.1, "0.1"),
            (1e20, "100000000000000000000"),
        ];
        for (number, want) in cases {
            assert_eq!(number_text(number), want, "{number}");
        }
    }

    #[test]
    fn shows_iso_dates_the_uk_way() {
        assert_eq!(iso_date_text("2025-01-31"), "31/01/2025");
        assert_eq!(iso_date_text("2025-01-31T10:30:00"), "31/01/2025");
        assert_eq!(iso_date_text("10:30:00"), "10:30:00");
        assert_eq!(iso_date_text("2025-02-31"), "2025-02-31");
    }
}
