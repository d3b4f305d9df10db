"""The one way a file leaves the application: as a download that is never cached (it holds
personal data) and keeps its Polish file name (Django writes ``filename*`` in UTF-8 for a name
outside ASCII, with an ASCII fallback beside it)."""

import io
from collections.abc import Callable
from typing import BinaryIO

from django.http import FileResponse

PDF = "application/pdf"


def download(content: bytes | BinaryIO, filename: str, content_type: str,
             then: Callable[[], None] | None = None) -> FileResponse:
    """``filename`` may hold a document number ("NASZ-1/KS/2025/0001"): its slashes become
    hyphens, not the folders a browser would drop together with the number's start.
    ``content``: the bytes, or an open file sent in blocks; ``then`` runs once it is sent."""
    filename = filename.replace("/", "-").replace("\\", "-")
    if isinstance(content, bytes | bytearray | memoryview):
        content = io.BytesIO(content)
    response = FileResponse(
        content, as_attachment=True, filename=filename, content_type=content_type
    )
    if then is not None:
        response._resource_closers.append(then)
    response["Cache-Control"] = "no-store, private"
    return response


def pdf_download(content: bytes | BinaryIO, filename: str) -> FileResponse:
    return download(content, filename, PDF)
