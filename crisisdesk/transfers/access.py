"""Reading transfers and pull requests: the user's center only; otherwise 404."""

from __future__ import annotations

from django.http import Http404

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.transfers.models import PullRequest, Transfer


def access_transfer(user: User, transfer_id: int) -> Transfer:
    transfer = (
        Transfer.objects.select_related("incident", "incident__center", "offered_to", "accepted_by")
        .filter(pk=transfer_id, center_id=user.center_id)
        .first()
    )
    if transfer is None or not user_can(user, Capability.WORK_QUEUE):
        raise Http404("No such transfer.")
    return transfer


def access_pull_request(user: User, pull_id: int) -> PullRequest:
    pull = (
        PullRequest.objects.select_related("incident", "incident__center", "requested_by")
        .filter(pk=pull_id, center_id=user.center_id)
        .first()
    )
    if pull is None or not user_can(user, Capability.WORK_QUEUE):
        raise Http404("No such pull request.")
    return pull
