"""Protocol governance: drafting a new version, signing it off, withdrawing it.

A version's text never changes once stored: there is no edit action. A change is a new draft,
checked by the engine when it is drafted (`check_report`, what the reviewer sees), and it
becomes active only when a supervisor who did not author it signs it off. Sign-off retires the
active version and activates the draft in one transaction, with compare-and-set on both rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final, Literal

from django.db import IntegrityError, transaction
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.accounts.roles import Role
from crisisdesk.audit.record import record_event
from crisisdesk.centers.models import Center
from crisisdesk.triage.engine import (
    Problem,
    Protocol,
    ProtocolError,
    builtin_names,
    check_protocol,
    load_protocol_text,
    run_test_case,
)
from crisisdesk.triage.models import ProtocolVersion, VersionStatus
from crisisdesk.triage.versions import active_version

# `replacing_id` not given: the caller did not say which active version it reviewed against.
UNCHECKED: Final = -1


class GovernanceRefusal(Exception):
    """The step is refused. `message` says why, for the user; `problems` are the engine's
    findings when the text does not load, each with its path."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = list(problems)


def normalized_text(text: str) -> str:
    # Browsers post a textarea with CRLF line ends; one convention keeps the diffs readable.
    text = text.replace("\r\n", "\n").replace("\r", "\n").rstrip()
    return f"{text}\n" if text else ""


def current_active(center: Center, name: str) -> ProtocolVersion | None:
    """The active version, activating a shipped built-in the first time (its own transaction
    and audit row: callers take it before their own locks)."""
    try:
        return active_version(center, name)
    except ProtocolVersion.DoesNotExist:
        return None


def build_check_report(protocol: Protocol, active: Protocol | None) -> dict[str, Any]:
    """What `crisisdesk protocol check` says, each test case's result on its own, and what
    the draft changes in ways other tools notice (compared with the active version)."""
    tests = []
    test_failures: set[Problem] = set()
    for test in protocol.tests:
        _, failures = run_test_case(protocol, test)
        test_failures.update(failures)
        prefix = f"{test.name!r}: "  # the engine names the test; the report lists it by name
        messages = [failure.message.removeprefix(prefix) for failure in failures]
        tests.append({"name": test.name, "passed": not failures, "failures": messages})
    # check_protocol reports failing test cases too; they are listed once, with their test.
    problems = [p for p in check_protocol(protocol) if p not in test_failures]
    problems += _compatibility(protocol, active)
    return {
        "compared_with": active.version if active else None,
        "problems": problem_dicts(problems),
        "errors": sum(1 for p in problems if p.severity == "error"),
        "warnings": sum(1 for p in problems if p.severity == "warning"),
        "tests": tests,
        "tests_passed": sum(1 for test in tests if test["passed"]),
        "tests_total": len(tests),
    }


def problem_dicts(problems: Sequence[Problem]) -> list[dict[str, str]]:
    return [{"path": p.path, "message": p.message, "severity": p.severity} for p in problems]


def _compatibility(protocol: Protocol, active: Protocol | None) -> list[Problem]:
    if active is None:
        return []
    problems = []
    if protocol.kind != active.kind:
        message = f"the active version is a {active.kind} protocol; a new version keeps its kind"
        problems.append(Problem("kind", message))
    missing = [q.id for q in active.questions if q.id not in protocol.slots]
    if missing:
        # The built-ins' ids are a published interface (the screening UI, the safety brief,
        # other systems); a center's own protocol may drop a question, with a warning.
        severity: Literal["error", "warning"] = (
            "error" if protocol.name in builtin_names() else "warning"
        )
        message = f"questions of the active version are gone: {', '.join(missing)}"
        problems.append(Problem("questions", message, severity))
    return problems


