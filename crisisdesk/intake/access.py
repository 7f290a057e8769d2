"""Reading integration tokens and quarantined documents. Missing and forbidden both answer 404.

An administrator sees their own center's: a token or a held document names the center it
belongs to, and another center's look exactly like ones that do not exist.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.intake.models import IntegrationToken, QuarantinedDocument


def tokens_for(admin: User) -> QuerySet[IntegrationToken]:
    if not user_can(admin, Capability.MANAGE_INTEGRATIONS):
        return IntegrationToken.objects.none()
    return IntegrationToken.objects.filter(center_id=admin.center_id)


def access_integration_token(admin: User, token_id: int) -> IntegrationToken:
    token = tokens_for(admin).select_related("center").filter(pk=token_id).first()
    if token is None:
        raise Http404("No such token.")
    return token


def quarantine_for(admin: User) -> QuerySet[QuarantinedDocument]:
    if not user_can(admin, Capability.MANAGE_INTEGRATIONS):
        return QuarantinedDocument.objects.none()
    return QuarantinedDocument.objects.filter(center_id=admin.center_id)


def access_quarantined_document(admin: User, document_id: int) -> QuarantinedDocument:
    document = (
        quarantine_for(admin)
        .select_related("center", "resolved_by", "incident")
        .filter(pk=document_id)
        .first()
    )
    if document is None:
        raise Http404("No such document.")
    return document
