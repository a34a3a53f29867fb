"""Reference data for API clients (issue 13 point 11): trajectories take expertise tag ids and intake takes
a location id, but no endpoint listed them. Own municipality only, paged, constant queries, no log."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from stevig.audit.models import AccessLogEntry
from stevig.tenancy.models import ExpertiseTag, Location, OpeningHours
from stevig.testing.personas import api_client

pytestmark = pytest.mark.django_db


def test_expertise_tags_of_the_own_municipality(world, django_assert_max_num_queries):
    ours = ExpertiseTag.objects.create(municipality=world.municipality, name="Schulden")
    theirs = ExpertiseTag.objects.create(municipality=world.other_municipality, name="Schulden")
    with django_assert_max_num_queries(6):  # token, user, session bookkeeping, the one list query
        body = api_client(world.own_worker).get("/api/v1/expertise-tags", {"page_size": 100}).json()
    ids = {row["id"] for row in body["results"]}
    assert str(ours.id) in ids and str(theirs.id) not in ids
    assert {"id": str(ours.id), "name": "Schulden"} in body["results"]
    assert not AccessLogEntry.objects.exists()
    assert APIClient().get("/api/v1/expertise-tags").status_code == 401


def test_locations_with_opening_hours_in_constant_queries(world, django_assert_max_num_queries):
    for n in range(3):
        place = Location.objects.create(
            municipality=world.municipality, name=f"Buurthuis {n}", kind="buurthuis", team=world.team
        )
        OpeningHours.objects.create(
            municipality=world.municipality, location=place, weekday=n, opens=dt.time(9), closes=dt.time(12)
        )
    Location.objects.create(municipality=world.other_municipality, name="Elders", kind="school")
    client = api_client(world.own_worker)
    with django_assert_max_num_queries(7):
        first = client.get("/api/v1/locations", {"page_size": 2}).json()
    assert len(first["results"]) == 2 and first["next"]
    with django_assert_max_num_queries(7):
        rest = client.get(first["next"]).json()["results"]
    names = [row["name"] for row in first["results"] + rest]
    assert "Elders" not in names and {"Buurthuis 0", "Buurthuis 1", "Buurthuis 2"} <= set(names)
    row = next(r for r in first["results"] + rest if r["name"] == "Buurthuis 1")
    assert row["team"] == str(world.team.id)
    assert row["opening_hours"] == [{"weekday": 1, "opens": "09:00:00", "closes": "12:00:00", "note": ""}]
    assert APIClient().get("/api/v1/locations").status_code == 401
