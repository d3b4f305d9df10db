"""The monitoring export (SM EFS file, spreadsheet) and the import of a participants file.

Both carry personal data of whole projects: the coordinator's role only (the director and the
social workers get 403; another organisation's project does not exist: 404).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db.models import prefetch_related_objects
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from accounts.access_log import log_access
from accounts.models import AccessAction
from accounts.reauth import confirm_password_first
from aktywizacja.downloads import download
from aktywizacja.views import FormScreen, ScopedScreen
from participants.models import recording_organisation
from projects.access import ProjectScreen, get_object_for_user
from projects.editions import chosen_edition
from projects.models import Project, sees_whole_project

from .export import (
    FORMATS,
    MONITORING_FORMATS,
    export_bytes,
    export_filename,
    exported_participations,
    missing_data,
    monitoring_format,
    wrong_system_message,
)
from .forms import ImportConfirmForm, ImportFileForm
from .importing import FileProblem, parse_file
from .models import ExportJob, ImportJob, ImportStatus
from .services import (
    background_from,
    export_background_from,
    export_job_downloaded,
    export_job_erase,
    export_job_request,
    import_job_progress,
    import_job_request,
    monitoring_export_sent,
    participants_import,
)

EXPORT = "monitoring.export_participants"
IMPORT = "monitoring.import_participants"
SESSION_KEY = "monitoring_import"


def _exported_project(request, project_pk) -> Project:
    """The project whose file is exported: every participant's data, so only for who sees
    every participant (the lead's coordinator), never a partner's staff (403)."""
    project = get_object_for_user(request.user, Project, perm=EXPORT, pk=project_pk)
    if not sees_whole_project(request.user, project):
        raise PermissionDenied
    return project


@login_required
def export_page(request, project_pk):
    project = _exported_project(request, project_pk)
    edition = chosen_edition(request, project)
    participations = list(exported_participations(project, edition))
    system = monitoring_format(project)
    return render(request, "monitoring/export.html", {
        "project": project,
        "edition": edition,
        "system": system,
        "participant_count": len(participations),
        "missing": missing_data(participations, system),
        "to_resend": _with_corrections([p for p in participations if p.resend_to_monitoring]),
        "formats": FORMATS,
        "in_background": len(participations) >= export_background_from(),
    })


def _with_corrections(participations: list) -> list:
    prefetch_related_objects(participations, "entry_corrections")
    return participations


def _format_refused(request, project, fmt):
    """Not a format (404), or the other period's monitoring file: back to the export page."""
    if fmt not in FORMATS:
        raise Http404
    if fmt in MONITORING_FORMATS and fmt != monitoring_format(project):
        messages.error(request, wrong_system_message(project))
        return redirect("monitoring:export", project_pk=project.pk)
    return None


@login_required
def export_download(request, project_pk, fmt):
    project = _exported_project(request, project_pk)
    if refused := _format_refused(request, project, fmt):
        return refused
    if detour := confirm_password_first(request):
        return detour
    edition = chosen_edition(request, project)
    if exported_participations(project, edition).count() >= export_background_from():
        messages.info(request, _("A file this large is prepared in the background: use the "
                                 "button on this page."))
        return redirect(reverse("monitoring:export", args=[project.pk])
                        + (f"?edycja={edition.pk}" if edition else ""))
    content = export_bytes(project, fmt, edition)
    if fmt in MONITORING_FORMATS:
        monitoring_export_sent(participations=exported_participations(project, edition))
    log_access(request, AccessAction.EXPORT, project)
    filename = export_filename(project, fmt, timezone.localdate(), edition)
    return download(content, filename, FORMATS[fmt][1])


@login_required
@require_POST
def export_job_start(request, project_pk, fmt):
    """A large file, written by the task worker; its page shows the progress and the download."""
    project = _exported_project(request, project_pk)
    if refused := _format_refused(request, project, fmt):
        return refused
    back = reverse("monitoring:export", args=[project.pk])
    if detour := confirm_password_first(request, back_on_post=back):
        return detour
    job = export_job_request(project=project, fmt=fmt, edition=chosen_edition(request, project),
                             by=request.user)
    return redirect("monitoring:export_job", pk=job.pk)


def _export_job(request, pk) -> ExportJob:
    """A job of a project whose file the user may export (404 for another organisation's)."""
    job = get_object_for_user(request.user, ExportJob.objects.select_related("project"),
                              perm=EXPORT, pk=pk)
    if not sees_whole_project(request.user, job.project):
        raise PermissionDenied
    return job


class ExportJobDetail(ProjectScreen, ScopedScreen, TemplateView):
    """A large export's progress: a progress bar, updated by static/monitoring/job_progress.js
    or, without scripts, by the page's "Check again" link; then the download."""

    template_name = "monitoring/export_job.html"

    def find(self):
        self.job = _export_job(self.request, self.kwargs["pk"])
        self.project = self.job.project

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "job": self.job, "running": self.job.status in (ImportStatus.QUEUED,
                                                            ImportStatus.RUNNING),
        }


