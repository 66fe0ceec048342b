"""A disagreement can be about one part of the plan (its kind and uid), not only a section; and
it has the date it was raised. Disagreements recorded before this are dated the day (in the
site's time zone) they were recorded."""

from django.db import migrations, models
from django.db.models.functions import TruncDate


def date_from_recorded(apps, schema_editor):
    Disagreement = apps.get_model("plans", "Disagreement")
    Disagreement.objects.filter(raised_on=None).update(raised_on=TruncDate("recorded_at"))


class Migration(migrations.Migration):
    dependencies = [("plans", "0004_disagreement_submission_key")]

    operations = [
        migrations.AddField(
            model_name="disagreement",
            name="part_kind",
            field=models.CharField(blank=True, max_length=30),
        ),
        migrations.AddField(
            model_name="disagreement",
            name="part_uid",
            field=models.UUIDField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="disagreement",
            name="raised_on",
            field=models.DateField(null=True, verbose_name="date raised"),
        ),
        migrations.RunPython(date_from_recorded, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="disagreement",
            name="raised_on",
            field=models.DateField(verbose_name="date raised"),
        ),
    ]
