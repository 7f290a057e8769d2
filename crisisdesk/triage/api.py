"""`POST /api/v1/protocols/<name>/evaluate`: a CAD or another system evaluates answers.

Body: `{"answers": {question id: answer, ...}}` (JSON, UTF-8). Answers, all JSON:
- 200 the result: `{"protocol", "version", "complete", "outcome", "reasons", "flags",
  "next_questions"}` (`outcome` null while incomplete, `next_questions` what to ask next);
- 400 `{"errors": [{"path", "message"}, ...]}`: not JSON, or invalid answers (each error names
  its question: `answers.weapon`);
- 401 without a valid integration token, 404 for an unknown protocol, 405 for another method,
  413 for a body over `MAX_BODY_BYTES`, 415 for a body that is not JSON.

Nothing is stored: an evaluation is a pure function of the protocol and the answers. Storing a
screening (with who screened) is the incident workspace's job. Bodies are never logged.
"""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, JsonResponse

from crisisdesk.intake.tokens import require_integration_token
from crisisdesk.triage.engine import InvalidAnswers, UnknownProtocol, builtin_protocol, evaluate

MAX_BODY_BYTES = 64 * 1024  # a full answer set is well under 2 KiB


def _errors(status: int, path: str, message: str) -> JsonResponse:
    return JsonResponse({"errors": [{"path": path, "message": message}]}, status=status)


def _is_json(request: HttpRequest) -> bool:
    content_type = (request.content_type or "").lower()
    if content_type != "application/json" and not (
        content_type.startswith("application/") and content_type.endswith("+json")
    ):
        return False
    charset = (request.content_params or {}).get("charset", "utf-8").lower()
    return charset in ("utf-8", "utf8")


def _read_body(request: HttpRequest) -> bytes | None:
    """At most MAX_BODY_BYTES of the body; None when it is longer (read no further)."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_BODY_BYTES:
        return None
    body = request.read(MAX_BODY_BYTES + 1)
    return None if len(body) > MAX_BODY_BYTES else body


@require_integration_token
def evaluate_protocol(request: HttpRequest, name: str) -> HttpResponse:
    if request.method != "POST":
        response = _errors(405, "(request)", "use POST")
        response["Allow"] = "POST"
        return response
    try:
        protocol = builtin_protocol(name)
    except UnknownProtocol:
        return _errors(404, "name", f"no protocol named {name!r}")
    if not _is_json(request):
        return _errors(415, "Content-Type", "send the answers as application/json (UTF-8)")
    body = _read_body(request)
    if body is None:
        return _errors(413, "(body)", f"the body is larger than {MAX_BODY_BYTES} bytes")
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return _errors(400, "(body)", f"not JSON: {error}")
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        return _errors(400, "answers", 'send {"answers": {question id: answer, ...}}')
    try:
        result = evaluate(protocol, data["answers"])
    except InvalidAnswers as error:
        return JsonResponse({"errors": [p.as_dict() for p in error.problems]}, status=400)
    return JsonResponse(result.to_json_dict())
