"""The director's dashboard, the project's indicators, the report of a payment-claim period and
the final summary: preview, issue, issued copies.

Both show totals only, never a person: the dashboard and the summary are for the people who
manage the project (the director and the coordinator); the social worker works with people and
has the participant's card instead.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from aktywizacja.downloads import download, pdf_download
from aktywizacja.pdf import render_pdf
from aktywizacja.views import FormScreen
from documents.models import DocumentKind, IssuedDocument
from documents.services import document_issue, document_pdf
from projects.access import ProjectPermissions, ProjectScreen, get_object_for_user
from projects.editions import chosen_edition
from projects.models import Project

from .claims import claim_filename, claim_report, claim_xlsx
from .dashboard import build_dashboard
from .forms import ClaimPeriodForm
from .indicators import project_indicators
from .summary import build_summary, render_summary_pdf

# The totals of a project: its indicators, its summary (director and coordinator).
VIEW_TOTALS = "projects.view_indicatortarget"
# Issuing a numbered document of the project's register.
ISSUE_DOCUMENT = "documents.issue_summary"


def _project(request, pk, perm=VIEW_TOTALS) -> Project:
    return get_object_for_user(request.user, Project, perm=perm, pk=pk)


# Totals only, no names: the director reads them as the team does.
VIEW_INDICATORS = "results.view_effectivenessrule"


@login_required
def project_indicators_view(request, project_pk):
    project = get_object_for_user(
        request.user, Project.objects.select_related("programme"), perm=VIEW_INDICATORS,
        pk=project_pk,
    )
    edition = chosen_edition(request, project)
    results = project_indicators(project, edition)
    return render(request, "reporting/project_indicators.html", {
        "project": project,
        "edition": edition,
        "results": [r for r in results if r.effectiveness is None],
        "effectiveness": [r for r in results if r.effectiveness is not None],
    })


@login_required
def dashboard(request, project_pk):
    project = _project(request, project_pk)
    edition = chosen_edition(request, project)
    return render(request, "reporting/dashboard.html", {
        "project": project,
        "edition": edition,
        "dashboard": build_dashboard(project, edition),
    })


def _issued_summaries(project):
    return (
        IssuedDocument.objects.filter(project=project, kind=DocumentKind.SUMMARY)
        .without_pdf()
        .select_related("issued_by")
        .order_by("-issued_at", "-pk")
    )


@login_required
def summary(request, project_pk):
    """The summary's page: download a preview, issue a numbered copy, the copies issued."""
    project = _project(request, project_pk)
    return render(request, "reporting/summary.html", {
        "project": project,
        "issued": _issued_summaries(project),
        "can": ProjectPermissions(request.user, project),
    })


@login_required
def summary_preview(request, project_pk):
    """The summary from today's data: a preview, never stored."""
    project = _project(request, project_pk)
    edition = chosen_edition(request, project)
    pdf = render_summary_pdf(build_summary(project, edition))
    part = f"-edycja-{edition.number}" if edition is not None else ""
    filename = f"podsumowanie-{project.short_name}{part}-podgląd.pdf"
    return pdf_download(pdf, filename)


class SummaryIssue(ProjectScreen, FormScreen):
    """Asks to confirm, then issues a numbered summary whose PDF is frozen in the register."""

    form_class = forms.Form  # nothing to fill in: the page only asks to confirm
    template_name = "reporting/summary_issue.html"

    def find(self):
        self.project = _project(self.request, self.kwargs["project_pk"], perm=ISSUE_DOCUMENT)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"issued": _issued_summaries(self.project)}

    def save(self, form):
        content = build_summary(self.project)
        document = document_issue(
            project=self.project, kind=DocumentKind.SUMMARY, by=self.request.user,
            render=lambda document: render_summary_pdf(content, document=document),
        )
        # The message names the number just given, so it is made here, not on the class.
        self.success_message = _("The summary has been issued as No. %(number)s.") % {
            "number": document.number
        }
        return document

    def get_back_url(self):
        return reverse("reporting:summary", kwargs={"project_pk": self.project.pk})


@login_required
def summary_issued_pdf(request, pk):
    """An issued summary exactly as it was issued (the frozen bytes)."""
    document = get_object_for_user(
        request.user, IssuedDocument.objects.filter(kind=DocumentKind.SUMMARY),
        perm=VIEW_TOTALS, pk=pk,
    )
    filename = f"podsumowanie-{document.number.replace('/', '-')}.pdf"
    return pdf_download(document_pdf(document), filename)


# --- The report of a payment-claim period ----------------------------------------------------

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _claim(request, project_pk):
    """The project, the period form and, when the period is valid, its report."""
    project = _project(request, project_pk)
    form = ClaimPeriodForm(request.GET or None, project=project)
    report = (claim_report(project, form.cleaned_data["od"], form.cleaned_data["do"])
              if form.is_valid() else None)
    return project, form, report


@login_required
def claim(request, project_pk):
    """For a payment claim (wniosek o płatność): what happened in a period, as a page."""
    project, form, report = _claim(request, project_pk)
    return render(request, "reporting/claim.html", {
        "project": project, "form": form, "report": report,
    }, status=400 if form.errors else 200)


@login_required
def claim_download(request, project_pk, fmt):
    """The same report as a workbook or a PDF."""
    if fmt not in ("xlsx", "pdf"):
        raise Http404
    project, form, report = _claim(request, project_pk)
    if report is None:
        return render(request, "reporting/claim.html", {
            "project": project, "form": form, "report": None,
        }, status=400)
    if fmt == "xlsx":
        return download(claim_xlsx(report), claim_filename(report, "xlsx"), XLSX)
    pdf = render_pdf("pdf/claim.html", {"report": report})
    return pdf_download(pdf, claim_filename(report, "pdf"))
