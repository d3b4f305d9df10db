"""The low-level PDF objects of the certificate writer: blocks of numbered objects that refer to
each other, placed into a PDF at any number, and a WeasyPrint page read back (pypdf) as such a
block, the background a certificate's lines are stamped on, with the structure WeasyPrint tagged
its content with (what assistive technology reads), kept as a flat list of ``Tag``."""

import hashlib
import io
import re
from dataclasses import dataclass, field
from functools import cached_property

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
        """The objects renumbered from ``base`` (remembered: single documents repeat bases; a
        batch places a block at a base of its own, so only the last few are kept)."""
        if base not in self._placed:
            if len(self._placed) >= 4:
                self._placed.clear()
            self._placed[base] = [
                (_REF.sub(lambda m: b"%d 0 R" % (int(m[1]) + base - 1), obj.head), obj.stream)
                for obj in self.objects
            ]
        return self._placed[base]

    @cached_property
    def digest(self) -> bytes:
        """What the objects are, whoever made them: a batch writes equal blocks once (the
        background of a re-printed certificate read from its stored PDF is the fresh one's)."""
        hashed = hashlib.sha256()
        for obj in self.objects:
            hashed.update(b"%d %d\n" % (len(obj.head), -1 if obj.stream is None
                                        else len(obj.stream)))
            hashed.update(obj.head)
            hashed.update(obj.stream or b"")
        return hashed.digest()


@dataclass(frozen=True)
class Tag:
    """One structure element of a page: its type (P, H1, Figure), the marked-content ids of its
    content, where it starts (mm from the top, to merge the stamped lines in reading order) and
    the alternative text of a figure."""

    kind: str
    mcids: tuple[int, ...]
    top_mm: float
    alt: str = ""


@dataclass(frozen=True, eq=False)
class Background:
    block: Block  # object 1 is the Form XObject of the page
    size: tuple[float, float]
    tags: tuple[Tag, ...] = ()


def background_from_pdf(pdf: bytes) -> Background:
    """The first page of a PDF (WeasyPrint's) as a self-contained Form XObject block."""
    writer = PdfWriter()
    reader = PdfReader(io.BytesIO(pdf))
    page = writer.add_page(reader.pages[0])
    box = [float(value) for value in page.mediabox]
    form = DecodedStreamObject()
    contents = page.get_contents()  # none on a blank page
    form.set_data(contents.get_data() if contents is not None else b"")
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject(page.mediabox),
        NameObject("/Resources"): page.get("/Resources", DictionaryObject()),
    })
    root = writer._add_object(form.flate_encode())
    return Background(block=_block_from(writer, root), size=(box[2] - box[0], box[3] - box[1]),
                      tags=_tags(reader, form.get_data()))


# WeasyPrint (pdf_variant "pdf/ua-1") marks each piece of content "/Span <</MCID n>> BDC" and
# places it with a matrix ending in the CSS pixel offset from the top of the page.
_MARKED = re.compile(rb"<</MCID (\d+)>>\s*BDC(.*?)EMC", re.S)
_PLACED = re.compile(rb"1 0 0 -?1 -?[\d.]+ ([\d.]+) (?:Tm|cm)")
_PX_MM = 25.4 / 96
_GROUPING = {"/Document", "/Div", "/Sect", "/Part", "/Art", "/NonStruct"}


def _tags(reader: PdfReader, content: bytes) -> tuple[Tag, ...]:
    """WeasyPrint's structure of the page, flattened to the elements that hold content."""
    root = reader.trailer["/Root"]
    if "/StructTreeRoot" not in root:
        return ()
    tops = {}
    for match in _MARKED.finditer(content):
        placed = _PLACED.search(match[2])
        tops[int(match[1])] = float(placed[1]) * _PX_MM if placed else 0.0
    tags: list[Tag] = []
    _collect(root["/StructTreeRoot"].get_object(), tags, tops)
    return tuple(tags)


def _collect(element, tags: list[Tag], tops: dict) -> None:
    kind = str(element.get("/S", "/Document"))
    kids = _kids(element)
    if kind in _GROUPING or "/S" not in element or _has_figure(element):
        for kid in kids:
            if not isinstance(kid, int):
                _collect(kid, tags, tops)
        return
    mcids = tuple(_mcids(element))
    if mcids:
        tags.append(Tag(kind[1:], mcids, min(tops.get(mcid, 0.0) for mcid in mcids),
                        str(element.get("/Alt", ""))))


def _kids(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    kids = kids.get_object()
    kids = list(kids) if isinstance(kids, list) else [kids]
    return [kid if isinstance(kid, int) else kid.get_object() for kid in kids]


def _mcids(element):
    for kid in _kids(element):
        if isinstance(kid, int):
            yield int(kid)
        elif "/MCID" in kid and "/S" not in kid:
            yield int(kid["/MCID"])
        else:
            yield from _mcids(kid)


def _has_figure(element) -> bool:
    return any(not isinstance(kid, int) and (kid.get("/S") == "/Figure" or _has_figure(kid))
               for kid in _kids(element))


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
