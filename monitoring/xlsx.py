"""A one-sheet XLSX file written row by row: the participants spreadsheet and the SL2014 file.

openpyxl's write-only mode keeps memory flat but spends some 30 µs a cell building and styling
cell objects: 4 s of the 10,000-participant spreadsheet. The sheet is plain (text, numbers and
dates in four fixed styles), so its XML is written here directly into the zip, a few strings a
cell; the package around it is fixed. tests/test_export_streaming.py reads it back with openpyxl
and compares it cell by cell with what openpyxl wrote.
"""

import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import BinaryIO
from xml.sax.saxutils import escape, quoteattr

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from .layout import DATE, NUMBER, TEXT

# The cell styles of styles.xml: the header (bold), a date, a text kept as typed.
HEADER_STYLE, DATE_STYLE, TEXT_STYLE = 1, 2, 3
# Characters XML 1.0 cannot hold (a spreadsheet cannot show them either).
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
EXCEL_EPOCH = date(1899, 12, 30)
SERIALS_EXACT_FROM = date(1900, 3, 1)  # before it, Excel's day numbers count a 29 February 1900
ROWS_PER_WRITE = 50  # rows joined before a write to the zip: few, so memory stays small

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
CONTENT_TYPES = HEAD + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.styles+xml"/></Types>'
)
ROOT_RELS = HEAD + (
    f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC_RELS}/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK_RELS = HEAD + (
    f'<Relationships xmlns="{RELS}">'
    f'<Relationship Id="rId1" Type="{DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{DOC_RELS}/styles" Target="styles.xml"/></Relationships>'
)
FONT = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
STYLES = HEAD + (
    f'<styleSheet xmlns="{MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    f'<fonts count="2"><font>{FONT}</font><font><b/>{FONT}</font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    '</cellStyleXfs><cellXfs count="4">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    '</cellStyles></styleSheet>'
)
SHEET_START = HEAD + (
    f'<worksheet xmlns="{MAIN}"><sheetViews><sheetView workbookViewId="0">'
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
    '<sheetFormatPr defaultRowHeight="15"/><sheetData>'
)
SHEET_END = "</sheetData></worksheet>"


def workbook_xml(title: str) -> str:
    return HEAD + (
        f'<workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets>'
        f'<sheet name={quoteattr(title)} sheetId="1" r:id="rId1"/></sheets></workbook>'
    )


def write_sheet(file: BinaryIO, title: str, headers: Sequence[str], kinds: Sequence[str],
                rows: Iterable[Sequence]) -> None:
    """The header row (bold, frozen), then each row's values by its column's kind: a text
    (kept as typed, never a formula), a whole number, a date. Empty values leave no cell."""
    letters = [get_column_letter(number) for number in range(1, len(headers) + 1)]
    cells = [_CELLS[kind] for kind in kinds]
    with zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
                              ("xl/workbook.xml", workbook_xml(title)),
                              ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
                              ("xl/styles.xml", STYLES)]:
            archive.writestr(name, content)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(SHEET_START.encode())
            header = "".join(_text(f"{letter}1", value, HEADER_STYLE)
                             for letter, value in zip(letters, headers, strict=True))
            parts = [f'<row r="1">{header}</row>']
            for number, values in enumerate(rows, start=2):
                row = "".join(
                    cell(f"{letter}{number}", value)
                    for letter, cell, value in zip(letters, cells, values, strict=True)
                    if value is not None and value != ""
                )
                parts.append(f'<row r="{number}">{row}</row>')
                if len(parts) >= ROWS_PER_WRITE:
                    sheet.write("".join(parts).encode())
                    parts = []
            sheet.write(("".join(parts) + SHEET_END).encode())


def _text(reference: str, value, style: int = TEXT_STYLE) -> str:
    text = escape(ILLEGAL.sub("", str(value)))
    return (f'<c r="{reference}" s="{style}" t="inlineStr"><is>'
            f'<t xml:space="preserve">{text}</t></is></c>')


def _number(reference: str, value) -> str:
    return f'<c r="{reference}" t="n"><v>{int(value)}</v></c>'


def _date(reference: str, value) -> str:
    if not isinstance(value, date):  # a date given as text stays that text, in a date's style
        return _text(reference, value, DATE_STYLE)
    if isinstance(value, datetime):
        value = value.date()
    serial = (value - EXCEL_EPOCH).days if value >= SERIALS_EXACT_FROM else to_excel(value)
    return f'<c r="{reference}" s="{DATE_STYLE}" t="n"><v>{serial}</v></c>'


_CELLS = {TEXT: _text, NUMBER: _number, DATE: _date}
