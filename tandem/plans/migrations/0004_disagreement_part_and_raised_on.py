"""A disagreement can be about one part of the plan (its kind and uid), not only a section."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("plans", "0003_part_uid")]

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
    ]