def report_blockers(report: dict[str, Any]) -> list[str]:
    """Why a version with this check report cannot be signed off; empty when it can."""
    blockers = []
    if report.get("errors", 1):
        blockers.append(f"the checks found {report.get('errors', 'unknown')} error(s)")
    total, passed = report.get("tests_total", 0), report.get("tests_passed", 0)
    if total == 0:
        blockers.append("it has no test cases")
    elif passed < total:
        blockers.append(f"{total - passed} of {total} test cases fail")
    return blockers


def sign_off_refusal(version: ProtocolVersion, user: User) -> str | None:
    """Why `user` cannot sign off `version` now, in words for the page; None when they can."""
    if version.status != VersionStatus.DRAFT:
        label = VersionStatus(version.status).label.lower()
        return f"This version is {label}; only a draft can be signed off."
    if not user_can(user, Capability.SIGN_OFF_PROTOCOLS) or user.center_id != version.center_id:
        return "Only a supervisor of this center can sign off a protocol version."
    if version.authored_by_id == user.pk:
        return "You wrote this draft; another supervisor must sign it off."
    blockers = report_blockers(version.check_report)
    if blockers:
        return f"It cannot be signed off: {'; '.join(blockers)}. Fix them in a new draft."
    return None


def withdraw_refusal(version: ProtocolVersion, user: User) -> str | None:
    if version.status != VersionStatus.DRAFT:
        label = VersionStatus(version.status).label.lower()
        return f"This version is {label}; only a draft can be withdrawn."
    if user.center_id != version.center_id:
        return "Only the author of a draft or a supervisor can withdraw it."
    is_author = version.authored_by_id == user.pk and user_can(user, Capability.DRAFT_PROTOCOLS)
    if not is_author and not user.has_role(Role.SUPERVISOR):
        return "Only the author of a draft or a supervisor can withdraw it."
    return None


def do_draft_protocol_version(center: Center, *, text: str, actor: User) -> ProtocolVersion:
    """Stores `text` as a draft. The name and version come from the text: an existing protocol
    of the center, a built-in, or a new name (a protocol of the center's own, active once
    signed off). Raises GovernanceRefusal, with the engine's problems when it does not load."""
    if not user_can(actor, Capability.DRAFT_PROTOCOLS) or actor.center_id != center.pk:
        raise GovernanceRefusal("Only a clinician or a supervisor of this center drafts protocols.")
    text = normalized_text(text)
    if not text:
        raise GovernanceRefusal("The protocol text is empty.")
    try:
        protocol = load_protocol_text(text, origin="the draft")
    except ProtocolError as error:
        raise GovernanceRefusal("The protocol does not load.", error.problems) from None
    _refuse_existing(center, protocol)
    active = current_active(center, protocol.name)
    active_protocol = load_protocol_text(active.text, origin=str(active)) if active else None
    report = build_check_report(protocol, active_protocol)
    try:
        with transaction.atomic():
            draft = ProtocolVersion.objects.create(
                center=center,
                name=protocol.name,
                version=protocol.version,
                text=text,
                status=VersionStatus.DRAFT,
                authored_by=actor,
                check_report=report,
            )
            record_event(
                actor=actor,
                center=center,
                event_type="protocol.drafted",
                obj=draft,
                details={
                    "name": draft.name,
                    "version": draft.version,
                    "compared_with": report["compared_with"],
                    "errors": report["errors"],
                    "tests_passed": report["tests_passed"],
                    "tests_total": report["tests_total"],
                },
            )
    except IntegrityError:  # the same version drafted a moment ago by someone else
        _refuse_existing(center, protocol)
        raise
    return draft


def _refuse_existing(center: Center, protocol: Protocol) -> None:
    existing = ProtocolVersion.objects.filter(
        center=center, name=protocol.name, version=protocol.version
    ).first()
    if existing is not None:
        label = VersionStatus(existing.status).label.lower()
        raise GovernanceRefusal(
            f"Version {protocol.version} of {protocol.name} already exists ({label}); "
            "versions never change: give the draft a new version number."
        )


