"""The trajectory pages save through the project's one `submit`: on a failed save the page title starts
with "Fout:", the error summary lists every error as a link to its field and nothing is stored; a version
conflict answers 409, keeps everything typed and puts the stored version in the form."""

import re

import pytest

from stevig.testing.personas import web_client
from stevig.trajectories.models import BasicHelp, Contact, Trajectory
from stevig.trajectories.tests.conftest import move_to

pytestmark = pytest.mark.django_db


def summary_links(body: str) -> list[str]:
    match = re.search(r"<div[^>]*data-error-summary.*?</div></div>\s*</div>", body, re.S)
    return re.findall(r'href="#([^"]+)"', match.group(0)) if match else []


def title(body: str) -> str:
    found = re.search(r"<title>(.*?)</title>", body, re.S)
    return found.group(1).strip() if found else ""


def test_contact_with_nothing_filled_in_lists_every_field(world, trajectory):
    response = web_client(world.own_worker).post(f"/trajecten/{trajectory.id}/contact/", {"contact_date": ""})
    body = response.content.decode()
    assert response.status_code == 400 and title(body).startswith("Fout:")
    assert {"id_kind_0", "id_contact_date", "id_summary"} <= set(summary_links(body))
    assert "Dit veld is vereist." not in body
    assert not Contact.objects.exists()


def test_basic_help_service_rule_is_shown_at_its_field(world, trajectory):
    response = web_client(world.own_worker).post(
        f"/trajecten/{trajectory.id}/basishulp/",
        {
            "kind": "maatwerk",
            "provided_by": world.own_worker.id,
            "intensity": "licht",
            "duration": "kort",
            "start_date": "2026-03-02",
            "evaluation_date": "2026-03-01",
            "reason": "",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400 and title(body).startswith("Fout:")
    assert "id_evaluation_date" in summary_links(body)
    assert not BasicHelp.objects.exists()


def test_phase_conflict_is_409_with_the_stored_version_and_the_typed_reason(world, trajectory):
    url = f"/trajecten/{trajectory.id}/fase/"
    assert (
        web_client(world.colleague)
        .post(url, {"to_phase": "plan", "reason": "Plan.", "version": 1})
        .status_code
        == 302
    )
    response = web_client(world.own_worker).post(
        url, {"to_phase": "afgesloten", "reason": "Mijn eigen uitleg.", "version": 1}
    )
    body = response.content.decode()
    assert response.status_code == 409 and title(body).startswith("Fout:")
    assert "data-error-summary" in body and "Iemand anders heeft dit traject intussen gewijzigd" in body
    assert "Mijn eigen uitleg." in body and 'name="version" value="2"' in body
    assert Trajectory.objects.get(id=trajectory.id).phase == "plan"


def test_hand_over_conflict_keeps_the_reason(world, trajectory):
    url = f"/trajecten/{trajectory.id}/overdragen/"
    move_to(trajectory, world.own_worker, "plan")  # version 2 now; the page still says 1
    response = web_client(world.own_worker).post(
        url, {"contact_person": world.colleague.id, "reason": "Ik ga met verlof.", "version": 1}
    )
    body = response.content.decode()
    assert response.status_code == 409 and title(body).startswith("Fout:")
    assert "Ik ga met verlof." in body and 'name="version" value="2"' in body
    assert Trajectory.objects.get(id=trajectory.id).contact_person_id == world.own_worker.id


def test_reactivate_with_a_stale_version_says_so(world, trajectory):
    move_to(trajectory, world.own_worker, "plan", "hulp", "waakvlam")
    response = web_client(world.own_worker).post(
        f"/trajecten/{trajectory.id}/heractiveren/", {"version": 1}, follow=True
    )
    assert "Iemand anders heeft dit traject intussen gewijzigd" in response.content.decode()
    assert Trajectory.objects.get(id=trajectory.id).phase == "waakvlam"
