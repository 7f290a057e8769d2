"""A center's case settings: the inactivity period and when a case counts as quiet."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.audit.record import changes, record_event
from crisisdesk.cases.access import case_settings_of
from crisisdesk.cases.actions.common import CaseRefused
from crisisdesk.cases.models import CaseSettings
from crisisdesk.centers.models import Center


@transaction.atomic
def do_update_case_settings(
    center: Center, *, inactivity_days: int, quiet_days: int, actor: User
) -> CaseSettings:
    if not user_can(actor, Capability.SUPERVISE_CASELOADS) or actor.center_id != center.pk:
        raise CaseRefused("Only a supervisor of the center can change its case settings.")
    if quiet_days >= inactivity_days:
        raise CaseRefused(
            "Quiet after (days): must be shorter than the inactivity period, or every quiet "
            "case would already be closed."
        )
    current = case_settings_of(center)
    before = {"inactivity_days": current.inactivity_days, "quiet_days": current.quiet_days}
    current.inactivity_days, current.quiet_days = inactivity_days, quiet_days
    current.updated_by = actor
    try:
        current.full_clean(exclude=["center", "updated_by"])
    except ValidationError as invalid:
        labels = {"inactivity_days": "Close after (days)", "quiet_days": "Quiet after (days)"}
        raise CaseRefused(
            " ".join(
                f"{labels.get(name, name)}: {' '.join(errors)}"
                for name, errors in invalid.message_dict.items()
            )
        ) from None
    current.save()
    after = {"inactivity_days": inactivity_days, "quiet_days": quiet_days}
    record_event(
        actor=actor,
        center=center,
        event_type="case_settings.updated",
        obj=current,
        details=changes(before, after),
    )
    return current
