"""Capacity: the action, providers' secret links (page), directory managers, stale figures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.directory import models as hsds
from crisisdesk.directory import search_actions
from crisisdesk.directory.search_access import capacity_views, stale_after
from crisisdesk.directory.search_actions import (
    CapacityFigures,
    CapacityRefused,
    capacity_token_digest,
    do_create_capacity_token,
    do_revoke_capacity_token,
    do_update_capacity,
    do_update_directory_settings,
)
from crisisdesk.directory.search_models import CapacityToken
from tests.conftest import SETUP, Personas
from tests.core.test_environment import run_command
from tests.directory.search_fixtures import index, make_service

Clients = Callable[[User], Client]
BROWSER = {"HTTP_ACCEPT": "text/html,application/xhtml+xml"}


def test_an_update_is_timestamped_and_audited_with_old_and_new_figures(personas: Personas) -> None:
    service = make_service(personas.metro, "Harbor Detox")
    first = do_update_capacity(
        service,
        CapacityFigures("beds", available=3, total=10, accepting_referrals=True),
        actor=personas.supervisor,
    )
    before = first.updated_at
    second = do_update_capacity(
        service,
        CapacityFigures("beds", available=0, total=10, waitlist=2, note="Full tonight"),
        actor=personas.supervisor,
    )
    assert second.pk == first.pk and second.updated_at >= before
    assert (second.available, second.waitlist, second.accepting_referrals) == (0, 2, None)
    event = (
        AuditEvent.objects.filter(event_type="directory.capacity_updated").order_by("seq").last()
    )
    assert event is not None and event.actor_username == personas.supervisor.username
    assert event.details["old"] == {
        "available": 3,
        "accepting_referrals": True,
        "note_length": 0,
        "waitlist": None,
    }
    assert event.details["new"]["available"] == 0 and event.details["note_changed"] is True
    assert "Full tonight" not in str(event.details)


@pytest.mark.parametrize(
    ("figures", "message"),
    [
        (CapacityFigures("beds", available=5, total=3), "available: cannot be more than the total"),
        (
            CapacityFigures("beds", available=-1),
            "available: must be a whole number from 0 to 100000",
        ),
        (CapacityFigures("rooms", available=1), "unit: must be one of beds, slots"),
        (CapacityFigures("beds", note="x" * 201), "note: at most 200 characters"),
    ],
)
def test_impossible_figures_are_refused(
    personas: Personas, figures: CapacityFigures, message: str
) -> None:
    service = make_service(personas.metro, "Harbor Detox")
    with pytest.raises(CapacityRefused, match=message):
        do_update_capacity(service, figures, actor=personas.supervisor)
    assert not hsds.Capacity.objects.exists()


def test_capacity_per_location_is_kept_apart(personas: Personas) -> None:
    service = make_service(personas.metro, "Harbor Detox")
    site = hsds.ServiceAtLocation.objects.get(service=service)
    do_update_capacity(service, CapacityFigures("beds", available=1, total=4), actor=SETUP)
    do_update_capacity(
        service,
        CapacityFigures("beds", available=2, total=6),
        actor=SETUP,
        service_at_location=site,
    )
    assert hsds.Capacity.objects.filter(service=service).count() == 2


def test_capacity_is_stale_after_the_configured_age(personas: Personas) -> None:
    service = make_service(personas.metro, "Harbor Detox")
    capacity = do_update_capacity(service, CapacityFigures("beds", available=1), actor=SETUP)
    hsds.Capacity.objects.filter(pk=capacity.pk).update(
        updated_at=timezone.now() - timedelta(hours=11)
    )
    assert stale_after(personas.metro) == timedelta(hours=12)
    assert not capacity_views(personas.metro, [service.pk])[service.pk][0].stale
    do_update_directory_settings(
        personas.metro,
        observe_federal_holidays=True,
        capacity_stale_hours=10,
        actor=personas.supervisor,
    )
    assert capacity_views(personas.metro, [service.pk])[service.pk][0].stale


def test_the_stale_age_comes_from_the_environment_strictly(tmp_path: object) -> None:
    result = run_command(
        "check", CRISISDESK_CAPACITY_STALE_HOURS="0", CRISISDESK_VAR_DIR=str(tmp_path)
    )
    assert result.returncode == 2
    assert "CRISISDESK_CAPACITY_STALE_HOURS must be at least 1, got 0" in result.stderr


def make_link(
    personas: Personas, service: hsds.Service, **scope: object
) -> tuple[CapacityToken, str]:
    target = scope or {"service": service}
    return do_create_capacity_token(
        center=personas.metro,
        label="Harbor night desk",
        actor=personas.supervisor,
        **target,  # type: ignore[arg-type]
    )


def test_a_link_is_made_by_a_directory_manager_and_only_its_digest_is_kept(
    personas: Personas,
) -> None:
    service = make_service(personas.metro, "Harbor Detox")
    token, secret = make_link(personas, service)
    assert token.digest == capacity_token_digest(secret) and secret not in str(token.__dict__)
    with pytest.raises(ValidationError):
        do_create_capacity_token(
            center=personas.metro, label="x", service=service, actor=personas.clinician
        )
    with pytest.raises(ValidationError):
        do_create_capacity_token(
            center=personas.metro, label="  ", service=service, actor=personas.supervisor
        )
    theirs = make_service(personas.northfield, "Northfield Detox")
    with pytest.raises(ValidationError):
        do_create_capacity_token(
            center=personas.metro, label="x", service=theirs, actor=personas.supervisor
        )


def test_a_provider_updates_through_the_link_without_an_account(personas: Personas) -> None:
    service = make_service(personas.metro, "Harbor Detox")
    token, secret = make_link(personas, service)
    client = Client()
    page = client.get(f"/directory/capacity/{secret}/")
    assert page.status_code == 200 and "Harbor Detox" in page.content.decode()
    response = client.post(
        f"/directory/capacity/{secret}/",
        {
            "service": service.hsds_id,
            "unit": "beds",
            "available": "4",
            "total": "12",
            "accepting": "yes",
            "note": "",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith(
        f"?saved={service.hsds_id}"
    )
    capacity = hsds.Capacity.objects.get(service=service)
    assert (capacity.available, capacity.total, capacity.accepting_referrals) == (4, 12, True)
    assert capacity.updated_by is None and capacity.updated_by_label == "Harbor night desk"
    event = AuditEvent.objects.get(event_type="directory.capacity_updated")
    assert event.actor_username == f"system:capacity-link-{token.pk}:Harbor night desk"
    saved = client.get(response["Location"]).content.decode()
    assert "Saved at" in saved and "4 of 12 beds free" in saved


def test_the_link_page_refuses_impossible_figures_with_a_message(personas: Personas) -> None:
    service = make_service(personas.metro, "Harbor Detox")
    _, secret = make_link(personas, service)
    response = Client().post(
        f"/directory/capacity/{secret}/",
        {"service": service.hsds_id, "unit": "beds", "available": "9", "total": "3"},
    )
    assert response.status_code == 400
    assert "cannot be more than the total" in response.content.decode()
    bad_number = Client().post(
        f"/directory/capacity/{secret}/",
        {"service": service.hsds_id, "unit": "beds", "available": "lots"},
    )
    assert bad_number.status_code == 400 and "Enter a whole number." in bad_number.content.decode()
    assert not hsds.Capacity.objects.exists()


def test_an_organization_link_updates_its_services_and_no_other(personas: Personas) -> None:
    detox = make_service(personas.metro, "Harbor Detox", organization="Harbor Health")
    clinic = make_service(personas.metro, "Harbor Clinic", organization="Harbor Health")
    other = make_service(personas.metro, "Eastside Pantry", organization="Eastside Neighbors")
    assert detox.organization is not None
    _, secret = make_link(personas, detox, organization=detox.organization)
    page = Client().get(f"/directory/capacity/{secret}/").content.decode()
    assert "Harbor Detox" in page and "Harbor Clinic" in page and "Eastside Pantry" not in page
    refused = Client().post(
        f"/directory/capacity/{secret}/",
        {"service": other.hsds_id, "unit": "beds", "available": "1"},
    )
    assert refused.status_code == 400 and not hsds.Capacity.objects.filter(service=other).exists()
    Client().post(
        f"/directory/capacity/{secret}/",
        {"service": clinic.hsds_id, "unit": "slots", "available": "3"},
    )
    assert hsds.Capacity.objects.get(service=clinic).unit == "slots"


def test_a_revoked_or_unknown_link_explains_itself(personas: Personas) -> None:
    service = make_service(personas.metro, "Harbor Detox")
    token, secret = make_link(personas, service)
    assert do_revoke_capacity_token(token, actor=personas.supervisor)
    assert not do_revoke_capacity_token(token, actor=personas.supervisor)
    for path in (f"/directory/capacity/{secret}/", "/directory/capacity/not-a-real-secret/"):
        page = Client().get(path, **BROWSER)  # type: ignore[arg-type]
        assert page.status_code == 401 and page["WWW-Authenticate"].startswith("Bearer")
        assert "Ask the 911 center" in page.content.decode()
        program = Client().get(path)
        assert program.status_code == 401 and program.json()["errors"][0]["path"] == "token"


def test_updates_through_one_link_are_limited_per_hour(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_actions, "RATE_LIMIT", 2)
    service = make_service(personas.metro, "Harbor Detox")
    _, secret = make_link(personas, service)
    data = {"service": service.hsds_id, "unit": "beds", "available": "1"}
    for _ in range(2):
        assert Client().post(f"/directory/capacity/{secret}/", data).status_code == 302
    limited = Client().post(f"/directory/capacity/{secret}/", data)
    assert limited.status_code == 400 and "at most 2 an hour" in limited.content.decode()
    CapacityToken.objects.update(window_started_at=timezone.now() - timedelta(hours=2))
    assert Client().post(f"/directory/capacity/{secret}/", data).status_code == 302


def test_a_manager_makes_a_link_on_the_service_page_and_sees_it_once(
    personas: Personas, client_for: Callable[[User], Client]
) -> None:
    service = make_service(personas.metro, "Harbor Detox")
    index(personas.metro)
    client = client_for(personas.supervisor)
    made = client.post(
        f"/directory/services/{service.hsds_id}/capacity-links/",
        {"label": "Night desk", "scope": "service"},
    )
    body = made.content.decode()
    assert made.status_code == 200 and "shown only this once" in body
    token = CapacityToken.objects.get()
    assert f"/directory/capacity/{token.prefix}" in body
    assert (
        client_for(personas.clinician)
        .post(
            f"/directory/services/{service.hsds_id}/capacity-links/",
            {"label": "x", "scope": "service"},
        )
        .status_code
        == 403
    )
    revoke = client.post(
        f"/directory/capacity-links/{token.pk}/revoke/",
        {"next": f"/directory/services/{service.hsds_id}/"},
    )
    assert (
        revoke.status_code == 302
        and revoke["Location"] == f"/directory/services/{service.hsds_id}/"
    )
    token.refresh_from_db()
    assert token.revoked_at is not None
    other_center = client_for(personas.outsider).post(
        f"/directory/capacity-links/{token.pk}/revoke/"
    )
    assert other_center.status_code == 404


def test_a_manager_sets_capacity_on_the_service_page(
    personas: Personas, client_for: Callable[[User], Client]
) -> None:
    service = make_service(personas.metro, "Harbor Detox")
    index(personas.metro)
    url = f"/directory/services/{service.hsds_id}/capacity/"
    data = {
        "service": service.hsds_id,
        "unit": "beds",
        "available": "2",
        "total": "8",
        "accepting": "no",
    }
    assert client_for(personas.supervisor).post(url, data).status_code == 302
    capacity = hsds.Capacity.objects.get()
    assert capacity.updated_by == personas.supervisor and capacity.accepting_referrals is False
    assert client_for(personas.clinician).post(url, data).status_code == 403


def test_the_settings_page_sets_holidays_and_the_stale_age(
    personas: Personas, client_for: Callable[[User], Client]
) -> None:
    client = client_for(personas.supervisor)
    assert client.get("/directory/settings/").status_code == 200
    saved = client.post("/directory/settings/", {"capacity_stale_hours": "6"})
    assert saved.status_code == 302
    assert stale_after(personas.metro) == timedelta(hours=6)
    bad = client.post("/directory/settings/", {"capacity_stale_hours": "0"})
    assert bad.status_code == 400
    client.post("/directory/settings/holidays/", {"date": "2025-12-24", "name": "Christmas Eve"})
    again = client.post("/directory/settings/holidays/", {"date": "2025-12-24"}, follow=True)
    assert "is already a holiday" in again.content.decode()
    page = client.get("/directory/settings/").content.decode()
    assert "Christmas Eve" in page
    assert client_for(personas.clinician).get("/directory/settings/").status_code == 403
    events = set(AuditEvent.objects.values_list("event_type", flat=True))
    assert {"directory.settings_changed", "directory.holiday_added"} <= events
