"""Reading and checking a participants file in the export's layout, row by row.

Nothing here writes to the database: services.participants_import does, for rows found valid.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import load_workbook

from participants.models import Participation, Person, normalise_document
from participants.pesel import normalise_pesel
from projects.models import Project

from . import codelists as labels
from .layout import (
    BY_KEY,
    COLUMNS,
    DATE,
    HEADERS,
    NUMBER,
    RECORDED_ELSEWHERE,
    SUPPORT_SEPARATOR,
    unneutralise,
)

MAX_ROWS = 10_000
# What an uploaded file may cost before a row is read (a 5 MB upload could unpack to gigabytes):
# checked from the archive's directory and while reading, never trusting the sheet's own
# declared size.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 200
MAX_SHEETS = 20
BLANK_ROWS_ALLOWED = 1000  # empty rows between the data, read and skipped
COLUMNS_READ = 100  # enough to see extra columns and refuse them; none beyond is read
PERSON_FIELDS = ["first_name", "last_name", "pesel", "other_identifier", "sex", "birth_date"]
PARTICIPATION_FIELDS = [
    "start_date", "end_date", "labour_market_status", "unemployment_months", "education",
    "disability", "foreign_origin", "third_country_national", "minority", "homeless",
    "voivodeship", "county", "commune", "town", "postcode", "urbanisation", "phone", "email",
    "situation_at_exit", "path_completed",
]
SUPPORT_ITEM = re.compile(r"^(?P<name>.+) \((?P<date>[^()]*)\)$")


class FileProblem(Exception):
    """The file as a whole cannot be read as a participants file."""


@dataclass
class RowError:
    row: int
    column: str  # the column's header in the file; empty for the row as a whole
    message: str


@dataclass
class ParsedRow:
    number: int
    person: dict = field(default_factory=dict)
    participation: dict = field(default_factory=dict)
    support: list = field(default_factory=list)  # (SupportForm, date)
    errors: list[RowError] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors

    def error(self, key: str, message: str) -> None:
        header = BY_KEY[key].header if key in BY_KEY else ""
        self.errors.append(RowError(self.number, header, str(message)))


@dataclass
class ParsedFile:
    rows: list[ParsedRow]

    @property
    def errors(self) -> list[RowError]:
        return [error for row in self.rows for error in row.errors]

    @property
    def valid_rows(self) -> list[ParsedRow]:
        return [row for row in self.rows if row.valid]

    @property
    def invalid_count(self) -> int:
        return sum(not row.valid for row in self.rows)


# --- Reading --------------------------------------------------------------------------------


def read_table(data: bytes) -> list[tuple[int, list]]:
    """The data rows with their row numbers in the file (the header is row 1)."""
    rows = _xlsx_rows(data) if data.startswith(b"PK\x03\x04") else _csv_rows(data)
    if any(_text(value) for row in rows for value in row[len(COLUMNS):]):
        raise FileProblem(_(
            "The file has more columns than the participants export (%(count)s): remove the "
            "others."
        ) % {"count": len(COLUMNS)})
    rows = [row[: len(COLUMNS)] for row in rows]
    if not rows or [_text(value) for value in rows[0]] != HEADERS:
        raise FileProblem(_(
            "The file does not have the columns of the participants export: "
            "start from a file exported here and keep its header row."
        ))
    numbered = [
        (number, row) for number, row in enumerate(rows[1:], start=2)
        if any(_text(value) for value in row)
    ]
    if len(numbered) > MAX_ROWS:
        raise _too_many_rows()
    return numbered


def _too_many_rows() -> FileProblem:
    return FileProblem(ngettext(
        "The file has more than %(max)s row.", "The file has more than %(max)s rows.", MAX_ROWS,
    ) % {"max": MAX_ROWS})


def _check_archive(data: bytes) -> None:
    """Refuses, from the zip directory alone, a spreadsheet that would unpack too large."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise FileProblem(_("The file is not a readable XLSX spreadsheet.")) from exc
    # The sizes are the directory's word; unpacking stops at them (a lie fails its checksum).
    if (len(members) > MAX_ARCHIVE_MEMBERS
            or sum(member.file_size for member in members) > MAX_UNPACKED_BYTES):
        raise FileProblem(_(
            "The spreadsheet unpacks to more than %(size)s MB: it cannot be a participants "
            "file. Save only the participants sheet and try again."
        ) % {"size": MAX_UNPACKED_BYTES // (1024 * 1024)})


def _xlsx_rows(data: bytes) -> list[list]:
    _check_archive(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise FileProblem(_("The file is not a readable XLSX spreadsheet.")) from exc
    try:
        if len(workbook.sheetnames) > MAX_SHEETS:
            raise FileProblem(_("The spreadsheet has more than %(max)s sheets.") % {
                "max": MAX_SHEETS
            })
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # the size the sheet declares is not believed
        rows = []
        for row in sheet.iter_rows(values_only=True, max_col=COLUMNS_READ):
            rows.append(list(row))
            if len(rows) > MAX_ROWS + 1 + BLANK_ROWS_ALLOWED:
                raise _too_many_rows()
        return rows
    finally:
        workbook.close()


def _csv_rows(data: bytes) -> list[list]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileProblem(
            _("The file is neither an XLSX spreadsheet nor a UTF-8 CSV file.")
        ) from exc
    rows = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=";"):
            rows.append(row[:COLUMNS_READ])
            if len(rows) > MAX_ROWS + 1 + BLANK_ROWS_ALLOWED:
                raise _too_many_rows()
        return rows
    except csv.Error as exc:
        raise FileProblem(_("The CSV file is damaged: %(problem)s") % {"problem": exc}) from exc


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unneutralise(str(value).strip())


# --- Checking -------------------------------------------------------------------------------


def parse_file(data: bytes, project: Project, organisation=None) -> ParsedFile:
    """Every row checked; ``organisation`` is whose records the file's people are matched with
    (the importing user's, see participants.models.recording_organisation; by default the
    project's lead)."""
    support_forms = {form.name: form for form in project.support_forms.all()}
    rows = []
    seen = {}
    for number, values in read_table(data):
        cells = (list(values) + [None] * len(COLUMNS))[: len(COLUMNS)]
        raw = dict(zip([column.key for column in COLUMNS], cells, strict=True))
        row = parse_row(number, raw, project, support_forms)
        key = row.person.get("pesel") or row.person.get("other_identifier")
        if key and key in seen:
            row.error("pesel", _("This person is already in row %(row)s.") % {"row": seen[key]})
        elif key:
            seen[key] = number
        rows.append(row)
    records = known_records(organisation or project.lead_beneficiary, rows)
    for row in rows:
        if row.valid:
            _check_identity(row, records.get(identity_key(row.person)))
    return ParsedFile(rows)


IDENTITY_FIELDS = ["first_name", "last_name", "sex", "birth_date"]


def identity_key(data: dict) -> tuple[str, str]:
    return ("pesel", data["pesel"]) if data["pesel"] else ("document", data["other_identifier"])


def known_records(organisation, rows: list[ParsedRow]) -> dict:
    """The people of the file on record for this organisation, in two queries for any size."""
    known = Person.objects.known_to(organisation)
    pesels = [row.person["pesel"] for row in rows if row.person.get("pesel")]
    documents = [row.person["other_identifier"] for row in rows
                 if not row.person.get("pesel") and row.person.get("other_identifier")]
    records = {}
    for person in known.filter(pesel__in=pesels).order_by("pk") if pesels else []:
        records.setdefault(("pesel", person.pesel), person)
    for person in (known.filter(pesel="", other_identifier__in=documents).order_by("pk")
                   if documents else []):
        records.setdefault(("document", person.other_identifier), person)
    return records


def _check_identity(row: ParsedRow, person) -> None:
    """An import never changes the identity of a person on record: a difference is a conflict
    for the office to settle (on the person's card, or in the file)."""
    data = row.person
    if person is None:
        return
    for name in IDENTITY_FIELDS:
        recorded = getattr(person, name)
        if recorded != data[name]:
            shown = recorded.isoformat() if isinstance(recorded, date) else recorded
            if name == "sex":
                shown = labels.SEX.get(recorded, recorded)
            row.error(name, _(
                "The person on record has “%(recorded)s” here. An import does not change "
                "identity data: correct the file, or the person's card if the file is right."
            ) % {"recorded": shown})


def parse_row(number: int, raw: dict, project: Project, support_forms: dict) -> ParsedRow:
    row = ParsedRow(number)
    values = {}
    for column in COLUMNS:
        values[column.key] = _value(row, column, raw.get(column.key))
    _check_fixed(row, values)
    row.person = {name: values[name] for name in PERSON_FIELDS}
    row.participation = {name: values[name] for name in PARTICIPATION_FIELDS}
    row.support = _support(row, _text(raw.get("support")), support_forms)
    _check_models(row, values, project)
    return row


def _value(row: ParsedRow, column, raw):
    text = _text(raw)
    if column.key == "pesel":
        return _pesel(row, raw, text)
    if column.key == "other_identifier":
        return normalise_document(text)
    if not text:
        # Yes/no questions and dates are empty as None; text and code fields as "".
        return None if column.kind in (DATE, NUMBER) or column.labels is labels.BOOLEAN else ""
    if column.kind == DATE:
        return _date(row, column.key, raw, text)
    if column.kind == NUMBER:
        if not text.isascii() or not text.isdigit():
            row.error(column.key, _("Enter a whole number."))
            return None
        return int(text)
    if column.labels:
        by_label = {label: value for value, label in column.labels.items()}
        if text not in by_label:
            row.error(column.key, _("“%(value)s” is not one of: %(allowed)s.") % {
                "value": text, "allowed": "; ".join(column.labels.values()),
            })
            return None
        return by_label[text]
    return text


def _pesel(row: ParsedRow, raw, text: str) -> str:
    if text == labels.NO_PESEL:
        return ""
    if isinstance(raw, int):
        text = str(raw).zfill(11)  # a spreadsheet may have turned the PESEL into a number
    if not text:
        row.error("pesel", _("Enter the PESEL number or “%(none)s”.") % {"none": labels.NO_PESEL})
        return ""
    try:
        return normalise_pesel(text)
    except ValidationError as exc:
        row.error("pesel", exc.messages[0])
        return ""


def _date(row: ParsedRow, key: str, raw, text: str):
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        row.error(key, _("“%(value)s” is not a date in the form yyyy-mm-dd.") % {"value": text})
        return None


def _check_fixed(row: ParsedRow, values: dict) -> None:
    if values["country"] not in ("", labels.COUNTRY):
        row.error("country", _("Only “%(country)s” can be imported.") % {
            "country": labels.COUNTRY
        })
    if values["participant_type"] != labels.PARTICIPANT_TYPE:
        row.error("participant_type", _("Only “%(type)s” participants can be imported.") % {
            "type": labels.PARTICIPANT_TYPE
        })


def _support(row: ParsedRow, text: str, support_forms: dict) -> list:
    items = []
    for item in filter(None, (part.strip() for part in text.split(SUPPORT_SEPARATOR.strip()))):
        match = SUPPORT_ITEM.match(item)
        if not match:
            row.error("support", _("Write each support as “Name (yyyy-mm-dd)”: “%(item)s”.") % {
                "item": item
            })
            continue
        form = support_forms.get(match["name"])
        if form is None and match["name"] in RECORDED_ELSEWHERE:
            continue
        if form is None:
            row.error("support", _("The project has no support form “%(name)s”.") % {
                "name": match["name"]
            })
            continue
        day = _date(row, "support", match["date"], match["date"])
        if day:
            items.append((form, day))
    return items


def _check_models(row: ParsedRow, values: dict, project: Project) -> None:
    """The models' own rules: PESEL against birth date and sex, periods, postcode, e-mail."""
    pesel_header = BY_KEY["pesel"].header
    person = Person(**row.person)
    if not any(error.column == pesel_header for error in row.errors):
        _collect(row, person, exclude=[])
    participation = Participation(project=project, person=person, **row.participation)
    _collect(row, participation, exclude=["person", "project", "organisation"])
    if not row.valid:
        return
    if participation.start_date is None:
        row.error("start_date", _("Enter the start of participation."))
        return
    participation.refresh_age_at_entry()
    if values["age_at_entry"] is not None and values["age_at_entry"] != participation.age_at_entry:
        row.error("age_at_entry", _(
            "The date of birth and the start of participation give the age %(age)s."
        ) % {"age": participation.age_at_entry})
    given = values["long_term_unemployed"]
    if given is not None and given != participation.long_term_unemployed:
        row.error("long_term_unemployed", _(
            "This does not follow from the status, the months out of work and the age."
        ))


def _collect(row: ParsedRow, instance, exclude: list[str]) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            for message in messages:
                row.error(name if name in BY_KEY else "", message)
