"""Support delivered: what each participant actually received, and from when — one computation.

A referral or a plan is not support received. Received is: a session attended (marked present),
an internship started, a job-placement or job-coach contact; each only inside the participation.
The monitoring file's "kinds of support (start date)" and the summary's "received support under
the … instrument" both read this, so they cannot disagree.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, CharField, F, Min, Value, When
from django.db.models.functions import Coalesce

from employment.models import Internship, JobSupportContact, JobSupportKind
from instruments.hours import counted_attendance
from instruments.hours import inside_participation as _inside
from instruments.models import HoursTotal, InstrumentKind

# The kind of support named for an internship or a job-support contact without a support form.
INTERNSHIP, JOB_PLACEMENT, JOB_COACHING = "Staż zawodowy", "Pośrednictwo pracy", "Trener pracy"


@dataclass(frozen=True)
class Delivered:
    participation_id: int
    instrument: str
    name: str
    first_day: date


def _vocational_unless(path: str):
    return Coalesce(f"{path}__instrument", Value(InstrumentKind.VOCATIONAL),
                    output_field=CharField())


def support_delivered(participations, *, summed: bool = False) -> list[Delivered]:
    """Each kind of support each participation received, from its first day (three queries).

    ``participations``: a QuerySet (read as a subquery, whatever its size) or a list. ``summed``:
    the sessions attended are read from the hours summed per support form
    (``instruments.HoursTotal``, its first day inside the participation), not from every mark.
    """
    attended = (
        HoursTotal.objects.filter(participation__in=participations,
                                  first_day_inside__isnull=False)
        .values("participation_id", instrument=F("support_form__instrument"),
                name=F("support_form__name"))
        .annotate(first_day=Min("first_day_inside"))
        if summed else
        counted_attendance().filter(participation__in=participations)
        .filter(_inside("session__date"))
        .values("participation_id", instrument=F("session__support_form__instrument"),
                name=F("session__support_form__name"))
        .annotate(first_day=Min("session__date"))
    )
    facts = [
        attended,
        Internship.objects.filter(participation__in=participations).filter(_inside("start_date"))
        .values("participation_id", instrument=_vocational_unless("support_form"),
                name=Coalesce("support_form__name", Value(INTERNSHIP)))
        .annotate(first_day=Min("start_date")),
        JobSupportContact.objects.filter(participation__in=participations).filter(_inside("date"))
        .values("participation_id", instrument=_vocational_unless("support_form"),
                name=Coalesce("support_form__name", Case(
                    When(kind=JobSupportKind.JOB_COACH, then=Value(JOB_COACHING)),
                    default=Value(JOB_PLACEMENT),
                )))
        .annotate(first_day=Min("date")),
    ]
    return [Delivered(**row) for queryset in facts for row in queryset.order_by()]


def support_received(participations) -> dict[int, list[tuple[str, date]]]:
    """For each participation: the kinds of support received, each from its first day, by date.

    The sessions attended are read from the hours summed per support form (their first day
    inside the participation), as the summary reads them: a chunk of the monitoring file costs
    an indexed look-up, not a join of every attendance mark of its people."""
    first_days: dict[int, dict[str, date]] = {}
    for fact in support_delivered(participations, summed=True):
        days = first_days.setdefault(fact.participation_id, {})
        days[fact.name] = min(fact.first_day, days.get(fact.name, fact.first_day))
    return {
        pk: sorted(days.items(), key=lambda item: (item[1], item[0]))
        for pk, days in first_days.items()
    }


def received_by_instrument(participations) -> dict[str, int]:
    """How many distinct participants received support under each instrument (the sessions
    attended read from the hours summed per support form: the summary's figure)."""
    people: dict[str, set[int]] = {}
    for fact in support_delivered(participations, summed=True):
        people.setdefault(fact.instrument, set()).add(fact.participation_id)
    return {instrument: len(ids) for instrument, ids in people.items()}
