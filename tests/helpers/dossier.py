"""The participant's file: files to send (good and bad) and how they are sent."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from dossier.services import dossier_file_add
from dossier.uploads import check_upload


def pdf_bytes(script: str | None = None, open_action_js: str | None = None) -> bytes:
    """A one-page PDF; with ``script``, a document-level JavaScript; with ``open_action_js``,
    an /OpenAction that runs it when the document opens."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if script:
        names = ArrayObject([TextStringObject("start"), writer._add_object(_js_action(script))])
        writer._root_object[NameObject("/Names")] = DictionaryObject({
            NameObject("/JavaScript"): DictionaryObject({NameObject("/Names"): names}),
        })
    if open_action_js:
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(
            _js_action(open_action_js)
        )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _js_action(script: str) -> DictionaryObject:
    return DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"),
        NameObject("/JS"): TextStringObject(script),
    })


def image_bytes(format_: str = "PNG", size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 180, 160)).save(buffer, format=format_)
    return buffer.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(
        ">I", zlib.crc32(kind + data) & 0xFFFFFFFF
    )


def png_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG of a few hundred bytes whose header claims ten billion pixels (the rows that would
    follow compress to almost nothing: a decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * 4096, 9)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", rows)
            + _chunk(b"IEND", b""))


def exe_bytes() -> bytes:
    """The start of a Windows program (an MZ header with its PE pointer)."""
    head = bytearray(b"MZ" + b"\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(48))
    head[0x3C:0x40] = struct.pack("<I", 0x80)
    return bytes(head) + bytes(0x80 - len(head)) + b"PE\x00\x00" + bytes(400)


def upload(name: str, content: bytes, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def multipart(fields: dict, file_field: str, file_name: str, content: bytes,
              content_type: str = "application/pdf") -> tuple[bytes, str]:
    """A multipart body written by hand, so that the file name is sent exactly as given (the
    test client would shorten it to its last part)."""
    boundary = "----dossier-test-boundary"
    lines = []
    for name, value in fields.items():
        lines += [f"--{boundary}".encode(),
                  f'Content-Disposition: form-data; name="{name}"'.encode(), b"",
                  str(value).encode()]
    lines += [f"--{boundary}".encode(),
              f'Content-Disposition: form-data; name="{file_field}"; '
              f'filename="{file_name}"'.encode(),
              f"Content-Type: {content_type}".encode(), b"", content,
              f"--{boundary}--".encode(), b""]
    return b"\r\n".join(lines), f"multipart/form-data; boundary={boundary}"


def add_file(participation, by, *, kind="declaration", date=None, name="deklaracja.pdf",
             content=None):
    """A file added through the service, as the screen adds it."""
    from datetime import date as date_type

    checked = check_upload(upload(name, content or pdf_bytes()))
    return dossier_file_add(participation=participation, kind=kind,
                            date=date or date_type(2025, 2, 3), upload=checked, by=by)
