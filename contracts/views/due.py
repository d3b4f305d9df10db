"""Contracts whose review or end is near or has passed, across the user's projects."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F
from django.db.models.functions import Coalesce, Least
from django.shortcuts import render
from django.utils import timezone

from projects.access import projects_where, scoped

from ..models import SocialContract
from .lookups import VIEW


@login_required
def contract_due(request):
    """Contracts in force of the user's projects whose review or end is near or has passed."""
    projects = projects_where(request.user, VIEW)
    if not projects.exists():
        raise PermissionDenied
    today = timezone.localdate()
    contracts = (
        scoped(request.user, SocialContract)
        .filter(project__in=projects)
        .due(today)
        .select_related("participation__person", "project", "worker")
        .annotate(due_on=Least(Coalesce("next_review_on", "valid_to"), F("valid_to")))
        .order_by("due_on", "number", "pk")
    )
    page = Paginator(contracts, 50).get_page(request.GET.get("page"))
    return render(request, "contracts/contract_due.html", {"page_obj": page, "today": today})
