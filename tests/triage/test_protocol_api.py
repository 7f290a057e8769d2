"""`POST /api/v1/protocols/<name>/evaluate` end to end, with an integration token."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crisisdesk.intake.models import IntegrationToken
from crisisdesk.intake.tokens import do_create_integration_token, do_revoke_integration_token
from crisisdesk.triage.api import MAX_BODY_BYTES
from tests.conftest import SETUP, Personas

Send = Callable[..., Any]


def url(name: str = "diversion-standard") -> str:
    return reverse("api:protocol_evaluate", args=[name])


@pytest.fixture
def metro_secret(personas: Personas) -> str:
    _, secret = do_create_integration_token(
        center=personas.metro, name="Metro CAD", source_system="metro-cad", actor=SETUP
    )
    return secret


@pytest.fixture
def send(metro_secret: str) -> Send:
    """POSTs a body (a dict, or raw text) with Metro's token unless told otherwise."""

    def post(
        body: object,
        *,
        name: str = "diversion-standard",
        secret: str | None = metro_secret,
        content_type: str = "application/json",
    ) -> Any:
        data = body if isinstance(body, bytes | str) else json.dumps(body)
        headers = {"Authorization": f"Bearer {secret}"} if secret is not None else {}
        return Client().post(url(name), data=data, content_type=content_type, headers=headers)

    return post


def test_a_complete_answer_set_answers_200_with_the_decision(send: Send) -> None:
    answers = {
        "medical_emergency": False,
        "fire_or_hazard": False,
        "weapon": "threatened_or_used",
        "bh_concern": True,
    }
    response = send({"answers": answers})
    assert response.status_code == 200
    assert response.json() == {
        "protocol": "diversion-standard",
        "version": "1.0",
        "complete": True,
        "outcome": "police",
        "reasons": [response.json()["reasons"][0]],
        "flags": ["cit_requested"],
        "next_questions": [],
    }


def test_partial_answers_answer_200_with_the_next_questions(send: Send) -> None:
    response = send(
        {"answers": {"wish_dead": False, "suicidal_thoughts": True}}, name="cssrs-screener"
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["complete"], body["outcome"]) == (False, None)
    assert body["next_questions"] == ["method", "intent", "plan", "behavior"]


def test_invalid_answers_answer_400_naming_each_question(send: Send) -> None:
    response = send({"answers": {"medical_emergency": "no", "weapn": "none"}})
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "path": "answers.weapn",
                "message": "unknown question 'weapn' (did you mean 'weapon'?)",
            },
            {
                "path": "answers.medical_emergency",
                "message": "answer true or false (a JSON boolean), not 'no'",
            },
        ]
    }


def test_a_body_without_an_answers_object_answers_400(send: Send) -> None:
    bodies: list[object] = [{"medical_emergency": True}, {"answers": []}, [1, 2]]
    for body in bodies:
        response = send(body)
        assert response.status_code == 400
        assert response.json()["errors"][0]["path"] == "answers"


def test_a_body_that_is_not_json_answers_400(send: Send) -> None:
    response = send("{answers: ")
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"].startswith("not JSON")


def test_an_unknown_protocol_answers_404(send: Send) -> None:
    for name in ("no-such-protocol", "..", "Diversion"):
        response = send({"answers": {}}, name=name)
        assert response.status_code == 404, name
        assert response.json()["errors"][0]["path"] == "name"


def test_a_body_that_is_not_declared_json_answers_415(send: Send) -> None:
    response = send("answers=1", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert response.json()["errors"][0]["path"] == "Content-Type"


def test_a_body_over_the_limit_answers_413(send: Send) -> None:
    response = send({"answers": {}, "padding": "x" * MAX_BODY_BYTES})
    assert response.status_code == 413


def test_without_a_valid_token_it_answers_401(send: Send, metro_secret: str) -> None:
    assert send({"answers": {}}, secret=None).status_code == 401
    assert send({"answers": {}}, secret="not-a-token").status_code == 401


def test_a_revoked_token_is_refused(send: Send, metro_secret: str) -> None:

    do_revoke_integration_token(IntegrationToken.objects.get(), actor=SETUP)
    assert send({"answers": {}}).status_code == 401


def test_other_methods_answer_405(metro_secret: str) -> None:
    response = Client().get(url(), headers={"Authorization": f"Bearer {metro_secret}"})
    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_an_evaluation_stores_nothing_and_reads_only_the_token_and_the_active_version(
    send: Send,
) -> None:
    send({"answers": {}})  # the first use records last_used_at and activates the built-in
    with CaptureQueriesContext(connection) as queries:
        assert send({"answers": {"medical_emergency": True}}).status_code == 200
    assert len(queries) == 2
    assert all(query["sql"].lstrip().upper().startswith("SELECT") for query in queries)


def test_the_center_s_signed_off_version_is_the_one_evaluated(
    send: Send, personas: Personas
) -> None:
    from crisisdesk.triage.models import ProtocolVersion, VersionStatus
    from crisisdesk.triage.versions import active_version

    shipped = active_version(personas.metro, "diversion-standard")
    ProtocolVersion.objects.filter(pk=shipped.pk).update(status=VersionStatus.RETIRED)
    ProtocolVersion.objects.create(
        center=personas.metro,
        name="diversion-standard",
        version="9.9-local",
        text=shipped.text.replace('version: "1.0"', 'version: "9.9-local"', 1),
        status=VersionStatus.ACTIVE,
    )
    body = send({"answers": {"medical_emergency": True}}).json()
    assert body["version"] == "9.9-local"
