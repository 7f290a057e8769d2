"""The care records and queue review flags of the demo city: each app's own `seed_demo`, in the
order they build on one another (encounters before the follow-ups, cases and referrals that
come from them)."""

from __future__ import annotations

import random
from collections.abc import Callable

from crisisdesk.accounts.models import User
from crisisdesk.care.demo import seed_demo as seed_encounters
from crisisdesk.cases.demo import seed_demo as seed_cases
from crisisdesk.centers.models import Center
from crisisdesk.consent.demo import seed_demo as seed_consents
from crisisdesk.directory.demo import seed_demo as seed_directory
from crisisdesk.followups.demo import seed_demo as seed_follow_ups
from crisisdesk.people.demo import seed_demo as seed_duplicates
from crisisdesk.plans.demo import seed_demo as seed_plans
from crisisdesk.referrals.demo import seed_demo as seed_referrals
from crisisdesk.review.demo import seed_demo as seed_review_flags

Seed = Callable[[Center, dict[str, User], random.Random], dict[str, int]]

SEEDS: tuple[Seed, ...] = (
    lambda center, _users, rng: seed_duplicates(center, rng),
    seed_directory,
    seed_encounters,
    seed_follow_ups,
    seed_cases,
    seed_referrals,
    seed_consents,
    seed_plans,
    seed_review_flags,
)


def seed_care(center: Center, users: list[User], seed: int) -> dict[str, int]:
    by_username = {user.username: user for user in users if user.center_id == center.pk}
    rng = random.Random(seed)  # noqa: S311 - synthetic demo data, not security
    counts: dict[str, int] = {}
    for seed_app in SEEDS:
        counts.update(seed_app(center, by_username, rng))
    return counts
