"""Every disclosure writes its register entry (AVG art. 30; the resident's right to know the recipients,
art. 15 lid 1 onder c): referrals to the social map and specialist consultations too, on a ground from the
catalogue; a ground the catalogue does not allow refuses the whole act (nothing half-saved)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from stevig.analysis.tests.helpers import open_trajectory
from stevig.audit.export import build_export
from stevig.datasharing.models import Disclosure
from stevig.datasharing.tests.conftest import actor_for
from stevig.socialmap import services as socialmap
from stevig.socialmap.models import Facility, Referral
from stevig.tenancy.models import ExpertiseTag
from stevig.testing.personas import PERSONAS, api_client, web_client
from stevig.trajectories import services as trajectories
from stevig.trajectories.models import Consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def trajectory(world):  # type: ignore[no-untyped-def]
    return open_trajectory(world)


@pytest.fixture
def facility(world):  # type: ignore[no-untyped-def]
    return Facility.objects.create(
        municipality=world.municipality,
        name="Buurtmoestuin Noord",
        sphere="collectief",
        kind="vrijwilligersgroep",
        purpose="Samen tuinieren",
        contact="tuin@example.org",
    )


@pytest.fixture
def tag(world):  # type: ignore[no-untyped-def]
    return ExpertiseTag.objects.create(municipality=world.municipality, name="GGZ")


def test_referral_writes_its_register_entry(world, trajectory, facility):
    referral = socialmap.create_referral(
        actor=actor_for(world.own_worker),
        trajectory_id=trajectory.id,
        facility_id=facility.id,
        resident_ids=[world.parent.id],
        referred_on=dt.date(2026, 3, 2),
        follow_up_on=dt.date(2026, 3, 9),
    )
    entry = Disclosure.objects.get(source_type="verwijzing", source_id=referral.id)
    assert (entry.recipient, entry.recipient_kind, entry.legal_basis) == (
        "Buurtmoestuin Noord",
        "voorziening",
        "publieke_taak",
    )
    assert entry.categories == ["persoonsgegevens", "contactgegevens"]
    assert list(entry.residents.all()) == [world.parent] and entry.disclosed_on == dt.date(2026, 3, 2)
    # The resident's inzage names the recipient and the article.
    rows = build_export(world.parent).as_json()["sections"]["gegevensdeling"]["data"]["gegevensdeling"]
    assert rows[0]["ontvanger"] == "Buurtmoestuin Noord"
    assert "AVG artikel 6 lid 1 onder e" in rows[0]["grondslag"]
    # The child was not referred: not in the child's inzage.
    assert build_export(world.child).as_json()["sections"]["gegevensdeling"]["data"]["gegevensdeling"] == []


def test_referral_with_health_data_on_a_public_task_is_refused_whole(world, trajectory, facility):
    with pytest.raises(ValidationError) as exc:
        socialmap.create_referral(
            actor=actor_for(world.own_worker),
            trajectory_id=trajectory.id,
            facility_id=facility.id,
            resident_ids=[world.parent.id],
            referred_on=dt.date(2026, 3, 2),
            follow_up_on=dt.date(2026, 3, 9),
            categories=["persoonsgegevens", "gezondheid"],
        )
    assert "gezondheid" in exc.value.message_dict["legal_basis"][0]
    assert Referral.objects.count() == 0 and Disclosure.objects.count() == 0


def test_referral_on_consent_of_the_referred_member(world, trajectory, facility):
    from stevig.datasharing import services as datasharing

    consent = datasharing.record_consent(
        actor=actor_for(world.own_worker),
        household_id=world.household.id,
        resident_id=world.parent.id,
        given_on=dt.date(2026, 3, 2),
        method="mondeling",
        purpose="Meedoen met de moestuin",
        recipient="Buurtmoestuin Noord",
        categories=["persoonsgegevens", "contactgegevens", "gezondheid"],
        health_explicit=True,
    )
    response = api_client(world.own_worker).post(
        f"/api/v1/trajectories/{trajectory.id}/referrals",
        {
            "facility": str(facility.id),
            "residents": [str(world.parent.id)],
            "referred_on": "2026-03-02",
            "follow_up_on": "2026-03-09",
            "legal_basis": "toestemming",
            "consent": str(consent.id),
            "categories": ["persoonsgegevens", "gezondheid"],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    entry = Disclosure.objects.get(source_type="verwijzing")
    assert entry.consent_id == consent.id and entry.categories == ["persoonsgegevens", "gezondheid"]
    # The child's data cannot travel on the parent's consent.
    bad = api_client(world.own_worker).post(
        f"/api/v1/trajectories/{trajectory.id}/referrals",
        {
            "facility": str(facility.id),
            "residents": [str(world.child.id)],
            "referred_on": "2026-03-02",
            "follow_up_on": "2026-03-09",
            "legal_basis": "toestemming",
            "consent": str(consent.id),
        },
        format="json",
    )
    assert bad.status_code == 400 and "consent" in bad.json()["errors"]
    assert Referral.objects.count() == 1


def test_consultation_writes_its_register_entry(world, trajectory, tag):
    consultation = trajectories.record_consultation(
        actor=actor_for(world.own_worker),
        trajectory_id=trajectory.id,
        kind="consultatie",
        area_id=tag.id,
        consulted="GGZ-team Oost",
        consultation_date=dt.date(2026, 3, 2),
        question="Hoe praten we met moeder over haar somberheid?",
        legal_basis="wmo_h5",
        categories=["huishouden", "gezondheid"],
    )
    entry = Disclosure.objects.get(source_id=consultation.id)
    assert (entry.recipient, entry.recipient_kind, entry.legal_basis, entry.source_type) == (
        "GGZ-team Oost",
        "specialist",
        "wmo_h5",
        "consultatie",
    )
    assert "somberheid" not in entry.purpose  # the register names the subject, not the question itself
    assert set(entry.residents.all()) == {world.parent, world.child}


def test_consultation_outside_the_catalogue_is_refused_whole(world, trajectory, tag):
    with pytest.raises(ValidationError) as exc:
        trajectories.record_consultation(
            actor=actor_for(world.own_worker),
            trajectory_id=trajectory.id,
            kind="consultatie",
            area_id=tag.id,
            consulted="Schuldhulpmaatje",
            consultation_date=dt.date(2026, 3, 2),
            question="Vraag",
            legal_basis="participatiewet",
        )
    assert "legal_basis" in exc.value.message_dict
    assert Consultation.objects.count() == 0 and Disclosure.objects.count() == 0


def test_consultation_page_offers_the_catalogue_and_records_the_entry(world, trajectory, tag):
    client = web_client(world.own_worker)
    url = f"/trajecten/{trajectory.id}/consultatie/"
    body = client.get(url).content.decode()
    assert "Wmo 2015 artikel 5.1.1" in body and "Participatiewet artikel 64" not in body
    response = client.post(
        url,
        {
            "kind": "consultatie",
            "area": str(tag.id),
            "consulted": "GGZ-team Oost",
            "consultation_date": "2026-03-02",
            "question": "Hoe nu verder?",
            "legal_basis": "jeugdwet_h7",
        },
    )
    assert response.status_code == 302
    assert Disclosure.objects.get(source_type="consultatie").legal_basis == "jeugdwet_h7"


@pytest.mark.parametrize("persona", PERSONAS)
def test_municipality_register_only_for_the_privacy_officer(world, trajectory, facility, tag, persona):
    from stevig.audit.models import AccessLogEntry

    socialmap.create_referral(
        actor=actor_for(world.own_worker),
        trajectory_id=trajectory.id,
        facility_id=facility.id,
        resident_ids=[world.parent.id],
        referred_on=dt.date(2026, 3, 2),
        follow_up_on=dt.date(2026, 3, 9),
    )
    trajectories.record_consultation(
        actor=actor_for(world.own_worker),
        trajectory_id=trajectory.id,
        kind="consultatie",
        area_id=tag.id,
        consulted="GGZ-team Oost",
        consultation_date=dt.date(2026, 3, 2),
        question="Vraag",
    )
    user = getattr(world, persona)
    response = web_client(user).get("/gegevensdeling/register/")
    body = response.content.decode()
    entry = AccessLogEntry.objects.filter(user_id=user.id).latest("id")
    if persona == "privacy":
        assert response.status_code == 200
        assert (
            "Buurtmoestuin Noord" in body
            and "GGZ-team Oost" in body
            and "AVG artikel 6 lid 1 onder e" in body
        )
        assert (entry.part, entry.purpose) == ("gegevensdeling", "privacytoezicht")
        assert str(world.parent.id) in entry.resident_ids
        filtered = web_client(user).get("/gegevensdeling/register/?source_type=verwijzing").content.decode()
        assert "Buurtmoestuin Noord" in filtered and "GGZ-team Oost" not in filtered
    else:
        assert response.status_code == 403 and "Buurtmoestuin" not in body
        assert entry.outcome == "denied"


def test_municipality_register_queries_are_constant(
    world, trajectory, facility, django_assert_max_num_queries
):
    for day in range(1, 13):
        socialmap.create_referral(
            actor=actor_for(world.own_worker),
            trajectory_id=trajectory.id,
            facility_id=facility.id,
            resident_ids=[world.parent.id, world.child.id],
            referred_on=dt.date(2026, 2, day),
            follow_up_on=dt.date(2026, 3, 9),
        )
    client = web_client(world.privacy)
    client.get("/gegevensdeling/register/")
    with django_assert_max_num_queries(20):
        assert client.get("/gegevensdeling/register/").status_code == 200


@pytest.mark.parametrize("persona", ["privacy", "own_worker", "policy", "admin"])
def test_municipality_register_api(world, trajectory, facility, persona):
    socialmap.create_referral(
        actor=actor_for(world.own_worker),
        trajectory_id=trajectory.id,
        facility_id=facility.id,
        resident_ids=[world.parent.id],
        referred_on=dt.date(2026, 3, 2),
        follow_up_on=dt.date(2026, 3, 9),
    )
    response = api_client(getattr(world, persona)).get("/api/v1/data-sharing/register?source_type=verwijzing")
    if persona == "privacy":
        data = response.json()
        assert set(data) == {"next", "previous", "results"}
        assert data["results"][0]["recipient"] == "Buurtmoestuin Noord"
        assert data["results"][0]["legal_basis"] == "publieke_taak"
    else:
        assert response.status_code == 403


def test_a_restriction_blocks_a_referral_and_a_consultation_whole(world, trajectory, facility, tag):
    """AVG art. 18 lid 2 on every road: the referral and the consultation are refused, nothing saved."""
    from stevig.datasharing import services as datasharing

    datasharing.file_subject_request(
        actor=actor_for(world.own_worker),
        household_id=world.household.id,
        resident_id=world.parent.id,
        right="beperking",
        what="Alles",
        ground="juistheid",
    )
    with pytest.raises(ValidationError) as exc:
        socialmap.create_referral(
            actor=actor_for(world.own_worker),
            trajectory_id=trajectory.id,
            facility_id=facility.id,
            resident_ids=[world.parent.id],
            referred_on=dt.date(2026, 3, 2),
            follow_up_on=dt.date(2026, 3, 9),
        )
    assert "AVG artikel 18" in exc.value.message_dict["residents"][0]
    with pytest.raises(ValidationError):
        trajectories.record_consultation(
            actor=actor_for(world.own_worker),
            trajectory_id=trajectory.id,
            kind="consultatie",
            area_id=tag.id,
            consulted="GGZ-team Oost",
            consultation_date=dt.date(2026, 3, 2),
            question="Vraag",
        )
    assert Referral.objects.count() == 0 and Consultation.objects.count() == 0
    assert Disclosure.objects.count() == 0
    # The child is not restricted: a referral for the child still goes.
    socialmap.create_referral(
        actor=actor_for(world.own_worker),
        trajectory_id=trajectory.id,
        facility_id=facility.id,
        resident_ids=[world.child.id],
        referred_on=dt.date(2026, 3, 2),
        follow_up_on=dt.date(2026, 3, 9),
    )


@pytest.mark.parametrize(
    ("url", "fmt"),
    [
        ("/toegangslog/inwoner/{id}/export.json", "json"),
        ("/toegangslog/inwoner/{id}/inzage/", "html"),
        ("/api/v1/residents/{id}/data-export", "api"),
    ],
)
def test_a_data_export_writes_its_register_entry(world, url, fmt):
    """AVG art. 15 lid 3 / art. 20: handing the resident a copy of their data is a disclosure like any
    other; it is registered on the legal duty (art. 6 lid 1 onder c), about that resident only."""
    client = api_client(world.privacy) if fmt == "api" else web_client(world.privacy)
    response = client.get(url.format(id=world.parent.id))
    assert response.status_code == 200
    entry = Disclosure.objects.get(source_type="inzage", source_id=world.parent.id)
    assert entry.household_id == world.household.id
    assert list(entry.residents.all()) == [world.parent]
    assert entry.legal_basis == "wettelijke_plicht"
    assert entry.recorded_by == world.privacy
    assert "AVG artikel 15" in entry.purpose
    # The resident sees it in the export itself: the entry is written before the export is built.
    data = build_export(world.parent).as_json()
    rows = data["sections"]["gegevensdeling"]["data"]["gegevensdeling"]
    assert any("AVG artikel 15" in r["doel"] for r in rows)
    # The privacy officer finds it in the municipality's register, filtered on what caused it.
    page = web_client(world.privacy).get("/gegevensdeling/register/?source_type=inzage")
    assert "inzage (AVG artikel 15) aan de inwoner" in page.content.decode()


@pytest.mark.parametrize("persona", ["own_worker", "other_municipality_worker", "policy"])
def test_a_refused_data_export_writes_no_register_entry(world, persona):
    response = web_client(getattr(world, persona)).get(f"/toegangslog/inwoner/{world.parent.id}/export.json")
    assert response.status_code in (403, 404)
    assert not Disclosure.objects.filter(source_type="inzage").exists()
