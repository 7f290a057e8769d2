"""What each role may do, and the view decorator that enforces it.

Every view is wrapped in `require` (or marked `public`); a test walks the URLconf and fails on any
view without one of the two, so a new page cannot ship without a permission check.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from crisisdesk.accounts.models import User
from crisisdesk.accounts.roles import Role


class Capability(StrEnum):
    SIGNED_IN = "signed_in"
    VIEW_INCIDENTS = "view_incidents"
    MANAGE_USERS = "manage_users"
    MANAGE_CENTER = "manage_center"
    VIEW_AUDIT = "view_audit"
    MANAGE_INTEGRATIONS = "manage_integrations"
    WORK_QUEUE = "work_queue"
    OFFER_TRANSFER = "offer_transfer"
    TAKE_TRANSFER = "take_transfer"
    DECIDE_PULL = "decide_pull"
    VIEW_PROTOCOLS = "view_protocols"
    DRAFT_PROTOCOLS = "draft_protocols"
    SIGN_OFF_PROTOCOLS = "sign_off_protocols"
    SCREEN_CALLS = "screen_calls"
    RUN_INSTRUMENTS = "run_instruments"
    FIND_PEOPLE = "find_people"
    MERGE_PEOPLE = "merge_people"
    DOCUMENT_CARE = "document_care"
    VIEW_CLINICAL = "view_clinical"
    MANAGE_DISPOSITIONS = "manage_dispositions"
    WORK_FOLLOW_UPS = "work_follow_ups"
    MANAGE_CASES = "manage_cases"
    SUPERVISE_CASELOADS = "supervise_caseloads"
    MAKE_REFERRALS = "make_referrals"
    VIEW_HIGH_UTILIZERS = "view_high_utilizers"
    DRAFT_RESPONSE_PLANS = "draft_response_plans"
    APPROVE_RESPONSE_PLANS = "approve_response_plans"
    MANAGE_CONSENT = "manage_consent"
    SEARCH_DIRECTORY = "search_directory"
    MANAGE_DIRECTORY = "manage_directory"
    SEE_CONFIDENTIAL_LOCATIONS = "see_confidential_locations"
    REVIEW_QUEUE = "review_queue"
    CONFIGURE_FLAGGER = "configure_flagger"


CAPABILITY_ROLES: dict[Capability, frozenset[Role]] = {
    Capability.SIGNED_IN: frozenset(Role),
    # Incidents carry names, addresses and call notes: only the roles that work calls.
    Capability.VIEW_INCIDENTS: frozenset(
        {Role.CALL_TAKER, Role.CLINICIAN, Role.SUPERVISOR, Role.RESPONDER}
    ),
    Capability.MANAGE_USERS: frozenset({Role.ADMIN}),
    Capability.MANAGE_CENTER: frozenset({Role.ADMIN}),
    Capability.VIEW_AUDIT: frozenset({Role.ADMIN}),
    # CAD integration tokens and the intake quarantine (raw documents hold call notes).
    Capability.MANAGE_INTEGRATIONS: frozenset({Role.ADMIN}),
    # The live queue board and the incident workspace.
    Capability.WORK_QUEUE: frozenset({Role.CALL_TAKER, Role.CLINICIAN, Role.SUPERVISOR}),
    Capability.OFFER_TRANSFER: frozenset({Role.CALL_TAKER, Role.SUPERVISOR}),
    Capability.TAKE_TRANSFER: frozenset({Role.CLINICIAN}),
    Capability.DECIDE_PULL: frozenset({Role.SUPERVISOR}),
    # Protocol versions hold no call data: all who screen calls or report on screenings.
    Capability.VIEW_PROTOCOLS: frozenset(
        {Role.CALL_TAKER, Role.CLINICIAN, Role.SUPERVISOR, Role.ANALYST}
    ),
    Capability.DRAFT_PROTOCOLS: frozenset({Role.CLINICIAN, Role.SUPERVISOR}),
    # Activating a version: a supervisor who did not author it (checked in the action).
    Capability.SIGN_OFF_PROTOCOLS: frozenset({Role.SUPERVISOR}),
    # Running the diversion screening in the incident workspace.
    Capability.SCREEN_CALLS: frozenset({Role.CALL_TAKER, Role.CLINICIAN, Role.SUPERVISOR}),
    # Clinical instruments (C-SSRS, safety assessment): clinicians and their supervisors.
    Capability.RUN_INSTRUMENTS: frozenset({Role.CLINICIAN, Role.SUPERVISOR}),
    # Finding a person by name, birth date, phone or address: whoever works a call needs it.
    Capability.FIND_PEOPLE: frozenset({Role.CALL_TAKER, Role.CLINICIAN, Role.SUPERVISOR}),
    # Merging (and undoing a merge) changes whose history is whose: clinical staff only.
    Capability.MERGE_PEOPLE: frozenset({Role.CLINICIAN, Role.SUPERVISOR}),
    # Encounters and their DAP notes: written by clinicians, read by clinicians and their
    # supervisors. Call takers, responders and analysts never see clinical text.
    Capability.DOCUMENT_CARE: frozenset({Role.CLINICIAN, Role.SUPERVISOR}),
    Capability.VIEW_CLINICAL: frozenset({Role.CLINICIAN, Role.SUPERVISOR}),
    # The center's list of encounter dispositions.
    Capability.MANAGE_DISPOSITIONS: frozenset({Role.SUPERVISOR, Role.ADMIN}),
    Capability.WORK_FOLLOW_UPS: frozenset({Role.CLINICIAN, Role.SUPERVISOR}),
    Capability.MANAGE_CASES: frozenset({Role.CLINICIAN, Role.SUPERVISOR}),
    # Every clinician's caseload, not only one's own.
    Capability.SUPERVISE_CASELOADS: frozenset({Role.SUPERVISOR}),
    Capability.MAKE_REFERRALS: frozenset({Role.CLINICIAN, Role.SUPERVISOR}),
    # Frequent callers and their response plans help whoever takes the next call.
    Capability.VIEW_HIGH_UTILIZERS: frozenset({Role.CLINICIAN, Role.SUPERVISOR}),
    Capability.DRAFT_RESPONSE_PLANS: frozenset({Role.CLINICIAN, Role.SUPERVISOR}),
    # Approval: a supervisor who did not draft the plan (checked in the action).
    Capability.APPROVE_RESPONSE_PLANS: frozenset({Role.SUPERVISOR}),
    Capability.MANAGE_CONSENT: frozenset({Role.CLINICIAN, Role.SUPERVISOR}),
    # The resource directory is public information, except confidential locations.
    Capability.SEARCH_DIRECTORY: frozenset(
        {Role.CALL_TAKER, Role.CLINICIAN, Role.SUPERVISOR, Role.RESPONDER, Role.ADMIN}
    ),
    Capability.MANAGE_DIRECTORY: frozenset({Role.SUPERVISOR, Role.ADMIN}),
    # Addresses of confidential locations (domestic-violence shelters): clinical staff only.
    Capability.SEE_CONFIDENTIAL_LOCATIONS: frozenset({Role.CLINICIAN, Role.SUPERVISOR}),
    # Queue review flags: clinicians review the pending queue; supervisors see the figures.
    Capability.REVIEW_QUEUE: frozenset({Role.CLINICIAN, Role.SUPERVISOR}),
    Capability.CONFIGURE_FLAGGER: frozenset({Role.SUPERVISOR}),
}


def user_can(user: Any, capability: Capability) -> bool:
    if not isinstance(user, User) or not user.is_active:
        return False
    if capability is Capability.SIGNED_IN:
        return True
    return user.has_role(*CAPABILITY_ROLES[capability])


ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])


def require(capability: Capability) -> Callable[[ViewFunc], ViewFunc]:
    """Anonymous users go to the sign-in page; signed-in users without the role get 403."""

    def decorator(view: ViewFunc) -> ViewFunc:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user_can(request.user, capability):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.crisisdesk_capability = capability  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorator


def public(view: ViewFunc) -> ViewFunc:
    """Marks a view that anyone may open (sign-in page, health check)."""
    view.crisisdesk_public = True  # type: ignore[attr-defined]
    return view


def signed_in_user(request: HttpRequest) -> User:
    """The request's user, typed; views behind `require` always have one."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
