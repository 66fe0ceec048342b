"""The audit table refuses UPDATE, DELETE and TRUNCATE at the database (append_only.py).

The plan's foreign key is PROTECT first: SET_NULL would be an UPDATE of an audit row.
The triggers come last in this migration, after any rebuild of the table on SQLite (which would
drop them); the raw SQL tests in tandem/audit/tests/test_append_only.py fail if they are gone.
"""

import django.db.models.deletion
from django.db import migrations, models

from tandem.audit import append_only


def create_triggers(apps, schema_editor):
    append_only.create_triggers(schema_editor)


def drop_triggers(apps, schema_editor):
    append_only.drop_triggers(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0012_issue9_where_and_who"),
        ("plans", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="plan",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="plans.plan",
            ),
        ),
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
    ]
