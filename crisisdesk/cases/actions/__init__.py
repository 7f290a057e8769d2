"""Every change to a case, its goals, tasks and notes. One transaction and one audit row each.

Audit rows hold ids, states and field names, never the words of a title, goal, task or note.
Status changes are compare-and-set on the status read with the case, so two people acting on
the same case at once (or the worker closing it) cannot both win. Every change moves the case's
`last_activity_at`, with the same conditional update: a case the worker closed a moment ago is
not silently edited.

A package only to keep each module short; import from here.
"""

from crisisdesk.cases.actions.case_settings import do_update_case_settings
from crisisdesk.cases.actions.common import (
    GOAL_MAX,
    NOTE_MAX,
    STATUS_NOTE_MAX,
    TASK_MAX,
    TITLE_MAX,
    CaseRefused,
)
from crisisdesk.cases.actions.inactivity import WORKER, do_close_inactive_cases
from crisisdesk.cases.actions.lifecycle import (
    CHOSEN_CLOSURE_REASONS,
    TRANSITIONS,
    Transition,
    do_change_case_status,
    do_open_case,
    do_reassign_case,
    transitions_from,
)
from crisisdesk.cases.actions.work import (
    do_add_case_goal,
    do_add_case_note,
    do_add_case_task,
    do_complete_case_task,
    do_reopen_case_task,
    do_update_case_goal,
)

__all__ = [
    "CHOSEN_CLOSURE_REASONS",
    "GOAL_MAX",
    "NOTE_MAX",
    "STATUS_NOTE_MAX",
    "TASK_MAX",
    "TITLE_MAX",
    "TRANSITIONS",
    "WORKER",
    "CaseRefused",
    "Transition",
    "do_add_case_goal",
    "do_add_case_note",
    "do_add_case_task",
    "do_change_case_status",
    "do_close_inactive_cases",
    "do_complete_case_task",
    "do_open_case",
    "do_reassign_case",
    "do_reopen_case_task",
    "do_update_case_goal",
    "do_update_case_settings",
    "transitions_from",
]
