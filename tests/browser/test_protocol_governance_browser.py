"""Protocol governance in a real browser: a draft version cannot be activated by its author."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from crisisdesk.accounts.roles import Role
from crisisdesk.triage.models import ProtocolVersion, VersionStatus
from tests.browser.test_sign_in_browser import sign_in
from tests.conftest import PASSWORD, Personas, make_user
from tests.triage.test_governance_actions import NEW_HELP, diversion_text

pytestmark = pytest.mark.browser


def statuses() -> dict[str, str]:
    rows = ProtocolVersion.objects.filter(name="diversion-standard")
    return dict(rows.values_list("version", "status"))


def test_a_draft_version_cannot_be_activated_by_its_author(
    new_page: Callable[[], Any], personas: Personas
) -> None:
    lead = make_user(personas.metro, "cleo_clinical_lead", Role.CLINICIAN, Role.SUPERVISOR)
    author = new_page()
    sign_in(author, lead.username, PASSWORD)
    author.get_by_role("link", name="Protocols").first.click()
    author.get_by_role("link", name="diversion-standard").click()
    author.get_by_role("link", name="Draft a new version").click()
    text = author.get_by_label("Protocol YAML")
    assert 'version: "1.0"' in text.input_value()
    text.fill(diversion_text())
    author.get_by_role("button", name="Save draft and check it").click()

    author.get_by_role("heading", name="diversion-standard 1.1").wait_for()
    assert (
        "Draft diversion-standard 1.1 saved for review."
        in author.get_by_role("status").inner_text()
    )
    # The diff says in words which lines changed, not only in colour.
    added = author.locator("tr.diff-added").filter(has_text=NEW_HELP)
    removed = author.locator("tr.diff-removed").filter(has_text="Yes for trouble breathing, chest")
    assert "Added" in added.inner_text()
    assert "Removed" in removed.inner_text()
    tests = author.get_by_role("table", name="Test cases written with the protocol")
    total = tests.locator("tbody tr").count()
    assert total > 10
    assert tests.get_by_text("Passed", exact=True).count() == total
    assert author.get_by_text(f"{total} of {total} test cases pass; 0 errors").is_visible()

    # The author, a supervisor too, is told why and has no working button.
    assert author.get_by_text(
        "You wrote this draft; another supervisor must sign it off."
    ).is_visible()
    sign_off = author.get_by_role("button", name="Sign off and activate 1.1")
    assert sign_off.is_disabled()
    # Forcing the form anyway: the server answers with the same refusal.
    sign_off.evaluate("button => { button.disabled = false; }")
    sign_off.click()
    author.get_by_text("Not signed off. You wrote this draft").wait_for()
    assert statuses() == {"1.0": VersionStatus.ACTIVE, "1.1": VersionStatus.DRAFT}

    reviewer = new_page()
    sign_in(reviewer, personas.supervisor.username, PASSWORD)
    reviewer.get_by_role("link", name="Protocols").first.click()
    reviewer.get_by_role("link", name="diversion-standard").click()
    reviewer.get_by_role("link", name="1.1", exact=True).click()
    reviewer.get_by_role("button", name="Sign off and activate 1.1").click()
    reviewer.get_by_text("diversion-standard 1.1 is now the active version.").wait_for()
    assert statuses() == {"1.0": VersionStatus.RETIRED, "1.1": VersionStatus.ACTIVE}
    active = ProtocolVersion.objects.get(name="diversion-standard", status="active")
    assert active.signed_off_by == personas.supervisor
    assert active.authored_by == lead

    reviewer.get_by_role("link", name="Back to diversion-standard").click()
    history = reviewer.get_by_role("table", name="Retired versions of diversion-standard")
    assert history.get_by_role("link", name="1.0").is_visible()
    assert "Shipped with CrisisDesk" in history.inner_text()
    facts = reviewer.locator("dl.facts").inner_text()
    assert "1.1" in facts
    assert personas.supervisor.display_name in facts
