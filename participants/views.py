import secrets
from uuid import UUID, uuid4

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from accounts.roles import Role
from aktywizacja.concurrency import EditConflict, save_checked
from aktywizacja.forms import add_errors
from aktywizacja.pagination import PAGE_PARAMS, keyset_page
from aktywizacja.views import FormScreen
from projects.access import (
    ProjectPermissions,
    ProjectScreen,
    get_object_for_user,
    projects_with_role,
    role_grants,
)
from projects.models import Project, participations_seen_in, sees_whole_project

from .card import VIEW_PERSON, participation_for, recruitment_tab_context
from .eligibility import eligibility_problems
from .filters import ACTIVE, ParticipationFilter, list_ordering, sorts_matches
from .forms import (
    BulkStatusForm,
    CandidateForm,
    ParticipationForm,
    PersonForm,
    StatusChangeForm,
)
from .models import (
    TRANSITIONS,
    Participation,
    ParticipationStatus,
    recording_organisation,
)
from .services import (
    participant_register,
    participation_change_status,
    participation_update,
    participations_change_status,
)

# A name or PESEL searched for is personal data: it never travels in the address, where access
# and proxy logs would keep it. The search is posted, kept in the session under a random key, and
# the list's address carries only that key (SECURITY.md, no PESEL in any log).
SEARCHES_KEY = "participant_searches"
SEARCH_TOKEN = "wyszukiwanie"
KEPT_SEARCHES = 20


def _remember_search(request, data) -> str:
    """The list's address for these filters: the search text stays in the session."""
    query = data.copy()
    for name in ("csrfmiddlewaretoken", *PAGE_PARAMS, SEARCH_TOKEN):
        query.pop(name, None)
    if not query.get("q", "").strip():
        query.pop("q", None)
        return f"{request.path}?{query.urlencode()}" if query else request.path
    searches = request.session.get(SEARCHES_KEY, {})
    token = secrets.token_urlsafe(9)
    searches[token] = query.urlencode()
    request.session[SEARCHES_KEY] = dict(list(searches.items())[-KEPT_SEARCHES:])
    return f"{request.path}?{SEARCH_TOKEN}={token}"


def _search_params(request) -> QueryDict:
    token = request.GET.get(SEARCH_TOKEN)
    return request.GET if token is None else _kept_search(request, token)


def _kept_search(request, token: str) -> QueryDict:
    """The filters kept under ``token``; none, with a message, once it has expired."""
    kept = request.session.get(SEARCHES_KEY, {}).get(token)
    if kept is None:
        messages.info(request, _("That search has expired: search again."))
        return QueryDict()
    return QueryDict(kept)


# The participant list's filters a bulk status change keeps: "everyone listed" there means
# everyone of the project with the status and edition chosen who also matches these.
NARROWING_FILTERS = ("sex", "social_worker", "disability")


def _bulk_status_url(request, filterset, params, projects) -> str | None:
    """The bulk status change of everyone the list shows, when it shows one project's people
    of one status that can change, and the user may change them."""
    if not filterset.is_valid():
        return None
    data = filterset.form.cleaned_data
    status = data.get("status")
    project = next((p for p in projects if str(p.pk) == data.get("project")), None)
    if project is None or not TRANSITIONS.get(status):
        return None
    if not role_grants(request.user, project, "participants.change_participation"):
        return None
    query = QueryDict(mutable=True)
    query["obecny"] = status
    if data.get("edition"):
        query["edycja"] = data["edition"]
    for name in NARROWING_FILTERS:
        if params.get(name):
            query[name] = params[name]
    if SEARCH_TOKEN in request.GET:
        query[SEARCH_TOKEN] = request.GET[SEARCH_TOKEN]
    query["wszyscy"] = "1"
    return f"{reverse('participants:bulk_status', args=[project.pk])}?{query.urlencode()}"


@login_required
def participant_list(request, mine=False):
    projects = projects_with_role(request.user, VIEW_PERSON)
    if not projects:
        raise PermissionDenied
    if request.method == "POST" or "q" in request.GET:
        # A search typed into an address (an old bookmark) is moved out of it too.
        return redirect(_remember_search(request, request.POST if request.method == "POST"
                                         else request.GET))
    params = _search_params(request)
    # The user's projects named by id (not a subquery): the database then knows which projects
    # the list reads, and the index of a project's people by name serves the order.
    queryset = (
        Participation.objects.filter(participations_seen_in(request.user, projects))
        .select_related("person", "project", "edition", "social_worker")
    )
    if mine:
        queryset = queryset.of_social_worker(request.user)
        if "status" not in params:  # a social worker's own cases: those not ended, at first
            params = params.copy()
            params["status"] = ACTIVE
    filterset = ParticipationFilter(params, queryset=queryset, projects=projects)
    participations = filterset.qs
    query = QueryDict(mutable=True)
    if SEARCH_TOKEN in request.GET:
        query[SEARCH_TOKEN] = request.GET[SEARCH_TOKEN]
    else:
        query.update(params)
    for name in PAGE_PARAMS:
        query.pop(name, None)
    page = keyset_page(participations, list_ordering(filterset), request.GET, query=query,
                       counted=True, sorted_first=sorts_matches(filterset))
    return render(request, "participants/participant_list.html", {
        "filter": filterset, "page_obj": page, "found": page.found,
        "mine": mine, "query": query.urlencode(),
        "may_apply_in": [project for project in projects if role_grants(
            request.user, project, "participants.add_participation")],
        "bulk_status_url": _bulk_status_url(request, filterset, params, projects),
    })


