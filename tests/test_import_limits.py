"""An import cannot exhaust the server: what a file may cost is checked before and while it is
read, never trusting the size it declares (issue: a 5 KB XLSX declaring a huge sheet took a worker
to 3 GB; a 3 MB zip bomb ran for half an hour)."""

import io
import re
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook

from monitoring.export import xlsx_bytes
from monitoring.importing import (
    MAX_ROWS,
    MAX_SHEETS,
    MAX_UNPACKED_BYTES,
    FileProblem,
    read_table,
)
from monitoring.layout import COLUMNS, HEADERS

from .helpers.monitoring import VALID, csv_file


def xlsx_file(*rows: dict) -> bytes:
    return xlsx_bytes(list(rows))

MB = 1024 * 1024


def _rewritten(xlsx: bytes, member: str, change) -> bytes:
    """The same spreadsheet with one member's XML changed (a file a tool or an attacker made)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == member:
                content = change(content)
            target.writestr(info.filename, content)
    return output.getvalue()


def _peak_memory(work) -> int:
    tracemalloc.start()
    try:
        work()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


SHEET = "xl/worksheets/sheet1.xml"


def test_a_declared_huge_sheet_is_read_as_big_as_it_really_is():
    # The export writes row by row and declares no size: the declaration goes before the view.
    declared = _rewritten(xlsx_file(VALID), SHEET, lambda xml: re.sub(
        rb"<sheetViews>", b'<dimension ref="A1:XFD1048576"/><sheetViews>', xml, count=1
    ))
    assert b"XFD1048576" in zipfile.ZipFile(io.BytesIO(declared)).read(SHEET)
    rows = []

    peak = _peak_memory(lambda: rows.extend(read_table(declared)))

    assert len(rows) == 1
    assert peak < 30 * MB


def test_a_cell_at_the_sheets_far_corner_stops_the_reading_early():
    far = _rewritten(xlsx_file(VALID), SHEET, lambda xml: xml.replace(
        b"</sheetData>",
        b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        b"</sheetData>",
    ))

    with pytest.raises(FileProblem, match=str(MAX_ROWS)):
        peak = _peak_memory(lambda: read_table(far))
        assert peak < 30 * MB


def test_a_zip_bomb_is_refused_from_the_archive_directory_before_unpacking():
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx_file(VALID))) as source, zipfile.ZipFile(
        output, "w", zipfile.ZIP_DEFLATED
    ) as bomb:
        for info in source.infolist():
            if info.filename != SHEET:
                bomb.writestr(info.filename, source.read(info.filename))
        with bomb.open(SHEET, "w") as sheet:
            chunk = b" " * MB
            for _ in range(MAX_UNPACKED_BYTES // MB + 10):
                sheet.write(chunk)
    data = output.getvalue()
    assert len(data) < MB  # small to upload, 60 MB unpacked

    with pytest.raises(FileProblem, match="50 MB"):
        peak = _peak_memory(lambda: read_table(data))
        assert peak < 10 * MB


def test_a_workbook_of_too_many_sheets_is_refused():
    workbook = Workbook()
    workbook.active.append(HEADERS)
    for number in range(MAX_SHEETS):
        workbook.create_sheet(f"Arkusz {number}")
    output = io.BytesIO()
    workbook.save(output)

    with pytest.raises(FileProblem, match=str(MAX_SHEETS)):
        read_table(output.getvalue())


@pytest.mark.parametrize("make", [csv_file, xlsx_file])
def test_columns_beyond_the_layout_are_refused_with_their_count(make):
    data = make(VALID)
    if make is csv_file:
        lines = data.decode("utf-8-sig").split("\r\n")
        data = "\r\n".join(line + ";nadmiar" if line else line for line in lines).encode()
    else:
        data = _rewritten(data, SHEET, lambda xml: xml.replace(
            b"</row>", b'<c r="AZ1" t="inlineStr"><is><t>nadmiar</t></is></c></row>', 1
        ))

    with pytest.raises(FileProblem, match=str(len(COLUMNS))):
        read_table(data)
