"""Importing participants from a monitoring file: atomic, idempotent, attributed to a person."""

import os
import tempfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from aktywizacja.concurrency import EditConflict, save_checked
from aktywizacja.history import attributed
from instruments.models import Referral
from participants.codelists import education_group
from participants.models import (
    ENDING,
    Participation,
    ParticipationStatus,
    Person,
    recording_organisation,
)
from participants.services import (
    participants_register_many,
    participation_change_status,
    participation_update,
    participations_walk,
)
from projects.models import Project

from .export import FORMATS, MONITORING_FORMATS, exported_participations, write_export
from .importing import (
    FileProblem,
    ParsedFile,
    ParsedRow,
    identity_key,
    known_records,
    parse_file,
)
from .models import ExportJob, ImportJob, ImportStatus


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0


def participants_import(
    *, project: Project, parsed: ParsedFile, by, only_valid: bool = False, progress=None,
) -> ImportResult:
    """Creates or updates the participants of the file's valid rows, all or nothing.

    A file with invalid rows imports nothing unless ``only_valid`` is chosen. People are matched
    by PESEL (or, without one, by the other identifier); what already holds the file's values is
    left untouched, so importing the same file again writes nothing.
    """
    if parsed.errors and not only_valid:
        raise ValidationError(_("The file has errors: nothing has been imported."))
    result = ImportResult(skipped=parsed.invalid_count)
    organisation = recording_organisation(by, project)
    rows = parsed.valid_rows
    with transaction.atomic():
        people = known_records(organisation, rows)
        taking_part = _participations_of(project, people.values())
        for start in range(0, len(rows), IMPORT_CHUNK):
            new = []
            for row in rows[start:start + IMPORT_CHUNK]:
                person = people.get(identity_key(row.person))
                participation = taking_part.get(person.pk) if person else None
                if participation is None:
                    new.append((row, person))
                    continue
                try:
                    _count(result, _import_row(project, row, by, participation, person))
                except ValidationError as error:
                    raise _refusal(row, error) from error
            _register_new(project, new, by, organisation)
            result.created += len(new)
            if progress is not None:
                progress(result.created + result.updated + result.unchanged)
    return result


IMPORT_CHUNK = 500  # rows written at a time: the queries of a chunk do not grow with its rows


def _count(result: ImportResult, outcome: str) -> None:
    setattr(result, outcome, getattr(result, outcome) + 1)


def _refusal(row: ParsedRow, error: ValidationError) -> ValidationError:
    return ValidationError(
        _("Row %(number)s: %(problem)s Nothing has been imported.")
        % {"number": row.number, "problem": " ".join(error.messages)}
    )


def _participations_of(project: Project, people) -> dict:
    """The project's participations of these people on record, by person, in one query."""
    return {
        participation.person_id: participation
        for participation in Participation.objects.filter(
            project=project, person__in=[person.pk for person in people]
        ).select_related("person")
    }


def _register_new(project: Project, new: list, by, organisation) -> None:
    """New participations of a chunk, walked along the path as the file's dates say and referred
    to the support it lists: what ``_import_row`` did for each, in a few queries a chunk."""
    if not new:
        return
    entries = []
    for row, person in new:
        participation = attributed(Participation(**row.participation), by)
        participation.start_date = participation.end_date = None
        entries.append((person or Person(**row.person, organisation=organisation),
                        participation, row.participation["start_date"]))
    refusals = participants_register_many(project=project, entries=entries, by=by)
    _raise_first([(new[index][0], error) for index, error in refusals.items()])
    rows = {entry[1].pk: row for entry, (row, _person) in zip(entries, new, strict=True)}
    participations = [participation for _person, participation, _on in entries]
    for step in _WALK:
        steps = {}
        for participation in participations:
            if made := step(participation, rows[participation.pk].participation):
                steps[participation.pk] = made
        refusals = participations_walk(
            participations=[p for p in participations if p.pk in steps], steps=steps, by=by,
            reason=_("Imported from the monitoring file."),
        )
        _raise_first([(rows[pk], error) for pk, error in refusals.items()])
    _refer_new(participations, rows, by)


