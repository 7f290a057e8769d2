"""Consents and disclosures the consent tests build on."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.consent.actions import do_record_consent
from crisisdesk.consent.models import Consent
from crisisdesk.consent.rules import ConsentDraft, Recipient
from crisisdesk.people.models import Person

HARBOR = Recipient("Harbor Health", "")


def draft(**changes: Any) -> ConsentDraft:
    """A complete consent to Harbor Health covering substance-use records, signed an hour ago."""
    complete = ConsentDraft(
        discloser="Metro ECC crisis clinicians",
        recipient=HARBOR,
        recipient_general_designation="my treating providers at Harbor Health",
        purpose="Coordinate detox admission and aftercare.",
        categories=frozenset({"substance_use", "referrals"}),
        information_detail="Substance-use assessment and the referral, nothing else.",
        expires_on=timezone.localdate() + timedelta(days=180),
        expiry_event="",
        signed_by="person",
        signer_name="",
        signature_method="electronic",
        signature_reference="",
        signed_at=timezone.now() - timedelta(hours=1),
        witness_id=None,
        notices_given=True,
    )
    return replace(complete, **changes)


def make_consent(person: Person, actor: User, **changes: Any) -> Consent:
    return do_record_consent(person, draft=draft(**changes), actor=actor)
