"""The tabs of a participant's card that read other apps: the IŚR ("Path", with the referrals),
"Support" and "Results" (what they received and achieved).

The card itself already takes a dozen queries (session, access, access log, the header), and a
tab may add three. So each tab reads its kinds of records in one UNION query of common columns
(the ``x_`` ones below), then sorts them into lists here: a fixed number of queries, whatever the
amount of data.
"""

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf

from employment.models import Internship, InternshipOutcome, JobSupportContact, JobSupportKind
from events.models import EventAttendance, EventKind
from instruments.hours import ZERO, hours_by_participation
from participants.models import ENDING
from results.counting import employment_verdicts
from results.effectiveness import DEFAULT_WINDOW_MONTHS, window_end
from results.models import (
    ContractType,
    EffectivenessKind,
    EffectivenessRule,
    Employment,
    SocialProgress,
)
from trainings.models import CourseDocument, ExamResult, TrainingResult

COLUMNS = {
    "x_ref": models.IntegerField, "x_start": models.DateField, "x_end": models.DateField,
    "x_title": models.CharField, "x_code": models.CharField, "x_code2": models.CharField,
    "x_text": models.CharField, "x_text2": models.CharField, "x_day": models.DateField,
    "x_flag": models.BooleanField,
}
LABELS = {
    "training": (CourseDocument, ExamResult),
    "internship": (InternshipOutcome, None),
    "contact": (JobSupportKind, None),
    "event": (EventKind, None),
    "employment": (ContractType, None),
    "progress": (None, None),
    "qualification": (CourseDocument, None),
}


@dataclass(frozen=True)
class Row:
    """One record of a tab, in the common columns; ``label``/``label2`` are the choices shown."""

    kind: str
    ref: int
    start: date | None
    end: date | None
    title: str
    code: str
    code2: str
    text: str
    text2: str
    day: date | None
    flag: bool | None

    @property
    def label(self) -> str:
        return _label(LABELS[self.kind][0], self.code)

    @property
    def label2(self) -> str:
        return _label(LABELS[self.kind][1], self.code2)


def _label(choices, code) -> str:
    if not choices or not code:
        return code or ""
    return choices(code).label


def _shaped(queryset, kind: str, **columns):
    """The queryset's rows in the common columns; those not given are empty."""
    values = {
        name: columns.get(name, Value(None, output_field=field()))
        for name, field in COLUMNS.items()
    }
    return queryset.order_by().values(x_kind=Value(kind, output_field=models.CharField()),
                                      **values)


def _read(*querysets) -> dict[str, list[Row]]:
    first, *rest = querysets
    rows: dict[str, list[Row]] = {}
    for row in first.union(*rest, all=True).order_by("x_start", "x_ref"):
        rows.setdefault(row["x_kind"], []).append(
            Row(kind=row["x_kind"], **{name[2:]: row[name] for name in COLUMNS})
        )
    return rows


# --- Support --------------------------------------------------------------------------------


def _support_rows(participation) -> dict[str, list[Row]]:
    return _read(
        _shaped(
            TrainingResult.objects.filter(participation=participation), "training",
            x_ref=F("course_id"), x_start=F("course__support_form__start_date"),
            x_end=F("course__support_form__end_date"),
            x_title=F("course__support_form__name"), x_code=F("document_kind"),
            x_code2=F("exam_result"), x_text=F("document_body"), x_text2=F("document_number"),
            x_day=F("document_date"), x_flag=F("completed"),
        ),
        _shaped(
            Internship.objects.filter(participation=participation), "internship",
            x_ref=F("pk"), x_start=F("start_date"), x_end=F("end_date"),
            x_title=F("employer__name"), x_code=F("outcome"), x_text=F("position"),
            x_text2=F("mentor_name"),
        ),
        _shaped(
            JobSupportContact.objects.filter(participation=participation), "contact",
            x_ref=F("pk"), x_start=F("date"),
            x_title=Coalesce(F("employer__name"), NullIf(F("employer_name"), Value(""))),
            x_code=F("kind"), x_text=F("position"), x_text2=F("staff_name"),
        ),
        _shaped(
            EventAttendance.objects.filter(participation=participation), "event",
            x_ref=F("event_id"), x_start=F("event__start_date"), x_end=F("event__end_date"),
            x_title=F("event__title"), x_code=F("event__kind"), x_text=F("event__places"),
        ),
    )


