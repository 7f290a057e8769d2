"""Who may open queue review: supervisors configure and see the figures, clinicians and
supervisors decide flags; everyone else gets 403, another center's records 404."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from crisisdesk.accounts.models import User
from crisisdesk.accounts.roles import Role
from crisisdesk.review.governance import do_draft_flagger_version
from crisisdesk.review.models import FlagDecision
from tests.conftest import Personas, make_incident, make_user
from tests.review.flags import METRO_TEXT, flagged

ClientFor = Callable[[User], Client]


@pytest.fixture
def version_id(personas: Personas) -> int:
    return do_draft_flagger_version(personas.metro, text=METRO_TEXT, actor=personas.supervisor).pk


def supervisor_pages(version_id: int) -> list[str]:
    return [
        "/review/stats",
        "/review/config/",
        "/review/config/drafts/new/",
        f"/review/config/versions/{version_id}/",
    ]


def test_supervisors_open_the_configuration_and_the_figures(
    personas: Personas, client_for: ClientFor, version_id: int
) -> None:
    client = client_for(personas.supervisor)
    for url in supervisor_pages(version_id):
        assert client.get(url).status_code == 200, url


def test_other_roles_are_refused_the_supervisor_pages(
    personas: Personas, client_for: ClientFor, version_id: int
) -> None:
    users = (
        personas.clinician,
        personas.call_taker,
        personas.responder,
        personas.analyst,
        personas.admin,
        personas.peer_support,
    )
    for user in users:
        client = client_for(user)
        for url in supervisor_pages(version_id):
            assert client.get(url).status_code == 403, (user, url)
        signed = client.post(f"/review/config/versions/{version_id}/sign-off/")
        assert signed.status_code == 403, user
        drafted = client.post("/review/config/drafts/new/", {"text": METRO_TEXT})
        assert drafted.status_code == 403, user


def test_another_centers_supervisor_gets_404_for_our_versions(
    personas: Personas, client_for: ClientFor, version_id: int
) -> None:
    theirs = make_user(personas.northfield, "nora_supervisor", Role.SUPERVISOR)
    client = client_for(theirs)
    assert client.get(f"/review/config/versions/{version_id}/").status_code == 404
    assert client.post(f"/review/config/versions/{version_id}/sign-off/").status_code == 404
    assert client.get("/review/stats").status_code == 200  # their own, empty


def test_roles_that_do_not_review_the_queue_cannot_decide_flags(
    personas: Personas, client_for: ClientFor
) -> None:
    incident, _ = flagged(personas.metro, "BH-1")
    for user in (personas.call_taker, personas.responder, personas.analyst, personas.admin):
        client = client_for(user)
        for action in ("pull", "dismiss"):
            response = client.post(f"/review/incidents/{incident.pk}/{action}/", {"reason": "x"})
            assert response.status_code == 403, (user, action)
    assert not FlagDecision.objects.exists()


def test_another_centers_clinician_gets_404(personas: Personas, client_for: ClientFor) -> None:
    incident, _ = flagged(personas.metro, "BH-1")
    client = client_for(personas.outsider)
    for action in ("pull", "dismiss"):
        response = client.post(f"/review/incidents/{incident.pk}/{action}/", {"reason": "x"})
        assert response.status_code == 404
    assert not FlagDecision.objects.exists()


def test_an_incident_without_a_flag_is_404(personas: Personas, client_for: ClientFor) -> None:
    incident = make_incident(personas.metro, "UNREAD")
    response = client_for(personas.clinician).post(
        f"/review/incidents/{incident.pk}/dismiss/", {"reason": "x"}
    )
    assert response.status_code == 404


def test_decisions_are_posts_only(personas: Personas, client_for: ClientFor) -> None:
    incident, _ = flagged(personas.metro, "BH-1")
    client = client_for(personas.clinician)
    assert client.get(f"/review/incidents/{incident.pk}/dismiss/").status_code == 405


def test_the_supervisors_home_page_has_the_queue_review_tile(
    personas: Personas, client_for: ClientFor
) -> None:
    body = client_for(personas.supervisor).get("/").content.decode()
    assert 'href="/review/stats"' in body and "Queue review" in body
    assert 'href="/review/stats"' not in client_for(personas.clinician).get("/").content.decode()
