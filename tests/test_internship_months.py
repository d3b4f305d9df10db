"""An internship's monthly attendance: one row per month, the days planned and present, all
months saved at once or none, the attendance percent, and the months form."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from employment.models import Internship, InternshipMonth
from employment.services import MonthAttendance, internship_month_record, internship_months_record

from . import fixtures_employment
from .fixtures_employment import errors_of
from .helpers.employment import make_internship

# The shared fixtures, bound here so that pytest finds them in this module.
employer = fixtures_employment.employer
internship = fixtures_employment.internship
sw_client = fixtures_employment.sw_client


# --- Monthly attendance ---------------------------------------------------------------------


def test_one_row_per_month_corrected_in_place(internship, social_worker, coordinator):
    internship_month_record(internship=internship, month=date(2025, 3, 1), days_planned=21,
                            days_present=18, by=social_worker)
    internship_month_record(internship=internship, month=date(2025, 3, 1), days_planned=21,
                            days_present=20, by=coordinator)

    month = InternshipMonth.objects.get()
    assert (month.days_planned, month.days_present) == (21, 20)
    assert month.history.first().history_user == coordinator


@pytest.mark.parametrize("month", [date(2025, 2, 1), date(2025, 6, 1), date(2026, 3, 1)])
def test_it_refuses_a_month_outside_the_internship(internship, social_worker, month):
    with pytest.raises(ValidationError) as excinfo:
        internship_month_record(internship=internship, month=month, days_planned=20,
                                days_present=20, by=social_worker)

    assert errors_of(excinfo)["month"] == [_("The month is outside the internship.")]
    assert not InternshipMonth.objects.exists()


def test_it_refuses_more_days_present_than_planned(internship, social_worker):
    with pytest.raises(ValidationError) as excinfo:
        internship_month_record(internship=internship, month=date(2025, 4, 1), days_planned=20,
                                days_present=21, by=social_worker)

    assert errors_of(excinfo)["days_present"] == [
        _("Days present cannot exceed the working days planned.")
    ]


def test_it_refuses_a_month_not_given_by_its_first_day(internship, social_worker):
    with pytest.raises(ValidationError) as excinfo:
        internship_month_record(internship=internship, month=date(2025, 4, 15), days_planned=20,
                                days_present=20, by=social_worker)

    assert errors_of(excinfo)["month"] == [_("Record a month by its first day.")]


def test_it_refuses_more_working_days_than_the_internship_has_in_a_month(
    participation, employer, social_worker
):
    internship = make_internship(participation, employer, social_worker,
                                 start_date=date(2025, 3, 20), end_date=date(2025, 6, 19))

    with pytest.raises(ValidationError) as excinfo:
        internship_month_record(internship=internship, month=date(2025, 3, 1), days_planned=13,
                                days_present=10, by=social_worker)

    assert errors_of(excinfo)["days_planned"] == [
        "W miesiącu 03.2025 staż trwa 12 dni: nie planuj więcej dni roboczych."
    ]
    assert internship.month_starts == [
        date(2025, 3, 1), date(2025, 4, 1), date(2025, 5, 1), date(2025, 6, 1)
    ]


def test_the_database_refuses_more_days_present_than_planned(internship):
    with pytest.raises(IntegrityError), transaction.atomic():
        InternshipMonth.objects.bulk_create([
            InternshipMonth(internship=internship, month=date(2025, 3, 1), days_planned=5,
                            days_present=6)
        ])


def test_the_database_refuses_a_month_not_on_its_first_day(internship):
    with pytest.raises(IntegrityError), transaction.atomic():
        InternshipMonth.objects.bulk_create([
            InternshipMonth(internship=internship, month=date(2025, 3, 2), days_planned=5,
                            days_present=5)
        ])


def test_the_database_records_a_month_once(internship):
    InternshipMonth.objects.create(internship=internship, month=date(2025, 3, 1),
                                   days_planned=5, days_present=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        InternshipMonth.objects.create(internship=internship, month=date(2025, 3, 1),
                                       days_planned=5, days_present=4)


def test_all_months_are_saved_at_once(internship, social_worker):
    internship_months_record(internship=internship, by=social_worker, months=[
        MonthAttendance(date(2025, 3, 1), 21, 21),
        MonthAttendance(date(2025, 4, 1), 21, 19),
        MonthAttendance(date(2025, 5, 1), None, None),  # not yet
    ])

    assert list(internship.months.values_list("month", "days_present")) == [
        (date(2025, 3, 1), 21), (date(2025, 4, 1), 19)
    ]


def test_one_wrong_month_saves_none(internship, social_worker):
    with pytest.raises(ValidationError) as excinfo:
        internship_months_record(internship=internship, by=social_worker, months=[
            MonthAttendance(date(2025, 3, 1), 21, 21),
            MonthAttendance(date(2025, 4, 1), 19, 21),
        ])

    assert excinfo.value.messages == [_("%(month)s: %(error)s") % {
        "month": "04.2025", "error": _("Days present cannot exceed the working days planned.")
    }]
    assert not InternshipMonth.objects.exists()
    assert not InternshipMonth.history.exists()


def test_a_recorded_month_cannot_be_emptied(internship, social_worker):
    internship_month_record(internship=internship, month=date(2025, 3, 1), days_planned=21,
                            days_present=21, by=social_worker)

    with pytest.raises(ValidationError):
        internship_months_record(internship=internship, by=social_worker, months=[
            MonthAttendance(date(2025, 3, 1), None, None),
        ])

    assert internship.months.get().days_present == 21


def test_the_attendance_percent_counts_the_months_recorded(internship, social_worker):
    internship_months_record(internship=internship, by=social_worker, months=[
        MonthAttendance(date(2025, 3, 1), 20, 20),
        MonthAttendance(date(2025, 4, 1), 20, 10),
    ])

    annotated = Internship.objects.with_attendance().get(pk=internship.pk)

    assert (annotated.months_recorded, annotated.attendance_percent) == (2, 75)


# --- The months form -------------------------------------------------------------------------


def _months_data(rows) -> dict:
    data = {"months-TOTAL_FORMS": str(len(rows)), "months-INITIAL_FORMS": str(len(rows))}
    for index, (planned, present) in enumerate(rows):
        data[f"months-{index}-days_planned"] = str(planned)
        data[f"months-{index}-days_present"] = str(present)
    return data


def test_the_months_form_saves_every_month(sw_client, internship):
    url = reverse("employment:internship_months", args=[internship.pk])
    page = sw_client.get(url)
    assert page.context["formset"].total_form_count() == 3

    response = sw_client.post(url, _months_data([(21, 21), (20, 18), ("", "")]))

    assert response.status_code == 302
    assert list(internship.months.values_list("days_planned", "days_present")) == [
        (21, 21), (20, 18)
    ]


def test_the_months_form_saves_nothing_when_a_month_is_wrong(sw_client, internship):
    url = reverse("employment:internship_months", args=[internship.pk])

    response = sw_client.post(url, _months_data([(21, 21), (20, 22), (21, "")]))

    page = response.content.decode()
    assert response.status_code == 400
    assert _("Days present cannot exceed the working days planned.") in page
    assert _("Enter both the working days planned and the days present.") in page
    assert not InternshipMonth.objects.exists()


def test_the_months_form_refuses_a_list_of_months_of_another_length(sw_client, internship):
    url = reverse("employment:internship_months", args=[internship.pk])

    response = sw_client.post(url, _months_data([(21, 21), (20, 20)]))

    assert response.status_code == 400
    assert not InternshipMonth.objects.exists()
