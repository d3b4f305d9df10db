"""Hours of support, always computed from the sessions and the attendance, never typed as totals.

Every figure is in clock hours (60 minutes), a Decimal with two places; a session counted in
teaching hours (45 minutes) is converted from its minutes. A participant's hours are those of the
sessions at which they were marked present, as on the attendance grid: group sessions, and the
individual consultations that are their own. Every function runs a fixed number of queries,
whatever the amount of data.

"Held" means a session on or before ``as_of`` (today by default) at which someone was marked
present: a session planned for next week, or one nobody is recorded as attending, is not support
delivered (yet).

The project's figures (``support_form_hours``, ``hours_by_month``) read the marks summed once:
``HoursTotal`` (a participation's minutes, sessions and first day at a support form) and
``HeldSession`` (who of each edition was present at a session). ``refresh_hours`` alone writes
them, from the marks as ``counted_attendance`` counts them; every service that changes marks,
sessions or participations calls it in its transaction, and ``manage.py check_figures`` lists
``hours_differences`` (the same sums, read again from the marks, against the kept ones). A
person's own hours (``hours_by_participation``) and who came in a period (``since``) are still
read from the marks.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from aktywizacja.dates import month_start, next_month

from .models import (
    Attendance,
    HeldSession,
    HoursTotal,
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


def _id(item) -> int:
    return item if isinstance(item, int) else item.pk


def _ids(items) -> list[int]:
    return [_id(item) for item in items]


def inside_participation(day_path: str, participation_path: str = "participation") -> Q:
    """The dated fact lies inside its participation (from its start, until its end if ended)."""
    return Q(**{f"{day_path}__gte": F(f"{participation_path}__start_date")}) & (
        Q(**{f"{participation_path}__end_date__isnull": True})
        | Q(**{f"{day_path}__lte": F(f"{participation_path}__end_date")})
    )


# --- The sums kept beside the marks -----------------------------------------------------------


def _hours_totals(marks) -> list[HoursTotal]:
    rows = (
        counted_attendance().filter(marks)
        .values("participation_id", "session__support_form_id")
        .annotate(
            minutes=Sum("session__duration_minutes"), sessions=Count("pk"),
            first_day=Min("session__date"),
            first_day_inside=Min("session__date", filter=inside_participation("session__date")),
        )
        .order_by()
    )
    return [
        HoursTotal(participation_id=row["participation_id"],
                   support_form_id=row["session__support_form_id"], minutes=row["minutes"] or 0,
                   sessions=row["sessions"], first_day=row["first_day"],
                   first_day_inside=row["first_day_inside"])
        for row in rows
    ]


def _held_sessions_rows(marks) -> list[HeldSession]:
    rows = (
        counted_attendance().filter(marks)
        .values("session_id", "participation__edition_id")
        .annotate(present=Count("pk"))
        .order_by()
    )
    return [
        HeldSession(session_id=row["session_id"], edition_id=row["participation__edition_id"],
                    present=row["present"])
        for row in rows
    ]


@dataclass(frozen=True)
class _Scope:
    """Which sums to recompute, as filters over the sums and over the marks they come from."""

    totals: Q  # over HoursTotal
    totals_marks: Q  # over Attendance: the marks of those totals
    held: Q  # over HeldSession and over Attendance alike


def _scope(marks, sessions, participations, project) -> _Scope:
    if project is not None:
        held = Q(session__support_form__project=project)
        return _Scope(Q(support_form__project=project), held, held)
    people = {_id(person) for person, _meeting in marks}
    meetings = {_id(meeting) for _person, meeting in marks}
    changed_sessions, changed_people = _ids(sessions), _ids(participations)
    meetings.update(changed_sessions)
    people.update(changed_people)
    if changed_sessions or changed_people:
        # The people at a changed session (their hours follow its date and duration), the
        # sessions of a changed participation (their counts follow its edition), as ids: an OR
        # of two subqueries in the deletes would make the database read every mark.
        for person, meeting in Attendance.objects.filter(
            Q(session__in=changed_sessions) | Q(participation__in=changed_people)
        ).values_list("participation_id", "session_id").order_by():
            people.add(person)
            meetings.add(meeting)
    totals = Q(participation__in=people)
    return _Scope(totals, totals, Q(session__in=meetings))


@dataclass(frozen=True)
class Difference:
    """A kept sum that is not what the marks give: ``stored`` or ``recomputed`` is None when the
    row is missing on that side."""

    table: str  # "HoursTotal" or "HeldSession"
    key: tuple  # (participation id, support form id) or (session id, edition id)
    stored: tuple | None
    recomputed: tuple | None


def _total_key(row: HoursTotal) -> tuple:
    return row.participation_id, row.support_form_id


def _total_values(row: HoursTotal) -> tuple:
    return row.minutes, row.sessions, row.first_day, row.first_day_inside


def _held_key(row: HeldSession) -> tuple:
    return row.session_id, row.edition_id


def _compare(table: str, stored, recomputed, key, values) -> list[Difference]:
    kept = {key(row): values(row) for row in stored}
    fresh = {key(row): values(row) for row in recomputed}
    return [
        Difference(table, k, kept.get(k), fresh.get(k))
        for k in sorted(kept.keys() | fresh.keys(), key=lambda k: tuple(i or 0 for i in k))
        if kept.get(k) != fresh.get(k)
    ]


def hours_differences(project) -> list[Difference]:
    """Every kept sum of the project that differs from the same sum read again from the marks
    (four queries)."""
    scope = _scope((), (), (), project)
    return [
        *_compare("HoursTotal", HoursTotal.objects.filter(scope.totals),
                  _hours_totals(scope.totals_marks), _total_key, _total_values),
        *_compare("HeldSession", HeldSession.objects.filter(scope.held),
                  _held_sessions_rows(scope.held), _held_key, lambda row: (row.present,)),
    ]


def refresh_hours(*, marks=(), sessions=(), participations=(), project=None) -> None:
    """Recomputes from the marks the sums that depend on what changed, in at most five queries
    whatever the number of rows (and a bulk insert a thousand rows at a time). Called inside the
    transaction of the change, with what it changed:

    - ``marks``: (participation, session) pairs marked, unmarked or deleted;
    - ``sessions``: sessions whose date, duration or kind changed (the hours of everyone at them);
    - ``participations``: participations whose dates or edition changed;
    - ``project``: everything of a project (data written in bulk, a repair).

    Each may be given as instances or ids.
    """
    scope = _scope(list(marks), sessions, participations, project)
    HoursTotal.objects.filter(scope.totals).delete()
    HoursTotal.objects.bulk_create(_hours_totals(scope.totals_marks), batch_size=1000)
    HeldSession.objects.filter(scope.held).delete()
    HeldSession.objects.bulk_create(_held_sessions_rows(scope.held), batch_size=1000)


def refresh_after_participations_changed(sender, *, participations, **kwargs) -> None:
    """A participation's dates decide which of its days count as inside it, its edition whose
    people were at a session: the receiver of ``participants.signals.participations_changed``."""
    refresh_hours(participations=participations)


def hours_by_participation(participations: Iterable) -> dict[int, dict[int, Decimal]]:
    """For each participation id: the clock hours attended per support form id (one query,
    read from the marks: a person's own figures, for the card and the certificates).

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


def _of_edition_held(edition) -> dict:
    """The filter of the held sessions' counts limited to an edition (None: everyone)."""
    return {"edition": edition} if edition is not None else {}


def _held_sessions(project, as_of: date, edition=None, since: date | None = None):
    """Sessions delivered according to the attendance records: by ``as_of`` (and from
    ``since``), someone marked present (a session nobody attended, or a consultation never
    marked, delivered nothing); for an edition, someone of the edition."""
    sessions = Session.objects.filter(support_form__project=project, date__lte=as_of)
    if since is not None:
        sessions = sessions.filter(date__gte=since)
    return sessions.filter(
        Exists(HeldSession.objects.filter(session=OuterRef("pk"), **_of_edition_held(edition)))
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
    if since is None:  # the first day attended is enough to know who came by ``as_of``
        present = HoursTotal.objects.filter(
            support_form__project=project, first_day__lte=as_of, **_of_edition(edition)
        ).values_list("support_form_id", "participation_id")
    else:
        present = (
            counted_attendance()
            .filter(session__support_form__project=project, session__date__lte=as_of,
                    session__date__gte=since, **_of_edition(edition))
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
    # truncating to the month in SQL calls a Python function for every row on SQLite.
    rows = (
        HeldSession.objects
        .filter(session__support_form__project=project, session__date__lte=as_of,
                **_of_edition_held(edition))
        .values_list("session__date")
        .annotate(minutes=Sum(F("session__duration_minutes") * F("present")))
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
