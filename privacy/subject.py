"""Everything recorded about one person (RODO art. 15), as sections of records.

A record is read field by field from its model, so a field added later is in the copy without a
change here. Each value is given as the person reads it (a choice's label, a related record's
name, a date); the JSON keeps the fields' English names, the PDF their Polish labels.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext

from consents.models import ClauseReceipt, Consent
from contracts.models import Amendment, ContractAction, MonitoringEntry, SocialContract
from documents.models import IssuedDocument
from dossier.models import DossierFile
from employment.models import Internship, InternshipMonth, JobSupportContact
from events.models import EventAttendance
from instruments.hours import hours_by_participation
from instruments.models import Attendance, Referral, SupportForm
from participants.models import (
    EntryCorrection,
    IndividualPath,
    Participation,
    Person,
    PlannedSupport,
    StatusChange,
)
from projects.access import scoped
from results.models import Employment, SocialProgress
from trainings.models import TrainingResult

# Not about the person: the application's own bookkeeping.
LEFT_OUT = {"version", "search_text", "creation_token", "file", "participation", "person"}


@dataclass
class Value:
    name: str  # the field's English name: the JSON key
    label: str  # the field's label in the language of the document
    value: object  # JSON-ready: str, int, bool, None, or a JSON field's dict or list

    @property
    def shown(self):
        """As the PDF prints it: a JSON field's keys and values as lines, not Python's repr."""
        if isinstance(self.value, dict):
            return "; ".join(f"{key}: {item}" for key, item in self.value.items())
        if isinstance(self.value, list):
            return "; ".join(map(str, self.value))
        return self.value


@dataclass
class Record:
    title: str
    values: list[Value]
    parts: list["Section"] = field(default_factory=list)

    def as_json(self) -> dict:
        data = {value.name: value.value for value in self.values}
        for part in self.parts:
            data[part.key] = [record.as_json() for record in part.records]
        return data


@dataclass
class Section:
    key: str  # English, the JSON key
    title: str
    records: list[Record]


@dataclass
class SubjectData:
    person: Record
    participations: list[Record]
    files: list[DossierFile]  # the uploaded files still kept, put in the ZIP

    def as_json(self) -> dict:
        return {
            "person": self.person.as_json(),
            "participations": [record.as_json() for record in self.participations],
        }


def _plain(value):
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "d.m.Y H:i")
    if isinstance(value, date):
        return formats.date_format(value, "d.m.Y")
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    return value


def record_of(obj, *, title: str | None = None, parts=()) -> Record:
    values = []
    for model_field in obj._meta.concrete_fields:
        if model_field.name in LEFT_OUT or model_field.primary_key:
            continue
        if model_field.choices:
            value = getattr(obj, f"get_{model_field.name}_display")()
        else:
            value = getattr(obj, model_field.name)
        if value in (None, ""):
            continue
        values.append(Value(model_field.name, str(model_field.verbose_name), _plain(value)))
    return Record(title or str(obj), values, list(parts))


def _section(key: str, model, records) -> Section:
    return Section(key, str(model._meta.verbose_name_plural), records)


def _records(queryset, **kwargs) -> list[Record]:
    return [record_of(obj, **kwargs) for obj in queryset]


def _hours(participation) -> Section:
    by_form = hours_by_participation([participation.pk])[participation.pk]
    names = dict(SupportForm.objects.filter(pk__in=by_form).values_list("pk", "name"))
    records = [
        Record(names[form_id], [Value("support_form", str(SupportForm._meta.verbose_name),
                                      names[form_id]),
                                Value("hours", gettext("Hours"), str(hours))])
        for form_id, hours in by_form.items()
    ]
    return Section("hours", gettext("Hours of support attended"), records)


def _paths(participation) -> list[Record]:
    paths = IndividualPath.objects.filter(participation=participation).prefetch_related(
        "planned_support__support_form"
    )
    return [
        record_of(path, parts=[
            _section("planned_support", PlannedSupport, _records(path.planned_support.all())),
        ])
        for path in paths
    ]


def _contracts(participation) -> list[Record]:
    contracts = SocialContract.objects.filter(participation=participation).prefetch_related(
        "actions", "monitoring", "amendments"
    )
    return [
        record_of(contract, parts=[
            _section("actions", ContractAction, _records(contract.actions.all())),
            _section("monitoring", MonitoringEntry, _records(contract.monitoring.all())),
            _section("amendments", Amendment, _records(contract.amendments.all())),
        ])
        for contract in contracts
    ]


def _internships(participation) -> list[Record]:
    internships = Internship.objects.filter(participation=participation).prefetch_related(
        "months"
    )
    return [
        record_of(internship, parts=[
            _section("months", InternshipMonth, _records(internship.months.all())),
        ])
        for internship in internships
    ]


def participation_sections(participation) -> list[Section]:
    """What is recorded about the person in one project, in the order of the card."""
    of = {"participation": participation}
    return [
        _section("status_changes", StatusChange,
                 _records(StatusChange.objects.filter(**of).select_related("changed_by"))),
        _section("entry_corrections", EntryCorrection,
                 _records(EntryCorrection.objects.filter(**of).select_related("corrected_by"))),
        _section("individual_paths", IndividualPath, _paths(participation)),
        _section("social_contracts", SocialContract, _contracts(participation)),
        _section("referrals", Referral,
                 _records(Referral.objects.filter(**of).select_related("support_form"))),
        _section("attendance", Attendance, _records(
            Attendance.objects.filter(**of).select_related("session__support_form")
            .order_by("session__date", "session__start_time")
        )),
        _hours(participation),
        _section("employment", Employment, _records(Employment.objects.filter(**of))),
        _section("social_progress", SocialProgress,
                 _records(SocialProgress.objects.filter(**of))),
        _section("trainings", TrainingResult, _records(
            TrainingResult.objects.filter(**of).select_related("course__support_form")
        )),
        _section("internships", Internship, _internships(participation)),
        _section("job_support", JobSupportContact,
                 _records(JobSupportContact.objects.filter(**of))),
        _section("events", EventAttendance,
                 _records(EventAttendance.objects.filter(**of).select_related("event"))),
        _section("documents_issued", IssuedDocument,
                 _records(IssuedDocument.objects.filter(**of))),
        _section("information_clauses", ClauseReceipt,
                 _records(ClauseReceipt.objects.filter(**of))),
        _section("consents", Consent, _records(Consent.objects.filter(**of))),
        _section("uploaded_files", DossierFile,
                 _records(DossierFile.objects.filter(**of))),
    ]


def participations_of(user, person) -> list[Participation]:
    """The person's participations the user may see (another partner's do not exist here)."""
    return list(
        scoped(user, Participation).filter(person=person)
        .select_related("project", "edition", "organisation", "social_worker")
        .order_by("start_date", "pk")
    )


def subject_data(person: Person, participations: list[Participation]) -> SubjectData:
    records = [
        record_of(participation, title=str(participation.project),
                  parts=participation_sections(participation))
        for participation in participations
    ]
    files = list(
        DossierFile.objects.filter(participation__in=participations)
        .exclude(file="").filter(removed_at__isnull=True)
    )
    return SubjectData(record_of(person), records, files)
