"""Computes the search keys of every person that lacks them (or has an older version of them).

Rerunnable: it only touches rows whose `search_keys_version` is behind, in batches, so running it
again (or after an interruption) finishes the job without redoing it. The worker's
`fill_person_search_keys` job does the same for rows inserted later without keys.
"""

from django.db import migrations

from crisisdesk.people.search_keys import SEARCH_KEY_FIELDS, SEARCH_KEYS_VERSION, person_search_fields

BATCH = 1000


def backfill_search_keys(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    stale = Person.objects.filter(search_keys_version__lt=SEARCH_KEYS_VERSION).order_by("pk")
    last_pk = 0
    while True:
        batch = list(
            stale.filter(pk__gt=last_pk).only("pk", "given_name", "family_name")[:BATCH]
        )
        if not batch:
            return
        for person in batch:
            for name, value in person_search_fields(person.given_name, person.family_name).items():
                setattr(person, name, value)
        Person.objects.bulk_update(batch, SEARCH_KEY_FIELDS)
        last_pk = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_person_search_keys"),
    ]

    operations = [
        migrations.RunPython(backfill_search_keys, migrations.RunPython.noop, elidable=True),
    ]
