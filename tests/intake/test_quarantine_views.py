"""The quarantine pages: an administrator inspects a held document, fixes it and replays it."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.audit.verify import verify_audit_chain
from crisisdesk.incidents.models import Incident
from crisisdesk.intake.eido import parse_eido_json
from crisisdesk.intake.models import QuarantinedDocument
from crisisdesk.intake.quarantine import do_quarantine_document, do_replay_quarantined_document
from tests.conftest import SETUP, Personas
from tests.intake.eido_documents import eido

ClientFor = Callable[[User], Client]
LIST = reverse("intake:quarantine_list")


def hold(personas: Personas, raw: str, *, center: str = "metro") -> QuarantinedDocument:
    """Quarantines `raw` as the API would, with the errors the reader finds in it."""
    data, errors = parse_eido_json(raw, source_system="metro-cad")
    assert data is None
    return do_quarantine_document(
        center=getattr(personas, center),
        raw=raw,
        errors=errors,
        channel="api",
        source_system="metro-cad",
        actor=SETUP,
    )


def broken_document() -> str:
    document = eido()
    document["lastUpdateTimeStamp"] = "2026-11-20 14:00"  # no offset
    return json.dumps(document, indent=1)


def detail_url(document: QuarantinedDocument) -> str:
    return reverse("intake:quarantine_detail", args=[document.pk])


def replay_url(document: QuarantinedDocument) -> str:
    return reverse("intake:quarantine_replay", args=[document.pk])


def discard_url(document: QuarantinedDocument) -> str:
    return reverse("intake:quarantine_discard", args=[document.pk])


@pytest.fixture
def held(personas: Personas) -> QuarantinedDocument:
    return hold(personas, broken_document())


def test_only_administrators_see_the_quarantine(
    personas: Personas, client_for: ClientFor, held: QuarantinedDocument
) -> None:
    for user in (personas.supervisor, personas.clinician, personas.analyst):
        client = client_for(user)
        assert client.get(LIST).status_code == 403
        assert client.get(detail_url(held)).status_code == 403
        assert client.post(replay_url(held), {"raw": held.raw}).status_code == 403
    assert QuarantinedDocument.objects.get().status == "held"


def test_the_list_shows_the_admins_center_only(
    personas: Personas, client_for: ClientFor, held: QuarantinedDocument
) -> None:
    theirs = hold(personas, "{}", center="northfield")
    response = client_for(personas.admin).get(LIST)
    assert response.status_code == 200
    documents = list(response.context["page"])
    assert documents == [held]
    assert theirs not in documents
    assert "lastUpdateTimeStamp" in response.content.decode()


def test_another_centers_document_answers_404(personas: Personas, client_for: ClientFor) -> None:
    theirs = hold(personas, "{}", center="northfield")
    client = client_for(personas.admin)
    assert client.get(detail_url(theirs)).status_code == 404
    assert client.post(replay_url(theirs), {"raw": "{}"}).status_code == 404
    assert client.post(discard_url(theirs)).status_code == 404
    assert QuarantinedDocument.objects.get().status == "held"


def test_the_detail_page_shows_each_error_with_its_path_and_the_raw_document(
    personas: Personas, client_for: ClientFor, held: QuarantinedDocument
) -> None:
    response = client_for(personas.admin).get(detail_url(held))
    page = response.content.decode()
    assert "<code>lastUpdateTimeStamp</code>" in page
    assert "must be an RFC 3339 date-time" in page
    assert response.context["form"].initial["raw"] == held.raw
    assert "2026-11-20 14:00" in page  # the document, in the textarea to fix
    # The raw document holds call notes: reading it is audited.
    viewed = AuditEvent.objects.get(event_type="quarantineddocument.viewed")
    assert (viewed.actor_id, viewed.object_id) == (personas.admin.pk, str(held.pk))


def test_replaying_a_fixed_document_ingests_it_and_keeps_the_original(
    personas: Personas, client_for: ClientFor, held: QuarantinedDocument
) -> None:
    fixed = held.raw.replace("2026-11-20 14:00", "2026-11-20T14:00:00Z")
    response = client_for(personas.admin).post(replay_url(held), {"raw": fixed})
    assert response.status_code == 302
    held.refresh_from_db()
    incident = Incident.objects.get()
    assert (held.status, held.incident, held.resolved_by) == ("replayed", incident, personas.admin)
    assert "2026-11-20 14:00" in held.raw  # as received, never edited
    assert held.fixed_raw == fixed
    assert (incident.center, incident.source_system) == (personas.metro, "metro-cad")
    replayed = AuditEvent.objects.get(event_type="intake.document_replayed")
    assert replayed.details == {"edited": True, "outcome": "created", "incident_id": incident.pk}
    assert verify_audit_chain().intact


def test_a_document_still_broken_stays_held_with_its_new_errors(
    personas: Personas, client_for: ClientFor, held: QuarantinedDocument
) -> None:
    attempt = held.raw.replace('"$id": "urn:', '"$id": 7, "x": "urn:', 1)
    client_for(personas.admin).post(replay_url(held), {"raw": attempt})
    held.refresh_from_db()
    assert held.status == "held"
    assert {error["path"] for error in held.errors} == {"$id", "lastUpdateTimeStamp"}
    assert held.fixed_raw == attempt  # the administrator's work is not lost
    assert not Incident.objects.exists()
    assert AuditEvent.objects.filter(event_type="intake.replay_failed").count() == 1


def test_a_replayed_document_cannot_be_replayed_or_discarded_again(
    personas: Personas, held: QuarantinedDocument, client_for: ClientFor
) -> None:
    fixed = held.raw.replace("2026-11-20 14:00", "2026-11-20T14:00:00Z")
    do_replay_quarantined_document(held, raw=fixed, actor=personas.admin)
    client = client_for(personas.admin)
    response = client.post(replay_url(held), {"raw": fixed}, follow=True)
    assert "already replayed" in response.content.decode()
    client.post(discard_url(held))
    held.refresh_from_db()
    assert held.status == "replayed"
    assert AuditEvent.objects.filter(event_type="intake.document_replayed").count() == 1


def test_discarding_takes_it_off_the_held_list_but_keeps_it(
    personas: Personas, client_for: ClientFor, held: QuarantinedDocument
) -> None:
    client = client_for(personas.admin)
    assert client.post(discard_url(held)).status_code == 302
    held.refresh_from_db()
    assert (held.status, held.resolved_by) == ("discarded", personas.admin)
    assert list(client.get(LIST).context["page"]) == []
    assert list(client.get(LIST, {"status": "all"}).context["page"]) == [held]
    assert AuditEvent.objects.filter(event_type="intake.document_discarded").exists()


def test_replaying_a_resend_merges_into_the_incident_it_already_made(
    personas: Personas, held: QuarantinedDocument
) -> None:
    do_replay_quarantined_document(
        held, raw=held.raw.replace("2026-11-20 14:00", "2026-11-20T14:00:00Z"), actor=SETUP
    )
    again = hold(personas, broken_document())
    outcome = do_replay_quarantined_document(
        again, raw=again.raw.replace("2026-11-20 14:00", "2026-11-20T14:00:00Z"), actor=SETUP
    )
    assert outcome.result is not None and outcome.result.outcome == "unchanged"
    assert Incident.objects.count() == 1