def do_sign_off_protocol_version(
    version: ProtocolVersion, *, actor: User, replacing_id: int | None = UNCHECKED
) -> ProtocolVersion:
    """Activates the draft and retires the active version. `replacing_id` is the active
    version the supervisor reviewed the diff against (None: there was none); when another
    version became active since, the sign-off is refused so that they review the new diff."""
    current_active(version.center, version.name)  # a built-in's first activation, before locks
    with transaction.atomic():
        # Locking every version of the protocol, in one order, serializes concurrent sign-offs.
        rows = list(
            ProtocolVersion.objects.select_for_update()
            .filter(center_id=version.center_id, name=version.name)
            .order_by("pk")
        )
        draft = next((row for row in rows if row.pk == version.pk), version)
        current = next((row for row in rows if row.status == VersionStatus.ACTIVE), None)
        refusal = sign_off_refusal(draft, actor)
        if refusal:
            raise GovernanceRefusal(refusal)
        if replacing_id != UNCHECKED and replacing_id != (current.pk if current else None):
            now_active = f"version {current.version}" if current else "no version"
            raise GovernanceRefusal(
                f"The active version changed ({now_active} is active now) since you opened "
                "this page; review the diff again before signing off."
            )
        _recheck(draft, current)
        now = timezone.now()
        if current is not None:
            retired = ProtocolVersion.objects.filter(
                pk=current.pk, status=VersionStatus.ACTIVE
            ).update(status=VersionStatus.RETIRED, retired_at=now)
            assert retired == 1  # noqa: S101 - the row is locked above
        activated = ProtocolVersion.objects.filter(pk=draft.pk, status=VersionStatus.DRAFT).update(
            status=VersionStatus.ACTIVE, signed_off_by=actor, activated_at=now
        )
        if not activated:  # only where row locks are not enforced; rolls the retirement back
            raise GovernanceRefusal("This draft changed a moment ago; reload the page.")
        record_event(
            actor=actor,
            center=version.center,
            event_type="protocol.signed_off",
            obj=draft,
            details={
                "name": draft.name,
                "version": draft.version,
                "authored_by": draft.authored_by_id,
                "retired_id": current.pk if current else None,
                "retired_version": current.version if current else None,
            },
        )
    version.status, version.signed_off_by, version.activated_at = VersionStatus.ACTIVE, actor, now
    return version


def _recheck(draft: ProtocolVersion, current: ProtocolVersion | None) -> None:
    """The stored report is what the reviewer saw; the engine checks the text once more, in
    case it has become stricter since the draft was written."""
    try:
        protocol = load_protocol_text(draft.text, origin=str(draft))
    except ProtocolError as error:
        raise GovernanceRefusal("The draft no longer loads.", error.problems) from None
    active = load_protocol_text(current.text, origin=str(current)) if current else None
    blockers = report_blockers(build_check_report(protocol, active))
    if blockers:
        raise GovernanceRefusal(f"It cannot be signed off: {'; '.join(blockers)}.")


@transaction.atomic
def do_withdraw_protocol_version(version: ProtocolVersion, *, actor: User) -> ProtocolVersion:
    """The author or a supervisor takes a draft out of review; it stays in the history."""
    refusal = withdraw_refusal(version, actor)
    if refusal:
        raise GovernanceRefusal(refusal)
    changed = ProtocolVersion.objects.filter(pk=version.pk, status=VersionStatus.DRAFT).update(
        status=VersionStatus.WITHDRAWN
    )
    if not changed:
        version.refresh_from_db()
        raise GovernanceRefusal(withdraw_refusal(version, actor) or "Reload the page.")
    version.status = VersionStatus.WITHDRAWN
    record_event(
        actor=actor,
        center=version.center,
        event_type="protocol.withdrawn",
        obj=version,
        details={"name": version.name, "version": version.version},
    )
    return version
