from uuid import UUID, uuid4

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from aktywizacja.concurrency import EditConflict, save_checked
from projects.access import get_object_for_user, has_project_perm, projects_where, scoped
from projects.models import Project

from .filters import ParticipationFilter
from .forms import CandidateForm, ParticipationForm, PersonForm, StatusChangeForm
from .history import change_history
from .models import Participation
from .services import participant_register, participation_change_status

VIEW_PERSON = "participants.view_person"
TABS = ["data", "recruitment", "history"]


def _participation_for(request, pk, perm=VIEW_PERSON):
    queryset = Participation.objects.select_related(
        "person", "project", "edition", "social_worker"
    )
    return get_object_for_user(request.user, queryset, perm=perm, pk=pk)


@login_required
def participant_list(request, mine=False):
    projects = projects_where(request.user, VIEW_PERSON)
    if not projects.exists():
        raise PermissionDenied
    queryset = (
        scoped(request.user, Participation)
        .filter(project__in=projects)
        .select_related("person", "project", "edition", "social_worker")
    )
    if mine:
        queryset = queryset.of_social_worker(request.user)
    filterset = ParticipationFilter(request.GET, queryset=queryset, projects=projects)
    participations = filterset.qs
    chosen_order = participations.query.order_by or ("person__last_name",)
    participations = participations.order_by(*chosen_order, "person__first_name", "pk")
    page = Paginator(participations, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "participants/participant_list.html", {
        "filter": filterset, "page_obj": page, "mine": mine, "query": query.urlencode(),
        "can_add_in": [p for p in projects if has_project_perm(
            request.user, p, "participants.add_participation")],
    })


@login_required
def participation_detail(request, pk, tab="data"):
    if tab not in TABS:
        tab = "data"
    participation = _participation_for(request, pk)
    context = {
        "participation": participation,
        "person": participation.person,
        "tab": tab,
        "overlaps_elsewhere": Participation.objects.filter(pk=participation.pk)
        .overlapping_elsewhere()
        .exists(),
        "can_change": has_project_perm(
            request.user, participation.project, "participants.change_participation"
        ),
    }
    if tab == "recruitment":
        context["status_changes"] = participation.status_changes.select_related("changed_by")
        context["status_form"] = StatusChangeForm(participation=participation)
    elif tab == "history":
        context["history"] = change_history(participation)
    return render(request, "participants/participation_detail.html", context)


class ParticipantCreate(LoginRequiredMixin, View):
    template_name = "participants/participant_create.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.project = get_object_for_user(
            request.user, Project, perm="participants.add_participation",
            pk=kwargs["project_pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, project_pk):
        form = CandidateForm(project=self.project, initial={"token": uuid4()})
        return self._render(form)

    @method_decorator(sensitive_post_parameters("pesel"))
    def post(self, request, project_pk):
        already = self._created_with_token(request.POST.get("token"))
        if already:  # the same form submitted again
            return redirect("participants:participation_detail", pk=already.pk)
        form = CandidateForm(request.POST, project=self.project)
        if not form.is_valid():
            return self._render(form, status=400)
        data = form.cleaned_data
        participation = participant_register(
            project=self.project,
            person=form.existing_person or form.save(commit=False),
            participation=Participation(
                edition=data["edition"], social_worker=data["social_worker"],
                application_date=data["application_date"],
                recruitment_source=data["recruitment_source"],
            ),
            by=request.user, token=data["token"], on=timezone.localdate(),
        )
        messages.success(request, _("The application has been recorded."))
        return redirect("participants:participation_detail", pk=participation.pk)

    def _created_with_token(self, token):
        try:
            token = UUID(token or "")
        except ValueError:
            return None
        return Participation.objects.filter(creation_token=token, project=self.project).first()

    def _render(self, form, status=200):
        return render(
            request=self.request, template_name=self.template_name, status=status,
            context={"form": form, "project": self.project},
        )


class VersionedUpdate(LoginRequiredMixin, View):
    """An edit form that refuses to overwrite a save made after the form was opened."""

    form_class = None
    permission = None
    template_name = "participants/participation_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.participation = _participation_for(request, kwargs["pk"], perm=self.permission)
        return super().dispatch(request, *args, **kwargs)

    def get_instance(self):
        raise NotImplementedError

    def get(self, request, pk):
        return self._render(self.form_class(instance=self.get_instance()))

    def post(self, request, pk):
        form = self.form_class(request.POST, instance=self.get_instance())
        if not form.is_valid():
            return self._render(form, status=400)
        try:
            save_checked(form.instance, expected_version=form.cleaned_data["version"])
        except EditConflict as conflict:
            return render(request, "participants/conflict.html", status=409, context={
                "participation": self.participation,
                "differences": _differences(form, conflict.current),
            })
        messages.success(request, _("The changes have been saved."))
        return redirect("participants:participation_detail", pk=self.participation.pk)

    def _render(self, form, status=200):
        return render(self.request, self.template_name, status=status, context={
            "form": form, "participation": self.participation, "title": self.title,
        })


def _differences(form, current) -> list[dict]:
    """The fields where the form's values and the record saved meanwhile disagree."""
    rows = []
    for name in form.changed_data:
        if name == "version" or name not in form.fields:
            continue
        field = current._meta.get_field(name)
        saved = field.value_from_object(current)
        mine = form.cleaned_data.get(name)
        if getattr(mine, "pk", mine) != saved:
            rows.append({
                "label": form.fields[name].label,
                "mine": _display(field, mine),
                "saved": _display(field, saved),
            })
    return rows


def _display(field, value):
    if value in (None, ""):
        return "—"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return value


class ParticipationUpdate(VersionedUpdate):
    form_class = ParticipationForm
    permission = "participants.change_participation"
    title = _("Participation and data at entry")

    def get_instance(self):
        return self.participation


class PersonUpdate(VersionedUpdate):
    form_class = PersonForm
    permission = "participants.change_person"
    title = _("Personal data")

    def get_instance(self):
        return self.participation.person

    @method_decorator(sensitive_post_parameters("pesel"))
    def post(self, request, pk):
        return super().post(request, pk)


@require_POST
@login_required
def participation_status_change(request, pk):
    participation = _participation_for(request, pk, perm="participants.change_participation")
    form = StatusChangeForm(request.POST, participation=participation)
    if form.is_valid():
        try:
            participation_change_status(
                participation=participation, to_status=form.cleaned_data["to_status"],
                on=form.cleaned_data["date"], reason=form.cleaned_data["reason"],
                by=request.user, expected_version=form.cleaned_data["version"],
            )
        except EditConflict:
            messages.error(request, _(
                "Someone changed this participation in the meantime. Check its current "
                "status and try again."
            ))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The status has been changed."))
            return redirect("participants:participation_tab", pk=pk, tab="recruitment")
        participation.refresh_from_db()  # show what is saved, not the refused change
    context = {
        "participation": participation, "person": participation.person, "tab": "recruitment",
        "can_change": True, "status_form": form,
        "status_changes": participation.status_changes.select_related("changed_by"),
    }
    return render(request, "participants/participation_detail.html", context, status=400)
