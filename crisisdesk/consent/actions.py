"""Every change to consents and the disclosure log, each with its audit row in one transaction.

Audit rows hold ids, methods, bases and field names; never purposes, descriptions, recipients'
words or categories (the categories of a person's consent would tell an auditor outside the
program that the person is in substance-use treatment).
"""

from __future__ import annotations

from datetime import datetime

from django.db import models, transaction
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.audit.record import record_event
from crisisdesk.consent.models import Consent, Disclosure, RevocationMethod
from crisisdesk.consent.part2 import center_today, record_of_person, required_categories
from crisisdesk.consent.rules import (
    CLOCK_SLACK,
    REDISCLOSURE_NOTICE,
    Basis,
    ConsentDraft,
    Problem,
    Recipient,
    consent_problems,
    decide,
    is_part2,
)
from crisisdesk.people.models import Person


class InvalidConsent(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))
        self.problems = problems


class ConsentRefused(Exception):
    """The change was not made; the message says why, for the user."""


class DisclosureRefused(Exception):
    """The disclosure may not be made (or recorded); the message says why."""


@transaction.atomic
def do_record_consent(person: Person, *, draft: ConsentDraft, actor: User) -> Consent:
    now = timezone.now()
    problems = consent_problems(draft, now=now, today=center_today(person.center, now))
    witness = None
    if draft.witness_id is not None:
        witness = User.objects.filter(
            pk=draft.witness_id, center_id=person.center_id, is_active=True
        ).first()
        if witness is None:
            problems.append(Problem("witness", "The witness must be staff of this center."))
    if person.center_id != actor.center_id:
        problems.append(Problem("person", "This person belongs to another center."))
    if problems:
        raise InvalidConsent(problems)
    assert draft.signed_at is not None  # noqa: S101 - consent_problems refuses a missing one
    consent = Consent.objects.create(
        center_id=person.center_id,
        person=person,
        discloser=draft.discloser.strip(),
        recipient_organization=draft.recipient.organization.strip(),
        recipient_individual=draft.recipient.individual.strip(),
        recipient_general_designation=draft.recipient_general_designation.strip(),
        purpose=draft.purpose.strip(),
        categories=sorted(draft.categories),
        information_detail=draft.information_detail.strip(),
        expires_on=draft.expires_on,
        expiry_event=draft.expiry_event.strip(),
        signed_by=draft.signed_by,
        signer_name=draft.signer_name.strip(),
        signature_method=draft.signature_method,
        signature_reference=draft.signature_reference.strip(),
        signed_at=draft.signed_at,
        witness=witness,
        notices_given=draft.notices_given,
        created_by=actor,
    )
    record_event(
        actor=actor,
        center=person.center,
        event_type="consent.recorded",
        obj=consent,
        details={
            "person_id": person.pk,
            "signed_by": draft.signed_by,
            "signature_method": draft.signature_method,
            "witness_id": witness.pk if witness else None,
            "expires_on": draft.expires_on,
            "has_expiry_event": bool(draft.expiry_event.strip()),
        },
    )
    return consent


@transaction.atomic
def do_revoke_consent(consent: Consent, *, method: str, note: str = "", actor: User) -> Consent:
    """The person takes the consent back. Disclosures already made stay as they were (the
    program acted in reliance on it, § 2.31(a)(6)); no new one may use it."""
    if method not in RevocationMethod.values:
        raise ConsentRefused(f"How: {method!r} is not one of the choices.")
    now = timezone.now()
    update = {
        "revoked_at": now,
        "revocation_method": method,
        "revocation_recorded_by": actor,
        "revocation_note": note.strip(),
    }
    # Compare-and-set: a consent is revoked once, whoever presses first.
    changed = Consent.objects.filter(pk=consent.pk, revoked_at__isnull=True).update(**update)
    if not changed:
        raise ConsentRefused(f"Consent {consent.pk} was already revoked.")
    for field, value in update.items():
        setattr(consent, field, value)
    record_event(
        actor=actor,
        center=consent.center,
        event_type="consent.revoked",
        obj=consent,
        details={"person_id": consent.person_id, "method": method, "note_given": bool(note)},
    )
    return consent


