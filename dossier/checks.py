"""A system check: the participant's files are never stored where static files are served."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security)
def media_root_apart_from_static(app_configs, **kwargs):
    media = Path(settings.MEDIA_ROOT).resolve()
    static_roots = [settings.STATIC_ROOT, *(
        entry[1] if isinstance(entry, list | tuple) else entry
        for entry in settings.STATICFILES_DIRS
    )]
    for root in (Path(root).resolve() for root in static_roots if root):
        if media.is_relative_to(root) or root.is_relative_to(media):
            return [Error(
                f"MEDIA_ROOT ({media}) overlaps the static files at {root}: uploaded "
                "participants' documents would be served to anyone.",
                hint="Set MEDIA_ROOT to a folder apart from STATIC_ROOT and STATICFILES_DIRS.",
                id="dossier.E001",
            )]
    return []
