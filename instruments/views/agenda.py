"""The agenda: the coming days' sessions across the user's projects."""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from projects.access import projects_where

from ..forms import AgendaFilterForm
from ..models import Session
from .lookups import VIEW_ATTENDANCE, VIEW_SESSION


@login_required
def agenda(request):
    """Upcoming sessions across the user's projects, with the way to the attendance grid."""
    projects = projects_where(request.user, VIEW_SESSION).order_by("short_name")
    form = AgendaFilterForm(request.GET or None, projects=projects)
    chosen = form.cleaned_data if form.is_valid() else {}
    start = timezone.localdate()
    days = chosen.get("days") or AgendaFilterForm.DEFAULT_DAYS
    chosen_project = chosen.get("project")
    sessions = (
        Session.objects.filter(
            support_form__project__in=[chosen_project] if chosen_project else projects,
            date__range=(start, start + timedelta(days=days - 1)),
        )
        .select_related("support_form__project")
        .order_by("date", "start_time", "pk")
    )
    return render(request, "instruments/agenda.html", {
        "form": form,
        "sessions": sessions,
        "start": start,
        "end": start + timedelta(days=days - 1),
        "grid_projects": set(
            projects_where(request.user, VIEW_ATTENDANCE).values_list("pk", flat=True)
        ),
    })
