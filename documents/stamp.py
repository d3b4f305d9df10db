"""Fast certificates: a WeasyPrint background rendered once, the holder's lines stamped on it.

WeasyPrint lays out a page in tens of milliseconds; a batch of a thousand certificates differs
only in a few short lines. So the background (logos, funding line, heading, body, signature
block) is rendered once per distinct content and reused as a Form XObject; the varying lines are
written as PDF text in an embedded DejaVu subset with a ToUnicode map (so the text extracts and
searches like WeasyPrint's), and the QR code as vector squares. The writer below shares the
background and the fonts between the pages of one batch PDF, and each single document carries
its own copy, so every stored certificate is a complete PDF on its own.
"""

import hashlib
import html
import io
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from functools import lru_cache

from fontTools import subset
from fontTools.ttLib import TTFont
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
)

MM = 72 / 25.4
A4 = (595.28, 841.89)

# Latin (Polish and its neighbours) and the punctuation of Polish typesetting; other letters
# (a Cyrillic or Vietnamese name) get a larger subset of their own (font_for).
BASE_CHARS = frozenset(
    [*range(0x20, 0x7F), *range(0xA0, 0x180),
     *range(0x2010, 0x2027), 0x2116, 0x20AC]
)
_REF = re.compile(rb"(\d+) 0 R")


@dataclass(frozen=True)
class Obj:
    """One serialised object of a block: its dictionary (or value) and stream data, if any."""

    head: bytes
    stream: bytes | None = None


@dataclass(frozen=True, eq=False)
class Block:
    """Objects numbered 1..n that refer to each other: placed into a PDF at any number."""

    objects: tuple[Obj, ...]
    _placed: dict = field(default_factory=dict, repr=False)

    def placed(self, base: int) -> list[tuple[bytes, bytes | None]]:
        """The objects renumbered from ``base`` (remembered: single documents repeat bases)."""
        if base not in self._placed:
            self._placed[base] = [
                (_REF.sub(lambda m: b"%d 0 R" % (int(m[1]) + base - 1), obj.head), obj.stream)
                for obj in self.objects
            ]
        return self._placed[base]


# Fonts


@dataclass(frozen=True, eq=False)
class Font:
    block: Block
    gids: dict
    widths: dict  # character → advance in thousandths of an em
    ascent: float

    def covers(self, text: str) -> bool:
        return all(char in self.gids for char in text)

    def width(self, text: str, size: float) -> float:
        return sum(self.widths[char] for char in text) * size / 1000

    def encode(self, text: str) -> bytes:
        return b"<" + "".join(f"{self.gids[char]:04X}" for char in text).encode() + b">"


def _font_path(bold: bool) -> str:
    from django.conf import settings

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return str(settings.BASE_DIR / "static" / "fonts" / name)


@lru_cache(maxsize=16)
def font(bold: bool = False, extra: frozenset = frozenset()) -> Font:
    """A DejaVu subset covering BASE_CHARS (plus ``extra`` for an unusual name)."""
    tt = TTFont(_font_path(bold))
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "FFTM"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=BASE_CHARS | extra)
    subsetter.subset(tt)
    buffer = io.BytesIO()
    tt.save(buffer)
    program = buffer.getvalue()
    scale = 1000 / tt["head"].unitsPerEm
    cmap = tt.getBestCmap()
    gids = {chr(code): tt.getGlyphID(name) for code, name in cmap.items()}
    advance = {gid: round(tt["hmtx"][name][0] * scale) for name, gid in
               ((name, tt.getGlyphID(name)) for name in tt.getGlyphOrder())}
    widths = {char: advance[gid] for char, gid in gids.items()}
    tag = "".join(chr(65 + b % 26) for b in hashlib.sha256(program).digest()[:6])
    base_name = f"/{tag}+{tt['name'].getDebugName(6) or 'DejaVuSans'}".encode()
    head = tt["head"]
    bbox = [round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)]
    ascent = round(tt["hhea"].ascent * scale)
    descent = round(tt["hhea"].descent * scale)
    widths_array = b" ".join(b"%d" % advance[gid] for gid in range(len(advance)))
    to_unicode = _to_unicode(gids)
    compressed = zlib.compress(program, 6)
    block = Block((
        Obj(b"<< /Type /Font /Subtype /Type0 /BaseFont " + base_name
            + b" /Encoding /Identity-H /DescendantFonts [2 0 R] /ToUnicode 5 0 R >>"),
        Obj(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont " + base_name
            + b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
            + b" /FontDescriptor 3 0 R /CIDToGIDMap /Identity /W [0 [" + widths_array + b"]] >>"),
        Obj(b"<< /Type /FontDescriptor /FontName " + base_name
            + b" /Flags 32 /FontBBox [%d %d %d %d]" % tuple(bbox)
            + b" /ItalicAngle 0 /Ascent %d /Descent %d /CapHeight %d /StemV %d"
            % (ascent, descent, ascent, 140 if bold else 80)
            + b" /FontFile2 4 0 R >>"),
        Obj(b"<< /Length %d /Length1 %d /Filter /FlateDecode >>" % (len(compressed), len(program)),
            compressed),
        Obj(b"<< /Length %d /Filter /FlateDecode >>" % len(to_unicode), to_unicode),
    ))
    return Font(block=block, gids=gids, widths=widths, ascent=ascent / 1000)