@transaction.atomic
def do_record_consent_expiry_event(consent: Consent, *, actor: User) -> Consent:
    """The event the consent named as its end has happened: it permits nothing more."""
    if not consent.expiry_event:
        raise ConsentRefused(f"Consent {consent.pk} names no expiry event; it ends on its date.")
    now = timezone.now()
    changed = Consent.objects.filter(
        pk=consent.pk, expiry_event_at__isnull=True, revoked_at__isnull=True
    ).update(expiry_event_at=now, expiry_event_recorded_by=actor)
    if not changed:
        raise ConsentRefused(f"Consent {consent.pk} has already ended.")
    consent.expiry_event_at, consent.expiry_event_recorded_by = now, actor
    record_event(
        actor=actor,
        center=consent.center,
        event_type="consent.expiry_event_recorded",
        obj=consent,
        details={"person_id": consent.person_id},
    )
    return consent


def _record_refs(records: list[models.Model]) -> dict[str, list[int]]:
    refs: dict[str, list[int]] = {}
    for record in records:
        refs.setdefault(record._meta.label_lower, []).append(int(record.pk))
    return {label: sorted(set(ids)) for label, ids in sorted(refs.items())}


@transaction.atomic
def do_record_disclosure(
    person: Person,
    *,
    records: list[models.Model],
    recipient: Recipient,
    purpose: str,
    basis: str,
    consent: Consent | None = None,
    justification: str = "",
    disclosed_at: datetime | None = None,
    actor: User,
) -> Disclosure:
    """Records that `records` were shared with `recipient`, if the rules allow it.

    A substance-use record (care.Encounter.substance_use) is refused unless a valid consent of
    the person names the recipient and covers it, or the basis is a medical emergency.
    """
    now = timezone.now()
    disclosed_at = disclosed_at or now
    if disclosed_at > now + CLOCK_SLACK:
        raise DisclosureRefused("When: a disclosure cannot be recorded in the future.")
    if not records:
        raise DisclosureRefused("Records: choose at least one record that was shared.")
    if not purpose.strip():
        raise DisclosureRefused("Purpose: say why the records were shared.")
    if person.center_id != actor.center_id:
        raise DisclosureRefused("This person belongs to another center.")
    for record in records:
        if not record_of_person(person, record):
            raise DisclosureRefused(f"Records: {record} is not this person's record.")
    required = frozenset().union(*(required_categories(record) for record in records))
    if consent is not None:
        # Locked until commit, so that a revocation cannot slip in between check and write.
        locked = Consent.objects.select_for_update().filter(pk=consent.pk, person=person).first()
        if locked is None:
            raise DisclosureRefused("Consent: that consent is not this person's.")
        consent = locked
    decision = decide(
        required=required,
        recipient=recipient,
        basis=basis,
        consent=consent.terms() if consent is not None else None,
        justification=justification,
        # The consent must have been valid when the records were shared.
        now=disclosed_at,
        today=center_today(person.center, disclosed_at),
    )
    if not decision.allowed:
        raise DisclosureRefused(decision.reason)
    disclosure = Disclosure.objects.create(
        center_id=person.center_id,
        person=person,
        basis=basis,
        consent=consent,
        justification=justification.strip(),
        recipient_organization=recipient.organization.strip(),
        recipient_individual=recipient.individual.strip(),
        purpose=purpose.strip(),
        records=_record_refs(records),
        categories=sorted(required),
        includes_part2=is_part2(required),
        redisclosure_notice=REDISCLOSURE_NOTICE,
        disclosed_by=actor,
        disclosed_at=disclosed_at,
    )
    record_event(
        actor=actor,
        center=person.center,
        event_type="disclosure.recorded",
        obj=disclosure,
        details={
            "person_id": person.pk,
            "consent_id": consent.pk if consent else None,
            "basis": basis,
            "records": disclosure.records,
        },
    )
    return disclosure


@transaction.atomic
def do_record_refused_disclosure(
    person: Person,
    *,
    records: list[models.Model],
    basis: str,
    consent: Consent | None,
    actor: User,
) -> None:
    """An attempt the rules refused, kept in the audit trail: who tried to share what."""
    record_event(
        actor=actor,
        center=person.center,
        event_type="disclosure.refused",
        obj=person,
        details={
            "person_id": person.pk,
            "consent_id": consent.pk if consent else None,
            "basis": basis if basis in {known.value for known in Basis} else "",
            "records": _record_refs(records),
        },
    )
