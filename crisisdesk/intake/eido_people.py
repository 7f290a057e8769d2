"""The people in an EIDO: roles, NIEM names and dates, and callback phone numbers.

Plain Python, no Django import. Used by `crisisdesk.intake.eido`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from crisisdesk.intake.eido_fields import FieldReader, clean, join, json_kind

CALLER_ROLES = frozenset({"caller", "reportingparty"})
SUBJECT_ROLES = frozenset({"subject", "patient", "personincrisis"})
NAME_LIMIT = 100  # people.Person.given_name / family_name
LANGUAGE_LIMIT = 35  # people.Person.preferred_language


def person_role(words: list[str]) -> tuple[str, bool]:
    """Our role for `personIncidentRoleRegistryText` values, and whether this person is both
    the caller and the person in crisis (then, and only then, we know the call is first party).
    """
    roles = {re.sub(r"[^a-z]", "", word.lower()) for word in words}
    is_caller, is_subject = bool(roles & CALLER_ROLES), bool(roles & SUBJECT_ROLES)
    role = "caller" if is_caller else "subject" if is_subject else "other"
    return role, is_caller and is_subject


def phone_key(number: str) -> str:
    """Digits, with the US country code: as `people.models.normalize_phone` will store it."""
    digits = "".join(ch for ch in number if ch.isdigit())
    return "1" + digits if len(digits) == 10 else digits


def callback_numbers(reader: FieldReader, body: dict[str, Any], path: str) -> list[str]:
    """The numbers in a callback component's `tel:` URIs (SIP URIs are not phone numbers)."""
    uris = reader.texts(body, "callBackInformationUri", path)
    updated = body.get("updatedCbn")
    if isinstance(updated, dict):
        uris.append(reader.text(updated, "updatedCbnIdentifierUri", join(path, "updatedCbn")))
    elif updated is not None:
        reader.fail(join(path, "updatedCbn"), f"must be an object, not {json_kind(updated)}")
    numbers = []
    for uri in uris:
        if uri[:4].lower() == "tel:":
            number = uri[4:].split(";", 1)[0].strip()  # drop ;ext=, ;phone-context=
            if phone_key(number):
                numbers.append(number)
    return numbers


@dataclass(frozen=True)
class NiemPerson:
    given_name: str = ""
    family_name: str = ""
    date_of_birth: date | None = None
    language: str = ""


def niem_person(reader: FieldReader, body: dict[str, Any], path: str) -> NiemPerson:
    """The few NIEM person fields we keep from `ncPersonComponent`: name, birth date, language.

    NIEM wraps text as [{"value": "Ana"}]; plain strings are accepted too.
    """
    path = join(path, "ncPersonComponent")
    niem = body.get("ncPersonComponent")
    if niem is None:
        return NiemPerson()
    if not isinstance(niem, dict):
        reader.fail(path, f"must be an object, not {json_kind(niem)}")
        return NiemPerson()
    given = family = language = ""
    born = None
    name = _first_object(reader, niem, "name", path)
    if name is not None:
        name_path = join(path, "name[0]")
        given = " ".join(
            part
            for key in ("personGivenName", "personMiddleName")
            if (part := _niem_text(reader, name, key, name_path))
        )
        family = _niem_text(reader, name, "personSurName", name_path)
        # A full name alone goes whole into the given name: splitting it would guess.
        given = given or ("" if family else _niem_text(reader, name, "personFullName", name_path))
        if max(len(given), len(family)) > NAME_LIMIT:
            reader.fail(name_path, f"a name part is longer than {NAME_LIMIT} characters")
            given = family = ""
    birth = _first_object(reader, niem, "birthDate", path)
    if birth is not None:
        born = _niem_date(reader, birth, join(path, "birthDate[0]"))
    spoken = _first_object(reader, niem, "primaryLanguage", path)
    if spoken is not None:
        code = _niem_text(reader, spoken, "languageCode", join(path, "primaryLanguage[0]"))
        language = code[:LANGUAGE_LIMIT]
    return NiemPerson(given, family, born, language)


def _first_object(
    reader: FieldReader, body: dict[str, Any], key: str, path: str
) -> dict[str, Any] | None:
    value = body.get(key)
    if value is None or value == []:
        return None
    if isinstance(value, list) and isinstance(value[0], dict):
        return value[0]
    reader.fail(join(path, key), "must be an array of objects")
    return None


def _niem_text(reader: FieldReader, body: dict[str, Any], key: str, path: str) -> str:
    value = body.get(key)
    items = value if isinstance(value, list) else [] if value is None else [value]
    texts = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("value", item.get("simpleType"))
        if not isinstance(item, str):
            reader.fail(join(path, key), 'must be NIEM text ([{"value": "..."}])')
            return ""
        texts.append(clean(item))
    return " ".join(text for text in texts if text)


def _niem_date(reader: FieldReader, body: dict[str, Any], path: str) -> date | None:
    value = _niem_text(reader, body, "date", path)
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        reader.fail(join(path, "date"), "must be a date as YYYY-MM-DD")
        return None
