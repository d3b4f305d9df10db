"""Two people editing the same project or organisation: the second is told, nothing is lost."""

from django.urls import reverse

from projects.forms import OrganisationUpdateForm
from projects.models import Organisation, Project

from .factories import OrganisationFactory
from .test_access import form_data
from .test_projects import project_post_data


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
