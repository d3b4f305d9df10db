"""What a sent file must be before it is kept: a PDF, JPEG or PNG by its content (never by its
name), no larger than the limit, a PDF without JavaScript, an image that is not a decompression
bomb, and a name without folders in it. ``check_upload`` is the one gate: the service stores only
what it let through (``CheckedUpload``)."""

import hashlib
import io
import re
import warnings
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http.multipartparser import MultiPartParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from .models import EXTENSIONS

# The first bytes say what a file is (filetype reads no more than these).
HEAD_BYTES = 8192
# Names a PDF runs scripts by: a JavaScript action or the document's scripts.
JAVASCRIPT_NAMES = {"/JS", "/JavaScript"}
RAW_JAVASCRIPT = re.compile(rb"/(?:JS|JavaScript)(?![A-Za-z0-9])")
PIL_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}
NAME_REFUSED = gettext_lazy(
    "The file name may not contain folders (“/”, “\\”) or “..”: rename the file and send it "
    "again."
)


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    content: bytes
    content_type: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def max_upload_bytes() -> int:
    return settings.DOSSIER_MAX_UPLOAD_MB * 1024 * 1024


def check_upload(uploaded, *, sent_name: str | None = None) -> CheckedUpload:
    """The sent file, checked; a ValidationError with a Polish sentence otherwise.

    ``sent_name`` is the name as the browser sent it, before Django cut off any folders."""
    name = sent_name if sent_name is not None else uploaded.name
    _check_name(name)
    if uploaded.size > max_upload_bytes():
        raise ValidationError(
            _("The file is larger than %(size)s MB.") % {"size": settings.DOSSIER_MAX_UPLOAD_MB},
            code="too_large",
        )
    uploaded.seek(0)
    content = uploaded.read()
    content_type = filetype.guess_mime(content[:HEAD_BYTES])
    if content_type not in EXTENSIONS:
        raise ValidationError(
            _("Only PDF, JPEG and PNG files can be added; this file is none of them "
              "(its content was checked, not its name)."),
            code="type",
        )
    if content_type == "application/pdf":
        _check_pdf(content)
    else:
        _check_image(content, PIL_FORMATS[content_type])
    return CheckedUpload(name=name, content=content, content_type=content_type)


def _check_name(name: str) -> None:
    if "/" in name or "\\" in name or ".." in name or "\x00" in name:
        raise ValidationError(NAME_REFUSED, code="name")


def _check_pdf(content: bytes) -> None:
    refused = ValidationError(
        _("The PDF contains JavaScript (scripts or actions run when it opens): it cannot be "
          "added. Print it to PDF again or scan the paper document."),
        code="javascript",
    )
    if RAW_JAVASCRIPT.search(content):
        raise refused
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError(
                _("The PDF is protected with a password: add it without the password."),
                code="encrypted",
            )
        scripted = _has_javascript(reader.trailer)
    except (PdfReadError, ValueError, KeyError, TypeError, RecursionError) as error:
        raise ValidationError(
            _("The PDF cannot be read: it is damaged or not a PDF."), code="unreadable"
        ) from error
    if scripted:
        raise refused


def _has_javascript(root) -> bool:
    """Whether any object reachable from the trailer names a script (compressed object streams
    included, which a scan of the raw bytes would not see)."""
    seen, stack = set(), [root]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            action = dict.get(item, "/S")
            if JAVASCRIPT_NAMES & set(item.keys()) or (
                isinstance(action, str) and action in JAVASCRIPT_NAMES
            ):
                return True
            stack.extend(dict.values(item))
        elif isinstance(item, ArrayObject):
            stack.extend(list.__iter__(item))
    return False


def _check_image(content: bytes, expected_format: str) -> None:
    """Reads the image's size from its header (nothing decompressed) and refuses more pixels
    than the limit, then lets Pillow check the whole file."""
    limit = settings.DOSSIER_MAX_IMAGE_PIXELS
    bomb = ValidationError(
        _("The image is too large (over %(megapixels)s million pixels): scan or photograph "
          "it at a lower resolution.") % {"megapixels": limit // 1_000_000 or 1},
        code="bomb",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                width, height = image.size
                if width * height > limit:
                    raise bomb
                if image.format != expected_format:
                    raise ValueError(image.format)
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise bomb from error
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise ValidationError(
            _("The image cannot be read: it is damaged or not a JPEG or PNG."),
            code="unreadable",
        ) from error


class _NamesSentParser(MultiPartParser):
    """Django's parser, which also remembers each file's name as sent: Django keeps only what
    follows the last "/" or "\\" (or drops a name ".."), and a name with folders in it is to
    be refused, not quietly shortened."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.names_sent: dict[str, str] = {}

    def sanitize_file_name(self, file_name):
        kept = super().sanitize_file_name(file_name)
        self.names_sent[kept or ""] = file_name
        return kept


def keep_names_sent(request) -> None:
    """Makes ``request.files_names_sent`` (kept name → name as sent) when the request's files
    are read; call it before anything reads ``request.POST`` or ``request.FILES``."""
    request.files_names_sent = {}

    def parse_file_upload(META, post_data):
        parser = _NamesSentParser(META, post_data, request.upload_handlers, request.encoding)
        parsed = parser.parse()
        request.files_names_sent = parser.names_sent
        return parsed

    request.parse_file_upload = parse_file_upload
