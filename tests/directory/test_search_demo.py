"""The demo city's synthetic directory."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from crisisdesk.centers.models import Center
from crisisdesk.directory import models as hsds
from crisisdesk.directory.demo import KINDS, seed_demo
from crisisdesk.directory.search import DirectoryQuery, search_directory
from crisisdesk.directory.search_models import ServiceSearchEntry
from tests.conftest import Personas


def test_the_demo_directory_covers_the_needs_of_crisis_work(personas: Personas) -> None:
    counts = seed_demo(personas.metro, {}, random.Random(7))
    center = personas.metro
    services = hsds.Service.objects.filter(center=center)
    assert 140 <= services.count() <= 160 and counts["directory_service"] == services.count()
    needs = set(
        hsds.Attribute.objects.filter(
            center=center, taxonomy_term__code__in=[k.code for k in KINDS]
        ).values_list("taxonomy_term__code", flat=True)
    )
    assert needs == {kind.code for kind in KINDS}
    assert {
        "shelter",
        "detox",
        "crisis-stabilization",
        "peer-respite",
        "food",
        "mental-health-clinic",
        "legal-aid",
        "eviction",
    } <= needs
    confidential = hsds.Location.objects.filter(center=center, confidential=True)
    assert confidential.count() == 6
    capacities = hsds.Capacity.objects.filter(center=center)
    stale = capacities.filter(updated_at__lt=timezone.now() - timedelta(hours=12))
    assert capacities.count() > 30 and 0 < stale.count() < capacities.count()
    assert ServiceSearchEntry.objects.filter(center=center).count() == services.count()


def test_the_demo_is_the_same_for_the_same_seed(personas: Personas) -> None:
    seed_demo(personas.metro, {}, random.Random(7))
    seed_demo(personas.northfield, {}, random.Random(7))

    def summary(center: Center) -> list[tuple[str, str]]:
        return list(
            hsds.Service.objects.filter(center=center)
            .order_by("hsds_id")
            .values_list("hsds_id", "name")
        )

    assert summary(personas.metro) == summary(personas.northfield)


def test_a_clinician_finds_an_open_detox_in_the_demo(personas: Personas) -> None:
    seed_demo(personas.metro, {}, random.Random(7))
    outcome = search_directory(personas.clinician, DirectoryQuery(text="detox", open_now=True))
    assert outcome.results and all("Detox" in r.needs for r in outcome.results)
