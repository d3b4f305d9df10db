import django.db.models.deletion
from django.db import migrations, models


def lead_is_responsible(apps, schema_editor):
    """Every participation recorded before partners were told apart is the lead's."""
    Participation = apps.get_model("participants", "Participation")
    Project = apps.get_model("projects", "Project")
    for project_id, lead_id in Project.objects.values_list("pk", "lead_beneficiary_id"):
        Participation.objects.filter(project_id=project_id).update(organisation_id=lead_id)
    HistoricalParticipation = apps.get_model("participants", "HistoricalParticipation")
    for project_id, lead_id in Project.objects.values_list("pk", "lead_beneficiary_id"):
        HistoricalParticipation.objects.filter(project_id=project_id).update(
            organisation_id=lead_id
        )


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0012_path_review_on"),
        ("projects", "0011_organisation_head_title"),
    ]

    operations = [
        migrations.AddField(
            model_name="participation",
            name="organisation",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="responsible_for",
                to="projects.organisation",
                verbose_name="responsible organisation",
                help_text="The lead or the partner who recruited the person and supports them: its staff see this participant; the other partners' staff do not.",
            ),
        ),
        migrations.AddField(
            model_name="historicalparticipation",
            name="organisation",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="projects.organisation",
                verbose_name="responsible organisation",
                help_text="The lead or the partner who recruited the person and supports them: its staff see this participant; the other partners' staff do not.",
            ),
        ),
        migrations.RunPython(lead_is_responsible, migrations.RunPython.noop),
    ]
