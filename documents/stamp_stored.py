"""A stored certificate read back as a page of a batch, for a re-print.

The stored single PDF is the record: a re-print shows exactly its page (its background, its
stamped lines, its structure), not a page drawn again from data that may have changed since.
The stamp writer (``stamp.PdfFile``) wrote that PDF, so its objects are found through its
cross-reference table without a general PDF parser: the page's content stream is taken as it
is, and its background, fonts and laid-out lines as blocks, which a batch writes once however
many pages use them (equal blocks have equal digests, a fresh page's included), so a re-print is
about as small as a fresh batch instead of carrying each document's copy of them.

A PDF the stamp writer did not make (an older certificate) is placed whole, as a background
without lines: larger, but the same page.
"""

import re
import zlib
from dataclasses import dataclass

from .stamp_objects import Background, Block, Obj, Tag, background_from_pdf

_REF = re.compile(rb"(\d+) 0 R")
_LENGTH = re.compile(rb"/Length (\d+)")
_NAMED = re.compile(rb"/(\w+) (\d+) 0 R")
_STREAM_END = b"\nendstream"
_OBJ_END = b"\nendobj\n"


class NotStamped(ValueError):
    """The PDF is not one the stamp writer wrote."""


@dataclass(frozen=True, eq=False)
class StoredPage:
    """A stored certificate's page, as ``stamp.PdfFile`` takes a page."""

    background: Background
    font_blocks: dict
    line_blocks: dict
    compressed: bytes
    order: tuple  # (Tag, in the form) in reading order, as the stored structure has them

    def fonts(self) -> dict[bytes, Block]:
        return self.font_blocks

    def lines(self) -> dict[bytes, Block]:
        return self.line_blocks

    def content(self) -> bytes:
        return self.compressed

    def tagged(self) -> list[tuple[Tag, bool]]:
        return list(self.order)


class Shared:
    """The blocks met so far in a re-print, by digest: a thousand stored PDFs carry the same
    background and fonts, kept once in memory and written once in the batch."""

    def __init__(self):
        self._blocks: dict[bytes, Block] = {}

    def block(self, objects: tuple[Obj, ...]) -> Block:
        block = Block(objects)
        return self._blocks.setdefault(block.digest, block)


def stored_page(pdf: bytes, shared: Shared) -> StoredPage:
    try:
        return _stamped_page(pdf, shared)
    except (NotStamped, KeyError, IndexError, ValueError):
        return _whole_page(pdf)


def _whole_page(pdf: bytes) -> StoredPage:
    background = background_from_pdf(pdf)
    return StoredPage(background, {}, {}, zlib.compress(b"q /Bg Do Q"),
                      tuple((tag, True) for tag in background.tags))


def _stamped_page(pdf: bytes, shared: Shared) -> StoredPage:
    objects = _objects(pdf)
    page = _page_head(objects)
    if b"/XObject << /Bg " not in page:
        raise NotStamped
    xobjects = dict(_NAMED.findall(_between(page, b"/XObject <<", b">>")))
    fonts = dict(_NAMED.findall(_between(page, b"/Font <<", b">>")))
    content = objects[int(re.search(rb"/Contents (\d+) 0 R", page)[1])]
    form = int(xobjects.pop(b"Bg"))
    size = [float(v) for v in re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", page).groups()]
    background = Background(shared.block(_closure(objects, form)), tuple(size))
    return StoredPage(
        background,
        {b"/" + name: shared.block(_closure(objects, int(n))) for name, n in fonts.items()},
        {b"/" + name: shared.block(_closure(objects, int(n))) for name, n in xobjects.items()},
        content.stream,
        tuple(_structure(objects)),
    )


def _objects(pdf: bytes) -> dict[int, Obj]:
    """Every object of the file by number, from its cross-reference table (one subsection, as
    the stamp writer writes it)."""
    if not pdf.startswith(b"%PDF-"):
        raise NotStamped
    xref = int(pdf[pdf.rindex(b"startxref\n") + 10:].split()[0])
    header = pdf[xref:xref + 64].split(b"\n")
    if header[0] != b"xref" or not header[1].startswith(b"0 "):
        raise NotStamped
    count = int(header[1].split()[1])
    table = xref + len(header[0]) + len(header[1]) + 2
    offsets = {number: int(pdf[table + 20 * number:table + 20 * number + 10])
               for number in range(1, count)}
    ends = sorted([*offsets.values(), xref])
    following = dict(zip(ends, ends[1:], strict=False))
    objects = {number: _object(pdf[start:following[start]], number)
               for number, start in offsets.items()}
    if b"/Producer (Aktywizacja)" not in objects[3].head:
        raise NotStamped
    return objects


def _object(text: bytes, number: int) -> Obj:
    opening = b"%d 0 obj\n" % number
    if not text.startswith(opening) or not text.endswith(_OBJ_END):
        raise NotStamped
    body = text[len(opening):-len(_OBJ_END)]
    if not body.endswith(_STREAM_END):
        return Obj(body)
    length = int(_LENGTH.search(body)[1])
    head_end = len(body) - len(_STREAM_END) - length - len(b"\nstream\n")
    if body[head_end:head_end + 8] != b"\nstream\n":
        raise NotStamped
    return Obj(body[:head_end], body[head_end + 8:len(body) - len(_STREAM_END)])


def _page_head(objects: dict[int, Obj]) -> bytes:
    kids = _REF.findall(_between(objects[2].head, b"/Kids [", b"]"))
    if len(kids) != 1:
        raise NotStamped
    return objects[int(kids[0])].head


def _between(text: bytes, start: bytes, end: bytes) -> bytes:
    begin = text.index(start) + len(start)
    return text[begin:text.index(end, begin)]


def _closure(objects: dict[int, Obj], root: int) -> tuple[Obj, ...]:
    """The objects ``root`` refers to, directly or not, numbered 1.. in the order the writer
    placed them (a block's objects are written together, in its own order), ``root`` first."""
    found, waiting = set(), [root]
    while waiting:
        number = waiting.pop()
        if number not in found:
            found.add(number)
            waiting += [int(ref) for ref in _REF.findall(objects[number].head)]
    numbers = sorted(found)
    if numbers[0] != root or numbers[-1] - root != len(numbers) - 1:
        raise NotStamped
    local = {number: index + 1 for index, number in enumerate(numbers)}
    renumbered = []
    for number in numbers:
        obj = objects[number]
        head = _REF.sub(lambda m: b"%d 0 R" % local[int(m[1])], obj.head)
        if number == root:  # the page's form: its structure key is the page's, not the block's
            head = re.sub(rb"^<< /StructParents \d+", b"<<", head)
        renumbered.append(Obj(head, obj.stream))
    return tuple(renumbered)


def _structure(objects: dict[int, Obj]):
    """The page's structure elements under the Document, in their order."""
    if 5 not in objects or b"/StructElem" not in objects[5].head:
        return
    for ref in _REF.findall(_between(objects[5].head, b"/K [", b"]")):
        head = objects[int(ref)].head
        in_form = b"/MCR" in head
        if in_form:
            mcids = re.findall(rb"/MCID (\d+)", head)
        else:
            mcids = _between(head, b"/K [", b"]").split()
        alt = re.search(rb"/Alt <FEFF([0-9A-F]*)>", head)
        yield (Tag(re.search(rb"/S /(\w+)", head)[1].decode(),
                   tuple(int(mcid) for mcid in mcids), 0.0,
                   bytes.fromhex(alt[1].decode()).decode("utf-16-be") if alt else ""),
               in_form)
