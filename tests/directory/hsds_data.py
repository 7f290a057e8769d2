"""The official HSDS 3.0 schemas and examples (../shared/data/hsds), and ways to compare what the
directory holds."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest

from crisisdesk.centers.models import Center
from crisisdesk.directory.loading import DirectoryLoader
from crisisdesk.directory.storage import MODELS

HSDS_DIR = Path(__file__).resolve().parents[3] / "shared" / "data" / "hsds"
SCHEMA_DIR = HSDS_DIR / "schema"
EXAMPLES_DIR = HSDS_DIR / "examples"

needs_hsds = pytest.mark.skipif(
    not (SCHEMA_DIR / "service.json").is_file(),
    reason=f"the official HSDS 3.0 schemas and examples are not at {HSDS_DIR}",
)


def example(name: str) -> Any:
    return json.loads((EXAMPLES_DIR / name).read_text(encoding="utf-8"))


def directory_state(center: Center, *, include_confidential: bool = True) -> dict[str, Any]:
    """Every row of a center's directory as HSDS rows, keyed by table and id: two centers hold
    the same directory when these are equal."""
    store = DirectoryLoader(center, include_confidential=include_confidential).everything()
    return {name: {row["id"]: row for row in store.rows(name)} for name in MODELS}


def row_counts(center: Center) -> dict[str, int]:
    counts = {
        name: model._default_manager.filter(center=center).count() for name, model in MODELS.items()
    }
    return {name: count for name, count in counts.items() if count}


def hsds_id(name: str) -> str:
    """A stable UUID for a test record."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"crisisdesk-test:{name}"))


def crisis_directory() -> list[dict[str, Any]]:
    """A small directory in nested HSDS 3.0 JSON: a detox with a bed count's worth of detail, a
    domestic-violence shelter at a confidential location, a food bank; two taxonomy terms."""
    detox_term = {
        "id": hsds_id("term-detox"),
        "code": "RX-8450.1800",
        "name": "Detoxification",
        "description": "Withdrawal management.",
        "taxonomy": "211 LA",
        "taxonomy_detail": {
            "id": hsds_id("taxonomy-211"),
            "name": "211 LA",
            "description": "AIRS/211 LA County taxonomy",
            "version": "2024",
        },
    }
    shelter_term = {
        "id": hsds_id("term-dv-shelter"),
        "code": "BH-1800.1500-100",
        "name": "Domestic Violence Shelters",
        "description": "Emergency shelter for people fleeing abuse.",
        "taxonomy_detail": detox_term["taxonomy_detail"],
    }
    return [
        {
            "id": hsds_id("org-harbor"),
            "name": "Harbor Recovery Center",
            "description": "Substance use treatment.",
            "year_incorporated": 1998,
            "locations": [
                {
                    "id": hsds_id("loc-harbor"),
                    "location_type": "physical",
                    "name": "Harbor main site",
                    "latitude": 41.8781,
                    "longitude": -87.6298,
                    "addresses": [
                        {
                            "id": hsds_id("addr-harbor"),
                            "address_1": "100 Harbor Way",
                            "city": "Metro",
                            "state_province": "IL",
                            "postal_code": "60601",
                            "country": "US",
                            "address_type": "physical",
                        }
                    ],
                }
            ],
            "services": [
                {
                    "id": hsds_id("svc-detox"),
                    "name": "Medical Detox",
                    "description": "24/7 medically supervised withdrawal.",
                    "status": "active",
                    "minimum_age": 18,
                    "last_modified": "2024-05-01T12:00:00Z",
                    "crisisdesk_last_verified_at": "2024-06-01T08:30:00-05:00",
                    "attributes": [{"id": hsds_id("attr-detox"), "taxonomy_term": detox_term}],
                    "phones": [{"id": hsds_id("phone-detox"), "number": "312-555-0100"}],
                    "schedules": [
                        {
                            "id": hsds_id("sched-detox"),
                            "freq": "WEEKLY",
                            "byday": "MO,TU,WE,TH,FR",
                            "opens_at": "08:00-06:00",
                            "closes_at": "17:30",
                            "valid_from": "2024-01-01",
                        }
                    ],
                    "cost_options": [
                        {"id": hsds_id("cost-detox"), "amount": 12.5, "currency": "USD"}
                    ],
                    "crisisdesk_intake_points": [
                        {
                            "id": hsds_id("intake-detox"),
                            "method": "phone",
                            "phone_number": "312-555-0101",
                            "hours_description": "Around the clock",
                        }
                    ],
                    "service_at_locations": [
                        {
                            "id": hsds_id("sal-detox"),
                            "location": {"id": hsds_id("loc-harbor"), "location_type": "physical"},
                        }
                    ],
                }
            ],
        },
        {
            "id": hsds_id("org-haven"),
            "name": "Safe Haven",
            "description": "Shelter and advocacy for survivors of domestic violence.",
            "services": [
                {
                    "id": hsds_id("svc-shelter"),
                    "name": "Emergency Shelter",
                    "description": "Confidential emergency shelter.",
                    "status": "active",
                    "last_modified": "2023-01-15T00:00:00Z",
                    "attributes": [{"id": hsds_id("attr-shelter"), "taxonomy_term": shelter_term}],
                    "service_at_locations": [
                        {
                            "id": hsds_id("sal-shelter"),
                            "location": {
                                "id": hsds_id("loc-haven"),
                                "location_type": "physical",
                                "name": "Safe Haven house",
                                "latitude": 41.9,
                                "longitude": -87.7,
                                "transportation": "Behind the blue church on Elm St",
                                "crisisdesk_confidential": True,
                                "addresses": [
                                    {
                                        "id": hsds_id("addr-haven"),
                                        "address_1": "742 Secret Elm St",
                                        "city": "Metro",
                                        "state_province": "IL",
                                        "postal_code": "60602",
                                        "country": "US",
                                        "address_type": "physical",
                                    }
                                ],
                            },
                        }
                    ],
                }
            ],
        },
        {
            "id": hsds_id("org-pantry"),
            "name": "Northside Food Pantry",
            "description": "Groceries, no questions asked.",
            "services": [
                {
                    "id": hsds_id("svc-pantry"),
                    "name": "Food Pantry",
                    "status": "temporarily closed",
                    "service_at_locations": [
                        {
                            "id": hsds_id("sal-pantry"),
                            "location": {
                                "id": hsds_id("loc-pantry"),
                                "location_type": "physical",
                                "addresses": [
                                    {
                                        "id": hsds_id("addr-pantry"),
                                        "address_1": "5 Oak Ave",
                                        "city": "Metro",
                                        "state_province": "IL",
                                        "postal_code": "60602",
                                        "country": "US",
                                        "address_type": "physical",
                                    }
                                ],
                            },
                        }
                    ],
                }
            ],
        },
    ]


def write_json(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def run_directory(*args: str) -> tuple[int, str, str]:
    """`crisisdesk directory ...`: exit status, stdout, stderr."""
    from io import StringIO

    from django.core.management import call_command

    out, err = StringIO(), StringIO()
    try:
        call_command("directory", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()