def _raise_first(refusals: list) -> None:
    """The refusal of the first row in the file, as one row's refusal is told."""
    if refusals:
        row, error = min(refusals, key=lambda refusal: refusal[0].number)
        if isinstance(error, EditConflict):
            error = ValidationError(_("Changed by someone else meanwhile: import it again."))
        raise _refusal(row, error)


# The steps of a new participation from a candidate, each for the whole chunk in turn: what
# _walk_path takes one participation through (a start date qualifies and starts, an end date
# ends: completed when the path was completed as planned, else resigned).
def _qualify(participation: Participation, data: dict):
    return ParticipationStatus.QUALIFIED, data["start_date"]


def _start(participation: Participation, data: dict):
    participation.start_date = data["start_date"]
    return ParticipationStatus.PARTICIPANT, data["start_date"]


def _end(participation: Participation, data: dict):
    if not data.get("end_date"):
        return None
    participation.path_completed = data.get("path_completed")
    ending = (ParticipationStatus.COMPLETED if data.get("path_completed")
              else ParticipationStatus.RESIGNED)
    return ending, data["end_date"]


_WALK = [_qualify, _start, _end]


def _refer_new(participations: list, rows: dict, by) -> None:
    """The referrals of new participations, checked as ``_refer`` checks each, saved in bulk."""
    referrals, seen = [], set()
    for participation in participations:
        for support_form, day in rows[participation.pk].support:
            referral = attributed(Referral(participation=participation, support_form=support_form,
                                           referred_on=day), by)
            try:
                if (participation.pk, support_form.pk) in seen:  # listed twice: as one by one
                    bulk_create_with_history(referrals, Referral, default_user=by)
                    referrals = []
                    referral.full_clean()
                referral.clean_fields(exclude=["participation", "support_form", "group"])
                referral.clean()
            except ValidationError as error:
                raise _refusal(rows[participation.pk], error) from error
            seen.add((participation.pk, support_form.pk))
            referrals.append(referral)
    bulk_create_with_history(referrals, Referral, default_user=by)


# --- Large imports in the background ------------------------------------------------------

BACKGROUND_FROM = 200


def background_from() -> int:
    return getattr(settings, "MONITORING_IMPORT_BACKGROUND_FROM", BACKGROUND_FROM)


def import_job_request(*, project: Project, data: bytes, parsed: ParsedFile, by,
                       only_valid: bool) -> ImportJob:
    """Queues a checked file for the worker; the rows are checked again there, on the data then."""
    if parsed.errors and not only_valid:
        raise ValidationError(_("The file has errors: nothing has been imported."))
    job = ImportJob.objects.create(
        project=project, requested_by=by, only_valid=only_valid, data=data,
        total=len(parsed.valid_rows), updated_at=timezone.now(),
    )
    from .tasks import import_job_task

    import_job_task.enqueue(job.pk)
    return job


def progress_path(job_id: int) -> Path:
    """Progress is written beside the database, not in it: the import is one transaction, and
    nothing it writes is visible (on SQLite, nothing else may write) until it commits."""
    folder = Path(getattr(settings, "MONITORING_PROGRESS_DIR", tempfile.gettempdir()))
    return folder / f"aktywizacja-import-{job_id}.progress"


def _write_progress(job_id: int, done: int) -> None:
    path = progress_path(job_id)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(str(done))
    os.replace(temporary, path)


def import_job_progress(job: ImportJob) -> int:
    if job.status != ImportStatus.RUNNING:
        return job.done
    try:
        return int(progress_path(job.pk).read_text())
    except (OSError, ValueError):
        return job.done


