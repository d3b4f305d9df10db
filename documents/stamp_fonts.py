"""The fonts of the stamped lines: DejaVu subsets embedded with a ToUnicode map (so the text
extracts and searches), and a line in a script outside them laid out by WeasyPrint instead."""

import hashlib
import html
import io
import unicodedata
import zlib
from dataclasses import dataclass
from functools import lru_cache

from fontTools import subset
from fontTools.ttLib import TTFont

from .stamp_objects import MM, Background, Block, Obj, background_from_pdf

# Latin (Polish and its neighbours) and the punctuation of Polish typesetting; other letters
# (a Cyrillic or Vietnamese name) get a larger subset of their own (font_for).
BASE_CHARS = frozenset(
    [*range(0x20, 0x7F), *range(0xA0, 0x180),
     *range(0x2010, 0x2027), 0x2116, 0x20AC]
)


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
