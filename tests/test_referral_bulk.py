"""Referring many participants to a support form in one action, with the date (the IŚR refers one
person at a time): all or nothing, each refusal naming the person, queries constant."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from instruments.models import Referral, ReferralStatus
from participants.models import ParticipationStatus

from .factories import ParticipationFactory, PersonFactory, SupportFormFactory


@pytest.fixture
def support_form(project):
    return SupportFormFactory(project=project, name="Trening umiejętności społecznych")


def _people(project, count, **data):
    return [
        ParticipationFactory(project=project, person=PersonFactory(last_name=f"Osoba{n:03d}"),
                             start_date=date(2025, 3, 1), **data)
        for n in range(count)
    ]


def _refer(client, support_form, participations, day="2025-04-01"):
    return client.post(reverse("instruments:referral_bulk", args=[support_form.pk]), {
        "referred_on": day, "participations": [p.pk for p in participations],
    })


def test_twenty_people_are_referred_in_one_action_with_history(
    client, coordinator, project, support_form
):
    people = _people(project, 20)
    client.force_login(coordinator)

    response = _refer(client, support_form, people)

    assert response.status_code == 302
    referrals = Referral.objects.filter(support_form=support_form)
    assert referrals.count() == 20
    assert set(referrals.values_list("referred_on", "status")) == {
        (date(2025, 4, 1), ReferralStatus.REFERRED)
    }
    history = Referral.history.filter(support_form_id=support_form.pk)
    assert history.count() == 20
    assert set(history.values_list("history_user", flat=True)) == {coordinator.pk}


def test_one_person_who_cannot_be_referred_stops_all_and_is_named(
    client, coordinator, project, support_form
):
    people = _people(project, 3)
    late = ParticipationFactory(project=project, start_date=date(2025, 5, 1),
                                person=PersonFactory(first_name="Zofia", last_name="Późna"))
    client.force_login(coordinator)

    response = _refer(client, support_form, [*people, late])

    assert response.status_code == 400
    errors = " ".join(response.context["form"].non_field_errors())
    assert "Zofia Późna" in errors
    assert not Referral.objects.filter(support_form=support_form).exists()


def test_people_already_referred_or_not_taking_part_are_not_offered(
    client, coordinator, project, support_form
):
    referred, fresh = _people(project, 2)
    Referral.objects.create(participation=referred, support_form=support_form,
                            referred_on=date(2025, 3, 2))
    ParticipationFactory(project=project, status=ParticipationStatus.REJECTED,
                         start_date=None, person=PersonFactory(last_name="Odrzucona"))
    client.force_login(coordinator)

    page = client.get(reverse("instruments:referral_bulk", args=[support_form.pk]) + "?wszyscy=1")

    offered = list(page.context["form"].fields["participations"].queryset)
    assert offered == [fresh]
    assert page.context["form"].initial["participations"] == [fresh]
    # Posting someone already referred (a stale page) is refused with their name.
    again = _refer(client, support_form, [referred])
    assert again.status_code == 400


def test_a_withdrawn_referral_is_not_silently_renewed(project, coordinator, support_form):
    from django.core.exceptions import ValidationError

    from instruments.services import referrals_create

    [person] = _people(project, 1)
    Referral.objects.create(participation=person, support_form=support_form,
                            referred_on=date(2025, 3, 2), status=ReferralStatus.WITHDRAWN,
                            withdrawn_on=date(2025, 3, 20), withdrawal_reason="Zmiana ścieżki")

    with pytest.raises(ValidationError) as refused:
        referrals_create(support_form=support_form, participations=[person],
                         on=date(2025, 4, 1), by=coordinator)

    assert "20.03.2025" in refused.value.messages[0]


def test_the_queries_do_not_grow_with_the_people_referred(
    client, coordinator, project, support_form
):
    client.force_login(coordinator)
    few, many = _people(project, 3), _people(project, 30)
    other = SupportFormFactory(project=project, name="Doradztwo")

    with CaptureQueriesContext(connection) as first:
        _refer(client, support_form, few)
    with CaptureQueriesContext(connection) as second:
        _refer(client, other, many)

    assert len(second) == len(first)
    assert Referral.objects.count() == 33


def test_the_session_list_offers_it_to_who_may_refer(client, coordinator, director,
                                                      support_form):
    url = reverse("instruments:session_list", args=[support_form.pk])
    link = reverse("instruments:referral_bulk", args=[support_form.pk])
    client.force_login(coordinator)
    assert link in client.get(url).content.decode()
    client.force_login(director)
    assert link not in client.get(url).content.decode()
