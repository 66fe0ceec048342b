"""The trigram index covers names only, not the local identifier.

Measured at 1,000,000 people (docs/performance.md): every generated identifier begins with its
council's prefix, as many councils' do, so the identifier's trigrams ("BEN", "NCH", "-1-", "000")
are in nearly every row, and the index scan for them read 1,755 pages (18–23 ms) for one person.
PostgreSQL cannot tell a common trigram from a rare one in advance, so it chose that scan over
the user's own caseload (a team's 300–600 people, by `team_id`, then each matched: under 1 ms).
Without the identifier in the index, the people list's search (a name *or* the identifier, for
every word) is worked out within the caseload; the API's search by name alone may still use the
index. Nobody's visible people are a whole council (accounts.access), so no search reads one.

PostgreSQL only, as 0010.
"""

from django.db import migrations

OLD_INDEX = "people_person_search_trgm"
OLD_COLUMNS = ("given_name", "family_name", "preferred_name", "local_identifier")
INDEX = "people_person_name_trgm"
COLUMNS = ("given_name", "family_name", "preferred_name")


def _create(schema_editor, name, columns):
    expressions = ", ".join(f'UPPER("{column}"::text) gin_trgm_ops' for column in columns)
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS {name} ON "people_person" USING gin ({expressions})'
    )


def names_only(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")
    _create(schema_editor, INDEX, COLUMNS)


def with_identifier(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    _create(schema_editor, OLD_INDEX, OLD_COLUMNS)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0010_people_search_trigram_index"),
    ]

    operations = [migrations.RunPython(names_only, with_identifier, elidable=False)]
