from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView

from accounts.reauth import password_recently_confirmed, password_typed_again
from accounts.roles import Role
from aktywizacja.concurrency import claim_version
from aktywizacja.history import attributed
from aktywizacja.views import FormScreen

from .access import (
    ProjectPermissions,
    ProjectScreen,
    get_object_for_user,
    has_project_perm,
    scoped,
)
from .forms import (
    OrganisationForm,
    OrganisationUpdateForm,
    ProjectForm,
    ProjectUpdateForm,
    SignatoryFormSet,
    project_formsets,
)
from .models import Membership, Organisation, Project, SupportAreaCommune
from .models.signatories import OVERLAP_MESSAGE
from .pages import project_pages

FORMSET_TITLES = {
    "editions": gettext_lazy("Editions"),
    "support_area": gettext_lazy("Support area"),
    "targets": gettext_lazy("Indicator targets"),
    "team": gettext_lazy("Project team"),
}


def formset_error_lines(formsets) -> list[str]:
    """The formsets' errors as lines for the summary at the top of the page."""
    lines = []
    for key, formset in formsets.items():
        if not formset.is_bound:
            continue
        title = FORMSET_TITLES[key]
        lines += [f"{title}: {error}" for error in formset.non_form_errors()]
        for number, form in enumerate(formset.forms, start=1):
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                for error in errors:
                    row = _("row %(number)s") % {"number": number}
                    parts = [f"{title}, {row}", label, error]
                    lines.append(" — ".join(str(part) for part in parts if part))
    return lines


class ScopedObjectMixin(LoginRequiredMixin):
    """Detail and edit views find their object through the scoped helper only."""

    permission = None

    def get_object(self, queryset=None):
        return get_object_for_user(
            self.request.user,
            queryset if queryset is not None else self.get_queryset(),
            perm=self.permission,
            pk=self.kwargs["pk"],
        )


class OrganisationList(LoginRequiredMixin, ListView):
    template_name = "projects/organisation_list.html"
    context_object_name = "organisations"
    paginate_by = 50

    def get_queryset(self):
        return scoped(self.request.user, Organisation).select_related("recorded_by").order_by(
            "name"
        )


class OrganisationDetail(ScopedObjectMixin, DetailView):
    model = Organisation
    template_name = "projects/organisation_detail.html"
    context_object_name = "organisation"
    permission = "projects.view_organisation"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visible = scoped(self.request.user, Project)
        context["projects"] = visible.filter(
            Q(lead_beneficiary=self.object) | Q(partners=self.object)
        ).distinct()
        # An organisation belongs to no project: the user's own groups decide.
        context["can"] = ProjectPermissions(self.request.user, None)
        context["may_change"] = self.object.changeable_by(self.request.user)
        return context


def linked_error_lines(title, formset) -> list:
    """A formset's errors for the summary at the top: a field's linked to that field."""
    lines = [f"{title}: {error}" for error in formset.non_form_errors()]
    for number, form in enumerate(formset.forms, start=1):
        row = _("row %(number)s") % {"number": number}
        lines += [f"{title}, {row}: {error}" for error in form.non_field_errors()]
        lines += [
            {"label": f"{title}, {row}, {field.label}", "message": error,
             "field_id": field.auto_id}
            for field in form for error in field.errors
        ]
    return lines


class OrganisationScreen(ProjectScreen, FormScreen):
    """A new organisation or an edit of one: a projectless record (``project`` is None), with
    who signs each kind of its documents (saved with it, or not at all)."""

    template_name = "projects/organisation_form.html"
    success_message = gettext_lazy("The organisation has been saved.")
    organisation = None

    def get_instance(self):
        return self.organisation

    def get_formsets(self, data=None):
        if data is not None and "signatories-TOTAL_FORMS" not in data:
            return {}  # a post of the organisation's data alone leaves its signatories as they are
        return {"signatories": SignatoryFormSet(
            data, instance=self.organisation or Organisation(), prefix="signatories",
        )}

    def get_context_data(self, **kwargs):
        rows = self.formsets.get("signatories")
        if rows is None:
            rows = self.get_formsets()["signatories"]
        return super().get_context_data(**kwargs) | {
            "organisation": self.organisation,
            "signatories": rows,
            "formset_errors": linked_error_lines(_("Signatories"), rows) if rows.is_bound
            else [],
        }

    def save_with_signatories(self, form, save_organisation):
        """The organisation and its signatories in one transaction, each change attributed.
        Rows are written in an order in which no two periods ever share a day (the database
        refuses that even for a moment); a swap of periods has none, and is refused."""
        rows = self.formsets.get("signatories") or SignatoryFormSet(prefix="signatories")
        with transaction.atomic():
            organisation = save_organisation(attributed(form.instance, self.request.user))
            for row in rows.deleted_forms:
                if row.instance.pk:
                    attributed(row.instance, self.request.user).delete()
            pending = [row.instance for row in rows.forms
                       if row not in rows.deleted_forms and row.has_changed()]
            for signatory in pending:
                signatory.organisation = organisation
            self._write_in_order(pending)
        return organisation

    def _write_in_order(self, pending) -> None:
        while pending:
            refused = []
            for signatory in pending:
                try:
                    with transaction.atomic():
                        attributed(signatory, self.request.user).save()
                except IntegrityError:
                    refused.append(signatory)
            if len(refused) == len(pending):
                raise ValidationError(OVERLAP_MESSAGE)
            pending = refused