class ParticipantCreate(ProjectScreen, FormScreen):
    """A new application: the person (new, or one the organisation already recorded) and their
    participation as a candidate. A form submitted twice (its token) yields the first."""

    template_name = "participants/participant_create.html"
    form_class = CandidateForm
    success_message = gettext_lazy("The application has been recorded.")

    def find(self):
        self.project = get_object_for_user(
            self.request.user, Project, perm="participants.add_participation",
            pk=self.kwargs["project_pk"],
        )

    def get_initial(self):
        initial = {"token": uuid4()}
        # A social worker records their own cases first of all: they are the default.
        if self.project.memberships.active().filter(
            user=self.request.user, role=Role.SOCIAL_WORKER
        ).exists():
            initial["social_worker"] = self.request.user.pk
        return initial

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "project": self.project,
            "organisation": recording_organisation(self.request.user, self.project),
        }

    @method_decorator(sensitive_post_parameters("pesel"))
    def post(self, request, *args, **kwargs):
        already = self._created_with_token(request.POST.get("token"))
        if already:  # the same form submitted again
            return redirect("card:participation_detail", pk=already.pk)
        return super().post(request, *args, **kwargs)

    def save(self, form):
        data = form.cleaned_data
        return participant_register(
            project=self.project,
            person=form.existing_person or form.new_person(),
            participation=Participation(
                edition=data["edition"], social_worker=data["social_worker"],
                application_date=data["application_date"],
                recruitment_source=data["recruitment_source"],
            ),
            by=self.request.user, token=data["token"], on=timezone.localdate(),
        )

    def get_success_url(self, saved=None):
        return reverse("card:participation_detail", args=[saved.pk])

    def get_back_url(self):
        return reverse("participants:participant_list")

    def _created_with_token(self, token):
        try:
            token = UUID(token or "")
        except ValueError:
            return None
        return Participation.objects.filter(creation_token=token, project=self.project).first()


class ParticipationScreen(ProjectScreen, FormScreen):
    """An edit form of one participation or its person (the version checked on saving)."""

    permission = None
    template_name = "participants/participation_form.html"
    success_message = gettext_lazy("The changes have been saved.")
    back_label = gettext_lazy("Back to the participant")

    def find(self):
        self.participation = participation_for(self.request, self.kwargs["pk"],
                                               perm=self.permission)
        self.project = self.participation.project

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "participation": self.participation, "title": self.title,
        }

    def save(self, form):
        save_checked(form.instance, expected_version=form.cleaned_data["version"])

    def get_back_url(self):
        return reverse("card:participation_detail", args=[self.participation.pk])


class ParticipationUpdate(ParticipationScreen):
    form_class = ParticipationForm
    permission = "participants.change_participation"
    title = gettext_lazy("Participation and data at entry")

    def get_instance(self):
        return self.participation

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "may_reassign": sees_whole_project(self.request.user, self.project),
        }

    def save(self, form):
        participation_update(
            participation=form.instance, by=self.request.user,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data.get("correction_reason", ""),
        )


class PersonUpdate(ParticipationScreen):
    form_class = PersonForm
    permission = "participants.change_person"
    title = gettext_lazy("Personal data")

    def get_instance(self):
        return self.participation.person

    @method_decorator(sensitive_post_parameters("pesel"))
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


