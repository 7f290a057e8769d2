"""Follow-up policies: a center's supervisors say how soon follow-ups are due."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.audit.record import changes, record_event
from crisisdesk.centers.models import Center
from crisisdesk.followups.models import MAX_DUE_WITHIN_HOURS, FollowUpPolicy


def _check_policy(center_id: int, name: str, hours: int, is_default: bool, active: bool) -> None:
    if not name:
        raise ValidationError({"name": "Give the policy a name, for example Care navigation 48 h."})
    if not 1 <= hours <= MAX_DUE_WITHIN_HOURS:
        raise ValidationError(
            {"due_within_hours": f"Between 1 and {MAX_DUE_WITHIN_HOURS} hours (90 days)."}
        )
    if is_default and not active:
        raise ValidationError({"is_default": "A retired policy cannot be the default."})


def _require_supervisor(actor: User, center_id: int) -> None:
    if actor.center_id != center_id or not user_can(actor, Capability.SUPERVISE_CASELOADS):
        raise PermissionDenied


def _save_policy(policy: FollowUpPolicy) -> None:
    duplicate = (
        FollowUpPolicy.objects.filter(center_id=policy.center_id, name__iexact=policy.name)
        .exclude(pk=policy.pk)
        .exists()
    )
    if duplicate:
        raise ValidationError({"name": "This center already has a policy of that name."})
    if policy.is_default:
        # Cleared first: the one-default constraint is checked statement by statement.
        FollowUpPolicy.objects.filter(center_id=policy.center_id, is_default=True).exclude(
            pk=policy.pk
        ).update(is_default=False)
    policy.save()


@transaction.atomic
def do_create_follow_up_policy(
    center: Center, *, name: str, due_within_hours: int, is_default: bool, actor: User
) -> FollowUpPolicy:
    _require_supervisor(actor, center.pk)
    name = name.strip()
    _check_policy(center.pk, name, due_within_hours, is_default, True)
    policy = FollowUpPolicy(
        center=center, name=name, due_within_hours=due_within_hours, is_default=is_default
    )
    _save_policy(policy)
    record_event(
        actor=actor,
        center=center,
        event_type="follow_up_policy.created",
        obj=policy,
        details={"new": policy.audit_snapshot()},
    )
    return policy


@transaction.atomic
def do_update_follow_up_policy(
    policy: FollowUpPolicy,
    *,
    name: str,
    due_within_hours: int,
    is_default: bool,
    active: bool,
    actor: User,
) -> FollowUpPolicy:
    """Changes apply to follow-ups created from now on; existing due times stay."""
    _require_supervisor(actor, policy.center_id)
    name = name.strip()
    _check_policy(policy.center_id, name, due_within_hours, is_default, active)
    before = policy.audit_snapshot()
    policy.name, policy.due_within_hours = name, due_within_hours
    policy.is_default, policy.active = is_default, active
    _save_policy(policy)
    diff = changes(before, policy.audit_snapshot())
    if diff["new"]:
        record_event(
            actor=actor,
            center=policy.center,
            event_type="follow_up_policy.updated",
            obj=policy,
            details=diff,
        )
    return policy
