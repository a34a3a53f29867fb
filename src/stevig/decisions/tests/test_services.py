"""Services and selectors: legal terms across weekends and holidays, the decision rules (end before start,
pgb without motivation, an open end only with the lifelong flag, the reason), nothing half-saved,
periodic contacts, the three-month warning, the sharing register, 409, figures, timeline and export."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from stevig.audit.export import build_export
from stevig.audit.models import AccessLogEntry
from stevig.core.errors import AccessDenied, RoleDenied, VersionConflict
from stevig.core.figures_api import period_from_query
from stevig.core.suppression import Period
from stevig.datasharing.models import Disclosure
from stevig.decisions import selectors, services
from stevig.decisions.models import (
    CONTACT_LABEL,
    Application,
    ApplicationStatus,
    Decision,
    LifelongLimitation,
    PeriodicContact,
    ProductCategory,
)
from stevig.decisions.seed import DEFAULT_CATEGORIES
from stevig.decisions.tests.conftest import actor, decide, flag
from stevig.patterns.services import refresh
from stevig.testing import factories as f
from stevig.testing.personas import PERSONAS
from stevig.trajectories import figures as registry
from stevig.trajectories import timeline
from stevig.trajectories.tests.conftest import actor_for

pytestmark = pytest.mark.django_db


def apply(world, law: str, received_on: dt.date, **extra) -> Application:  # type: ignore[no-untyped-def]
    return services.record_application(
        actor=actor(world.own_worker),
        household_id=world.household.id,
        resident_id=extra.pop("resident_id", world.parent.id),
        law=law,
        received_on=received_on,
        description="Ik wil hulp bij mijn administratie.",
        **extra,
    )


# --- Legal terms ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("law", "received", "due"),
    [
        # Wmo: 2 weeks. Monday 2 March → Monday 16 March.
        ("wmo", dt.date(2026, 3, 2), dt.date(2026, 3, 16)),
        # Ends on Saturday 21 March → runs on to Monday 23 March (Atw art. 1).
        ("wmo", dt.date(2026, 3, 7), dt.date(2026, 3, 23)),
        # Ends on Easter Monday 6 April 2026 → Tuesday 7 April.
        ("wmo", dt.date(2026, 3, 23), dt.date(2026, 4, 7)),
        # Ends on King's Day, Monday 27 April 2026 → Tuesday 28 April.
        ("wmo", dt.date(2026, 4, 13), dt.date(2026, 4, 28)),
        # Jeugdwet: at most 8 weeks. Ends on 5 May 2026, an Atw holiday every year → 6 May.
        ("jeugdwet", dt.date(2026, 3, 10), dt.date(2026, 5, 6)),
        # Ends on Ascension Day 14 May; 15 May is a decree day; then the weekend → Monday 18 May.
        ("jeugdwet", dt.date(2026, 3, 19), dt.date(2026, 5, 18)),
    ],
)
def test_application_term_follows_the_law_and_the_atw(world, law, received, due):
    with time_machine.travel(dt.datetime(2026, 4, 20, 10, tzinfo=dt.UTC), tick=False):
        application = apply(world, law, received)
    assert application.due_on == due
    assert application.status == ApplicationStatus.OPEN


def test_application_on_the_worklist_with_days_left_and_overdue_across_the_weekend(world):
    with time_machine.travel(dt.datetime(2026, 3, 9, 10, tzinfo=dt.UTC), tick=False):
        application = apply(world, "wmo", dt.date(2026, 3, 7))  # due Monday 23 March
    with time_machine.travel(dt.datetime(2026, 3, 20, 10, tzinfo=dt.UTC), tick=False):  # Friday
        [item] = selectors.decisions_due_for(world.own_worker)
        assert (item.kind, item.due, item.days_left, item.overdue) == (
            "aanvraag",
            dt.date(2026, 3, 23),
            3,
            False,
        )
    with time_machine.travel(dt.datetime(2026, 3, 24, 10, tzinfo=dt.UTC), tick=False):  # Tuesday
        [item] = selectors.decisions_due_for(world.own_worker)
        assert item.overdue and item.days_late == 1
        assert item.object_id == application.id
        # Decided: off the worklist.
        decide(world, categories_of(world), application_id=application.id, decided_on=dt.date(2026, 3, 24))
        assert selectors.decisions_due_for(world.own_worker) == []


def categories_of(world):  # type: ignore[no-untyped-def]
    return {c.code: c for c in ProductCategory.objects.filter(municipality=world.municipality)}


@pytest.mark.parametrize("persona", PERSONAS)
def test_worklist_items_only_for_those_who_see_the_household(world, persona):
    apply(world, "wmo", dt.date(2026, 3, 2))
    items = selectors.decisions_due_for(getattr(world, persona))
    assert bool(items) == (persona in {"own_worker", "colleague", "team_lead"})


def test_bad_applications_are_refused_and_nothing_is_saved(world, categories):
    stranger = f.ResidentFactory(municipality=world.municipality)
    with pytest.raises(ValidationError) as exc:
        services.record_application(
            actor=actor(world.own_worker),
            household_id=world.household.id,
            resident_id=stranger.id,
            law="zvw",
            received_on=dt.date(2026, 3, 9),
            description="  ",
            category_id=categories["jeugdhulp-ambulant"].id,
        )
    assert set(exc.value.message_dict) == {"resident", "law", "received_on", "description"}
    with pytest.raises(ValidationError) as exc:
        apply(world, "wmo", dt.date(2026, 3, 2), category_id=categories["jeugdhulp-ambulant"].id)
    assert exc.value.message_dict["category"] == ["Deze categorie hoort bij de Jeugdwet."]
    assert not Application.objects.exists()


# --- The decision rules ----------------------------------------------------------------------------------


def test_end_before_start_is_refused(world, categories):
    with pytest.raises(ValidationError) as exc:
        decide(world, categories, start_date=dt.date(2026, 3, 1), end_date=dt.date(2026, 2, 28))
    assert exc.value.message_dict == {"end_date": ["De einddatum ligt voor de ingangsdatum."]}
    assert not Decision.objects.exists()


def test_pgb_needs_a_motivation(world, categories):
    with pytest.raises(ValidationError) as exc:
        decide(world, categories, form="pgb", pgb_motivation="   ")
    assert "pgb_motivation" in exc.value.message_dict
    decision = decide(world, categories, form="pgb", pgb_motivation="Zij wil zelf kiezen wie haar helpt.")
    assert decision.pgb_motivation == "Zij wil zelf kiezen wie haar helpt."
    # In natura: a typed motivation is not kept.
    other = decide(world, categories, form="zin", pgb_motivation="iets")
    assert other.pgb_motivation == ""


def test_reason_is_required(world, categories):
    with pytest.raises(ValidationError) as exc:
        decide(world, categories, reason=" \n ")
    assert exc.value.message_dict == {"reason": ["Schrijf op waarom u dit besluit. Dat is verplicht."]}
    assert not Decision.objects.exists()


def test_no_end_date_only_with_the_lifelong_flag(world, categories):
    with pytest.raises(ValidationError) as exc:
        decide(world, categories, end_date=None)
    assert "levenslange" in exc.value.message_dict["end_date"][0]
    assert not Decision.objects.exists() and not PeriodicContact.objects.exists()
    flag(world)
    decision = decide(world, categories, end_date=None)
    assert decision.end_date is None and decision.lifelong and decision.fitting_duration
    # The flag is personal: the child still needs an end date.
    with pytest.raises(ValidationError):
        decide(
            world,
            categories,
            resident_id=world.child.id,
            category_id=categories["jeugdhulp-ambulant"].id,
            end_date=None,
        )


def test_many_errors_at_once_and_nothing_half_saved(world, categories):
    application = apply(world, "wmo", dt.date(2026, 3, 2))
    with pytest.raises(ValidationError) as exc:
        decide(
            world,
            categories,
            application_id=application.id,
            category_id=None,
            form="pgb",
            end_date=dt.date(2025, 1, 1),
            reason="",
            provider="Zorg & Co",
        )
    assert set(exc.value.message_dict) == {"category", "pgb_motivation", "end_date", "reason"}
    application.refresh_from_db()
    assert application.status == ApplicationStatus.OPEN
    assert not Decision.objects.exists() and not Disclosure.objects.exists()


def test_application_law_must_match_the_category(world, categories):
    application = apply(world, "jeugdwet", dt.date(2026, 3, 2), resident_id=world.child.id)
    with pytest.raises(ValidationError) as exc:
        decide(world, categories, resident_id=world.child.id, application_id=application.id)
    assert exc.value.message_dict["category"] == [
        "Deze categorie hoort bij de Wmo 2015, de aanvraag bij de Jeugdwet."
    ]
    with pytest.raises(ValidationError) as exc:
        decide(
            world, categories, application_id=application.id, category_id=categories["jeugdhulp-ambulant"].id
        )
    assert exc.value.message_dict == {"resident": ["De aanvraag is voor iemand anders."]}
    decision = decide(
        world,
        categories,
        resident_id=world.child.id,
        application_id=application.id,
        category_id=categories["jeugdhulp-ambulant"].id,
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECIDED and decision.law == "jeugdwet"
    with pytest.raises(ValidationError) as exc:
        decide(
            world,
            categories,
            resident_id=world.child.id,
            application_id=application.id,
            category_id=categories["jeugdhulp-ambulant"].id,
        )
    assert "application" in exc.value.message_dict


def test_decision_is_logged_and_linked_to_the_open_trajectory(world, categories):
    from stevig.analysis.tests.helpers import open_trajectory

    trajectory = open_trajectory(world)
    decision = decide(world, categories)
    assert decision.trajectory_id == trajectory.id
    entry = AccessLogEntry.objects.filter(object_type="decision").latest("id")
    assert (entry.action, entry.outcome, entry.part, entry.resident_ids) == (
        "create",
        "allowed",
        "beschikking",
        [str(world.parent.id)],
    )


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - {"own_worker", "colleague", "team_lead"}))
def test_out_of_scope_decisions_are_denied_and_logged(world, categories, persona):
    user = getattr(world, persona)
    with pytest.raises(AccessDenied):
        decide(world, categories, actor=actor(user))
    entry = AccessLogEntry.objects.filter(user_id=user.id).latest("id")
    assert (entry.outcome, entry.action, entry.object_type) == ("denied", "create", "household")
    assert not Decision.objects.exists()


# --- Fitting duration -----------------------------------------------------------------------------------


def test_lifelong_decision_plans_yearly_contacts_that_are_no_reassessment(world, categories):
    flag(world)
    decision = decide(world, categories, start_date=dt.date(2026, 3, 1), end_date=None)
    contacts = list(PeriodicContact.objects.filter(decision=decision).order_by("due_on"))
    assert [c.due_on for c in contacts] == [dt.date(2027 + n, 3, 1) for n in range(5)]
    assert all(c.label == "contactmoment, geen herindicatie" == str(CONTACT_LABEL) for c in contacts)
    # A contact is recorded: the next one stays, the horizon moves along.
    with time_machine.travel(dt.datetime(2027, 3, 3, 10, tzinfo=dt.UTC), tick=False):
        services.record_contact(
            actor=actor(world.own_worker),
            contact_id=contacts[0].id,
            done_on=dt.date(2027, 3, 2),
            note="Het gaat goed.",
        )
    due = list(
        PeriodicContact.objects.filter(decision=decision, done_on__isnull=True).values_list(
            "due_on", flat=True
        )
    )
    assert due == [dt.date(2028 + n, 3, 1) for n in range(5)]
    with pytest.raises(ValidationError):
        services.record_contact(
            actor=actor(world.own_worker), contact_id=contacts[0].id, done_on=dt.date(2027, 3, 2)
        )


def test_long_lifelong_decision_with_an_end_date_plans_contacts_until_the_end(world, categories):
    flag(world)
    decision = decide(
        world,
        categories,
        start_date=dt.date(2026, 3, 1),
        end_date=dt.date(2028, 8, 31),
        contact_interval_months=6,
    )
    due = list(PeriodicContact.objects.filter(decision=decision).values_list("due_on", flat=True))
    assert due == [dt.date(2026, 9, 1), dt.date(2027, 3, 1), dt.date(2027, 9, 1), dt.date(2028, 3, 1)]
    assert decision.lifelong and not decision.fitting_duration  # less than five years
    long = decide(world, categories, category_id=categories["hulpmiddel"].id, end_date=dt.date(2036, 2, 28))
    assert long.fitting_duration


def test_other_decisions_plan_no_contacts_and_warn_three_months_before_the_end(world, categories):
    decision = decide(world, categories, start_date=dt.date(2026, 1, 1), end_date=dt.date(2026, 6, 30))
    assert not PeriodicContact.objects.filter(decision=decision).exists()
    assert not selectors.ending_soon_for(world.own_worker, dt.date(2026, 3, 29)).exists()
    assert list(selectors.ending_soon_for(world.own_worker, dt.date(2026, 3, 30))) == [decision]
    assert list(selectors.ending_soon_for(world.own_worker, dt.date(2026, 6, 30))) == [decision]
    assert not selectors.ending_soon_for(world.own_worker, dt.date(2026, 7, 1)).exists()
    with time_machine.travel(dt.datetime(2026, 4, 15, 10, tzinfo=dt.UTC), tick=False):
        [item] = selectors.decisions_due_for(world.own_worker)
        assert (item.kind, item.due, item.object_id) == ("einde", dt.date(2026, 6, 30), decision.id)
        assert selectors.due_counts(world.own_worker)["ending"] == 1
        # A follow-up decision for the same help takes it off the list.
        decide(world, categories, start_date=dt.date(2026, 7, 1), end_date=dt.date(2027, 6, 30))
        assert selectors.decisions_due_for(world.own_worker) == []


def test_contacts_on_the_worklist_thirty_days_ahead(world, categories):
    flag(world)
    decision = decide(
        world, categories, start_date=dt.date(2025, 4, 1), end_date=None, decided_on=dt.date(2026, 3, 2)
    )
    first = PeriodicContact.objects.filter(decision=decision).order_by("due_on").first()
    assert first is not None and first.due_on == dt.date(2026, 4, 1)  # none before the decision date
    with time_machine.travel(dt.datetime(2026, 3, 1, 10, tzinfo=dt.UTC), tick=False):
        assert selectors.decisions_due_for(world.own_worker) == []
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC), tick=False):
        [item] = selectors.decisions_due_for(world.own_worker)
        assert item.kind == "contactmoment" and item.title.startswith("Contactmoment, geen herindicatie")
        assert selectors.due_counts(world.own_worker) == {
            "applications": 0,
            "overdue": 0,
            "contacts": 1,
            "ending": 0,
            "continuations": 0,
        }


def test_lifelong_flag_rules(world):
    first = flag(world)
    with pytest.raises(ValidationError) as exc:
        flag(world)
    assert exc.value.message_dict == {"resident": ["Bij deze persoon staat dit al vastgelegd."]}
    with pytest.raises(ValidationError):
        services.end_lifelong(actor=actor(world.own_worker), limitation_id=first.id, reason="")
    services.end_lifelong(
        actor=actor(world.own_worker), limitation_id=first.id, reason="Onterecht vastgelegd."
    )
    assert not selectors.has_lifelong_flag(world.parent.id)
    flag(world)
    assert LifelongLimitation.objects.filter(resident=world.parent).count() == 2
    with pytest.raises(AccessDenied):
        services.end_lifelong(actor=actor(world.other_team_worker), limitation_id=first.id, reason="x")


# --- Changes, 409, the register ---------------------------------------------------------------------------


def _update(world, categories, decision, **overrides):  # type: ignore[no-untyped-def]
    fields = {
        "actor": actor(world.own_worker),
        "decision_id": decision.id,
        "expected_version": decision.version,
        "category_id": decision.category_id,
        "form": decision.form,
        "start_date": decision.start_date,
        "end_date": decision.end_date,
        "reason": decision.reason,
        "provider": decision.provider,
    }
    fields.update(overrides)
    return services.update_decision(**fields)


def test_update_with_a_stale_version_is_a_conflict(world, categories):
    decision = decide(world, categories)
    _update(world, categories, decision, reason="Nieuwe reden.")
    with pytest.raises(VersionConflict):
        _update(world, categories, decision, expected_version=1, reason="Oude reden.")
    decision.refresh_from_db()
    assert (decision.version, decision.reason) == (2, "Nieuwe reden.")


def test_update_replans_contacts_when_the_flag_came_later(world, categories):
    decision = decide(world, categories, start_date=dt.date(2026, 3, 1), end_date=dt.date(2026, 12, 31))
    flag(world)
    decision = _update(world, categories, decision, end_date=None)
    assert decision.lifelong and decision.contact_interval_months == 12
    ids = set(PeriodicContact.objects.filter(decision=decision).values_list("id", flat=True))
    assert len(ids) == 5
    # A correction that keeps the schedule keeps the contacts (and their ids); a shorter end drops the rest.
    decision = _update(world, categories, decision, end_date=None, reason="Andere woorden.")
    assert set(PeriodicContact.objects.filter(decision=decision).values_list("id", flat=True)) == ids
    decision = _update(world, categories, decision, end_date=dt.date(2028, 12, 31))
    due = list(
        PeriodicContact.objects.filter(decision=decision).order_by("due_on").values_list("due_on", flat=True)
    )
    assert due == [dt.date(2027, 3, 1), dt.date(2028, 3, 1)]


def test_provider_gets_a_register_entry_with_the_legal_basis(world, categories):
    decision = decide(world, categories, provider="Zorg & Co")
    [entry] = Disclosure.objects.filter(source_type="beschikking", source_id=decision.id)
    assert (entry.recipient, entry.legal_basis, entry.recipient_kind) == ("Zorg & Co", "wmo_h5", "partner")
    assert entry.categories == ["persoonsgegevens", "beschikking"]
    assert list(entry.residents.values_list("id", flat=True)) == [world.parent.id]
    # Jeugdwet decisions share on Jeugdwet chapter 7; the same provider again: no new entry.
    youth = decide(
        world,
        categories,
        resident_id=world.child.id,
        category_id=categories["jeugdhulp-ambulant"].id,
        provider="Jeugdzorg Noord",
    )
    assert Disclosure.objects.get(source_id=youth.id).legal_basis == "jeugdwet_h7"
    _update(world, categories, decision, reason="Aangepast.")
    assert Disclosure.objects.filter(source_id=decision.id).count() == 1
    decision.refresh_from_db()
    _update(world, categories, decision, provider="Andere Zorg")
    assert Disclosure.objects.filter(source_id=decision.id).count() == 2


def test_withdraw_application(world):
    application = apply(world, "wmo", dt.date(2026, 3, 2))
    with pytest.raises(ValidationError):
        services.withdraw_application(
            actor=actor(world.own_worker), application_id=application.id, expected_version=1, reason=" "
        )
    services.withdraw_application(
        actor=actor(world.own_worker),
        application_id=application.id,
        expected_version=1,
        reason="Inwoner heeft het zelf geregeld.",
    )
    assert selectors.decisions_due_for(world.own_worker) == []
    with pytest.raises(ValidationError):
        services.withdraw_application(
            actor=actor(world.own_worker),
            application_id=application.id,
            expected_version=2,
            reason="Nog eens.",
        )


# --- Categories as data -----------------------------------------------------------------------------------


def test_new_municipality_gets_the_default_categories(world):
    municipality = f.MunicipalityFactory(code="GM9555")
    rows = ProductCategory.objects.filter(municipality=municipality)
    assert sorted(rows.values_list("code", flat=True)) == sorted(c[0] for c in DEFAULT_CATEGORIES)
    assert rows.get(code="jeugdhulp-verblijf").law == "jeugdwet"
    assert rows.get(code="woningaanpassing").law == "wmo"
    from stevig.decisions.seed import seed_categories

    assert seed_categories(municipality.id) == 0  # idempotent


def test_data_migration_seeds_existing_municipalities_and_matches_the_seed_list():
    import importlib

    from django.apps import apps

    from stevig.tenancy.models import Municipality

    migration = importlib.import_module("stevig.decisions.migrations.0002_seed_product_categories")
    assert migration.CATEGORIES == DEFAULT_CATEGORIES
    municipality = Municipality.objects.create(code="GM9777", name="Oudgemeente")
    ProductCategory.objects.filter(municipality=municipality).exclude(code="vervoer").delete()
    migration.seed(apps, None)
    assert ProductCategory.objects.filter(municipality=municipality).count() == len(DEFAULT_CATEGORIES)
    migration.unseed(apps, None)
    assert not ProductCategory.objects.filter(municipality=municipality).exists()


@pytest.mark.system
@pytest.mark.django_db(transaction=True)
def test_data_migration_runs_forward_and_backward():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    start = [("decisions", "0001_products_applications_decisions_contacts")]
    end = [("decisions", "0002_seed_product_categories")]
    executor = MigrationExecutor(connection)
    executor.migrate(start)
    old = executor.loader.project_state(start).apps
    # tenancy stays fully migrated (decisions 0001 does not need its later migrations): the current model,
    # without its post-save seeding (bulk_create sends no signals), as a municipality made before 0002.
    from stevig.tenancy.models import Municipality

    (municipality,) = Municipality.objects.bulk_create([Municipality(code="GM9888", name="Migratiedorp")])
    assert (
        not old.get_model("decisions", "ProductCategory")
        .objects.filter(municipality_id=municipality.id)
        .exists()
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(end)
    assert ProductCategory.objects.filter(municipality_id=municipality.id).count() == len(DEFAULT_CATEGORIES)


# --- Figures, timeline, export ----------------------------------------------------------------------------


def test_figures_are_aggregated_and_small_groups_suppressed(world, categories):
    flag(world)
    own = "Meneer overziet zijn post niet; zijn dochter woont ver weg en kan niet helpen (besluit {n})."
    for n in range(6):
        decide(world, categories, end_date=None, start_date=dt.date(2026, 1, n + 1), reason=own.format(n=n))
    for n in range(5):  # the same text on five decisions: not an own reason
        decide(world, categories, end_date=dt.date(2027, 1, 1), start_date=dt.date(2026, 1, n + 1))
    refresh(municipality_id=world.municipality.id)
    result = {x.key: x for x in selectors.figures_for(actor=actor(world.policy))}
    reason = result["decisions_with_own_reason"]
    assert (reason.numerator, reason.denominator, reason.percentage) == (6, 11, 55)
    fitting = result["lifelong_decisions_fitting_duration"]
    assert (fitting.numerator, fitting.denominator, fitting.percentage) == (6, 11, 55)
    # A period with fewer than ten decisions is not shown.
    today = timezone.localdate()
    this_year, other = today.year, 1 if today.month > 3 else 2
    small = {
        x.key: x
        for x in selectors.figures_for(
            actor=actor(world.policy), period=Period.parse(f"{this_year}-K{other}")
        )
    }
    assert (
        small["decisions_with_own_reason"].suppressed and small["decisions_with_own_reason"].numerator is None
    )
    # A free range could isolate a small group as the difference of two requests: refused.
    with pytest.raises(ValidationError):
        period_from_query({"since": "2026-03-03"})
    # The shared figures registry carries them too.
    keys = {x.key for x in registry.collect(world.municipality.id, Period(this_year))}
    assert {"decisions_with_own_reason", "lifelong_decisions_fitting_duration"} <= keys
    entry = AccessLogEntry.objects.filter(user_id=world.policy.id).latest("id")
    assert (entry.part, entry.outcome, entry.resident_ids) == ("cijfers-beschikkingen", "allowed", [])


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - {"policy"}))
def test_only_policy_sees_figures(world, persona):
    user = getattr(world, persona)
    with pytest.raises(RoleDenied):
        selectors.figures_for(actor=actor(user))
    entry = AccessLogEntry.objects.filter(user_id=user.id).latest("id")
    assert (entry.part, entry.outcome) == ("cijfers-beschikkingen", "denied")


def test_timeline_and_export(world, categories):
    apply(world, "wmo", dt.date(2026, 3, 2))
    flag(world)
    decision = decide(world, categories, end_date=None)
    items = timeline.collect(world.household, actor_for(world.own_worker))
    kinds = {i.kind for i in items}
    assert {"aanvraag", "beschikking"} <= kinds
    assert any(i.url == f"/beschikkingen/{decision.id}/" for i in items)
    export = build_export(world.parent).as_json()["sections"]["beschikkingen"]["data"]
    assert export["beschikkingen"][0]["reden"] == decision.reason
    assert export["beschikkingen"][0]["vorm"] == "zorg in natura"
    assert export["aanvragen"][0]["status"] == "wacht op besluit"
    assert len(export["contactmomenten"]) == 5
    assert export["levenslange_beperking"][0]["beschrijving"] == "Blijvende verstandelijke beperking"
    # The child's export holds nothing of the parent's decision.
    child = build_export(world.child).as_json()["sections"]["beschikkingen"]["data"]
    assert child["beschikkingen"] == [] and child["levenslange_beperking"] == []
