"""The final summary of a project (podsumowanie projektu), built from recorded facts.

``build_summary`` reads the project in a fixed number of queries and returns a tree of
dataclasses; nothing in it is typed as a total, so the document is consistent by construction:
the hours of a support form are its group hours plus the individual hours of each referred
participant, its period is the support form's own (which cannot end before it starts), and the
results are sentences generated from counts. Text is produced when it is read (``__str__`` and
properties), so it follows the language active while the document renders.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aktywizacja.dates import written_date
from aktywizacja.pdf import render_pdf
from contracts.models import ContractKind, Outcome, SocialContract
from events.models import Event
from instruments.hours import hours_by_month, instrument_hours, support_form_hours
from instruments.models import InstrumentKind
from participants.models import Participation, ParticipationStatus
from projects.models import IndicatorUnit, Organisation, Project, percent_of_target
from results.counting import first_counted_employment
from results.delivered import received_by_instrument
from results.models import SocialProgress
from trainings.models import TrainingResult
from trainings.services import completed_counts

from . import charts
from . import summary_facts as facts
from .indicators import project_indicators

TEMPLATE = "pdf/summary.html"


def hours_text(value: Decimal) -> str:
    """Hours as a document abbreviates them: "15 godz." in Polish (no plural forms needed)."""
    shown = number_format(value, decimal_pos=0 if value == int(value) else 2, force_grouping=True)
    return _("%(hours)s h") % {"hours": shown}


def persons_text(count: int) -> str:
    """"1 osoba", "4 osoby", "6 osób" by the Polish plural rule."""
    return ngettext("%(count)d person", "%(count)d persons", count) % {"count": count}


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __str__(self):
        return f"{written_date(self.start)} – {written_date(self.end)}"


@dataclass(frozen=True)
class Participants:
    total: int
    women: int
    men: int
    disabled: int

    def __str__(self):
        return _(
            "%(total)s, of whom %(women)s and %(men)s; people with disabilities: %(disabled)s."
        ) % {
            "total": persons_text(self.total),
            "women": ngettext("%(count)d woman", "%(count)d women", self.women)
            % {"count": self.women},
            "men": ngettext("%(count)d man", "%(count)d men", self.men) % {"count": self.men},
            "disabled": persons_text(self.disabled),
        }


@dataclass(frozen=True)
class Course:
    name: str
    completed: int
    enrolled: int

    def __str__(self):
        return _("“%(course)s” – %(completed)s") % {
            "course": self.name, "completed": persons_text(self.completed)
        }

    @property
    def completed_text(self) -> str:
        return _("Completed the course: %(completed)s of %(enrolled)d enrolled.") % {
            "completed": persons_text(self.completed), "enrolled": self.enrolled
        }


@dataclass(frozen=True)
class SupportFormLine:
    name: str
    mode: str
    scope: str
    provider: str
    period: Period
    referred: int
    participants: int  # present at one of its sessions at least
    planned_group_hours: Decimal
    planned_individual_hours: Decimal  # per participant
    delivered_group_hours: Decimal
    delivered_individual_hours: Decimal
    sessions: int = 0
    course: Course | None = None

    @property
    def planned_individual_total(self) -> Decimal:
        return self.planned_individual_hours * self.referred

    @property
    def planned_total(self) -> Decimal:
        return self.planned_group_hours + self.planned_individual_total

    @property
    def delivered_total(self) -> Decimal:
        return self.delivered_group_hours + self.delivered_individual_hours

    @property
    def referred_text(self) -> str:
        return ngettext(
            "%(count)d participant was referred to it.",
            "%(count)d participants were referred to it.",
            self.referred,
        ) % {"count": self.referred}

    @property
    def provider_text(self) -> str:
        if not self.provider:
            return _("Delivered by the project's own staff.")
        return _("Delivered by: %(provider)s.") % {"provider": self.provider}

    @property
    def planned_text(self) -> str:
        """"Planned: 65 h (15 h of group sessions and 2 h … for each of 25 participants = 50 h)"."""
        if not self.planned_individual_hours:
            return _("Planned hours: %(total)s of group sessions.") % {
                "total": hours_text(self.planned_total)
            }
        return ngettext(
            "Planned hours: %(total)s (%(group)s of group sessions and %(each)s of individual "
            "sessions for %(count)d participant = %(individual)s).",
            "Planned hours: %(total)s (%(group)s of group sessions and %(each)s of individual "
            "sessions for each of %(count)d participants = %(individual)s).",
            self.referred,
        ) % {
            "total": hours_text(self.planned_total),
            "group": hours_text(self.planned_group_hours),
            "each": hours_text(self.planned_individual_hours),
            "count": self.referred,
            "individual": hours_text(self.planned_individual_total),
        }

    @property
    def delivered_text(self) -> str:
        if not self.sessions:
            return _("No sessions have been recorded in the attendance records yet.")
        return _(
            "Delivered according to the attendance records: %(total)s (%(group)s of group "
            "sessions, %(individual)s of individual sessions)."
        ) % {
            "total": hours_text(self.delivered_total),
            "group": hours_text(self.delivered_group_hours),
            "individual": hours_text(self.delivered_individual_hours),
        }

    @property
    def has_hours(self) -> bool:
        return bool(self.planned_total or self.delivered_total)


@dataclass(frozen=True)
class Instrument:
    kind: str
    support_forms: list[SupportFormLine]

    @property
    def label(self) -> str:
        return InstrumentKind(self.kind).label

    @property
    def courses(self) -> list[Course]:
        return [line.course for line in self.support_forms if line.course]


@dataclass(frozen=True)
class EventLine:
    kind: str
    title: str
    period: Period | None
    day: date
    places: str
    description: str
    attendees: int

    @property
    def when(self) -> str:
        return str(self.period) if self.period else written_date(self.day)

    @property
    def attendees_text(self) -> str:
        return ngettext(
            "%(count)d participant took part.", "%(count)d participants took part.",
            self.attendees,
        ) % {"count": self.attendees}


@dataclass(frozen=True)
class IndicatorLine:
    name: str
    unit: str
    target: Decimal | None
    achieved: Decimal | None

    @property
    def percent(self) -> int | None:
        return percent_of_target(self.achieved, self.target)

    @property
    def shown_target(self) -> str:
        return self.shown(self.target)

    @property
    def shown_achieved(self) -> str:
        return self.shown(self.achieved)

    def shown(self, value) -> str:
        if value is None:
            return "—"
        text = number_format(value, decimal_pos=0 if value == int(value) else 1)
        return f"{text} %" if self.unit == IndicatorUnit.PERCENT else text


# --- Results: numbered sentences generated from counts ---------------------------------------


def _result_completed_training(count, _result):
    return ngettext(
        "%(count)d participant completed a vocational training course.",
        "%(count)d participants completed vocational training courses.", count,
    ) % {"count": count}


def _result_instrument(count, result):
    # One sentence per kind: Polish declines the instrument's name inside the sentence.
    kind = InstrumentKind(result.detail)
    if kind == InstrumentKind.EDUCATIONAL:
        text = ngettext(
            "%(count)d participant received support under the educational instrument.",
            "%(count)d participants received support under the educational instrument.", count,
        )
    elif kind == InstrumentKind.VOCATIONAL:
        text = ngettext(
            "%(count)d participant received support under the vocational instrument.",
            "%(count)d participants received support under the vocational instrument.", count,
        )
    elif kind == InstrumentKind.SOCIAL:
        text = ngettext(
            "%(count)d participant received support under the social instrument.",
            "%(count)d participants received support under the social instrument.", count,
        )
    else:
        text = ngettext(
            "%(count)d participant received support under the health instrument.",
            "%(count)d participants received support under the health instrument.", count,
        )
    return text % {"count": count}


def _result_contracts(count, result):
    return ngettext(
        "A social contract was concluded with %(count)d participant; fulfilled: %(fulfilled)s.",
        "Social contracts were concluded with %(count)d participants; fulfilled: %(fulfilled)s.",
        count,
    ) % {"count": count, "fulfilled": persons_text(result.extra)}


def _result_agreements(count, result):
    return ngettext(
        "An agreement modelled on the social contract was concluded with %(count)d participant; "
        "fulfilled: %(fulfilled)s.",
        "Agreements modelled on the social contract were concluded with %(count)d participants; "
        "fulfilled: %(fulfilled)s.",
        count,
    ) % {"count": count, "fulfilled": persons_text(result.extra)}


def _result_qualifications(count, result):
    """"7 osób uzyskało dokument potwierdzający kwalifikacje lub kompetencje, w tym 6 osób
    kwalifikacje": the indicator's count, and how many of them are qualifications."""
    return ngettext(
        "%(count)d person obtained a document confirming qualifications or competences, "
        "of whom %(qualified)s qualifications.",
        "%(count)d persons obtained a document confirming qualifications or competences, "
        "of whom %(qualified)s qualifications.", count,
    ) % {"count": count, "qualified": persons_text(result.extra)}


