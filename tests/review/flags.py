"""Helpers for the queue review tests: configurations and flagged incidents."""

from __future__ import annotations

from crisisdesk.accounts.models import User
from crisisdesk.accounts.roles import Role
from crisisdesk.centers.models import Center
from crisisdesk.incidents.models import Incident
from crisisdesk.review.actions import flag_incident
from crisisdesk.review.governance import do_draft_flagger_version, do_sign_off_flagger_version
from crisisdesk.review.models import FlaggerVersion, IncidentFlag
from tests.conftest import Personas, make_incident, make_user

# A center's configuration: its CAD's "10-96" is a mental subject, "PSYCH" a mental case.
METRO_TEXT = """\
name: metro
version: "2"
description: Metro ECC codes.
extends: default
call_types:
  PSYCH: {label: MENTAL CASE, category: mental_health, weight: 0.9}
  CW: {label: CHECK THE WELFARE, category: welfare_check, weight: 0.75}
terms:
  - {phrase: "TINFOIL HAT", category: mental_health, weight: 0.7}
"""

BH_NOTE = "RP STATES SUBJ TALKING TO HIMSELF, OFF MEDS, NO WEAPONS"
PLAIN_NOTE = "RP REPORTS LOUD MUSIC FROM THE APARTMENT ABOVE"


def second_supervisor(personas: Personas) -> User:
    """Metro's second supervisor, who signs off what the first one drafts."""
    existing = User.objects.filter(username="sue_supervisor").first()
    return existing or make_user(personas.metro, "sue_supervisor", Role.SUPERVISOR)


def signed_off(
    personas: Personas, text: str = METRO_TEXT, *, center: Center | None = None
) -> FlaggerVersion:
    """A version drafted by the Metro supervisor and signed off by a second one."""
    draft = do_draft_flagger_version(center or personas.metro, text=text, actor=personas.supervisor)
    return do_sign_off_flagger_version(draft, actor=second_supervisor(personas))


def flagged(
    center: Center, external_id: str, note: str = BH_NOTE, **fields: object
) -> tuple[Incident, IncidentFlag]:
    """An incident of a generic call type with `note`, flagged now."""
    fields.setdefault("call_type_code", "415")
    fields.setdefault("call_type_text", "DISTURBANCE")
    incident = make_incident(center, external_id, note=note, **fields)
    return incident, flag_incident(incident)
