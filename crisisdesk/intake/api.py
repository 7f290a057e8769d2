"""`POST /api/v1/incidents/eido`: a CAD system sends one NENA EIDO document.

Answers, all JSON:
- 201 created, or 200 updated / unchanged: `{"outcome", "incident_id", "external_id"}`;
- 400 `{"errors": [{"path", "message"}, ...], "quarantine_id": N}` for a document we cannot
  take (not JSON, not UTF-8, or not a valid EIDO): it is quarantined for an administrator;
- 401 without a valid token, 405 for another method, 413 for a body over `MAX_BODY_BYTES`,
  415 for a body that is not JSON. These are refusals of the request, not of a document: nothing
  is stored, and the sender still holds what it sent.

The token decides the center and the source system; nothing in the document can choose another
center. Bodies are never logged: they hold names, addresses and call notes.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse

from crisisdesk.api.bodies import error_response, is_json, read_body
from crisisdesk.intake.actions import Outcome, do_ingest_incident
from crisisdesk.intake.eido import ROOT, parse_eido_json
from crisisdesk.intake.quarantine import do_quarantine_document
from crisisdesk.intake.records import FieldError
from crisisdesk.intake.tokens import request_token, require_integration_token, token_actor

MAX_BODY_BYTES = 1024 * 1024


@require_integration_token
def receive_eido(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return error_response(405, "(request)", "use POST", Allow="POST")
    if not is_json(request):
        return error_response(415, "Content-Type", "send the document as application/json (UTF-8)")
    body = read_body(request, MAX_BODY_BYTES)
    if body is None:
        return error_response(413, "(body)", f"the document is larger than {MAX_BODY_BYTES} bytes")
    token = request_token(request)
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        text = body.decode("utf-8", errors="replace")
        data, errors = None, [FieldError(ROOT, f"is not UTF-8 (byte {error.start})")]
    else:
        data, errors = parse_eido_json(text, source_system=token.source_system)
    if data is None:
        held = do_quarantine_document(
            center=token.center,
            raw=text,
            errors=errors,
            channel="api",
            source_system=token.source_system,
            actor=token_actor(token),
        )
        return JsonResponse(
            {"errors": [error.as_dict() for error in errors], "quarantine_id": held.pk},
            status=400,
        )
    result = do_ingest_incident(data, center=token.center, actor=token_actor(token))
    return JsonResponse(
        {
            "outcome": str(result.outcome),
            "incident_id": result.incident.pk,
            "external_id": result.incident.external_id,
        },
        status=201 if result.outcome is Outcome.CREATED else 200,
    )
