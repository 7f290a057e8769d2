"""What the case actions share: the refusal, text limits, and moving the last activity."""

from __future__ import annotations

from datetime import datetime

from crisisdesk.accounts.models import User
from crisisdesk.cases.access import case_staff, open_case_of
from crisisdesk.cases.models import Case, CaseStatus, CaseStatusChange
from crisisdesk.people.models import Person

TITLE_MAX = 200
GOAL_MAX = 1000
TASK_MAX = 300
NOTE_MAX = 8000
STATUS_NOTE_MAX = 2000


class CaseRefused(Exception):
    """A change that cannot be made, with a message for the person who asked."""

    def __init__(self, message: str, *, existing_case: Case | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.existing_case = existing_case


def clean_text(value: str, *, field: str, limit: int, required: bool = True) -> str:
    value = value.strip()
    if required and not value:
        raise CaseRefused(f"{field}: enter some text.")
    if len(value) > limit:
        raise CaseRefused(f"{field}: at most {limit} characters (this has {len(value)}).")
    return value


def check_staff(center_id: int, user: User, *, field: str) -> None:
    if not case_staff(center_id).filter(pk=user.pk).exists():
        raise CaseRefused(f"{field}: {user} is not a clinician or supervisor of this center.")


def lock_person(person: Person) -> None:
    # Opening and reopening lock the person's row, so two clinicians cannot both open a case
    # for the same person at once (SQLite's IMMEDIATE transactions serialize them anyway).
    list(Person.objects.select_for_update().filter(pk=person.pk).values_list("pk"))


def refuse_second_open_case(person: Person, *, but: Case | None = None) -> None:
    existing = open_case_of(person)
    if existing is not None and existing != but:
        raise CaseRefused(
            f"{person} already has an open case (case {existing.pk}, "
            f"{existing.get_status_display().lower()}); work that one or close it first.",
            existing_case=existing,
        )


def touch_case(case: Case, now: datetime, *, allow_closed: bool = False) -> None:
    """Moves the case's last activity; refuses when the case is closed (unless allowed)."""
    rows = Case.objects.filter(pk=case.pk)
    if not allow_closed:
        rows = rows.exclude(status=CaseStatus.CLOSED)
    if rows.update(last_activity_at=now) == 0:
        raise CaseRefused("This case is closed: reopen it before changing its goals or tasks.")
    case.last_activity_at = now


def record_status_change(
    case: Case,
    from_status: str,
    *,
    actor: User | None,
    at: datetime,
    reason: str = "",
    note: str = "",
) -> None:
    CaseStatusChange.objects.create(
        case=case,
        from_status=from_status,
        to_status=case.status,
        at=at,
        actor=actor,
        closure_reason=reason,
        note=note,
    )
