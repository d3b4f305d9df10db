"""The start page of each role: what this person does today (the social worker's cases,
sessions and things to do, the coordinator's double funding, the director's indicators). It
reads many apps and no app imports it."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.roles import Role
from instruments.models import Session, SessionKind
from participants.models import TAKING_PART, Participation
from projects.access import projects_where, scoped
from projects.models import IndicatorTarget, Project
from reporting.indicators import progress_of

from .todo import DUE_WITHIN_DAYS, todo_of

START_TEMPLATES = {
    Role.SOCIAL_WORKER: "home/start_social_worker.html",
    Role.COORDINATOR: "home/start_coordinator.html",
    Role.DIRECTOR: "home/start_director.html",
}


@login_required
def start(request):
    """The start page: what this person does today, by their role."""
    if request.user.is_data_protection_officer and request.user.main_role is None:
        return redirect("privacy:officer_start")  # on no team: their own pages, no project
    role = request.user.main_role
    projects = (
        scoped(request.user, Project)
        .select_related("programme", "lead_beneficiary")
        .annotate(participant_count=_taking_part_count())
    )
    today = timezone.localdate()
    context = {"role": role, "projects": projects, "today": today}
    if role == Role.SOCIAL_WORKER:
        context["cases"] = (
            scoped(request.user, Participation)
            .of_social_worker(request.user)
            .select_related("person", "project", "edition")
        )
        context["today_sessions"] = _sessions_of_my_participants(request.user, today)
        context["todo"] = todo_of(request.user, today)
        context["grid_projects"] = set(
            projects_where(request.user, "instruments.view_attendance").values_list(
                "pk", flat=True
            )
        )
    elif role == Role.COORDINATOR:
        context["overlaps"] = (
            scoped(request.user, Participation)
            .overlapping_elsewhere()
            .select_related("person", "project")
        )
    elif role == Role.DIRECTOR:
        context["indicators"] = progress_of(
            scoped(request.user, IndicatorTarget)
            .select_related("indicator", "project")
            .order_by("project__start_date", "project", "indicator__order")
        )
    template = START_TEMPLATES.get(role, "home/start_coordinator.html")
    return render(request, template, context)


@login_required
def todo(request):
    """The social worker's list of things to do about their participants, item by item."""
    return render(request, "home/todo.html", {
        "todo": todo_of(request.user, timezone.localdate()), "within": DUE_WITHIN_DAYS,
    })


def _taking_part_count():
    """The people taking part in each of the user's projects: counted per project in the index
    of participants 0016 (project, status), not by joining every participation to the list of
    projects and removing duplicates."""
    counted = (
        Participation.objects.filter(project=OuterRef("pk"), status__in=TAKING_PART)
        .order_by().values("project").annotate(count=Count("pk")).values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _sessions_of_my_participants(user, day):
    """The day's sessions to which the user's own participants are referred (or consulted)."""
    return (
        scoped(user, Session)
        .filter(date=day)
        .filter(
            Q(kind=SessionKind.GROUP, support_form__referrals__participation__social_worker=user)
            | Q(kind=SessionKind.INDIVIDUAL, participation__social_worker=user)
        )
        .select_related("support_form__project")
        .distinct()
        .order_by("start_time", "pk")
    )
