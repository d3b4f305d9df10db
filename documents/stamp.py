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
from array import array
from dataclasses import dataclass, field

from .stamp_fonts import Font, font_for, laid_out_line, stampable
from .stamp_objects import A4, MM, Background, Block, Tag, background_from_pdf

# The background and the writer, as the certificates use them (``stamp.background_from_pdf``).
__all__ = ["A4", "MM", "Background", "Canvas", "Page", "PdfFile", "background_from_pdf",
           "write_pdf"]

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
    """A background with the holder's lines drawn on it.

    What the writer asks of a page (a re-printed one read from its stored PDF answers the same,
    ``stamp_stored.StoredPage``): the background, the fonts' and laid-out lines' blocks by
    resource name, the compressed content and the structure elements in reading order, each
    with whether its content is in the background's form.
    """

    background: Background
    canvas: Canvas

    def fonts(self) -> dict[bytes, Block]:
        return {name: used.block for name, used in self.canvas.fonts.items()}

    def lines(self) -> dict[bytes, Block]:
        return {name: line.block for name, line in self.canvas.lines.items()}

    def content(self) -> bytes:
        return zlib.compress(self.canvas.content(), 6)

    def tagged(self) -> list[tuple[Tag, bool]]:
        return list(heapq.merge([(tag, True) for tag in self.background.tags],
                                [(tag, False) for tag in self.canvas.tags],
                                key=lambda item: item[0].top_mm))


def _text(value: str) -> bytes:
    return b"<FEFF%s>" % value.encode("utf-16-be").hex().upper().encode()


def write_pdf(pages, *, title: str = "", language: str = "pl") -> bytes:
    """A PDF of the pages in memory (a single document; a batch goes to a file, ``PdfFile``)."""
    out = io.BytesIO()
    with PdfFile(out, title=title, language=language) as pdf:
        for page in pages:
            pdf.add(page)
    return out.getvalue()


