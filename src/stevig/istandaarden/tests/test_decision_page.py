"""The provider's allocation and the iWmo/iJw messages on the decision's own page (decisions.sections)."""

import pytest

from stevig.audit.models import AccessLogEntry
from stevig.istandaarden.models import Allocation, Message
from stevig.istandaarden.selectors import INLINE_MESSAGES
from stevig.istandaarden.tests.conftest import PROVIDER_AGB, decide
from stevig.istandaarden.tests.messages import addressed
from stevig.testing.personas import PERSONAS, api_client, web_client

pytestmark = pytest.mark.django_db

SEES = {"own_worker", "colleague", "team_lead"}


def _deliver_starts(world, allocation, count: int) -> None:  # type: ignore[no-untyped-def]
    body = addressed("iwmo", "305", bsn="999970884", number=allocation.number, identification="S1")
    for number in range(count):
        response = api_client(world.admin).post(
            "/api/v1/istandaarden/inbox",
            body.replace(b"S1<", f"S1{number}<".encode()),
            content_type="application/xml",
        )
        assert response.status_code == 201, response.content


def test_decision_page_shows_the_allocation_and_messages_inline(world, provider):
    decision = decide(world)
    allocation = Allocation.objects.get(decision=decision)
    _deliver_starts(world, allocation, 1)
    before = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first()

    response = web_client(world.own_worker).get(f"/beschikkingen/{decision.id}/")
    html = response.content.decode()

    assert response.status_code == 200
    assert 'id="aanbieder-berichten"' in html and "data-iberichten" in html
    assert str(allocation.number) in html and f"AGB {PROVIDER_AGB}" in html
    for message in Message.objects.filter(decision=decision):
        assert f'href="/berichten/{message.id}/"' in html
        assert message.label in html
    assert "opgehaald door de aanbieder" in html or "klaar om te versturen" in html
    assert 'href="#aanbieder-berichten"' in html
    # The messages are read with their own access-log row, about the decision's resident.
    row = AccessLogEntry.objects.get(id__gt=before, part="iberichten")
    assert row.outcome == "allowed" and row.user_id == world.own_worker.id
    assert row.resident_ids == [str(decision.resident_id)]
    assert row.detail["berichten"] == 2


def test_a_decision_without_provider_has_no_section_and_no_extra_log_row(world, provider):
    decision = decide(world, provider="")
    before = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first()
    html = web_client(world.own_worker).get(f"/beschikkingen/{decision.id}/").content.decode()
    assert "data-iberichten" not in html
    assert not AccessLogEntry.objects.filter(id__gt=before, part="iberichten").exists()


def test_a_301_that_failed_its_schema_shows_its_errors_on_the_decision_page(world, provider):
    decision = decide(world)
    Message.objects.filter(decision=decision, code="301").update(
        status="geweigerd", errors=["regel 12: element 'Product' ontbreekt"]
    )
    html = web_client(world.own_worker).get(f"/beschikkingen/{decision.id}/").content.decode()
    assert "niet verstuurd: fout in het bericht" in html
    assert "regel 12: element &#x27;Product&#x27; ontbreekt" in html


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_who_may_see_the_decision_sees_its_messages(world, provider, persona):
    decision = decide(world)
    response = web_client(getattr(world, persona)).get(f"/beschikkingen/{decision.id}/")
    if persona in SEES:
        assert response.status_code == 200 and "data-iberichten" in response.content.decode()
    else:
        assert response.status_code in (403, 404)
        assert b"data-iberichten" not in response.content


def test_the_decision_page_shows_the_newest_messages_with_constant_queries(
    world, provider, django_assert_max_num_queries
):
    decision = decide(world)
    allocation = Allocation.objects.get(decision=decision)
    client = web_client(world.own_worker)
    client.get(f"/beschikkingen/{decision.id}/")
    with django_assert_max_num_queries(200) as few:
        client.get(f"/beschikkingen/{decision.id}/")
    budget = len(few.captured_queries)  # now: the next request empties Django's query log
    assert budget > 0
    _deliver_starts(world, allocation, INLINE_MESSAGES + 2)
    with django_assert_max_num_queries(budget):
        html = client.get(f"/beschikkingen/{decision.id}/").content.decode()
    assert html.count('href="/berichten/') == INLINE_MESSAGES + 1  # 10 rows and "alle berichten"
    assert f'href="/berichten/beschikking/{decision.id}/"' in html
