"""What the data protection officer reads: the access log of their organisation's projects and
staff, found by person, user and dates; the art. 15 exports; the projects whose processing they
register. Never a participant's record itself."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Q
from django.utils import timezone

from accounts.models import AccessLogEntry, User
from contracts.models import SocialContract
from documents.models import IssuedDocument
from dossier.models import DossierFile
from participants.models import Participation, Person
from participants.models.people import search_key
from projects.models import Project, ProjectQuerySet

from .models import SubjectExport

# The records of a person the access log may name, each found from their participations.
PERSON_RECORDS = {
    "contracts.socialcontract": SocialContract,
    "documents.issueddocument": IssuedDocument,
    "dossier.dossierfile": DossierFile,
}


def officer_projects(user):
    """The projects the officer's organisation leads or partners in (every project for the
    superuser, none for an officer of no organisation)."""
    if user.is_superuser:
        return Project.objects.all()
    if not user.organisation_id:
        return Project.objects.none()
    return Project.objects.filter(ProjectQuerySet.of_organisation(user.organisation_id)).distinct()


def officer_log(user):
    """The access log of the officer's projects, and of their organisation's staff."""
    entries = AccessLogEntry.objects.select_related("user", "project")
    if user.is_superuser:
        return entries
    return entries.filter(
        Q(project__in=officer_projects(user)) | Q(user__organisation=user.organisation_id)
    )


def officer_exports(user):
    return SubjectExport.objects.filter(project__in=officer_projects(user)).select_related(
        "exported_by", "project"
    )


def officer_staff(user):
    """The accounts whose access the officer may filter by: those in their log."""
    return User.objects.filter(pk__in=officer_log(user).values("user")).order_by(
        "last_name", "first_name", "username"
    )


@dataclass
class LogFilter:
    person: str = ""  # a name or a PESEL, never kept in an address
    user_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None


def _people(user, text: str):
    return Person.objects.filter(
        participations__project__in=officer_projects(user),
        search_text__contains=search_key(text),
    ).values("pk")


def _about_people(user, text: str) -> Q:
    """The log's rows about the people a name or PESEL finds: their person record, their
    participations and the records of those (contracts, documents, files)."""
    people = _people(user, text)
    participations = Participation.objects.filter(person__in=people).values("pk")
    about = Q(object_type="participants.person", object_id__in=people) | Q(
        object_type="participants.participation", object_id__in=participations
    )
    for label, model in PERSON_RECORDS.items():
        about |= Q(object_type=label,
                   object_id__in=model.objects.filter(participation__in=participations)
                   .values("pk"))
    return about


def filtered_log(user, chosen: LogFilter):
    entries = officer_log(user)
    if chosen.person.strip():
        entries = entries.filter(_about_people(user, chosen.person))
    if chosen.user_id:
        entries = entries.filter(user_id=chosen.user_id)
    zone = timezone.get_current_timezone()
    if chosen.date_from:
        entries = entries.filter(at__gte=datetime.combine(chosen.date_from, time.min, zone))
    if chosen.date_to:
        entries = entries.filter(at__lte=datetime.combine(chosen.date_to, time.max, zone))
    return entries.order_by("-at", "-pk")
