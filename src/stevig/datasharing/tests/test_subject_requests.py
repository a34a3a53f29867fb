"""AVG art. 16 (rectification) and art. 18 (restriction) requests: filed by a worker for the resident or
by the resident in Mijn Stevig, on the privacy officer's worklist with the one-month clock of art. 12
lid 3 (extendable once by two months, resident told within the first month), decided with a reason; a
restriction really restricts (art. 18 lid 2) and is lifted only after the resident was told (lid 3)."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from stevig.audit.models import AccessLogEntry
from stevig.core.errors import AccessDenied, VersionConflict
from stevig.datasharing import selectors, services
from stevig.datasharing.models import Disclosure, SubjectRequest
from stevig.datasharing.tests.conftest import actor_for

pytestmark = pytest.mark.django_db

# Friday 30 January 2026, Amsterdam time.
FRI_30_JAN = dt.datetime(2026, 1, 30, 9, 0, tzinfo=dt.UTC)


def file(world, **kwargs):  # type: ignore[no-untyped-def]
    values = {
        "actor": actor_for(world.own_worker),
        "household_id": world.household.id,
        "resident_id": world.parent.id,
        "right": "beperking",
        "what": "Mijn score op gezondheid in de brede analyse",
        "ground": "juistheid",
    }
    values.update(kwargs)
    return services.file_subject_request(**values)


def share(world, **kwargs):  # type: ignore[no-untyped-def]
    values = {
        "actor": actor_for(world.own_worker),
        "household": world.household,
        "residents": [world.parent],
        "recipient": "Wonen",
        "recipient_kind": "vakafdeling",
        "purpose": "Urgentie",
        "legal_basis": "wmo_h5",
        "categories": ["persoonsgegevens"],
    }
    values.update(kwargs)
    return services.record_disclosure(**values)


def test_request_of_friday_30_january_2026_is_due_monday_2_march_2026(world):
    with time_machine.travel(FRI_30_JAN, tick=False):
        request = file(world, right="rectificatie", ground="", correction="Ik heb geen schulden meer.")
    assert request.received_on == dt.date(2026, 1, 30)
    assert request.due_on == dt.date(2026, 3, 2)  # 30 Feb does not exist -> Sat 28 Feb -> Mon 2 Mar
    entry = AccessLogEntry.objects.latest("id")
    assert (entry.action, entry.outcome, entry.part, entry.resident_ids) == (
        "create",
        "allowed",
        "avg-verzoek",
        [str(world.parent.id)],
    )
    assert entry.purpose == "inzageverzoek AVG art. 15"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"right": "vergeten"}, "right"),
        ({"what": "  "}, "what"),
        ({"right": "rectificatie", "ground": "", "correction": ""}, "correction"),
        ({"ground": ""}, "ground"),
        ({"right": "rectificatie", "correction": "x", "ground": "juistheid"}, "ground"),
        ({"received_on": dt.date(2099, 1, 1)}, "received_on"),
    ],
)
def test_bad_requests_are_refused_and_nothing_saved(world, kwargs, field):
    with pytest.raises(ValidationError) as exc:
        file(world, **kwargs)
    assert field in exc.value.message_dict
    assert SubjectRequest.objects.count() == 0


def test_resident_outside_the_household_and_worker_outside_scope_are_refused(world):
    from stevig.testing import factories

    stranger = factories.ResidentFactory(municipality=world.municipality)
    with pytest.raises(ValidationError) as exc:
        file(world, resident_id=stranger.id)
    assert "resident" in exc.value.message_dict
    with pytest.raises(AccessDenied):
        file(world, actor=actor_for(world.other_team_worker))
    assert AccessLogEntry.objects.filter(user_id=world.other_team_worker.id, outcome="denied").exists()
    assert SubjectRequest.objects.count() == 0


def test_extension_needs_reason_and_informing_within_the_first_month(world):
    with time_machine.travel(FRI_30_JAN, tick=False):
        request = file(world)
    privacy = actor_for(world.privacy)
    with time_machine.travel(dt.datetime(2026, 2, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        with pytest.raises(ValidationError) as exc:
            services.extend_subject_request(
                actor=privacy, request_id=request.id, version=request.version, reason="", informed_on=None
            )
        assert {"reason", "informed_on"} <= set(exc.value.message_dict)
        with pytest.raises(VersionConflict):
            services.extend_subject_request(
                actor=privacy,
                request_id=request.id,
                version=99,
                reason="Veel",
                informed_on=dt.date(2026, 2, 20),
            )
        extended = services.extend_subject_request(
            actor=privacy,
            request_id=request.id,
            version=request.version,
            reason="Wij moeten de gegevens nagaan bij drie afdelingen.",
            informed_on=dt.date(2026, 2, 20),
        )
    assert extended.status == "verlengd" and extended.due_on == dt.date(2026, 4, 30)
    assert extended.first_due_on == dt.date(2026, 3, 2)


def test_extension_after_the_first_month_is_refused(world):
    with time_machine.travel(FRI_30_JAN, tick=False):
        request = file(world)
    with time_machine.travel(dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC), tick=False):
        with pytest.raises(ValidationError) as exc:
            services.extend_subject_request(
                actor=actor_for(world.privacy),
                request_id=request.id,
                version=request.version,
                reason="Te druk",
                informed_on=dt.date(2026, 3, 3),
            )
    assert "2 maart 2026" in exc.value.message_dict["status"][0]


def test_only_the_privacy_officer_decides(world):
    request = file(world)
    for persona in ("own_worker", "team_lead", "coordinator", "admin"):
        with pytest.raises(AccessDenied):
            services.decide_subject_request(
                actor=actor_for(getattr(world, persona)),
                request_id=request.id,
                version=request.version,
                outcome="afgewezen",
                reason="Nee",
            )
    request.refresh_from_db()
    assert request.status == "open"
    assert AccessLogEntry.objects.filter(outcome="denied", part="avg-verzoek").count() == 4


def test_decision_needs_a_reason(world):
    request = file(world)
    with pytest.raises(ValidationError) as exc:
        services.decide_subject_request(
            actor=actor_for(world.privacy),
            request_id=request.id,
            version=None,
            outcome="afgewezen",
            reason=" ",
        )
    assert "reason" in exc.value.message_dict


def test_restriction_on_accuracy_restricts_from_the_request_until_refused(world):
    """Art. 18 lid 1 onder a: while the municipality checks the accuracy, the data may only be stored."""
    request = file(world)
    with pytest.raises(ValidationError) as exc:
        share(world)
    assert "beperking" in exc.value.message_dict["residents"][0]
    assert Disclosure.objects.count() == 0
    # A routine ground for the other member still works; vital interest for the restricted member too.
    share(world, residents=[world.child])
    share(world, legal_basis="vitaal_belang")
    assert [r.resident_id for r in selectors.restrictions_in_household(world.household.id)] == [
        world.parent.id
    ]
    services.decide_subject_request(
        actor=actor_for(world.privacy),
        request_id=request.id,
        version=request.version,
        outcome="afgewezen",
        reason="De score klopt: de inwoner vertelde het zelf in het gesprek van 12 januari.",
    )
    share(world)  # refused restriction: processing is free again
    assert selectors.restrictions_in_household(world.household.id) == []


def test_granted_restriction_restricts_until_lifted_after_informing(world):
    request = file(world, ground="rechtsvordering")
    share(world)  # ground c restricts only once granted
    request = services.decide_subject_request(
        actor=actor_for(world.privacy),
        request_id=request.id,
        version=request.version,
        outcome="toegewezen",
        reason="De inwoner heeft de gegevens nodig in een rechtszaak.",
    )
    with pytest.raises(ValidationError):
        share(world)
    with pytest.raises(ValidationError) as exc:
        services.lift_restriction(
            actor=actor_for(world.privacy),
            request_id=request.id,
            version=request.version,
            reason="Rechtszaak voorbij",
            informed_on=None,
        )
    assert "informed_on" in exc.value.message_dict
    services.lift_restriction(
        actor=actor_for(world.privacy),
        request_id=request.id,
        version=request.version,
        reason="De rechtszaak is voorbij.",
        informed_on=dt.date.today(),
    )
    share(world)


def test_mandate_requests_respect_a_restriction(world):
    """The check sits in record_disclosure, so every road (mandate, decision, referral) obeys it."""
    file(world)
    names = selectors.restricted_among([world.parent.id, world.child.id])
    assert names == [world.parent.full_name]
