"""Test personas: one user per role in the Metro center, and an outsider from another center.

Everyone's password is PASSWORD. `client_for(user)` gives a signed-in Django test client.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from crisisdesk.accounts.actions import do_create_user
from crisisdesk.accounts.models import User
from crisisdesk.accounts.roles import Role
from crisisdesk.audit.record import SystemActor
from crisisdesk.centers.actions import do_create_center
from crisisdesk.centers.models import Center
from crisisdesk.incidents.actions import do_add_incident_note, do_create_incident
from crisisdesk.incidents.models import Incident
from crisisdesk.places.models import Location

PASSWORD = "test-password-for-everyone"
SETUP = SystemActor("tests")


@dataclass
class Personas:
    metro: Center
    northfield: Center
    call_taker: User
    clinician: User
    responder: User
    supervisor: User
    peer_support: User
    analyst: User
    admin: User
    outsider: User

    def by_role(self) -> dict[Role, User]:
        return {
            Role.CALL_TAKER: self.call_taker,
            Role.CLINICIAN: self.clinician,
            Role.RESPONDER: self.responder,
            Role.SUPERVISOR: self.supervisor,
            Role.PEER_SUPPORT: self.peer_support,
            Role.ANALYST: self.analyst,
            Role.ADMIN: self.admin,
        }


def make_user(center: Center, username: str, *roles: Role, **extra: object) -> User:
    return do_create_user(
        username=username,
        center=center,
        roles=roles,
        password=PASSWORD,
        full_name=username.replace("_", " ").title(),
        validate=False,
        actor=SETUP,
        **extra,  # type: ignore[arg-type]
    )


@pytest.fixture
def personas(db: None) -> Personas:
    metro = do_create_center(
        code="metro", name="Metro ECC", time_zone="America/Chicago", actor=SETUP
    )
    northfield = do_create_center(
        code="northfield", name="Northfield PSAP", time_zone="America/Denver", actor=SETUP
    )
    return Personas(
        metro=metro,
        northfield=northfield,
        call_taker=make_user(metro, "cara_calltaker", Role.CALL_TAKER),
        clinician=make_user(metro, "alice_clinician", Role.CLINICIAN),
        responder=make_user(metro, "rudy_responder", Role.RESPONDER),
        supervisor=make_user(metro, "sam_supervisor", Role.SUPERVISOR),
        peer_support=make_user(metro, "pat_peer", Role.PEER_SUPPORT),
        analyst=make_user(metro, "ana_analyst", Role.ANALYST),
        admin=make_user(metro, "adam_admin", Role.ADMIN),
        outsider=make_user(northfield, "charlie_outsider", Role.CLINICIAN, Role.ADMIN),
    )


@pytest.fixture
def client_for() -> Callable[[User], Client]:
    def signed_in(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return signed_in


def make_incident(center: Center, external_id: str = "INC-1", **fields: object) -> Incident:
    location = Location.objects.create(
        center=center, address=str(fields.pop("address", "100 MAIN ST")), city="Metro"
    )
    incident = do_create_incident(
        center=center,
        source_system="test-cad",
        external_id=external_id,
        received_at=fields.pop("received_at", timezone.now() - timedelta(minutes=5)),  # type: ignore[arg-type]
        call_type_code=str(fields.pop("call_type_code", "5150")),
        call_type_text=str(fields.pop("call_type_text", "MENTAL HEALTH CRISIS")),
        priority=fields.pop("priority", 2),  # type: ignore[arg-type]
        location=location,
        caller_relation=str(fields.pop("caller_relation", "second")),
        actor=SETUP,
    )
    note = fields.pop("note", "RP STATES BROTHER OFF MEDS, PACING, NO WEAPONS")
    if note:
        do_add_incident_note(incident, text=str(note), actor=SETUP)
    assert not fields, f"unknown fields {fields}"
    return incident
