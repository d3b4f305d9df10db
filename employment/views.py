"""Internships, job placement and job coaching: a participant's page and the project's lists."""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.access_log import log_access
from accounts.models import AccessAction
from aktywizacja.views import FormScreen
from participants.models import Participation
from projects.access import ProjectPermissions, ProjectScreen, get_object_for_user, scoped
from projects.models import Organisation, Project

from .forms import (
    InternshipCloseForm,
    InternshipForm,
    InternshipUpdateForm,
    JobSupportContactForm,
    MonthFormSet,
)
from .models import Internship, JobSupportContact, JobSupportKind
from .services import (
    MonthAttendance,
    internship_close,
    internship_create,
    internship_months_record,
    internship_update,
    job_support_contact_add,
    job_support_contact_delete,
    job_support_contact_update,
)

VIEW_INTERNSHIP = "employment.view_internship"
ADD_INTERNSHIP = "employment.add_internship"
CHANGE_INTERNSHIP = "employment.change_internship"
VIEW_MONTH = "employment.view_internshipmonth"
CHANGE_MONTH = "employment.change_internshipmonth"
VIEW_CONTACT = "employment.view_jobsupportcontact"
ADD_CONTACT = "employment.add_jobsupportcontact"
CHANGE_CONTACT = "employment.change_jobsupportcontact"
DELETE_CONTACT = "employment.delete_jobsupportcontact"


def _participation_for(request, pk, perm):
    queryset = Participation.objects.select_related("person", "project", "edition")
    return get_object_for_user(request.user, queryset, perm=perm, pk=pk)


def _internship_for(request, pk, perm):
    queryset = Internship.objects.select_related(
        "participation__person", "participation__project", "employer"
    )
    return get_object_for_user(request.user, queryset, perm=perm, pk=pk)


def _contact_for(request, pk, perm):
    queryset = JobSupportContact.objects.select_related(
        "participation__person", "participation__project", "employer"
    )
    return get_object_for_user(request.user, queryset, perm=perm, pk=pk)


def _back_url(participation) -> str:
    return reverse("employment:participation_employment", args=[participation.pk])


def _back_to(participation):
    return redirect(_back_url(participation))


# --- A participant's internships and job-support contacts -----------------------------------


@login_required
def participation_employment(request, participation_pk):
    participation = _participation_for(request, participation_pk, VIEW_INTERNSHIP)
    log_access(request, AccessAction.VIEW, participation)
    can = ProjectPermissions(request.user, participation.project)
    return render(request, "employment/participation_employment.html", {
        "participation": participation,
        "person": participation.person,
        "tab": "employment",
        "internships": participation.internships.with_attendance().select_related(
            "employer", "support_form"
        ),
        "contacts": (
            participation.job_support_contacts.select_related("employer")
            if VIEW_CONTACT in can else []
        ),
        "can": can,
    })


class EmploymentScreen(ProjectScreen, FormScreen):
    """A form about one participant's internship or contact; a service saves it, and the
    participant's internships and jobs page is where it goes back to."""

    template_name = "employment/form.html"
    title = ""

    def find(self):
        self.participation = self.find_participation()
        self.project = self.participation.project

    def find_participation(self) -> Participation:
        """The participant the screen is about, found in the user's scope."""
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "participation": self.participation,
            "person": self.participation.person,
            "title": self.title,
        }

    def get_back_url(self):
        return _back_url(self.participation)


class RecordScreen(EmploymentScreen):
    """An internship's or a contact's own fields: employers and support forms to choose from."""

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "organisations": scoped(self.request.user, Organisation).order_by("name"),
            "support_forms": self.project.support_forms.order_by("name"),
        }


class OpenInternshipMixin:
    """A screen of one internship that changes it: a closed one sends back, saying why."""

    closed_message = ""
    closed_level = messages.ERROR

    def find_participation(self):
        self.internship = _internship_for(self.request, self.kwargs["pk"], CHANGE_INTERNSHIP)
        return self.internship.participation

    def get(self, request, *args, **kwargs):
        return self.refuse_closed() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refuse_closed() or super().post(request, *args, **kwargs)

    def refuse_closed(self):
        if not self.internship.is_closed:
            return None
        messages.add_message(self.request, self.closed_level, self.closed_message)
        return redirect(self.get_back_url())


class InternshipCreate(RecordScreen):
    form_class = InternshipForm
    title = gettext_lazy("New internship")
    success_message = gettext_lazy("The internship has been recorded.")

    def find_participation(self):
        return _participation_for(self.request, self.kwargs["participation_pk"], ADD_INTERNSHIP)

    def get_instance(self):
        return Internship(participation=self.participation)

    def save(self, form):
        return internship_create(participation=self.participation, by=self.request.user,
                                 **form.cleaned_data)


class InternshipUpdate(OpenInternshipMixin, RecordScreen):
    form_class = InternshipUpdateForm
    title = gettext_lazy("Edit the internship")
    success_message = gettext_lazy("The changes have been saved.")
    closed_message = gettext_lazy("A closed internship can no longer change.")

    def get_instance(self):
        return self.internship

    def save(self, form):
        data = dict(form.cleaned_data)
        version = data.pop("version")
        return internship_update(internship=self.internship, by=self.request.user,
                                 expected_version=version, **data)


