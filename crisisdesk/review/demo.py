"""Queue review in the demo city: the built-in `demo` configuration (the city's call-type
codes) becomes the center's active version, the open calls and the last two weeks of history
are flagged with it, and clinicians have decided on some of the flags.

Open calls go through the real actions (a pull request the supervisor can approve, a dismissal
with its reason). The history was loaded closed, as the demo loader writes all history: its
flags are dated when their call came in, and its decisions are written the same way, so that
the supervisor's figures have weeks to show. Every word is synthetic.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.centers.models import Center
from crisisdesk.incidents.models import OPEN_STATUSES, Incident, IncidentStatus
from crisisdesk.review.actions import (
    FLAGGER,
    do_dismiss_flag,
    do_request_pull_from_flag,
    do_store_flags,
)
from crisisdesk.review.errors import ReviewRefusal
from crisisdesk.review.flagging import read_incidents
from crisisdesk.review.governance import do_activate_builtin_flagger_version
from crisisdesk.review.models import FlagDecision, FlagDecisionKind, IncidentFlag
from crisisdesk.review.wording import pull_reason
from crisisdesk.transfers.actions import TransferConflict

DEMO_CONFIG = "demo"
HISTORY_DAYS = 14
BATCH = 500
OPEN_PULLS = 1
OPEN_DISMISSALS = 1
# What became of the history's flags: clinicians acted on most, dismissed some.
PAST_PULL_SHARE = 0.55
PAST_DISMISS_SHARE = 0.2
DISMISS_REASONS = (
    "Spoke with the caller's sister: known to the CRT, already on the way.",
    "Noise complaint about a party; the 'crazy' was about the music.",
    "Caller is the property manager; the person left before the call.",
    "Duplicate of an earlier call the team is already on.",
    "Medical call first: EMS is on scene and will call us if needed.",
)


def seed_demo(center: Center, users: dict[str, User], rng: random.Random) -> dict[str, int]:
    """Flags the center's open calls and recent history; returns how many of each were made."""
    do_activate_builtin_flagger_version(center, DEMO_CONFIG, actor=FLAGGER)
    since = timezone.now() - timedelta(days=HISTORY_DAYS)
    ids = list(
        Incident.objects.filter(center=center)
        .filter(Q(status__in=OPEN_STATUSES) | Q(received_at__gte=since))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    flagged = 0
    for start in range(0, len(ids), BATCH):
        flagged += do_store_flags(read_incidents(ids[start : start + BATCH]))
    past = _date_history(center)
    past_pulls, past_dismissals = _past_decisions(center, users["clinician"], rng)
    pulls, dismissals = _open_decisions(center, users["clinician"], rng)
    return {
        "review_flags": flagged,
        "review_flags_in_history": past,
        "review_candidates": IncidentFlag.objects.filter(center=center, candidate=True).count(),
        "review_pulls_requested": pulls + past_pulls,
        "review_flags_dismissed": dismissals + past_dismissals,
    }


def _history(center: Center) -> Q:
    return Q(center=center) & ~Q(incident__status__in=OPEN_STATUSES)


def _date_history(center: Center) -> int:
    """A closed call's flag was raised when the call came in, as the worker would have."""
    received = Subquery(Incident.objects.filter(pk=OuterRef("incident_id")).values("received_at"))
    IncidentFlag.objects.filter(_history(center)).update(flagged_at=received)
    return IncidentFlag.objects.filter(_history(center), candidate=True).update(raised_at=received)


def _past_decisions(center: Center, clinician: User, rng: random.Random) -> tuple[int, int]:
    flags = IncidentFlag.objects.filter(_history(center), candidate=True).order_by("pk")
    decisions = []
    for flag in flags:
        draw = rng.random()
        if draw < PAST_PULL_SHARE:
            kind = FlagDecisionKind.PULL_REQUESTED
            reason = pull_reason(flag.category, flag.exclusions, flag.severities, flag.evidence)
        elif draw < PAST_PULL_SHARE + PAST_DISMISS_SHARE:
            kind, reason = FlagDecisionKind.DISMISSED, rng.choice(DISMISS_REASONS)
        else:
            continue  # ignored
        raised = flag.raised_at or flag.flagged_at
        decisions.append(
            FlagDecision(
                center=center,
                flag=flag,
                kind=kind,
                category=flag.category,
                reason=reason,
                by=clinician,
                at=raised + timedelta(seconds=rng.randint(30, 600)),
            )
        )
    FlagDecision.objects.bulk_create(decisions, batch_size=BATCH)
    counts = {kind: 0 for kind in FlagDecisionKind}
    for kind in FlagDecisionKind:
        ids = [decision.flag_id for decision in decisions if decision.kind == kind]
        counts[kind] = IncidentFlag.objects.filter(pk__in=ids).update(decision=kind)
    return counts[FlagDecisionKind.PULL_REQUESTED], counts[FlagDecisionKind.DISMISSED]


def _open_decisions(center: Center, clinician: User, rng: random.Random) -> tuple[int, int]:
    candidates = list(
        IncidentFlag.objects.filter(
            center=center, candidate=True, incident__status=IncidentStatus.PENDING
        )
        .select_related("incident", "incident__center")
        .order_by("pk")
    )
    rng.shuffle(candidates)
    pulls = dismissals = 0
    for flag in candidates:
        try:
            if pulls < OPEN_PULLS:
                do_request_pull_from_flag(flag, flag.incident, reason="", actor=clinician)
                pulls += 1
            elif dismissals < OPEN_DISMISSALS:
                do_dismiss_flag(flag, reason=rng.choice(DISMISS_REASONS), actor=clinician)
                dismissals += 1
            else:
                break
        except (ReviewRefusal, TransferConflict):
            continue  # a call with a transfer open already: the next one
    return pulls, dismissals
