import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    # Apart from 0013: PostgreSQL does not alter a table with the rows' updates pending.
    dependencies = [("participants", "0013_participation_responsible_organisation")]

    operations = [
        migrations.AlterField(
            model_name="participation",
            name="organisation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="responsible_for",
                to="projects.organisation",
                verbose_name="responsible organisation",
                help_text="The lead or the partner who recruited the person and supports them: its staff see this participant; the other partners' staff do not.",
            ),
        ),
    ]
