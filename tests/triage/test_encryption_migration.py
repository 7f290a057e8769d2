"""The migration that encrypts screening answers and safety plans already stored as JSON."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from crisisdesk.triage.models import SafetyPlan
from tests.conftest import Personas, make_incident

BEFORE = [("triage", "0002_safety_plan")]
AFTER = [("triage", "0003_encrypt_answers_and_safety_plans")]


def migrate(target: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)


@pytest.mark.django_db(transaction=True)
def test_plain_json_plans_are_encrypted_and_read_the_same(personas: Personas) -> None:
    incident = make_incident(personas.metro)
    migrate(BEFORE)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO triage_safetyplan (center_id, incident_id, form_name, form_version,"
                " responses, created_by_id, created_at, updated_by_id, updated_at)"
                " VALUES (%s, %s, 'stanley-brown', '1', %s, %s, %s, %s, %s)",
                [
                    personas.metro.pk,
                    incident.pk,
                    '{"warning_signs": ["pacing at night"]}',
                    personas.clinician.pk,
                    incident.received_at,
                    personas.clinician.pk,
                    incident.received_at,
                ],
            )
    finally:
        migrate(AFTER)
    with connection.cursor() as cursor:
        cursor.execute("SELECT responses FROM triage_safetyplan")
        stored = str(cursor.fetchone()[0])
    assert stored.startswith("enc1:")
    assert "pacing" not in stored
    assert SafetyPlan.objects.get().responses == {"warning_signs": ["pacing at night"]}