class PdfFile:
    """A PDF written to ``out`` (a binary file) page by page, as the pages come: a block shared
    by pages (a background, a font) is written once, with the first page that uses it; what is
    kept until the end is a few numbers per page (its offsets, its structure elements), from
    which ``close`` writes the catalogue, the page tree and the structure tree root.

    Objects: 1 catalog, 2 page tree, 3 document information, 4 structure tree root, 5 its
    Document element, then the pages' objects in the order they are written.
    """

    def __init__(self, out, *, title: str = "", language: str = "pl"):
        self._out = out
        self._at = 0  # bytes written: ``out`` need not be at its start, nor seekable
        self._offsets = array("Q", [0] * 6)  # by object number
        self._placed: dict[bytes, int] = {}  # block digest → its first object number
        self._kids = array("L")  # page objects
        self._elements = array("L")  # structure elements under the Document, in order
        self._parents = array("L")  # parent tree rows: a page's MCIDs, then its form's
        self.title, self.language = title, language
        self._write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace):
        if error is None:
            self.close()

    def _write(self, data: bytes) -> None:
        self._out.write(data)
        self._at += len(data)

    def _put(self, number: int, head: bytes, stream: bytes | None = None) -> None:
        self._offsets[number] = self._at
        self._write(b"%d 0 obj\n" % number + head)
        if stream is not None:
            self._write(b"\nstream\n")
            self._write(stream)
            self._write(b"\nendstream")
        self._write(b"\nendobj\n")

    def _allocate(self, count: int) -> int:
        first = len(self._offsets)
        self._offsets.extend([0] * count)
        return first

    def _place(self, block: Block, *, form_apart: bool = False) -> int:
        """The block's objects written once; ``form_apart`` leaves out its object 1 (the form:
        the first page writes it at its number, the others a copy each)."""
        if block.digest not in self._placed:
            self._placed[block.digest] = base = self._allocate(len(block.objects))
            for offset, (head, stream) in enumerate(block.placed(base)):
                if not (form_apart and offset == 0):
                    self._put(base + offset, head, stream)
        return self._placed[block.digest]

    def add(self, page) -> None:
        index = len(self._kids)
        background = page.background.block
        fresh = background.digest not in self._placed
        base = self._place(background, form_apart=True)
        fonts = b" ".join(b"%s %d 0 R" % (name, self._place(block))
                          for name, block in page.fonts().items())
        lines = b"".join(b" %s %d 0 R" % (name, self._place(block))
                         for name, block in page.lines().items())
        content = page.content()
        content_number = self._allocate(1)
        page_number = self._allocate(1)
        form_number = base if fresh else self._allocate(1)
        self._put(content_number, b"<< /Length %d /Filter /FlateDecode >>" % len(content),
                  content)
        form_head, form_stream = background.placed(base)[0]
        self._put(form_number, form_head.replace(
            b"<<", b"<< /StructParents %d" % (2 * index + 1), 1), form_stream)
        width, height = page.background.size
        self._put(page_number, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f]"
                  b" /Resources << /XObject << /Bg %d 0 R%s >> /Font << %s >> >>"
                  b" /Contents %d 0 R /StructParents %d /Tabs /S >>"
                  % (width, height, form_number, lines, fonts, content_number, 2 * index))
        self._kids.append(page_number)
        self._tag_page(page.tagged(), page_number, form_number)

    def _tag_page(self, tagged, page_number: int, form_number: int) -> None:
        """The page's structure elements in reading order, and the parents of the page's and
        the form's MCIDs (a row each, written now: the parent tree refers to them)."""
        parents = {True: {}, False: {}}
        for tag, in_form in tagged:
            number = self._allocate(1)
            if in_form:
                kids = b" ".join(b"<< /Type /MCR /Pg %d 0 R /Stm %d 0 R /MCID %d >>"
                                 % (page_number, form_number, mcid) for mcid in tag.mcids)
            else:
                kids = b" ".join(b"%d" % mcid for mcid in tag.mcids)
            for mcid in tag.mcids:
                parents[in_form][mcid] = number
            alt = b" /Alt %s" % _text(tag.alt) if tag.alt else b""
            self._put(number, b"<< /Type /StructElem /S /%s /P 5 0 R /Pg %d 0 R /K [%s]%s >>"
                      % (tag.kind.encode(), page_number, kids, alt))
            self._elements.append(number)
        for in_form in (False, True):
            row = [parents[in_form].get(mcid, 0)
                   for mcid in range(max(parents[in_form], default=-1) + 1)]
            number = self._allocate(1)
            self._put(number, b"[%s]" % b" ".join(b"%d 0 R" % n if n else b"null"
                                                  for n in row))
            self._parents.append(number)

    def close(self) -> None:
        self._put(1, b"<< /Type /Catalog /Pages 2 0 R /Lang %s /MarkInfo << /Marked true >>"
                  b" /StructTreeRoot 4 0 R /ViewerPreferences << /DisplayDocTitle true >> >>"
                  % _text(self.language))
        self._put(2, b"<< /Type /Pages /Count %d /Kids [%s] >>"
                  % (len(self._kids), _refs(self._kids)))
        self._put(3, b"<< /Title %s /Producer (Aktywizacja) >>" % _text(self.title))
        nums = b" ".join(b"%d %d 0 R" % (key, row) for key, row in enumerate(self._parents))
        self._put(4, b"<< /Type /StructTreeRoot /K 5 0 R /ParentTree << /Nums [%s] >>"
                  b" /ParentTreeNextKey %d >>" % (nums, len(self._parents)))
        self._put(5, b"<< /Type /StructElem /S /Document /P 4 0 R /K [%s] >>"
                  % _refs(self._elements))
        xref, count = self._at, len(self._offsets)
        self._write(b"xref\n0 %d\n0000000000 65535 f \n" % count)
        for start in range(1, count, 4096):
            self._write(b"".join(b"%010d 00000 n \n" % offset
                                 for offset in self._offsets[start:start + 4096]))
        self._write(b"trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R >>\nstartxref\n%d\n%%%%EOF\n"
                    % (count, xref))


def _refs(numbers) -> bytes:
    return b" ".join(b"%d 0 R" % number for number in numbers)
