"""The shared registry of organisations (issue 11, point 8): what the administrator records,
every coordinator sees and chooses, with who recorded each; an office's own records stay its
own."""

from django.urls import reverse

from projects.access import scoped
from projects.models import Organisation

from .factories import OrganisationFactory, UserFactory


def test_what_the_administrator_records_every_coordinator_sees_and_only_the_admin_changes(
    client, coordinator, outsider, office
):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.post(reverse("projects:organisation_create"),
                {"name": "Powiatowy Urząd Pracy w Lubartowie", "kind": "other"})
    registered = Organisation.objects.get(name="Powiatowy Urząd Pracy w Lubartowie")
    ours = OrganisationFactory(name="Piekarnia Nasza", recorded_by=office)

    assert registered.in_registry
    for user in (coordinator, outsider):
        assert registered in scoped(user, Organisation)  # offered in every form that chooses
        client.force_login(user)
        listed = client.get(reverse("projects:organisation_list")).content.decode()
        assert "Powiatowy Urząd Pracy w Lubartowie" in listed
        assert "administrator (rejestr wspólny)" in listed
        page = client.get(reverse("projects:organisation_detail", args=[registered.pk]))
        assert reverse("projects:organisation_update", args=[registered.pk]) not in (
            page.content.decode()
        )
    assert client.get(reverse("projects:organisation_update",
                              args=[registered.pk])).status_code == 403
    assert ours not in scoped(outsider, Organisation)  # an office's own record stays its own


def test_the_list_says_who_recorded_each(client, coordinator, office):
    OrganisationFactory(name="Piekarnia Nasza", recorded_by=office)
    client.force_login(coordinator)

    listed = client.get(reverse("projects:organisation_list"))

    row = next(line for line in listed.content.decode().split("<tr>") if "Piekarnia Nasza" in line)
    assert str(office) in row
