"""Anonymising a project's participants once its keeping period is over (SECURITY.md: retention).

What goes, for every participation of the project (live and in the history tables):
- the person's identity — names, PESEL, the other identifier, the day and month of birth — unless
  they take part in another project still inside its keeping period (that project needs them);
- contact and address, and every free text about them in this project: the IŚR, the contracts
  (their terms as signed included), status changes, corrections of the entry data, withdrawals,
  results' descriptions and evidence, notes of internships and job-placement contacts, the names
  of the files sent and removal reasons;
- the uploaded files (deleted from the storage once the change is committed), the project's
  import files, the frozen PDFs of documents issued to them (the register entry stays: number,
  kind, date, the SHA-256 of the removed PDF, marked anonymised) and printed batches.
What stays: every record that counts (statuses, dates, codes, hours, results, sex, age at entry,
the commune), so the project's indicators and summary are the same before and after.
"""

import datetime
from dataclasses import asdict, dataclass, fields

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Cast, Concat, TruncYear
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from aktywizacja.concurrency import Versioned
from documents.models import CertificateBatch, IssuedDocument
from dossier.models import DossierFile
from monitoring.models import ExportJob, ImportJob
from participants.models import Participation, Person
from projects.models import Project

from .models import Anonymisation

# What a cleared text says where the field has room for it (else it is left empty).
MARK = "[zanonimizowano]"
ANONYMOUS_FIRST_NAME = "Osoba"
ANONYMOUS_LAST_NAME = "zanonimizowana nr "
ANONYMOUS_IDENTIFIER = "ANONIM-"


@dataclass(frozen=True)
class Texts:
    """A model's free texts about a participant, and the lookup from it to the participation."""

    model: str
    to_participation: str
    fields: tuple[str, ...]


TEXTS = (
    Texts("participants.Participation", "id", (
        "recruitment_source", "employer", "exclusion_reasons", "town", "street",
        "building_number", "flat_number", "postcode", "phone", "email",
    )),
    Texts("participants.StatusChange", "participation_id", ("reason", "unmet_criteria")),
    Texts("participants.EntryCorrection", "participation_id", ("old_value", "new_value", "reason")),
    Texts("participants.IndividualPath", "participation_id", (
        "problem_situation", "resources", "potential", "predispositions", "needs", "goals",
        "revision_reason",
    )),
    Texts("participants.PlannedSupport", "path__participation_id", ("serves_goal",)),
    Texts("instruments.Referral", "participation_id", ("withdrawal_reason",)),
    Texts("contracts.SocialContract", "participation_id", (
        "assessment", "goals", "final_assessment", "signed_terms",
    )),
    Texts("contracts.ContractAction", "contract__participation_id", ("description", "responsible")),
    Texts("contracts.MonitoringEntry", "contract__participation_id", ("note",)),
    Texts("contracts.Amendment", "contract__participation_id", ("description", "changes")),
    Texts("trainings.TrainingResult", "participation_id", ("document_number",)),
    Texts("employment.Internship", "participation_id", ("outcome_notes",)),
    Texts("employment.JobSupportContact", "participation_id", ("notes",)),
    Texts("results.Employment", "participation_id", ("evidence",)),
    Texts("results.SocialProgress", "participation_id", ("description", "evidence")),
    Texts("dossier.DossierFile", "participation_id", ("original_name", "removal_reason")),
)


@dataclass
class Plan:
    """What an anonymisation removes (the dry run shows it; the record keeps it)."""

    people: int = 0
    people_kept: int = 0
    participations: int = 0
    records: int = 0
    files: int = 0
    documents: int = 0
    history_rows: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def retention_refusal(project: Project, today: datetime.date | None = None) -> str | None:
    """Why the project's people cannot be anonymised yet, or None when they can."""
    if project.retention_passed(today or timezone.localdate()):
        return None
    return _(
        "The documentation of %(project)s is kept until %(date)s: its participants cannot be "
        "anonymised before the next day."
    ) % {"project": project.short_name,
         "date": date_format(project.retention_end, "SHORT_DATE_FORMAT")}


