"""Reading JSON request bodies for the API, the same way in every endpoint."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse


def is_json(request: HttpRequest) -> bool:
    """application/json, or a structured-syntax type such as application/emergency.eido+json,
    in UTF-8."""
    content_type = (request.content_type or "").lower()
    if content_type != "application/json" and not (
        content_type.startswith("application/") and content_type.endswith("+json")
    ):
        return False
    charset = (request.content_params or {}).get("charset", "utf-8").lower()
    return charset in ("utf-8", "utf8")


def read_body(request: HttpRequest, limit: int) -> bytes | None:
    """At most `limit` bytes of the body; None when it is longer (and read no further)."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        return None
    body = request.read(limit + 1)
    return None if len(body) > limit else body


def error_response(status: int, path: str, message: str, **headers: str) -> JsonResponse:
    """The API's one error shape: `{"errors": [{"path", "message"}]}`."""
    response = JsonResponse({"errors": [{"path": path, "message": message}]}, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response
