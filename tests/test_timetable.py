"""A timetable: the sessions of a support form made from a pattern (weekdays, times, a date range,
place, staff), Polish public holidays skipped (the `holidays` library), previewed first, made all
at once with every rule of a single session; its future sessions removed at once."""

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from instruments.models import Attendance, Session, SessionSeries
from instruments.timetables import (
    session_series_change_future,
    session_series_create,
    session_series_remove_future,
    timetable_dates,
)

from .factories import ParticipationFactory, SupportFormFactory

PATTERN = {
    "weekdays": ["0", "1"], "first_date": "2025-11-03", "last_date": "2025-11-12",
    "start_time": "10:00", "end_time": "12:00", "hours_unit": "clock",
    "place": "Sala 12, ul. Cicha 14", "staff_name": "Ewa Doradczyni",
}


@pytest.fixture
def support_form(project):
    return SupportFormFactory(project=project, name="Warsztaty aktywizacyjne")


def test_the_dates_skip_polish_public_holidays_and_name_them():
    dates, skipped = timetable_dates(date(2025, 11, 3), date(2025, 11, 12), [0, 1])

    assert dates == [date(2025, 11, 3), date(2025, 11, 4), date(2025, 11, 10)]
    assert skipped == [(date(2025, 11, 11), "Narodowe Święto Niepodległości")]


def test_the_page_previews_then_makes_the_sessions(client, coordinator, support_form):
    client.force_login(coordinator)
    url = reverse("instruments:session_series_create", args=[support_form.pk])

    preview = client.post(url, PATTERN | {"podglad": "1"})

    assert preview.status_code == 200
    assert preview.context["preview"]["dates"] == [
        date(2025, 11, 3), date(2025, 11, 4), date(2025, 11, 10)
    ]
    assert "Narodowe Święto Niepodległości" in preview.content.decode()
    assert not Session.objects.exists()

    created = client.post(url, PATTERN | {"utworz": "1"})

    assert created.status_code == 302
    series = SessionSeries.objects.get()
    assert list(series.sessions.values_list("date", "start_time", "place", "staff_name")) == [
        (day, time(10, 0), "Sala 12, ul. Cicha 14", "Ewa Doradczyni")
        for day in (date(2025, 11, 3), date(2025, 11, 4), date(2025, 11, 10))
    ]
    assert Session.history.filter(history_user=coordinator).count() == 3


def test_one_date_a_session_cannot_take_stops_all_and_is_named(coordinator, project):
    short = SupportFormFactory(project=project, start_date=date(2025, 11, 1),
                               end_date=date(2025, 11, 5))

    with pytest.raises(ValidationError) as refused:
        session_series_create(support_form=short, by=coordinator, weekdays=[0, 1],
                              first_date=date(2025, 11, 3), last_date=date(2025, 11, 12),
                              start_time=time(10), end_time=time(12), hours_unit="clock")

    assert "10.11.2025" in " ".join(refused.value.messages)
    assert not Session.objects.exists() and not SessionSeries.objects.exists()


def test_future_sessions_are_removed_at_once_those_with_attendance_stay(
    coordinator, support_form
):
    series = session_series_create(
        support_form=support_form, by=coordinator, weekdays=[0, 1],
        first_date=date(2025, 11, 3), last_date=date(2025, 11, 12), start_time=time(10),
        end_time=time(12), hours_unit="clock",
    )
    attended = series.sessions.get(date=date(2025, 11, 4))
    Attendance.objects.create(session=attended, present=True, participation=ParticipationFactory(
        project=support_form.project))

    removed, kept = session_series_remove_future(series=series, by=coordinator,
                                                 after=date(2025, 11, 3))

    assert (removed, kept) == (1, 1)
    assert list(series.sessions.values_list("date", flat=True)) == [
        date(2025, 11, 3), date(2025, 11, 4)
    ]


def test_the_session_list_offers_the_timetables_to_who_plans_sessions(
    client, coordinator, director, support_form
):
    url = reverse("instruments:session_list", args=[support_form.pk])
    link = reverse("instruments:session_series_list", args=[support_form.pk])
    client.force_login(coordinator)
    assert link in client.get(url).content.decode()
    client.force_login(director)
    assert link not in client.get(url).content.decode()


