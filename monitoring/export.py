"""The participants file for the EU monitoring system (SM EFS) and the office's spreadsheet."""

import csv
import io
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font

from participants.codelists import UNEMPLOYED
from participants.models import Participation
from projects.models import Project
from results.delivered import support_received

from . import codelists as labels
from .layout import (
    COLUMNS,
    DATE,
    HEADERS,
    NUMBER,
    neutralise,
    support_text,
)

SM_EFS, XLSX = "sm-efs", "xlsx"
FORMATS = {
    SM_EFS: ("csv", "text/csv; charset=utf-8"),
    XLSX: ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
# Data at entry without which the monitoring system cannot count the participant.
REQUIRED_AT_ENTRY = [
    "education", "voivodeship", "county", "commune", "town", "postcode", "urbanisation",
    "labour_market_status", "foreign_origin", "third_country_national", "minority",
    "homeless", "disability",
]
REQUIRED_AT_EXIT = ["situation_at_exit", "path_completed"]


def exported_participations(project: Project):
    """Who the file reports: the people who started support, in one query."""
    return (
        project.participations.taking_part()
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def _label(mapping: dict, value):
    return mapping.get(value, "") if value not in (None, "") else ""


def participation_record(participation: Participation, support: list[tuple[str, date]]) -> dict:
    """One row of the file: the column keys with plain values (text, dates, numbers)."""
    person = participation.person
    record = {
        "country": labels.COUNTRY if participation.voivodeship else "",
        "participant_type": labels.PARTICIPANT_TYPE,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "pesel": person.pesel or labels.NO_PESEL,
        "other_identifier": person.other_identifier,
        "birth_date": person.birth_date,
        "age_at_entry": participation.age_at_entry,
        "unemployment_months": participation.unemployment_months,
        "long_term_unemployed": _label(labels.BOOLEAN, participation.long_term_unemployed),
        "path_completed": _label(labels.BOOLEAN, participation.path_completed),
        "sex": _label(labels.SEX, person.sex),
        "support": support_text(support),
    }
    for column in COLUMNS:
        if column.key in record:
            continue
        value = getattr(participation, column.key)
        record[column.key] = _label(column.labels, value) if column.labels else value
    return record


@dataclass
class MissingData:
    participation: Participation
    fields: list[str]  # the fields' names in the interface language


def missing_data(participations) -> list[MissingData]:
    """Participants whose required monitoring data is incomplete, with what is missing."""
    found = []
    for participation in participations:
        names = [name for name in REQUIRED_AT_ENTRY if getattr(participation, name) in (None, "")]
        if (
            participation.labour_market_status in UNEMPLOYED
            and participation.unemployment_months is None
        ):
            names.append("unemployment_months")
        if participation.end_date:
            names += [name for name in REQUIRED_AT_EXIT
                      if getattr(participation, name) in (None, "")]
        if names:
            found.append(MissingData(participation, [_verbose(name) for name in names]))
    return found


def _verbose(name: str) -> str:
    return str(Participation._meta.get_field(name).verbose_name)


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    return neutralise(str(value))


def sm_efs_bytes(records: list[dict]) -> bytes:
    """Semicolon-separated UTF-8 with a BOM, CRLF line ends, every text field quoted if needed."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for record in records:
        writer.writerow([_csv_cell(record[column.key]) for column in COLUMNS])
    return "\ufeff".encode() + buffer.getvalue().encode()


def xlsx_bytes(records: list[dict]) -> bytes:
    """The same columns for the office: dates as dates, text stored as text, never a formula."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Uczestnicy"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row_number, record in enumerate(records, start=2):
        for column_number, column in enumerate(COLUMNS, start=1):
            _xlsx_cell(sheet.cell(row_number, column_number), record[column.key], column.kind)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _xlsx_cell(cell, value, kind: str) -> None:
    if value in (None, ""):
        return
    if kind == DATE:
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    elif kind == NUMBER:
        cell.value = int(value)
    else:
        cell.value = str(value)
        # A string cell is never evaluated; the quote prefix keeps it text when edited.
        cell.data_type = "s"
        cell.quotePrefix = True


def export_bytes(project: Project, fmt: str) -> bytes:
    participations = list(exported_participations(project))
    support = support_received(participations)
    records = [participation_record(p, support.get(p.pk, [])) for p in participations]
    return sm_efs_bytes(records) if fmt == SM_EFS else xlsx_bytes(records)


def export_filename(project: Project, fmt: str, on: date) -> str:
    extension = FORMATS[fmt][0]
    return f"uczestnicy-{project.short_name}-{on:%Y-%m-%d}.{extension}"


