"""42 CFR Part 2 consent and disclosure rules. Plain Python, no Django import (a test enforces it).

`consent_problems` names every § 2.31 element a consent lacks; `consent_status` says whether a
consent permits disclosure now; `decide` says whether one disclosure may go ahead, and why.
The rules as applied here (README, "Part 2"):

- A record is a Part 2 record when it is substance-use disorder treatment information: it needs
  the `substance_use` category. Such a record leaves the program only under a valid consent that
  names its recipient and covers every category the record needs, or in a bona fide medical
  emergency (§ 2.51, with a written justification).
- Any other record (mental-health notes, safety plans, referrals) may be shared under a consent,
  which must then be valid and cover it, or without one when HIPAA permits it (treatment,
  care coordination), with a written justification.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

SUBSTANCE_USE = "substance_use"

# What a consent may cover, and what a record needs covered. The codes are stored.
CATEGORIES: dict[str, str] = {
    SUBSTANCE_USE: "Substance-use treatment records (42 CFR Part 2)",
    "mental_health": "Mental-health encounter notes",
    "safety_plans": "Safety plans",
    "referrals": "Referral information",
}


class SignedBy(StrEnum):
    PERSON = "person"
    GUARDIAN = "guardian"
    REPRESENTATIVE = "representative"


class SignatureMethod(StrEnum):
    WET_SCANNED = "wet_scanned"
    ELECTRONIC = "electronic"
    VERBAL_WITNESSED = "verbal_witnessed"


class Basis(StrEnum):
    """Why a disclosure was lawful."""

    CONSENT = "consent"  # § 2.31 written consent
    MEDICAL_EMERGENCY = "medical_emergency"  # § 2.51, no consent
    NOT_PART2 = "not_part2"  # no Part 2 record in it; HIPAA permits it (treatment, coordination)


# A signature time a little ahead of the server clock is a clock difference, not the future.
CLOCK_SLACK = timedelta(minutes=5)


def normalize_name(text: str) -> str:
    """Case, accents, punctuation and spacing folded: "Harbor  Health, Inc." is
    "harbor health inc"."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    return re.sub(r"[\W_]+", " ", folded).strip()


@dataclass(frozen=True)
class Recipient:
    """Who receives a disclosure: an organization, a named individual, or an individual there."""

    organization: str = ""
    individual: str = ""

    def __str__(self) -> str:
        if self.organization and self.individual:
            return f"{self.individual} at {self.organization}"
        return self.organization or self.individual


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


@dataclass(frozen=True)
class ConsentDraft:
    """A consent as entered, before it is stored."""

    discloser: str
    recipient: Recipient
    recipient_general_designation: str
    purpose: str
    categories: frozenset[str]
    information_detail: str
    expires_on: date | None
    expiry_event: str
    signed_by: str
    signer_name: str
    signature_method: str
    signature_reference: str
    signed_at: datetime | None
    witness_id: int | None
    notices_given: bool


# The message for each element that is always required, used by the rules and by the form.
MISSING: dict[str, str] = {
    "discloser": "Name the program or part of it that may disclose (§ 2.31(a)(2)).",
    "purpose": "Say the purpose of the disclosure (§ 2.31(a)(5)).",
    "categories": "Choose how much and what kind of information may be disclosed (§ 2.31(a)(3)).",
    "signed_by": "Say who signed: the person, a guardian or a representative.",
    "signature_method": "Say how the consent was signed (§ 2.31(a)(8)).",
    "signed_at": "Give the date and time of the signature (§ 2.31(a)(9)).",
    "notices_given": (
        "Confirm the person was told they may revoke the consent and that their care "
        "does not depend on signing it (§ 2.31(a)(6))."
    ),
}


def consent_problems(draft: ConsentDraft, *, now: datetime, today: date) -> list[Problem]:
    """Every required element the draft lacks or gets wrong, each naming its field."""
    problems: list[Problem] = []

    def lacks(field: str, message: str) -> None:
        problems.append(Problem(field, message))

    if not draft.discloser.strip():
        lacks("discloser", MISSING["discloser"])
    if not (draft.recipient.organization.strip() or draft.recipient.individual.strip()):
        lacks(
            "recipient_organization",
            "Name the organization or the individual who may receive the information "
            "(§ 2.31(a)(4)).",
        )
    if draft.recipient_general_designation.strip() and not draft.recipient.organization.strip():
        lacks(
            "recipient_organization",
            "A general designation (“my treating providers”) needs the organization it is at.",
        )
    if not draft.purpose.strip():
        lacks("purpose", MISSING["purpose"])
    unknown = sorted(draft.categories - CATEGORIES.keys())
    if unknown:
        lacks("categories", f"Unknown kinds of information: {', '.join(unknown)}.")
    if not draft.categories:
        lacks("categories", MISSING["categories"])
    if SUBSTANCE_USE in draft.categories and not draft.information_detail.strip():
        lacks(
            "information_detail",
            "Describe explicitly which substance-use treatment information may be disclosed "
            "(§ 2.31(a)(3)).",
        )
    if draft.expires_on is None and not draft.expiry_event.strip():
        lacks(
            "expires_on",
            "Give the expiry: a date, or the event on which the consent ends (§ 2.31(a)(7)).",
        )
    elif draft.expires_on is not None and draft.expires_on < today:
        lacks("expires_on", "The expiry date has already passed.")
    problems += _signature_problems(draft, now)
    if not draft.notices_given:
        lacks("notices_given", MISSING["notices_given"])
    return problems


