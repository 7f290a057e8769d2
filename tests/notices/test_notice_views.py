"""The notices page, marking read, and the unread count in the page header."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.audit.record import SystemActor
from crisisdesk.notices.actions import do_send_notice
from crisisdesk.notices.models import Notice
from tests.conftest import Personas

WORKER = SystemActor("worker")


def send(user: User, text: str, url: str = "/follow-ups/") -> Notice:
    notice = do_send_notice(recipient=user, kind="test", text=text, url=url, actor=WORKER)
    assert notice is not None
    return notice


def test_the_page_lists_my_notices_newest_first_with_unread_marked(
    personas: Personas, client_for: Callable[[User], Client]
) -> None:
    older = send(personas.supervisor, "Older notice")
    Notice.objects.filter(pk=older.pk).update(
        created_at=timezone.now() - timedelta(hours=2), read_at=timezone.now()
    )
    send(personas.supervisor, "Newer notice")
    send(personas.clinician, "Someone else's notice")
    response = client_for(personas.supervisor).get("/notices/")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.index("Newer notice") < body.index("Older notice")
    assert "Someone else&#x27;s notice" not in body
    assert body.count(">Unread<") == 1
    assert "Mark all read" in body


def test_the_header_shows_the_unread_count(
    personas: Personas, client_for: Callable[[User], Client]
) -> None:
    client = client_for(personas.clinician)
    assert "unread</span>" not in client.get("/").content.decode()
    send(personas.clinician, "One")
    send(personas.clinician, "Two")
    body = client.get("/").content.decode()
    assert '2<span class="visually-hidden"> unread</span>' in body


def notice_queries(client: Client, path: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return [q["sql"] for q in queries.captured_queries if "notices_notice" in q["sql"]]


def test_the_header_count_costs_one_query(
    personas: Personas, client_for: Callable[[User], Client]
) -> None:
    send(personas.clinician, "One")
    assert len(notice_queries(client_for(personas.clinician), "/")) == 1


def test_anonymous_pages_make_no_notice_query(db: None) -> None:
    assert notice_queries(Client(), "/accounts/login/") == []


def test_marking_a_notice_read_is_audited(
    personas: Personas, client_for: Callable[[User], Client]
) -> None:
    notice = send(personas.supervisor, "Follow-up #3 is overdue")
    response = client_for(personas.supervisor).post(f"/notices/{notice.pk}/read/")
    assert response.status_code == 302
    assert response["Location"] == "/notices/"
    notice.refresh_from_db()
    assert notice.read_at is not None
    event = AuditEvent.objects.get(event_type="notice.read")
    assert event.object_id == str(notice.pk)


def test_opening_a_notice_marks_it_read_and_goes_to_its_page(
    personas: Personas, client_for: Callable[[User], Client]
) -> None:
    notice = send(personas.supervisor, "Follow-up #3 is overdue", url="/follow-ups/3/")
    response = client_for(personas.supervisor).post(f"/notices/{notice.pk}/read/", {"open": "1"})
    assert response.status_code == 302
    assert response["Location"] == "/follow-ups/3/"
    notice.refresh_from_db()
    assert not notice.is_unread


def test_marking_read_twice_writes_one_audit_row(
    personas: Personas, client_for: Callable[[User], Client]
) -> None:
    notice = send(personas.supervisor, "Once")
    client = client_for(personas.supervisor)
    client.post(f"/notices/{notice.pk}/read/")
    client.post(f"/notices/{notice.pk}/read/")
    assert AuditEvent.objects.filter(event_type="notice.read").count() == 1


def test_someone_elses_notice_is_not_found(
    personas: Personas, client_for: Callable[[User], Client]
) -> None:
    notice = send(personas.supervisor, "Not yours")
    assert client_for(personas.clinician).post(f"/notices/{notice.pk}/read/").status_code == 404
    assert client_for(personas.outsider).post(f"/notices/{notice.pk}/read/").status_code == 404
    notice.refresh_from_db()
    assert notice.is_unread


def test_marking_read_needs_a_post(
    personas: Personas, client_for: Callable[[User], Client]
) -> None:
    notice = send(personas.supervisor, "Stay unread")
    assert client_for(personas.supervisor).get(f"/notices/{notice.pk}/read/").status_code == 405


def test_mark_all_read_marks_only_mine(
    personas: Personas, client_for: Callable[[User], Client]
) -> None:
    send(personas.supervisor, "One")
    send(personas.supervisor, "Two")
    send(personas.clinician, "Theirs")
    response = client_for(personas.supervisor).post("/notices/read-all/", follow=True)
    assert "Marked 2 notices read." in response.content.decode()
    assert not Notice.objects.filter(recipient=personas.supervisor, read_at__isnull=True).exists()
    assert Notice.objects.filter(recipient=personas.clinician, read_at__isnull=True).count() == 1
    event = AuditEvent.objects.get(event_type="notice.all_read")
    assert event.details == {"count": 2}


def test_every_role_has_a_notices_page(
    personas: Personas, client_for: Callable[[User], Client]
) -> None:
    for user in personas.by_role().values():
        assert client_for(user).get("/notices/").status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in() -> None:
    response = Client().get("/notices/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
