"""The low-level PDF objects of the certificate writer: blocks of numbered objects that refer to
each other, placed into a PDF at any number, and a WeasyPrint page read back (pypdf) as such a
block, the background a certificate's lines are stamped on."""

import io
import re
from dataclasses import dataclass, field

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
