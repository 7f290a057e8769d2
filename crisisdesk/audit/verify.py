"""Checking the audit chain stored in the database."""

from __future__ import annotations

from crisisdesk.audit import chain
from crisisdesk.audit.models import AuditChainHead, AuditEvent


def verify_audit_chain() -> chain.Verification:
    head = AuditChainHead.objects.filter(pk=1).first()
    head_seq = head.last_seq if head else 0
    head_hash = head.last_hash if head else chain.GENESIS_HASH
    rows = (
        event.chain_fields()
        for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000)
    )
    return chain.verify_rows(rows, head_seq=head_seq, head_hash=head_hash)
