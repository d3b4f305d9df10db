"""Forms to print and sign, the information clause given, consents and their withdrawal (from
the participant's card), and the coordinator's wording of the forms (per project)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts.access_log import log_access
from accounts.models import AccessAction
from aktywizacja.downloads import pdf_download
from aktywizacja.views import FormScreen
from participants.models import Participation
from projects.access import ProjectPermissions, ProjectScreen, get_object_for_user
from projects.models import Project

from . import printing
from .forms import ClauseReceiptForm, ConsentGiveForm, ConsentWithdrawForm, TemplateForm
from .models import Consent, FormKind, FormTemplate, version_label
from .placeholders import PLACEHOLDERS
from .services import clause_record, consent_give, consent_withdraw, template_save

PRINT = "consents.view_formtemplate"
EDIT_TEMPLATE = "consents.change_formtemplate"


def participation_for(request, pk, perm):
    queryset = Participation.objects.select_related(
        "person", "project__programme", "project__lead_beneficiary"
    )
    return get_object_for_user(request.user, queryset, perm=perm, pk=pk)


def consents_tab(participation) -> str:
    return reverse("card:participation_tab", args=[participation.pk, "consents"])


def _kind(slug: str) -> str:
    if slug not in FormKind.values:
        raise Http404
    return slug


@login_required
def form_pdf(request, pk, kind):
    """A form to sign, filled from the participation (printed from live data, not stored)."""
    kind = _kind(kind)
    participation = participation_for(request, pk, PRINT)
    log_access(request, AccessAction.PDF, participation)
    name = f"{kind}-{participation.person.last_name}-{participation.project.short_name}.pdf"
    return pdf_download(printing.form_pdf(participation, kind), name)


class ParticipationScreen(ProjectScreen, FormScreen):
    template_name = "consents/form.html"
    perm = ""
    title = ""

    def find(self):
        self.participation = participation_for(self.request, self.kwargs["pk"], self.perm)
        self.project = self.participation.project

    def get_initial(self):
        return {"given_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "participation": self.participation, "title": self.title,
            "cancel_url": self.get_back_url(),
        }

    def get_back_url(self):
        return consents_tab(self.participation)


class ConsentGive(ParticipationScreen):
    form_class = ConsentGiveForm
    perm = "consents.add_consent"
    title = gettext_lazy("Record a consent")
    success_message = gettext_lazy("The consent has been recorded.")

    def get_form_kwargs(self):
        in_force = self.participation.consents.in_force().values_list("kind", flat=True)
        return super().get_form_kwargs() | {"in_force": set(in_force)}

    def save(self, form):
        return consent_give(participation=self.participation, by=self.request.user,
                            **form.cleaned_data)


class ClauseRecord(ParticipationScreen):
    form_class = ClauseReceiptForm
    perm = "consents.add_clausereceipt"
    title = gettext_lazy("Record the information clause given")
    success_message = gettext_lazy("The information clause given has been recorded.")

    def clause_versions(self) -> list[tuple[int, str]]:
        saved = (
            FormTemplate.history.filter(project=self.project, kind=FormKind.CLAUSE)
            .order_by("-version").values_list("version", "changed_on").distinct()
        )
        return [(number, version_label(number, day)) for number, day in saved] + [
            (0, version_label(0))
        ]

    def get_initial(self):
        return super().get_initial() | {
            "version": printing.template_for(self.project, FormKind.CLAUSE).version
        }

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"versions": self.clause_versions()}

    def save(self, form):
        return clause_record(participation=self.participation, by=self.request.user,
                             **form.cleaned_data)


class ConsentWithdraw(ProjectScreen, FormScreen):
    """The withdrawal of a consent: its day recorded beside the day it was given."""

    template_name = "consents/form.html"
    form_class = ConsentWithdrawForm
    title = gettext_lazy("Withdraw the consent")
    success_message = gettext_lazy("The withdrawal of the consent has been recorded.")

    def find(self):
        self.consent = get_object_for_user(
            self.request.user,
            Consent.objects.select_related("participation__person", "participation__project"),
            perm="consents.change_consent", pk=self.kwargs["pk"],
        )
        self.participation = self.consent.participation
        self.project = self.participation.project
        if not self.consent.in_force:
            return redirect(self.get_back_url())
        return None

    def get_initial(self):
        return {"withdrawn_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "participation": self.participation, "consent": self.consent,
            "title": self.title, "cancel_url": self.get_back_url(),
        }

    def save(self, form):
        return consent_withdraw(consent=self.consent, by=self.request.user,
                                withdrawn_on=form.cleaned_data["withdrawn_on"])

    def get_back_url(self):
        return consents_tab(self.participation)


@login_required
def template_list(request, pk):
    """The project's forms to sign: which wording and version each prints."""
    project = get_object_for_user(request.user, Project, perm=PRINT, pk=pk)
    return render(request, "consents/template_list.html", {
        "project": project, "templates": printing.templates_of(project),
        "can": ProjectPermissions(request.user, project),
    })


class TemplateEdit(ProjectScreen, FormScreen):
    """The coordinator's wording of one form; each save is its next version."""

    template_name = "consents/template_form.html"
    form_class = TemplateForm
    success_message = gettext_lazy("The text has been saved as a new version.")

    def find(self):
        self.project = get_object_for_user(self.request.user, Project, perm=EDIT_TEMPLATE,
                                           pk=self.kwargs["pk"])
        self.template = printing.template_for(self.project, _kind(self.kwargs["kind"]))

    def get_initial(self):
        return {"body": self.template.body, "version": self.template.version}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "template": self.template, "placeholders": PLACEHOLDERS,
            "version": version_label(self.template.version, self.template.changed_on),
        }

    def save(self, form):
        return template_save(project=self.project, kind=self.template.kind,
                             body=form.cleaned_data["body"], by=self.request.user,
                             expected_version=form.cleaned_data["version"])

    def get_back_url(self):
        return reverse("consents:template_list", args=[self.project.pk])
