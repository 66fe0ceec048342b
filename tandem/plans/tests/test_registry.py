"""A kind of part registered from outside `plans` shows everywhere a plan is shown – the task list,
the snapshot, a new version's copy, the comparison and the document – with no change to those
modules: one registry entry, a model and a form.

The throwaway kind ("keepsake") lives in an isolated app registry and a table made for this test,
so nothing of it is left behind for other tests.
"""

import dataclasses

import pytest
from django.db import connection, models
from django.test.utils import isolate_apps
from django.urls import reverse

from tandem.documents.compare import CHANGED, compare_snapshots
from tandem.plans.forms.items import PlanPartForm
from tandem.plans.models import PlanPart
from tandem.plans.parts import Field, PartKind, PartNames, Section, registry
from tandem.plans.services import (
    plan_item_create,
    plan_item_update,
    plan_record_agreement,
    plan_send_for_agreement,
    plan_start_new_version,
)
from tandem.plans.tests.helpers import (
    add_item,
    build_ready_plan,
    person_and_worker_agree,
    snapshot_of,
)


@pytest.fixture
def keepsakes():
    with isolate_apps("django.contrib.contenttypes"):

        class Keepsake(PlanPart):
            text = models.CharField("what is it?", max_length=200)

            class Meta(PlanPart.Meta):
                app_label = "plans"
                db_table = "plans_test_keepsake"

            def __str__(self) -> str:
                return self.text

        class KeepsakeForm(PlanPartForm):
            class Meta:
                model = Keepsake
                fields = ["text"]
                error_messages = {"text": {"required": "Enter what the keepsake is"}}

        # Registries name forms by dotted path: this module's, while the fixture lasts.
        globals()["KeepsakeForm"] = KeepsakeForm
        section = Section(
            "keepsakes",
            "Things I keep close",
            "Objects that matter to the person.",
            heading="keepsakes",
            part="keepsake",
        )
        kind = PartKind(
            "keepsake",
            Keepsake,
            form=f"{__name__}.KeepsakeForm",
            section="keepsakes",
            snapshot_key="keepsakes",
            title_field="text",
            values=("text",),
            fields=(Field("text", "Keepsake"),),
            names=PartNames(
                noun="Keepsake",
                add="Add keepsake",
                change="Change keepsake",
                remove="Are you sure you want to remove this keepsake?",
                saved="The keepsake has been saved",
                removed="The keepsake has been removed",
                none_yet="No keepsake has been added yet.",
                numbered="Keepsake %(number)s",
            ),
        )
        with connection.schema_editor() as editor:
            editor.create_model(Keepsake)
        try:
            with registry.registered(sections=(section,), kinds=(kind,)):
                yield Keepsake
        finally:
            with connection.schema_editor() as editor:
                editor.delete_model(Keepsake)
            globals().pop("KeepsakeForm", None)


