"""The participants file for the EU monitoring system and the office's spreadsheet.

The monitoring file follows the project's programme period: SL2014 (an XLSX file) for 2014–2020
projects, SM EFS (a CSV file) for the others. The office's spreadsheet is always in the SM EFS
layout, the one the import reads.
"""

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import BinaryIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from participants.codelists import (
    EDUCATION_LEVELS,
    UNEMPLOYED,
    Answer,
    LabourMarketStatus,
    education_group,
)
from participants.models import Participation
from projects.models import Project
from results.delivered import support_received

from . import codelists as labels
from .layout import (
    COLUMNS,
    DATE,
    NUMBER,
    SL2014_COLUMNS,
    neutralise,
    support_text,
)

SM_EFS, SL2014, XLSX = "sm-efs", "sl2014", "xlsx"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {
    SM_EFS: ("csv", "text/csv; charset=utf-8"),
    SL2014: ("xlsx", XLSX_TYPE),
    XLSX: ("xlsx", XLSX_TYPE),
}
MONITORING_FORMATS = {SM_EFS, SL2014}
# Data at entry without which the monitoring system cannot count the participant.
REQUIRED_AT_ENTRY = [
    "education", "voivodeship", "county", "commune", "town", "postcode", "urbanisation",
    "labour_market_status", "foreign_origin", "third_country_national", "minority",
    "homeless", "disability",
]
REQUIRED_AT_EXIT = ["situation_at_exit", "path_completed"]
# What SL2014 asks for beyond that (the street may be empty: villages have none).
SL2014_REQUIRED_AT_ENTRY = [
    "building_number", "jobless_household", "single_adult_household", "other_disadvantage",
]
SL2014_REQUIRED_OF_EMPLOYED = ["occupation", "employer"]


def monitoring_format(project: Project) -> str:
    """The monitoring system the project reports to, by its programme's period."""
    return SL2014 if project.programme.reports_to_sl2014 else SM_EFS


def wrong_system_message(project: Project) -> str:
    if monitoring_format(project) == SL2014:
        return _("A 2014–2020 project reports to SL2014: download the SL2014 file.")
    return _("Only 2014–2020 projects report to SL2014: download the SM EFS file.")


def exported_participations(project: Project, edition=None):
    """Who the file reports: the people who started support (of one edition, when given), in
    one query."""
    return (
        project.participations.taking_part().in_edition(edition)
        .select_related("person").order_by("person__last_name", "person__first_name", "pk")
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
        "education": _label(labels.EDUCATION, education_group(participation.education)),
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


def missing_data(participations, fmt: str = SM_EFS) -> list[MissingData]:
    """Participants whose required monitoring data is incomplete, with what is missing."""
    found = []
    for participation in participations:
        names = [name for name in REQUIRED_AT_ENTRY if _blank(participation, name)]
        if (
            participation.labour_market_status in UNEMPLOYED
            and participation.unemployment_months is None
        ):
            names.append("unemployment_months")
        if participation.end_date:
            names += [name for name in REQUIRED_AT_EXIT if _blank(participation, name)]
        fields = [_verbose(name) for name in names]
        if fmt == SL2014:
            fields += _missing_for_sl2014(participation)
        if fields:
            found.append(MissingData(participation, fields))
    return found


def _blank(participation: Participation, name: str) -> bool:
    return getattr(participation, name) in (None, "")


def _missing_for_sl2014(participation: Participation) -> list[str]:
    names = [name for name in SL2014_REQUIRED_AT_ENTRY if _blank(participation, name)]
    if participation.jobless_household == Answer.YES and _blank(
        participation, "jobless_household_children"
    ):
        names.append("jobless_household_children")
    if participation.labour_market_status == LabourMarketStatus.EMPLOYED:
        names += [name for name in SL2014_REQUIRED_OF_EMPLOYED if _blank(participation, name)]
    fields = [_verbose(name) for name in names]
    if participation.education and participation.education not in EDUCATION_LEVELS:
        fields.append(_("education: the level (ISCED 0, 1, 2, 3 or 4), not only the group"))
    return fields


def _verbose(name: str) -> str:
    return str(Participation._meta.get_field(name).verbose_name)


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    return neutralise(str(value))


def sm_efs_bytes(records: Iterable[dict]) -> bytes:
    """Semicolon-separated UTF-8 with a BOM, CRLF line ends, every text field quoted if needed."""
    output = io.BytesIO()
    _write_csv(records, output)
    return output.getvalue()


def _write_csv(records: Iterable[dict], file: BinaryIO) -> None:
    text = io.TextIOWrapper(file, encoding="utf-8", newline="")
    text.write("\ufeff")
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.header for column in COLUMNS])
    for record in records:
        writer.writerow([_csv_cell(record[column.key]) for column in COLUMNS])
    text.flush()
    text.detach()  # the caller's file stays open


def xlsx_bytes(records: Iterable[dict], columns=COLUMNS) -> bytes:
    """The columns as a sheet: dates as dates, text stored as text, never a formula."""
    output = io.BytesIO()
    _write_xlsx(records, output, columns)
    return output.getvalue()


