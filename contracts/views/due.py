"""Contracts whose review or end is near or has passed, across the user's projects."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from aktywizacja.pagination import keyset_page
from projects.access import projects_with_role
from projects.models import participations_seen_in

from ..models import SocialContract
from .lookups import VIEW


@login_required
def contract_due(request):
    """Contracts in force of the user's projects whose review or end is near or has passed."""
    projects = projects_with_role(request.user, VIEW)
    if not projects:
        raise PermissionDenied
    today = timezone.localdate()
    # The projects named by id: the index of a project's contracts by due date serves the order.
    contracts = (
        SocialContract.objects.filter(participations_seen_in(
            request.user, projects, organisation="participation__organisation"))
        .due(today)
        .select_related("participation__person", "project", "worker")
    )
    page = keyset_page(contracts, ["due_on", "number", "pk"], request.GET, counted=True)
    return render(request, "contracts/contract_due.html", {
        "page_obj": page, "found": page.found, "today": today,
    })
