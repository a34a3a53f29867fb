"""Mijn Stevig pages: the persona matrix (resident, parent with gezag, other resident, anonymous with
codes, wrong codes, staff), the access log of every read, consent, messages and plain language."""

import uuid

import pytest
from django.test import Client

from stevig.audit.models import AccessLogEntry
from stevig.datasharing.models import Consent
from stevig.intake import services as intake
from stevig.portal.models import ResidentMessage
from stevig.portal.tests.conftest import OTHER_BSN, PARENT_BSN, resident_client
from stevig.testing.personas import web_client
from stevig.testing.readability import readability


def _rows(**filters):  # type: ignore[no-untyped-def]
    return AccessLogEntry.objects.filter(role="inwoner", **filters).order_by("id")


def test_parent_sees_own_and_young_childs_questions_decisions_and_plan(world, portal):
    client = resident_client(PARENT_BSN)
    before = AccessLogEntry.objects.count()
    response = client.get("/mijn/")
    html = response.content.decode()
    assert response.status_code == 200
    assert portal.own_question.reference in html
    assert portal.child_question.reference in html  # Yusuf is 14: gezag
    assert portal.teen_question.reference not in html  # Adam turned 16 yesterday: his own business
    assert portal.other_question.reference not in html
    assert f"/mijn/besluit/{portal.child_decision.id}/brief/" in html
    assert f"/mijn/besluit/{portal.other_decision.id}/brief/" not in html
    assert f"/mijn/plan/{portal.version.id}/" in html
    assert f"/mijn/plan/{portal.other_version.id}/" not in html
    # Every read is logged with the resident as actor and the residents shown as subjects.
    rows = list(AccessLogEntry.objects.filter(id__gt=AccessLogEntry.objects.order_by("id")[before - 1].id))
    assert {r.part for r in rows} == {"hulpvragen", "beschikkingen", "plan-versie"}
    for row in rows:
        assert row.role == "inwoner" and row.user_id == world.parent.id
        assert row.username == "inwoner (DigiD)" and PARENT_BSN not in str(row.detail)
        assert set(row.resident_ids) == {str(world.parent.id), str(world.child.id)}


def test_other_resident_sees_only_their_own(world, portal):
    html = resident_client(OTHER_BSN).get("/mijn/").content.decode()
    assert portal.other_question.reference in html
    for question in (portal.own_question, portal.child_question, portal.teen_question):
        assert question.reference not in html
    assert "Yusuf" not in html and "Fatima" not in html


@pytest.mark.parametrize(
    "path",
    [
        "/mijn/plan/{version}/",
        "/mijn/besluit/{decision}/brief/",
    ],
)
def test_other_residents_plan_or_letter_is_not_found_and_logged(world, portal, path):
    client = resident_client(OTHER_BSN)
    url = path.format(version=portal.version.id, decision=portal.child_decision.id)
    response = client.get(url)
    assert response.status_code == 404
    denied = _rows(outcome="denied").last()
    assert denied.user_id == portal.other.id
    assert denied.object_id in (str(portal.version.id), str(portal.child_decision.id))
    # The parent opens the same pages.
    own = resident_client(PARENT_BSN).get(url)
    assert own.status_code == 200
    assert _rows(outcome="allowed").last().object_id in (
        str(portal.version.id),
        str(portal.child_decision.id),
    )


def test_plan_version_is_printable_and_letter_is_the_decision_letter(world, portal):
    client = resident_client(PARENT_BSN)
    plan = client.get(f"/mijn/plan/{portal.version.id}/").content.decode()
    assert "Weer rust in de post" in plan and "data-print" in plan and "print.css" in plan
    assert "1 maart 2026" in plan and "1 juni 2026" in plan  # start and evaluation date
    letter = client.get(f"/mijn/besluit/{portal.child_decision.id}/brief/").content.decode()
    assert "Yusuf" in letter and "bezwaar" in letter.lower()
    entry = _rows(part="beschikkingsbrief").last()
    assert entry.resident_ids == [str(world.child.id)]


@pytest.mark.parametrize(
    "path",
    [
        "/mijn/plan/{version}/",
        "/mijn/besluit/{decision}/brief/",
        "/mijn/delen/",
        "/mijn/wie-keek/",
        "/mijn/bericht/",
        "/mijn/volgen/vraag/",
    ],
)
def test_staff_and_anonymous_are_refused(world, portal, path):
    url = path.format(version=portal.version.id, decision=portal.child_decision.id)
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/mijn/")
    staff = web_client(world.own_worker).get(url)
    assert staff.status_code == 403
    assert "Mijn Stevig is voor inwoners" in staff.content.decode()


