"""Protocol governance through its actions: draft, sign off, withdraw."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from crisisdesk.accounts.models import User
from crisisdesk.accounts.roles import Role
from crisisdesk.audit.models import AuditEvent
from crisisdesk.triage import governance
from crisisdesk.triage.engine import BUILTIN_DIR
from crisisdesk.triage.governance import (
    GovernanceRefusal,
    do_draft_protocol_version,
    do_sign_off_protocol_version,
    do_withdraw_protocol_version,
)
from crisisdesk.triage.models import ProtocolVersion, VersionStatus
from crisisdesk.triage.versions import active_version
from tests.conftest import Personas, make_user
from tests.triage.samples import sample, sample_text

NEW_HELP = "Yes for trouble breathing or choking, chest pain,"


def diversion_text(version: str = "1.1", *, help_text: str = NEW_HELP) -> str:
    """The shipped diversion-standard with a bumped version and one help text changed."""
    text = (BUILTIN_DIR / "diversion-standard.yaml").read_text(encoding="utf-8")
    text = text.replace('version: "1.0"', f'version: "{version}"', 1)
    return text.replace("Yes for trouble breathing, chest pain,", help_text, 1)


@pytest.fixture
def supervising_clinician(personas: Personas) -> User:
    return make_user(personas.metro, "cleo_clinical_lead", Role.CLINICIAN, Role.SUPERVISOR)


def events(event_type: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type=event_type).order_by("seq"))


def test_a_clinician_drafts_a_new_version_checked_against_the_active_one(
    personas: Personas,
) -> None:
    draft = do_draft_protocol_version(
        personas.metro, text=diversion_text(), actor=personas.clinician
    )
    assert (draft.name, draft.version, draft.status) == ("diversion-standard", "1.1", "draft")
    assert draft.authored_by == personas.clinician
    assert NEW_HELP in draft.text
    report = draft.check_report
    assert report["compared_with"] == "1.0"
    assert report["errors"] == 0
    assert report["tests_total"] > 10
    assert report["tests_passed"] == report["tests_total"]
    assert all(test["passed"] and not test["failures"] for test in report["tests"])
    # The shipped version became the center's active one, to be compared with and retired.
    assert active_version(personas.metro, "diversion-standard").version == "1.0"
    [drafted] = events("protocol.drafted")
    assert drafted.actor == personas.clinician
    assert drafted.details["version"] == "1.1"
    assert drafted.details["compared_with"] == "1.0"


def test_text_from_a_browser_is_stored_with_plain_line_ends(personas: Personas) -> None:
    text = diversion_text().replace("\n", "\r\n") + "\r\n\r\n"
    draft = do_draft_protocol_version(personas.metro, text=text, actor=personas.clinician)
    assert draft.text == diversion_text()


def test_text_that_does_not_load_is_refused_with_the_engines_problems(
    personas: Personas,
) -> None:
    broken = diversion_text().replace("{medical_emergency: yes}", "{medical_emergncy: yes}", 1)
    with pytest.raises(GovernanceRefusal, match="does not load") as refused:
        do_draft_protocol_version(personas.metro, text=broken, actor=personas.clinician)
    [problem] = refused.value.problems
    assert problem.path.startswith("rules[0].when")
    assert "did you mean 'medical_emergency'" in problem.message
    assert not ProtocolVersion.objects.filter(version="1.1").exists()
    assert not events("protocol.drafted")


def test_yaml_syntax_errors_name_the_line(personas: Personas) -> None:
    with pytest.raises(GovernanceRefusal) as refused:
        do_draft_protocol_version(
            personas.metro, text="name: x\nquestions: [\n", actor=personas.clinician
        )
    assert "line 3" in str(refused.value.problems[0])


def test_an_active_version_is_never_changed_by_drafting_it_again(personas: Personas) -> None:
    active = active_version(personas.metro, "diversion-standard")
    edited = diversion_text(version="1.0")
    with pytest.raises(GovernanceRefusal, match=r"1.0 of diversion-standard already exists \(act"):
        do_draft_protocol_version(personas.metro, text=edited, actor=personas.supervisor)
    active.refresh_from_db()
    assert NEW_HELP not in active.text
    assert active.status == VersionStatus.ACTIVE


def test_there_is_no_action_that_edits_a_version() -> None:
    actions = sorted(name for name in dir(governance) if name.startswith("do_"))
    assert actions == [
        "do_draft_protocol_version",
        "do_sign_off_protocol_version",
        "do_withdraw_protocol_version",
    ]


def test_only_clinicians_and_supervisors_of_the_center_draft(personas: Personas) -> None:
    for actor in (personas.call_taker, personas.analyst, personas.admin, personas.outsider):
        with pytest.raises(GovernanceRefusal, match="drafts protocols"):
            do_draft_protocol_version(personas.metro, text=diversion_text(), actor=actor)
    assert not ProtocolVersion.objects.filter(status=VersionStatus.DRAFT).exists()


def test_the_author_cannot_sign_off_even_as_a_supervisor(
    personas: Personas, supervising_clinician: User
) -> None:
    draft = do_draft_protocol_version(
        personas.metro, text=diversion_text(), actor=supervising_clinician
    )
    with pytest.raises(GovernanceRefusal, match="You wrote this draft; another supervisor"):
        do_sign_off_protocol_version(draft, actor=supervising_clinician)
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT
    assert active_version(personas.metro, "diversion-standard").version == "1.0"
    assert not events("protocol.signed_off")


def test_a_clinician_cannot_sign_off(personas: Personas, supervising_clinician: User) -> None:
    draft = do_draft_protocol_version(
        personas.metro, text=diversion_text(), actor=supervising_clinician
    )
    with pytest.raises(GovernanceRefusal, match="Only a supervisor"):
        do_sign_off_protocol_version(draft, actor=personas.clinician)
    assert ProtocolVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT


def test_another_supervisor_signs_off_and_the_active_version_is_retired(
    personas: Personas, supervising_clinician: User
) -> None:
    old = active_version(personas.metro, "diversion-standard")
    draft = do_draft_protocol_version(
        personas.metro, text=diversion_text(), actor=supervising_clinician
    )
    do_sign_off_protocol_version(draft, actor=personas.supervisor, replacing_id=old.pk)
    draft.refresh_from_db()
    old.refresh_from_db()
    assert draft.status == VersionStatus.ACTIVE
    assert draft.signed_off_by == personas.supervisor
    assert draft.activated_at is not None
    assert old.status == VersionStatus.RETIRED
    assert old.retired_at == draft.activated_at
    assert active_version(personas.metro, "diversion-standard") == draft
    [signed] = events("protocol.signed_off")
    assert signed.actor == personas.supervisor
    assert signed.object_id == str(draft.pk)
    assert signed.details["version"] == "1.1"
    assert signed.details["retired_version"] == "1.0"
    assert signed.details["retired_id"] == old.pk
    assert signed.details["authored_by"] == supervising_clinician.pk


def test_a_draft_is_signed_off_only_once(personas: Personas) -> None:
    second = make_user(personas.metro, "sol_supervisor", Role.SUPERVISOR)
    draft = do_draft_protocol_version(
        personas.metro, text=diversion_text(), actor=personas.clinician
    )
    stale = ProtocolVersion.objects.get(pk=draft.pk)
    do_sign_off_protocol_version(draft, actor=personas.supervisor)
    with pytest.raises(GovernanceRefusal, match="This version is active"):
        do_sign_off_protocol_version(stale, actor=second)
    assert ProtocolVersion.objects.get(pk=draft.pk).signed_off_by == personas.supervisor
    assert len(events("protocol.signed_off")) == 1


def test_a_sign_off_reviewed_against_a_version_no_longer_active_is_refused(
    personas: Personas,
) -> None:
    builtin = active_version(personas.metro, "diversion-standard")
    first = do_draft_protocol_version(
        personas.metro, text=diversion_text("1.1"), actor=personas.clinician
    )
    second = do_draft_protocol_version(
        personas.metro,
        text=diversion_text("1.2", help_text="Yes for choking,"),
        actor=personas.clinician,
    )
    do_sign_off_protocol_version(first, actor=personas.supervisor, replacing_id=builtin.pk)
    with pytest.raises(GovernanceRefusal, match=r"version 1.1 is active now"):
        do_sign_off_protocol_version(second, actor=personas.supervisor, replacing_id=builtin.pk)
    assert ProtocolVersion.objects.get(pk=second.pk).status == VersionStatus.DRAFT
    do_sign_off_protocol_version(second, actor=personas.supervisor, replacing_id=first.pk)
    statuses = dict(
        ProtocolVersion.objects.filter(name="diversion-standard").values_list("version", "status")
    )
    assert statuses == {"1.0": "retired", "1.1": "retired", "1.2": "active"}


def test_failing_test_cases_are_reported_and_block_sign_off(personas: Personas) -> None:
    text = diversion_text().replace("    outcome: ems_fire\n", "    outcome: police\n", 1)
    draft = do_draft_protocol_version(personas.metro, text=text, actor=personas.clinician)
    report = draft.check_report
    assert report["tests_passed"] == report["tests_total"] - 1
    [failed] = [test for test in report["tests"] if not test["passed"]]
    assert failed["name"].startswith("an overdose with reduced consciousness")
    assert failed["failures"] == ["expected outcome police, got ems_fire"]
    with pytest.raises(GovernanceRefusal, match="1 of .* test cases fail"):
        do_sign_off_protocol_version(draft, actor=personas.supervisor)
    assert ProtocolVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT


def test_a_builtin_draft_that_drops_published_question_ids_cannot_be_signed_off(
    personas: Personas,
) -> None:
    data = sample()
    data.update(name="diversion-standard", version="2.0")
    draft = do_draft_protocol_version(
        personas.metro, text=sample_text(data), actor=personas.clinician
    )
    [gone] = [p for p in draft.check_report["problems"] if p["path"] == "questions"]
    assert gone["severity"] == "error"
    assert "medical_emergency" in gone["message"]
    with pytest.raises(GovernanceRefusal, match="the checks found 1 error"):
        do_sign_off_protocol_version(draft, actor=personas.supervisor)


def test_a_new_name_becomes_the_centers_own_protocol_when_signed_off(
    personas: Personas,
) -> None:
    draft = do_draft_protocol_version(personas.metro, text=sample_text(), actor=personas.clinician)
    assert draft.check_report["compared_with"] is None
    do_sign_off_protocol_version(draft, actor=personas.supervisor, replacing_id=None)
    assert active_version(personas.metro, "sample") == draft
    assert not ProtocolVersion.objects.filter(center=personas.northfield).exists()
    # A later version may drop a question of the center's own protocol, with a warning.
    data = sample()
    data["version"] = "2"
    data["questions"].pop()
    later = do_draft_protocol_version(
        personas.metro, text=sample_text(data), actor=personas.clinician
    )
    [gone] = [p for p in later.check_report["problems"] if p["path"] == "questions"]
    assert gone["severity"] == "warning"
    do_sign_off_protocol_version(later, actor=personas.supervisor)
    assert active_version(personas.metro, "sample").version == "2"


def test_the_author_withdraws_a_draft(personas: Personas) -> None:
    draft = do_draft_protocol_version(
        personas.metro, text=diversion_text(), actor=personas.clinician
    )
    do_withdraw_protocol_version(draft, actor=personas.clinician)
    assert ProtocolVersion.objects.get(pk=draft.pk).status == VersionStatus.WITHDRAWN
    [withdrawn] = events("protocol.withdrawn")
    assert withdrawn.actor == personas.clinician
    with pytest.raises(GovernanceRefusal, match="only a draft can be signed off"):
        do_sign_off_protocol_version(draft, actor=personas.supervisor)
    # Its number stays taken: a withdrawn version is part of the history.
    with pytest.raises(GovernanceRefusal, match=r"already exists \(withdrawn\)"):
        do_draft_protocol_version(personas.metro, text=diversion_text(), actor=personas.clinician)


def test_a_supervisor_withdraws_anyones_draft_but_another_clinician_cannot(
    personas: Personas,
) -> None:
    other = make_user(personas.metro, "bea_clinician", Role.CLINICIAN)
    draft = do_draft_protocol_version(
        personas.metro, text=diversion_text(), actor=personas.clinician
    )
    with pytest.raises(GovernanceRefusal, match="Only the author of a draft or a supervisor"):
        do_withdraw_protocol_version(draft, actor=other)
    do_withdraw_protocol_version(draft, actor=personas.supervisor)
    assert ProtocolVersion.objects.get(pk=draft.pk).status == VersionStatus.WITHDRAWN


def test_active_and_retired_versions_cannot_be_withdrawn(personas: Personas) -> None:
    old = active_version(personas.metro, "diversion-standard")
    draft = do_draft_protocol_version(
        personas.metro, text=diversion_text(), actor=personas.clinician
    )
    do_sign_off_protocol_version(draft, actor=personas.supervisor)
    for version in (ProtocolVersion.objects.get(pk=old.pk), draft):
        with pytest.raises(GovernanceRefusal, match="only a draft can be withdrawn"):
            do_withdraw_protocol_version(version, actor=personas.supervisor)
    assert ProtocolVersion.objects.get(pk=old.pk).status == VersionStatus.RETIRED
    assert ProtocolVersion.objects.get(pk=draft.pk).status == VersionStatus.ACTIVE


@pytest.mark.django_db(transaction=True)
def test_two_supervisors_signing_off_rival_drafts_at_once_activate_exactly_one(
    personas: Personas,
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: real concurrent connections (CI runs it there)")
    supervisors = [
        personas.supervisor,
        make_user(personas.metro, "sol_supervisor", Role.SUPERVISOR),
    ]
    builtin = active_version(personas.metro, "diversion-standard")
    drafts = [
        do_draft_protocol_version(
            personas.metro, text=diversion_text(f"1.{n}"), actor=personas.clinician
        ).pk
        for n in (1, 2)
    ]
    start = threading.Barrier(2)
    results: dict[int, str] = {}

    def sign_off(supervisor: User, draft_id: int) -> None:
        try:
            draft = ProtocolVersion.objects.get(pk=draft_id)
            start.wait(timeout=10)
            do_sign_off_protocol_version(draft, actor=supervisor, replacing_id=builtin.pk)
            results[draft_id] = "won"
        except GovernanceRefusal as refusal:
            results[draft_id] = refusal.message
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=sign_off, args=pair)
        for pair in zip(supervisors, drafts, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert list(results.values()).count("won") == 1, results
    [winner] = [draft_id for draft_id, result in results.items() if result == "won"]
    [loser] = [draft_id for draft_id in drafts if draft_id != winner]
    assert "active version changed" in results[loser]
    assert ProtocolVersion.objects.get(pk=winner).status == VersionStatus.ACTIVE
    assert ProtocolVersion.objects.get(pk=loser).status == VersionStatus.DRAFT
    assert ProtocolVersion.objects.get(pk=builtin.pk).status == VersionStatus.RETIRED
