"""The final summary of a project (podsumowanie projektu), built from recorded facts.

``build_summary`` reads the project in a fixed number of queries and returns a tree of
dataclasses; nothing in it is typed as a total, so the document is consistent by construction:
the hours of a support form are its group hours plus the individual hours of each referred
participant, its period is the support form's own (which cannot end before it starts), and the
results are sentences generated from counts. Text is produced when it is read (``__str__`` and
properties), so it follows the language active while the document renders. The sections and
their wording are in ``summary_sections``, the results' sentences in ``summary_results``, the other
facts (recruitment, paths, internships, job placement) in ``summary_facts``.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from aktywizacja.pdf import render_pdf
from contracts.models import ContractKind, Outcome, SocialContract
from events.models import Event
from instruments.hours import hours_by_month, support_form_hours
from instruments.models import InstrumentKind
from participants.models import Participation, ParticipationStatus
from projects.models import FundingProgramme, Organisation, Project, SignatoryKind
from results.delivered import received_by_instrument
from results.models import SocialProgress
from trainings.figures import completed_counts
from trainings.models import TrainingResult

from . import charts
from . import summary_facts as facts
from .indicators import project_indicators
from .indicators_facts import employed_in
from .summary_facts import people_of
from .summary_results import Result, persons_text
from .summary_sections import (
    Course,
    EventLine,
    IndicatorLine,
    Instrument,
    Participants,
    Period,
    SupportFormLine,
    hours_text,
)

# The summary's text helpers stay importable from here, where the summary's readers look.
__all__ = [
    "TEMPLATE", "Course", "EventLine", "IndicatorLine", "Instrument", "Participants", "Period",
    "Result", "Summary", "SupportFormLine", "build_summary", "hours_text", "indicator_lines",
    "persons_text", "render_summary_pdf", "summary_charts",
]

TEMPLATE = "pdf/summary.html"


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
    edition: str = ""  # a preview limited to one edition names it (never issued)
    head_title: str = ""  # printed under the signature ("Prezes Zarządu"), the lead's own words
    head_name: str = ""  # who signs it for the lead (projects.Organisation.signatory_for)
    funding_programme: FundingProgramme | None = None  # its logo strip heads the document
    programme_genitive: str = ""  # "Programu Operacyjnego Kapitał Ludzki 2007–2013", if kept
    fund_genitive: str = ""  # "Europejskiego Funduszu Społecznego", if kept

    @property
    def funding_line(self) -> str:
        return "; ".join(part for part in [self.priority, self.measure, self.sub_measure] if part)

    @property
    def co_financing(self) -> str:
        """In one sentence with the fund and the programme in the genitive where both are kept,
        else named after colons."""
        if self.fund_genitive and self.programme_genitive:
            return _("Co-financed by the European Union from the %(fund)s under %(programme)s.") % {
                "fund": self.fund_genitive, "programme": self.programme_genitive,
            }
        return _("Co-financed by: %(fund)s. Programme: %(programme)s.") % {
            "fund": self.fund, "programme": self.programme,
        }

    @property
    def charts(self) -> list[charts.Chart]:
        return summary_charts(self)


def _participants(project, edition=None) -> Participants:
    taking_part = Participation.objects.filter(**people_of(project, edition)).taking_part()
    return Participants(**taking_part.by_sex_and_disability())


def _instruments(project, edition=None) -> tuple[list[Instrument], list[Course]]:
    hours = support_form_hours(project, edition=edition)
    providers = Organisation.objects.in_bulk(
        {row.support_form.provider_id for row in hours if row.support_form.provider_id}
    )
    courses = {
        course.support_form_id: Course(str(course.support_form), completed, enrolled)
        for course, completed, enrolled in completed_counts(project, edition)
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


def _events(project, edition=None) -> list[EventLine]:
    of_edition = Q(attendance__participation__edition=edition) if edition is not None else Q()
    events = Event.objects.filter(project=project).annotate(
        attendee_count=Count("attendance", filter=of_edition)
    )
    if edition is not None:
        events = events.filter(attendee_count__gt=0)
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


def _supported_by_instrument(project, edition=None) -> Counter:
    """Distinct participants who received support under each instrument: delivered, not referred."""
    return Counter(received_by_instrument(
        Participation.objects.filter(**people_of(project, edition))
    ))


def _contract_counts(project, kind: str, edition=None) -> tuple[int, int]:
    """People with a contract of the kind (social contract or modelled agreement), and fulfilled."""
    counts = SocialContract.objects.filter(
        kind=kind, **people_of(project, edition, "participation")
    ).aggregate(
        people=Count("participation", distinct=True),
        fulfilled=Count("participation", distinct=True, filter=Q(outcome=Outcome.FULFILLED)),
    )
    return counts["people"], counts["fulfilled"]


def _distinct(queryset) -> int:
    return queryset.values("participation").distinct().count()


def _with_social_progress(participations) -> int:
    """People with documented social progress, asked of each participation (a subquery giving a
    value, answered through the progress' participation index): joined the other way,
    PostgreSQL read every project's social progress to find the project's few."""
    return participations.annotate(
        a_progress=Subquery(
            SocialProgress.objects.filter(participation=OuterRef("pk")).order_by().values("pk")[:1]
        )
    ).filter(a_progress__isnull=False).count()


def _results(project, events: list[EventLine], employed: dict, edition=None) -> list[Result]:
    """``employed``: the first counted employment of the people taking part (``employed_in``),
    which the indicators count too."""
    people = people_of(project, edition, "participation")
    documents = TrainingResult.objects.filter(**people)
    completed = _distinct(documents.filter(completed=True))
    qualified_or_competent = _distinct(documents.qualifications_or_competences())
    qualifications = _distinct(documents.qualifications())
    supported = _supported_by_instrument(project, edition)
    contracts, fulfilled = _contract_counts(project, ContractKind.SOCIAL_CONTRACT, edition)
    agreements, agreements_fulfilled = _contract_counts(
        project, ContractKind.MODELLED_AGREEMENT, edition
    )
    participations = Participation.objects.filter(**people_of(project, edition))
    path_completed = participations.filter(
        status=ParticipationStatus.COMPLETED, path_completed=True
    ).count()
    progress = _with_social_progress(participations)
    results = [
        Result("completed_training", completed),
        *[Result("instrument", supported[kind], kind) for kind in InstrumentKind.values],
        Result("contracts", contracts, extra=fulfilled),
        Result("agreements", agreements, extra=agreements_fulfilled),
        Result("path_completed", path_completed),
        Result("qualifications", qualified_or_competent, extra=qualifications),
        Result("employed", len(employed)),
        Result("social_progress", progress),
        *[Result("event", event.attendees, event.title) for event in events],
    ]
    return [result for result in results if result.count]


def indicator_lines(project, employed=None) -> list[IndicatorLine]:
    """The indicators the project set a target for, with what is achieved (four queries, and
    the employment's three unless ``employed``, the project's ``employed_in``, is given)."""
    return [
        IndicatorLine(row.definition.name, row.definition.unit, row.target_value, row.achieved)
        for row in project_indicators(project, employed=employed)
        if row.target is not None
    ]


def build_summary(project: Project, edition=None) -> Summary:
    """The summary of a project, in a fixed number of queries whatever its size.

    Limited to an ``edition`` (a preview only): its people, the support and results they had;
    the indicators, whose targets are the project's, are left to the whole project's summary.
    """
    project = (
        Project.objects.select_related("programme", "lead_beneficiary")
        .prefetch_related("partners", "support_area", "editions")
        .get(pk=project.pk)
    )
    instruments, trainings = _instruments(project, edition)
    events = _events(project, edition)
    employed = employed_in([project.pk], edition)  # read once: the results and the indicators
    programme = project.programme
    period = f"{programme.period_start_year}–{programme.period_end_year}"
    prepared_on = timezone.localdate()
    signatory = project.lead_beneficiary.signatory_for(SignatoryKind.SUMMARY, on=prepared_on)
    return Summary(
        title=project.title,
        short_name=project.short_name,
        agreement_number=project.agreement_number,
        programme=f"{programme.name} {period}",
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
        participants=_participants(project, edition),
        instruments=instruments,
        trainings=trainings,
        events=events,
        results=_results(project, events, employed, edition),
        indicators=indicator_lines(project, employed) if edition is None else [],
        recruitment=facts.recruitment(project, edition),
        paths=facts.paths(project, edition),
        internships=facts.internships(project, edition),
        job_support=facts.job_support(project, edition),
        months=hours_by_month(project, edition=edition),
        edition=str(edition) if edition is not None else "",
        prepared_on=prepared_on,
        head_title=signatory.title,
        head_name=signatory.name,
        funding_programme=programme,
        programme_genitive=(f"{programme.name_genitive} {period}" if programme.name_genitive
                            else ""),
        fund_genitive=programme.fund_genitive,
    )


# --- Charts and the PDF ----------------------------------------------------------------------


def summary_charts(summary: Summary) -> list[charts.Chart]:
    result = []
    if summary.indicators:
        result.append(charts.indicators_chart(summary.indicators))
    if summary.months:
        result.append(charts.hours_chart(summary.months))
    return result


def render_summary_pdf(project_or_summary: Project | Summary, *, document=None) -> bytes:
    """The summary as PDF bytes; with an issued ``document`` it carries that document's number."""
    summary = (
        project_or_summary if isinstance(project_or_summary, Summary)
        else build_summary(project_or_summary)
    )
    return render_pdf(TEMPLATE, {"summary": summary, "document": document})
