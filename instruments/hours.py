"""Hours of support, always computed from the sessions and the attendance, never typed as totals.

Every figure is in clock hours (60 minutes), a Decimal with two places; a session counted in
teaching hours (45 minutes) is converted from its minutes. A participant's hours are those of the
sessions at which they were marked present, as on the attendance grid: group sessions, and the
individual consultations that are their own. Every function runs a fixed number of queries,
whatever the amount of data.

"Held" means a session on or before ``as_of`` (today by default) at which someone was marked
present: a session planned for next week, or one nobody is recorded as attending, is not support
delivered (yet).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from aktywizacja.dates import month_start, next_month

from .models import (
    Attendance,
    InstrumentKind,
    Referral,
    Session,
    SessionKind,
    SupportForm,
    minutes_to_hours,
)

ZERO = Decimal("0.00")


def counted_attendance():
    """Present attendance that counts: any group session, or the participant's own consultation.

    Only a mark counts: a consultation nobody marked as attended is not support delivered.
    """
    return Attendance.objects.present().filter(
        Q(session__kind=SessionKind.GROUP) | Q(session__participation=F("participation"))
    )


def _ids(participations) -> list[int]:
    return [p if isinstance(p, int) else p.pk for p in participations]


def hours_by_participation(participations: Iterable) -> dict[int, dict[int, Decimal]]:
    """For each participation id: the clock hours attended per support form id (one query).

    Accepts participations or their ids (a list or a QuerySet); each one asked for has a key,
    with an empty dict when they attended nothing.
    """
    ids = _ids(participations)
    result: dict[int, dict[int, Decimal]] = {pk: {} for pk in ids}
    rows = (
        counted_attendance()
        .filter(participation_id__in=ids)
        .values("participation_id", "session__support_form_id")
        .annotate(minutes=Sum("session__duration_minutes"))
        .order_by()
    )
    for row in rows:
        result[row["participation_id"]][row["session__support_form_id"]] = minutes_to_hours(
            row["minutes"] or 0
        )
    return result


def total_hours_by_participation(participations: Iterable) -> dict[int, Decimal]:
    """For each participation id: the clock hours attended in all, the sum of its support forms'
    hours as ``hours_by_participation`` counts them (the card, certificates and summary agree)."""
    return {
        pk: sum(by_form.values(), ZERO)
        for pk, by_form in hours_by_participation(participations).items()
    }


@dataclass
class SupportFormHours:
    """Planned and delivered clock hours of one support form."""

    support_form: SupportForm
    planned_group_hours: Decimal
    planned_individual_hours: Decimal  # per participant
    delivered_group_hours: Decimal  # the durations of the group sessions held
    delivered_individual_hours: Decimal  # the durations of the consultations held
    individual_hours_per_participant: Decimal  # over the participants who had consultations
    participants: int  # distinct participants present at any of its sessions
    referred: int
    sessions: int  # sessions held
    participant_ids: frozenset = field(default=frozenset(), repr=False)

    @property
    def instrument(self) -> str:
        return self.support_form.instrument

    @property
    def planned_total_hours(self) -> Decimal:
        return self.planned_group_hours + self.planned_individual_hours * self.referred

    @property
    def delivered_total_hours(self) -> Decimal:
        return self.delivered_group_hours + self.delivered_individual_hours


@dataclass
class InstrumentHours:
    """The same totals over the support forms of one instrument kind."""

    instrument: InstrumentKind
    support_forms: int
    planned_group_hours: Decimal
    planned_individual_hours: Decimal  # in total: per participant × referred, summed
    delivered_group_hours: Decimal
    delivered_individual_hours: Decimal
    participants: int  # distinct over the instrument's support forms
    referred: int  # referrals to its support forms
    sessions: int

    @property
    def label(self) -> str:
        return self.instrument.label

    @property
    def planned_total_hours(self) -> Decimal:
        return self.planned_group_hours + self.planned_individual_hours

    @property
    def delivered_total_hours(self) -> Decimal:
        return self.delivered_group_hours + self.delivered_individual_hours


def _of_edition(edition) -> dict:
    """The filter of attendance marks limited to the people of an edition (None: everyone)."""
    return {"participation__edition": edition} if edition is not None else {}


def _held_sessions(project, as_of: date, edition=None, since: date | None = None):
    """Sessions delivered according to the attendance records: by ``as_of`` (and from
    ``since``), someone marked present (a session nobody attended, or a consultation never
    marked, delivered nothing); for an edition, someone of the edition."""
    sessions = Session.objects.filter(support_form__project=project, date__lte=as_of)
    if since is not None:
        sessions = sessions.filter(date__gte=since)
    return sessions.filter(
        Exists(counted_attendance().filter(session=OuterRef("pk"), **_of_edition(edition)))
    )


def _session_totals(project, as_of: date, edition=None, since=None) -> dict[int, dict]:
    """Per support form id: minutes and count of held sessions by kind, and consultees."""
    totals: dict[int, dict] = defaultdict(
        lambda: {"group": 0, "individual": 0, "sessions": 0, "consultees": 0}
    )
    rows = (
        _held_sessions(project, as_of, edition, since)
        .values("support_form_id", "kind")
        .annotate(
            minutes=Sum("duration_minutes"),
            count=Count("pk"),
            consultees=Count("participation", distinct=True),
        )
        .order_by()
    )
    for row in rows:
        entry = totals[row["support_form_id"]]
        entry[row["kind"]] += row["minutes"] or 0
        entry["sessions"] += row["count"]
        if row["kind"] == SessionKind.INDIVIDUAL:
            entry["consultees"] = row["consultees"]
    return totals


def _participants(project, as_of: date, edition=None, since=None) -> dict[int, set[int]]:
    present = (
        counted_attendance()
        .filter(session__support_form__project=project, session__date__lte=as_of,
                **_of_edition(edition), **({"session__date__gte": since} if since else {}))
        .values_list("session__support_form_id", "participation_id")
        .order_by()  # the default ordering would add its columns to DISTINCT: a row per mark
        .distinct()
    )
    by_form: dict[int, set[int]] = defaultdict(set)
    for support_form_id, participation_id in present:
        by_form[support_form_id].add(participation_id)
    return by_form


def support_form_hours(project, *, as_of: date | None = None, edition=None,
                       since: date | None = None) -> list[SupportFormHours]:
    """Planned vs delivered hours of each support form, by instrument kind then name (3 queries).

    For an edition: the sessions someone of the edition attended, its people and referrals.
    With ``since``: only what was delivered from that day to ``as_of`` (a reporting period).
    """
    as_of = as_of or timezone.localdate()
    totals = _session_totals(project, as_of, edition, since)
    participants = _participants(project, as_of, edition, since)
    support_forms = (
        SupportForm.objects.filter(project=project)
        .select_related("provider")
        # A subquery, not Count("referrals"): that would join every referral and group them by
        # all the columns of the support form and its provider.
        .annotate(referral_count=Coalesce(Subquery(
            Referral.objects.in_force().filter(support_form=OuterRef("pk"), **_of_edition(edition))
            .order_by()
            .values("support_form").annotate(count=Count("pk")).values("count"),
            output_field=IntegerField(),
        ), 0))
        .order_by("name", "pk")
    )
    result = []
    for support_form in support_forms:
        if edition is not None and not (support_form.referral_count
                                        or participants.get(support_form.pk)):
            continue  # none of the edition's people was referred to it or attended it
        entry = totals.get(support_form.pk) or {
            "group": 0, "individual": 0, "sessions": 0, "consultees": 0
        }
        individual = minutes_to_hours(entry["individual"])
        ids = frozenset(participants.get(support_form.pk, ()))
        result.append(SupportFormHours(
            support_form=support_form,
            planned_group_hours=support_form.planned_group_hours,
            planned_individual_hours=support_form.planned_individual_hours,
            delivered_group_hours=minutes_to_hours(entry["group"]),
            delivered_individual_hours=individual,
            individual_hours_per_participant=(
                minutes_to_hours(Decimal(entry["individual"]) / entry["consultees"])
                if entry["consultees"] else ZERO
            ),
            participants=len(ids),
            referred=support_form.referral_count,
            sessions=entry["sessions"],
            participant_ids=ids,
        ))
    return sorted(result, key=lambda row: _instrument_order(row.instrument))


def _instrument_order(instrument: str) -> int:
    return list(InstrumentKind.values).index(instrument)


def totals_by_instrument(rows: list[SupportFormHours]) -> list[InstrumentHours]:
    """Sums rows of ``support_form_hours`` per instrument kind, in InstrumentKind order."""
    grouped: dict[str, list[SupportFormHours]] = defaultdict(list)
    for row in rows:
        grouped[row.instrument].append(row)
    return [
        InstrumentHours(
            instrument=InstrumentKind(instrument),
            support_forms=len(forms),
            planned_group_hours=sum((f.planned_group_hours for f in forms), ZERO),
            planned_individual_hours=sum(
                (f.planned_individual_hours * f.referred for f in forms), ZERO
            ),
            delivered_group_hours=sum((f.delivered_group_hours for f in forms), ZERO),
            delivered_individual_hours=sum((f.delivered_individual_hours for f in forms), ZERO),
            participants=len(frozenset().union(*(f.participant_ids for f in forms))),
            referred=sum(f.referred for f in forms),
            sessions=sum(f.sessions for f in forms),
        )
        for instrument, forms in sorted(grouped.items(), key=lambda i: _instrument_order(i[0]))
    ]


def instrument_hours(project, *, as_of: date | None = None,
                     edition=None) -> list[InstrumentHours]:
    """The totals of ``support_form_hours`` per instrument kind that the project uses."""
    return totals_by_instrument(support_form_hours(project, as_of=as_of, edition=edition))


def hours_by_month(project, *, as_of: date | None = None,
                   edition=None) -> list[tuple[date, Decimal]]:
    """Participant-hours attended per month (first day of the month), gaps filled with zero."""
    as_of = as_of or timezone.localdate()
    # Summed per day in the database and per month here: a row per day with sessions, whereas
    # truncating to the month in SQL calls a Python function for every mark on SQLite.
    rows = (
        counted_attendance()
        .filter(session__support_form__project=project, session__date__lte=as_of,
                **_of_edition(edition))
        .values_list("session__date")
        .annotate(minutes=Sum("session__duration_minutes"))
        .order_by()
    )
    minutes: dict[date, int] = defaultdict(int)
    for day, day_minutes in rows:
        minutes[month_start(day)] += day_minutes or 0
    if not minutes:
        return []
    months, month = [], min(minutes)
    while month <= max(minutes):
        months.append((month, minutes_to_hours(minutes.get(month, 0))))
        month = next_month(month)
    return months
