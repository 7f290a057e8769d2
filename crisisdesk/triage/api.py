"""`POST /api/v1/protocols/<name>/evaluate`: a CAD or another system evaluates answers.

Body: `{"answers": {question id: answer, ...}}` (JSON, UTF-8). Answers, all JSON:
- 200 the result: `{"protocol", "version", "complete", "outcome", "reasons", "flags",
  "next_questions"}` (`outcome` null while incomplete, `next_questions` what to ask next);
- 400 `{"errors": [{"path", "message"}, ...]}`: not JSON, or invalid answers (each error names
  its question: `answers.weapon`);
- 401 without a valid integration token, 404 for an unknown protocol, 405 for another method,
  413 for a body over `MAX_BODY_BYTES`, 415 for a body that is not JSON.

The protocol is the version active at the token's center right now (the shipped version until a
supervisor signs off another). Nothing is stored: an evaluation is a pure function of the
protocol and the answers; storing a screening (with who screened) is the incident workspace's
job. Bodies are never logged.
"""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, JsonResponse

from crisisdesk.api.bodies import error_response, is_json, read_body
from crisisdesk.intake.tokens import request_token, require_integration_token
from crisisdesk.triage.engine import InvalidAnswers, evaluate
from crisisdesk.triage.models import ProtocolVersion
from crisisdesk.triage.versions import active_version, compiled

MAX_BODY_BYTES = 64 * 1024  # a full answer set is well under 2 KiB


@require_integration_token
def evaluate_protocol(request: HttpRequest, name: str) -> HttpResponse:
    if request.method != "POST":
        response = error_response(405, "(request)", "use POST")
        response["Allow"] = "POST"
        return response
    try:
        protocol = compiled(active_version(request_token(request).center, name))
    except ProtocolVersion.DoesNotExist:
        return error_response(404, "name", f"no protocol named {name!r}")
    if not is_json(request):
        return error_response(415, "Content-Type", "send the answers as application/json (UTF-8)")
    body = read_body(request, MAX_BODY_BYTES)
    if body is None:
        return error_response(413, "(body)", f"the body is larger than {MAX_BODY_BYTES} bytes")
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return error_response(400, "(body)", f"not JSON: {error}")
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        return error_response(400, "answers", 'send {"answers": {question id: answer, ...}}')
    try:
        result = evaluate(protocol, data["answers"])
    except InvalidAnswers as error:
        return JsonResponse({"errors": [p.as_dict() for p in error.problems]}, status=400)
    return JsonResponse(result.to_json_dict())
