"""Functioneel beheer manages the decree days in /beheer/; a new day counts at once."""

from datetime import date

import pytest

from stevig.legalcalendar.calendar import is_non_working_day
from stevig.legalcalendar.models import DecreeDay
from stevig.testing.personas import PERSONAS, web_client

pytestmark = pytest.mark.django_db

CHANGELIST = "/beheer/legalcalendar/decreeday/"
ADD = "/beheer/legalcalendar/decreeday/add/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_functioneel_beheer_opens_the_list(world, persona):
    response = web_client(getattr(world, persona)).get(CHANGELIST, follow=True)
    if persona == "admin":
        assert response.status_code == 200
        assert "vrijdag na Hemelvaartsdag" in response.content.decode()
    else:
        # The admin sends everyone else to its login, which refuses a verified non-beheerder.
        assert response.status_code == 403
        assert "Hemelvaartsdag" not in response.content.decode()


def test_beheer_adds_a_decree_day_and_deadlines_change_at_once(world):
    client = web_client(world.admin)
    assert not is_non_working_day(date(2029, 12, 24))  # fills the 2029 cache
    response = client.post(
        ADD,
        {
            "date": "24-12-2029",
            "description": "maandag voor Eerste kerstdag",
            "decree_reference": "Stcrt. 2028, 1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert DecreeDay.objects.filter(date=date(2029, 12, 24)).exists()
    assert is_non_working_day(date(2029, 12, 24))


def test_admin_form_rejects_a_duplicate_and_a_missing_reference(world):
    client = web_client(world.admin)
    response = client.post(ADD, {"date": "15-05-2026", "description": "dubbel", "decree_reference": ""})
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"date", "decree_reference"}
    assert DecreeDay.objects.filter(date=date(2026, 5, 15)).get().description == "vrijdag na Hemelvaartsdag"


def test_beheer_deletes_a_decree_day(world):
    client = web_client(world.admin)
    decree = DecreeDay.objects.get(date=date(2026, 5, 15))
    assert is_non_working_day(date(2026, 5, 15))
    response = client.post(f"/beheer/legalcalendar/decreeday/{decree.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not is_non_working_day(date(2026, 5, 15))


def test_worker_cannot_add(world):
    response = web_client(world.own_worker).post(
        ADD, {"date": "24-12-2029", "description": "x", "decree_reference": "y"}, follow=True
    )
    assert response.status_code == 403
    assert not DecreeDay.objects.filter(date=date(2029, 12, 24)).exists()
