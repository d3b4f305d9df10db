"""Certificate batches: small ones are made while the page waits, large ones by the task worker.

The threshold is the setting ``DOCUMENTS_BACKGROUND_FROM`` (default 40 certificates): beyond a
few dozen a request would wait more than a few seconds.
"""

from django.conf import settings
from django.db import transaction

from .certificates import certificates_issue, holders_for
from .models import BatchStatus, CertificateBatch

BACKGROUND_FROM = 40


def background_from() -> int:
    return getattr(settings, "DOCUMENTS_BACKGROUND_FROM", BACKGROUND_FROM)


def certificate_batch_request(*, project, kind: str, by, course=None, edition=None
                              ) -> CertificateBatch:
    """Records the batch and makes it now (small) or queues it for the worker (large)."""
    total = len(holders_for(kind=kind, project=project, course=course, edition=edition))
    with transaction.atomic():
        batch = CertificateBatch(project=project, kind=kind, course=course, edition=edition,
                                 requested_by=by, total=total)
        batch.full_clean()
        batch.save()
    if total < background_from():
        certificate_batch_run(batch.pk)
    else:
        from .tasks import certificate_batch_task

        certificate_batch_task.enqueue(batch.pk)
    batch.refresh_from_db()
    return batch


def certificate_batch_run(batch_id: int) -> None:
    """Makes one batch: issues what is missing (chunk by chunk) and stores the combined PDF."""
    batch = CertificateBatch.objects.select_related(
        "project", "course", "edition", "requested_by"
    ).defer("pdf").get(pk=batch_id)
    rows = CertificateBatch.objects.filter(pk=batch_id)
    rows.update(status=BatchStatus.RUNNING)
    try:
        holders = holders_for(kind=batch.kind, project=batch.project, course=batch.course,
                              edition=batch.edition)
        rows.update(total=len(holders))
        pdf = certificates_issue(
            kind=batch.kind, project=batch.project, holders=holders, by=batch.requested_by,
            progress=lambda done: rows.update(done=done),
        )
    except Exception as error:
        rows.update(status=BatchStatus.FAILED, error=f"{type(error).__name__}: {error}"[:1000])
        raise
    rows.update(status=BatchStatus.DONE, pdf=pdf, done=len(holders))
