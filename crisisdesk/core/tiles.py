"""The home page tiles each role sees. Later capabilities add their tiles here."""

from __future__ import annotations

from dataclasses import dataclass

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.accounts.roles import Role


@dataclass(frozen=True)
class Tile:
    title: str
    description: str
    url_name: str = ""  # empty: the capability is on its way, shown without a link

    @property
    def available(self) -> bool:
        return bool(self.url_name)


ROLE_TILES: dict[Role, list[Tile]] = {
    Role.CALL_TAKER: [
        Tile("Incidents", "Search recent calls and read their timelines.", "incidents:list"),
        Tile("People", "Find a person by name, birth date, phone or address.", "people:search"),
        Tile(
            "Resource directory",
            "Shelters, detox, clinics, food, legal aid: open now, nearby, with beds free.",
            "directory:search",
        ),
        Tile(
            "Live queue",
            "Pending calls, transfers to clinicians, returned calls.",
            "incidents:queue",
        ),
        Tile(
            "Diversion screening",
            "Open a call from the queue and screen it on its page.",
            "incidents:queue",
        ),
    ],
    Role.CLINICIAN: [
        Tile("Incidents", "Search recent calls and read their timelines.", "incidents:list"),
        Tile("People", "Find a person by name, birth date, phone or address.", "people:search"),
        Tile(
            "Resource directory",
            "Shelters, detox, clinics, food, legal aid: open now, nearby, with beds free.",
            "directory:search",
        ),
        Tile("Live queue", "Transfers offered to you and calls worth pulling.", "incidents:queue"),
        Tile(
            "My encounters", "Drafts to finish and sign; recent DAP notes.", "care:encounter_list"
        ),
        Tile("My follow-ups", "Check-ins due, with overdue ones first.", "followups:worklist"),
        Tile(
            "Open referrals", "Referrals waiting on a service, stale ones marked.", "referrals:open"
        ),
        Tile("Caseload", "Short-term cases, goals and referrals.", "cases:my_caseload"),
        Tile(
            "Frequent callers",
            "High utilizers by person, phone and address; draft a response plan.",
            "plans:high_utilizers",
        ),
        Tile(
            "Protocols",
            "Screening protocols: draft a new version, see its diff and test results.",
            "triage:protocol_list",
        ),
    ],
    Role.RESPONDER: [
        Tile("Incidents", "Calls of your center and their timelines.", "incidents:list"),
        Tile("My assignments", "Where you are sent, with the safety brief."),
        Tile(
            "Resource directory",
            "Shelters, detox, clinics, food, legal aid: open now, nearby, with beds free.",
            "directory:search",
        ),
    ],
    Role.SUPERVISOR: [
        Tile("Incidents", "Search recent calls and read their timelines.", "incidents:list"),
        Tile("People", "Find a person by name, birth date, phone or address.", "people:search"),
        Tile(
            "Resource directory",
            "Shelters, detox, clinics, food, legal aid: open now, nearby, with beds free.",
            "directory:search",
        ),
        Tile(
            "Live queue",
            "Who holds which call; pull requests waiting for approval.",
            "incidents:queue",
        ),
        Tile("Response plans", "Plans waiting for your approval.", "plans:plan_list"),
        Tile(
            "Frequent callers",
            "High utilizers by person, phone and address; their response plans.",
            "plans:high_utilizers",
        ),
        Tile("Caseloads", "Cases per clinician: overdue tasks, quiet cases.", "cases:caseloads"),
        Tile(
            "Team follow-ups",
            "Your team's follow-ups, overdue first; the center's follow-up policies.",
            "followups:worklist",
        ),
        Tile(
            "Protocols",
            "Protocol versions waiting for sign-off, and the history of each protocol.",
            "triage:protocol_list",
        ),
        Tile("Queue review", "Flags acted on per week; the flagger's settings.", "review:stats"),
    ],
    Role.PEER_SUPPORT: [
        Tile("Staff wellness", "Critical-incident check-ins and peer support requests."),
    ],
    Role.ANALYST: [
        Tile("Program metrics", "Diversion rates, time to clinician, follow-up completion."),
        Tile("CAD analysis", "Find behavioral-health calls in CAD history."),
    ],
    Role.ADMIN: [
        Tile("People and roles", "Accounts, roles, locked sign-ins.", "accounts:user_list"),
        Tile("Centers", "Centers and their time zones.", "centers:list"),
        Tile("Audit trail", "Every change and every read of a record.", "audit:list"),
        Tile(
            "CAD integrations",
            "Tokens for CAD systems; documents held in quarantine.",
            "intake:integrations",
        ),
        Tile(
            "Outbound updates",
            "EIDO updates sent to the CAD; the webhook and its failed deliveries.",
            "outbound:outbox",
        ),
        Tile(
            "Directory import",
            "Load an Open Referral HSDS 3.0 file or CSV package into the resource directory.",
            "directory:import",
        ),
        Tile(
            "Encounter dispositions",
            "The outcomes clinicians choose from when they document an encounter.",
            "care:disposition_list",
        ),
    ],
}


def tiles_for(user: User) -> list[tuple[Role, list[Tile]]]:
    sections = []
    for role in Role:
        if role in user.roles:
            sections.append((role, ROLE_TILES[role]))
    return sections


def nav_links(user: User) -> list[tuple[str, str]]:
    links = [("Home", "core:home")]
    if user_can(user, Capability.WORK_QUEUE):
        links.append(("Live queue", "incidents:queue"))
    if user_can(user, Capability.VIEW_INCIDENTS):
        links.append(("Incidents", "incidents:list"))
    if user_can(user, Capability.FIND_PEOPLE):
        links.append(("People", "people:search"))
    if user_can(user, Capability.SEARCH_DIRECTORY):
        links.append(("Resources", "directory:search"))
    if user_can(user, Capability.WORK_FOLLOW_UPS):
        links.append(("Follow-ups", "followups:worklist"))
    if user_can(user, Capability.MANAGE_CASES):
        links.append(("Cases", "cases:my_caseload"))
    if user_can(user, Capability.VIEW_PROTOCOLS):
        links.append(("Protocols", "triage:protocol_list"))
    if user_can(user, Capability.MANAGE_USERS):
        links.append(("People and roles", "accounts:user_list"))
    if user_can(user, Capability.MANAGE_CENTER):
        links.append(("Centers", "centers:list"))
    if user_can(user, Capability.VIEW_AUDIT):
        links.append(("Audit", "audit:list"))
    return links
