"""The query parameters of the HSDS 3.0 API (`schema/openapi.json` of the specification), read
strictly: a value we cannot read is a 400 naming the parameter, never a silent default."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from django.http import QueryDict

from crisisdesk.directory.hsds.values import ValueProblem, parse_datetime

UNENCODED_PLUS = re.compile(r" (\d{2}:?\d{2})$")
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500
TRUE_WORDS = ("true", "1", "yes")
FALSE_WORDS = ("false", "0", "no", "")


class ParameterProblem(ValueError):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name
        self.message = message


@dataclass(frozen=True)
class ListParameters:
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    search: str = ""
    taxonomy_term_id: str = ""
    taxonomy_id: str = ""
    organization_id: str = ""
    modified_after: datetime | None = None
    minimal: bool = False
    full: bool = False
    full_service: bool = False
    postcode: str = ""
    top_only: bool = False
    parent_id: str = ""


def _whole(query: QueryDict, name: str, default: int, maximum: int | None = None) -> int:
    text = query.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or int(text) < 1:
        raise ParameterProblem(name, f"must be a whole number of 1 or more, not {text!r}")
    value = int(text)
    if maximum is not None and value > maximum:
        raise ParameterProblem(name, f"must be at most {maximum}")
    return value


def _flag(query: QueryDict, name: str) -> bool:
    text = query.get(name, "").strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ParameterProblem(name, f"must be true or false, not {text!r}")


def read_parameters(query: QueryDict) -> ListParameters:
    output_format = query.get("format", "json").strip().lower() or "json"
    if output_format != "json":
        raise ParameterProblem("format", "only json is offered (no ndjson)")
    if query.get("proximity", "").strip():
        raise ParameterProblem(
            "proximity", "is not offered: CrisisDesk has no postcode geocoder (it runs offline)"
        )
    modified_after = None
    if query.get("modified_after", "").strip():
        # An unencoded "+05:00" arrives as " 05:00": the only reading that makes sense.
        text = UNENCODED_PLUS.sub(r"+\1", query.get("modified_after", "").strip())
        try:
            modified_after = parse_datetime(text)
        except ValueProblem as problem:
            raise ParameterProblem("modified_after", str(problem)) from None
    return ListParameters(
        page=_whole(query, "page", 1),
        per_page=_whole(query, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE),
        search=query.get("search", "").strip(),
        taxonomy_term_id=query.get("taxonomy_term_id", "").strip(),
        taxonomy_id=query.get("taxonomy_id", "").strip(),
        organization_id=query.get("organization_id", "").strip(),
        modified_after=modified_after,
        minimal=_flag(query, "minimal"),
        full=_flag(query, "full"),
        full_service=_flag(query, "full_service"),
        postcode=query.get("postcode", "").strip(),
        top_only=_flag(query, "top_only"),
        parent_id=query.get("parent_id", "").strip(),
    )
