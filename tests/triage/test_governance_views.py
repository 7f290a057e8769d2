"""The protocol governance pages, end to end through HTTP."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from crisisdesk.accounts.models import User
from crisisdesk.accounts.roles import Role
from crisisdesk.audit.models import AuditEvent
from crisisdesk.triage.engine import builtin_names
from crisisdesk.triage.governance import do_draft_protocol_version, do_sign_off_protocol_version
from crisisdesk.triage.models import ProtocolVersion, VersionStatus
from crisisdesk.triage.versions import active_version
from tests.conftest import Personas, make_user
from tests.triage.test_governance_actions import NEW_HELP, diversion_text

ClientFor = Callable[[User], Client]


def version_url(version: ProtocolVersion) -> str:
    return reverse("triage:protocol_version", args=[version.pk])


def html(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined,no-any-return]


@pytest.fixture
def lead(personas: Personas) -> User:
    """A clinical lead who is also a supervisor: the author the rules must still stop."""
    return make_user(personas.metro, "cleo_clinical_lead", Role.CLINICIAN, Role.SUPERVISOR)


@pytest.fixture
def draft(personas: Personas, lead: User) -> ProtocolVersion:
    return do_draft_protocol_version(personas.metro, text=diversion_text(), actor=lead)


def test_the_list_shows_the_builtins_to_a_call_taker(
    personas: Personas, client_for: ClientFor
) -> None:
    response = client_for(personas.call_taker).get(reverse("triage:protocol_list"))
    assert response.status_code == 200
    for name in builtin_names():
        assert reverse("triage:protocol_detail", args=[name]) in html(response)
    assert "Shipped with CrisisDesk" in html(response)
    assert "Draft a new protocol" not in html(response)
    active = ProtocolVersion.objects.filter(center=personas.metro, status=VersionStatus.ACTIVE)
    assert sorted(active.values_list("name", flat=True)) == builtin_names()


def test_roles_that_do_not_screen_cannot_open_protocols(
    personas: Personas, client_for: ClientFor
) -> None:
    for user in (personas.responder, personas.admin):
        response = client_for(user).get(reverse("triage:protocol_list"))
        assert response.status_code == 403


def test_the_nav_and_the_home_page_link_to_protocols(
    personas: Personas, client_for: ClientFor
) -> None:
    link = f'href="{reverse("triage:protocol_list")}"'
    for user in (personas.call_taker, personas.analyst, personas.clinician, personas.supervisor):
        assert link in html(client_for(user).get(reverse("core:home")))
    assert link not in html(client_for(personas.responder).get(reverse("core:home")))


def test_the_detail_page_shows_drafts_and_who_signed_off_the_history(
    personas: Personas, client_for: ClientFor, draft: ProtocolVersion
) -> None:
    later = do_draft_protocol_version(
        personas.metro, text=diversion_text("1.2"), actor=personas.clinician
    )
    do_sign_off_protocol_version(draft, actor=personas.supervisor)
    response = client_for(personas.analyst).get(
        reverse("triage:protocol_detail", args=["diversion-standard"])
    )
    page = html(response)
    assert "Standard diversion screening" in page
    assert version_url(later) in page  # waiting for sign-off
    assert "Alice Clinician" in page
    assert "Sam Supervisor" in page  # signed off 1.1
    history = page.split("<h2>History</h2>")[1]
    assert "CrisisDesk (built-in)" in history  # 1.0, retired


def test_an_unknown_protocol_and_another_centers_version_are_not_found(
    personas: Personas, client_for: ClientFor
) -> None:
    theirs = do_draft_protocol_version(
        personas.northfield, text=diversion_text(), actor=personas.outsider
    )
    client = client_for(personas.clinician)
    assert client.get(reverse("triage:protocol_detail", args=["no-such"])).status_code == 404
    assert client.get(version_url(theirs)).status_code == 404
    sign_off = reverse("triage:protocol_sign_off", args=[theirs.pk])
    assert client_for(personas.supervisor).post(sign_off).status_code == 404
    assert ProtocolVersion.objects.get(pk=theirs.pk).status == VersionStatus.DRAFT


def test_the_draft_form_starts_from_the_active_text(
    personas: Personas, client_for: ClientFor
) -> None:
    url = reverse("triage:protocol_draft") + "?from=diversion-standard"
    response = client_for(personas.clinician).get(url)
    assert response.status_code == 200
    assert "New version of diversion-standard" in html(response)
    assert "Yes for trouble breathing, chest pain," in html(response)
    assert "version: &quot;1.0&quot;" in html(response)


def test_a_call_taker_cannot_draft(personas: Personas, client_for: ClientFor) -> None:
    response = client_for(personas.call_taker).post(
        reverse("triage:protocol_draft"), {"text": diversion_text()}
    )
    assert response.status_code == 403
    assert not ProtocolVersion.objects.filter(version="1.1").exists()


def test_a_drafted_version_opens_on_its_page(personas: Personas, client_for: ClientFor) -> None:
    response = client_for(personas.clinician).post(
        reverse("triage:protocol_draft"), {"text": diversion_text()}, follow=True
    )
    draft = ProtocolVersion.objects.get(name="diversion-standard", version="1.1")
    assert response.redirect_chain == [(version_url(draft), 302)]
    assert "Draft diversion-standard 1.1 saved for review." in html(response)


def test_a_draft_can_be_uploaded_as_a_file(personas: Personas, client_for: ClientFor) -> None:
    upload = SimpleUploadedFile("diversion.yaml", diversion_text().encode(), "text/yaml")
    client_for(personas.clinician).post(
        reverse("triage:protocol_draft"), {"text": "ignored", "upload": upload}
    )
    assert NEW_HELP in ProtocolVersion.objects.get(version="1.1").text


def test_a_file_that_is_not_text_is_refused(personas: Personas, client_for: ClientFor) -> None:
    upload = SimpleUploadedFile("diversion.yaml", b"\xff\xfe\x00bad", "text/yaml")
    response = client_for(personas.clinician).post(
        reverse("triage:protocol_draft"), {"upload": upload}
    )
    assert "The file is not UTF-8 text." in html(response)
    assert not ProtocolVersion.objects.filter(status=VersionStatus.DRAFT).exists()


def test_a_broken_draft_shows_the_engines_problems_and_keeps_the_text(
    personas: Personas, client_for: ClientFor
) -> None:
    broken = diversion_text().replace("{medical_emergency: yes}", "{medical_emergncy: yes}", 1)
    response = client_for(personas.clinician).post(
        reverse("triage:protocol_draft"), {"text": broken}
    )
    page = html(response)
    assert response.status_code == 200
    assert "Nothing was saved." in page
    assert "The protocol does not load." in page
    assert "<code>rules[0].when.any[0].medical_emergncy</code>" in page
    assert "did you mean &#x27;medical_emergency&#x27;" in page
    assert "{medical_emergncy: yes}" in page  # the text stays, to be fixed
    assert not ProtocolVersion.objects.filter(status=VersionStatus.DRAFT).exists()


def test_the_version_page_shows_the_diff_and_the_test_results(
    personas: Personas, client_for: ClientFor, draft: ProtocolVersion
) -> None:
    page = html(client_for(personas.call_taker).get(version_url(draft)))
    assert "Changes against the active version, 1.0" in page
    assert '<td>− Removed</td>\n      <td class="diff-text"><del>version: &quot;1.0&quot;' in page
    assert "<ins>version: &quot;1.1&quot;</ins>" in page
    assert f"<ins>      {NEW_HELP} serious bleeding" in page
    total = draft.check_report["tests_total"]
    assert f"{total} of {total} test cases pass; 0 errors" in page
    assert page.count(">Passed</span>") == total
    # A call taker reads the review but has no button.
    assert "Sign off and activate" not in page
    assert "Only a supervisor of this center can sign off" in page


def test_the_author_sees_why_they_cannot_sign_off_and_a_disabled_button(
    personas: Personas, client_for: ClientFor, lead: User, draft: ProtocolVersion
) -> None:
    page = html(client_for(lead).get(version_url(draft)))
    assert "You wrote this draft; another supervisor must sign it off." in page
    assert 'disabled aria-describedby="sign-off-why"' in page
    assert 'class="primary">Sign off' not in page


def test_a_forced_sign_off_by_the_author_is_refused(
    personas: Personas, client_for: ClientFor, lead: User, draft: ProtocolVersion
) -> None:
    builtin = active_version(personas.metro, "diversion-standard")
    response = client_for(lead).post(
        reverse("triage:protocol_sign_off", args=[draft.pk]),
        {"replacing": builtin.pk},
        follow=True,
    )
    assert "Not signed off. You wrote this draft; another supervisor" in html(response)
    assert ProtocolVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT
    assert active_version(personas.metro, "diversion-standard") == builtin
    assert not AuditEvent.objects.filter(event_type="protocol.signed_off").exists()


def test_another_supervisor_signs_off_from_the_page(
    personas: Personas, client_for: ClientFor, draft: ProtocolVersion
) -> None:
    builtin = active_version(personas.metro, "diversion-standard")
    client = client_for(personas.supervisor)
    page = html(client.get(version_url(draft)))
    assert f'name="replacing" value="{builtin.pk}"' in page
    assert 'class="primary">Sign off and activate 1.1' in page
    response = client.post(
        reverse("triage:protocol_sign_off", args=[draft.pk]),
        {"replacing": builtin.pk},
        follow=True,
    )
    assert "diversion-standard 1.1 is now the active version." in html(response)
    assert active_version(personas.metro, "diversion-standard") == draft
    assert ProtocolVersion.objects.get(pk=builtin.pk).status == VersionStatus.RETIRED
    assert "This is the active version" in html(response)


def test_a_clinician_cannot_post_a_sign_off(
    personas: Personas, client_for: ClientFor, draft: ProtocolVersion
) -> None:
    response = client_for(personas.clinician).post(
        reverse("triage:protocol_sign_off", args=[draft.pk])
    )
    assert response.status_code == 403
    assert ProtocolVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT


def test_the_author_withdraws_from_the_page(
    personas: Personas, client_for: ClientFor, lead: User, draft: ProtocolVersion
) -> None:
    response = client_for(lead).post(
        reverse("triage:protocol_withdraw", args=[draft.pk]), follow=True
    )
    assert "Draft diversion-standard 1.1 withdrawn." in html(response)
    assert ProtocolVersion.objects.get(pk=draft.pk).status == VersionStatus.WITHDRAWN
    assert "Withdraw this draft" not in html(response)


def test_another_clinician_is_told_they_cannot_withdraw(
    personas: Personas, client_for: ClientFor, draft: ProtocolVersion
) -> None:
    client = client_for(personas.clinician)
    assert "Withdraw this draft" not in html(client.get(version_url(draft)))
    response = client.post(reverse("triage:protocol_withdraw", args=[draft.pk]), follow=True)
    assert "Not withdrawn. Only the author of a draft or a supervisor" in html(response)
    assert ProtocolVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT


def test_a_shipped_version_shows_its_checks_run_now(
    personas: Personas, client_for: ClientFor
) -> None:
    builtin = active_version(personas.metro, "cssrs-screener")
    page = html(client_for(personas.clinician).get(version_url(builtin)))
    assert "Checked now (a version shipped with CrisisDesk)." in page
    assert "This is the active version" in page
    assert "No problems found." in page


def test_there_is_no_way_to_edit_a_version_over_http(
    personas: Personas, client_for: ClientFor, draft: ProtocolVersion
) -> None:
    client = client_for(personas.supervisor)
    response = client.post(version_url(draft), {"text": "name: changed"})
    assert response.status_code == 405
    assert ProtocolVersion.objects.get(pk=draft.pk).text == diversion_text()