def _result_path_completed(count, _result):
    return ngettext(
        "%(count)d participant completed the individual reintegration path as planned.",
        "%(count)d participants completed the individual reintegration path as planned.", count,
    ) % {"count": count}


def _result_employed(count, _result):
    return ngettext(
        "%(count)d participant took up employment.",
        "%(count)d participants took up employment.", count,
    ) % {"count": count}


def _result_social_progress(count, _result):
    return ngettext(
        "The social situation of %(count)d participant improved, as documented.",
        "The social situation of %(count)d participants improved, as documented.", count,
    ) % {"count": count}


def _result_event(count, result):
    return ngettext(
        "%(count)d participant took part in “%(event)s”.",
        "%(count)d participants took part in “%(event)s”.", count,
    ) % {"count": count, "event": result.detail}


RESULT_TEXTS = {
    "completed_training": _result_completed_training,
    "instrument": _result_instrument,
    "contracts": _result_contracts,
    "agreements": _result_agreements,
    "qualifications": _result_qualifications,
    "path_completed": _result_path_completed,
    "employed": _result_employed,
    "social_progress": _result_social_progress,
    "event": _result_event,
}


@dataclass(frozen=True)
class Result:
    """One numbered result: a kind of fact and its count, worded when read."""

    kind: str
    count: int
    detail: str = ""
    extra: int = 0

    def __str__(self):
        return RESULT_TEXTS[self.kind](self.count, self)


