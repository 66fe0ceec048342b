"""The subject-access export: everything held about a person, as JSON and as a readable PDF, in
one ZIP archive.

Both files are made from one gathering of the rows (`gather`), so the PDF says exactly what the
JSON does. The rows are found through the list in held.py and nothing else, so nothing about
anyone else can come in: each kind of record is filtered by its own path to this person.
Gathering is a fixed number of queries however many rows there are (one per kind of record, one
for the names of the users they mention).
"""

import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.documents.document import document_content
from tandem.people.models import Person
from tandem.records.held import NOT_EXPORTED_FIELDS, Held, audit_rows, held

SCHEMA = "tandem.subject-access/1"
# Shown in the PDF as the plan document itself rather than as data.
PLAN_COPY_FIELDS = frozenset({"snapshot", "recipients"})


@dataclass
class Value:
    name: str
    label: str
    raw: Any
    shown: str = ""


@dataclass
class Row:
    pk: Any
    values: list[Value]


@dataclass
class Section:
    label: str
    title: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class Gathered:
    person: Person
    made_at: datetime
    sections: list[Section]
    users: dict[int, str]

    def plan_copies(self) -> list[str]:
        """Each copy of the plan that was sent, as the plan document showed it (the documents
        app's own template, from the copy's snapshot: no queries)."""
        copies = []
        for section in self.sections:
            if section.label != "plans.PlanIssue":
                continue
            for row in section.rows:
                values = {v.name: v.raw for v in row.values}
                issue = SimpleNamespace(
                    number=values["number"],
                    issued_at=values["issued_at"],
                    reason=values["reason"],
                )
                context = {**document_content(values["snapshot"], issued=True), "issue": issue}
                copies.append(render_to_string("documents/_document.html", context))
        return copies

    def counts(self) -> list[tuple[str, int]]:
        return [(section.title, len(section.rows)) for section in self.sections]


def _fields(held_kind: Held) -> list[models.Field]:
    left_out = NOT_EXPORTED_FIELDS.get(held_kind.label, frozenset())
    meta = held_kind.model._meta
    return [f for f in [*meta.concrete_fields, *meta.many_to_many] if f.name not in left_out]


def _raw(obj: models.Model, f: models.Field) -> Any:
    if f.many_to_many:
        return sorted(related.pk for related in getattr(obj, f.name).all())
    return f.value_from_object(obj)


def _rows(held_kind: Held, person_id: int, withhold_safeguarding: bool) -> list[Row]:
    fields = _fields(held_kind)
    queryset = held_kind.rows(person_id).prefetch_related(
        *[f.name for f in fields if f.many_to_many]
    )
    if held_kind.label == "audit.AuditEvent":
        queryset = queryset.filter(audit_rows(withhold_safeguarding=withhold_safeguarding))
    return [
        Row(
            pk=obj.pk,
            values=[
                Value(name=f.name, label=str(f.verbose_name), raw=_raw(obj, f)) for f in fields
            ],
        )
        for obj in queryset
    ]


def _user_ids(held_kind: Held, rows: list[Row]) -> set[int]:
    user_fields = {f.name for f in _fields(held_kind) if f.is_relation and f.related_model is User}
    ids: set[int] = set()
    for row in rows:
        for value in row.values:
            if value.name in user_fields and value.raw:
                ids.update(value.raw if isinstance(value.raw, list) else [value.raw])
    return ids


def _plain(raw: Any) -> str:
    """A value that is not a relation or a choice, written for a reader."""
    if isinstance(raw, bool):
        return _("Yes") if raw else _("No")
    if isinstance(raw, datetime):
        return timezone.localtime(raw).strftime("%-d %B %Y %H:%M")
    if isinstance(raw, date):
        return raw.strftime("%-d %B %Y")
    if isinstance(raw, dict | list):
        return json.dumps(raw, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    if isinstance(raw, Decimal):
        return f"{raw:,.2f}"
    return str(raw)


def _shown(f: models.Field, raw: Any, users: dict[int, str]) -> str:
    """A value as a reader would want it: labels for choices, names for users, plain dates."""
    if raw is None or raw == "" or raw == [] or raw == {}:
        return ""
    if f.model._meta.label == "plans.PlanIssue" and f.name in PLAN_COPY_FIELDS:
        return _("Shown in full under “Copies of the plan as they were sent”")
    if f.is_relation and f.related_model is User:
        ids = raw if isinstance(raw, list) else [raw]
        return ", ".join(users.get(i, str(i)) for i in ids)
    if f.is_relation:
        return ", ".join(str(i) for i in raw) if isinstance(raw, list) else str(raw)
    if f.choices:
        return str(dict(f.flatchoices).get(raw, raw))
    return _plain(raw)


def gather(person: Person, *, withhold_safeguarding: bool = False) -> Gathered:
    """Every row held about this person (less safeguarding, when withheld), with the names of
    the users those rows mention."""
    sections = []
    user_ids: set[int] = set()
    for held_kind in held(withhold_safeguarding=withhold_safeguarding):
        rows = _rows(held_kind, person.pk, withhold_safeguarding)
        user_ids |= _user_ids(held_kind, rows)
        sections.append(Section(label=held_kind.label, title=held_kind.title, rows=rows))
    users = {
        user.pk: user.display_name
        for user in User.objects.filter(pk__in=user_ids).only("first_name", "last_name", "username")
    }
    fields_by_label = {h.label: {f.name: f for f in _fields(h)} for h in held()}
    for section in sections:
        by_name = fields_by_label[section.label]
        for row in section.rows:
            for value in row.values:
                value.shown = _shown(by_name[value.name], value.raw, users)
    return Gathered(person=person, made_at=timezone.now(), sections=sections, users=users)


def as_json(gathered: Gathered) -> bytes:
    """Machine-readable: every field of every row, keys as the model's field names, foreign
    keys as ids (`users` names the users they point at)."""
    document = {
        "schema": SCHEMA,
        "person_id": gathered.person.pk,
        "made_at": gathered.made_at,
        "users": {str(pk): name for pk, name in sorted(gathered.users.items())},
        "records": [
            {
                "model": section.label,
                "title": section.title,
                "rows": [{v.name: v.raw for v in row.values} for row in section.rows],
            }
            for section in gathered.sections
        ],
    }
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def as_pdf(gathered: Gathered) -> bytes:
    from weasyprint import CSS, HTML  # heavy to import; only the export needs it

    html = render_to_string("records/export_pdf.html", {"gathered": gathered})
    stylesheet = finders.find("records/export.css")
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[CSS(filename=stylesheet)]
    )


def archive_name(person: Person) -> str:
    return f"everything-held-{person.local_identifier}.zip".replace(" ", "-")


def as_archive(gathered: Gathered) -> bytes:
    """The ZIP the download gives: the JSON and the PDF of the same rows."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("everything-held.json", as_json(gathered))
        archive.writestr("everything-held.pdf", as_pdf(gathered))
    return buffer.getvalue()
