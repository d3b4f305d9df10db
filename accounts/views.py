from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from instruments.models import Session, SessionKind
from participants.models import TAKING_PART, Participation
from projects.access import projects_where, scoped
from projects.models import IndicatorTarget, Project
from reporting.indicators import progress_of

from .forms import PasswordConfirmForm
from .reauth import mark_password_confirmed
from .roles import Role
from .textsize import COOKIE, is_known

START_TEMPLATES = {
    Role.SOCIAL_WORKER: "accounts/start_social_worker.html",
    Role.COORDINATOR: "accounts/start_coordinator.html",
    Role.DIRECTOR: "accounts/start_director.html",
}


@login_required
def start(request):
    """The start page: what this person does today, by their role."""
    role = request.user.main_role
    projects = (
        scoped(request.user, Project)
        .select_related("programme", "lead_beneficiary")
        .annotate(
            participant_count=Count(
                "participations",
                filter=Q(participations__status__in=TAKING_PART),
                distinct=True,
            )
        )
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
    template = START_TEMPLATES.get(role, "accounts/start_coordinator.html")
    return render(request, template, context)


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


@require_POST
def set_text_size(request):
    size = request.POST.get("size", "normal")
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if is_known(size):
        response.set_cookie(
            COOKIE, size, max_age=365 * 24 * 3600, samesite="Lax",
            secure=request.is_secure(), httponly=True,
        )
    return response


MAX_CONFIRMATION_FAILURES = 5
FAILURES_KEY = "password_confirmation_failures"


@login_required
def confirm_password(request):
    """Asks for the password again before a sensitive action, then returns to it."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("accounts:start")
    form = PasswordConfirmForm(
        request.POST if request.method == "POST" else None, user=request.user
    )
    if request.method == "POST":
        if form.is_valid():
            request.session.pop(FAILURES_KEY, None)
            mark_password_confirmed(request)
            return HttpResponseRedirect(next_url)
        failures = request.session.get(FAILURES_KEY, 0) + 1
        request.session[FAILURES_KEY] = failures
        if failures >= MAX_CONFIRMATION_FAILURES:
            logout(request)  # someone else at an unattended computer: end the session
            return redirect_to_login(next_url)
    return render(request, "registration/confirm_password.html", {
        "form": form, "next": next_url,
    }, status=400 if form.errors else 200)