# --- The summary -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    title: str
    short_name: str
    agreement_number: str
    programme: str
    fund: str
    priority: str
    measure: str
    sub_measure: str
    lead: str
    lead_address: str
    partners: list[str]
    period: Period
    goal: str
    target_group: str
    support_area: str
    communes: list[str]
    editions: list[tuple[str, Period]]
    participants: Participants
    instruments: list[Instrument]
    trainings: list[Course]
    events: list[EventLine]
    results: list[Result]
    indicators: list[IndicatorLine]
    recruitment: facts.Recruitment | None = None
    paths: facts.Paths | None = None
    internships: facts.Internships | None = None
    job_support: facts.JobSupport | None = None
    months: list[tuple[date, Decimal]] = field(default_factory=list)
    prepared_on: date = field(default_factory=timezone.localdate)

    @property
    def funding_line(self) -> str:
        return "; ".join(part for part in [self.priority, self.measure, self.sub_measure] if part)

    @property
    def co_financing(self) -> str:
        return _("Co-financed by: %(fund)s. Programme: %(programme)s.") % {
            "fund": self.fund, "programme": self.programme,
        }

    @property
    def charts(self) -> list[charts.Chart]:
        return summary_charts(self)


def _participants(project) -> Participants:
    taking_part = Participation.objects.filter(project=project).taking_part()
    return Participants(**taking_part.by_sex_and_disability())


