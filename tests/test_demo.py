"""The demo loader: what it creates, that a second run changes nothing, that it guards DEBUG."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.urls import reverse
from simple_history.models import HistoricalChanges, registered_models
from stdnum.pl import pesel as stdnum_pesel

from accounts.models import User
from accounts.roles import Role
from aktywizacja.demo import DEMO_PASSWORD, RECENT_PARTICIPANTS, SEED_PARTICIPANTS, USERS
from participants.models import Person
from projects.models import Project

pytestmark = pytest.mark.django_db

DEMO_USERNAMES = [username for username, *_rest in USERS]


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


@pytest.fixture
def demo(debug_on):
    call_command("load_demo", stdout=StringIO())


def history_models():
    """The historical table of every model (and many-to-many field) simple_history tracks."""
    return [model for model in apps.get_models() if issubclass(model, HistoricalChanges)]


def row_counts() -> dict[str, int]:
    models = {*apps.get_models(include_auto_created=True), *history_models()}
    return {model._meta.label: model._default_manager.count() for model in models}


def demo_state() -> dict:
    return {
        "counts": row_counts(),
        "history": {
            model._meta.label: sorted(model.objects.values_list(model._meta.pk.name, flat=True))
            for model in history_models()
        },
        "passwords": dict(
            User.objects.filter(username__in=DEMO_USERNAMES).values_list("username", "password")
        ),
    }


def test_it_creates_the_two_demo_projects(demo):
    assert set(Project.objects.values_list("short_name", flat=True)) >= {
        "LUB-7.1.1-2011",
        "KROK-FEL-2024",
    }


def test_the_first_project_has_twenty_five_participations(demo):
    seed = Project.objects.get(short_name="LUB-7.1.1-2011")
    assert seed.participations.count() == 25 == len(SEED_PARTICIPANTS)


def test_it_creates_one_account_per_role(demo):
    users = User.objects.filter(username__in=DEMO_USERNAMES)
    assert users.filter(is_superuser=True).exists()
    for role in Role:
        assert any(user.main_role == role for user in users), role


def test_the_demo_accounts_can_sign_in(demo, client):
    response = client.post(reverse("login"), {"username": "koordynator", "password": DEMO_PASSWORD})
    assert response.status_code == 302


def test_a_second_run_changes_nothing(demo):
    before = demo_state()
    assert any(before["history"].values())

    call_command("load_demo", stdout=StringIO())

    after = demo_state()
    assert after["counts"] == before["counts"]
    assert after["history"] == before["history"]
    assert after["passwords"] == before["passwords"]


def test_every_simple_history_table_is_compared():
    tables = {model._meta.db_table for model in history_models()}
    assert len(tables) == len(registered_models)
    assert {"participants_historicalperson", "participants_historicalparticipation"} <= tables


def test_demo_pesel_numbers_are_valid_and_agree_with_the_person(demo):
    people = Person.objects.all()
    assert people.count() == len(SEED_PARTICIPANTS) + len(RECENT_PARTICIPANTS)
    for person in people:
        assert stdnum_pesel.is_valid(person.pesel), person.pk
        person.full_clean()


def test_it_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", stdout=StringIO())
    assert not Project.objects.filter(short_name="LUB-7.1.1-2011").exists()


def test_it_runs_with_debug_off_when_allowed(settings):
    settings.DEBUG = False
    call_command("load_demo", "--allow-production", stdout=StringIO())
    assert Project.objects.filter(short_name="LUB-7.1.1-2011").exists()