def import_job_run(job_id: int) -> None:
    """Runs one queued import, all or nothing, then erases the file it kept."""
    job = ImportJob.objects.select_related("project", "requested_by").get(pk=job_id)
    rows = ImportJob.objects.filter(pk=job_id)
    rows.update(status=ImportStatus.RUNNING, updated_at=timezone.now())
    try:
        parsed = parse_file(bytes(job.data), job.project,
                            recording_organisation(job.requested_by, job.project))
        rows.update(total=len(parsed.valid_rows), updated_at=timezone.now())
        result = participants_import(
            project=job.project, parsed=parsed, by=job.requested_by, only_valid=job.only_valid,
            progress=lambda done: _write_progress(job_id, done),
        )
    except ValidationError as refused:
        rows.update(status=ImportStatus.FAILED, error=" ".join(refused.messages), data=None,
                    updated_at=timezone.now())
        return
    except FileProblem as problem:
        rows.update(status=ImportStatus.FAILED, error=str(problem), data=None,
                    updated_at=timezone.now())
        return
    except Exception as error:
        rows.update(status=ImportStatus.FAILED, data=None, updated_at=timezone.now(),
                    error=f"{type(error).__name__}: {error}"[:1000])
        raise
    finally:
        progress_path(job_id).unlink(missing_ok=True)
    rows.update(
        status=ImportStatus.DONE, data=None, done=result.created + result.updated
        + result.unchanged, created=result.created, updated=result.updated,
        unchanged=result.unchanged, skipped=result.skipped, updated_at=timezone.now(),
    )


def _import_row(project: Project, row: ParsedRow, by, participation, person) -> str:
    """A participation on record, brought to the file's values ("updated"), or "unchanged"."""
    # The age at entry follows the birth date too, which the file may have corrected.
    data = row.participation | {"age_at_entry": person.age_on(row.participation["start_date"])}
    if education_group(participation.education) == data["education"]:
        del data["education"]  # the file's group; the level recorded here says more
    changed = _walk_path(participation, row.participation, by)
    changed = _update(participation, data, by) or changed
    changed = _refer(participation, row, by) or changed
    return "updated" if changed else "unchanged"


def _update(instance, data: dict, by) -> bool:
    """Saves the fields that differ, with a version check and history; False if none do.

    A participation is saved as its edit form saves it: frozen data at entry become corrections.
    """
    differing = {name: value for name, value in data.items() if getattr(instance, name) != value}
    if not differing:
        return False
    for name, value in differing.items():
        setattr(instance, name, value)
    if isinstance(instance, Participation):
        instance.refresh_age_at_entry()
        participation_update(
            participation=attributed(instance, by), by=by, expected_version=instance.version,
            reason=_("Imported from the monitoring file."),
        )
        return True
    instance.full_clean()
    save_checked(attributed(instance, by), expected_version=instance.version)
    return True


def monitoring_export_sent(*, participations) -> int:
    """The SM EFS file went out: those corrected since the last one have now been re-sent.

    ``participations``: a QuerySet (read as a subquery, whatever its size) or a list."""
    if not isinstance(participations, models.QuerySet):
        participations = [participation.pk for participation in participations]
    return Participation.objects.filter(
        pk__in=participations, resend_to_monitoring=True
    ).update(resend_to_monitoring=False)


def _walk_path(participation: Participation, data: dict, by) -> bool:
    """Moves the status as the file's dates say, through the same service as the status form.

    A start date makes a candidate a participant; an end date ends the participation (completed
    when the path was completed as planned, else resigned). Each step is checked as if a person
    took it on the card; False when the status already agrees with the file.
    """
    start, end = data.get("start_date"), data.get("end_date")
    steps = []
    status = participation.status
    if start and status in (ParticipationStatus.CANDIDATE, ParticipationStatus.RESERVE):
        steps.append((ParticipationStatus.QUALIFIED, start))
    if start and status in (ParticipationStatus.CANDIDATE, ParticipationStatus.RESERVE,
                            ParticipationStatus.QUALIFIED):
        steps.append((ParticipationStatus.PARTICIPANT, start))
    if end and status not in ENDING:
        participation.path_completed = data.get("path_completed")
        ending = (ParticipationStatus.COMPLETED if data.get("path_completed")
                  else ParticipationStatus.RESIGNED)
        steps.append((ending, end))
    for status, day in steps:
        if status == ParticipationStatus.PARTICIPANT:
            participation.start_date = day
        participation_change_status(
            participation=participation, to_status=status, on=day, by=by,
            reason=_("Imported from the monitoring file."),
            expected_version=participation.version,
        )
    return bool(steps)


