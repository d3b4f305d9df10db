"""The generated project (``generate_scale_data``) follows the rules of the records it imitates:
its people are searchable exactly as saved people are."""

from instruments.hours import hours_differences
from instruments.models import HoursTotal
from participants.models import Participation, Person
from reporting.management.commands.generate_scale_data import generate


def test_generated_people_carry_the_search_column_a_save_would_give(db):
    project = generate(6)
    generated = {person.pk: person.search_text for person in Person.objects.all()}

    for person in Person.objects.all():
        person.save()

    assert generated == {person.pk: person.search_text for person in Person.objects.all()}
    someone = Participation.objects.filter(project=project).select_related("person").first()
    assert someone in Participation.objects.search(someone.person.last_name)


def test_the_generated_project_leaves_the_summed_hours_equal_to_the_marks(db):
    project = generate(30)

    assert HoursTotal.objects.filter(support_form__project=project).count() == 30 * 4
    assert hours_differences(project) == []
