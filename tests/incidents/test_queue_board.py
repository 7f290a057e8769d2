"""The live queue board: what it shows, in which order, and how cheap an unchanged poll is."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from crisisdesk.accounts.models import User
from crisisdesk.incidents.actions import do_change_incident_status
from crisisdesk.incidents.models import IncidentStatus
from crisisdesk.incidents.queue_version import queue_version
from crisisdesk.transfers.actions import do_accept_transfer, do_offer_transfer
from tests.conftest import SETUP, Personas, make_incident

ClientFor = Callable[[User], Client]


def rows_in(body: str, *numbers: str) -> list[str]:
    """The given incident numbers in the order the board shows them."""
    found = [(body.find(f">{number}<"), number) for number in numbers]
    return [number for position, number in sorted(found) if position >= 0]


def test_the_board_shows_open_calls_of_the_center_only(
    personas: Personas, client_for: ClientFor
) -> None:
    make_incident(personas.metro, "OPEN-1")
    closed = make_incident(personas.metro, "CLOSED-1")
    do_change_incident_status(closed, status=IncidentStatus.CLOSED, actor=SETUP)
    make_incident(personas.northfield, "THEIRS-1")
    body = client_for(personas.call_taker).get("/incidents/queue/").content.decode()
    assert rows_in(body, "OPEN-1", "CLOSED-1", "THEIRS-1") == ["OPEN-1"]


def test_returned_calls_come_first_then_priority_then_age(
    personas: Personas, client_for: ClientFor
) -> None:
    make_incident(personas.metro, "P3-OLD", priority=3)
    make_incident(personas.metro, "P1", priority=1)
    make_incident(personas.metro, "P3-NEW", priority=3)
    returned = make_incident(personas.metro, "P4-RETURNED", priority=4)
    returned.priority_return = True
    returned.save()
    body = client_for(personas.call_taker).get("/incidents/queue/").content.decode()
    assert rows_in(body, "P3-OLD", "P1", "P3-NEW", "P4-RETURNED") == [
        "P4-RETURNED",
        "P1",
        "P3-OLD",
        "P3-NEW",
    ]


def test_filters_show_mine_and_transferred_to_me(personas: Personas, client_for: ClientFor) -> None:
    offered = make_incident(personas.metro, "OFFERED")
    held = make_incident(personas.metro, "HELD")
    make_incident(personas.metro, "OTHER")
    do_offer_transfer(offered, to=personas.clinician, actor=personas.call_taker)
    transfer = do_offer_transfer(held, to=None, actor=personas.call_taker)
    do_accept_transfer(transfer, actor=personas.clinician)
    client = client_for(personas.clinician)
    numbers = ("OFFERED", "HELD", "OTHER")
    mine = client.get("/incidents/queue/", {"view": "mine"}).content.decode()
    assert rows_in(mine, *numbers) == ["HELD"]
    to_me = client.get("/incidents/queue/", {"view": "transfers"}).content.decode()
    assert sorted(rows_in(to_me, *numbers)) == ["HELD", "OFFERED"]
    assert 'data-flag="transfer_offered"' in to_me
    assert "Accept" in to_me


def test_an_unchanged_poll_answers_204_and_a_change_answers_the_board(
    personas: Personas, client_for: ClientFor
) -> None:
    make_incident(personas.metro, "FIRST")
    client = client_for(personas.call_taker)
    version = queue_version(personas.metro.pk)
    unchanged = client.get("/incidents/queue/board", {"version": version})
    assert unchanged.status_code == 204
    make_incident(personas.metro, "SECOND")
    changed = client.get("/incidents/queue/board", {"version": version})
    assert changed.status_code == 200
    assert ">SECOND<" in changed.content.decode()
    assert f'data-version="{queue_version(personas.metro.pk)}"' in changed.content.decode()


def test_an_unchanged_poll_costs_the_version_read_beyond_sign_in(
    personas: Personas, client_for: ClientFor
) -> None:
    for n in range(5):
        make_incident(personas.metro, f"INC-{n}")
    client = client_for(personas.call_taker)
    version = queue_version(personas.metro.pk)
    client.get("/incidents/queue/board", {"version": version})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(
            "/incidents/queue/board", {"version": version}, HTTP_X_CRISISDESK_BACKGROUND="1"
        )
    assert response.status_code == 204
    # session, user with center, roles, queue version
    assert len(queries) == 4, [query["sql"] for query in queries]


def test_a_full_board_render_has_a_fixed_query_count(
    personas: Personas, client_for: ClientFor
) -> None:
    client = client_for(personas.call_taker)
    make_incident(personas.metro, "ONE")
    poll = {"HTTP_X_CRISISDESK_BACKGROUND": "1"}
    with CaptureQueriesContext(connection) as few:
        client.get("/incidents/queue/board", **poll)  # type: ignore[arg-type]
    for n in range(10):
        incident = make_incident(personas.metro, f"MORE-{n}")
        if n % 2:
            do_offer_transfer(incident, to=None, actor=personas.call_taker)
    with CaptureQueriesContext(connection) as many:
        client.get("/incidents/queue/board", **poll)  # type: ignore[arg-type]
    # session, user with center, roles, queue version, incidents, their open transfers, their
    # decided screenings, and two for response plans (plans.matching: the incidents' people,
    # phones and match keys; the approved plans sharing any of them), whatever the board's size.
    # A call taker does not review the queue: no query for the flagger's candidates.
    assert len(many) == len(few) == 9, [query["sql"][:60] for query in many.captured_queries]


def test_a_clinicians_board_adds_one_query_for_the_flaggers_candidates(
    personas: Personas, client_for: ClientFor
) -> None:
    client = client_for(personas.clinician)
    make_incident(personas.metro, "ONE")
    poll = {"HTTP_X_CRISISDESK_BACKGROUND": "1"}
    with CaptureQueriesContext(connection) as few:
        client.get("/incidents/queue/board", **poll)  # type: ignore[arg-type]
    for n in range(10):
        make_incident(personas.metro, f"MORE-{n}")
    with CaptureQueriesContext(connection) as many:
        client.get("/incidents/queue/board", **poll)  # type: ignore[arg-type]
    # The call taker's nine above, and the queue flagger's candidates among the rows
    # (review.board.board_candidates: review_incidentflag), whatever the board's size.
    assert len(many) == len(few) == 10, [query["sql"][:60] for query in many.captured_queries]


def test_roles_without_the_queue_cannot_open_it(personas: Personas, client_for: ClientFor) -> None:
    for user in (personas.responder, personas.analyst, personas.admin, personas.peer_support):
        assert client_for(user).get("/incidents/queue/").status_code == 403
