"""Which actions the incident workspace offers to this user, for this incident, right now.

The actions check again when they run (someone may have acted meanwhile); this only decides
which buttons to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.accounts.roles import Role
from crisisdesk.incidents.models import Incident, IncidentStatus
from crisisdesk.plans.access import IncidentPlans, incident_plans
from crisisdesk.transfers.forms import OfferForm, OutcomeForm
from crisisdesk.transfers.models import PullRequest, Transfer
from crisisdesk.transfers.states import PullState, TransferState
from crisisdesk.triage.screening_access import IncidentScreenings, incident_screenings


@dataclass
class Workspace:
    transfer: Transfer | None
    pending_pulls: list[PullRequest]
    history: list[Transfer]
    # The latest decided screenings (pathway, C-SSRS level, safety brief), shown to all.
    screenings: IncidentScreenings = field(default_factory=IncidentScreenings)
    # Approved response plans matching the call: the banner, shown to all who see the call.
    response_plans: IncidentPlans = field(default_factory=IncidentPlans)
    can_note: bool = False
    can_offer: bool = False
    can_cancel: bool = False
    can_accept: bool = False
    can_conference: bool = False
    can_record_outcome: bool = False
    can_request_pull: bool = False
    can_decide_pulls: bool = False
    can_mark_988: bool = False
    offer_form: OfferForm | None = None
    outcome_form: OutcomeForm | None = None
    notices: list[str] = field(default_factory=list)

    @property
    def has_actions(self) -> bool:
        return any(
            (
                self.can_offer,
                self.can_cancel,
                self.can_accept,
                self.can_conference,
                self.can_record_outcome,
                self.can_request_pull,
                self.can_mark_988,
            )
        )


def workspace_for(user: User, incident: Incident) -> Workspace:
    transfers = list(
        Transfer.objects.filter(incident=incident)
        .select_related("offered_by", "offered_to", "accepted_by")
        .order_by("-offered_at")[:20]
    )
    current = next((transfer for transfer in transfers if transfer.is_open), None)
    pulls = list(
        PullRequest.objects.filter(incident=incident, state=PullState.PENDING).select_related(
            "requested_by"
        )
    )
    space = Workspace(
        transfer=current,
        pending_pulls=pulls,
        history=[transfer for transfer in transfers if not transfer.is_open],
        screenings=incident_screenings(incident),
        response_plans=incident_plans(user, incident),
    )
    if not user_can(user, Capability.WORK_QUEUE):
        return space
    is_open = incident.is_open
    space.can_note = True
    offers = user_can(user, Capability.OFFER_TRANSFER)
    takes = user_can(user, Capability.TAKE_TRANSFER)
    if offers and is_open and current is None:
        space.can_offer = True
        space.offer_form = OfferForm(center=user.center)
    if offers and current is not None and current.state == TransferState.OFFERED:
        space.can_cancel = True
    if takes and current is not None and current.state == TransferState.OFFERED:
        space.can_accept = current.offered_to_id in (None, user.pk) and user.has_role(
            Role.CLINICIAN
        )
    if takes and current is not None and current.accepted_by_id == user.pk:
        space.can_conference = current.state == TransferState.ACCEPTED
        space.can_record_outcome = True
        space.outcome_form = OutcomeForm()
    if takes and current is None and incident.status == IncidentStatus.PENDING:
        space.can_request_pull = not any(pull.requested_by_id == user.pk for pull in pulls)
    space.can_decide_pulls = user_can(user, Capability.DECIDE_PULL) and bool(pulls)
    space.can_mark_988 = offers and is_open and not incident.origin_988
    return space
