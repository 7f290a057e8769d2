"""The roles of the people who work a behavioral-health call (see DESIGN.md)."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    CALL_TAKER = "call_taker"
    CLINICIAN = "clinician"
    RESPONDER = "responder"
    SUPERVISOR = "supervisor"
    PEER_SUPPORT = "peer_support"
    ANALYST = "analyst"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.CALL_TAKER: "Call taker",
    Role.CLINICIAN: "Clinician",
    Role.RESPONDER: "Responder",
    Role.SUPERVISOR: "Supervisor",
    Role.PEER_SUPPORT: "Peer support",
    Role.ANALYST: "Analyst",
    Role.ADMIN: "Administrator",
}

ROLE_CHOICES = [(role.value, role.label) for role in Role]
