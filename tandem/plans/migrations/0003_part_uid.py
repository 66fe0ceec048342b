"""Every plan part gets a `uid` that lasts across versions (ADR 0004).

Existing parts get a new uid each; a part of a later version that says exactly what a part of the
version it was copied from said inherits that part's uid, so versions made before this migration
still compare part by part.
"""

import uuid

from django.db import migrations, models

PARTS = {
    "outcome": "words",
    "indicator": "description",
    "action": "description",
    "supportarrangement": "description",
    "risk": "description",
    "need": "description",
}


def give_uids(apps, schema_editor):
    Plan = apps.get_model("plans", "Plan")
    for name, title in PARTS.items():
        model = apps.get_model("plans", name)
        for part in model.objects.filter(uid__isnull=True).iterator():
            model.objects.filter(pk=part.pk).update(uid=uuid.uuid4())
        for plan in Plan.objects.exclude(previous_version=None).order_by("version_number"):
            earlier = {
                getattr(p, title): p.uid
                for p in model.objects.filter(plan_id=plan.previous_version_id)
            }
            for part in model.objects.filter(plan=plan):
                uid = earlier.pop(getattr(part, title), None)
                if uid is not None:
                    model.objects.filter(pk=part.pk).update(uid=uid)


class Migration(migrations.Migration):
    dependencies = [("plans", "0002_direct_payment_positive")]

    operations = [
        *(
            migrations.AddField(
                model_name=name, name="uid", field=models.UUIDField(null=True, editable=False)
            )
            for name in PARTS
        ),
        migrations.RunPython(give_uids, migrations.RunPython.noop),
        *(
            migrations.AlterField(
                model_name=name,
                name="uid",
                field=models.UUIDField(default=uuid.uuid4, editable=False),
            )
            for name in PARTS
        ),
        *(
            migrations.AddConstraint(
                model_name=name,
                constraint=models.UniqueConstraint(
                    fields=("plan", "uid"), name=f"plans_{name}_uid"
                ),
            )
            for name in PARTS
        ),
    ]
