"""The incident page shows the flag with its evidence marked in the notes (everything else
escaped), a "Request pull" button and a "Dismiss" form that requires a reason."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.test import Client

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.incidents.actions import do_add_incident_note, do_change_incident_status
from crisisdesk.incidents.models import IncidentStatus
from crisisdesk.incidents.queue_version import queue_version
from crisisdesk.review.actions import flag_incident
from crisisdesk.review.models import FlagDecision, IncidentFlag
from crisisdesk.transfers.actions import do_decide_pull, do_offer_transfer
from crisisdesk.transfers.models import PullRequest, Transfer
from tests.conftest import SETUP, Personas
from tests.review.flags import flagged

ClientFor = Callable[[User], Client]
HOSTILE = '<script>alert("x")</script> & RP STATES SUBJ OFF HIS MEDS <b>'


def page(client: Client, incident_id: int) -> str:
    return client.get(f"/incidents/{incident_id}/").content.decode()


def panel_of(body: str) -> str:
    start = body.index('id="review-flag"')
    return body[start : body.index("</section>", start)]


def test_the_evidence_is_marked_in_the_notes_and_everything_else_escaped(
    personas: Personas, client_for: ClientFor
) -> None:
    incident, flag = flagged(personas.metro, "ESC-1", note=HOSTILE)
    do_add_incident_note(incident, text="RP CALLED BACK", actor=SETUP)
    flag = flag_incident(incident)
    panel = panel_of(page(client_for(personas.clinician), incident.pk))
    assert "BH candidate: Mental health" in panel
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; RP STATES SUBJ "
        '<mark class="ev-need" title="Behavioral-health sign: mental health (present)">'
        "OFF HIS MEDS</mark> &lt;b&gt;" in panel
    )
    assert "<script>alert" not in panel and "<b>" not in panel
    assert "1 other note read, nothing found in it" in panel
    assert flag.last_event_id == incident.events.filter(kind="note").last().pk  # type: ignore[union-attr]


def test_negations_and_exclusions_are_marked_as_such(
    personas: Personas, client_for: ClientFor
) -> None:
    incident, _ = flagged(
        personas.metro,
        "NEG-1",
        note="SUBJ TALKING TO HIMSELF, NO WEAPONS. NOW HAS A KNIFE IN HIS POCKET",
    )
    panel = panel_of(page(client_for(personas.clinician), incident.pk))
    assert '<mark class="ev-trigger"' in panel and ">NO</mark>" in panel
    assert '<mark class="ev-negated"' in panel and ">WEAPONS</mark>" in panel
    assert '<mark class="ev-exclusion"' in panel and ">KNIFE</mark>" in panel
    assert 'data-exclusion="weapon present">Listed: weapon present<' in panel


def test_roles_that_do_not_review_the_queue_see_no_flag(
    personas: Personas, client_for: ClientFor
) -> None:
    incident, _ = flagged(personas.metro, "BH-1")
    for user in (personas.call_taker, personas.responder):
        body = page(client_for(user), incident.pk)
        assert ">Incident BH-1<" in body
        assert "review-flag" not in body


def test_a_clinician_requests_a_pull_from_the_flag_with_its_reason(
    personas: Personas, client_for: ClientFor
) -> None:
    incident, flag = flagged(personas.metro, "PULL-1")
    client = client_for(personas.clinician)
    panel = panel_of(page(client, incident.pk))
    assert "Request pull" in panel
    prefilled = "Queue review flag: mental health (TALKING TO HIMSELF, OFF MEDS)."
    assert f'value="{prefilled}"' in panel

    response = client.post(f"/review/incidents/{incident.pk}/pull/", {"reason": prefilled})
    assert response.status_code == 302
    assert response["Location"] == f"/incidents/{incident.pk}/#review-flag"
    pull = PullRequest.objects.get(incident=incident)
    assert (pull.requested_by, pull.reason, pull.state) == (
        personas.clinician,
        prefilled,
        "pending",
    )
    decision = FlagDecision.objects.get(flag=flag)
    assert (decision.kind, decision.pull_request, decision.by) == (
        "pull_requested",
        pull,
        personas.clinician,
    )
    assert IncidentFlag.objects.get(pk=flag.pk).decision == "pull_requested"
    assert AuditEvent.objects.filter(event_type="review.flag_pull_requested").count() == 1
    after = page(client, incident.pk)
    assert "Pull requested from this flag" in after
    assert "Request pull" not in panel_of(after)

    # The supervisor approves it as any pull request: offered to the clinician.
    do_decide_pull(pull, approve=True, actor=personas.supervisor)
    assert Transfer.objects.get(incident=incident).offered_to == personas.clinician


def test_an_empty_reason_becomes_the_flags_own(personas: Personas, client_for: ClientFor) -> None:
    incident, _ = flagged(personas.metro, "PULL-2")
    client_for(personas.clinician).post(f"/review/incidents/{incident.pk}/pull/", {"reason": ""})
    assert PullRequest.objects.get(incident=incident).reason.startswith("Queue review flag:")


def test_a_call_that_cannot_be_pulled_says_why(personas: Personas, client_for: ClientFor) -> None:
    incident, flag = flagged(personas.metro, "OFFERED")
    do_offer_transfer(incident, to=None, actor=personas.call_taker)
    response = client_for(personas.clinician).post(
        f"/review/incidents/{incident.pk}/pull/", {"reason": "mine"}, follow=True
    )
    assert "Not requested. This call already has an open transfer." in response.content.decode()
    assert not FlagDecision.objects.filter(flag=flag).exists()  # rolled back with the pull


def test_a_supervisor_does_not_pull_but_may_dismiss(
    personas: Personas, client_for: ClientFor
) -> None:
    incident, flag = flagged(personas.metro, "SUP-1")
    client = client_for(personas.supervisor)
    panel = panel_of(page(client, incident.pk))
    assert "Request pull" not in panel and "Dismiss" in panel
    response = client.post(f"/review/incidents/{incident.pk}/pull/", {"reason": "x"}, follow=True)
    assert "Only a clinician can ask to pull a call." in response.content.decode()
    assert not PullRequest.objects.exists()


def test_dismissing_requires_a_reason(personas: Personas, client_for: ClientFor) -> None:
    incident, flag = flagged(personas.metro, "DIS-1")
    client = client_for(personas.clinician)
    for reason in ("", "   "):
        response = client.post(
            f"/review/incidents/{incident.pk}/dismiss/", {"reason": reason}, follow=True
        )
        assert "The flag was not dismissed. Say why you dismiss the flag" in (
            response.content.decode()
        )
    assert not FlagDecision.objects.exists()
    assert IncidentFlag.objects.get(pk=flag.pk).decision == ""


def test_a_dismissal_is_kept_with_its_reason_encrypted_and_audited_without_it(
    personas: Personas, client_for: ClientFor
) -> None:
    incident, flag = flagged(personas.metro, "DIS-2")
    version = queue_version(personas.metro.pk)
    reason = "Spoke to his sister: CRT already on the way"
    response = client_for(personas.clinician).post(
        f"/review/incidents/{incident.pk}/dismiss/", {"reason": reason}, follow=True
    )
    body = response.content.decode()
    assert "Flag dismissed; your reason is kept with it." in body
    assert "Dismissed by Alice Clinician" in body and reason in body
    decision = FlagDecision.objects.get(flag=flag)
    assert (decision.kind, decision.reason, decision.category) == (
        "dismissed",
        reason,
        "mental_health",
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT reason FROM review_flagdecision WHERE id = %s", [decision.pk])
        stored = cursor.fetchone()[0]
    assert reason not in stored and stored.startswith("enc1:")
    audit = AuditEvent.objects.get(event_type="review.flag_dismissed")
    assert reason not in str(audit.details)
    assert queue_version(personas.metro.pk) > version
    # Dismissed once is enough.
    again = client_for(personas.clinician).post(
        f"/review/incidents/{incident.pk}/dismiss/", {"reason": "again"}, follow=True
    )
    assert "Dismiss</button>" not in panel_of(again.content.decode())


def test_a_new_note_of_another_kind_raises_a_dismissed_flag_again(
    personas: Personas,
) -> None:
    incident, flag = flagged(personas.metro, "AGAIN")
    from crisisdesk.review.actions import do_dismiss_flag

    do_dismiss_flag(flag, reason="Seen to", actor=personas.clinician)
    do_add_incident_note(incident, text="SUBJ NOW SAYS HE WANTS TO KILL HIMSELF", actor=SETUP)
    flag = flag_incident(incident)
    assert (flag.category, flag.decision) == ("suicide", "")


def test_a_closed_call_shows_its_flag_without_actions(
    personas: Personas, client_for: ClientFor
) -> None:
    incident, _ = flagged(personas.metro, "CLOSED")
    do_change_incident_status(incident, status=IncidentStatus.CLOSED, actor=SETUP)
    panel = panel_of(page(client_for(personas.clinician), incident.pk))
    assert "BH candidate" in panel
    assert "Request pull" not in panel and "Dismiss</button>" not in panel