def _instruments(project) -> tuple[list[Instrument], list[Course]]:
    hours = support_form_hours(project)
    providers = Organisation.objects.in_bulk(
        {row.support_form.provider_id for row in hours if row.support_form.provider_id}
    )
    courses = {
        course.support_form_id: Course(str(course.support_form), completed, enrolled)
        for course, completed, enrolled in completed_counts(project)
    }
    by_kind: dict[str, list[SupportFormLine]] = {}
    for row in hours:
        form = row.support_form
        by_kind.setdefault(form.instrument, []).append(SupportFormLine(
            name=form.name,
            mode=form.get_mode_display(),
            scope=form.scope,
            provider=(providers[form.provider_id].name if form.provider_id else ""),
            period=Period(form.start_date, form.end_date),
            referred=row.referred,
            participants=row.participants,
            planned_group_hours=row.planned_group_hours,
            planned_individual_hours=row.planned_individual_hours,
            delivered_group_hours=row.delivered_group_hours,
            delivered_individual_hours=row.delivered_individual_hours,
            sessions=row.sessions,
            course=courses.get(form.pk),
        ))
    instruments = [Instrument(kind, lines) for kind, lines in by_kind.items()]
    return instruments, list(courses.values())


def _events(project) -> list[EventLine]:
    events = Event.objects.filter(project=project).annotate(attendee_count=Count("attendance"))
    return [
        EventLine(
            kind=event.get_kind_display(),
            title=event.title,
            period=Period(event.start_date, event.end_date) if event.end_date else None,
            day=event.start_date,
            places=event.places,
            description=event.description,
            attendees=event.attendee_count,
        )
        for event in events
    ]


def _supported_by_instrument(project) -> Counter:
    """Distinct participants who received support under each instrument: delivered, not referred."""
    return Counter(received_by_instrument(Participation.objects.filter(project=project)))


def _contract_counts(project, kind: str) -> tuple[int, int]:
    """People with a contract of the kind (social contract or modelled agreement), and fulfilled."""
    counts = SocialContract.objects.filter(project=project, kind=kind).aggregate(
        people=Count("participation", distinct=True),
        fulfilled=Count("participation", distinct=True, filter=Q(outcome=Outcome.FULFILLED)),
    )
    return counts["people"], counts["fulfilled"]


def _distinct(queryset) -> int:
    return queryset.values("participation").distinct().count()


def _results(project, events: list[EventLine]) -> list[Result]:
    completed = _distinct(TrainingResult.objects.filter(
        course__support_form__project=project, completed=True
    ))
    documents = TrainingResult.objects.filter(course__support_form__project=project)
    qualified_or_competent = _distinct(documents.qualifications_or_competences())
    qualifications = _distinct(documents.qualifications())
    supported = _supported_by_instrument(project)
    contracts, fulfilled = _contract_counts(project, ContractKind.SOCIAL_CONTRACT)
    agreements, agreements_fulfilled = _contract_counts(project, ContractKind.MODELLED_AGREEMENT)
    path_completed = Participation.objects.filter(
        project=project, status=ParticipationStatus.COMPLETED, path_completed=True
    ).count()
    employed = len(first_counted_employment(
        Participation.objects.filter(project=project).taking_part()
    ))
    progress = _distinct(SocialProgress.objects.filter(participation__project=project))
    results = [
        Result("completed_training", completed),
        *[Result("instrument", supported[kind], kind) for kind in InstrumentKind.values],
        Result("contracts", contracts, extra=fulfilled),
        Result("agreements", agreements, extra=agreements_fulfilled),
        Result("path_completed", path_completed),
        Result("qualifications", qualified_or_competent, extra=qualifications),
        Result("employed", employed),
        Result("social_progress", progress),
        *[Result("event", event.attendees, event.title) for event in events],
    ]
    return [result for result in results if result.count]


def indicator_lines(project) -> list[IndicatorLine]:
    """The indicators the project set a target for, with what is achieved (four queries)."""
    return [
        IndicatorLine(row.definition.name, row.definition.unit, row.target_value, row.achieved)
        for row in project_indicators(project)
        if row.target is not None
    ]


