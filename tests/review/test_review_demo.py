"""The demo city's queue review: its built-in configuration active, open calls and recent
history flagged, decisions made, weeks for the supervisor's figures."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.db.models import F, Q
from django.utils import timezone

from crisisdesk.demo.city import generate_city
from crisisdesk.demo.load import load_city
from crisisdesk.demo.users import create_demo_users
from crisisdesk.incidents.models import OPEN_STATUSES, Incident
from crisisdesk.review.demo import HISTORY_DAYS, seed_demo
from crisisdesk.review.jobs import flag_open_incidents
from crisisdesk.review.models import FlagDecision, FlaggerVersion, IncidentFlag
from crisisdesk.review.stats import review_stats


@pytest.mark.django_db
def test_it_flags_with_the_demo_configuration_and_decides_some() -> None:
    center = load_city(generate_city(2026, scale=0.2))
    users = {user.username: user for user in create_demo_users({center.code: center})}
    made = seed_demo(center, users, random.Random(2026))  # noqa: S311 - demo data

    since = timezone.now() - timedelta(days=HISTORY_DAYS)
    read = Incident.objects.filter(center=center).filter(
        Q(status__in=OPEN_STATUSES) | Q(received_at__gte=since)
    )
    assert made["review_flags"] == read.count() == IncidentFlag.objects.count()
    assert made["review_candidates"] == IncidentFlag.objects.filter(candidate=True).count() > 20
    version = FlaggerVersion.objects.get(center=center, status="active")
    assert (version.name, version.builtin) == ("demo", True)
    assert set(IncidentFlag.objects.values_list("config_label", flat=True)) == {"demo 1"}
    # The history's flags were raised when their calls came in.
    history = IncidentFlag.objects.exclude(incident__status__in=OPEN_STATUSES)
    assert history.filter(candidate=True).exclude(raised_at=F("incident__received_at")).count() == 0
    decisions = FlagDecision.objects.all()
    assert decisions.count() == made["review_pulls_requested"] + made["review_flags_dismissed"]
    assert made["review_pulls_requested"] > made["review_flags_dismissed"] > 0
    assert all(decision.reason for decision in decisions)
    stats = review_stats(center, weeks=3)
    assert stats.total.raised == made["review_candidates"]  # three weeks hold the fortnight
    assert 0.3 < (stats.total.share_acted_on or 0) < 0.8
    assert flag_open_incidents() == 0  # the worker finds nothing left to read
