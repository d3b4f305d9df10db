"""Need-to-know between partners (SECURITY.md): the access table again, for a partner's staff.

The project of the table has a partner ("Fundacja Partner"). Its social worker and coordinator
are on the team, yet a participant the lead is responsible for does not exist for them: every
row of the table that reaches that participant's records answers 404. Handed to the partner,
the same participant's rows answer the partner's staff as they answer the lead's staff of the
same role, and the lead's social worker no longer finds them; the lead's coordinator sees all.
"""

import pytest
from django.db import transaction
from django.urls import reverse

from accounts.roles import Role
from contracts.models import SocialContract
from instruments.models import Attendance
from participants.card import VIEW_PERSON
from participants.models import Participation, Person
from projects.access import projects_where, projects_with_role
from projects.models import participations_seen_in

from .access_objects import all_objects
from .conftest import make_member, make_office, make_other_project, make_personas, make_project
from .factories import (
    ContractFactory,
    ParticipationFactory,
    ReferralFactory,
    SessionFactory,
    UserFactory,
)
from .test_access import ROWS, assert_outcome, request_as

PARTNER_ROLES = {"partner_social_worker": "social_worker", "partner_coordinator": "coordinator"}


def participant_of(obj):
    """The participation a record of the table belongs to, if it belongs to one."""
    if isinstance(obj, Participation):
        return obj
    if isinstance(obj, Person):
        return None  # a person's identity: reached through a participation's rows
    for attribute in ("participation", "contract", "internship"):
        related = getattr(obj, attribute, None)
        if related is not None and not callable(related):
            return participant_of(related)
    return None


