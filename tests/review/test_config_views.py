"""The configuration pages: the active version (the built-in default when none), drafting
with errors that name the field, the diff and the quick check, sign-off by another supervisor."""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from crisisdesk.accounts.models import User
from crisisdesk.review.governance import do_draft_flagger_version
from crisisdesk.review.models import FlaggerVersion
from tests.conftest import Personas, make_incident
from tests.review.flags import METRO_TEXT, second_supervisor, signed_off

ClientFor = Callable[[User], Client]


def test_without_a_version_the_page_shows_the_built_in_default(
    personas: Personas, client_for: ClientFor
) -> None:
    body = client_for(personas.supervisor).get("/review/config/").content.decode()
    assert "the flagger uses the <strong>built-in default</strong> configuration" in body
    assert "name: default" in body
    assert "crisisdesk flag --input calls.jsonl --center metro" in body


def test_the_draft_form_starts_from_the_active_text_or_a_starter(
    personas: Personas, client_for: ClientFor
) -> None:
    client = client_for(personas.supervisor)
    starter = client.get("/review/config/drafts/new/").content.decode()
    assert "name: metro" in starter and "extends: default" in starter
    signed_off(personas)
    again = client.get("/review/config/drafts/new/").content.decode()
    assert "TINFOIL HAT" in again


def test_the_starter_text_loads_as_it_is(personas: Personas, client_for: ClientFor) -> None:
    from crisisdesk.review.configs import starter_text

    draft = do_draft_flagger_version(
        personas.metro, text=starter_text(personas.metro), actor=personas.supervisor
    )
    assert (draft.name, draft.version) == ("metro", "1")


def test_a_draft_is_saved_and_shown_with_its_diff(
    personas: Personas, client_for: ClientFor
) -> None:
    client = client_for(personas.supervisor)
    response = client.post("/review/config/drafts/new/", {"text": METRO_TEXT})
    draft = FlaggerVersion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/review/config/versions/{draft.pk}/"
    body = client.get(response["Location"]).content.decode()
    assert "Changes against the built-in default" in body
    assert "+ Added" in body and "PSYCH" in body
    assert "You wrote this draft; another supervisor must sign it off." in body
    assert 'disabled aria-describedby="sign-off-why"' in body


def test_an_uploaded_file_is_drafted_too(personas: Personas, client_for: ClientFor) -> None:
    upload = SimpleUploadedFile("metro.yaml", METRO_TEXT.encode(), content_type="text/yaml")
    client_for(personas.supervisor).post(
        "/review/config/drafts/new/", {"text": "", "upload": upload}
    )
    assert FlaggerVersion.objects.get().version == "2"


def test_a_draft_that_does_not_load_names_each_field(
    personas: Personas, client_for: ClientFor
) -> None:
    text = METRO_TEXT.replace("category: welfare_check", "category: welfare") + "colour: red\n"
    response = client_for(personas.supervisor).post("/review/config/drafts/new/", {"text": text})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was saved." in body
    assert "The configuration does not load." in body
    assert "call_types.CW.category: &#x27;welfare&#x27; is not a category" in body
    assert "colour: unknown field" in body
    assert "colour: red" in body  # the text is kept for correction
    assert not FlaggerVersion.objects.exists()


def test_bad_yaml_says_where(personas: Personas, client_for: ClientFor) -> None:
    body = (
        client_for(personas.supervisor)
        .post("/review/config/drafts/new/", {"text": "name: [metro\n"})
        .content.decode()
    )
    assert "(yaml): line 2, column 1" in body


def test_the_quick_check_counts_the_candidates_that_change(
    personas: Personas, client_for: ClientFor
) -> None:
    for n in range(3):
        make_incident(
            personas.metro, f"PSY-{n}", call_type_code="PSYCH", call_type_text="", note=""
        )
    make_incident(
        personas.metro,
        "GHOST",
        call_type_code="415",
        call_type_text="DISTURBANCE",
        note="SUBJ WEARING TINFOIL HAT",
    )
    make_incident(personas.metro, "OLD", note="RP STATES BROTHER OFF MEDS")
    draft = do_draft_flagger_version(personas.metro, text=METRO_TEXT, actor=personas.supervisor)
    client = client_for(second_supervisor(personas))
    body = client.get(f"/review/config/versions/{draft.pk}/").content.decode()
    assert (
        "The last <strong>5</strong> calls of the center: <strong>1</strong> candidate with the"
        " built-in default, <strong>5</strong> with this draft; <strong>4</strong> calls change"
        in " ".join(body.split())
    )
    assert body.count("Becomes a candidate") == 4
    fewer = client.get(f"/review/config/versions/{draft.pk}/", {"last": 2}).content.decode()
    assert "The last <strong>2</strong> calls" in " ".join(fewer.split())
    assert 'name="last" id="id_last" min="1" max="1000" value="2"' in fewer
    assert 'class="primary">Sign off and activate metro 2' in body


def test_another_supervisor_signs_off_from_the_page(
    personas: Personas, client_for: ClientFor
) -> None:
    draft = do_draft_flagger_version(personas.metro, text=METRO_TEXT, actor=personas.supervisor)
    client = client_for(second_supervisor(personas))
    response = client.post(
        f"/review/config/versions/{draft.pk}/sign-off/", {"replacing": ""}, follow=True
    )
    body = response.content.decode()
    assert "metro 2 is now the active configuration" in body
    assert FlaggerVersion.objects.get(pk=draft.pk).status == "active"
    home = client.get("/review/config/").content.decode()
    assert f'href="/review/config/versions/{draft.pk}/">metro 2</a>' in home
    assert "Sue Supervisor" in home


def test_the_author_is_refused_at_sign_off(personas: Personas, client_for: ClientFor) -> None:
    draft = do_draft_flagger_version(personas.metro, text=METRO_TEXT, actor=personas.supervisor)
    response = client_for(personas.supervisor).post(
        f"/review/config/versions/{draft.pk}/sign-off/", {"replacing": ""}, follow=True
    )
    assert "Not signed off. You wrote this draft" in response.content.decode()
    assert FlaggerVersion.objects.get(pk=draft.pk).status == "draft"


def test_the_active_version_page_says_it_is_in_use(
    personas: Personas, client_for: ClientFor
) -> None:
    version = signed_off(personas)
    body = client_for(personas.supervisor).get(f"/review/config/versions/{version.pk}/")
    assert (
        "This is the active version: the flagger uses it for every call." in body.content.decode()
    )
