"""/referrals/: the open referrals, waiting longest first, stale ones marked."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.referrals.actions import ServiceDetails
from crisisdesk.referrals.models import Referral
from tests.conftest import Personas
from tests.referrals.helpers import make_person, make_referral, move

ClientFor = Callable[[User], Client]


def age(referral: Referral, days: int, *, sent: bool = False) -> None:
    at = timezone.now() - timedelta(days=days)
    fields = {"state_changed_at": at, "proposed_at": at}
    if sent:
        fields["sent_at"] = at
    Referral.objects.filter(pk=referral.pk).update(**fields)


def test_my_open_referrals_wait_longest_first_and_the_stale_one_is_marked(
    personas: Personas, client_for: ClientFor
) -> None:
    make_referral(make_person(personas.metro, "Ana", "Ruiz"), personas.clinician)
    stale = make_referral(make_person(personas.metro, "Bo", "Stale"), personas.clinician)
    move(stale, personas.clinician, "send")
    age(stale, 5, sent=True)
    old_proposed = make_referral(
        make_person(personas.metro, "Cy", "Older"), personas.clinician, ServiceDetails("Pantry")
    )
    age(old_proposed, 2)
    ended = make_referral(make_person(personas.metro, "Di", "Done"), personas.clinician)
    move(ended, personas.clinician, "decline_person")
    make_referral(make_person(personas.metro, "Ed", "Theirs"), personas.supervisor)

    response = client_for(personas.clinician).get("/referrals/")

    body = response.content.decode()
    assert response.status_code == 200
    order = [body.index(name) for name in ("Bo Stale", "Cy Older", "Ana Ruiz")]
    assert order == sorted(order)
    assert "Di Done" not in body and "Ed Theirs" not in body
    stale_row = body[body.index("Bo Stale") : body.index("Cy Older")]
    assert ">Stale<" in stale_row
    assert ">Stale<" not in body[body.index("Cy Older") :]
    assert "3 open referrals" in body


def test_the_whole_centers_view_adds_who_made_each_one(
    personas: Personas, client_for: ClientFor
) -> None:
    make_referral(make_person(personas.metro, "Ed", "Theirs"), personas.supervisor)
    make_referral(make_person(personas.northfield, "Far", "Away"), personas.outsider)
    body = client_for(personas.clinician).get("/referrals/?who=all").content.decode()
    assert "Ed Theirs" in body and "Sam Supervisor" in body
    assert "Far Away" not in body


def test_no_open_referrals_says_so(personas: Personas, client_for: ClientFor) -> None:
    body = client_for(personas.supervisor).get("/referrals/").content.decode()
    assert "No open referrals made by you." in body


def test_roles_that_do_not_make_referrals_do_not_see_the_list(
    personas: Personas, client_for: ClientFor
) -> None:
    for user in (personas.call_taker, personas.responder, personas.analyst, personas.admin):
        assert client_for(user).get("/referrals/").status_code == 403
