"""The live queue board shows the flagger's candidates to clinicians and supervisors, in one
more query whatever the board's size."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from crisisdesk.accounts.models import User
from crisisdesk.incidents.queue_version import queue_version
from crisisdesk.review.actions import do_dismiss_flag
from tests.conftest import Personas, make_incident
from tests.review.flags import BH_NOTE, PLAIN_NOTE, flagged

ClientFor = Callable[[User], Client]
POLL = {"HTTP_X_CRISISDESK_BACKGROUND": "1"}


def row_of(body: str, external_id: str) -> str:
    start = body.index(f">{external_id}<")
    return body[body.rindex("<tr", 0, start) : body.index("</tr>", start)]


def test_a_clinician_sees_the_candidate_and_its_category(
    personas: Personas, client_for: ClientFor
) -> None:
    flagged(personas.metro, "BH-1")
    flagged(personas.metro, "PLAIN-1", note=PLAIN_NOTE)
    for user in (personas.clinician, personas.supervisor):
        body = client_for(user).get("/incidents/queue/board").content.decode()
        assert (
            '<span class="flag flag-info" data-flag="bh_candidate">BH candidate: Mental health'
            "</span>" in row_of(body, "BH-1")
        )
        assert "bh_candidate" not in row_of(body, "PLAIN-1")


def test_listed_exclusions_are_marked_on_the_flag(
    personas: Personas, client_for: ClientFor
) -> None:
    flagged(personas.metro, "KNIFE", note="SUBJ OFF HIS MEDS, HAS A KNIFE IN HIS POCKET")
    body = client_for(personas.clinician).get("/incidents/queue/board").content.decode()
    assert (
        '<span class="flag flag-warn" data-flag="bh_candidate">'
        "BH candidate: Mental health · weapon present</span>" in row_of(body, "KNIFE")
    )


def test_call_takers_do_not_see_the_flag(personas: Personas, client_for: ClientFor) -> None:
    flagged(personas.metro, "BH-1")
    body = client_for(personas.call_taker).get("/incidents/queue/board").content.decode()
    assert ">BH-1<" in body
    assert "bh_candidate" not in body


def test_a_dismissed_flag_leaves_the_board_on_its_next_poll(
    personas: Personas, client_for: ClientFor
) -> None:
    _, flag = flagged(personas.metro, "BH-1")
    client = client_for(personas.clinician)
    version = queue_version(personas.metro.pk)
    assert client.get("/incidents/queue/board", {"version": version}).status_code == 204
    do_dismiss_flag(flag, reason="Known caller, CRT on the way", actor=personas.clinician)
    changed = client.get("/incidents/queue/board", {"version": version}, **POLL)  # type: ignore[arg-type]
    assert changed.status_code == 200
    assert "bh_candidate" not in changed.content.decode()


def test_the_flags_cost_one_query_whatever_the_boards_size(
    personas: Personas, client_for: ClientFor
) -> None:
    client = client_for(personas.clinician)
    flagged(personas.metro, "ONE")
    with CaptureQueriesContext(connection) as few:
        client.get("/incidents/queue/board", **POLL)  # type: ignore[arg-type]
    for n in range(10):
        if n % 2:
            flagged(personas.metro, f"MORE-{n}", note=BH_NOTE)
        else:
            make_incident(personas.metro, f"MORE-{n}")  # not read by the flagger yet
    with CaptureQueriesContext(connection) as many:
        body = client.get("/incidents/queue/board", **POLL).content.decode()  # type: ignore[arg-type]
    assert body.count('data-flag="bh_candidate"') == 6
    # The board's nine (tests/incidents/test_queue_board.py) and the flagger's candidates.
    assert len(many) == len(few) == 10, [query["sql"][:60] for query in many.captured_queries]
    assert "review_incidentflag" in many.captured_queries[-1]["sql"]
