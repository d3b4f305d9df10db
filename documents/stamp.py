"""Fast certificates: a WeasyPrint background rendered once, the holder's lines stamped on it.

WeasyPrint lays out a page in tens of milliseconds; a batch of a thousand certificates differs
only in a few short lines. So the background (logos, funding line, heading, body, signature
block) is rendered once per distinct content and reused as a Form XObject; the varying lines are
written as PDF text in an embedded DejaVu subset with a ToUnicode map (so the text extracts and
searches like WeasyPrint's), and the QR code as vector squares. The writer below shares the
background's fonts and images between the pages of one batch PDF, and each single document
carries its own copy, so every stored certificate is a complete PDF on its own.

The file is tagged for assistive technology: the background keeps WeasyPrint's tags (its
structure elements point into the background's content stream, which each page therefore has a
copy of, as a form's marked content belongs to one parent per MCID), each stamped line is a
paragraph and the QR code a figure with its address as the alternative text, merged in reading
order by their place on the page; the catalogue declares the language and shows the title.

Here: the canvas of the holder's lines, the pages and the writer of the file. The blocks of PDF
objects and the background are in ``stamp_objects``, the embedded fonts in ``stamp_fonts``.
"""

import heapq
import io
import zlib
from dataclasses import dataclass, field

from .stamp_fonts import Font, font_for, laid_out_line, stampable
from .stamp_objects import A4, MM, Background, Block, Tag, background_from_pdf

# The background and the writer, as the certificates use them (``stamp.background_from_pdf``).
__all__ = ["A4", "MM", "Background", "Canvas", "Page", "background_from_pdf", "write_pdf"]

# Drawing the holder's lines


@dataclass
class Canvas:
    size: tuple[float, float] = A4
    fonts: dict = field(default_factory=dict)  # resource name → Font
    lines: dict = field(default_factory=dict)  # resource name → Background (laid-out lines)
    ops: list = field(default_factory=list)
    tags: list = field(default_factory=list)  # Tag per marked-content id on the page

    def _marked(self, op: bytes, *, top_mm: float, kind: str = "P", alt: str = "") -> None:
        mcid = len(self.tags)
        self.tags.append(Tag(kind, (mcid,), top_mm, alt))
        self.ops.append(b"/%s <</MCID %d>> BDC %s EMC" % (kind.encode(), mcid, op))

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
        self._marked(
            b"BT %s %.2f Tf %.2f %.2f Td %s Tj ET"
            % (self._name(used), size, x, y, used.encode(text)),
            top_mm=top_mm,
        )

    def _laid_out(self, text, *, top_mm, size, bold, centre_mm, left_mm, max_width_mm):
        width_mm = max_width_mm or (self.size[0] / MM - (left_mm or 0) - 10)
        line = laid_out_line(text, size=size, bold=bold, width_mm=width_mm,
                             align="center" if centre_mm is not None else "left")
        name = b"/L%d" % (len(self.lines) + 1)
        self.lines[name] = line
        x = (centre_mm - width_mm / 2) * MM if centre_mm is not None else left_mm * MM
        y = self.size[1] - top_mm * MM - line.size[1]
        self._marked(b"q 1 0 0 1 %.2f %.2f cm %s Do Q" % (x, y, name), top_mm=top_mm)

    def qr(self, matrix, *, left_mm: float, top_mm: float, size_mm: float, alt: str = ""
           ) -> None:
        """A QR code's modules (rows of 0/1, e.g. ``segno.make(...).matrix``) as squares, a
        figure whose alternative text is ``alt``."""
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
        self._marked(b"q 0 g " + b" ".join(rects) + b" f Q", top_mm=top_mm, kind="Figure",
                     alt=alt)

    def content(self) -> bytes:
        return b"q /Bg Do Q\n0 g\n" + b"\n".join(self.ops)


@dataclass(frozen=True, eq=False)
class Page:
    background: Background
    canvas: Canvas


def _text(value: str) -> bytes:
    return b"<FEFF%s>" % value.encode("utf-16-be").hex().upper().encode()