def anonymisation_plan(*, project: Project, today: datetime.date | None = None) -> Plan:
    """The dry run: counts what ``project_anonymise`` would remove, changing nothing."""
    return _Run(project, today or timezone.localdate(), apply=False).run()


def project_anonymise(*, project: Project, by=None,
                      today: datetime.date | None = None) -> Anonymisation:
    """Anonymises the project's participants (see the module's docstring) and records it.

    Refused while the keeping period lasts. Run again later, it also anonymises the people it
    kept before because another project still needed them, once that project's period is over.
    """
    today = today or timezone.localdate()
    refusal = retention_refusal(project, today)
    if refusal:
        raise ValidationError(refusal)
    with transaction.atomic():
        plan = _Run(project, today, apply=True).run()
        record = Anonymisation(project=project, by=by, kept_until=project.retention_end,
                               **plan.as_dict())
        record.full_clean()
        record.save()
    return record


class _Run:
    def __init__(self, project: Project, today: datetime.date, *, apply: bool):
        self.project, self.today, self.apply = project, today, apply
        self.now = timezone.now()
        self.plan = Plan()
        self.participation_ids = set(
            Participation.objects.filter(project=project).values_list("pk", flat=True)
        ) | set(
            Participation.history.filter(project_id=project.pk).values_list("id", flat=True)
        )

    def run(self) -> Plan:
        self.plan.participations = len(self.participation_ids)
        self._people()
        for texts in TEXTS:
            self._texts(texts)
        self._files()
        self._documents()
        self._admin_log(Participation, self.participation_ids)
        return self.plan

    # --- People -------------------------------------------------------------------------------

    def _people(self) -> None:
        person_ids = set(
            Participation.objects.filter(pk__in=self.participation_ids)
            .values_list("person_id", flat=True)
        )
        kept = self._kept(person_ids)
        gone = person_ids - kept
        already = set(
            Person.objects.filter(pk__in=gone, last_name__startswith=ANONYMOUS_LAST_NAME)
            .values_list("pk", flat=True)
        )
        self.plan.people = len(gone - already)
        self.plan.people_kept = len(kept)
        history = Person.history.filter(id__in=gone).exclude(
            last_name__startswith=ANONYMOUS_LAST_NAME, pesel="",
        )
        self.plan.history_rows += history.count()
        if self.apply:
            number = Cast("id", output_field=CharField())
            identity = {
                "first_name": Value(ANONYMOUS_FIRST_NAME),
                "last_name": Concat(Value(ANONYMOUS_LAST_NAME), number),
                "pesel": "",
                "other_identifier": Concat(Value(ANONYMOUS_IDENTIFIER), number),
                "birth_date": TruncYear("birth_date"),
            }
            history.update(**identity)
            search_text = Concat(Value(ANONYMOUS_LAST_NAME.lower()), number, Value(" osoba"))
            Person.objects.filter(pk__in=gone).update(
                **identity, **_bumped(Person), search_text=search_text
            )
        self._admin_log(Person, gone)

    def _kept(self, person_ids) -> set[int]:
        """The people taking part in another project whose keeping period is not over."""
        elsewhere = (
            Participation.objects.filter(person_id__in=person_ids)
            .exclude(project=self.project)
            .select_related("project")
        )
        return {
            participation.person_id for participation in elsewhere
            if not participation.project.retention_passed(self.today)
        }

    # --- Texts --------------------------------------------------------------------------------

    def _texts(self, texts: Texts) -> None:
        model = apps.get_model(texts.model)
        lookup = {f"{texts.to_participation}__in": self.participation_ids}
        self.plan.records += self._clear(model._base_manager.filter(**lookup), texts.fields)
        history = getattr(model, "history", None)
        if history is not None:
            self.plan.history_rows += self._clear(
                history.model._base_manager.filter(**lookup),
                (*texts.fields, "history_change_reason"),
            )

    def _clear(self, queryset, names) -> int:
        """Clears the texts in ``names`` of the rows of ``queryset``; the rows that had any."""
        touched = set()
        for name in names:
            field = queryset.model._meta.get_field(name)
            if isinstance(field, models.JSONField):
                touched |= self._clear_json(queryset, name)
                continue
            replacement = _replacement(field)
            rows = queryset.filter(~Q(**{name: ""}), **{f"{name}__isnull": False}).exclude(
                **{name: replacement}
            )
            touched |= set(rows.values_list("pk", flat=True))
            if self.apply:
                rows.update(**{name: replacement}, **_bumped(queryset.model))
        return len(touched)

    def _clear_json(self, queryset, name) -> set:
        touched = set()
        for pk, value in queryset.values_list("pk", name):
            cleared = _cleared_json(value)
            if cleared != value:
                touched.add(pk)
                if self.apply:
                    queryset.model._base_manager.filter(pk=pk).update(
                        **{name: cleared}, **_bumped(queryset.model)
                    )
        return touched

    # --- Files and documents ------------------------------------------------------------------

    def _files(self) -> None:
        files = DossierFile.objects.filter(participation_id__in=self.participation_ids)
        names = list(files.exclude(file="").values_list("file", flat=True))
        imports = ImportJob.objects.filter(project=self.project).filter(
            Q(data__isnull=False) | ~Q(error="")
        )
        exports = ExportJob.objects.filter(project=self.project).exclude(file="")
        exported = list(exports.values_list("file", flat=True))  # awaiting download
        self.plan.files = len(names) + imports.count() + len(exported)
        if not self.apply:
            return
        files.update(file="")
        DossierFile.history.filter(participation_id__in=self.participation_ids).update(file="")
        imports.update(data=None, error="")
        exports.update(file="")
        storage = DossierFile._meta.get_field("file").storage
        # Deleted only once the database agrees: a rollback must not leave rows without files.
        transaction.on_commit(lambda: [storage.delete(name) for name in names]
                              + [default_storage.delete(name) for name in exported])

    def _documents(self) -> None:
        documents = IssuedDocument.objects.filter(
            Q(participation_id__in=self.participation_ids)
            | Q(training_result__participation_id__in=self.participation_ids),
            anonymised_at__isnull=True,
        )
        batches = CertificateBatch.objects.filter(
            Q(pdf__isnull=False) | ~Q(file=""), project=self.project
        )
        self.plan.documents = documents.count() + batches.count()
        if self.apply:
            documents.update(pdf=b"", holder_initials="", anonymised_at=self.now)
            names = [name for name in batches.values_list("file", flat=True) if name]
            batches.update(pdf=None, file="")
            storage = CertificateBatch._meta.get_field("file").storage
            transaction.on_commit(lambda: [storage.delete(name) for name in names])

    def _admin_log(self, model, ids) -> None:
        """The Django admin's own log names what it changed (``object_repr``)."""
        entries = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(pk) for pk in ids],
        ).exclude(object_repr=MARK)
        self.plan.history_rows += entries.count()
        if self.apply:
            entries.update(object_repr=MARK, change_message="")


def _bumped(model) -> dict:
    """A versioned record's version moves on: a form opened before cannot save the old texts
    back over the cleared ones (it meets the conflict page)."""
    return {"version": F("version") + 1} if issubclass(model, Versioned) else {}


def _replacement(field) -> str:
    if isinstance(field, models.EmailField) or (field.max_length or 1000) < len(MARK):
        return ""
    return MARK


def _cleared_json(value):
    """Every text of a frozen structure cleared; dates (ISO) and numbers kept."""
    if isinstance(value, dict):
        return {key: _cleared_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_cleared_json(item) for item in value]
    if isinstance(value, str) and value and not _is_iso_date(value):
        return MARK
    return value


def _is_iso_date(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def plan_lines(figures: Plan | Anonymisation) -> list[tuple[str, int]]:
    """The figures of a plan or a record with their names, as the page and the command say."""
    return [
        (str(Anonymisation._meta.get_field(field.name).verbose_name),
         getattr(figures, field.name))
        for field in fields(Plan)
    ]
