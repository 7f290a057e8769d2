"""Reading consents and the disclosure log: the only way views and other apps get them.

Consents and disclosures tell who is in treatment and what was shared: only the roles that
manage consent (the program's clinicians and supervisors) read them, in their own center.
Missing and forbidden both answer 404.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.consent.models import Consent, Disclosure
from crisisdesk.people.models import Person


def access_person_for_consent(user: User, person_id: int) -> Person:
    person = Person.objects.select_related("center").filter(pk=person_id).first()
    if person is None or not _may_read(user, person):
        raise Http404("No such person.")
    return person


def _may_read(user: User, person: Person) -> bool:
    return person.center_id == user.center_id and user_can(user, Capability.MANAGE_CONSENT)


def consents_for_person(user: User, person: Person) -> list[Consent]:
    """The person's consents, newest signature first (empty when the user may not read them)."""
    if not _may_read(user, person):
        return []
    return list(
        Consent.objects.filter(person_id=person.pk, center_id=person.center_id)
        .select_related("center", "created_by", "witness", "revocation_recorded_by")
        .order_by("-signed_at", "-pk")
    )


def disclosures_for_person(user: User, person: Person) -> list[Disclosure]:
    """What was shared about the person, with whom and when, newest first."""
    if not _may_read(user, person):
        return []
    return list(
        Disclosure.objects.filter(person_id=person.pk, center_id=person.center_id)
        .select_related("consent", "disclosed_by")
        .order_by("-disclosed_at", "-pk")
    )


def _consents(user: User) -> QuerySet[Consent]:
    if not user_can(user, Capability.MANAGE_CONSENT):
        return Consent.objects.none()
    return Consent.objects.filter(center_id=user.center_id)


def access_consent(user: User, consent_id: int) -> Consent:
    consent = (
        _consents(user)
        .select_related("person", "center", "created_by", "witness", "revocation_recorded_by")
        .filter(pk=consent_id)
        .first()
    )
    if consent is None:
        raise Http404("No such consent.")
    return consent


def access_disclosure(user: User, disclosure_id: int) -> Disclosure:
    disclosure = None
    if user_can(user, Capability.MANAGE_CONSENT):
        disclosure = (
            Disclosure.objects.select_related("person", "center", "consent", "disclosed_by")
            .filter(pk=disclosure_id, center_id=user.center_id)
            .first()
        )
    if disclosure is None:
        raise Http404("No such disclosure.")
    return disclosure
