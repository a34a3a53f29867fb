"""The mandate pages save through the project's one `submit`: on a failed save the page title starts with
"Fout:", the error summary lists every error as a link to its field and nothing is stored; a version
conflict answers 409, keeps everything typed and puts the stored version in the form."""

import re

import pytest

from stevig.mandates.models import MandateRequest
from stevig.mandates.tests.conftest import send
from stevig.testing.personas import web_client

pytestmark = pytest.mark.django_db


def summary_links(body: str) -> list[str]:
    match = re.search(r"<div[^>]*data-error-summary.*?</div></div>\s*</div>", body, re.S)
    return re.findall(r'href="#([^"]+)"', match.group(0)) if match else []


def title(body: str) -> str:
    found = re.search(r"<title>(.*?)</title>", body, re.S)
    return found.group(1).strip() if found else ""


@pytest.fixture
def sent(world, case) -> MandateRequest:
    return send(world, case)


def test_send_with_nothing_filled_in_lists_every_field(world, case):
    response = web_client(world.own_worker).post(f"/mandaat/nieuw/?trajectory={case.trajectory.id}", {})
    body = response.content.decode()
    assert response.status_code == 400 and title(body).startswith("Fout:")
    assert {"id_department", "id_ask", "id_reason"} <= set(summary_links(body))
    assert "Dit veld is vereist." not in body
    assert MandateRequest.objects.count() == 0


def test_an_empty_question_on_the_request_page_is_linked_from_the_summary(world, sent):
    response = web_client(world.department_worker).post(f"/mandaat/{sent.id}/vraag/", {"version": 1})
    body = response.content.decode()
    assert response.status_code == 400 and title(body).startswith("Fout:")
    assert summary_links(body) == ["vraag_question"]
    assert MandateRequest.objects.get(id=sent.id).question_asked_at is None


def test_reject_conflict_is_409_with_the_stored_version_and_the_typed_reason(world, sent):
    client = web_client(world.department_worker)
    assert client.post(f"/mandaat/{sent.id}/accepteren/", {"version": 1}).status_code == 302
    response = client.post(
        f"/mandaat/{sent.id}/afwijzen/", {"version": 1, "reason": "Past niet in ons beleid"}
    )
    body = response.content.decode()
    assert response.status_code == 409 and title(body).startswith("Fout:")
    assert "data-error-summary" in body and "intussen gewijzigd" in body
    assert "Past niet in ons beleid" in body
    form = re.search(r'<form[^>]*action="/mandaat/[^"]*/afwijzen/".*?</form>', body, re.S)
    assert form and 'name="version" value="2"' in form.group(0)
    assert MandateRequest.objects.get(id=sent.id).status == "in_behandeling"
