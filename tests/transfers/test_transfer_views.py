"""Transfers and pull requests through the incident workspace (HTTP)."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from crisisdesk.accounts.models import User
from crisisdesk.incidents.models import Incident
from crisisdesk.transfers.actions import do_accept_transfer, do_offer_transfer
from crisisdesk.transfers.models import PullRequest, Transfer
from tests.conftest import Personas, make_incident

ClientFor = Callable[[User], Client]


def messages_of(response: object) -> list[str]:
    return [str(message) for message in response.context["messages"]]  # type: ignore[attr-defined]


def test_a_call_taker_offers_from_the_workspace(personas: Personas, client_for: ClientFor) -> None:
    incident = make_incident(personas.metro)
    client = client_for(personas.call_taker)
    page = client.get(f"/incidents/{incident.pk}/").content.decode()
    assert "Offer transfer" in page
    response = client.post(
        f"/transfers/incidents/{incident.pk}/offer/", {"to": "desk"}, follow=True
    )
    assert "Offered to the clinician desk." in messages_of(response)
    assert Transfer.objects.get().state == "offered"


def test_a_clinician_sees_accept_and_takes_the_call(
    personas: Personas, client_for: ClientFor
) -> None:
    incident = make_incident(personas.metro)
    transfer = do_offer_transfer(incident, to=None, actor=personas.call_taker)
    client = client_for(personas.clinician)
    page = client.get(f"/incidents/{incident.pk}/").content.decode()
    assert "Accept" in page and "Offer transfer" not in page
    response = client.post(f"/transfers/{transfer.pk}/accept/", follow=True)
    assert "You have the call." in messages_of(response)
    assert "Record outcome" in response.content.decode()


def test_a_losing_accept_gets_a_clear_message_not_an_error(
    personas: Personas, client_for: ClientFor
) -> None:
    from crisisdesk.accounts.roles import Role
    from tests.conftest import make_user

    incident = make_incident(personas.metro)
    transfer = do_offer_transfer(incident, to=None, actor=personas.call_taker)
    do_accept_transfer(transfer, actor=personas.clinician)
    other = make_user(personas.metro, "bea_clinician", Role.CLINICIAN)
    response = client_for(other).post(f"/transfers/{transfer.pk}/accept/", follow=True)
    assert response.status_code == 200
    assert any("already accepted by Alice Clinician" in text for text in messages_of(response))


def test_another_centers_transfer_answers_404(personas: Personas, client_for: ClientFor) -> None:
    transfer = do_offer_transfer(make_incident(personas.metro), to=None, actor=personas.call_taker)
    response = client_for(personas.outsider).post(f"/transfers/{transfer.pk}/accept/")
    assert response.status_code == 404
    assert Transfer.objects.get().state == "offered"


def test_a_call_taker_cannot_accept(personas: Personas, client_for: ClientFor) -> None:
    transfer = do_offer_transfer(make_incident(personas.metro), to=None, actor=personas.call_taker)
    assert (
        client_for(personas.call_taker).post(f"/transfers/{transfer.pk}/accept/").status_code == 403
    )


def test_returning_to_911_from_the_workspace(personas: Personas, client_for: ClientFor) -> None:
    incident = make_incident(personas.metro)
    transfer = do_offer_transfer(incident, to=None, actor=personas.call_taker)
    do_accept_transfer(transfer, actor=personas.clinician)
    client = client_for(personas.clinician)
    refused = client.post(
        f"/transfers/{transfer.pk}/outcome/", {"outcome": "returned_to_911"}, follow=True
    )
    assert any("Say why" in text for text in messages_of(refused))
    client.post(
        f"/transfers/{transfer.pk}/outcome/",
        {"outcome": "returned_to_911", "reason": "Caller refused"},
    )
    incident.refresh_from_db()
    assert incident.priority_return and incident.status == "pending"


def test_a_pull_request_is_approved_by_a_supervisor(
    personas: Personas, client_for: ClientFor
) -> None:
    incident = make_incident(personas.metro)
    client_for(personas.clinician).post(
        f"/transfers/incidents/{incident.pk}/pull/", {"reason": "I know him"}
    )
    pull = PullRequest.objects.get()
    supervisor = client_for(personas.supervisor)
    assert "Approve" in supervisor.get(f"/incidents/{incident.pk}/").content.decode()
    assert (
        client_for(personas.clinician)
        .post(f"/transfers/pulls/{pull.pk}/decide/", {"decision": "approve"})
        .status_code
        == 403
    )
    supervisor.post(f"/transfers/pulls/{pull.pk}/decide/", {"decision": "approve"})
    assert Transfer.objects.get().offered_to == personas.clinician


def test_notes_are_added_from_the_workspace(personas: Personas, client_for: ClientFor) -> None:
    incident = make_incident(personas.metro, note="")
    client_for(personas.clinician).post(
        f"/incidents/{incident.pk}/notes/", {"text": "Spoke with mother, calmer now."}
    )
    assert Incident.objects.get().events.filter(text="Spoke with mother, calmer now.").exists()
    assert (
        client_for(personas.responder)
        .post(f"/incidents/{incident.pk}/notes/", {"text": "x"})
        .status_code
        == 403
    )


def test_the_live_part_answers_204_until_something_changes(
    personas: Personas, client_for: ClientFor
) -> None:
    incident = make_incident(personas.metro)
    client = client_for(personas.clinician)
    first = client.get(f"/incidents/{incident.pk}/live", {"token": "stale"})
    token = first.context["token"]
    assert client.get(f"/incidents/{incident.pk}/live", {"token": token}).status_code == 204
    do_offer_transfer(incident, to=None, actor=personas.call_taker)
    changed = client.get(f"/incidents/{incident.pk}/live", {"token": token})
    assert changed.status_code == 200
    assert "Transfer offered to the clinician desk." in changed.content.decode()


def test_an_overlong_pull_reason_is_reported_not_dropped(
    personas: Personas, client_for: ClientFor
) -> None:
    incident = make_incident(personas.metro)
    response = client_for(personas.clinician).post(
        f"/transfers/incidents/{incident.pk}/pull/", {"reason": "x" * 2001}, follow=True
    )
    assert any("Nothing was changed" in text for text in messages_of(response))
    assert not PullRequest.objects.exists()
