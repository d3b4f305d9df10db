"""Support dates are facts: the IŚR and referrals as dated, withdrawals, the file's starts."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from employment.models import Internship, JobSupportContact, JobSupportKind
from events.services import event_attendance_set, event_create
from instruments.models import Attendance, Referral, ReferralStatus
from instruments.services import attendance_set
from monitoring.export import exported_participations, support_received
from participants.models import IndividualPath, ParticipationStatus

from .factories import (
    OrganisationFactory,
    ParticipationFactory,
    ReferralFactory,
    SessionFactory,
    SupportFormFactory,
)
from .helpers.events import event_data
from .helpers.paths import path_post


@pytest.fixture
def counselling(project):
    return SupportFormFactory(project=project, name="Doradztwo zawodowe")


def draw_up(client, participation, support_form, day, **overrides):
    return client.post(
        reverse("card:path_create", args=[participation.pk]),
        path_post([(support_form, 10, 2)], drawn_up_on=day.isoformat(), **overrides),
    )


def test_the_path_and_its_referrals_take_the_date_entered(
    client, social_worker, participation, counselling
):
    client.force_login(social_worker)

    response = draw_up(client, participation, counselling, date(2025, 3, 14))

    assert response.status_code == 302
    assert IndividualPath.objects.get().drawn_up_on == date(2025, 3, 14)
    assert Referral.objects.get().referred_on == date(2025, 3, 14)


@pytest.mark.parametrize(
    "day", [date(2024, 12, 31), timezone.localdate() + timedelta(days=1)],
    ids=["before the project", "after today"],
)
def test_a_path_date_outside_the_project_or_ahead_is_refused(
    client, social_worker, participation, counselling, day
):
    client.force_login(social_worker)

    response = draw_up(client, participation, counselling, day)

    assert response.status_code == 400
    assert "drawn_up_on" in response.context["form"].errors
    assert not IndividualPath.objects.exists() and not Referral.objects.exists()


def test_a_path_date_after_the_participation_ended_is_refused(
    client, social_worker, project, counselling
):
    ended = ParticipationFactory(
        project=project, social_worker=social_worker, status=ParticipationStatus.COMPLETED,
        end_date=date(2025, 8, 31),
    )
    client.force_login(social_worker)

    response = draw_up(client, ended, counselling, date(2025, 9, 1))

    assert response.status_code == 400
    assert "31.08.2025" in " ".join(response.context["form"].errors["drawn_up_on"])


def test_a_revision_cannot_be_dated_before_the_previous_one(
    client, social_worker, participation, counselling
):
    client.force_login(social_worker)
    draw_up(client, participation, counselling, date(2025, 5, 5))

    response = draw_up(client, participation, counselling, date(2025, 5, 4),
                       revision_reason="Zmiana planu")

    assert response.status_code == 400
    assert "05.05.2025" in " ".join(response.context["form"].errors["drawn_up_on"])
    assert IndividualPath.objects.count() == 1


def withdraw(client, referral, day, reason="Zmiana ścieżki: wsparcie zbędne"):
    return client.post(
        reverse("instruments:referral_withdraw", args=[referral.pk]),
        {"withdrawn_on": day.isoformat(), "withdrawal_reason": reason},
    )


def test_a_referral_is_withdrawn_with_its_date_and_reason(
    client, social_worker, participation, counselling
):
    referral = ReferralFactory(participation=participation, support_form=counselling)
    client.force_login(social_worker)
    assert client.get(reverse("instruments:referral_withdraw", args=[referral.pk])).status_code \
        == 200

    response = withdraw(client, referral, date(2025, 6, 2))

    referral.refresh_from_db()
    assert response.status_code == 302
    assert (referral.status, referral.withdrawn_on, referral.withdrawal_reason) == (
        ReferralStatus.WITHDRAWN, date(2025, 6, 2), "Zmiana ścieżki: wsparcie zbędne"
    )
    assert referral.history.first().history_user == social_worker
    path_tab = client.get(reverse("card:participation_tab", args=[participation.pk,
                                                                            "path"]))
    assert "Zmiana ścieżki: wsparcie zbędne" in path_tab.content.decode()


def test_a_withdrawal_needs_a_reason_and_keeps_what_was_typed(
    client, social_worker, participation, counselling
):
    referral = ReferralFactory(participation=participation, support_form=counselling)
    client.force_login(social_worker)

    response = withdraw(client, referral, date(2025, 6, 2), reason="")

    assert response.status_code == 400
    assert "withdrawal_reason" in response.context["form"].errors
    assert response.context["form"]["withdrawn_on"].value() == "2025-06-02"
    assert Referral.objects.get().status == ReferralStatus.REFERRED


def test_a_withdrawal_cannot_precede_a_session_attended(
    client, social_worker, participation, counselling
):
    referral = ReferralFactory(participation=participation, support_form=counselling)
    attendance_set(session=SessionFactory(support_form=counselling, date=date(2025, 6, 9)),
                   participation=participation, present=True, by=social_worker)
    client.force_login(social_worker)

    response = withdraw(client, referral, date(2025, 6, 2))

    assert response.status_code == 400
    assert "09.06.2025" in " ".join(response.context["form"].errors["withdrawn_on"])


def test_no_attendance_after_a_withdrawal_and_the_grid_leaves_the_person_out(
    client, social_worker, participation, counselling
):
    referral = ReferralFactory(participation=participation, support_form=counselling)
    client.force_login(social_worker)
    withdraw(client, referral, date(2025, 6, 2))
    session = SessionFactory(support_form=counselling, date=date(2025, 6, 9))

    response = client.post(
        reverse("instruments:attendance_save", args=[counselling.pk]),
        {"cell": f"{session.pk}:{participation.pk}:1"}, headers={"Accept": "application/json"},
    )
    grid = client.get(reverse("instruments:attendance_grid", args=[counselling.pk]))

    assert response.status_code == 400
    assert not Attendance.objects.exists()
    assert grid.context["rows"] == []


def test_another_organisations_referral_cannot_be_withdrawn(client, outsider, participation,
                                                            counselling):
    referral = ReferralFactory(participation=participation, support_form=counselling)
    client.force_login(outsider)

    response = withdraw(client, referral, date(2025, 6, 2))

    assert response.status_code == 404
    assert Referral.objects.get().status == ReferralStatus.REFERRED


def test_the_file_reports_support_from_the_first_session_attended_and_internships(
    project, social_worker, participation, counselling
):
    ReferralFactory(participation=participation, support_form=counselling,
                    referred_on=date(2025, 1, 10))
    for day in (date(2025, 2, 20), date(2025, 2, 6)):
        attendance_set(session=SessionFactory(support_form=counselling, date=day),
                       participation=participation, present=True, by=social_worker)
    Internship.objects.create(
        participation=participation, employer=OrganisationFactory(name="Hurtownia"),
        position="magazynier", mentor_name="Jan Kowalski",
        start_date=date(2025, 4, 1), end_date=date(2025, 6, 30),
    )

    support = support_received(exported_participations(project))

    assert support[participation.pk] == [
        ("Doradztwo zawodowe", date(2025, 2, 6)), ("Staż zawodowy", date(2025, 4, 1)),
    ]


# --- Nothing dated outside the participation -------------------------------------------------


@pytest.fixture
def joined_in_june(project, social_worker):
    return ParticipationFactory(project=project, social_worker=social_worker,
                                start_date=date(2025, 6, 1))


def test_an_internship_starts_inside_the_participation(joined_in_june):
    internship = Internship(
        participation=joined_in_june, employer=OrganisationFactory(nip="7010002137"),
        position="magazynier", mentor_name="Jan Kowalski",
        start_date=date(2025, 5, 1), end_date=date(2025, 7, 31),
    )

    with pytest.raises(ValidationError) as refused:
        internship.full_clean()

    assert "01.06.2025" in " ".join(refused.value.message_dict["start_date"])


@pytest.mark.parametrize("day", [date(2025, 5, 31), timezone.localdate() + timedelta(days=1)])
def test_a_job_placement_contact_is_dated_inside_the_participation_and_by_today(
    joined_in_june, day
):
    contact = JobSupportContact(participation=joined_in_june, kind=JobSupportKind.JOB_COACH,
                                date=day)

    with pytest.raises(ValidationError) as refused:
        contact.full_clean()

    assert "date" in refused.value.message_dict


def test_an_event_is_attended_only_by_people_taking_part_that_day(project, coordinator,
                                                                  joined_in_june):
    event = event_create(project=project, by=coordinator, **event_data())  # 12–13.05.2025

    with pytest.raises(ValidationError) as refused:
        event_attendance_set(event=event, participations=[joined_in_june], by=coordinator)

    assert "12.05.2025" in refused.value.messages[0]
    assert not event.attendance.exists()


def test_a_withdrawn_trainee_is_not_decided_when_the_course_closes(
    client, project, social_worker, coordinator, participation
):
    from trainings.services import course_close, course_outcomes, course_set_up

    course_form = SupportFormFactory(project=project, name="Magazynier", mode="training",
                                     instrument="educational")
    course = course_set_up(support_form=course_form, by=coordinator, min_attendance_percent=80,
                           exam_required=False, leads_to_qualification=False)
    referral = ReferralFactory(participation=participation, support_form=course_form)
    client.force_login(social_worker)
    withdraw(client, referral, date(2025, 2, 1))

    assert course_outcomes(course) == []
    course_close(course=course, by=coordinator, closed_on=date(2025, 6, 30))
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.WITHDRAWN
