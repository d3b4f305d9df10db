"""A person's copy of their data (the coordinator, from the card) and the data protection
officer's pages: the access log with its CSV, the art. 15 exports, the register of processing.

The officer is on no team: every participant's page answers them 404 (``projects.access``); their
pages answer 403 to everyone else.
"""

import codecs
import csv
import io
import tempfile
from datetime import date
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.access_log import log_access
from accounts.models import AccessAction
from accounts.reauth import confirm_password_first
from aktywizacja.downloads import download, pdf_download
from aktywizacja.pagination import keyset_page
from aktywizacja.pdf import render_pdf
from monitoring.layout import neutralise
from participants.models import Participation
from projects.access import get_object_for_user
from retention.models import Anonymisation

from .forms import LogFilterForm
from .models import EXPORT_SUBJECT_DATA, OVERSEE
from .officer import (
    LogFilter,
    filtered_log,
    officer_exports,
    officer_projects,
    officer_staff,
)
from .register import processing_register
from .services import subject_export_make
from .subject import participations_of

FILTER_KEY = "privacy_log_filter"
PAGE_SIZE = 50
CSV_IN_MEMORY = 4 * 1024 * 1024  # a longer CSV goes to a temporary file


def _exported(request, pk) -> Participation:
    return get_object_for_user(
        request.user, Participation.objects.select_related("person", "project"),
        perm=EXPORT_SUBJECT_DATA, pk=pk,
    )


@login_required
def subject_export_page(request, pk):
    participation = _exported(request, pk)
    return render(request, "privacy/subject_export.html", {
        "participation": participation,
        "person": participation.person,
        "included": participations_of(request.user, participation.person),
    })


@login_required
def subject_export_download(request, pk):
    participation = _exported(request, pk)
    if detour := confirm_password_first(request):
        return detour
    made = subject_export_make(participation=participation, by=request.user)
    for included in participations_of(request.user, participation.person):
        log_access(request, AccessAction.EXPORT, included)
    return download(made.content, made.filename, "application/zip")


def officer_only(view):
    """The data protection officer's pages: 403 for every other role."""

    @login_required
    @wraps(view)
    def checked(request, *args, **kwargs):
        if not request.user.has_perm(OVERSEE):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked


@officer_only
def officer_start(request):
    return render(request, "privacy/officer_start.html", {
        "projects": officer_projects(request.user).select_related("programme"),
        "export_count": officer_exports(request.user).count(),
        # The anonymisations of the officer's organisation's projects (the retention app).
        "anonymisations": Anonymisation.objects.filter(
            project__in=officer_projects(request.user)
        ).select_related("project", "by").order_by("-at"),
        "today": timezone.localdate(),
    })


def _chosen(request) -> LogFilter:
    kept = request.session.get(FILTER_KEY, {})
    return LogFilter(
        person=kept.get("person", ""),
        user_id=kept.get("user"),
        date_from=date.fromisoformat(kept["date_from"]) if kept.get("date_from") else None,
        date_to=date.fromisoformat(kept["date_to"]) if kept.get("date_to") else None,
    )


def _keep(request, data: dict) -> None:
    request.session[FILTER_KEY] = {
        "person": data["person"].strip(),
        "user": data["user"].pk if data["user"] else None,
        "date_from": data["date_from"].isoformat() if data["date_from"] else None,
        "date_to": data["date_to"].isoformat() if data["date_to"] else None,
    }


@officer_only
def access_log(request):
    """The filters are posted and kept in the session: a PESEL never stands in an address."""
    staff = officer_staff(request.user)
    if request.method == "POST":
        form = LogFilterForm(request.POST, staff=staff)
        if form.is_valid():
            _keep(request, form.cleaned_data)
            return redirect("privacy:access_log")
        chosen, status = LogFilter(), 400
    else:
        if "wszystko" in request.GET:
            request.session.pop(FILTER_KEY, None)
        chosen, status = _chosen(request), 200
        form = LogFilterForm(staff=staff, initial={
            "person": chosen.person, "user": chosen.user_id,
            "date_from": chosen.date_from, "date_to": chosen.date_to,
        })
    # The log grows with every card opened: pages read by key, the count capped (issue 13).
    page = keyset_page(filtered_log(request.user, chosen), ["-at", "-pk"], request.GET,
                       size=PAGE_SIZE, counted=True)
    return render(request, "privacy/access_log.html", {
        "form": form, "page_obj": page, "filtered": chosen != LogFilter(),
    }, status=status)


@officer_only
def access_log_csv(request):
    """The rows the page's filters find, all of them, as CSV (never a formula in a cell):
    read in chunks and written to a file that spills to disk, so a long log takes no more
    memory than a short one."""
    buffer = tempfile.SpooledTemporaryFile(max_size=CSV_IN_MEMORY)  # noqa: SIM115 (sent, then closed by the response)
    buffer.write(codecs.BOM_UTF8)  # Excel then reads it as UTF-8
    text = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow([_("When"), _("User"), _("Action"), _("Record type"), _("Record id"),
                     _("Project"), _("Address")])
    for entry in filtered_log(request.user, _chosen(request)).iterator(chunk_size=2000):
        writer.writerow([
            timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S"),
            neutralise(entry.user.username), entry.get_action_display(), entry.object_type,
            entry.object_id, neutralise(entry.project.short_name if entry.project else ""),
            neutralise(entry.path),
        ])
    text.flush()
    text.detach()
    buffer.seek(0)
    filename = f"rejestr-dostepu-{timezone.localdate():%Y-%m-%d}.csv"
    return download(buffer, filename, "text/csv; charset=utf-8")


@officer_only
def export_list(request):
    page = keyset_page(officer_exports(request.user), ["-exported_at", "-pk"], request.GET,
                       size=PAGE_SIZE, counted=True)
    return render(request, "privacy/export_list.html", {"page_obj": page})


def _registered_project(request, project_pk):
    return get_object_or_404(
        officer_projects(request.user).select_related("programme", "lead_beneficiary"),
        pk=project_pk,
    )


@officer_only
def register(request, project_pk):
    project = _registered_project(request, project_pk)
    return render(request, "privacy/register.html", {
        "project": project, "entries": processing_register(project),
    })


@officer_only
def register_pdf(request, project_pk):
    project = _registered_project(request, project_pk)
    with translation.override("pl"):  # documents are Polish, as the renderer's templates
        entries = processing_register(project)
    content = render_pdf("pdf/processing_register.html", {
        "project": project, "entries": entries, "printed_on": timezone.localdate(),
    })
    return pdf_download(content, f"rejestr-czynnosci-{project.short_name}.pdf")