def test_portal_writes_are_refused_to_staff_and_anonymous(world, portal):
    consent = Consent.objects.get(resident=portal.other)
    for client, status in ((Client(), 302), (web_client(world.own_worker), 403)):
        assert client.post(f"/mijn/delen/{consent.id}/intrekken/").status_code == status
        assert client.post("/mijn/bericht/", {"text": "Hallo"}).status_code == status
        assert client.post("/mijn/delen/", {}).status_code == status
    consent.refresh_from_db()
    assert consent.withdrawn_at is None
    assert not ResidentMessage.objects.exists()


def test_consent_given_and_withdrawn_by_the_resident(world, portal):
    client = resident_client(PARENT_BSN)
    bad = client.post("/mijn/delen/", {"for_resident": str(world.child.id), "recipient": "", "purpose": ""})
    assert bad.status_code == 400
    assert "Met wie mogen wij het delen" in bad.content.decode()
    assert not Consent.objects.filter(resident=world.child).exists()
    fields = {
        "for_resident": str(world.child.id),
        "recipient": "School De Regenboog",
        "purpose": "Zodat de school weet welke hulp Yusuf krijgt.",
        "categories": ["gezondheid"],
    }
    # Health data only with a separate, explicit yes (AVG art. 9 lid 2 onder a).
    without = client.post("/mijn/delen/", fields)
    assert without.status_code == 400 and "apart ja" in without.content.decode()
    assert not Consent.objects.filter(resident=world.child).exists()
    response = client.post("/mijn/delen/", {**fields, "health_explicit": "on"})
    assert response.status_code == 302
    consent = Consent.objects.get(resident=world.child)
    assert consent.health_explicit
    assert consent.method == "digitaal" and consent.recorded_by is None
    assert _rows(part="toestemming", action="create").last().resident_ids == [str(world.child.id)]
    page = client.get("/mijn/delen/").content.decode()
    assert "School De Regenboog" in page
    client.post(f"/mijn/delen/{consent.id}/intrekken/")
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.withdrawn_by is None
    # Another resident's consent cannot be withdrawn: refused and logged, nothing changed.
    others = Consent.objects.get(resident=portal.other)
    client.post(f"/mijn/delen/{others.id}/intrekken/")
    others.refresh_from_db()
    assert others.withdrawn_at is None
    denied = _rows(outcome="denied", part="toestemming").last()
    assert denied.object_id == str(others.id) and denied.user_id == world.parent.id


def test_a_16_year_old_child_cannot_be_chosen_for_consent(world, portal):
    client = resident_client(PARENT_BSN)
    response = client.post(
        "/mijn/delen/",
        {
            "for_resident": str(portal.teen.id),
            "recipient": "School",
            "purpose": "Overleg",
            "categories": ["overig"],
        },
    )
    assert response.status_code == 400
    assert not Consent.objects.filter(resident=portal.teen).exists()


def test_who_looked_names_role_and_team_never_a_username(world, portal):
    client = resident_client(PARENT_BSN)
    client.get("/mijn/")  # the resident's own reads are not shown
    html = client.get("/mijn/wie-keek/").content.decode()
    assert "medewerker lokaal team" in html and "Team Noord" in html
    assert "om u te helpen" in html
    assert world.own_worker.username not in html.split("<main", 1)[1]
    assert "inzage door de inwoner zelf" not in html  # the resident's own reads are left out
    assert _rows(part="toegangslog").last().resident_ids == sorted(
        [str(world.parent.id), str(world.child.id)]
    )


def test_who_looked_runs_a_constant_number_of_queries(world, portal, django_assert_max_num_queries):
    from stevig.audit import log
    from stevig.audit.models import Action, Part
    from stevig.portal.tests.conftest import staff

    client = resident_client(PARENT_BSN)
    with django_assert_max_num_queries(20) as few:
        client.get("/mijn/wie-keek/")
    for _ in range(30):
        log.allowed(staff(world.colleague), Action.READ, Part.PLAN, [world.parent.id])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/mijn/wie-keek/")
    assert 'rel="next"' in response.content.decode()