@pytest.fixture(scope="module")
def partner_graph(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        built = transaction.atomic()
        built.__enter__()
        office, other_project = make_office(), make_other_project()
        project = make_project(office)
        personas = make_personas(project, office, other_project)
        participation = ParticipationFactory(project=project,
                                             social_worker=personas["social_worker"])
        objects = all_objects(project, office, other_project, personas["outsider"],
                              personas["social_worker"], participation)
        partner = objects["partner"]
        personas["partner_social_worker"] = make_member(
            project, partner, Role.SOCIAL_WORKER, "paulina")
        personas["partner_coordinator"] = make_member(
            project, partner, Role.COORDINATOR, "piotr")
    yield personas, objects
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        built.__exit__(None, None, None)


def _participants_rows():
    """Rows whose target is a record of one of our project's participants (not another
    project's) that the lead's staff reach."""
    return [
        row for row in ROWS
        if row.target and not row.target.startswith("their_")
        and all(row.expected[role] not in (404, 405) for role in PARTNER_ROLES.values())
    ]


CASES = [
    pytest.param(
        row, role, id=f"{row.method}-{row.name}-{'-'.join([row.target, *row.extra])}-{role}"
    )
    for row in _participants_rows()
    for role in PARTNER_ROLES
]


def _belongs_to_a_participant(objects, row) -> bool:
    participation = participant_of(objects[row.target])
    return participation is not None and participation.project_id == objects["project"].pk


@pytest.mark.parametrize(("row", "role"), CASES)
def test_a_partners_staff_never_find_the_leads_participant(db, client, partner_graph, row, role):
    personas, objects = partner_graph
    if not _belongs_to_a_participant(objects, row):
        pytest.skip("not a participant's record")

    url, response = request_as(client, personas, objects, row, role)

    assert_outcome(response, url, 404)


@pytest.mark.parametrize(("row", "role"), CASES)
def test_a_partners_staff_work_on_their_own_participant_as_the_leads_staff_do(
    db, client, partner_graph, row, role
):
    personas, objects = partner_graph
    if not _belongs_to_a_participant(objects, row):
        pytest.skip("not a participant's record")
    Participation.objects.filter(project=objects["project"]).update(
        organisation=objects["partner"])

    url, response = request_as(client, personas, objects, row, role)

    assert_outcome(response, url, row.expected[PARTNER_ROLES[role]])


def test_the_leads_social_worker_does_not_find_the_partners_participant_its_coordinator_does(
    db, client, partner_graph
):
    personas, objects = partner_graph
    participation = objects["participation"]
    Participation.objects.filter(pk=participation.pk).update(organisation=objects["partner"])
    url = reverse("card:participation_detail", args=[participation.pk])

    client.force_login(personas["social_worker"])
    assert client.get(url).status_code == 404
    client.force_login(personas["coordinator"])
    assert client.get(url).status_code == 200


def test_lists_show_a_partner_only_their_own_participants(db, client, partner_graph):
    personas, objects = partner_graph
    project, partner = objects["project"], objects["partner"]
    theirs = ParticipationFactory(project=project, organisation=partner)
    leads = objects["participation"]
    client.force_login(personas["partner_social_worker"])

    listed = client.get(reverse("participants:participant_list"))
    found = client.post(reverse("participants:participant_list"),
                        {"q": leads.person.last_name}, follow=True)

    assert theirs.person.last_name in listed.content.decode()
    assert leads.person.last_name not in listed.content.decode()
    assert str(leads.pk) not in [str(p.pk) for p in found.context["page_obj"]]


def test_all_present_marks_only_the_partners_own_people(db, client, partner_graph):
    personas, objects = partner_graph
    project, partner = objects["project"], objects["partner"]
    referral = objects["referral"]  # the lead's participant, referred to the support form
    support_form = referral.support_form
    theirs = ParticipationFactory(project=project, organisation=partner)
    ReferralFactory(participation=theirs, support_form=support_form)
    session = SessionFactory(support_form=support_form, date=support_form.start_date)
    client.force_login(personas["partner_coordinator"])

    client.post(reverse("instruments:attendance_all_present", args=[support_form.pk]),
                {"session": session.pk})
    grid = client.get(reverse("instruments:attendance_grid", args=[support_form.pk]))

    marked = set(Attendance.objects.filter(session=session).values_list("participation", flat=True))
    assert theirs.pk in marked
    assert referral.participation_id not in marked
    assert referral.participation.person.last_name not in grid.content.decode()


@pytest.mark.parametrize(
    "name", ["monitoring:export", "documents:batch_list", "documents:batch_create"]
)
def test_a_partners_coordinator_may_not_export_or_print_everyone(db, client, partner_graph, name):
    personas, objects = partner_graph
    client.force_login(personas["partner_coordinator"])
    url = reverse(name, args=[objects["project"].pk])

    response = client.post(url) if name == "documents:batch_create" else client.get(url)

    assert response.status_code == 403
    register = client.get(reverse("documents:document_list", args=[objects["project"].pk]))
    assert reverse("documents:batch_list", args=[objects["project"].pk]) not in (
        register.content.decode())


HEADS = {"head_of_the_lead": "office", "head_of_the_partner": "partner"}
GET_CASES = [
    pytest.param(row, head, id=f"{row.name}-{'-'.join([str(row.target), *row.extra])}-{head}")
    for row in ROWS if row.method == "GET"
    for head in HEADS
]


@pytest.mark.parametrize(("row", "head"), GET_CASES)
def test_the_head_of_a_lead_or_partner_sees_the_totals_without_being_on_the_team(
    db, client, partner_graph, row, head
):
    """The head of an organisation (the director's group) off the team gets every page the
    team's director gets; of the lead's participants, the partner's head not even a 403."""
    personas, objects = partner_graph
    personas = personas | {head: UserFactory(organisation=objects[HEADS[head]],
                                             role=Role.DIRECTOR)}
    expected = row.expected["director"]
    if (head == "head_of_the_partner" and row.target and not row.target.startswith("their_")
            and _belongs_to_a_participant(objects, row) and expected != 405):
        expected = 404

    url, response = request_as(client, personas, objects, row, head)

    assert_outcome(response, url, expected)


def test_the_list_names_the_same_participants_by_project_id_as_the_scoped_lookup(
    db, partner_graph
):
    """The participant list says who the user sees with the projects' ids (so that an index
    serves its order): the same people, for every place on a team, as the scoped lookup."""
    personas, objects = partner_graph
    project, partner = objects["project"], objects["partner"]
    for organisation in (partner, project.lead_beneficiary):
        ContractFactory(participation=ParticipationFactory(project=project,
                                                           organisation=organisation))
    personas = personas | {
        head: UserFactory(organisation=objects[HEADS[head]], role=Role.DIRECTOR)
        for head in HEADS
    } | {"admin": UserFactory(is_superuser=True)}
    checked = 0
    for name, user in personas.items():
        if user is None:
            continue
        projects = projects_with_role(user, VIEW_PERSON)
        by_id = Participation.objects.filter(participations_seen_in(user, projects))
        scoped = Participation.objects.for_user(user).filter(
            project__in=projects_where(user, VIEW_PERSON))
        assert set(by_id) == set(scoped), name
        contracts = SocialContract.objects.filter(participations_seen_in(
            user, projects, organisation="participation__organisation"))
        assert set(contracts) == set(SocialContract.objects.for_user(user).filter(
            project__in=projects_where(user, VIEW_PERSON))), name
        checked += bool(projects)
    assert checked >= 5  # every member of the team, the partner's two and the administrator
