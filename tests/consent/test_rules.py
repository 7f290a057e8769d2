"""The plain-Python Part 2 rules: consent elements, validity, and the disclosure decision."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from crisisdesk.consent import rules
from crisisdesk.consent.rules import (
    ConsentDraft,
    ConsentState,
    ConsentTerms,
    Recipient,
    consent_problems,
    consent_state,
    covers_recipient,
    decide,
    find_covering_consent,
)

NOW = datetime(2025, 5, 10, 15, 0, tzinfo=UTC)
TODAY = date(2025, 5, 10)
HARBOR = Recipient("Harbor Health")
PART2 = frozenset({"substance_use"})
NOTES = frozenset({"mental_health"})

COMPLETE = ConsentDraft(
    discloser="Metro ECC",
    recipient=HARBOR,
    recipient_general_designation="",
    purpose="Aftercare",
    categories=frozenset({"substance_use"}),
    information_detail="Assessment only",
    expires_on=date(2025, 12, 31),
    expiry_event="",
    signed_by="person",
    signer_name="",
    signature_method="electronic",
    signature_reference="",
    signed_at=NOW - timedelta(hours=1),
    witness_id=None,
    notices_given=True,
)

TERMS = ConsentTerms(
    consent_id=4,
    recipient=HARBOR,
    categories=frozenset({"substance_use", "referrals"}),
    signed_at=NOW - timedelta(days=1),
    expires_on=date(2025, 12, 31),
    expiry_event_at=None,
    revoked_at=None,
)


def fields_of(draft: ConsentDraft) -> list[str]:
    return [problem.field for problem in consent_problems(draft, now=NOW, today=TODAY)]


def test_a_complete_consent_has_no_problems() -> None:
    assert fields_of(COMPLETE) == []


def test_an_empty_consent_names_every_missing_element() -> None:
    empty = ConsentDraft(
        discloser="",
        recipient=Recipient(),
        recipient_general_designation="",
        purpose=" ",
        categories=frozenset(),
        information_detail="",
        expires_on=None,
        expiry_event="",
        signed_by="",
        signer_name="",
        signature_method="",
        signature_reference="",
        signed_at=None,
        witness_id=None,
        notices_given=False,
    )
    problems = consent_problems(empty, now=NOW, today=TODAY)
    assert [p.field for p in problems] == [
        "discloser",
        "recipient_organization",
        "purpose",
        "categories",
        "expires_on",
        "signed_by",
        "signature_method",
        "signed_at",
        "notices_given",
    ]
    assert "(§ 2.31(a)(4))" in problems[1].message


def test_an_event_may_replace_the_expiry_date_but_a_past_date_is_refused() -> None:
    assert fields_of(replace(COMPLETE, expires_on=None, expiry_event="At discharge")) == []
    assert fields_of(replace(COMPLETE, expires_on=date(2025, 5, 9))) == ["expires_on"]
    assert fields_of(replace(COMPLETE, expires_on=TODAY)) == []


def test_substance_use_information_needs_an_explicit_description() -> None:
    assert fields_of(replace(COMPLETE, information_detail="")) == ["information_detail"]
    assert fields_of(replace(COMPLETE, categories=NOTES, information_detail="")) == []


def test_each_signature_method_asks_for_its_own_evidence() -> None:
    assert fields_of(replace(COMPLETE, signature_method="wet_scanned")) == ["signature_reference"]
    assert (
        fields_of(replace(COMPLETE, signature_method="wet_scanned", signature_reference="SCAN-17"))
        == []
    )
    verbal = replace(COMPLETE, signature_method="verbal_witnessed", categories=NOTES)
    assert fields_of(verbal) == ["witness"]
    assert fields_of(replace(verbal, witness_id=3)) == []


def test_a_verbal_consent_never_covers_substance_use_records() -> None:
    verbal = replace(COMPLETE, signature_method="verbal_witnessed", witness_id=3)
    problems = consent_problems(verbal, now=NOW, today=TODAY)
    assert [p.field for p in problems] == ["categories"]
    assert "written or electronic signature" in problems[0].message


def test_a_guardian_or_representative_is_named_and_the_signature_is_not_in_the_future() -> None:
    assert fields_of(replace(COMPLETE, signed_by="guardian")) == ["signer_name"]
    assert fields_of(replace(COMPLETE, signed_by="guardian", signer_name="R. Diaz")) == []
    assert fields_of(replace(COMPLETE, signed_at=NOW + timedelta(hours=1))) == ["signed_at"]


def test_a_general_designation_needs_its_organization() -> None:
    designated = replace(
        COMPLETE,
        recipient=Recipient("", "Dr. Park"),
        recipient_general_designation="my treating providers",
    )
    assert fields_of(designated) == ["recipient_organization"]


def test_a_consent_is_valid_until_revoked_expired_or_ended() -> None:
    assert consent_state(TERMS, now=NOW, today=TODAY) is ConsentState.VALID
    revoked = replace(TERMS, revoked_at=NOW - timedelta(minutes=1))
    assert consent_state(revoked, now=NOW, today=TODAY) is ConsentState.REVOKED
    # Revoked later: at NOW it was still valid (a disclosure recorded for that moment stands).
    later = replace(TERMS, revoked_at=NOW + timedelta(hours=1))
    assert consent_state(later, now=NOW, today=TODAY) is ConsentState.VALID
    expired = replace(TERMS, expires_on=date(2025, 5, 9))
    assert consent_state(expired, now=NOW, today=TODAY) is ConsentState.EXPIRED
    last_day = replace(TERMS, expires_on=TODAY)
    assert consent_state(last_day, now=NOW, today=TODAY) is ConsentState.VALID
    ended = replace(TERMS, expiry_event_at=NOW - timedelta(days=1))
    assert consent_state(ended, now=NOW, today=TODAY) is ConsentState.ENDED
    unsigned = replace(TERMS, signed_at=None)
    assert consent_state(unsigned, now=NOW, today=TODAY) is ConsentState.NOT_SIGNED


def test_the_recipient_matches_by_organization_and_named_individual() -> None:
    assert covers_recipient(TERMS, Recipient("harbor  health", "Dr. Park"))
    assert not covers_recipient(TERMS, Recipient("Riverton Police"))
    named = replace(TERMS, recipient=Recipient("Harbor Health", "Dr. Lena Park"))
    assert covers_recipient(named, Recipient("Harbor Health", "dr lena park"))
    assert not covers_recipient(named, Recipient("Harbor Health", "Dr. Wu"))
    person_only = replace(TERMS, recipient=Recipient("", "Maria Diaz"))
    assert covers_recipient(person_only, Recipient("", "Maria Diaz"))


def allowed(**kwargs: object) -> rules.Decision:
    arguments: dict[str, object] = {
        "required": PART2,
        "recipient": HARBOR,
        "basis": "consent",
        "consent": TERMS,
        "justification": "",
        "now": NOW,
        "today": TODAY,
    } | kwargs
    return decide(**arguments)  # type: ignore[arg-type]


def test_a_part2_record_goes_to_the_consents_recipient() -> None:
    decision = allowed()
    assert decision.allowed and decision.consent_id == 4


def test_a_part2_record_is_refused_without_a_covering_valid_consent() -> None:
    assert allowed(basis="not_part2", consent=None, justification="care").reason.startswith(
        "Substance-use treatment records (42 CFR Part 2) leave the program only"
    )
    assert "does not name Riverton Police" in allowed(recipient=Recipient("Riverton Police")).reason
    narrow = replace(TERMS, categories=frozenset({"referrals"}))
    assert "does not cover substance-use treatment records" in allowed(consent=narrow).reason
    revoked = replace(TERMS, revoked_at=NOW - timedelta(minutes=1))
    assert allowed(consent=revoked).reason == (
        "Consent 4 was revoked. It no longer permits disclosure."
    )
    expired = replace(TERMS, expires_on=date(2025, 5, 1))
    assert "expired on 2025-05-01" in allowed(consent=expired).reason
    assert not allowed(consent=None).allowed


def test_a_medical_emergency_needs_a_justification_and_no_consent() -> None:
    assert allowed(basis="medical_emergency", consent=None, justification="Overdose").allowed
    assert allowed(basis="medical_emergency", consent=None).reason.startswith("Justification")
    assert not allowed(basis="medical_emergency", justification="x").allowed


def test_other_records_may_be_shared_without_consent_with_a_justification() -> None:
    decision = allowed(required=NOTES, basis="not_part2", consent=None, justification="Treatment")
    assert decision.allowed
    assert not allowed(required=NOTES, basis="not_part2", consent=None).allowed
    # Under a consent, the consent must cover them too.
    assert "does not cover mental-health" in allowed(required=NOTES).reason


def test_a_recipient_must_be_named_and_the_basis_known() -> None:
    assert "Name the recipient" in allowed(recipient=Recipient()).reason
    assert "Unknown basis" in allowed(basis="vibes", consent=None, justification="x").reason


def test_the_first_covering_consent_is_found_or_every_reason_given() -> None:
    revoked = replace(TERMS, consent_id=3, revoked_at=NOW - timedelta(days=1))
    found = find_covering_consent(
        required=PART2, recipient=HARBOR, consents=[revoked, TERMS], now=NOW, today=TODAY
    )
    assert found.allowed and found.consent_id == 4
    none = find_covering_consent(
        required=PART2, recipient=HARBOR, consents=[revoked], now=NOW, today=TODAY
    )
    assert (
        none.reason
        == "No consent permits it: Consent 3 was revoked. It no longer permits disclosure."
    )
    empty = find_covering_consent(
        required=PART2, recipient=HARBOR, consents=[], now=NOW, today=TODAY
    )
    assert empty.reason == "The person has no consent on record."


def test_the_rules_import_without_django() -> None:
    script = "\n".join(
        [
            "import importlib, json, sys",
            "sys.modules['django'] = None  # any import of Django now fails",
            "importlib.import_module('crisisdesk.consent.rules')",
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('django'))))",
        ]
    )
    done = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == ["django"]
    for node in ast.walk(ast.parse(Path(rules.__file__).read_text())):
        if isinstance(node, ast.ImportFrom):
            assert not (node.module or "").startswith("django")
