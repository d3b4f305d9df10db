"""The participant's file: adding a scan, downloading it (logged), removing it with a reason;
and the project's page of required kinds with its totals."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from accounts.access_log import log_access
from accounts.models import AccessAction
from aktywizacja.downloads import download
from aktywizacja.views import ConfirmScreen, FormScreen
from participants.card import participation_for
from participants.models import Participation, ParticipationStatus
from projects.access import ProjectScreen, get_object_for_user, scoped
from projects.models import Project

from .forms import DossierFileForm, RemovalForm, RequiredKindsForm
from .models import DocumentKind, DossierFile, RequiredKind, missing_kinds
from .services import dossier_file_add, dossier_file_remove, required_kinds_set
from .uploads import keep_names_sent

VIEW_FILE = "dossier.view_dossierfile"
ADD_FILE = "dossier.add_dossierfile"
REMOVE_FILE = "dossier.delete_dossierfile"
VIEW_REQUIRED = "dossier.view_requiredkind"
SET_REQUIRED = "dossier.add_requiredkind"
# Whose file must be complete: people qualified (about to start) and taking part.
EXPECTED_COMPLETE = [ParticipationStatus.QUALIFIED, ParticipationStatus.PARTICIPANT]


def _file_for(request, pk, perm) -> DossierFile:
    queryset = DossierFile.objects.select_related(
        "participation__person", "participation__project"
    )
    return get_object_for_user(request.user, queryset, perm=perm, pk=pk)


def _tab_url(participation) -> str:
    return reverse("card:participation_tab", args=[participation.pk, "dossier"])


@method_decorator(csrf_exempt, name="dispatch")
class DossierFileAdd(ProjectScreen, FormScreen):
    """A scan or photo added to the participant's file. The names of the files sent are kept
    as sent (a name with folders is refused, not shortened): so the request is read here, and
    the CSRF check is made here, after that, instead of in the middleware."""

    template_name = "dossier/file_add.html"
    form_class = DossierFileForm
    success_message = gettext_lazy("The file has been added to the participant's file.")

    def dispatch(self, request, *args, **kwargs):
        keep_names_sent(request)
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def find(self):
        self.participation = participation_for(self.request, self.kwargs["participation_pk"],
                                               perm=ADD_FILE)
        self.project = self.participation.project

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "names_sent": getattr(self.request, "files_names_sent", {}),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "participation": self.participation, "person": self.participation.person,
            "cancel_url": self.get_back_url(),
            "max_upload_mb": settings.DOSSIER_MAX_UPLOAD_MB,
        }

    def save(self, form):
        return dossier_file_add(
            participation=self.participation, kind=form.cleaned_data["kind"],
            date=form.cleaned_data["date"], upload=form.checked, by=self.request.user,
        )

    def get_back_url(self):
        return _tab_url(self.participation)


@login_required
def dossier_file_download(request, pk):
    """The stored file as an attachment under a name made from its kind and date (never the
    name it was sent with); each download is in the access log."""
    document = _file_for(request, pk, VIEW_FILE)
    if document.is_removed:
        raise Http404
    try:
        with document.file.open("rb") as stored:
            content = stored.read()
    except FileNotFoundError as missing:
        raise Http404 from missing
    log_access(request, AccessAction.PDF, document)
    return download(content, document.download_name, document.content_type)


class DossierFileRemove(ProjectScreen, ConfirmScreen):
    """Removes a file added in error, asking why: the row stays with who, when and why."""

    template_name = "dossier/file_remove.html"
    success_message = gettext_lazy("The file has been removed; the list keeps the entry.")

    def find(self):
        self.document = _file_for(self.request, self.kwargs["pk"], REMOVE_FILE)
        self.project = self.document.participation.project
        if self.document.is_removed:
            raise Http404
        self.form = RemovalForm(self.request.POST or None)

    def act(self):
        if not self.form.is_valid():
            raise self.form_refusal()
        dossier_file_remove(document=self.document, reason=self.form.cleaned_data["reason"],
                            by=self.request.user)

    def form_refusal(self) -> ValidationError:
        return ValidationError([error for errors in self.form.errors.values()
                                for error in errors])

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "document": self.document, "participation": self.document.participation,
            "form": self.form, "cancel_url": self.get_success_url(),
        }

    def get_success_url(self):
        return _tab_url(self.document.participation)


class ProjectDossier(ProjectScreen, FormScreen):
    """The kinds of documents the project requires (the coordinator sets them) and the
    project's totals: files by kind, people whose file lacks a required document. Totals only,
    so the director reads it too."""

    template_name = "dossier/project_dossier.html"
    form_class = RequiredKindsForm
    success_message = gettext_lazy("The required documents have been saved.")

    def find(self):
        self.project = get_object_for_user(
            self.request.user, Project, perm=VIEW_REQUIRED, pk=self.kwargs["project_pk"]
        )
        if self.request.method == "POST":
            self.require(SET_REQUIRED)

    def get_initial(self):
        return {"kinds": list(
            RequiredKind.objects.filter(project=self.project).values_list("kind", flat=True)
        )}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | self.totals()

    def totals(self) -> dict:
        by_kind = dict(
            DossierFile.objects.kept().filter(participation__project=self.project)
            .order_by().values("kind").annotate(count=Count("pk")).values_list("kind", "count")
        )
        expected = scoped(self.request.user, Participation).filter(
            project=self.project, status__in=EXPECTED_COMPLETE
        ).only("pk", "project_id")
        missing = missing_kinds(expected)
        return {
            "files_by_kind": [
                (label, by_kind.get(kind, 0)) for kind, label in DocumentKind.choices
            ],
            "files_total": sum(by_kind.values()),
            "incomplete_count": sum(1 for kinds in missing.values() if kinds),
            "expected_count": len(missing),
        }

    def save(self, form):
        required_kinds_set(project=self.project, kinds=form.cleaned_data["kinds"],
                           by=self.request.user)

    def get_back_url(self):
        return reverse("dossier:project_dossier", args=[self.project.pk])