def _to_unicode(gids: dict) -> bytes:
    pairs = sorted((gid, char) for char, gid in gids.items())
    lines = [
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
        "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ]
    for start in range(0, len(pairs), 100):
        chunk = pairs[start:start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines += [f"<{gid:04X}> <{ord(char):04X}>" for gid, char in chunk]
        lines.append("endbfchar")
    lines.append("endcmap CMapName currentdict /CMap defineresource pop end end")
    return zlib.compress("\n".join(lines).encode())


@lru_cache(maxsize=2)
def _font_chars(bold: bool) -> frozenset:
    return frozenset(chr(code) for code in TTFont(_font_path(bold)).getBestCmap())


# Right-to-left letters need bidirectional reordering and contextual shaping, which plain PDF
# text does not do.
RIGHT_TO_LEFT = {"R", "AL", "AN"}


def stampable(text: str, *, bold: bool = False) -> bool:
    """Whether the embedded DejaVu can write the text as it is (else Pango lays it out)."""
    known = _font_chars(bold)
    return all(char in known and unicodedata.bidirectional(char) not in RIGHT_TO_LEFT
               for char in text)


@lru_cache(maxsize=256)
def laid_out_line(text: str, *, size: float, bold: bool, width_mm: float, align: str
                  ) -> "Background":
    """A line in any script, laid out by WeasyPrint (Pango shapes Arabic and finds a system font
    with the letters, e.g. Droid Sans Fallback for Chinese), as a Form XObject to place."""
    from weasyprint import HTML

    height_mm = size * 1.5 / MM
    page = (
        "<style>@page{{size:{:.2f}mm {:.2f}mm;margin:0}}body{{margin:0}}"
        "p{{margin:0;font-family:'DejaVu Sans',sans-serif;font-size:{:.2f}pt;font-weight:{};"
        "line-height:{:.2f}mm;text-align:{};white-space:nowrap;overflow:hidden}}</style>"
        "<p>{}</p>"
    ).format(width_mm, height_mm, size, "bold" if bold else "normal", height_mm, align,
         html.escape(text))
    return background_from_pdf(HTML(string=page).write_pdf())


def font_for(text: str, *, bold: bool = False) -> Font:
    base = font(bold)
    if base.covers(text):
        return base
    return font(bold, frozenset(ord(char) for char in text if char not in base.gids))


# The background


@dataclass(frozen=True, eq=False)
class Background:
    block: Block  # object 1 is the Form XObject of the page
    size: tuple[float, float]


def background_from_pdf(pdf: bytes) -> Background:
    """The first page of a PDF (WeasyPrint's) as a self-contained Form XObject block."""
    writer = PdfWriter()
    page = writer.add_page(PdfReader(io.BytesIO(pdf)).pages[0])
    box = [float(value) for value in page.mediabox]
    form = DecodedStreamObject()
    form.set_data(page.get_contents().get_data())
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject(page.mediabox),
        NameObject("/Resources"): page["/Resources"],
    })
    root = writer._add_object(form.flate_encode())
    return Background(block=_block_from(writer, root), size=(box[2] - box[0], box[3] - box[1]))


def _block_from(writer: PdfWriter, root: IndirectObject) -> Block:
    numbers: dict[int, int] = {}
    order: list[int] = []

    def visit(value):
        if isinstance(value, IndirectObject):
            if value.idnum not in numbers:
                numbers[value.idnum] = len(order) + 1
                order.append(value.idnum)
                visit(writer.get_object(value.idnum))
        elif isinstance(value, dict):
            for item in value.values():
                visit(item)
        elif isinstance(value, list):
            for item in value:
                visit(item)

    visit(root)
    objects = []
    for idnum in order:
        value = writer.get_object(idnum)
        buffer = io.BytesIO()
        stream = None
        if isinstance(value, StreamObject):
            stream = value._data
            head = DictionaryObject(value)
            head[NameObject("/Length")] = _number(len(stream))
            head.write_to_stream(buffer)
        else:
            value.write_to_stream(buffer)
        text = _REF.sub(lambda m: b"%d 0 R" % numbers[int(m[1])], buffer.getvalue())
        objects.append(Obj(text, stream))
    return Block(tuple(objects))


def _number(value: int):
    from pypdf.generic import NumberObject

    return NumberObject(value)


# Drawing the holder's lines


