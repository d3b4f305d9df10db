"""The monitoring export (SM EFS file, spreadsheet) and the import of a participants file.

Both carry personal data of whole projects: the coordinator's role only (the director and the
social workers get 403; another organisation's project does not exist: 404).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts.access_log import log_access
from accounts.models import AccessAction
from accounts.reauth import confirm_password_first
from aktywizacja.downloads import download
from participants.models import recording_organisation
from projects.access import get_object_for_user
from projects.models import Project

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
from .models import ImportJob
from .services import (
    background_from,
    import_job_progress,
    import_job_request,
    monitoring_export_sent,
    participants_import,
)

EXPORT = "monitoring.export_participants"
IMPORT = "monitoring.import_participants"
SESSION_KEY = "monitoring_import"


@login_required
def export_page(request, project_pk):
    project = get_object_for_user(request.user, Project, perm=EXPORT, pk=project_pk)
    participations = list(exported_participations(project))
    system = monitoring_format(project)
    return render(request, "monitoring/export.html", {
        "project": project,
        "system": system,
        "participant_count": len(participations),
        "missing": missing_data(participations, system),
        "to_resend": _with_corrections([p for p in participations if p.resend_to_monitoring]),
        "formats": FORMATS,
    })


def _with_corrections(participations: list) -> list:
    prefetch_related_objects(participations, "entry_corrections")
    return participations


@login_required
def export_download(request, project_pk, fmt):
    project = get_object_for_user(request.user, Project, perm=EXPORT, pk=project_pk)
    if fmt not in FORMATS:
        raise Http404
    if fmt in MONITORING_FORMATS and fmt != monitoring_format(project):
        messages.error(request, wrong_system_message(project))
        return redirect("monitoring:export", project_pk=project.pk)
    if detour := confirm_password_first(request):
        return detour
    content = export_bytes(project, fmt)
    if fmt in MONITORING_FORMATS:
        monitoring_export_sent(participations=exported_participations(project))
    log_access(request, AccessAction.EXPORT, project)
    filename = export_filename(project, fmt, timezone.localdate())
    return download(content, filename, FORMATS[fmt][1])


class ImportMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.project = get_object_for_user(
            request.user, Project, perm=IMPORT, pk=kwargs["project_pk"]
        )
        if detour := confirm_password_first(
            request, back_on_post=reverse("monitoring:import", args=[self.project.pk])
        ):
            return detour
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, form, parsed=None, status=200):
        return render(self.request, "monitoring/import.html", status=status, context={
            "project": self.project,
            "form": form,
            "parsed": parsed,
            "confirm_form": ImportConfirmForm() if parsed else None,
        })

    def parse(self, form):
        try:
            return parse_file(form.data_bytes, self.project,
                              recording_organisation(self.request.user, self.project))
        except FileProblem as problem:
            form.add_error("file", str(problem))
            return None


class ParticipantImport(ImportMixin, View):
    """Upload, then a preview with the error report; nothing is written and nothing stored."""

    def get(self, request, project_pk):
        return self.render_page(ImportFileForm())

    def post(self, request, project_pk):
        form = ImportFileForm(request.POST, request.FILES)
        parsed = self.parse(form) if form.is_valid() else None
        if parsed is None:
            return self.render_page(form, status=400)
        # Only the file's fingerprint is kept, to confirm that the same file is imported.
        request.session[SESSION_KEY] = {"project": self.project.pk, "digest": form.digest}
        return self.render_page(ImportFileForm(), parsed)


class ParticipantImportConfirm(ImportMixin, View):
    """Imports the file the preview checked (chosen again: uploads are never kept)."""

    def post(self, request, project_pk):
        form = ImportConfirmForm(request.POST, request.FILES)
        checked = request.session.get(SESSION_KEY) or {}
        if not form.is_valid() or checked != {"project": self.project.pk, "digest": form.digest}:
            messages.error(request, _(
                "Check the file first, then confirm the import of the same file."
            ))
            return redirect("monitoring:import", project_pk=self.project.pk)
        parsed = self.parse(form)
        if parsed is None:
            return self.render_page(form, status=400)
        if len(parsed.valid_rows) >= background_from():
            try:
                job = import_job_request(
                    project=self.project, data=form.data_bytes, parsed=parsed, by=request.user,
                    only_valid=form.cleaned_data["only_valid"],
                )
            except ValidationError as exc:
                messages.error(request, exc.messages[0])
                return self.render_page(ImportFileForm(), parsed, status=400)
            del request.session[SESSION_KEY]
            return redirect("monitoring:import_job", pk=job.pk)
        try:
            result = participants_import(
                project=self.project, parsed=parsed, by=request.user,
                only_valid=form.cleaned_data["only_valid"],
            )
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
            return self.render_page(ImportFileForm(), parsed, status=400)
        del request.session[SESSION_KEY]
        messages.success(request, _(
            "New participants: %(created)s. Updated: %(updated)s. Unchanged: %(unchanged)s. "
            "Rows with errors left out: %(skipped)s."
        ) % vars(result))
        return redirect("monitoring:import", project_pk=self.project.pk)


@login_required
def import_job(request, pk):
    """A large import's progress (static/monitoring/import_progress.js polls the status)."""
    job = get_object_for_user(request.user, ImportJob.objects.select_related("project"),
                              perm=IMPORT, pk=pk)
    return render(request, "monitoring/import_job.html", {
        "job": job, "project": job.project, "done": import_job_progress(job),
    })


@login_required
def import_job_status(request, pk):
    job = get_object_for_user(request.user, ImportJob.objects.defer("data"), perm=IMPORT, pk=pk)
    return JsonResponse({
        "status": job.status,
        "status_display": job.get_status_display(),
        "done": import_job_progress(job),
        "total": job.total,
    }, headers={"Cache-Control": "no-store"})
