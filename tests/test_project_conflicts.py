"""Two people editing the same project or organisation: the second is told, nothing is lost."""

import time

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.reauth import SESSION_KEY as PASSWORD_CONFIRMED_AT
from accounts.roles import Role
from projects.forms import OrganisationUpdateForm
from projects.models import Organisation, Project

from .factories import TEST_PASSWORD, OrganisationFactory, UserFactory
from .helpers.forms import add_row, form_data, project_post_data


def test_it_refuses_a_project_edit_made_on_a_stale_page(client, coordinator, project):
    client.force_login(coordinator)
    stale = project_post_data(project) | {"title": "Mój tytuł"}
    Project.objects.filter(pk=project.pk).update(title="Tytuł kolegi", version=2)

    response = client.post(reverse("projects:project_update", args=[project.pk]), stale)

    assert response.status_code == 409
    assert "Tytuł kolegi" in response.content.decode()
    assert Project.objects.get(pk=project.pk).title == "Tytuł kolegi"


def test_a_fresh_project_edit_saves_and_bumps_the_version(client, coordinator, project):
    client.force_login(coordinator)

    response = client.post(
        reverse("projects:project_update", args=[project.pk]),
        project_post_data(project) | {"title": "Nowy tytuł"},
    )

    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.title, project.version) == ("Nowy tytuł", 2)


def test_it_refuses_an_organisation_edit_made_on_a_stale_page(client, coordinator, office):
    provider = OrganisationFactory(name="Centrum Szkoleń", recorded_by=office)
    client.force_login(coordinator)
    stale = form_data(OrganisationUpdateForm(instance=provider)) | {"town": "Kock"}
    Organisation.objects.filter(pk=provider.pk).update(town="Lublin", version=2)

    response = client.post(reverse("projects:organisation_update", args=[provider.pk]), stale)

    assert response.status_code == 409
    assert Organisation.objects.get(pk=provider.pk).town == "Lublin"


# --- A change of the team asks for the password again ---------------------------------------


def _stale(client):
    session = client.session
    session[PASSWORD_CONFIRMED_AT] = int(time.time()) - 3600
    session.save()


def _team_change(project, user):
    data = project_post_data(project)
    add_row(data, "team", user=user.pk, role=Role.SOCIAL_WORKER, is_active="on")
    return data


def test_a_team_change_after_a_while_asks_for_the_password_and_keeps_what_was_typed(
    client, coordinator, project, office
):
    newcomer = UserFactory(organisation=office, username="nowa")
    client.force_login(coordinator)
    _stale(client)
    data = _team_change(project, newcomer) | {"title": "Tytuł wpisany przed pytaniem"}

    response = client.post(reverse("projects:project_update", args=[project.pk]), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert 'name="confirm_password"' in page
    assert "Tytuł wpisany przed pytaniem" in page
    assert not project.memberships.filter(user=newcomer).exists()

    response = client.post(
        reverse("projects:project_update", args=[project.pk]),
        data | {"confirm_password": TEST_PASSWORD},
    )

    assert response.status_code == 302
    assert project.memberships.filter(user=newcomer).exists()


def test_a_wrong_password_changes_nothing(client, coordinator, project, office):
    newcomer = UserFactory(organisation=office, username="nowa")
    client.force_login(coordinator)
    _stale(client)

    response = client.post(
        reverse("projects:project_update", args=[project.pk]),
        _team_change(project, newcomer) | {"confirm_password": "zle-haslo"},
    )

    assert response.status_code == 400
    assert _("The password is not correct.") in response.content.decode()
    assert not project.memberships.filter(user=newcomer).exists()


def test_other_edits_do_not_ask_for_the_password(client, coordinator, project):
    client.force_login(coordinator)
    _stale(client)

    response = client.post(
        reverse("projects:project_update", args=[project.pk]),
        project_post_data(project) | {"title": "Nowy tytuł"},
    )

    assert response.status_code == 302


def test_guessing_the_password_on_the_team_form_is_throttled_as_at_sign_in(
    client, coordinator, project, office
):
    newcomer = UserFactory(organisation=office, username="nowa")
    client.force_login(coordinator)
    _stale(client)
    url = reverse("projects:project_update", args=[project.pk])
    for _attempt in range(5):
        response = client.post(url, _team_change(project, newcomer) | {
            "confirm_password": "zle-haslo"
        })

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # The right password afterwards changes nothing: the session has ended.
    client.post(url, _team_change(project, newcomer) | {"confirm_password": TEST_PASSWORD})
    assert not project.memberships.filter(user=newcomer).exists()


def test_wrong_passwords_on_different_prompts_add_up(client, coordinator, project, office):
    newcomer = UserFactory(organisation=office, username="nowa")
    client.force_login(coordinator)
    _stale(client)
    url = reverse("projects:project_update", args=[project.pk])
    for _attempt in range(3):
        client.post(url, _team_change(project, newcomer) | {"confirm_password": "zle-haslo"})

    for _attempt in range(2):
        response = client.post(reverse("accounts:confirm_password"), {"password": "zle"})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
