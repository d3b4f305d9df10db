"""What the final summary states besides support and results: recruitment, diagnoses and paths,
internships, job placement and job coaching — each counted from the records, in a fixed number
of queries. Text is produced when read, in the language active while the document renders."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aktywizacja.dates import full_months
from employment.models import Internship, InternshipOutcome, JobSupportContact, JobSupportKind
from participants.models import IndividualPath, Participation, ParticipationStatus

# Qualified, whatever happened next: resignation is possible only after qualifying.
QUALIFIED_OR_LATER = [
    ParticipationStatus.QUALIFIED, ParticipationStatus.PARTICIPANT, ParticipationStatus.COMPLETED,
    ParticipationStatus.RESIGNED, ParticipationStatus.REMOVED,
]
STAGES = {
    "applications": Q(),
    "qualified": Q(status__in=QUALIFIED_OR_LATER),
    "reserve": Q(status=ParticipationStatus.RESERVE),
    "rejected": Q(status=ParticipationStatus.REJECTED),
}


def people_of(project, edition=None, path: str = "") -> dict:
    """The filter of rows of the project's people (of one edition, when given), the
    participation reached by ``path`` ("" for participations themselves)."""
    prefix = f"{path}__" if path else ""
    found = {f"{prefix}project": project}
    if edition is not None:
        found[f"{prefix}edition"] = edition
    return found


def _persons(count: int) -> str:
    return ngettext("%(count)d person", "%(count)d persons", count) % {"count": count}


@dataclass(frozen=True)
class Group:
    """People counted by sex and disability (the equal-opportunity breakdown)."""

    total: int
    women: int
    men: int
    disabled: int

    def __str__(self):
        return _("%(total)s (women: %(women)d, men: %(men)d; with disabilities: %(disabled)d)") % {
            "total": _persons(self.total), "women": self.women, "men": self.men,
            "disabled": self.disabled,
        }


@dataclass(frozen=True)
class Recruitment:
    applications: Group
    qualified: Group
    reserve: Group
    rejected: Group

    @property
    def lines(self) -> list[tuple[str, Group]]:
        return [
            (_("Applications"), self.applications), (_("Qualified"), self.qualified),
            (_("On the reserve list"), self.reserve), (_("Rejected"), self.rejected),
        ]


def recruitment(project, edition=None) -> Recruitment:
    """Applications and decisions by sex and disability (one query)."""
    counts = Participation.objects.filter(**people_of(project, edition)).by_sex_and_disability(
        STAGES
    )
    return Recruitment(**{stage: Group(**counts[stage]) for stage in STAGES})


@dataclass(frozen=True)
class Paths:
    people: int  # with a needs diagnosis and IŚR drawn up
    revisions: int  # revisions after the first

    def __str__(self):
        text = ngettext(
            "A needs diagnosis and an individual reintegration path were drawn up for "
            "%(count)d person.",
            "A needs diagnosis and an individual reintegration path were drawn up for each of "
            "%(count)d persons.", self.people,
        ) % {"count": self.people}
        if self.revisions:
            text += " " + ngettext(
                "The paths were revised %(count)d time.", "The paths were revised %(count)d times.",
                self.revisions,
            ) % {"count": self.revisions}
        return text


def paths(project, edition=None) -> Paths:
    counts = IndividualPath.objects.filter(
        **people_of(project, edition, "participation")
    ).aggregate(
        people=Count("participation", distinct=True), drawn=Count("pk"),
    )
    return Paths(people=counts["people"], revisions=counts["drawn"] - counts["people"])


@dataclass(frozen=True)
class Internships:
    count: int
    shortest_months: int | None
    longest_months: int | None
    employers: list[str]
    hired: int

    def __str__(self):
        text = ngettext(
            "%(count)d internship was held", "%(count)d internships were held", self.count
        ) % {"count": self.count}
        if self.shortest_months == self.longest_months:
            text += ", " + ngettext(
                "lasting %(months)d month", "lasting %(months)d months", self.longest_months
            ) % {"months": self.longest_months}
        else:
            text += ", " + _("lasting from %(shortest)s to %(longest)s") % {
                "shortest": self.shortest_months,
                "longest": ngettext("%(months)d month", "%(months)d months", self.longest_months)
                % {"months": self.longest_months},
            }
        employers = "; ".join(self.employers)
        text += ". " + _("Host employers: %(employers)s") % {"employers": employers}
        text += "" if employers.endswith(".") else "."
        text += " " + ngettext(
            "The host employer hired %(count)d intern.",
            "The host employers hired %(count)d interns.", self.hired,
        ) % {"count": self.hired}
        return text


def internships(project, edition=None) -> Internships | None:
    rows = list(
        Internship.objects.filter(**people_of(project, edition, "participation"))
        .values_list("start_date", "end_date", "employer__name", "outcome")
        .order_by("employer__name")
    )
    if not rows:
        return None
    months = [full_months(start, end) for start, end, _employer, _outcome in rows]
    return Internships(
        count=len(rows), shortest_months=min(months), longest_months=max(months),
        employers=sorted({employer for _start, _end, employer, _outcome in rows}),
        hired=sum(outcome == InternshipOutcome.HIRED for *_rest, outcome in rows),
    )


@dataclass(frozen=True)
class JobSupport:
    placement_people: int
    placement_contacts: int
    offers: int
    placements: int
    coaching_people: int
    coaching_contacts: int

    @property
    def placement_text(self) -> str:
        return _(
            "Job placement: %(people)s, %(contacts)s, %(offers)s presented, %(placements)s."
        ) % {
            "people": _persons(self.placement_people),
            "contacts": ngettext("%(count)d contact", "%(count)d contacts",
                                 self.placement_contacts) % {"count": self.placement_contacts},
            "offers": ngettext("%(count)d job offer", "%(count)d job offers", self.offers)
            % {"count": self.offers},
            "placements": ngettext("%(count)d job taken up", "%(count)d jobs taken up",
                                   self.placements) % {"count": self.placements},
        }

    @property
    def coaching_text(self) -> str:
        return _("Job coaching: %(people)s, %(contacts)s.") % {
            "people": _persons(self.coaching_people),
            "contacts": ngettext("%(count)d contact", "%(count)d contacts",
                                 self.coaching_contacts) % {"count": self.coaching_contacts},
        }


def job_support(project, edition=None) -> JobSupport | None:
    coach = Q(kind=JobSupportKind.JOB_COACH)
    counts = JobSupportContact.objects.filter(
        **people_of(project, edition, "participation")
    ).aggregate(
        placement_people=Count("participation", distinct=True, filter=~coach),
        placement_contacts=Count("pk", filter=~coach),
        offers=Count("pk", filter=Q(kind=JobSupportKind.OFFER_PRESENTED)),
        placements=Count("pk", filter=Q(kind=JobSupportKind.PLACEMENT)),
        coaching_people=Count("participation", distinct=True, filter=coach),
        coaching_contacts=Count("pk", filter=coach),
    )
    if not counts["placement_contacts"] and not counts["coaching_contacts"]:
        return None
    return JobSupport(**counts)