def write_pdf(pages: list[Page], *, title: str = "", language: str = "pl") -> bytes:
    """A PDF of the pages; backgrounds' resources and fonts shared by pages are written once."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}

    def put(number: int, head: bytes, stream: bytes | None = None) -> None:
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + head)
        if stream is not None:
            out.write(b"\nstream\n" + stream + b"\nendstream")
        out.write(b"\nendobj\n")

    # 1 catalog, 2 page tree, 3 document information, 4 structure tree root, 5 its Document
    next_number = 6
    placed: dict[int, int] = {}

    def place(block: Block, *, form_apart: bool = False) -> int:
        """The block's objects written once; ``form_apart`` leaves out its object 1 (the form:
        the first page writes it at its number, the others a copy each)."""
        nonlocal next_number
        if id(block) not in placed:
            placed[id(block)] = base = next_number
            next_number += len(block.objects)
            for offset, (head, stream) in enumerate(block.placed(base)):
                if not (form_apart and offset == 0):
                    put(base + offset, head, stream)
        return placed[id(block)]

    def allocate(count: int) -> int:
        nonlocal next_number
        first, next_number = next_number, next_number + count
        return first

    kids, elements, parents = [], [], []
    for index, page in enumerate(pages):
        fresh = id(page.background.block) not in placed
        base = place(page.background.block, form_apart=True)
        fonts = b" ".join(b"%s %d 0 R" % (name, place(used.block))
                          for name, used in page.canvas.fonts.items())
        lines = b"".join(b" %s %d 0 R" % (name, place(line.block))
                         for name, line in page.canvas.lines.items())
        content = zlib.compress(page.canvas.content(), 6)
        content_number = allocate(1)
        page_number = allocate(1)
        form_number = base if fresh else allocate(1)
        put(content_number, b"<< /Length %d /Filter /FlateDecode >>" % len(content), content)
        form_head, form_stream = page.background.block.placed(base)[0]
        put(form_number, form_head.replace(b"<<", b"<< /StructParents %d" % (2 * index + 1), 1),
            form_stream)
        width, height = page.background.size
        put(page_number, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f]"
            b" /Resources << /XObject << /Bg %d 0 R%s >> /Font << %s >> >>"
            b" /Contents %d 0 R /StructParents %d /Tabs /S >>"
            % (width, height, form_number, lines, fonts, content_number, 2 * index))
        kids.append(page_number)
        page_parents, form_parents = _tag_page(page, page_number, form_number, put, allocate,
                                               elements)
        parents += [page_parents, form_parents]
    put(1, b"<< /Type /Catalog /Pages 2 0 R /Lang %s /MarkInfo << /Marked true >>"
        b" /StructTreeRoot 4 0 R /ViewerPreferences << /DisplayDocTitle true >> >>"
        % _text(language))
    put(2, b"<< /Type /Pages /Count %d /Kids [%s] >>" % (len(kids), _refs(kids)))
    put(3, b"<< /Title %s /Producer (Aktywizacja) >>" % _text(title))
    nums = b" ".join(b"%d [%s]" % (key, b" ".join(b"%d 0 R" % n if n else b"null" for n in row))
                     for key, row in enumerate(parents))
    put(4, b"<< /Type /StructTreeRoot /K 5 0 R /ParentTree << /Nums [%s] >>"
        b" /ParentTreeNextKey %d >>" % (nums, len(parents)))
    put(5, b"<< /Type /StructElem /S /Document /P 4 0 R /K [%s] >>" % _refs(elements))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % next_number)
    for number in range(1, next_number):
        out.write(b"%010d 00000 n \n" % offsets[number])
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (next_number, xref))
    return out.getvalue()


def _refs(numbers) -> bytes:
    return b" ".join(b"%d 0 R" % number for number in numbers)


def _tag_page(page: Page, page_number: int, form_number: int, put, allocate, elements: list):
    """The page's structure elements in reading order (the background's and the stamped lines',
    merged by their place on the page); returns the parents of the page's and the form's MCIDs."""
    background = [(tag, True) for tag in page.background.tags]
    stamped = [(tag, False) for tag in page.canvas.tags]
    page_parents = [0] * len(stamped)
    form_parents = [0] * (max((max(t.mcids) for t, _ in background), default=-1) + 1)
    for tag, in_form in heapq.merge(background, stamped, key=lambda item: item[0].top_mm):
        number = allocate(1)
        if in_form:
            kids = b" ".join(b"<< /Type /MCR /Pg %d 0 R /Stm %d 0 R /MCID %d >>"
                             % (page_number, form_number, mcid) for mcid in tag.mcids)
        else:
            kids = b" ".join(b"%d" % mcid for mcid in tag.mcids)
        for mcid in tag.mcids:
            (form_parents if in_form else page_parents)[mcid] = number
        alt = b" /Alt %s" % _text(tag.alt) if tag.alt else b""
        put(number, b"<< /Type /StructElem /S /%s /P 5 0 R /Pg %d 0 R /K [%s]%s >>"
            % (tag.kind.encode(), page_number, kids, alt))
        elements.append(number)
    return page_parents, form_parents
