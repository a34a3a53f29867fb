"""The start-page panel 'Waakvlam en evaluaties': the worker's own trajectories, the teamleider's team."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from stevig.testing.personas import web_client
from stevig.trajectories.models import PilotLight
from stevig.trajectories.tests.conftest import move_to

pytestmark = pytest.mark.django_db


def panel(html: str) -> str:
    found = re.search(r'<section[^>]*data-panel="trajectories-worklist".*?</section>', html, re.S)
    assert found, "the panel is on the start page"
    return found.group(0)


def test_the_teamleider_sees_the_teams_waakvlam_the_colleague_only_her_own(world, trajectory):
    move_to(trajectory, world.own_worker, "plan", "hulp", "waakvlam")
    PilotLight.objects.filter(trajectory=trajectory).update(
        next_due=timezone.localdate() + dt.timedelta(days=3)
    )
    worker = panel(web_client(world.own_worker).get("/").content.decode())
    lead = panel(web_client(world.team_lead).get("/").content.decode())
    colleague = panel(web_client(world.colleague).get("/").content.decode())
    address = world.household.address_line
    assert f"Waakvlamcontact {address}" in worker and "Mijn trajecten" in worker
    assert f"Waakvlamcontact {address}" in lead and "?wie=team" in lead
    assert "Waakvlamcontact" not in colleague