class OrganisationCreate(OrganisationScreen):
    form_class = OrganisationForm

    def find(self):
        if not has_project_perm(self.request.user, None, "projects.add_organisation"):
            raise PermissionDenied

    def save(self, form):
        form.instance.recorded_by = self.request.user.organisation
        # What the administrator records is the shared registry every office chooses from.
        form.instance.in_registry = self.request.user.is_superuser
        return self.save_with_signatories(form, lambda organisation: form.save())

    def get_back_url(self):
        return reverse("projects:organisation_list")


class OrganisationUpdate(OrganisationScreen):
    form_class = OrganisationUpdateForm

    def find(self):
        self.organisation = get_object_for_user(
            self.request.user, Organisation, perm="projects.change_organisation",
            pk=self.kwargs["pk"],
        )
        if not self.organisation.changeable_by(self.request.user):
            raise PermissionDenied

    def save(self, form):
        def save_organisation(organisation):
            claim_version(organisation, expected_version=form.cleaned_data["version"])
            organisation.save()
            return organisation

        return self.save_with_signatories(form, save_organisation)

    def get_back_url(self):
        return reverse("projects:organisation_detail", args=[self.organisation.pk])


class ProjectList(LoginRequiredMixin, ListView):
    template_name = "projects/project_list.html"
    context_object_name = "projects"

    def get_queryset(self):
        return (
            scoped(self.request.user, Project)
            .select_related("programme", "lead_beneficiary")
            .annotate(
                edition_count=Count("editions", distinct=True),
                team_size=Count(
                    "memberships", filter=Q(memberships__is_active=True), distinct=True
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # A new project belongs to no project yet: the user's own groups decide.
        context["can"] = ProjectPermissions(self.request.user, None)
        return context


class ProjectDetail(ScopedObjectMixin, DetailView):
    model = Project
    template_name = "projects/project_detail.html"
    context_object_name = "project"
    permission = "projects.view_project"

    def get_queryset(self):
        return Project.objects.select_related("programme", "lead_beneficiary")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.object
        context.update(
            partners=project.partners.all(),
            editions=project.editions.all(),
            support_area=project.support_area.all(),
            targets=project.indicator_targets.select_related("indicator"),
            team=project.memberships.active().select_related("user", "user__organisation"),
            can=ProjectPermissions(self.request.user, project),
            pages=project_pages(self.request.user, project),
            retention_default_years=settings.RETENTION_DEFAULT_YEARS,
        )
        return context


class ProjectCreate(ProjectScreen, FormScreen):
    """The project's own data; its editions, area, targets and team follow on its edit page."""

    form_class = ProjectForm
    template_name = "projects/project_create.html"
    success_message = gettext_lazy(
        "The project has been created. Now add its editions, support area, "
        "indicator targets and team."
    )

    def find(self):
        if not has_project_perm(self.request.user, None, "projects.add_project"):
            raise PermissionDenied

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["organisations"] = scoped(self.request.user, Organisation)
        if self.request.user.organisation_id:
            kwargs.setdefault("initial", {})["lead_beneficiary"] = self.request.user.organisation
        return kwargs

    def save(self, form):
        with transaction.atomic():
            project = form.save()
            Membership.objects.create(
                project=project, user=self.request.user, role=Role.COORDINATOR
            )
        return project

    def get_success_url(self, saved=None):
        return reverse("projects:project_update", args=[saved.pk])

    def get_back_url(self):
        return reverse("projects:project_list")


class ProjectUpdate(ProjectScreen, FormScreen):
    """The project with its editions, support area, targets and team, saved all at once."""

    template_name = "projects/project_update.html"
    form_class = ProjectUpdateForm
    success_message = gettext_lazy("The project has been saved.")
    password_problem = None

    def find(self):
        self.project = get_object_for_user(
            self.request.user, Project, perm="projects.change_project", pk=self.kwargs["pk"]
        )

    def get_instance(self):
        return self.project

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "organisations": scoped(self.request.user, Organisation),
        }

    def get_formsets(self, data=None):
        # Checked after the main form: the rows are checked against the project's new dates.
        return project_formsets(self.project, data)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "formsets": self.formsets,
            "formset_errors": formset_error_lines(self.formsets),
            "password_problem": self.password_problem,
        }

    def form_valid(self, form):
        if self.formsets["team"].has_changed():
            # A change of who holds which role asks for the password again (nothing typed is
            # lost: the page comes back with everything as it was posted).
            self.password_problem = self._password_problem(self.request)
            if self.password_problem is not None:
                return self.form_invalid(form)
        return super().form_valid(form)

    def save(self, form):
        with transaction.atomic():
            claim_version(self.project, expected_version=form.cleaned_data["version"])
            form.save()
            for formset in self.formsets.values():
                formset.save()
            self._add_area(form.cleaned_data["area_codes"])
        return self.project

    def _add_area(self, communes) -> None:
        """The communes typed by code join the support area (those already in it stay as
        they are)."""
        present = set(self.project.support_area.values_list("teryt", flat=True))
        for commune in communes:
            if commune.code in present:
                continue
            row = SupportAreaCommune(
                project=self.project, teryt=commune.code, voivodeship=commune.voivodeship,
                county=commune.county, commune=commune.name,
            )
            row.full_clean()
            attributed(row, self.request.user).save()

    def get_back_url(self):
        return reverse("projects:project_detail", args=[self.project.pk])

    def _password_problem(self, request) -> str | None:
        if password_recently_confirmed(request):
            return None
        password = request.POST.get("confirm_password", "")
        if not password:
            return _(
                "You are changing the project team: type your password to confirm the change."
            )
        if password_typed_again(request, password):
            return None
        return _("The password is not correct.")