def _refer(participation: Participation, row: ParsedRow, by) -> bool:
    """Referrals to the support forms the file lists, dated as the support began there.

    A referral on record stays as it is: the file's date is when support began (the first
    session attended), which the attendance records, not the referral.
    """
    existing = set(participation.referrals.values_list("support_form_id", flat=True))
    changed = False
    for support_form, day in row.support:
        if support_form.pk in existing:
            continue
        referral = Referral(participation=participation, support_form=support_form, referred_on=day)
        referral.full_clean()
        attributed(referral, by).save()
        changed = True
    return changed


# --- Large exports in the background -------------------------------------------------------

EXPORT_BACKGROUND_FROM = 2000
EXPORT_KEEP_HOURS = 24
EXPORT_FOLDER = "exports"


def export_background_from() -> int:
    """From this many participants the file is written by the task worker, not the request."""
    return getattr(settings, "MONITORING_EXPORT_BACKGROUND_FROM", EXPORT_BACKGROUND_FROM)


def export_job_request(*, project: Project, fmt: str, edition, by) -> ExportJob:
    """Queues the writing of the project's file; the worker writes it as the data are then."""
    export_jobs_expire()
    job = ExportJob.objects.create(
        project=project, edition=edition, format=fmt, requested_by=by,
        total=exported_participations(project, edition).count(),
    )
    from .tasks import export_job_task

    export_job_task.enqueue(job.pk)
    return job


def export_job_run(job_id: int) -> None:
    """Writes one queued export to a file of the private storage, telling the progress after
    each chunk of participants."""
    job = ExportJob.objects.select_related("project__programme", "edition").get(pk=job_id)
    rows = ExportJob.objects.filter(pk=job_id)
    rows.update(status=ImportStatus.RUNNING, started_at=timezone.now())
    try:
        with tempfile.TemporaryFile() as written:
            write_export(job.project, job.format, written, edition=job.edition,
                         progress=lambda done: rows.update(done=done))
            written.seek(0)
            name = default_storage.save(
                f"{EXPORT_FOLDER}/{uuid4().hex}.{FORMATS[job.format][0]}", File(written)
            )
    except Exception as error:
        rows.update(status=ImportStatus.FAILED, finished_at=timezone.now(),
                    error=f"{type(error).__name__}: {error}"[:1000])
        raise
    rows.update(status=ImportStatus.DONE, file=name, finished_at=timezone.now(),
                done=models.F("total"))


def export_job_downloaded(*, job: ExportJob) -> None:
    """The file is being sent: a monitoring file has now gone out for those corrected before it
    was written (a correction made since is still to be re-sent)."""
    if job.format in MONITORING_FORMATS:
        monitoring_export_sent(participations=exported_participations(job.project, job.edition)
                               .exclude(entry_corrections__corrected_at__gte=job.started_at))
    ExportJob.objects.filter(pk=job.pk).update(downloaded_at=timezone.now())


def export_job_erase(job: ExportJob) -> None:
    """The file is erased (it holds personal data): once downloaded, or when it expires."""
    if job.file:
        default_storage.delete(job.file)
    ExportJob.objects.filter(pk=job.pk).update(file="")


def export_jobs_expire() -> int:
    """Erases the files nobody fetched within ``MONITORING_EXPORT_KEEP_HOURS``."""
    hours = getattr(settings, "MONITORING_EXPORT_KEEP_HOURS", EXPORT_KEEP_HOURS)
    expired = ExportJob.objects.exclude(file="").filter(
        finished_at__lt=timezone.now() - timedelta(hours=hours)
    )
    for job in expired:
        export_job_erase(job)
    return len(expired)