def test_message_lands_on_the_contact_persons_worklist(world, portal):
    client = resident_client(PARENT_BSN)
    assert client.post("/mijn/bericht/", {"text": ""}).status_code == 400
    assert client.post("/mijn/bericht/", {"text": "Kunt u mij bellen over de brief?"}).status_code == 302
    message = ResidentMessage.objects.get()
    assert message.to_user == world.own_worker and message.household == world.household
    worker = web_client(world.own_worker)
    home = worker.get("/").content.decode()
    assert "Bericht van Fatima El Amrani" in home
    page = worker.get(f"/berichten-van-inwoners/{message.id}/")
    assert page.status_code == 200 and "Kunt u mij bellen" in page.content.decode()
    assert worker.post(f"/berichten-van-inwoners/{message.id}/").status_code == 302
    message.refresh_from_db()
    assert message.read_by == world.own_worker
    assert "Bericht van Fatima El Amrani" not in worker.get("/").content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("colleague", 200), ("other_team_worker", 403), ("other_municipality_worker", 404), ("policy", 403)],
)
def test_staff_message_page_follows_need_to_know(world, portal, persona, status):
    client = resident_client(PARENT_BSN)
    client.post("/mijn/bericht/", {"text": "Hallo"})
    message = ResidentMessage.objects.get()
    user = getattr(world, persona)
    assert web_client(user).get(f"/berichten-van-inwoners/{message.id}/").status_code == status
    entry = AccessLogEntry.objects.filter(user_id=user.id).latest("id")
    assert entry.outcome == ("allowed" if status == 200 else "denied")
    if status != 200:
        assert web_client(user).post(f"/berichten-van-inwoners/{message.id}/").status_code == status
        message.refresh_from_db()
        assert message.read_at is None


def test_follow_one_question_with_its_codes(world, portal):
    secret = intake.issue_follow_secret(question=portal.own_question)
    client = Client()
    response = client.post(
        "/mijn/volgen/", {"reference": portal.own_question.reference.lower(), "secret": secret.lower()}
    )
    assert response.status_code == 302 and response["Location"] == "/mijn/volgen/vraag/"
    page = client.get("/mijn/volgen/vraag/").content.decode()
    assert portal.own_question.reference in page
    assert "Ik heb schulden" not in page  # the status, never the question itself
    entry = _rows(part="hulpvraag", outcome="allowed").last()
    assert entry.username == "inwoner (met code)" and entry.resident_ids == [str(world.parent.id)]
    # The codes open only this question, not Mijn Stevig.
    assert client.get("/mijn/wie-keek/").status_code == 302


@pytest.mark.parametrize("wrong", ["secret", "reference", "other_question"])
def test_wrong_codes_are_refused_alike_and_logged(world, portal, wrong):
    secret = intake.issue_follow_secret(question=portal.own_question)
    other_secret = intake.issue_follow_secret(question=portal.other_question)
    data = {"reference": portal.own_question.reference, "secret": secret}
    if wrong == "secret":
        data["secret"] = "AAAA-BBBB-CCCC"
    elif wrong == "reference":
        data["reference"] = "HV-ZZZZ-ZZ"
    else:
        data["secret"] = other_secret  # another resident's secret with my reference
    client = Client()
    response = client.post("/mijn/volgen/", data)
    assert response.status_code == 400
    assert "De codes horen niet bij elkaar" in response.content.decode()
    assert client.get("/mijn/volgen/vraag/").status_code == 302
    denied = _rows(outcome="denied", part="hulpvraag").last()
    assert denied.detail["kenmerk"] == data["reference"]


def test_logging_out_ends_the_portal_session(world, portal):
    client = resident_client(PARENT_BSN)
    assert client.post("/mijn/uitloggen/").status_code == 302
    assert client.get("/mijn/wie-keek/").status_code == 302


def test_portal_pages_are_plain_dutch(world, portal):
    secret = intake.issue_follow_secret(question=portal.own_question)
    pages = {"/mijn/": Client(), "/mijn/volgen/": Client()}
    client = resident_client(PARENT_BSN)
    client.post("/mijn/bericht/", {"text": "Kunt u mij bellen?"})
    for path in (
        "/mijn/",
        "/mijn/delen/",
        "/mijn/wie-keek/",
        "/mijn/bericht/",
        f"/mijn/plan/{portal.version.id}/",
    ):
        pages[path + "#in"] = client
    follower = Client()
    follower.post("/mijn/volgen/", {"reference": portal.own_question.reference, "secret": secret})
    pages["/mijn/volgen/vraag/"] = follower
    scores = {}
    for key, who in pages.items():
        response = who.get(key.split("#")[0])
        assert response.status_code == 200, key
        scores[key] = readability(response.content.decode())
    assert all(score >= 60 for score in scores.values()), scores


def test_session_of_a_deleted_link_is_ended(world, portal):
    client = resident_client(PARENT_BSN)
    session = client.session
    session["mijn_stevig"] = {"resident": str(uuid.uuid4()), "municipality": str(world.municipality.id)}
    session.save()
    assert client.get("/mijn/delen/").status_code == 302
