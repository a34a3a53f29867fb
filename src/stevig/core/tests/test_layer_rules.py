"""The layer rule (`stevig.testing.layer_rules`): no resident-data query and no access-log call in a view,
an API view, a serializer or a template tag."""

from stevig.testing import layer_rules

VIOLATIONS = """
from stevig.audit import log
from stevig.audit.services import record_access
from stevig.people.models import Household
from stevig.plans.models import Goal


def view(request, actor):
    households = Household.objects.filter(team=request.user.team)
    goal = Goal.objects.get(id=1)
    log.allowed(actor, "read", "huishouden")
    record_access(actor=actor)
    return households, goal
"""

HARMLESS = """
from stevig.people import selectors
from stevig.people.models import Household
from stevig.tenancy.models import Team


class ListView:
    queryset = Household.objects.none()  # for the schema only

    def get(self, request):
        teams = Team.objects.filter(municipality=request.user.municipality)
        return selectors.households_visible_to(request.user), teams
"""


def test_the_resident_models_include_the_ones_reached_through_other_resident_models():
    models = layer_rules.resident_models()
    assert {
        "Household",
        "Resident",
        "Trajectory",
        "Goal",
        "PlanAction",
        "Question",
        "MandateRequest",
    } <= models
    assert not {"User", "Team", "Municipality", "Neighbourhood", "AccessLogEntry"} & models


def test_the_rule_catches_a_query_and_a_log_call_in_an_adapter(tmp_path):
    bad = tmp_path / "views.py"
    bad.write_text(VIOLATIONS)
    found = layer_rules.check([bad])
    messages = [v.message for v in found]
    assert any("Household.objects" in m for m in messages)
    assert any("Goal.objects" in m for m in messages)
    assert any("calls log.allowed" in m for m in messages)
    assert any("calls record_access" in m for m in messages)
    assert sum("imports" in m for m in messages) == 2
    assert [v.line for v in found if "Household.objects" in v.message] == [9]


def test_the_rule_lets_an_empty_queryset_and_reference_data_pass(tmp_path):
    fine = tmp_path / "views.py"
    fine.write_text(HARMLESS)
    assert layer_rules.check([fine]) == []


def test_no_view_serializer_or_template_tag_queries_resident_data_or_writes_the_log():
    files = layer_rules.adapter_files()
    assert any(str(f).endswith("people/views.py") for f in files)
    assert any(str(f).endswith("people/api/serializers.py") for f in files)
    problems = layer_rules.check(files)
    assert problems == [], "\n".join(map(str, problems))
