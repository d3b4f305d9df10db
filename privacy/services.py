"""A person's copy of their data (RODO art. 15): one ZIP, and the record that it was given."""

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify

from aktywizacja.pdf import render_pdf

from .models import SubjectExport
from .subject import SubjectData, participations_of, subject_data

FILES_FOLDER = "pliki"


@dataclass
class Made:
    content: bytes
    filename: str
    export: SubjectExport


def _file_bytes(document) -> bytes:
    """Through the storage API: any storage (MEDIA_ROOT or object storage) answers the same."""
    with document.file.storage.open(document.file.name, "rb") as stored:
        return stored.read()


def _zip(data: SubjectData, pdf: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("dane.pdf", pdf)
        archive.writestr("dane.json", json.dumps(
            data.as_json(), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
        ))
        for document in data.files:
            archive.writestr(f"{FILES_FOLDER}/{document.download_name}", _file_bytes(document))
    return buffer.getvalue()


@transaction.atomic
def subject_export_make(*, participation, by) -> Made:
    """Everything recorded about the participation's person that ``by`` may see, as a ZIP of a
    PDF, the same as JSON and the uploaded files; recorded with the ZIP's fingerprint."""
    person = participation.person
    with translation.override("pl"):  # the labels and values of a Polish document
        data = subject_data(person, participations_of(by, person))
    made_at = timezone.localtime()
    pdf = render_pdf("pdf/subject_data.html", {"data": data, "made_at": made_at, "by": by})
    content = _zip(data, pdf)
    export = SubjectExport(
        person=person, participation=participation, project=participation.project,
        exported_by=by, sha256=hashlib.sha256(content).hexdigest(), size=len(content),
        files=len(data.files),
    )
    export.full_clean()
    export.save()
    name = slugify(f"{person.last_name}-{person.first_name}", allow_unicode=True)
    return Made(content, f"dane-osobowe-{name}-{made_at:%Y-%m-%d}.zip", export)
