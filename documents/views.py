"""Issued documents: the project's register, certificates one by one and in batches, the
frozen PDFs, and the public verification page (no sign-in, initials only)."""

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Value
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.access_log import log_access
from accounts.models import AccessAction
from aktywizacja.downloads import pdf_download
from aktywizacja.pagination import keyset_page
from participants.models import Participation
from projects.access import ProjectPermissions, get_object_for_user, has_project_perm
from projects.models import Edition, Project, seen_whole
from trainings.models import TrainingCourse, TrainingResult

from .batches import certificate_batch_request, certificate_batch_rerun, stalled_batches_fail
from .certificates import Holder, certificate_issue, participation_holders
from .models import (
    BatchStatus,
    CertificateBatch,
    DocumentKind,
    IssuedDocument,
    normalise_code,
)
from .services import document_pdf

VIEW = "documents.view_issueddocument"
ISSUE = "documents.add_issueddocument"
BATCH = "documents.add_certificatebatch"
VIEW_BATCH = "documents.view_certificatebatch"
PAGE_SIZE = 50


class BatchForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Certificates"),
        choices=[(DocumentKind.TRAINING_CERTIFICATE, DocumentKind.TRAINING_CERTIFICATE.label),
                 (DocumentKind.PARTICIPATION_CERTIFICATE,
                  DocumentKind.PARTICIPATION_CERTIFICATE.label)],
    )
    course = forms.TypedChoiceField(label=gettext_lazy("Training course"), coerce=int,
                                    required=False, empty_value=None)
    edition = forms.TypedChoiceField(label=gettext_lazy("Edition"), coerce=int,
                                     required=False, empty_value=None)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        courses, editions = _batch_choices(project)
        self.fields["course"].choices = [("", _("all courses")), *courses]
        self.fields["edition"].choices = [("", _("the whole project")), *editions]

    def clean_course(self):
        return self._chosen(TrainingCourse.objects.filter(support_form__project=self.project),
                            self.cleaned_data["course"])

    def clean_edition(self):
        return self._chosen(self.project.editions.all(), self.cleaned_data["edition"])

    @staticmethod
    def _chosen(queryset, pk):
        if pk is None:
            return None
        chosen = queryset.filter(pk=pk).first()
        if chosen is None:  # removed since the page was shown
            raise ValidationError(_("Choose again: this one no longer exists."))
        return chosen


def _batch_choices(project) -> tuple[list, list]:
    """The project's training courses and editions, labelled as they label themselves: read in
    one query (the page's queries stay few, issue 13)."""
    courses = TrainingCourse.objects.filter(support_form__project=project).order_by().values_list(
        Value("course"), "pk", Value(0), "support_form__name"
    )
    editions = project.editions.order_by().values_list(Value("edition"), "pk", "number", "name")
    course_rows, edition_rows = [], []
    for kind, pk, number, name in courses.union(editions, all=True):
        if kind == "course":
            course_rows.append((name, pk))
        else:
            edition_rows.append((number, pk, str(Edition(number=number, name=name))))
    return ([(pk, name) for name, pk in sorted(course_rows)],
            [(pk, label) for _number, pk, label in sorted(edition_rows)])


class CodeForm(forms.Form):
    kod = forms.CharField(label=gettext_lazy("Verification code"), max_length=20)


# --- The project's register ----------------------------------------------------------------


@login_required
def document_list(request, pk):
    project = get_object_for_user(
        request.user, Project.objects.annotate(seen_whole=seen_whole(request.user)),
        perm=VIEW, pk=pk,
    )
    documents = (
        IssuedDocument.objects.for_user(request.user).filter(project=project).without_pdf()
        .select_related("participation__person", "duplicate_of")
    )
    page = keyset_page(documents, ["-issued_at", "-pk"], request.GET, size=PAGE_SIZE)
    return render(request, "documents/document_list.html", {
        "project": project,
        "page": page,
        "documents": page.object_list,
        # A batch prints everyone: offered to who sees everyone (a partner's coordinator not).
        "can_print": project.seen_whole and has_project_perm(request.user, project, BATCH),
    })


@login_required
def document_pdf_view(request, pk):
    document = get_object_for_user(
        request.user, IssuedDocument.objects.select_related("project"), perm=VIEW, pk=pk
    )
    if document.is_anonymised:
        raise Http404
    log_access(request, AccessAction.PDF, document)
    filename = document.number.replace("/", "-") + ".pdf"
    return pdf_download(document_pdf(document), filename)


# --- Issuing ---------------------------------------------------------------------------------


def _holder(request, kind: str, participation_pk: int) -> Holder:
    participation = get_object_for_user(
        request.user, Participation.objects.select_related("person", "project"),
        perm=ISSUE, pk=participation_pk,
    )
    if kind == DocumentKind.TRAINING_CERTIFICATE:
        result = TrainingResult.objects.filter(
            participation=participation, pk=request.POST.get("training_result") or 0,
            completed=True,
        ).select_related("course__support_form").first()
        if result is None:
            raise ValidationError(_("Choose a training course the participant completed."))
        return Holder(participation, result)
    holders = participation_holders(participation.project)
    if participation.pk not in holders.keys:
        raise ValidationError(
            _("Only a participant who completed the project gets this certificate.")
        )
    return holders[holders.keys.index(participation.pk)]


def _refusal(message: str) -> HttpResponse:
    """A refusal in plain text, declared UTF-8 so that Polish letters arrive intact."""
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


