"""Clinical text is encrypted at rest, readable with any configured key, and rotatable."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from crisisdesk.audit.models import AuditEvent
from crisisdesk.care.models import Encounter, EncounterStatus
from crisisdesk.core.encryption import DecryptionError, Keyring, generate_key, key_id
from tests.conftest import Personas, make_incident

OLD_KEY = generate_key()
NEW_KEY = generate_key()


def stored_note(encounter: Encounter) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT note_data FROM care_encounter WHERE id = %s", [encounter.pk])
        return str(cursor.fetchone()[0])


def make_encounter(personas: Personas, text: str) -> Encounter:
    incident = make_incident(personas.metro)
    return Encounter.objects.create(
        center=personas.metro,
        incident=incident,
        clinician=personas.clinician,
        started_at=incident.received_at,
        note_data=text,
    )


def test_a_keyring_reads_what_it_wrote_and_names_the_key() -> None:
    ring = Keyring([NEW_KEY, OLD_KEY])
    stored = ring.encrypt("hears voices, denies SI")
    assert stored.startswith(f"enc1:{key_id(NEW_KEY)}:")
    assert "voices" not in stored
    assert ring.decrypt(stored) == "hears voices, denies SI"


def test_a_value_under_an_unknown_key_is_refused_with_its_key_id() -> None:
    stored = Keyring([OLD_KEY]).encrypt("x")
    with pytest.raises(DecryptionError, match=key_id(OLD_KEY)):
        Keyring([NEW_KEY]).decrypt(stored)


def test_a_tampered_value_fails_its_integrity_check() -> None:
    ring = Keyring([NEW_KEY])
    stored = ring.encrypt("x")
    tampered = stored[:-6] + ("A" if stored[-6] != "A" else "B") + stored[-5:]
    with pytest.raises(DecryptionError):
        ring.decrypt(tampered)


def test_the_database_holds_ciphertext_only(personas: Personas) -> None:
    encounter = make_encounter(personas, "Caller reports her brother is off his medication")
    raw = stored_note(encounter)
    assert raw.startswith("enc1:")
    assert "medication" not in raw
    assert Encounter.objects.get(pk=encounter.pk).note_data.endswith("off his medication")


def test_encrypted_text_cannot_be_filtered_in_sql(personas: Personas) -> None:
    from django.core.exceptions import FieldError

    with pytest.raises(FieldError):
        list(Encounter.objects.filter(note_data="anything"))
    assert Encounter.objects.filter(note_data__isnull=True).count() == 0


def test_rotation_moves_every_value_to_the_first_key(personas: Personas) -> None:
    with override_settings(ENCRYPTION_KEYS=[OLD_KEY]):
        encounter = make_encounter(personas, "old key text")
        Encounter.objects.filter(pk=encounter.pk).update(status=EncounterStatus.SIGNED)
    with override_settings(ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        out = io.StringIO()
        call_command("encryption", "status", stdout=out)
        assert f"care.encounter.note_data: {key_id(OLD_KEY)} (old): 1" in out.getvalue()
        call_command("encryption", "rotate", stdout=io.StringIO())
        assert stored_note(encounter).startswith(f"enc1:{key_id(NEW_KEY)}:")
    # The old key is no longer needed, and the signed note reads the same.
    with override_settings(ENCRYPTION_KEYS=[NEW_KEY]):
        assert Encounter.objects.get(pk=encounter.pk).note_data == "old key text"
    rotated = AuditEvent.objects.filter(event_type="encryption.rotated")
    assert {event.details["field"] for event in rotated} >= {"note_data"}


def test_new_key_prints_a_usable_key() -> None:
    out = io.StringIO()
    call_command("encryption", "new-key", stdout=out)
    key = out.getvalue().strip()
    assert Keyring([key]).decrypt(Keyring([key]).encrypt("ok")) == "ok"