@pytest.mark.django_db
def test_the_timetables_page_shows_each_pattern_and_offers_its_future_sessions(
    client, coordinator, director, support_form
):
    held = session_series_create(
        support_form=support_form, by=coordinator, weekdays=[0, 2],
        first_date=date(2025, 11, 3), last_date=date(2025, 11, 12), start_time=time(10),
        end_time=time(12), hours_unit="clock", place="Sala 12",
    )
    today = timezone.localdate()
    coming = session_series_create(
        support_form=support_form, by=coordinator, weekdays=[today.weekday()],
        first_date=today - timedelta(days=7), last_date=today + timedelta(days=14),
        start_time=time(13), end_time=time(14), hours_unit="clock",
    )
    url = reverse("instruments:session_series_list", args=[support_form.pk])
    client.force_login(coordinator)

    page = client.get(url)

    rows = {item.pk: item for item in page.context["series"]}
    assert (rows[held.pk].made, rows[held.pk].to_come) == (held.sessions.count(), 0)
    future = coming.sessions.filter(date__gt=today).count()
    assert future > 0 and rows[coming.pk].to_come == future
    html = page.content.decode()
    assert "poniedziałek, środa" in html
    change = reverse("instruments:session_series_change", args=[coming.pk])
    remove = reverse("instruments:session_series_remove_future", args=[coming.pk])
    assert change in html and remove in html
    # A timetable wholly held offers nothing to move or remove.
    assert reverse("instruments:session_series_change", args=[held.pk]) not in html
    # After removing, the coordinator is back on the timetables.
    assert client.post(remove)["Location"] == url
    client.force_login(director)
    html = client.get(url).content.decode()
    assert "poniedziałek, środa" in html and change not in html and remove not in html


def test_future_sessions_move_to_new_times_and_place_at_once(coordinator, support_form):
    series = session_series_create(
        support_form=support_form, by=coordinator, weekdays=[0, 1],
        first_date=date(2025, 11, 3), last_date=date(2025, 11, 25), start_time=time(10),
        end_time=time(12), hours_unit="clock", place="Sala 12",
    )

    changed = session_series_change_future(
        series=series, by=coordinator, start_time=time(13), end_time=time(15), place="Sala 3",
        staff_name="Jan Nowy", after=date(2025, 11, 10),
    )

    assert changed == 4  # 17, 18, 24 and 25 November (the 11th is a holiday)
    moved = series.sessions.filter(date__gt=date(2025, 11, 10))
    assert set(moved.values_list("start_time", "place", "staff_name")) == {
        (time(13), "Sala 3", "Jan Nowy")
    }
    past = series.sessions.filter(date__lte=date(2025, 11, 10))
    assert set(past.values_list("start_time", "place")) == {(time(10), "Sala 12")}
    series.refresh_from_db()
    assert (series.start_time, series.place) == (time(13), "Sala 3")


def test_the_page_moves_what_is_after_today(client, coordinator, support_form):
    series = session_series_create(
        support_form=support_form, by=coordinator, weekdays=[0],
        first_date=date(2025, 11, 3), last_date=date(2025, 11, 24), start_time=time(10),
        end_time=time(12), hours_unit="clock",
    )
    client.force_login(coordinator)
    url = reverse("instruments:session_series_change", args=[series.pk])
    assert client.get(url).context["form"].initial["start_time"] == time(10)

    response = client.post(url, {"start_time": "13:00", "end_time": "15:00", "place": "Sala 3",
                                 "staff_name": ""})

    assert response.status_code == 302
    series.refresh_from_db()
    assert series.place == "Sala 3"
    # All of November 2025 is before today: the sessions held stay as they were held.
    assert set(series.sessions.values_list("start_time", flat=True)) == {time(10)}


def test_a_move_that_cannot_hold_for_one_date_moves_nothing(coordinator, support_form):
    series = session_series_create(
        support_form=support_form, by=coordinator, weekdays=[1],
        first_date=date(2025, 12, 2), last_date=date(2025, 12, 9), start_time=time(10),
        end_time=time(12), hours_unit="clock",
    )
    with pytest.raises(ValidationError):
        session_series_change_future(series=series, by=coordinator, start_time=time(12),
                                     end_time=time(11), place="", staff_name="",
                                     after=date(2025, 12, 1))

    assert set(series.sessions.values_list("start_time", flat=True)) == {time(10)}