@require_POST
@login_required
def certificate_issue_view(request, pk):
    """One participant's certificate: the frozen original, or a duplicate when asked for."""
    kind = request.POST.get("kind", DocumentKind.PARTICIPATION_CERTIFICATE)
    if kind not in (DocumentKind.TRAINING_CERTIFICATE, DocumentKind.PARTICIPATION_CERTIFICATE):
        raise Http404
    try:
        holder = _holder(request, kind, pk)
    except ValidationError as error:
        return _refusal(" ".join(error.messages))
    document = certificate_issue(
        kind=kind, holder=holder, by=request.user, duplicate=request.POST.get("duplicate") == "1"
    )
    return redirect("documents:document_pdf", document.pk)


def _project_to_print(request, pk) -> Project:
    """The project whose certificates the user may print in a batch: a batch prints every
    participant, so only who sees them all may."""
    project = get_object_for_user(
        request.user, Project.objects.annotate(seen_whole=seen_whole(request.user)),
        perm=BATCH, pk=pk,
    )
    if not project.seen_whole:
        raise PermissionDenied
    return project


def _batch_page(request, project, form, *, status=200):
    batches = CertificateBatch.objects.filter(project=project).defer("pdf").select_related(
        "course__support_form", "edition", "requested_by"
    )
    page = keyset_page(batches, ["-requested_at", "-pk"], request.GET, size=PAGE_SIZE)
    return render(request, "documents/batch_list.html", {
        "project": project,
        "form": form,
        "page": page,
        "batches": page.object_list,
        "can": ProjectPermissions(request.user, project),
    }, status=status)


@login_required
def batch_list(request, pk):
    """The project's certificate batches, newest first, and the form that prints a new one."""
    project = _project_to_print(request, pk)
    return _batch_page(request, project, BatchForm(project=project))


@require_POST
@login_required
def batch_create(request, pk):
    project = _project_to_print(request, pk)
    form = BatchForm(request.POST, project=project)
    if not form.is_valid():
        return _batch_page(request, project, form, status=400)
    batch = certificate_batch_request(
        project=project, kind=form.cleaned_data["kind"], by=request.user,
        course=form.cleaned_data["course"], edition=form.cleaned_data["edition"],
    )
    return redirect("documents:batch_detail", batch.pk)


def _batch_for(request, pk) -> CertificateBatch:
    queryset = CertificateBatch.objects.defer("pdf").select_related("project", "course")
    batch = get_object_for_user(request.user, queryset, perm=VIEW_BATCH, pk=pk)
    if batch.requested_by_id != request.user.pk and not has_project_perm(
        request.user, batch.project, BATCH
    ):
        raise PermissionDenied
    return batch


def _batch_now(request, pk) -> CertificateBatch:
    """The batch as it stands, a stalled one marked failed first."""
    batch = _batch_for(request, pk)
    if batch.status in (BatchStatus.QUEUED, BatchStatus.RUNNING) and stalled_batches_fail(
        project=batch.project
    ):
        batch.refresh_from_db(fields=["status", "error", "updated_at"])
    return batch


@login_required
def batch_detail(request, pk):
    batch = _batch_now(request, pk)
    return render(request, "documents/batch_detail.html", {
        "batch": batch,
        "can": ProjectPermissions(request.user, batch.project),
    })


@require_POST
@login_required
def batch_rerun(request, pk):
    batch = _batch_now(request, pk)
    if not has_project_perm(request.user, batch.project, BATCH):
        raise PermissionDenied
    if batch.status == BatchStatus.FAILED:
        certificate_batch_rerun(batch)
    return redirect("documents:batch_detail", batch.pk)


@login_required
def batch_status(request, pk):
    """A small JSON the batch page polls (static/js/batch_progress.js)."""
    batch = _batch_now(request, pk)
    ready = batch.status == BatchStatus.DONE
    return JsonResponse({
        "status": batch.status,
        "status_display": batch.get_status_display(),
        "done": batch.done,
        "total": batch.total,
        "download": reverse("documents:batch_pdf", args=[batch.pk]) if ready else None,
    }, headers={"Cache-Control": "no-store"})


@login_required
def batch_pdf(request, pk):
    batch = _batch_for(request, pk)
    if batch.status != BatchStatus.DONE:
        raise Http404
    log_access(request, AccessAction.PDF, batch)
    filename = f"{batch.project.short_name}-{batch.kind}-{batch.pk}.pdf"
    if batch.file:  # sent from the storage in pieces
        return pdf_download(batch.file.open("rb"), filename)
    pdf = CertificateBatch.objects.values_list("pdf", flat=True).get(pk=batch.pk)
    if pdf is None:  # removed with the participants' data after the keeping period
        raise Http404
    return pdf_download(bytes(pdf), filename)


# --- The public check ------------------------------------------------------------------------


def verify_form(request):
    """Type the code printed under the QR code: no sign-in needed."""
    form = CodeForm(request.GET or None)
    if form.is_valid():
        return redirect("documents:verify", normalise_code(form.cleaned_data["kod"]) or "-")
    return render(request, "documents/verify.html", {"form": form, "searched": False})


def verify(request, code):
    """What anyone holding the paper may know: valid or not, which document, whose initials."""
    document = (
        IssuedDocument.objects.without_pdf().filter(verification_code=normalise_code(code))
        .select_related("duplicate_of").first()
    )
    return render(request, "documents/verify.html", {
        "form": CodeForm(initial={"kod": code}),
        "searched": True,
        "document": document,
        "site_url": settings.SITE_URL,
    }, status=200 if document is not None else 404)