def _write_xlsx(records: Iterable[dict], file: BinaryIO, columns=COLUMNS) -> None:
    """Row by row (openpyxl's write-only mode, strings inline): memory does not grow with rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Uczestnicy")
    sheet.freeze_panes = "A2"
    sheet.append([_header_cell(sheet, column.header) for column in columns])
    cells = [_xlsx_cell(sheet, column.kind) for column in columns]
    keys = [column.key for column in columns]
    for record in records:
        sheet.append([cell(record[key]) for cell, key in zip(cells, keys, strict=True)])
    workbook.save(file)


def _header_cell(sheet, header: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=header)
    cell.font = Font(bold=True)
    return cell


def _xlsx_cell(sheet, kind: str) -> Callable:
    """The column's cell: one styled cell, given each row's value (the row is written before
    the next is given), so no style is built per row."""
    cell = WriteOnlyCell(sheet)
    if kind == DATE:
        cell.number_format = "yyyy-mm-dd"
    elif kind != NUMBER:
        # A string cell is never evaluated; the quote prefix keeps it text when edited.
        cell.quotePrefix = True

    def filled(value):
        if value in (None, ""):
            return None
        if kind == NUMBER:
            return int(value)
        cell.value = value if kind == DATE else str(value)
        if kind != DATE:
            cell.data_type = "s"  # "=Zenon" stays a name, never a formula
        return cell

    return filled


def sl2014_record(participation: Participation, support: list[tuple[str, date]]) -> dict:
    """One row of the SL2014 file: the SM EFS row's facts in the 2014–2020 wording."""
    person = participation.person
    record = {
        "country": labels.COUNTRY if participation.voivodeship else "",
        "participant_type": labels.PARTICIPANT_TYPE,
        "institution_name": "",
        "first_name": person.first_name,
        "last_name": person.last_name,
        "pesel": person.pesel,
        "no_pesel": labels.NO if person.pesel else labels.YES,
        "age_at_entry": participation.age_at_entry,
        "sex": _label(labels.SEX, person.sex),
        "path_completed": _label(labels.BOOLEAN, participation.path_completed),
        "youth_results": "",
        "support_kinds": support_text(support),
        "support_start": support[0][1] if support else None,
        "business_start_date": None,
        "business_grant": None,
        "business_pkd": "",
        "minority_migrant_foreign": _label(labels.ANSWER, _any_yes(
            participation.minority, participation.foreign_origin,
            participation.third_country_national,
        )),
        "jobless_household_children": _label(
            labels.ANSWER, participation.jobless_household_children
            or _children_answer(participation.jobless_household),
        ),
    }
    for column in SL2014_COLUMNS:
        if column.key in record:
            continue
        value = getattr(participation, column.key)
        record[column.key] = _label(column.labels, value) if column.labels else value
    return record


def _any_yes(*answers: str) -> str:
    """One answer for several questions: yes if any is yes, refused if any is, else no."""
    if Answer.YES in answers:
        return Answer.YES
    if Answer.REFUSED in answers:
        return Answer.REFUSED
    return Answer.NO if all(answer == Answer.NO for answer in answers) else ""


def _children_answer(jobless_household: str) -> str:
    """Not asked when no one in the household is out of work: the answer follows."""
    return jobless_household if jobless_household in (Answer.NO, Answer.REFUSED) else ""


CHUNK_SIZE = 1000  # participants read, and their support looked up, at a time


def export_bytes(project: Project, fmt: str, edition=None) -> bytes:
    output = io.BytesIO()
    write_export(project, fmt, output, edition=edition)
    return output.getvalue()


def write_export(
    project: Project, fmt: str, file: BinaryIO, *, edition=None,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Writes the project's file in ``fmt`` to the binary ``file`` as it reads the participants,
    a chunk at a time (a few queries a chunk): memory does not grow with the project.
    ``progress`` is told how many participants have been written after each chunk."""
    if fmt == SL2014:
        return _write_xlsx(_records(project, sl2014_record, edition, progress), file,
                           SL2014_COLUMNS)
    records = _records(project, participation_record, edition, progress)
    return _write_csv(records, file) if fmt == SM_EFS else _write_xlsx(records, file)


def _records(project, make_record, edition, progress) -> Iterator[dict]:
    participations = exported_participations(project, edition).iterator(chunk_size=CHUNK_SIZE)
    done = 0
    while chunk := list(islice(participations, CHUNK_SIZE)):
        support = support_received([participation.pk for participation in chunk])
        for participation in chunk:
            yield make_record(participation, support.get(participation.pk, []))
        done += len(chunk)
        if progress is not None:
            progress(done)


def export_filename(project: Project, fmt: str, on: date, edition=None) -> str:
    extension = FORMATS[fmt][0]
    system = "-sl2014" if fmt == SL2014 else ""
    part = f"-edycja-{edition.number}" if edition is not None else ""
    return f"uczestnicy{system}-{project.short_name}{part}-{on:%Y-%m-%d}.{extension}"


