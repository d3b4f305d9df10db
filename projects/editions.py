"""A page limited to one edition of a project (``?edycja=<id>``): the one place that reads it."""

from django.http import Http404

EDITION_PARAM = "edycja"


def chosen_edition(request, project):
    """The project's edition the page is limited to, or None for the whole project; another
    project's edition, or not an edition at all, is not found."""
    value = request.GET.get(EDITION_PARAM, "")
    if not value:
        return None
    edition = project.editions.filter(pk=value).first() if value.isdigit() else None
    if edition is None:
        raise Http404
    return edition
