"""The sections of the final summary as it reads them: the period, the participants, each
instrument's support forms with their hours and courses, the events and the indicators. Each is a
frozen dataclass whose text is worded when read, in the language of the document being rendered."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aktywizacja.dates import written_date
from aktywizacja.numbers import percent
from instruments.models import InstrumentKind
from projects.models import IndicatorUnit, percent_of_target

from .summary_results import persons_text


def hours_text(value: Decimal) -> str:
    """Hours as a document abbreviates them: "15 godz." in Polish (no plural forms needed)."""
    shown = number_format(value, decimal_pos=0 if value == int(value) else 2, force_grouping=True)
    return _("%(hours)s h") % {"hours": shown}


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
        if self.unit == IndicatorUnit.PERCENT:
            return percent(value)
        return number_format(value, decimal_pos=0 if value == int(value) else 1)

