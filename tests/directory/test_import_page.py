"""/directory/import: directory managers upload HSDS 3.0 and see the result or the errors."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.directory.models import Service
from tests.conftest import Personas
from tests.directory.hsds_data import crisis_directory

ClientFor = Callable[[User], Client]
URL = "/directory/import"


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_it_shows_the_form_to_directory_managers(personas: Personas, client_for: ClientFor) -> None:
    for user in (personas.supervisor, personas.admin):
        response = client_for(user).get(URL)
        assert response.status_code == 200
        assert b"HSDS 3.0 file" in response.content


def test_it_refuses_everyone_else(personas: Personas, client_for: ClientFor) -> None:
    for user in (personas.call_taker, personas.clinician, personas.analyst):
        assert client_for(user).get(URL).status_code == 403


def test_a_json_upload_is_imported_into_the_users_center(
    personas: Personas, client_for: ClientFor
) -> None:
    data = json.dumps(crisis_directory()).encode()
    response = client_for(personas.outsider).post(URL, {"data_file": upload("d.json", data)})
    assert response.status_code == 200
    assert b"3 organizations, 3 services, 3 locations" in response.content
    assert Service.objects.filter(center=personas.northfield).count() == 3
    assert not Service.objects.filter(center=personas.metro).exists()
    event = AuditEvent.objects.get(event_type="directory.imported")
    assert event.actor == personas.outsider


def test_errors_are_listed_and_nothing_is_imported(
    personas: Personas, client_for: ClientFor
) -> None:
    document = crisis_directory()
    document[0]["services"][0]["status"] = "open"
    data = json.dumps(document).encode()
    response = client_for(personas.supervisor).post(URL, {"data_file": upload("d.json", data)})
    content = response.content.decode()
    assert "Nothing was imported" in content
    assert "<td>service</td><td>$[0].services[0]</td>" in content
    assert "<td>status</td>" in content
    assert not Service.objects.exists()


def test_partial_keeps_the_valid_records(personas: Personas, client_for: ClientFor) -> None:
    document = crisis_directory()
    document[0]["services"][0]["status"] = "open"
    data = json.dumps(document).encode()
    client_for(personas.supervisor).post(
        URL, {"data_file": upload("d.json", data), "partial": "on"}
    )
    assert Service.objects.count() == 2


def test_a_zipped_csv_package_is_imported(personas: Personas, client_for: ClientFor) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("pkg/services.csv", "id,name,status\ns1,Detox,active\n")
    response = client_for(personas.supervisor).post(
        URL, {"data_file": upload("pkg.zip", buffer.getvalue())}
    )
    assert response.status_code == 200
    assert Service.objects.get().name == "Detox"


def test_an_older_hsds_file_is_refused_with_the_reason(
    personas: Personas, client_for: ClientFor
) -> None:
    data = json.dumps([{"id": "1", "name": "x", "status": "active", "regular_schedules": []}])
    response = client_for(personas.supervisor).post(
        URL, {"data_file": upload("old.json", data.encode())}
    )
    assert response.status_code == 400
    assert b"this looks like HSDS 1.x/2.0, not HSDS 3.0" in response.content