def _signature_problems(draft: ConsentDraft, now: datetime) -> list[Problem]:
    problems: list[Problem] = []
    if draft.signed_by not in {value.value for value in SignedBy}:
        problems.append(Problem("signed_by", MISSING["signed_by"]))
    elif draft.signed_by != SignedBy.PERSON and not draft.signer_name.strip():
        problems.append(
            Problem("signer_name", "Name the guardian or representative who signed (§ 2.31(a)(8)).")
        )
    if draft.signature_method not in {value.value for value in SignatureMethod}:
        problems.append(Problem("signature_method", MISSING["signature_method"]))
    elif draft.signature_method == SignatureMethod.WET_SCANNED:
        if not draft.signature_reference.strip():
            problems.append(
                Problem(
                    "signature_reference",
                    "Give the reference of the scanned signed form, so it can be found.",
                )
            )
    elif draft.signature_method == SignatureMethod.VERBAL_WITNESSED:
        if draft.witness_id is None:
            problems.append(
                Problem("witness", "A verbal consent needs the staff member who witnessed it.")
            )
        if SUBSTANCE_USE in draft.categories:
            # Part 2 asks for a written (paper or electronic) signature: a verbal consent may
            # cover other information, never substance-use treatment records.
            problems.append(
                Problem(
                    "categories",
                    "Substance-use treatment records need a written or electronic signature; "
                    "a verbal consent cannot cover them.",
                )
            )
    if draft.signed_at is None:
        problems.append(Problem("signed_at", MISSING["signed_at"]))
    elif draft.signed_at > now + CLOCK_SLACK:
        problems.append(Problem("signed_at", "The signature cannot be in the future."))
    return problems


@dataclass(frozen=True)
class ConsentTerms:
    """What the disclosure rules read from a stored consent."""

    consent_id: int | None
    recipient: Recipient
    categories: frozenset[str]
    signed_at: datetime | None
    expires_on: date | None
    expiry_event_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str
    consent_id: int | None = None


class ConsentState(StrEnum):
    VALID = "valid"
    REVOKED = "revoked"
    NOT_SIGNED = "not_signed"
    EXPIRED = "expired"  # its date has passed
    ENDED = "ended"  # its expiry event happened


def consent_state(terms: ConsentTerms, *, now: datetime, today: date) -> ConsentState:
    """Valid: signed, not expired (its date is still to come or is today at the center; its
    event has not been recorded), not revoked."""
    if terms.revoked_at is not None and terms.revoked_at <= now:
        return ConsentState.REVOKED
    if terms.signed_at is None or terms.signed_at > now + CLOCK_SLACK:
        return ConsentState.NOT_SIGNED
    if terms.expires_on is not None and terms.expires_on < today:
        return ConsentState.EXPIRED
    if terms.expiry_event_at is not None and terms.expiry_event_at <= now:
        return ConsentState.ENDED
    return ConsentState.VALID


def consent_status(terms: ConsentTerms, *, now: datetime, today: date) -> Decision:
    """Whether the consent permits disclosure at `now`, with the reason in words."""
    name = f"Consent {terms.consent_id}" if terms.consent_id else "The consent"
    state = consent_state(terms, now=now, today=today)
    reasons = {
        ConsentState.VALID: f"{name} is valid.",
        ConsentState.REVOKED: f"{name} was revoked.",
        ConsentState.NOT_SIGNED: f"{name} was not signed yet.",
        ConsentState.EXPIRED: f"{name} expired on {terms.expires_on}.",
        ConsentState.ENDED: f"{name} ended with its expiry event.",
    }
    return Decision(state is ConsentState.VALID, reasons[state], terms.consent_id)


