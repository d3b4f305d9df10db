"""Certificate batches: small ones are made while the page waits, large ones by the task worker.

The threshold is the setting ``DOCUMENTS_BACKGROUND_FROM`` (default 40 certificates): beyond a
few dozen a request would wait more than a few seconds. A batch that makes no progress for
``DOCUMENTS_BATCH_STALLED_MINUTES`` (default 10) — its worker died, or no worker runs — is marked
failed when its page is next looked at, and can be run again: what it issued is kept.
"""

import tempfile
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .certificates import certificates_issue, holders_for
from .models import BatchStatus, CertificateBatch

BACKGROUND_FROM = 40
STALLED_MINUTES = 10


def background_from() -> int:
    return getattr(settings, "DOCUMENTS_BACKGROUND_FROM", BACKGROUND_FROM)


def certificate_batch_request(*, project, kind: str, by, course=None, edition=None
                              ) -> CertificateBatch:
    """Records the batch and makes it now (small) or queues it for the worker (large)."""
    total = len(holders_for(kind=kind, project=project, course=course, edition=edition))
    with transaction.atomic():
        batch = CertificateBatch(project=project, kind=kind, course=course, edition=edition,
                                 requested_by=by, total=total, updated_at=timezone.now())
        batch.full_clean()
        batch.save()
    _start(batch)
    batch.refresh_from_db()
    return batch


def _start(batch: CertificateBatch) -> None:
    if batch.total < background_from():
        certificate_batch_run(batch.pk)
    else:
        from .tasks import certificate_batch_task

        certificate_batch_task.enqueue(batch.pk)


def stalled_batches_fail(*, project=None) -> int:
    """Marks failed the batches that have not moved for the stall time; returns how many."""
    minutes = getattr(settings, "DOCUMENTS_BATCH_STALLED_MINUTES", STALLED_MINUTES)
    cutoff = timezone.now() - timedelta(minutes=minutes)
    rows = CertificateBatch.objects.filter(
        Q(updated_at__lt=cutoff) | Q(updated_at__isnull=True, requested_at__lt=cutoff),
        status__in=[BatchStatus.QUEUED, BatchStatus.RUNNING],
    )
    if project is not None:
        rows = rows.filter(project=project)
    return rows.update(status=BatchStatus.FAILED, updated_at=timezone.now(), error=_(
        "The batch made no progress for %(minutes)s minutes: the worker stopped or is not "
        "running."
    ) % {"minutes": minutes})


def certificate_batch_rerun(batch: CertificateBatch) -> CertificateBatch:
    """A failed batch again: the certificates it issued stay as issued, the rest are made."""
    claimed = CertificateBatch.objects.filter(pk=batch.pk, status=BatchStatus.FAILED).update(
        status=BatchStatus.QUEUED, error="", updated_at=timezone.now(),
    )
    if claimed:
        _start(batch)
    batch.refresh_from_db()
    return batch


def certificate_batch_run(batch_id: int) -> None:
    """Makes one batch: issues what is missing (chunk by chunk), writing the combined PDF to a
    temporary file as it goes, then into the storage (``CertificateBatch.file``)."""
    batch = CertificateBatch.objects.select_related(
        "project", "course", "edition", "requested_by"
    ).defer("pdf").get(pk=batch_id)
    rows = CertificateBatch.objects.filter(pk=batch_id)
    rows.update(status=BatchStatus.RUNNING, error="", updated_at=timezone.now())
    try:
        holders = holders_for(kind=batch.kind, project=batch.project, course=batch.course,
                              edition=batch.edition)
        rows.update(total=len(holders), updated_at=timezone.now())
        with tempfile.TemporaryFile() as out:
            certificates_issue(
                kind=batch.kind, project=batch.project, holders=holders, by=batch.requested_by,
                progress=lambda done: rows.update(done=done, updated_at=timezone.now()),
                output=out,
            )
            out.seek(0)
            batch.file.save(f"batch-{batch.pk}.pdf", File(out), save=False)
    except Exception as error:
        rows.update(status=BatchStatus.FAILED, updated_at=timezone.now(),
                    error=f"{type(error).__name__}: {error}"[:1000])
        raise
    rows.update(status=BatchStatus.DONE, file=batch.file.name, pdf=None, done=len(holders),
                updated_at=timezone.now())