@require_POST
@login_required
def participation_status_change(request, pk):
    participation = participation_for(request, pk, perm="participants.change_participation")
    problems = eligibility_problems(participation, list(participation.project.support_area.all()))
    form = StatusChangeForm(
        request.POST, participation=participation, eligibility_problems=problems
    )
    if form.is_valid():
        try:
            participation_change_status(
                participation=participation, to_status=form.cleaned_data["to_status"],
                on=form.cleaned_data["date"], reason=form.cleaned_data["reason"],
                by=request.user, expected_version=form.cleaned_data["version"],
                override=form.cleaned_data.get("override", False),
            )
        except EditConflict:
            messages.error(request, _(
                "Someone changed this participation in the meantime. Check its current "
                "status and try again."
            ))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The status has been changed."))
            return redirect("card:participation_tab", pk=pk, tab="recruitment")
        participation.refresh_from_db()  # show what is saved, not the refused change
    context = {
        "participation": participation, "person": participation.person, "tab": "recruitment",
        "can": ProjectPermissions(request.user, participation.project),
        **recruitment_tab_context(participation, form),
    }
    return render(request, "participants/participation_detail.html", context, status=400)


@login_required
def recruitment_summary(request, project_pk):
    """Equal opportunities in recruitment: statuses by sex and disability, totals only."""
    project = get_object_for_user(
        request.user, Project, perm="participants.view_participation", pk=project_pk
    )
    counts = project.participations.by_sex_and_disability(
        {status: Q(status=status) for status in ParticipationStatus}
    )
    rows = [{"status": status, **counts[status]} for status in ParticipationStatus]
    return render(request, "participants/recruitment_summary.html", {
        "project": project, "rows": rows,
        "applications": sum(row["total"] for row in rows),
    })


class BulkStatus(ProjectScreen, FormScreen):
    """One step of the recruitment path for many people at once (closing a hundred
    participations is one form, not two hundred)."""

    template_name = "participants/bulk_status.html"
    form_class = BulkStatusForm

    def find(self):
        self.project = get_object_for_user(
            self.request.user, Project, perm="participants.change_participation",
            pk=self.kwargs["project_pk"],
        )
        source = self.request.POST if self.request.method == "POST" else self.request.GET
        self.current = source.get("obecny", ParticipationStatus.PARTICIPANT)
        if self.current not in ParticipationStatus.values or not TRANSITIONS[self.current]:
            self.current = ParticipationStatus.PARTICIPANT
        # The list may also be limited to an edition: "everyone" then means everyone matching.
        edition = source.get("edycja", "")
        self.only_edition = (
            self.project.editions.filter(pk=edition).first() if edition.isdigit() else None
        )
        # ... and to whom the participant list's other filters show, kept through the post.
        self.narrowing = QueryDict(mutable=True)
        for name in (*NARROWING_FILTERS, SEARCH_TOKEN):
            if source.get(name):
                self.narrowing[name] = source[name]

    def listed(self):
        """The people the page lists: of the status and edition chosen, matching the list's
        filters (none when a filter is not valid, so "everyone" never means more)."""
        listed = self.project.participations.for_user(self.request.user).filter(
            status=self.current
        ).in_edition(
            self.only_edition
        )
        if not self.narrowing:
            return listed
        params = self.narrowing.copy()
        token = params.pop(SEARCH_TOKEN, [None])[0]
        if token is not None:
            params["q"] = _kept_search(self.request, token).get("q", "")
        filterset = ParticipationFilter(params, queryset=listed, projects=[self.project])
        return filterset.qs if filterset.is_valid() and params.get("q") != "" else listed.none()

    def get_initial(self):
        return {"date": timezone.localdate()}

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "project": self.project, "current": self.current, "listed": self.listed(),
        }

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.request.method == "GET" and self.request.GET.get("wszyscy"):
            form.initial["participations"] = list(form.fields["participations"].queryset)
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        listed = context["form"].fields["participations"].queryset
        return context | {
            "current": self.current,
            "only_edition": self.only_edition,
            "narrowing": self.narrowing,
            "editions": self.project.editions.all(),
            "statuses": [status for status in ParticipationStatus if TRANSITIONS[status]],
            "versions": {p.pk: p.version for p in listed},
        }

    def save(self, form):
        chosen = list(form.cleaned_data["participations"])
        posted = self.request.POST
        versions = {p.pk: _posted_int(posted.get(f"wersja-{p.pk}")) for p in chosen}
        data = form.cleaned_data
        participations_change_status(
            participations=chosen, versions=versions, to_status=data["to_status"],
            on=data["date"], reason=data["reason"], by=self.request.user,
            edition=data["edition"],
            exit_data={"exit_reason": data["exit_reason"],
                       "situation_at_exit": data["situation_at_exit"],
                       "path_completed": data["path_completed"]},
        )
        self.current = data["to_status"]  # the list shown next: where the people now stand
        return chosen

    def get_success_message(self, saved):
        return ngettext(
            "The status of %(count)s person has been changed.",
            "The status of %(count)s people has been changed.", len(saved),
        ) % {"count": len(saved)}

    def get_success_url(self, saved=None):
        return f"{self.request.path}?obecny={self.current}"  # where the people now stand

    def get_back_url(self):
        return reverse("participants:participant_list")


def _posted_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
