"""The worker job: new calls and new notes are flagged, nothing is done when nothing changed,
and boards learn of a new candidate through the queue version."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from crisisdesk.audit.models import AuditEvent
from crisisdesk.core.jobs import JOBS
from crisisdesk.incidents.actions import do_add_incident_note, do_change_incident_status
from crisisdesk.incidents.models import IncidentStatus
from crisisdesk.incidents.queue_version import queue_version
from crisisdesk.review.actions import do_store_flags
from crisisdesk.review.flagging import read_incidents
from crisisdesk.review.jobs import flag_open_incidents
from crisisdesk.review.models import IncidentFlag
from tests.conftest import SETUP, Personas, make_incident
from tests.review.flags import BH_NOTE, PLAIN_NOTE, signed_off


def run_job() -> int:
    job = next(job for job in JOBS if job.name == "flag_open_incidents")
    assert job.every_seconds == 1
    return job.run()


def test_it_flags_new_open_incidents_with_evidence_in_their_notes(personas: Personas) -> None:
    incident = make_incident(
        personas.metro, "BH-1", call_type_code="415", call_type_text="DISTURBANCE", note=BH_NOTE
    )
    plain = make_incident(
        personas.metro, "PLAIN-1", call_type_code="415", call_type_text="NOISE", note=PLAIN_NOTE
    )
    closed = make_incident(personas.metro, "CLOSED-1", note=BH_NOTE)
    do_change_incident_status(closed, status=IncidentStatus.CLOSED, actor=SETUP)

    assert run_job() == 2
    flag = IncidentFlag.objects.get(incident=incident)
    assert (flag.candidate, flag.category, flag.exclusions) == (True, "mental_health", [])
    assert flag.raised_at is not None and flag.raised_category == "mental_health"
    note = incident.events.get(kind="note")
    assert flag.last_event_id == note.pk
    assert flag.config_version is None and flag.config_label == "default 1"
    spans = [span for item in flag.evidence for span in item["spans"]]
    talking = next(span for span in spans if span["text"] == "TALKING TO HIMSELF")
    assert talking["event_id"] == note.pk
    assert note.text[talking["start"] : talking["end"]] == "TALKING TO HIMSELF"
    assert IncidentFlag.objects.get(incident=plain).candidate is False
    assert not IncidentFlag.objects.filter(incident=closed).exists()
    audit = AuditEvent.objects.get(event_type="review.incidents_flagged")
    assert audit.center_id == personas.metro.pk
    assert audit.details["raised"] == [incident.pk]
    assert BH_NOTE not in str(audit.details)  # no note text in the audit trail


def test_a_new_note_makes_it_read_the_incident_again(personas: Personas) -> None:
    incident = make_incident(
        personas.metro, "LATER", call_type_code="415", call_type_text="NOISE", note=PLAIN_NOTE
    )
    run_job()
    flag = IncidentFlag.objects.get(incident=incident)
    assert not flag.candidate
    version = queue_version(personas.metro.pk)

    note = do_add_incident_note(
        incident, text="SUBJ NOW SAYS HE WANTS TO KILL HIMSELF", actor=SETUP
    )
    assert run_job() == 1
    flag.refresh_from_db()
    assert (flag.candidate, flag.category, flag.last_event_id) == (True, "suicide", note.pk)
    assert queue_version(personas.metro.pk) > version  # open boards show it on their next poll
    spans = [span for item in flag.evidence for span in item["spans"]]
    assert {span["event_id"] for span in spans if span["field"] == "notes"} == {note.pk}


def test_no_work_and_one_query_when_nothing_changed(personas: Personas) -> None:
    for n in range(3):
        make_incident(personas.metro, f"INC-{n}", note=BH_NOTE)
    assert run_job() == 3
    audits = AuditEvent.objects.count()
    version = queue_version(personas.metro.pk)
    with CaptureQueriesContext(connection) as queries:
        assert run_job() == 0
    assert len(queries) == 1, [query["sql"] for query in queries]
    assert AuditEvent.objects.count() == audits
    assert queue_version(personas.metro.pk) == version


def test_reading_again_with_the_same_answer_does_not_bump_the_boards(
    personas: Personas,
) -> None:
    incident = make_incident(personas.metro, "SAME", note=BH_NOTE)
    run_job()
    do_add_incident_note(incident, text="RP CALLED BACK, SAME INFO", actor=SETUP)
    version = queue_version(personas.metro.pk)
    assert run_job() == 1
    assert queue_version(personas.metro.pk) == version


def test_it_uses_the_centers_active_version_and_rereads_after_a_sign_off(
    personas: Personas,
) -> None:
    incident = make_incident(
        personas.metro, "CODE", call_type_code="PSYCH", call_type_text="", note="RP CALLING"
    )
    theirs = make_incident(
        personas.northfield, "THEIRS", call_type_code="PSYCH", call_type_text="", note=""
    )
    run_job()
    assert not IncidentFlag.objects.get(incident=incident).candidate

    version = signed_off(personas)
    assert IncidentFlag.objects.get(incident=incident).stale
    assert run_job() == 1  # only Metro's open flag was made stale
    flag = IncidentFlag.objects.get(incident=incident)
    assert (flag.candidate, flag.category, flag.stale) == (True, "mental_health", False)
    assert flag.config_version == version and flag.config_label == "metro 2"
    assert not IncidentFlag.objects.get(incident=theirs).candidate  # Northfield: default


def test_it_works_in_batches(personas: Personas) -> None:
    for n in range(7):
        make_incident(personas.metro, f"B-{n}", note=BH_NOTE)
    assert flag_open_incidents(batch_size=3, max_batches=2) == 6
    assert flag_open_incidents(batch_size=3, max_batches=2) == 1
    assert IncidentFlag.objects.filter(candidate=True).count() == 7


def test_an_incident_it_cannot_read_is_kept_with_the_error_and_not_retried(
    personas: Personas,
) -> None:
    incident = make_incident(personas.metro, "HUGE", note="X " * 100_001)
    assert run_job() == 1
    flag = IncidentFlag.objects.get(incident=incident)
    assert not flag.candidate
    assert "notes: longer than" in flag.error
    assert run_job() == 0


def test_a_sign_off_while_the_flagger_reads_leaves_the_flag_stale(personas: Personas) -> None:
    incident = make_incident(
        personas.metro, "RACE", call_type_code="PSYCH", call_type_text="", note="RP CALLING"
    )
    readings = read_incidents([incident.pk])  # with the built-in default
    signed_off(personas)  # the new version arrives before they are stored
    do_store_flags(readings)
    assert IncidentFlag.objects.get(incident=incident).stale
    assert run_job() == 1
    flag = IncidentFlag.objects.get(incident=incident)
    assert (flag.stale, flag.candidate, flag.config_label) == (False, True, "metro 2")
