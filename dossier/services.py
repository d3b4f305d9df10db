"""Adding a file to a participant's file, removing one (the row stays, with why), and the
kinds a project requires."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aktywizacja.history import attributed

from .models import DossierFile, RequiredKind
from .uploads import CheckedUpload


def dossier_file_add(*, participation, kind: str, date, upload: CheckedUpload, by) -> DossierFile:
    """Stores the checked file under a random name and records it; a refusal stores nothing."""
    document = DossierFile(
        participation=participation, kind=kind, date=date, original_name=upload.name[:200],
        content_type=upload.content_type, size=len(upload.content), sha256=upload.sha256,
        added_by=by,
    )
    document.full_clean(exclude=["file"])
    document.file.save("upload", ContentFile(upload.content), save=False)
    try:
        with transaction.atomic():
            attributed(document, by).save()
    except BaseException:
        document.file.delete(save=False)
        raise
    return document


@transaction.atomic
def dossier_file_remove(*, document: DossierFile, reason: str, by) -> DossierFile:
    """Records who removed the file, when and why; the stored copy is deleted once that is
    saved (the row stays, so the list shows that there was a file and what became of it)."""
    document = DossierFile.objects.select_for_update().get(pk=document.pk)
    if document.is_removed:
        raise ValidationError(_("This file has already been removed."))
    stored = document.file.name
    storage = document.file.storage
    document.removed_at = timezone.now()
    document.removed_by = by
    document.removal_reason = reason.strip()
    document.file = ""
    document.full_clean()
    attributed(document, by).save(
        update_fields=["removed_at", "removed_by", "removal_reason", "file"]
    )
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))
    return document


@transaction.atomic
def required_kinds_set(*, project, kinds: list[str], by) -> None:
    """The kinds the project requires before someone becomes a participant: exactly these."""
    wanted = set(kinds)
    for required in RequiredKind.objects.filter(project=project).exclude(kind__in=wanted):
        attributed(required, by).delete()
    present = set(RequiredKind.objects.filter(project=project).values_list("kind", flat=True))
    for kind in sorted(wanted - present):
        required = RequiredKind(project=project, kind=kind)
        required.full_clean()
        attributed(required, by).save()
