"""Making people for the tests: a record with its phones, addresses and incidents."""

from __future__ import annotations

from datetime import date

from crisisdesk.centers.models import Center
from crisisdesk.incidents.models import Incident, IncidentPerson
from crisisdesk.people.models import Person, PersonAddress, PersonPhone, normalize_phone
from crisisdesk.places.models import Location


def make_person(
    center: Center,
    given: str,
    family: str,
    born: date | None = None,
    *,
    phones: tuple[str, ...] = (),
    address: str = "",
    current: bool = True,
    language: str = "",
) -> Person:
    person = Person.objects.create(
        center=center,
        given_name=given,
        family_name=family,
        date_of_birth=born,
        preferred_language=language,
    )
    for number in phones:
        PersonPhone.objects.create(person=person, number=normalize_phone(number))
    if address:
        location = Location.objects.create(center=center, address=address, city="Metro")
        PersonAddress.objects.create(person=person, location=location, is_current=current)
    return person


def involve(person: Person, incident: Incident, role: str = "subject") -> IncidentPerson:
    return IncidentPerson.objects.create(incident=incident, person=person, role=role)


def word(number: int, prefix: str = "") -> str:
    """A distinct made-up name per number, in letters only (names keep no digits)."""
    letters = ""
    number += 26 * 26  # at least three letters
    while number:
        number, digit = divmod(number, 26)
        letters = "bcdfghjklmnpqrstvwxzaeiouy"[digit] + letters
    return (prefix + letters).title()