def build_summary(project: Project) -> Summary:
    """The summary of a project, in a fixed number of queries whatever its size."""
    project = (
        Project.objects.select_related("programme", "lead_beneficiary")
        .prefetch_related("partners", "support_area", "editions")
        .get(pk=project.pk)
    )
    instruments, trainings = _instruments(project)
    events = _events(project)
    programme = project.programme
    return Summary(
        title=project.title,
        short_name=project.short_name,
        agreement_number=project.agreement_number,
        programme=f"{programme.name} {programme.period_start_year}–{programme.period_end_year}",
        fund=programme.fund,
        priority=project.priority,
        measure=project.measure,
        sub_measure=project.sub_measure,
        lead=project.lead_beneficiary.name,
        lead_address=project.lead_beneficiary.address,
        partners=[partner.name for partner in project.partners.all()],
        period=Period(project.start_date, project.end_date),
        goal=project.goal,
        target_group=project.target_group,
        support_area=project.support_area_description,
        communes=[str(commune) for commune in project.support_area.all()],
        editions=[
            (str(edition), Period(edition.start_date, edition.end_date))
            for edition in project.editions.all()
        ],
        participants=_participants(project),
        instruments=instruments,
        trainings=trainings,
        events=events,
        results=_results(project, events),
        indicators=indicator_lines(project),
        recruitment=facts.recruitment(project),
        paths=facts.paths(project),
        internships=facts.internships(project),
        job_support=facts.job_support(project),
        months=hours_by_month(project),
    )


# --- Charts and the PDF ----------------------------------------------------------------------


def indicators_chart(lines: list[IndicatorLine], *, behind=frozenset(),
                     elapsed: Decimal | None = None) -> charts.Chart:
    """Each indicator as the per cent of its target achieved, so persons and rates share a scale."""
    bars = [
        charts.Bar(
            line.name, Decimal(line.percent or 0), Decimal(100), warn=line.name in behind,
            shown=f"{line.shown_achieved} / {line.shown_target}",
            cells=(line.shown_achieved, line.shown_target,
                   "—" if line.percent is None else f"{line.percent} %"),
        )
        for line in lines
    ]
    description = _(
        "Each bar shows how much of the indicator's target is achieved; the black mark is the "
        "target (100%)."
    )
    if elapsed is not None:
        description += " " + _(
            "The dashed line is the share of the project period that has passed (%(elapsed)s%%);"
            " a bar in orange falls behind that pace."
        ) % {"elapsed": elapsed}
    return charts.horizontal_bars(
        slug="chart-indicators",
        title=_("Indicators: achieved against target"),
        description=description,
        bars=bars,
        columns=[_("Indicator"), _("Achieved"), _("Target"), _("Progress")],
        marker=elapsed,
    )


def hours_chart(months: list[tuple[date, Decimal]]) -> charts.Chart:
    return charts.monthly_columns(
        slug="chart-hours-by-month",
        title=_("Hours of support attended, by month"),
        description=_(
            "Each column is the sum of the clock hours the participants attended in a month."
        ),
        points=months,
        columns=[_("Month"), _("Hours attended")],
    )


def summary_charts(summary: Summary) -> list[charts.Chart]:
    result = []
    if summary.indicators:
        result.append(indicators_chart(summary.indicators))
    if summary.months:
        result.append(hours_chart(summary.months))
    return result


def render_summary_pdf(project_or_summary: Project | Summary, *, document=None) -> bytes:
    """The summary as PDF bytes; with an issued ``document`` it carries that document's number."""
    summary = (
        project_or_summary if isinstance(project_or_summary, Summary)
        else build_summary(project_or_summary)
    )
    return render_pdf(TEMPLATE, {"summary": summary, "document": document})


# --- The director's dashboard: totals only, never a person ----------------------------------

PACE_TOLERANCE = Decimal("0.10")


