"""Two clinicians accept one offer at the same moment: exactly one wins (PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from crisisdesk.accounts.models import User
from crisisdesk.accounts.roles import Role
from crisisdesk.transfers.actions import TransferConflict, do_accept_transfer, do_offer_transfer
from crisisdesk.transfers.models import Transfer
from tests.conftest import Personas, make_incident, make_user

ROUNDS = 5


@pytest.mark.django_db(transaction=True)
def test_two_clinicians_accepting_at_once_yield_exactly_one_winner(personas: Personas) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: real concurrent connections (CI runs it there)")
    clinicians = [personas.clinician, make_user(personas.metro, "bea_clinician", Role.CLINICIAN)]
    for round_number in range(ROUNDS):
        incident = make_incident(personas.metro, f"RACE-{round_number}")
        transfer_id = do_offer_transfer(incident, to=None, actor=personas.call_taker).pk
        start = threading.Barrier(len(clinicians))
        results: dict[str, str] = {}

        def accept(
            clinician: User,
            transfer_id: int = transfer_id,
            start: threading.Barrier = start,
            results: dict[str, str] = results,
        ) -> None:
            try:
                transfer = Transfer.objects.get(pk=transfer_id)
                start.wait(timeout=10)
                do_accept_transfer(transfer, actor=clinician)
                results[clinician.username] = "won"
            except TransferConflict as conflict:
                results[clinician.username] = str(conflict)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=accept, args=(c,)) for c in clinicians]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        winners = [name for name, result in results.items() if result == "won"]
        assert len(results) == 2
        assert len(winners) == 1, results
        loser = next(result for result in results.values() if result != "won")
        assert "already accepted by" in loser
        assert Transfer.objects.get(pk=transfer_id).accepted_by.username == winners[0]  # type: ignore[union-attr]
