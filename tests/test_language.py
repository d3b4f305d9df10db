"""Language without a slip (issue 12, point 6): statuses by the person's sex, one way of
writing percentages, English pages with no Polish left."""

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from aktywizacja.numbers import percent
from demo.people import make_pesel
from participants.models import ParticipationStatus, StatusChange

from .factories import ParticipationFactory, PersonFactory

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def a_man(project, social_worker):
    person = PersonFactory(
        organisation=project.lead_beneficiary, sex="M", first_name="Jan", last_name="Zieliński",
        pesel=make_pesel(date(1979, 4, 2), 3, "M"),
    )
    return ParticipationFactory(project=project, person=person, social_worker=social_worker)


def finished(participation, by):
    participation.status = ParticipationStatus.COMPLETED
    participation.save()
    StatusChange.objects.create(
        participation=participation, from_status="participant", to_status="completed",
        date=participation.project.start_date, changed_by=by,
    )
    return participation


@pytest.mark.django_db
def test_a_womans_status_is_written_in_the_feminine_on_her_card_and_in_the_list(
    client, social_worker, participation
):
    finished(participation, social_worker)
    client.force_login(social_worker)

    card = client.get(reverse("card:participation_tab", args=[participation.pk, "recruitment"]))
    listed = client.get(reverse("participants:participant_list"))

    assert "uczestniczka → ukończyła udział" in card.content.decode()
    assert "ukończyła udział" in listed.content.decode()
    assert "ukończył udział" not in card.content.decode() + listed.content.decode()


@pytest.mark.django_db
def test_a_mans_status_is_written_in_the_masculine(client, social_worker, project):
    participation = finished(a_man(project, social_worker), social_worker)
    client.force_login(social_worker)

    url = reverse("card:participation_tab", args=[participation.pk, "recruitment"])
    card = client.get(url).content

    assert "uczestnik → ukończył udział" in card.decode()


@pytest.mark.django_db
def test_the_next_statuses_offered_agree_with_the_person(client, social_worker, participation):
    client.force_login(social_worker)

    url = reverse("card:participation_tab", args=[participation.pk, "recruitment"])
    card = client.get(url).content

    assert ">ukończyła udział</option>" in card.decode()
    assert ">zrezygnowała</option>" in card.decode()


def test_statuses_said_of_nobody_in_particular_are_neutral():
    with translation.override("pl"):
        labels = [str(status.label) for status in ParticipationStatus]

    assert "udział zakończony" in labels
    masculine = {"kandydat", "zakwalifikowany", "odrzucony", "uczestnik", "ukończył udział",
                 "zrezygnował", "usunięty z projektu"}
    assert masculine.isdisjoint(labels)


@pytest.mark.parametrize(
    ("language", "value", "written"),
    [("pl", Decimal("45.46"), "45,5%"), ("pl", 100, "100%"), ("pl", Decimal("33.333"), "33,3%"),
     ("en", Decimal("45.46"), "45.5%"), ("pl", None, "")],
)
def test_a_percentage_is_written_one_way(language, value, written):
    with translation.override(language):
        assert percent(value) == written


def test_no_template_writes_a_percentage_by_hand():
    """A number followed by its own "%" in a template bypasses the one way of writing it
    (a message may hold the sign: "attendance of at least {{ percent }}% …")."""
    by_hand = re.compile(r"\}\}(\s|&nbsp;)*%(?!\})")
    found = [
        f"{path.relative_to(TEMPLATES)}:{number}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if by_hand.search(line) and "blocktranslate" not in line
    ]
    assert found == []


@pytest.mark.django_db
def test_the_indicators_page_writes_percentages_the_polish_way(client, coordinator, project):
    from .factories import IndicatorTargetFactory

    IndicatorTargetFactory(project=project, target_value=4)
    client.force_login(coordinator)

    page = client.get(reverse("reporting:project_indicators", args=[project.pk])).content
    assert re.search(r"\d %", page.decode()) is None
    assert re.search(r"\d%", page.decode())


@pytest.mark.parametrize(("days", "expected"), [(1, "1 dzień"), (3, "3 dni"), (12, "12 dni")])
def test_an_internships_days_in_a_month_agree_with_their_number(days, expected):
    from django.utils.translation import ngettext

    with translation.override("pl"):
        text = ngettext(
            "The internship lasts %(days)s day in %(month)s: plan no more working days "
            "than that.",
            "The internship lasts %(days)s days in %(month)s: plan no more working days "
            "than that.", days,
        ) % {"days": days, "month": "03.2025"}
    assert f"staż trwa {expected}:" in text


def test_no_count_is_written_with_a_fixed_noun():
    """A number of people, days, months … goes through ngettext (Polish has three forms and a
    fraction). Hours are exempt: Polish writes them "godz.", which has no plural."""
    import polib

    catalogue = polib.pofile(str(TEMPLATES.parent / "locale" / "pl" / "LC_MESSAGES" / "django.po"))
    counted = re.compile(
        r"(%\(\w+\)[sd]|\{\{ ?\w+ ?\}\}) (people|persons|participants|days|months|weeks|sessions"
        r"|rows|targets|documents|certificates|contracts|internships|courses|times)\b"
    )
    fixed = [entry.msgid for entry in catalogue
             if not entry.obsolete and not entry.msgid_plural and counted.search(entry.msgid)]
    assert fixed == []
