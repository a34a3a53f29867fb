"""iWmo/iJw: 301 from a decision, 305/307/315/317 received and answered, invalid and duplicate refused."""

import pytest
from django.core.exceptions import ValidationError

from stevig.audit.models import AccessLogEntry
from stevig.core.errors import RoleDenied
from stevig.istandaarden import services, xml
from stevig.istandaarden.models import Allocation, Message, Provider
from stevig.istandaarden.tests.conftest import PROVIDER_AGB, actor, decide
from stevig.istandaarden.tests.messages import addressed, example
from stevig.web.worklist import worklist_for

pytestmark = pytest.mark.django_db


def out_messages(decision):
    return list(Message.objects.filter(decision=decision, direction="uit").order_by("created_at"))


def test_a_decision_with_a_known_provider_makes_a_valid_301(world, provider):
    decision = decide(world)
    (message,) = out_messages(decision)
    assert (message.standard, message.code, message.status, message.receiver) == (
        "iwmo",
        "301",
        "klaar",
        PROVIDER_AGB,
    )
    standard, code, root = xml.check(message.xml.encode())  # valid against WMO301.xsd
    reader = xml.Reader(standard, code, root)
    allocation = Allocation.objects.get(decision=decision)
    assert reader.text("m:Client/m:ToegewezenProducten/m:ToegewezenProduct/m:ToewijzingNummer") == str(
        allocation.number
    )
    assert reader.text("m:Client/m:ToegewezenProducten/m:ToegewezenProduct/m:Product/b:Categorie") == "02"
    assert (reader.sender, reader.bsn) == ("9001", "999970884")
    row = AccessLogEntry.objects.filter(part="ibericht", object_id=str(message.id)).get()
    assert row.action == "create" and row.resident_ids == [str(world.parent.id)]


def test_a_youth_decision_makes_a_valid_ijw_301(world, provider):
    decision = decide(
        world, category="jeugdhulp-ambulant", resident=world.child, legal_ground="Jeugdwet art. 2.3"
    )
    (message,) = out_messages(decision)
    assert (message.standard, message.code, message.status) == ("ijw", "301", "klaar")
    assert xml.check(message.xml.encode())[:2] == ("ijw", "301")


def test_no_301_for_a_pgb_an_unknown_provider_or_a_refusal(world, provider):
    assert out_messages(decide(world, form="pgb", pgb_motivation="Zelf regelen met eigen begeleider.")) == []
    assert out_messages(decide(world, provider="Onbekende Zorg BV")) == []
    # A provider named by its AGB code in the text is found.
    assert len(out_messages(decide(world, provider=f"Zorg Noord (AGB {PROVIDER_AGB})"))) == 1


def receive(world, body):
    return services.receive(actor=actor(world.admin, channel="api"), body=body)


def test_305_and_307_start_and_stop_the_allocation(world, provider):
    decision = decide(world)
    allocation = Allocation.objects.get(decision=decision)
    started = receive(world, addressed("iwmo", "305", bsn="999970884", number=allocation.number))
    allocation.refresh_from_db()
    assert (started.message.status, started.message.decision_id) == ("verwerkt", decision.id)
    assert allocation.status == "gestart" and allocation.care_started_on.isoformat() == "2025-04-03"
    receive(world, addressed("iwmo", "307", bsn="999970884", number=allocation.number, identification="B2"))
    allocation.refresh_from_db()
    assert (allocation.status, allocation.stop_reason) == ("gestopt", "31")
    assert started.answers == []


def test_a_message_received_twice_is_refused_and_logged(world, provider):
    allocation = Allocation.objects.get(decision=decide(world))
    body = addressed("iwmo", "305", bsn="999970884", number=allocation.number)
    receive(world, body)
    with pytest.raises(ValidationError) as caught:
        receive(world, body)
    assert "al ontvangen" in caught.value.messages[0]
    assert Message.objects.filter(direction="in").count() == 1
    row = AccessLogEntry.objects.filter(part="ibericht", outcome="denied").latest("id")
    assert "al ontvangen" in row.detail["fouten"][0]


def test_a_message_about_an_unknown_decision_is_refused(world, provider):
    decide(world)
    with pytest.raises(ValidationError) as caught:
        receive(world, addressed("iwmo", "305", bsn="999970884", number=999))
    assert "Onbekende toewijzing" in caught.value.messages[0]
    with pytest.raises(ValidationError) as caught:
        receive(world, addressed("iwmo", "315", bsn="999970884", number=4242))
    assert "Onbekende beschikking" in caught.value.messages[0]
    assert not Message.objects.filter(direction="in").exists()


@pytest.mark.parametrize(("code", "expected"), [("315", "2027-06-31"), ("318", "RetourCode")])
def test_the_two_invalid_ijw_examples_are_refused_with_a_clear_error(world, provider, code, expected):
    with pytest.raises(ValidationError) as caught:
        receive(world, example("ijw", code))
    assert any(expected in m and "regel" in m for m in caught.value.messages)
    assert not Message.objects.filter(direction="in").exists()


def test_every_valid_example_passes_the_schema():
    for standard, codes in (
        ("iwmo", ("301", "305", "307", "315", "317", "319", "323")),
        ("ijw", ("301", "305", "307", "316", "317", "319")),
    ):
        for code in codes:
            assert xml.check(example(standard, code))[:2] == (standard, code)