@login_required
def export_job_status(request, pk):
    job = _export_job(request, pk)
    return JsonResponse({
        "status": job.status,
        "status_display": job.get_status_display(),
        "done": job.done,
        "total": job.total,
    }, headers={"Cache-Control": "no-store"})


@login_required
def export_job_download(request, pk):
    """The written file, once: it is erased when it has been sent (a new export writes it
    again). Logged in the access log like every export."""
    job = _export_job(request, pk)
    if job.status != ImportStatus.DONE or not job.file:
        messages.info(request, _("This file is no longer kept: export it again."))
        return redirect("monitoring:export_job", pk=job.pk)
    if detour := confirm_password_first(request):
        return detour
    export_job_downloaded(job=job)
    log_access(request, AccessAction.EXPORT, job.project)
    filename = export_filename(job.project, job.format, timezone.localdate(job.requested_at),
                               job.edition)
    return download(default_storage.open(job.file, "rb"), filename, FORMATS[job.format][1],
                    then=lambda: export_job_erase(job))


class ImportScreen(ProjectScreen, FormScreen):
    """The participants import's pages: the project's coordinator, with the password typed
    lately (a POST after the detour goes back to the upload page)."""

    template_name = "monitoring/import.html"
    parsed = None  # the file's check, once a file has been read

    def find(self):
        self.project = get_object_for_user(
            self.request.user, Project, perm=IMPORT, pk=self.kwargs["project_pk"]
        )
        return confirm_password_first(self.request, back_on_post=self.get_back_url())

    def parse(self, form):
        """The file's check, or ``None`` with the reason on the form's file field."""
        try:
            return parse_file(form.data_bytes, self.project,
                              recording_organisation(self.request.user, self.project))
        except FileProblem as problem:
            form.add_error("file", str(problem))
            return None

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"parsed": self.parsed}

    def get_back_url(self):
        return reverse("monitoring:import", args=[self.project.pk])


class ParticipantImport(ImportScreen):
    """Upload, then a preview with the error report; nothing is written and nothing stored."""

    form_class = ImportFileForm

    def form_valid(self, form):
        self.parsed = self.parse(form)
        if self.parsed is None:
            return self.form_invalid(form)
        # Only the file's fingerprint is kept, to confirm that the same file is imported.
        self.request.session[SESSION_KEY] = {"project": self.project.pk, "digest": form.digest}
        return self.render_to_response(self.get_context_data(form=ImportFileForm()))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return context | {
            "upload_form": context["form"],
            "confirm_form": ImportConfirmForm() if self.parsed else None,
        }


class ParticipantImportConfirm(ImportScreen):
    """Imports the file the preview checked (chosen again: uploads are never kept); large files
    in the background. A refusal is shown on the preview, at the confirm button (400)."""

    form_class = ImportConfirmForm
    http_method_names = ["post"]  # the preview's button (405 once the project is found)

    def form_valid(self, form):
        checked = {"project": self.project.pk, "digest": form.digest}
        if self.request.session.get(SESSION_KEY) == checked:
            self.parsed = self.parse(form)
        if self.parsed is None:
            return self.form_invalid(form)
        return super().form_valid(form)

    def form_invalid(self, form):
        if self.parsed is None:  # no file, or not the file the preview checked
            messages.error(self.request, _(
                "Check the file first, then confirm the import of the same file."
            ))
            return redirect(self.get_back_url())
        return super().form_invalid(form)

    def save(self, form):
        options = {"project": self.project, "parsed": self.parsed, "by": self.request.user,
                   "only_valid": form.cleaned_data["only_valid"]}
        if len(self.parsed.valid_rows) >= background_from():
            saved = import_job_request(data=form.data_bytes, **options)
        else:
            saved = participants_import(**options)
        del self.request.session[SESSION_KEY]
        return saved

    def get_success_message(self, saved):
        if isinstance(saved, ImportJob):
            return ""  # its page tells how it goes
        return _(
            "New participants: %(created)s. Updated: %(updated)s. Unchanged: %(unchanged)s. "
            "Rows with errors left out: %(skipped)s."
        ) % vars(saved)

    def get_success_url(self, saved=None):
        if isinstance(saved, ImportJob):
            return reverse("monitoring:import_job", args=[saved.pk])
        return self.get_back_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return context | {"upload_form": ImportFileForm(), "confirm_form": context["form"]}


class ImportJobDetail(ProjectScreen, ScopedScreen, TemplateView):
    """A large import's progress (static/monitoring/job_progress.js polls the status)."""

    template_name = "monitoring/import_job.html"

    def find(self):
        self.job = get_object_for_user(
            self.request.user, ImportJob.objects.defer("data").select_related("project"),
            perm=IMPORT, pk=self.kwargs["pk"],
        )
        self.project = self.job.project

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "job": self.job, "done": import_job_progress(self.job),
        }


@login_required
def import_job_status(request, pk):
    job = get_object_for_user(request.user, ImportJob.objects.defer("data"), perm=IMPORT, pk=pk)
    return JsonResponse({
        "status": job.status,
        "status_display": job.get_status_display(),
        "done": import_job_progress(job),
        "total": job.total,
    }, headers={"Cache-Control": "no-store"})
