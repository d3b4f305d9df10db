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


def test_the_generated_project_has_employment_and_social_progress_that_count(db):
    """The benchmark measures the pages' employment and social-progress queries only if the
    generated data hold such records: valid ones, which the indicators count."""
    from reporting.indicators import project_indicators
    from results.counting import first_counted_employment
    from results.models import Employment, SocialProgress

    project = generate(60)
    participations = Participation.objects.filter(project=project)
    completed = participations.filter(status="completed").count()
    employment = Employment.objects.filter(participation__project=project)
    progress = SocialProgress.objects.filter(participation__project=project)

    assert employment.count() == -(-completed // 3)
    assert progress.count() == 30
    for record in [*employment, *progress]:
        record.full_clean()
    assert len(first_counted_employment(participations)) == employment.count()
    achieved = {row.code: row.achieved for row in project_indicators(project)}
    assert achieved["employed"] == employment.count()
    assert achieved["social-progress"] > 0
