"""Signals: raised without personal data, grouped and answered by policy, the answer seen by the team."""

import pytest
from django.core.exceptions import ValidationError

from stevig.audit.models import AccessLogEntry
from stevig.core.errors import AccessDenied, RoleDenied, VersionConflict
from stevig.signalering import selectors, services
from stevig.signalering.models import Signal, SignalGroup
from stevig.signalering.tests.conftest import actor, raise_signal


def test_signal_has_no_link_to_a_household_or_resident() -> None:
    """Policy reaches no file through a signal: the model has no relation to resident data."""
    for model in (Signal, SignalGroup):
        related = {
            f.related_model._meta.app_label
            for f in model._meta.get_fields()
            if f.is_relation and f.related_model
        }
        assert not related & {"people", "trajectories", "intake", "plans", "analysis", "decisions"}, model


def test_bsn_warns_first_then_refuses_the_same_text(world, north) -> None:
    text = "Mevrouw met BSN 999990019 komt niet op de wachtlijst."
    with pytest.raises(services.PersonalDataWarning) as first:
        raise_signal(world, north, description=text)
    assert not first.value.refused and "BSN" in " ".join(first.value.message_dict["description"])
    with pytest.raises(services.PersonalDataWarning) as second:
        raise_signal(world, north, description=text, warned_fingerprint=first.value.fingerprint)
    assert second.value.refused
    assert Signal.objects.count() == 0
    # Changed text without the BSN is saved.
    signal = raise_signal(
        world,
        north,
        description="Iemand komt niet op de wachtlijst GGZ.",
        warned_fingerprint=first.value.fingerprint,
    )
    assert signal.status == "nieuw" and signal.team == world.team


def test_household_name_found_when_raised_from_a_trajectory(world, north, trajectory) -> None:
    with pytest.raises(services.PersonalDataWarning) as warning:
        raise_signal(
            world, north, description="Gezin El Amrani wacht op huisvesting.", trajectory_id=trajectory.id
        )
    assert [f.kind for f in warning.value.findings] == ["naam"]
    # The names were read under need-to-know and logged (members of the household, no text stored).
    entry = AccessLogEntry.objects.filter(user_id=world.own_worker.id).latest("id")
    assert entry.part == "leden" and str(world.parent.id) in [str(r) for r in entry.resident_ids]
    signal = raise_signal(
        world,
        north,
        description="Gezinnen wachten een jaar op huisvesting.",
        trajectory_id=trajectory.id,
        neighbourhood_id=None,
    )
    assert signal.neighbourhood == world.household.neighbourhood  # filled in from the household


def test_other_teams_trajectory_cannot_be_used(world, north, trajectory) -> None:
    with pytest.raises(AccessDenied):
        raise_signal(world, north, user=world.other_team_worker, trajectory_id=trajectory.id)
    assert Signal.objects.count() == 0
    entry = AccessLogEntry.objects.filter(user_id=world.other_team_worker.id).latest("id")
    assert entry.outcome == "denied"


@pytest.mark.parametrize("persona", ["policy", "department_worker", "admin", "privacy"])
def test_only_team_roles_raise_signals(world, north, persona) -> None:
    with pytest.raises(RoleDenied):
        raise_signal(world, north, user=getattr(world, persona))


def test_bad_input_per_field(world) -> None:
    with pytest.raises(ValidationError) as error:
        services.raise_signal(
            actor=actor(world.own_worker),
            category="onbekend",
            description=" ",
            neighbourhood_id=world.other_municipality.id,
        )
    assert {"category", "description", "neighbourhood"} <= set(error.value.message_dict)


def test_policy_groups_answers_and_the_team_sees_it(world, north) -> None:
    signals = [
        raise_signal(world, north, description=f"Wachtlijst GGZ jongeren, melding {i}.") for i in range(3)
    ]
    raise_signal(
        world,
        north,
        user=world.other_team_worker,
        category="huisvesting",
        description="Geen woningen voor jongeren.",
    )
    policy = actor(world.policy)
    clusters = selectors.clusters(policy)
    assert clusters[0].label == "3 signalen: wachtlijst, Noord"
    group = services.create_group(
        actor=policy,
        title="wachtlijst GGZ",
        category="wachtlijst",
        neighbourhood_id=north.id,
        signal_ids=clusters[0].signal_ids,
    )
    with pytest.raises(ValidationError) as no_reason:
        services.answer_group(
            actor=policy,
            group_id=group.id,
            expected_version=group.version,
            status="in_behandeling",
            reason=" ",
        )
    assert "reason" in no_reason.value.message_dict
    group = services.answer_group(
        actor=policy,
        group_id=group.id,
        expected_version=1,
        status="in_behandeling",
        reason="We praten met de GGZ-aanbieders.",
    )
    with pytest.raises(VersionConflict):
        services.answer_group(
            actor=policy, group_id=group.id, expected_version=1, status="niet_overgenomen", reason="x"
        )
    group = services.answer_group(
        actor=policy,
        group_id=group.id,
        expected_version=2,
        status="beleid_aangepast",
        reason="Er komt extra geld voor jeugd-GGZ vanaf 1 maart.",
    )
    with pytest.raises(ValidationError) as final:
        services.answer_group(
            actor=policy, group_id=group.id, expected_version=3, status="in_behandeling", reason="nog eens"
        )
    assert "status" in final.value.message_dict
    # The worker and the team see the answer; the other team does not see these signals.
    for user in (world.own_worker, world.colleague, world.team_lead):
        seen = {s.id: s for s in selectors.signal_list(actor(user))}
        assert all(seen[s.id].answer.startswith("Er komt extra geld") for s in signals)
        assert all(seen[s.id].status == "beleid_aangepast" for s in signals)
    assert not set(selectors.signal_list(actor(world.other_team_worker)).values_list("id", flat=True)) & {
        s.id for s in signals
    }
    view = selectors.group_detail(policy, group.id)
    assert [e.status for e in view.events] == ["nieuw", "in_behandeling", "beleid_aangepast"]
    assert sum(q.count for q in view.per_quarter) == 3
    # A later, similar signal is offered for the group and takes its answer when added.
    later = raise_signal(world, north, description="Nog steeds een lange wachtlijst GGZ.")
    assert selectors.group_detail(policy, group.id).matching == [later.id]
    services.add_to_group(actor=policy, group_id=group.id, expected_version=3, signal_ids=[later.id])
    later.refresh_from_db()
    assert later.group_id == group.id and later.status == "beleid_aangepast"


@pytest.mark.parametrize(
    "persona", ["own_worker", "team_lead", "coordinator", "department_worker", "admin", "privacy"]
)
def test_only_policy_groups_and_answers(world, north, persona) -> None:
    signal = raise_signal(world, north)
    with pytest.raises(RoleDenied):
        services.create_group(
            actor=actor(getattr(world, persona)),
            title="x",
            category="wachtlijst",
            neighbourhood_id=None,
            signal_ids=[signal.id],
        )
    with pytest.raises(RoleDenied):
        selectors.clusters(actor(getattr(world, persona)))


def test_other_municipality_sees_nothing(world, north) -> None:
    raise_signal(world, north)
    assert not selectors.signal_list(actor(world.other_municipality_worker)).exists()