@pytest.mark.django_db(transaction=True)
def test_it_shows_a_registered_kind_of_part_everywhere(keepsakes, person, worker, client_for):
    client = client_for(worker)
    plan = build_ready_plan(person=person, actor=worker)

    # The task list has its section; the generic item page adds one.
    page = client.get(reverse("plans:detail", args=[plan.pk]))
    assert "Things I keep close" in page.text
    response = client.post(
        reverse("plans:item_add", args=[plan.pk, "keepsake"]), {"text": "Mum’s brooch"}
    )
    assert response.status_code == 302
    assert response.url == reverse("plans:section", args=[plan.pk, "keepsakes"])
    keepsake = keepsakes.objects.get(plan=plan)
    assert keepsake.text == "Mum’s brooch"
    section_page = client.get(response.url)
    assert "Mum’s brooch" in section_page.text

    # The snapshot carries it, with its uid.
    (entry,) = snapshot_of(plan)["keepsakes"]
    assert (entry["text"], entry["uid"]) == ("Mum’s brooch", str(keepsake.uid))

    # The document shows it under its own heading.
    document = client.get(reverse("documents:plan", args=[plan.pk]))
    assert "Things I keep close" in document.text
    assert "Mum’s brooch" in document.text

    # A new version copies it with the same uid, and rewording it is a change, not a swap.
    plan_send_for_agreement(plan=plan, actor=worker)
    plan_record_agreement(plan=plan, parties=person_and_worker_agree(person, worker), actor=worker)
    second = plan_start_new_version(plan=plan, actor=worker)
    copied = keepsakes.objects.get(plan=second)
    assert copied.uid == keepsake.uid
    assert copied.pk != keepsake.pk
    plan_item_update(
        item=copied, data={"text": "Grandad’s watch"}, revision=copied.revision, actor=worker
    )

    changes = {c.key: c for c in compare_snapshots(snapshot_of(plan), snapshot_of(second))}
    (change,) = changes["keepsakes"].items
    assert (change.change, change.noun, change.title) == (CHANGED, "Keepsake", "Grandad’s watch")
    assert [(f.old, f.new) for f in change.fields] == [("Mum’s brooch", "Grandad’s watch")]


@pytest.mark.django_db(transaction=True)
def test_it_leaves_the_registry_as_it_was(keepsakes, person, worker):
    plan = build_ready_plan(person=person, actor=worker)
    plan_item_create(plan=plan, kind="keepsake", data={"text": "A shell"}, actor=worker)
    assert "keepsake" in registry.kinds


def test_it_forgets_a_kind_registered_for_a_while():
    assert "keepsake" not in registry.kinds
    assert registry.section("keepsakes") is None


def test_it_refuses_a_kind_whose_parent_is_not_registered():
    orphan = PartKind(
        "orphan",
        PlanPart,
        form="",
        section="outcomes",
        snapshot_key="orphans",
        title_field="text",
        fields=(),
        names=PartNames(*[""] * 8),
        parent="nothing",
    )
    with pytest.raises(ValueError, match="Register 'nothing' before 'orphan'"):
        registry.register_part(orphan)
    assert "orphan" not in registry.kinds


PANEL = (
    "<p id='panel'>The panel of {{ kind.key }} “{{ item }}” of plan {{ plan.pk }}:"
    "{% for child in children %} {{ child.kind.key }}{% for part in child.parts %} “{{ part }}”"
    "{% endfor %}{% endfor %}</p>"
)


def test_it_shows_a_registered_panel_on_a_parts_own_page(
    settings, tmp_path, person, worker, client_for
):
    """A kind's panel (a budgets trade-off's options side by side) shows on the part's own page
    in place of the generic list of its children, and nowhere else."""
    (tmp_path / "panel.html").write_text(PANEL)
    template = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**template, "DIRS": [tmp_path, *template["DIRS"]]}]
    plan = build_ready_plan(person=person, actor=worker)
    outcome = plan.outcomes.get()
    add_item(plan, "indicator", worker, outcome=outcome, description="Goes every week")
    client = client_for(worker)
    with registry.registered():
        registry.kinds["outcome"] = dataclasses.replace(
            registry.kinds["outcome"], panel="panel.html"
        )
        page = client.get(reverse("plans:item", args=[plan.pk, "outcome", outcome.pk])).text
        adding = client.get(reverse("plans:item_add", args=[plan.pk, "outcome"])).text
    assert f"The panel of outcome “{outcome}” of plan {plan.pk}: indicator" in page
    assert "“Goes every week”" in page
    assert "govuk-summary-list" not in page  # the panel lists the children itself
    assert "Add an indicator" in page  # the buttons to add them stay
    assert "id='panel'" not in adding  # nothing to show before the part exists
    unchanged = client.get(reverse("plans:item", args=[plan.pk, "outcome", outcome.pk])).text
    assert "id='panel'" not in unchanged
    assert "Goes every week" in unchanged
