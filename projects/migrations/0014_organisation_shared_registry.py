"""The shared registry of organisations. Those the administrator recorded before it existed
(entered by a superuser, by no office, and no one's own organisation) join it."""

from django.db import migrations, models


def registry_of_what_the_administrator_recorded(apps, schema_editor):
    Organisation = apps.get_model("projects", "Organisation")
    User = apps.get_model("accounts", "User")
    superusers = User.objects.filter(is_superuser=True)
    created_by_administrator = apps.get_model("projects", "HistoricalOrganisation").objects.filter(
        history_type="+", history_user__in=superusers
    ).values("id")
    Organisation.objects.filter(
        recorded_by__isnull=True, pk__in=created_by_administrator
    ).exclude(pk__in=User.objects.exclude(organisation=None).values("organisation")).update(
        in_registry=True
    )


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0013_declined_names'),
        ('accounts', '0002_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalorganisation',
            name='in_registry',
            field=models.BooleanField(default=False, help_text='Recorded by the administrator for every office: each coordinator chooses it instead of typing it again, and only the administrator changes it.', verbose_name='in the shared registry'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='in_registry',
            field=models.BooleanField(default=False, help_text='Recorded by the administrator for every office: each coordinator chooses it instead of typing it again, and only the administrator changes it.', verbose_name='in the shared registry'),
        ),
        migrations.RunPython(registry_of_what_the_administrator_recorded, migrations.RunPython.noop),
    ]