def falls_behind(*, achieved, target, elapsed_share, tolerance=PACE_TOLERANCE) -> bool:
    """Whether a target falls behind its expected pace.

    The share achieved (achieved / target) is compared with the share of the project period that
    has passed, less a tolerance: at half time, 25 of 50 is on pace, 19 of 50 is behind
    (0.38 < 0.5 − 0.1). Without a target or a value there is no pace to keep.
    """
    if achieved is None or not target:
        return False
    share = Decimal(achieved) / Decimal(target)
    return share < Decimal(elapsed_share) - tolerance


@dataclass(frozen=True)
class PaceWarning:
    line: IndicatorLine
    elapsed_percent: int

    def __str__(self):
        return _(
            "“%(indicator)s” is falling behind: %(achieved)s of the target %(target)s achieved "
            "(%(percent)s%%), while %(elapsed)s%% of the project period has passed."
        ) % {
            "indicator": self.line.name,
            "achieved": self.line.shown_achieved,
            "target": self.line.shown_target,
            "percent": self.line.percent or 0,
            "elapsed": self.elapsed_percent,
        }


@dataclass(frozen=True)
class Dashboard:
    elapsed_percent: int
    indicators: list[IndicatorLine]
    warnings: list[PaceWarning]
    statuses: list[tuple[str, int]]
    instruments: list  # instruments.hours.InstrumentHours
    months: list[tuple[date, Decimal]]

    @property
    def charts(self) -> list[charts.Chart]:
        return [
            indicators_chart(
                self.indicators, behind={warning.line.name for warning in self.warnings},
                elapsed=Decimal(self.elapsed_percent),
            ),
            statuses_chart(self.statuses),
            instruments_chart(self.instruments),
            hours_chart(self.months),
        ]


def _statuses(project) -> list[tuple[str, int]]:
    counts = dict(
        Participation.objects.filter(project=project).values_list("status")
        .annotate(count=Count("pk")).order_by()
    )
    return [(status.label, counts.get(status.value, 0)) for status in ParticipationStatus]


def pace_warnings(lines: list[IndicatorLine], elapsed_percent: int) -> list[PaceWarning]:
    """Targets in persons that fall behind the time elapsed (a rate has no pace to keep)."""
    share = Decimal(elapsed_percent) / 100
    return [
        PaceWarning(line, elapsed_percent)
        for line in lines
        if line.unit == IndicatorUnit.PERSONS
        and falls_behind(achieved=line.achieved, target=line.target, elapsed_share=share)
    ]


def build_dashboard(project: Project) -> Dashboard:
    """The dashboard's figures in a fixed number of queries (totals only: no names)."""
    lines = indicator_lines(project)
    elapsed = project.time_elapsed_percent
    return Dashboard(
        elapsed_percent=elapsed,
        indicators=lines,
        warnings=pace_warnings(lines, elapsed),
        statuses=_statuses(project),
        instruments=instrument_hours(project),
        months=hours_by_month(project),
    )


def statuses_chart(statuses: list[tuple[str, int]]) -> charts.Chart:
    return charts.horizontal_bars(
        slug="chart-statuses",
        title=_("Participants and candidates by status"),
        description=_("Each bar is the number of people with that status in the project."),
        bars=[charts.Bar(capfirst(label), Decimal(count)) for label, count in statuses],
        columns=[_("Status"), _("People")],
    )


def instruments_chart(rows) -> charts.Chart:
    return charts.horizontal_bars(
        slug="chart-instruments",
        title=_("Hours of support by instrument: delivered against planned"),
        description=_(
            "Each bar is the clock hours delivered (group sessions and individual "
            "consultations); the black mark is the hours planned."
        ),
        bars=[
            charts.Bar(
                capfirst(row.label), row.delivered_total_hours, row.planned_total_hours,
                shown=f"{hours_text(row.delivered_total_hours)} / "
                      f"{hours_text(row.planned_total_hours)}",
            )
            for row in rows
        ],
        columns=[_("Instrument"), _("Hours delivered"), _("Hours planned")],
    )
