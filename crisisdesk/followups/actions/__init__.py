"""Every write to follow-ups: `do_<verb>_<noun>(..., *, actor)`, one audit row each.

A package only to keep each module short; import from here.
"""

from crisisdesk.followups.actions.follow_ups import (
    FollowUpConflict,
    do_cancel_follow_up,
    do_complete_follow_up,
    do_create_follow_up,
    do_create_follow_up_from_encounter,
    do_reassign_follow_up,
    do_record_follow_up_attempt,
    do_reschedule_follow_up,
)
from crisisdesk.followups.actions.overdue import WORKER, do_alert_overdue_follow_ups
from crisisdesk.followups.actions.policies import (
    do_create_follow_up_policy,
    do_update_follow_up_policy,
)

__all__ = [
    "WORKER",
    "FollowUpConflict",
    "do_alert_overdue_follow_ups",
    "do_cancel_follow_up",
    "do_complete_follow_up",
    "do_create_follow_up",
    "do_create_follow_up_from_encounter",
    "do_create_follow_up_policy",
    "do_reassign_follow_up",
    "do_record_follow_up_attempt",
    "do_reschedule_follow_up",
    "do_update_follow_up_policy",
]