def support_tab_context(participation) -> dict:
    hours = hours_by_participation([participation.pk])[participation.pk]
    referrals = list(
        participation.referrals.select_related("support_form")
        .order_by("support_form__instrument", "support_form__name")
    )
    referred_forms = {referral.support_form_id for referral in referrals}
    rows = _support_rows(participation)
    return {
        "referrals": [(referral, hours.get(referral.support_form_id, ZERO))
                      for referral in referrals],
        # hours at a form without a referral would be an error in the data: still shown
        "unreferred_hours": sum(
            (value for form_id, value in hours.items() if form_id not in referred_forms), ZERO
        ),
        "total_hours": sum(hours.values(), ZERO),
        "training_results": rows.get("training", []),
        "internships": rows.get("internship", []),
        "job_contacts": rows.get("contact", [])[::-1],  # the latest first
        "events_attended": rows.get("event", []),
    }


# --- Results --------------------------------------------------------------------------------


def _results_rows(participation) -> dict[str, list[Row]]:
    return _read(
        _shaped(
            Employment.objects.filter(participation=participation), "employment",
            x_ref=F("pk"), x_start=F("start_date"), x_end=F("end_date"),
            x_title=Coalesce(F("employer__name"), F("employer_name")),
            x_code=F("contract_type"), x_text=F("position"), x_text2=F("evidence"),
        ),
        _shaped(
            SocialProgress.objects.filter(participation=participation), "progress",
            x_ref=F("pk"), x_start=F("date"), x_title=F("description"),
            x_text2=F("evidence"),
        ),
        _shaped(
            TrainingResult.objects.filter(participation=participation).qualifications(),
            "qualification", x_ref=F("course_id"), x_start=F("document_date"),
            x_title=F("course__support_form__name"), x_code=F("document_kind"),
            x_text=F("document_body"), x_text2=F("document_number"),
        ),
        # the programme's windows, as rows of the same query: x_ref is the window in months
        _shaped(
            EffectivenessRule.objects.filter(programme=participation.project.programme_id),
            "rule", x_ref=F("window_months"), x_code=F("kind"),
        ),
    )


def _counted(rows: list[Row], participation, deadline) -> list[tuple[Row, bool | None]]:
    """Each record with whether it counts for effectiveness (None: not finished yet).

    As in reporting.indicators: from the start of participation to the end of the window.
    """
    if deadline is None:
        return [(row, None) for row in rows]
    return [(row, participation.start_date <= row.start <= deadline) for row in rows]


def results_tab_context(participation) -> dict:
    rows = _results_rows(participation)
    windows = {kind: DEFAULT_WINDOW_MONTHS for kind in EffectivenessKind.values}
    windows.update({row.code: row.ref for row in rows.get("rule", [])})
    finished = bool(
        participation.status in ENDING and participation.end_date and participation.start_date
    )

    def deadline(kind):
        return window_end(participation.end_date, windows[kind]) if finished else None

    employment_deadline = deadline(EffectivenessKind.EMPLOYMENT)
    progress_deadline = deadline(EffectivenessKind.SOCIAL)
    verdicts = employment_verdicts(participation)
    return {
        "qualifications": rows.get("qualification", []),
        "employments": [
            (row, counts if not verdicts.get(row.ref) else False, verdicts.get(row.ref, []))
            for row, counts in _counted(rows.get("employment", [])[::-1], participation,
                                        employment_deadline)
        ],
        "progress": _counted(rows.get("progress", [])[::-1], participation, progress_deadline),
        "employment_deadline": employment_deadline,
        "progress_deadline": progress_deadline,
    }


def path_tab_context(request, participation) -> dict:
    revisions = list(
        participation.paths.select_related("drawn_up_by").order_by("-revision")
    )
    chosen = request.GET.get("rewizja")
    path = next((p for p in revisions if str(p.revision) == chosen), None) or (
        revisions[0] if revisions else None
    )
    planned = (
        path.planned_support.select_related("support_form", "support_form__provider")
        if path else []
    )
    return {
        "path": path,
        "planned": planned,
        "revisions": revisions,
        "is_current": bool(revisions) and path == revisions[0],
        "referrals": participation.referrals.select_related("support_form"),
    }
