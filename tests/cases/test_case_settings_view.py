"""The center's case settings: the inactivity period before automatic closure."""

from __future__ import annotations

from crisisdesk.audit.models import AuditEvent
from crisisdesk.cases.access import case_settings_of
from crisisdesk.cases.models import CaseSettings
from tests.cases.helpers import ClientFor
from tests.conftest import Personas


def test_a_supervisor_sets_the_inactivity_period(personas: Personas, client_for: ClientFor) -> None:
    client = client_for(personas.supervisor)
    page = client.get("/cases/settings/").content.decode()
    assert 'value="90"' in page and "These are the defaults" in page
    response = client.post("/cases/settings/", {"inactivity_days": "60", "quiet_days": "21"})
    assert response["Location"] == "/cases/caseloads/"
    stored = CaseSettings.objects.get(center=personas.metro)
    assert (stored.inactivity_days, stored.quiet_days) == (60, 21)
    assert case_settings_of(personas.northfield).inactivity_days == 90
    event = AuditEvent.objects.get(event_type="case_settings.updated")
    assert event.details == {
        "old": {"inactivity_days": 90, "quiet_days": 30},
        "new": {"inactivity_days": 60, "quiet_days": 21},
    }


def test_bad_values_are_named(personas: Personas, client_for: ClientFor) -> None:
    client = client_for(personas.supervisor)
    short = client.post("/cases/settings/", {"inactivity_days": "5", "quiet_days": "2"})
    assert short.status_code == 400
    assert "Close after (days)</a>: Ensure this value is greater than or equal to 14." in (
        short.content.decode()
    )
    upside_down = client.post("/cases/settings/", {"inactivity_days": "30", "quiet_days": "45"})
    assert "Quiet after (days)</a>: Must be shorter than the close-after period." in (
        upside_down.content.decode()
    )
    words = client.post("/cases/settings/", {"inactivity_days": "ninety", "quiet_days": "30"})
    assert "Close after (days)</a>: Enter a whole number." in words.content.decode()
    assert not CaseSettings.objects.exists()


def test_only_supervisors_change_the_settings(personas: Personas, client_for: ClientFor) -> None:
    for user in (personas.clinician, personas.admin, personas.call_taker):
        response = client_for(user).post(
            "/cases/settings/", {"inactivity_days": "60", "quiet_days": "20"}
        )
        assert response.status_code == 403, user
    assert not CaseSettings.objects.exists()
