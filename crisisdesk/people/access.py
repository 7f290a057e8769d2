"""Reading people: the only way views get them. Missing and forbidden both answer 404.

Every function is scoped to the user's center. Merged-away records are still readable here (their
pages redirect to the survivor: `survivor_of`) but no search or suggestion returns them.
"""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet
from django.http import Http404

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.incidents.models import IncidentPerson
from crisisdesk.people.duplicates import (
    DuplicateSuggestion,
    suggestions_for_center,
    suggestions_for_person,
)
from crisisdesk.people.models import Person, PersonContact, PersonMerge
from crisisdesk.people.search import SearchHit, search_center

# A merge chain longer than this is a bug, not a real history.
MAX_MERGE_CHAIN = 50


def people_for(user: User) -> QuerySet[Person]:
    if not user_can(user, Capability.FIND_PEOPLE):
        return Person.objects.none()
    return Person.objects.filter(center_id=user.center_id)


def access_person(user: User, person_id: int) -> Person:
    person = people_for(user).select_related("center").filter(pk=person_id).first()
    if person is None:
        raise Http404("No such person.")
    return person


def access_active_person(user: User, person_id: int) -> Person:
    """A person that has not been merged away (the ones that can change)."""
    person = access_person(user, person_id)
    if person.merged_into_id is not None:
        raise Http404("This record was merged into another.")
    return person


def survivor_of(person: Person) -> Person:
    """The record a merged-away person now lives in (itself when not merged)."""
    current = person
    for _ in range(MAX_MERGE_CHAIN):
        if current.merged_into_id is None:
            return current
        current = Person.objects.get(pk=current.merged_into_id)
    raise RuntimeError(f"merge chain of person {person.pk} does not end")


def search_people(
    user: User,
    *,
    name: str = "",
    date_of_birth: date | None = None,
    phone: str = "",
    address: str = "",
    limit: int = 50,
) -> list[SearchHit]:
    """Ranked people of the user's center, best first, each with the reasons it matched."""
    if not user_can(user, Capability.FIND_PEOPLE):
        return []
    return search_center(
        user.center_id,
        name=name,
        date_of_birth=date_of_birth,
        phone=phone,
        address=address,
        limit=limit,
    )


def contacts_of(person: Person) -> QuerySet[PersonContact]:
    return person.contacts.filter(removed_at__isnull=True).select_related("created_by")


def access_contact(user: User, person_id: int, contact_id: int) -> PersonContact:
    person = access_active_person(user, person_id)
    contact = contacts_of(person).filter(pk=contact_id).first()
    if contact is None:
        raise Http404("No such contact.")
    return contact


def person_incidents(user: User, person: Person) -> list[IncidentPerson]:
    """The incidents a person was part of, newest first, for roles that may see incidents."""
    if not user_can(user, Capability.VIEW_INCIDENTS):
        return []
    return list(
        IncidentPerson.objects.filter(person=person, incident__center_id=user.center_id)
        .select_related("incident", "incident__location")
        .order_by("-incident__received_at", "-pk")
    )


def duplicates_of(user: User, person: Person) -> list[DuplicateSuggestion]:
    if not user_can(user, Capability.MERGE_PEOPLE) or person.center_id != user.center_id:
        return []
    return suggestions_for_person(person)


def center_duplicates(user: User) -> list[DuplicateSuggestion]:
    if not user_can(user, Capability.MERGE_PEOPLE):
        return []
    return suggestions_for_center(user.center_id)


def access_merge_pair(user: User, person_id: int, other_id: int) -> tuple[Person, Person]:
    """Two records of the user's center that could be merged or told apart (either may have
    been merged away meanwhile: the caller checks `merged_into_id`)."""
    if not user_can(user, Capability.MERGE_PEOPLE) or person_id == other_id:
        raise Http404("No such pair.")
    return access_person(user, person_id), access_person(user, other_id)


def merges_into(user: User, person: Person) -> list[PersonMerge]:
    """The merges that kept this record, newest first."""
    if not user_can(user, Capability.FIND_PEOPLE) or person.center_id != user.center_id:
        return []
    return list(
        PersonMerge.objects.filter(survivor=person).select_related(
            "merged", "merged_by", "undone_by"
        )
    )


def access_merge(user: User, merge_id: int) -> PersonMerge:
    if not user_can(user, Capability.MERGE_PEOPLE):
        raise Http404("No such merge.")
    merge = (
        PersonMerge.objects.filter(pk=merge_id, center_id=user.center_id)
        .select_related("survivor", "merged", "merged_by", "undone_by", "center")
        .first()
    )
    if merge is None:
        raise Http404("No such merge.")
    return merge