def covers_recipient(terms: ConsentTerms, recipient: Recipient) -> bool:
    """The consent's organization matches, and its named individual if it names one (without
    one, anyone at the organization: a general designation)."""
    wanted_org = normalize_name(terms.recipient.organization)
    wanted_individual = normalize_name(terms.recipient.individual)
    if wanted_org and normalize_name(recipient.organization) != wanted_org:
        return False
    return not wanted_individual or normalize_name(recipient.individual) == wanted_individual


def is_part2(required: frozenset[str]) -> bool:
    return SUBSTANCE_USE in required


def _category_names(categories: frozenset[str]) -> str:
    return ", ".join(CATEGORIES.get(code, code).lower() for code in sorted(categories))


def decide(
    *,
    required: frozenset[str],
    recipient: Recipient,
    basis: str,
    consent: ConsentTerms | None,
    justification: str,
    now: datetime,
    today: date,
) -> Decision:
    """Whether records needing the `required` categories may go to `recipient` on `basis`."""
    if not str(recipient).strip():
        return Decision(False, "Name the recipient: an organization or an individual.")
    if basis == Basis.CONSENT:
        if consent is None:
            return Decision(False, "Choose the consent this disclosure is made under.")
        return _decide_under_consent(required, recipient, consent, now=now, today=today)
    if consent is not None:
        return Decision(False, "A disclosure without consent cannot also name a consent.")
    if not justification.strip():
        return Decision(False, "Justification: say why no consent was needed.")
    if basis == Basis.MEDICAL_EMERGENCY:
        return Decision(True, "A bona fide medical emergency (42 CFR 2.51).")
    if basis == Basis.NOT_PART2:
        if is_part2(required):
            return Decision(
                False,
                "Substance-use treatment records (42 CFR Part 2) leave the program only under "
                "the person's consent naming this recipient, or in a medical emergency.",
            )
        return Decision(True, "No Part 2 record; permitted without consent.")
    return Decision(False, f"Unknown basis {basis!r}.")


def _decide_under_consent(
    required: frozenset[str],
    recipient: Recipient,
    consent: ConsentTerms,
    *,
    now: datetime,
    today: date,
) -> Decision:
    status = consent_status(consent, now=now, today=today)
    if not status.allowed:
        return Decision(False, f"{status.reason} It no longer permits disclosure.", None)
    name = f"Consent {consent.consent_id}" if consent.consent_id else "The consent"
    if not covers_recipient(consent, recipient):
        return Decision(False, f"{name} does not name {recipient} as a recipient.")
    missing = required - consent.categories
    if missing:
        return Decision(False, f"{name} does not cover {_category_names(frozenset(missing))}.")
    return Decision(True, f"Permitted by {name.lower()}.", consent.consent_id)


def find_covering_consent(
    *,
    required: frozenset[str],
    recipient: Recipient,
    consents: list[ConsentTerms],
    now: datetime,
    today: date,
) -> Decision:
    """The first valid consent that covers the recipient and categories, or why none does."""
    reasons = []
    for terms in consents:
        decision = _decide_under_consent(required, recipient, terms, now=now, today=today)
        if decision.allowed:
            return decision
        reasons.append(decision.reason)
    if not consents:
        return Decision(False, "The person has no consent on record.")
    return Decision(False, "No consent permits it: " + " ".join(reasons))


# 42 CFR 2.32(a)(1), as amended in 2024: the statement that accompanies every disclosure made
# with the person's consent. CrisisDesk attaches it to every disclosure it shows or prints.
REDISCLOSURE_NOTICE = (
    "This record which has been disclosed to you is protected by Federal confidentiality rules "
    "(42 CFR part 2). These rules prohibit you from using or disclosing this record, or "
    "testimony that describes the information contained in this record, in any civil, "
    "criminal, administrative, or legislative proceedings by any Federal, State, or local "
    "authority, against the patient, unless authorized by the consent of the patient, except "
    "as provided at 42 CFR 2.12(c)(5) or as authorized by a court in accordance with 42 CFR "
    "2.64 or 2.65. In addition, the Federal rules prohibit you from making any other use or "
    "disclosure of this record unless at least one of the following applies: (i) Further use "
    "or disclosure is expressly permitted by the written consent of the individual whose "
    "information is being disclosed in this record or as otherwise permitted by 42 CFR part 2. "
    "(ii) You are a covered entity or business associate and have received the record for "
    "treatment, payment, or health care operations, or (iii) You have received the record "
    "from a covered entity or business associate as permitted by 45 CFR part 164, subparts A "
    "and E. A general authorization for the release of medical or other information is NOT "
    "sufficient to meet the required elements of written consent to further use or redisclose "
    "the record (see 42 CFR 2.31)."
)