def test_wrong_receiver_unknown_sender_and_non_xml_are_refused(world, provider):
    allocation = Allocation.objects.get(decision=decide(world))
    with pytest.raises(ValidationError, match="niet voor deze gemeente"):
        receive(world, addressed("iwmo", "305", bsn="999970884", number=allocation.number, receiver="0363"))
    with pytest.raises(ValidationError, match="geen bekende aanbieder"):
        receive(world, addressed("iwmo", "305", bsn="999970884", number=allocation.number, sender="12345678"))
    with pytest.raises(ValidationError, match="Geen geldige XML"):
        receive(world, b"<niet")
    with pytest.raises(ValidationError, match="alleen 305"):
        receive(world, example("iwmo", "301"))


def test_only_the_connection_account_delivers(world, provider):
    with pytest.raises(RoleDenied):
        services.receive(actor=actor(world.own_worker), body=example("iwmo", "305"))
    row = AccessLogEntry.objects.filter(user_id=world.own_worker.id).latest("id")
    assert (row.part, row.outcome) == ("ibericht", "denied")


def test_315_waits_on_the_worklist_and_is_answered_with_a_319(world, provider):
    decision = decide(world)
    allocation = Allocation.objects.get(decision=decision)
    request = receive(world, addressed("iwmo", "315", bsn="999970884", number=allocation.number)).message
    assert request.status == "ontvangen"
    items = worklist_for(actor=actor(world.own_worker), scope="mine").items
    assert [i.kind for i in items if i.kind == "ibericht"] == ["ibericht"]
    assert not [
        i
        for i in worklist_for(actor=actor(world.other_team_worker), scope="team").items
        if i.kind == "ibericht"
    ]
    answer = services.answer_request(
        actor=actor(world.own_worker), message_id=request.id, verdict="afgewezen", reason="3"
    )
    assert (answer.code, answer.status, answer.in_reply_to_id) == ("319", "klaar", request.id)
    standard, code, root = xml.check(answer.xml.encode())
    assert xml.Reader(standard, code, root).text("m:Antwoord/m:VerzoekAntwoord") == "1"
    request.refresh_from_db()
    assert request.status == "beantwoord"
    assert not [
        i for i in worklist_for(actor=actor(world.own_worker), scope="mine").items if i.kind == "ibericht"
    ]
    with pytest.raises(ValidationError):
        services.answer_request(actor=actor(world.own_worker), message_id=request.id, verdict="in-onderzoek")


def test_ijw_315_gets_its_316_retour_and_a_301_when_granted(world, provider):
    decision = decide(
        world, category="jeugdhulp-ambulant", resident=world.child, legal_ground="Jeugdwet art. 2.3"
    )
    allocation = Allocation.objects.get(decision=decision)
    fixed = example("ijw", "315").replace(b"2027-06-31", b"2027-06-30")
    received = receive(world, addressed("ijw", "315", bsn="999970896", number=allocation.number, body=fixed))
    (retour,) = received.answers
    assert (retour.code, retour.status) == ("316", "klaar")
    assert xml.check(retour.xml.encode())[:2] == ("ijw", "316")
    granted = services.answer_request(
        actor=actor(world.own_worker), message_id=received.message.id, verdict="toewijzen"
    )
    assert (granted.code, granted.status) == ("301", "klaar")


def test_ijw_317_gets_its_318_retour_and_a_wmo_317_a_319(world, provider):
    decision = decide(
        world, category="jeugdhulp-ambulant", resident=world.child, legal_ground="Jeugdwet art. 2.3"
    )
    allocation = Allocation.objects.get(decision=decision)
    received = receive(world, addressed("ijw", "317", bsn="999970896", number=allocation.number))
    assert [(a.code, a.status) for a in received.answers] == [("318", "klaar")]
    wmo = Allocation.objects.get(decision=decide(world))
    request = receive(
        world, addressed("iwmo", "317", bsn="999970884", number=wmo.number, identification="B3")
    ).message
    answer = services.answer_request(
        actor=actor(world.own_worker), message_id=request.id, verdict="in-onderzoek"
    )
    assert answer.code == "319"


def test_a_request_out_of_scope_cannot_be_answered(world, provider):
    allocation = Allocation.objects.get(decision=decide(world))
    request = receive(world, addressed("iwmo", "315", bsn="999970884", number=allocation.number)).message
    with pytest.raises(Exception) as caught:
        services.answer_request(
            actor=actor(world.other_team_worker), message_id=request.id, verdict="in-onderzoek"
        )
    assert type(caught.value).__name__ == "AccessDenied"


def test_the_provider_fetches_its_outbox_once(world, provider):
    decide(world)
    Provider.objects.create(municipality=world.municipality, agb_code="12345678", name="Ander")
    fetched = services.fetch_outbox(actor=actor(world.admin, channel="api"), agb_code=PROVIDER_AGB)
    assert [m.code for m in fetched] == ["301"]
    assert services.fetch_outbox(actor=actor(world.admin, channel="api"), agb_code=PROVIDER_AGB) == []
    assert Message.objects.get(id=fetched[0].id).status == "opgehaald"


def test_folder_mode_delivers_refuses_and_writes_the_outbox(world, provider, tmp_path):
    from django.core.management import call_command

    allocation = Allocation.objects.get(decision=decide(world))
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "start.xml").write_bytes(addressed("iwmo", "305", bsn="999970884", number=allocation.number))
    (inbox / "fout.xml").write_bytes(example("ijw", "318"))
    call_command("stevig_berichten_map", gebruiker=world.admin.username, map=str(tmp_path))
    assert (tmp_path / "in" / "verwerkt" / "start.xml").exists()
    assert "RetourCode" in (tmp_path / "in" / "geweigerd" / "fout.xml.fout.txt").read_text()
    (written,) = list((tmp_path / "uit" / PROVIDER_AGB).glob("*.xml"))
    assert xml.check(written.read_bytes())[:2] == ("iwmo", "301")
    allocation.refresh_from_db()
    assert allocation.status == "gestart"
