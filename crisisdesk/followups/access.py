"""Reading follow-ups: the only way views and other apps get them. Missing and forbidden both
answer 404.

Follow-ups hold clinical text, so only the roles with `work_follow_ups` (clinicians and
supervisors) see them, and only their own center's. Any of them may open and work any
follow-up of the center (colleagues cover for each other); the worklist's "my team" and "all in
center" views are for supervisors (`supervise_caseloads`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.accounts.roles import Role
from crisisdesk.followups.models import (
    FollowUp,
    FollowUpAttempt,
    FollowUpPolicy,
    FollowUpState,
)
from crisisdesk.people.models import Person

# A worklist longer than this is a staffing problem, not a page: the page says it stopped.
WORKLIST_LIMIT = 500


def follow_up_path(follow_up: FollowUp) -> str:
    return reverse("followups:detail", args=[follow_up.pk])


def follow_ups_for(user: User) -> QuerySet[FollowUp]:
    if not user_can(user, Capability.WORK_FOLLOW_UPS):
        return FollowUp.objects.none()
    return FollowUp.objects.filter(center_id=user.center_id)


def access_follow_up(user: User, follow_up_id: int) -> FollowUp:
    follow_up = (
        follow_ups_for(user)
        .select_related(
            "center", "person", "assignee", "policy", "encounter", "incident", "created_by"
        )
        .filter(pk=follow_up_id)
        .first()
    )
    if follow_up is None:
        raise Http404("No such follow-up.")
    return follow_up


def attempts_of(follow_up: FollowUp) -> list[FollowUpAttempt]:
    return list(follow_up.attempts.select_related("by").order_by("-at", "-pk"))


def _with_last_attempt(follow_ups: QuerySet[FollowUp]) -> QuerySet[FollowUp]:
    """Adds the latest attempt's time, channel and result in the same query."""
    latest = FollowUpAttempt.objects.filter(follow_up=OuterRef("pk")).order_by("-at", "-pk")
    return follow_ups.annotate(
        last_attempt_at=Subquery(latest.values("at")[:1]),
        last_attempt_channel=Subquery(latest.values("channel")[:1]),
        last_attempt_result=Subquery(latest.values("result")[:1]),
    )


class WorklistScope:
    MINE = "mine"
    TEAM = "team"
    CENTER = "center"
    LABELS = {MINE: "Mine", TEAM: "My team", CENTER: "All in center"}


def worklist_scopes(user: User) -> list[str]:
    if user_can(user, Capability.SUPERVISE_CASELOADS):
        return [WorklistScope.MINE, WorklistScope.TEAM, WorklistScope.CENTER]
    return [WorklistScope.MINE]


def default_worklist_scope(user: User) -> str:
    return worklist_scopes(user)[1 if user_can(user, Capability.SUPERVISE_CASELOADS) else 0]


@dataclass(frozen=True)
class Worklist:
    overdue: list[FollowUp]
    due_today: list[FollowUp]
    later: list[FollowUp]
    truncated: bool

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.due_today) + len(self.later)


def worklist(user: User, scope: str, *, now: datetime | None = None) -> Worklist:
    """Open follow-ups by due time, split into overdue, due today (center time) and later.

    One query whatever the number of rows (the person, the assignee and the last attempt come
    with it); `scope` must be one of `worklist_scopes(user)`.
    """
    if scope not in worklist_scopes(user):
        raise Http404("No such worklist.")
    follow_ups = follow_ups_for(user).filter(state=FollowUpState.OPEN)
    if scope == WorklistScope.MINE:
        follow_ups = follow_ups.filter(assignee=user)
    elif scope == WorklistScope.TEAM:
        follow_ups = follow_ups.filter(assignee__supervisor=user)
    rows = list(
        _with_last_attempt(follow_ups)
        .select_related("person", "assignee")
        # The list shows no clinical text: nothing to decrypt, nothing read that is not audited.
        .defer("purpose", "outcome_note", "cancel_reason")
        .order_by("due_at", "pk")[: WORKLIST_LIMIT + 1]
    )
    now = now or timezone.now()
    # The end of today where the user works (the middleware activates the center's zone).
    today_ends = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    today_ends += timedelta(days=1)
    shown = rows[:WORKLIST_LIMIT]
    return Worklist(
        overdue=[row for row in shown if row.due_at < now],
        due_today=[row for row in shown if now <= row.due_at < today_ends],
        later=[row for row in shown if row.due_at >= today_ends],
        truncated=len(rows) > WORKLIST_LIMIT,
    )


def follow_ups_for_person(user: User, person: Person) -> list[FollowUp]:
    """A person's follow-ups, latest due first, for their timeline; empty for roles that may
    not see follow-ups and for another center's person."""
    if person.center_id != user.center_id:
        return []
    return list(
        _with_last_attempt(follow_ups_for(user).filter(person=person))
        .select_related("assignee")
        .order_by("-due_at", "-pk")
    )


def access_person_for_follow_up(user: User, person_id: int) -> Person:
    """The person a new follow-up is for (`?person=<id>`). Scoped here until the people app
    has its own read gate."""
    person = Person.objects.filter(pk=person_id, center_id=user.center_id).first()
    if person is None or not user_can(user, Capability.WORK_FOLLOW_UPS):
        raise Http404("No such person.")
    return person


def person_page_url(person: Person | None) -> str:
    """The person's page, once the people app has one; empty until then."""
    if person is None:
        return ""
    try:
        return reverse("people:detail", args=[person.pk])
    except NoReverseMatch:
        return ""


def assignable_users(center_id: int) -> QuerySet[User]:
    """Who can be given a follow-up: active clinicians and supervisors of the center."""
    return (
        User.objects.filter(
            center_id=center_id,
            is_active=True,
            role_grants__role__in=[Role.CLINICIAN, Role.SUPERVISOR],
        )
        .distinct()
        .order_by("full_name", "username")
    )


def overdue_alert_recipients(follow_up: FollowUp) -> list[User]:
    """The assignee's supervisor, or every active supervisor of the center when none is named
    (or theirs left); then the assignee. Each once."""
    assignee = follow_up.assignee
    supervisor = assignee.supervisor
    if (
        supervisor is not None
        and supervisor.is_active
        and supervisor.center_id == assignee.center_id
    ):
        recipients = [supervisor]
    else:
        recipients = list(
            User.objects.filter(
                center_id=follow_up.center_id, is_active=True, role_grants__role=Role.SUPERVISOR
            )
            .distinct()
            .order_by("pk")
        )
    if assignee.is_active:
        recipients.append(assignee)
    unique = {user.pk: user for user in recipients}
    return list(unique.values())


def center_default_policy(center_id: int) -> FollowUpPolicy | None:
    return FollowUpPolicy.objects.filter(center_id=center_id, is_default=True, active=True).first()


def active_policies(center_id: int) -> QuerySet[FollowUpPolicy]:
    return FollowUpPolicy.objects.filter(center_id=center_id, active=True)


def policies_for(user: User) -> QuerySet[FollowUpPolicy]:
    if not user_can(user, Capability.SUPERVISE_CASELOADS):
        return FollowUpPolicy.objects.none()
    return FollowUpPolicy.objects.filter(center_id=user.center_id)


def access_policy(user: User, policy_id: int) -> FollowUpPolicy:
    policy = policies_for(user).select_related("center").filter(pk=policy_id).first()
    if policy is None:
        raise Http404("No such policy.")
    return policy