class InternshipClose(OpenInternshipMixin, EmploymentScreen):
    template_name = "employment/internship_close.html"
    form_class = InternshipCloseForm
    success_message = gettext_lazy("The internship has been closed.")
    closed_message = gettext_lazy("This internship is already closed.")
    closed_level = messages.INFO

    def get_initial(self):
        return {"version": self.internship.version}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"internship": self.internship}

    def save(self, form):
        data = dict(form.cleaned_data)
        version = data.pop("version")
        return internship_close(internship=self.internship, by=self.request.user,
                                expected_version=version, **data)


@dataclass
class MonthRow:
    month: object
    days: int
    form: object


class InternshipMonths(EmploymentScreen):
    """The monthly attendance of one internship, every month on one form, saved at once."""

    template_name = "employment/internship_months.html"
    form_class = forms.Form  # the months are the formset's rows; nothing else is asked
    success_message = gettext_lazy("The attendance has been saved.")

    def find_participation(self):
        perm = VIEW_MONTH if self.request.method in ("GET", "HEAD") else CHANGE_MONTH
        self.internship = _internship_for(self.request, self.kwargs["pk"], perm)
        self.months = self.internship.month_starts
        return self.internship.participation

    def get_formsets(self, data=None):
        recorded = {row.month: row for row in self.internship.months.all()}
        initial = [
            {"days_planned": row.days_planned, "days_present": row.days_present}
            if (row := recorded.get(month)) else {}
            for month in self.months
        ]
        return {"formset": MonthFormSet(data, initial=initial, prefix="months")}

    def form_valid(self, form):
        if len(self.formsets["formset"].forms) != len(self.months):
            form.add_error(None, _(
                "The months of this internship have changed: check them and save again."
            ))
            return self.form_invalid(form)
        return super().form_valid(form)

    def save(self, form):
        rows = [
            MonthAttendance(month, row.cleaned_data.get("days_planned"),
                            row.cleaned_data.get("days_present"))
            for month, row in zip(self.months, self.formsets["formset"].forms, strict=True)
        ]
        return internship_months_record(internship=self.internship, months=rows,
                                        by=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        formset = context["formset"]
        return context | {
            "internship": self.internship,
            "formset_errors": [*formset.non_form_errors()] + [
                _("%(month)s: %(error)s") % {"month": f"{month:%m.%Y}", "error": error}
                for month, row in zip(self.months, formset.forms, strict=False)
                for field_errors in row.errors.values()
                for error in field_errors
            ],
            "rows": [
                MonthRow(month, self.internship.days_in(month), row)
                for month, row in zip(self.months, formset.forms, strict=False)
            ],
        }


class JobSupportContactCreate(RecordScreen):
    form_class = JobSupportContactForm
    title = gettext_lazy("New job placement or job-coach contact")
    success_message = gettext_lazy("The contact has been recorded.")

    def find_participation(self):
        return _participation_for(self.request, self.kwargs["participation_pk"], ADD_CONTACT)

    def get_instance(self):
        return JobSupportContact(participation=self.participation)

    def save(self, form):
        return job_support_contact_add(participation=self.participation, by=self.request.user,
                                       **form.cleaned_data)


class JobSupportContactUpdate(RecordScreen):
    form_class = JobSupportContactForm
    title = gettext_lazy("Edit the contact")
    success_message = gettext_lazy("The changes have been saved.")

    def find_participation(self):
        self.contact = _contact_for(self.request, self.kwargs["pk"], CHANGE_CONTACT)
        return self.contact.participation

    def get_instance(self):
        return self.contact

    def save(self, form):
        return job_support_contact_update(contact=self.contact, by=self.request.user,
                                          **form.cleaned_data)


@require_POST
@login_required
def job_support_contact_delete_view(request, pk):
    contact = _contact_for(request, pk, DELETE_CONTACT)
    job_support_contact_delete(contact=contact, by=request.user)
    messages.success(request, _("The contact has been deleted."))
    return _back_to(contact.participation)


# --- The project's lists ---------------------------------------------------------------------


@login_required
def internship_list(request, project_pk):
    """Every internship of the project with its months recorded and attendance: one query."""
    project = get_object_for_user(request.user, Project, perm=VIEW_INTERNSHIP, pk=project_pk)
    internships = (
        Internship.objects.for_user(request.user).filter(participation__project=project)
        .with_attendance()
        .select_related("participation__person", "employer")
        .order_by("start_date", "participation__person__last_name", "pk")
    )
    return render(request, "employment/internship_list.html", {
        "project": project, "internships": internships,
    })


KIND_COLUMNS = {
    "offers": JobSupportKind.OFFER_PRESENTED,
    "interviews": JobSupportKind.INTERVIEW,
    "placements": JobSupportKind.PLACEMENT,
    "coaching": JobSupportKind.JOB_COACH,
}


@login_required
def placement_summary(request, project_pk):
    """Offers, interviews, placements and job-coach contacts per participant, with totals."""
    project = get_object_for_user(request.user, Project, perm=VIEW_CONTACT, pk=project_pk)
    rows = list(
        Participation.objects.for_user(request.user).filter(project=project)
        .annotate(
            contact_count=Count("job_support_contacts"),
            **{
                column: Count("job_support_contacts", filter=Q(job_support_contacts__kind=kind))
                for column, kind in KIND_COLUMNS.items()
            },
        )
        .filter(contact_count__gt=0)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    totals = {column: sum(getattr(row, column) for row in rows) for column in KIND_COLUMNS}
    return render(request, "employment/placement_summary.html", {
        "project": project,
        "rows": rows,
        "totals": totals,
        "people_placed": sum(1 for row in rows if row.placements),
    })
