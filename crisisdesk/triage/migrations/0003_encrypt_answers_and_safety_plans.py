"""Screening answers and safety plans become encrypted at rest.

The column type changes from JSON to text first; then every stored value that is still plain
JSON is encrypted with the first key of CRISISDESK_ENCRYPTION_KEYS. Rerunnable: values already
encrypted are left alone. A database without such rows needs no key.
"""

import json

from django.db import migrations

import crisisdesk.core.encryption

COLUMNS = (("triage_screening", "answers"), ("triage_safetyplan", "responses"))


def _rewrite(schema_editor, convert) -> None:
    connection = schema_editor.connection
    for table, column in COLUMNS:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id, {column} FROM {table} WHERE {column} IS NOT NULL")
            rows = cursor.fetchall()
            for pk, value in rows:
                new = convert(value)
                if new is not None:
                    cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [new, pk])


def encrypt(apps, schema_editor) -> None:
    def convert(value):
        if str(value).startswith(crisisdesk.core.encryption.PREFIX + ":"):
            return None
        plain = value if isinstance(value, str) else json.dumps(value)
        ring = crisisdesk.core.encryption.keyring()
        return ring.encrypt(json.dumps(json.loads(plain), sort_keys=True))

    _rewrite(schema_editor, convert)


def decrypt(apps, schema_editor) -> None:
    def convert(value):
        if not str(value).startswith(crisisdesk.core.encryption.PREFIX + ":"):
            return None
        return crisisdesk.core.encryption.keyring().decrypt(value)

    _rewrite(schema_editor, convert)


class Migration(migrations.Migration):
    dependencies = [
        ("triage", "0002_safety_plan"),
    ]

    operations = [
        # Back to plain JSON text before the column type changes back to JSON.
        migrations.RunPython(migrations.RunPython.noop, decrypt),
        migrations.AlterField(
            model_name="safetyplan",
            name="responses",
            field=crisisdesk.core.encryption.EncryptedJSONField(blank=True, default=dict),
        ),
        migrations.AlterField(
            model_name="screening",
            name="answers",
            field=crisisdesk.core.encryption.EncryptedJSONField(blank=True, default=dict),
        ),
        migrations.RunPython(encrypt, migrations.RunPython.noop),
    ]
