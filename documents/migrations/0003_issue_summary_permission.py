"""The permission to issue the final summary.

The permissions themselves are now granted by accounts 0007 from the one table in
accounts/permissions.py; this migration stays for the order of the migrations it is part of."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ('documents', '0002_document_permissions'),
        ('accounts', '0006_support_delivery_permissions'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='issueddocument',
            options={'ordering': ['project', 'kind', 'year', 'sequence'], 'permissions': [('issue_summary', "Can issue the project's final summary")], 'verbose_name': 'issued document', 'verbose_name_plural': 'issued documents'},
        ),
    ]
