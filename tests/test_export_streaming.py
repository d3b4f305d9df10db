"""The export is written as it is read (issue 13, point 5): the same file as the whole-file
writer made, a few queries a chunk of participants, and memory that does not grow with rows."""

import csv
import io
import tracemalloc

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from monitoring.export import (
    SL2014,
    SM_EFS,
    XLSX,
    _csv_cell,
    exported_participations,
    participation_record,
    sl2014_record,
    write_export,
)
from monitoring.layout import COLUMNS, DATE, NUMBER, SL2014_COLUMNS
from reporting.management.commands.generate_scale_data import generate
from results.delivered import support_received

from .helpers.monitoring import make_small_project
from .test_sl2014 import make_rpo_project

# --- The whole-file writers the export had before, kept here as the reference ----------------


def _records_before(project, fmt):
    participations = list(exported_participations(project))
    support = support_received(participations)
    make = sl2014_record if fmt == SL2014 else participation_record
    return [make(p, support.get(p.pk, [])) for p in participations]


def _sm_efs_before(records) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.header for column in COLUMNS])
    for record in records:
        writer.writerow([_csv_cell(record[column.key]) for column in COLUMNS])
    return "\ufeff".encode() + buffer.getvalue().encode()


def _xlsx_before(records, columns) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Uczestnicy"
    sheet.append([column.header for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row_number, record in enumerate(records, start=2):
        for column_number, column in enumerate(columns, start=1):
            value, cell = record[column.key], sheet.cell(row_number, column_number)
            if value in (None, ""):
                continue
            if column.kind == DATE:
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
            elif column.kind == NUMBER:
                cell.value = int(value)
            else:
                cell.value = str(value)
                cell.data_type = "s"
                cell.quotePrefix = True
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _written(project, fmt, **options) -> bytes:
    output = io.BytesIO()
    write_export(project, fmt, output, **options)
    return output.getvalue()


def _cells(content: bytes):
    """Every cell as a spreadsheet reads it: value, type, format, bold, quote prefix."""
    sheet = load_workbook(io.BytesIO(content)).active
    return sheet.title, sheet.freeze_panes, [
        [(cell.value, cell.data_type, cell.number_format, cell.font.b, cell.quotePrefix)
         for cell in row]
        for row in sheet.iter_rows()
    ]


@pytest.mark.django_db
def test_the_streamed_sm_efs_file_has_the_bytes_of_the_whole_file_writer():
    project = make_small_project()

    assert _written(project, SM_EFS) == _sm_efs_before(_records_before(project, SM_EFS))


@pytest.mark.django_db
@pytest.mark.parametrize("make, fmt, columns", [
    (make_small_project, XLSX, COLUMNS),
    (make_rpo_project, SL2014, SL2014_COLUMNS),
])
def test_the_streamed_spreadsheet_has_the_cells_of_the_whole_file_writer(make, fmt, columns):
    project = make()

    before = _cells(_xlsx_before(_records_before(project, fmt), columns))

    assert _cells(_written(project, fmt)) == before
    assert len(before[2]) == 3  # the header and two participants


def _queries(project, fmt) -> int:
    with CaptureQueriesContext(connection) as context:
        _written(project, fmt)
    return len(context.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", [SM_EFS, XLSX])
def test_the_queries_do_not_grow_with_participants_and_grow_by_chunk(fmt, monkeypatch):
    small, large = generate(3), generate(30)

    assert _queries(small, fmt) == _queries(large, fmt)
    monkeypatch.setattr("monitoring.export.CHUNK_SIZE", 10)
    # Three chunks of ten: the participants' support is looked up once a chunk (three queries).
    assert _queries(large, fmt) == _queries(small, fmt) + 2 * 3


@pytest.mark.django_db
def test_progress_is_told_after_each_chunk(monkeypatch):
    monkeypatch.setattr("monitoring.export.CHUNK_SIZE", 10)
    told = []

    _written(generate(25), SM_EFS, progress=told.append)

    assert told == [10, 20, 25]


def _peak_memory(project, fmt) -> int:
    output = io.BytesIO()
    tracemalloc.start()
    try:
        write_export(project, fmt, output)
        return tracemalloc.get_traced_memory()[1] - output.getbuffer().nbytes
    finally:
        tracemalloc.stop()


@pytest.mark.django_db
def test_memory_does_not_grow_with_rows(monkeypatch):
    """A bound on memory, not on time: the peak while writing 2,000 rows is within a small
    margin of the peak for 200 (the file itself, kept in memory here, is not counted). The
    whole-file writer grew by 8 MB (CSV) and 20 MB (XLSX) here."""
    monkeypatch.setattr("monitoring.export.CHUNK_SIZE", 100)
    small, large = generate(200), generate(2000)
    for fmt in [SM_EFS, XLSX]:
        _peak_memory(small, fmt)  # imports and caches warmed

        growth = _peak_memory(large, fmt) - _peak_memory(small, fmt)

        assert growth < 512 * 1024, fmt
