"""Fast certificates: a WeasyPrint background rendered once, the holder's lines stamped on it.

WeasyPrint lays out a page in tens of milliseconds; a batch of a thousand certificates differs
only in a few short lines. So the background (logos, funding line, heading, body, signature
block) is rendered once per distinct content and reused as a Form XObject; the varying lines are
written as PDF text in an embedded DejaVu subset with a ToUnicode map (so the text extracts and
searches like WeasyPrint's), and the QR code as vector squares. The writer below shares the
background and the fonts between the pages of one batch PDF, and each single document carries
its own copy, so every stored certificate is a complete PDF on its own.

Here: the canvas of the holder's lines, the pages and the writer of the file. The blocks of PDF
objects and the background are in ``stamp_objects``, the embedded fonts in ``stamp_fonts``.
"""

import io
import zlib
from dataclasses import dataclass, field

from .stamp_fonts import Font, font_for, laid_out_line, stampable
from .stamp_objects import A4, MM, Background, Block, background_from_pdf

# The background and the writer, as the certificates use them (``stamp.background_from_pdf``).
__all__ = ["A4", "MM", "Background", "Canvas", "Page", "background_from_pdf", "write_pdf"]

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
