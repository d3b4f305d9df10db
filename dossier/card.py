"""The "File" tab of the participant's card (the card app puts it among its tabs)."""

from django.conf import settings

from .forms import DossierFileForm
from .models import DocumentKind, missing_kinds

VIEW_FILE = "dossier.view_dossierfile"


def missing_labels(participation, can) -> list[str]:
    """The required documents the participant's file lacks (for those who may see the file)."""
    if VIEW_FILE not in can:
        return []
    return [DocumentKind(kind).label for kind in missing_kinds([participation])[participation.pk]]


def dossier_tab_context(participation, can, form=None) -> dict:
    if VIEW_FILE not in can:
        return {"dossier_files": [], "missing_kinds": []}
    return {
        "dossier_files": participation.dossier_files.select_related("added_by", "removed_by")
        .order_by("removed_at", "kind", "-date", "-pk"),
        "missing_kinds": missing_labels(participation, can),
        "dossier_form": form or DossierFileForm(),
        "max_upload_mb": settings.DOSSIER_MAX_UPLOAD_MB,
    }
