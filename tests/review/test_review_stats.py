"""The supervisor's figures: flags raised per week and what became of them, by category."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from datetime import datetime, time, timedelta

from django.test import Client
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.review.actions import do_dismiss_flag, do_request_pull_from_flag
from crisisdesk.review.models import IncidentFlag
from crisisdesk.review.stats import review_stats, week_start
from tests.conftest import Personas
from tests.review.flags import PLAIN_NOTE, flagged

ClientFor = Callable[[User], Client]


def cells(body: str, header: str) -> list[str]:
    """The cells of the table row whose header is `header`."""
    start = body.index(f'<th scope="row">{header}</th>')
    row = body[start : body.index("</tr>", start)]
    return [part.split("</td>")[0] for part in row.split("<td>")[1:]]


def make_flags(personas: Personas) -> None:
    clinician = personas.clinician
    pulled_incident, pulled = flagged(personas.metro, "PULLED")
    do_request_pull_from_flag(pulled, pulled_incident, reason="mine", actor=clinician)
    _, dismissed = flagged(personas.metro, "DISMISSED")
    do_dismiss_flag(dismissed, reason="CRT already there", actor=clinician)
    flagged(personas.metro, "IGNORED")
    flagged(personas.metro, "NOT-A-CANDIDATE", note=PLAIN_NOTE)
    earlier_incident, earlier = flagged(
        personas.metro, "LAST-WEEK", note="SUBJ SAYS HE WANTS TO KILL HIMSELF"
    )
    do_request_pull_from_flag(earlier, earlier_incident, reason="", actor=clinician)
    IncidentFlag.objects.filter(pk=earlier.pk).update(raised_at=timezone.now() - timedelta(days=7))
    flagged(personas.northfield, "THEIRS")


def test_the_page_shows_each_week_and_each_category(
    personas: Personas, client_for: ClientFor
) -> None:
    make_flags(personas)
    body = client_for(personas.supervisor).get("/review/stats").content.decode()
    rows = body.split('<th scope="row">')
    this_week, last_week = rows[1], rows[2]  # newest first
    assert [c.split("</td>")[0] for c in this_week.split("<td>")[1:]] == [
        "3", "1", "1", "1", "33%",
    ]  # fmt: skip
    assert [c.split("</td>")[0] for c in last_week.split("<td>")[1:]] == [
        "1", "1", "0", "0", "100%",
    ]  # fmt: skip
    assert cells(body, "All weeks") == ["4", "2", "1", "1", "50%"]
    assert cells(body, "Mental health") == ["3", "1", "1", "1", "33%"]
    assert cells(body, "Suicide") == ["1", "1", "0", "0", "100%"]
    assert "CRT already there" in body  # the recent dismissals, with their reasons


def test_weeks_start_on_monday_in_the_centers_time_zone(personas: Personas) -> None:
    _, flag = flagged(personas.metro, "SUNDAY-NIGHT")
    zone = zoneinfo.ZoneInfo(personas.metro.time_zone)
    monday = week_start(timezone.localdate(timezone.now(), zone))
    # Sunday 23:30 in Chicago is Monday in UTC: it counts in the week before.
    sunday_night = datetime.combine(monday, time.min, tzinfo=zone) - timedelta(minutes=30)
    IncidentFlag.objects.filter(pk=flag.pk).update(raised_at=sunday_night)
    stats = review_stats(personas.metro, weeks=2)
    assert [week.raised for week in stats.weeks] == [0, 1]


def test_the_period_can_be_chosen_and_bad_input_falls_back(
    personas: Personas, client_for: ClientFor
) -> None:
    client = client_for(personas.supervisor)
    three = client.get("/review/stats", {"weeks": 3}).content.decode()
    assert three.count('<th scope="row">') == 4  # three weeks and the total
    bad = client.get("/review/stats", {"weeks": "lots"})
    assert bad.status_code == 200
    assert bad.content.decode().count('<th scope="row">') == 9  # the default eight


def test_no_flags_says_so(personas: Personas, client_for: ClientFor) -> None:
    body = client_for(personas.supervisor).get("/review/stats").content.decode()
    assert "No flags raised in these weeks." in body
    assert cells(body, "All weeks") == ["0", "0", "0", "0", "—"]