@dataclass
class Canvas:
    size: tuple[float, float] = A4
    fonts: dict = field(default_factory=dict)  # resource name → Font
    lines: dict = field(default_factory=dict)  # resource name → Background (laid-out lines)
    ops: list = field(default_factory=list)

    def _name(self, used: Font) -> bytes:
        for name, known in self.fonts.items():
            if known is used:
                return name
        name = b"/S%d" % (len(self.fonts) + 1)
        self.fonts[name] = used
        return name

    def text(self, text: str, *, top_mm: float, size: float, bold=False,
             centre_mm: float | None = None, left_mm: float | None = None,
             max_width_mm: float | None = None) -> None:
        """One line; ``top_mm`` is the top of the line box, as in the background's CSS."""
        if not text:
            return
        if not stampable(text, bold=bold):
            self._laid_out(text, top_mm=top_mm, size=size, bold=bold, centre_mm=centre_mm,
                           left_mm=left_mm, max_width_mm=max_width_mm)
            return
        used = font_for(text, bold=bold)
        if max_width_mm:
            size = min(size, max_width_mm * MM * size / max(used.width(text, size), 1))
        width = used.width(text, size)
        x = (centre_mm * MM - width / 2) if centre_mm is not None else left_mm * MM
        y = self.size[1] - top_mm * MM - used.ascent * size
        self.ops.append(
            b"BT %s %.2f Tf %.2f %.2f Td %s Tj ET"
            % (self._name(used), size, x, y, used.encode(text))
        )

    def _laid_out(self, text, *, top_mm, size, bold, centre_mm, left_mm, max_width_mm):
        width_mm = max_width_mm or (self.size[0] / MM - (left_mm or 0) - 10)
        line = laid_out_line(text, size=size, bold=bold, width_mm=width_mm,
                             align="center" if centre_mm is not None else "left")
        name = b"/L%d" % (len(self.lines) + 1)
        self.lines[name] = line
        x = (centre_mm - width_mm / 2) * MM if centre_mm is not None else left_mm * MM
        y = self.size[1] - top_mm * MM - line.size[1]
        self.ops.append(b"q 1 0 0 1 %.2f %.2f cm %s Do Q" % (x, y, name))

    def qr(self, matrix, *, left_mm: float, top_mm: float, size_mm: float) -> None:
        """A QR code's modules (rows of 0/1, e.g. ``segno.make(...).matrix``) as squares."""
        module = size_mm * MM / len(matrix)
        top = self.size[1] - top_mm * MM
        rects = []
        for row, cells in enumerate(matrix):
            column = 0
            while column < len(cells):
                if cells[column]:
                    start = column
                    while column < len(cells) and cells[column]:
                        column += 1
                    rects.append(b"%.3f %.3f %.3f %.3f re" % (
                        left_mm * MM + start * module, top - (row + 1) * module,
                        (column - start) * module, module,
                    ))
                column += 1
        self.ops.append(b"q 0 g " + b" ".join(rects) + b" f Q")

    def content(self) -> bytes:
        return b"q /Bg Do Q\n0 g\n" + b"\n".join(self.ops)


@dataclass(frozen=True, eq=False)
class Page:
    background: Background
    canvas: Canvas


def write_pdf(pages: list[Page], *, title: str = "") -> bytes:
    """A PDF of the pages; backgrounds and fonts shared by pages are written once."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}

    def put(number: int, head: bytes, stream: bytes | None = None) -> None:
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + head)
        if stream is not None:
            out.write(b"\nstream\n" + stream + b"\nendstream")
        out.write(b"\nendobj\n")

    next_number = 4  # 1 catalog, 2 page tree, 3 document information
    placed: dict[int, int] = {}

    def place(block: Block) -> int:
        nonlocal next_number
        if id(block) not in placed:
            placed[id(block)] = base = next_number
            next_number += len(block.objects)
            for offset, (head, stream) in enumerate(block.placed(base)):
                put(base + offset, head, stream)
        return placed[id(block)]

    kids = []
    for page in pages:
        background = place(page.background.block)
        fonts = b" ".join(b"%s %d 0 R" % (name, place(used.block))
                          for name, used in page.canvas.fonts.items())
        lines = b"".join(b" %s %d 0 R" % (name, place(line.block))
                         for name, line in page.canvas.lines.items())
        content = zlib.compress(page.canvas.content(), 6)
        content_number, page_number = next_number, next_number + 1
        next_number += 2
        put(content_number, b"<< /Length %d /Filter /FlateDecode >>" % len(content), content)
        width, height = page.background.size
        put(page_number, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f]"
            b" /Resources << /XObject << /Bg %d 0 R%s >> /Font << %s >> >>"
            b" /Contents %d 0 R >>" % (width, height, background, lines, fonts, content_number))
        kids.append(page_number)
    put(1, b"<< /Type /Catalog /Pages 2 0 R >>")
    put(2, b"<< /Type /Pages /Count %d /Kids [%s] >>"
        % (len(kids), b" ".join(b"%d 0 R" % kid for kid in kids)))
    put(3, b"<< /Title <FEFF%s> /Producer (Aktywizacja) >>" % title.encode("utf-16-be").hex()
        .upper().encode())
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % next_number)
    for number in range(1, next_number):
        out.write(b"%010d 00000 n \n" % offsets[number])
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (next_number, xref))
    return out.getvalue()
