import pytest

from stevig.audit.models import AccessLogEntry
from stevig.testing.personas import api_client

pytestmark = pytest.mark.django_db

ALLOWED = {"own_worker", "colleague", "team_lead"}
DENIED = {"other_team_worker", "other_municipality_worker", "coordinator", "policy", "department_worker", "admin", "privacy"}


@pytest.mark.parametrize("persona", sorted(ALLOWED | DENIED))
def test_household_file_visibility_per_persona(world, persona):
    user = getattr(world, persona)
    response = api_client(user).get(f"/api/v1/households/{world.household.id}/")
    entry = AccessLogEntry.objects.filter(user_id=user.id).latest("id")
    if persona in ALLOWED:
        assert response.status_code == 200
        assert {m["resident"]["id"] for m in response.json()["members"]} == {str(world.parent.id), str(world.child.id)}
        assert entry.outcome == "allowed"
        assert entry.action == "read"
        assert set(entry.resident_ids) == {str(world.parent.id), str(world.child.id)}
    else:
        assert response.status_code == 404
        assert entry.outcome == "denied"
        assert entry.object_id == str(world.household.id)
        if persona == "other_municipality_worker":
            assert entry.resident_ids == []
            assert entry.municipality_code == "GM9002"
