"""One permission object that templates ask (``can``) instead of a flag per button."""

from django.contrib.auth.models import Group, Permission
from django.template import Context, Template
from django.urls import reverse

from accounts.roles import GROUP_NAMES, Role
from projects.access import ProjectPermissions, projects_with_role, role_grants

BUTTON = Template("{% if can.results.add_employment %}record{% else %}none{% endif %}")


def test_it_answers_by_the_role_on_that_projects_team(project, social_worker, director, outsider):
    assert ProjectPermissions(social_worker, project)["results"]["add_employment"]
    assert not ProjectPermissions(director, project)["results"]["add_employment"]
    assert not ProjectPermissions(outsider, project)["results"]["add_employment"]
    assert "participants.view_participation" in ProjectPermissions(director, project)


def test_a_template_asks_it_as_django_asks_perms(project, social_worker, director):
    def rendered(user):
        return BUTTON.render(Context({"can": ProjectPermissions(user, project)}))

    assert (rendered(social_worker), rendered(director)) == ("record", "none")


def test_the_card_offers_what_the_role_may_do(client, social_worker, participation):
    client.force_login(social_worker)
    url = reverse("card:participation_tab", args=[participation.pk, "results"])
    record = reverse("results:employment_create", args=[participation.pk])

    offered = client.get(url).content.decode()
    Group.objects.get(name=GROUP_NAMES[Role.SOCIAL_WORKER]).permissions.remove(
        Permission.objects.get(content_type__app_label="results", codename="add_employment")
    )
    social_worker.__dict__.pop("_project_permissions", None)
    withheld = client.get(url).content.decode()

    assert record in offered
    assert record not in withheld


def test_projects_with_role_answer_by_the_role_on_each_team(
    project, other_project, social_worker, director, outsider
):
    def may_apply_in(user):
        return [p.short_name for p in projects_with_role(user, "participants.view_person")
                if role_grants(user, p, "participants.add_participation")]

    assert may_apply_in(social_worker) == [project.short_name]
    assert may_apply_in(director) == []
    assert may_apply_in(outsider) == [other_project.short_name]


def test_the_participant_list_offers_a_new_application_where_the_role_may_add(
    client, social_worker, project
):
    client.force_login(social_worker)
    url = reverse("participants:participant_list")
    create = reverse("participants:participant_create", args=[project.pk])

    offered = client.get(url).content.decode()
    Group.objects.get(name=GROUP_NAMES[Role.SOCIAL_WORKER]).permissions.remove(
        Permission.objects.get(content_type__app_label="participants",
                               codename="add_participation")
    )
    withheld = client.get(url).content.decode()

    assert create in offered
    assert create not in withheld
