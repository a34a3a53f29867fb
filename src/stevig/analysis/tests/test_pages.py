"""Analysis pages: the household view (matrix, chart with table, comparison) and the form."""

import datetime as dt
import re

import pytest

from stevig.analysis.models import Analysis
from stevig.analysis.services import record_analysis
from stevig.analysis.tests.helpers import ALLOWED, count_queries, last_entry
from stevig.core.context import Actor
from stevig.testing import factories as f
from stevig.testing.personas import PERSONAS, denied_status, web_client

pytestmark = pytest.mark.django_db


def actor(user) -> Actor:  # type: ignore[no-untyped-def]
    return Actor(user=user, access_point="test")


def analyse(world, trajectory, resident, day, scores, **extra):  # type: ignore[no-untyped-def]
    return record_analysis(
        actor=actor(world.own_worker),
        trajectory_id=trajectory.id,
        resident_id=resident.id,
        analysed_on=day,
        scores=[{"domain": d, "score": s, "note": ""} for d, s in scores.items()],
        **extra,
    )


def test_household_view_shows_matrix_chart_table_and_comparison(world, trajectory):
    analyse(
        world,
        trajectory,
        world.parent,
        dt.date(2026, 1, 10),
        {"financien": 2, "huisvesting": 3, "justitie": 4},
    )
    analyse(
        world,
        trajectory,
        world.parent,
        dt.date(2026, 2, 20),
        {"financien": 3, "huisvesting": 2, "justitie": 4, "sociaal_netwerk": 4},
        self_direction=3,
    )
    analyse(world, trajectory, world.child, dt.date(2026, 2, 21), {"school": 2, "opvoeding": 3})
    response = web_client(world.own_worker).get(f"/analyse/traject/{trajectory.id}/")
    assert response.status_code == 200
    html = response.content.decode()
    # The matrix: members as columns, only the domains that were scored as rows.
    assert 'id="matrix"' in html and "Fatima El Amrani" in html and "Yusuf El Amrani" in html
    assert (
        "financiën" in html
        and "school (kind)" in html
        and "middelengebruik" not in html.split('id="matrix"')[1].split("</table>")[0]
    )
    # Per person a chart (accessible name) plus a table alternative.
    assert html.count('role="img"') == 2 and 'aria-labelledby="grafiek-' in html
    view = response.context["view"]
    parent = next(m for m in view.members if m.resident == world.parent)
    changes = {row.domain: row.change for row in parent.rows}
    assert changes == {
        "financien": "beter",
        "huisvesting": "slechter",
        "justitie": "gelijk",
        "sociaal_netwerk": "nieuw",
    }
    assert 'data-domein="financien"' in html and ">beter<" in html and ">slechter<" in html
    entry = last_entry(world.own_worker)
    assert (entry.action, entry.outcome, entry.part) == ("read", "allowed", "analyse")
    assert set(entry.resident_ids) == {str(world.parent.id), str(world.child.id)}


@pytest.mark.parametrize("persona", PERSONAS)
def test_household_view_per_persona(world, trajectory, persona):
    analyse(world, trajectory, world.parent, dt.date(2026, 2, 1), {"financien": 2})
    user = getattr(world, persona)
    response = web_client(user).get(f"/analyse/traject/{trajectory.id}/")
    entry = last_entry(user)
    if persona in ALLOWED:
        assert response.status_code == 200
        assert entry.outcome == "allowed"
    else:
        assert response.status_code == denied_status(persona)
        assert "El Amrani" not in response.content.decode()
        assert (entry.action, entry.outcome, entry.part) == ("read", "denied", "analyse")


@pytest.mark.parametrize("persona", PERSONAS)
def test_form_page_per_persona(world, trajectory, persona):
    user = getattr(world, persona)
    response = web_client(user).get(f"/analyse/traject/{trajectory.id}/nieuw/?inwoner={world.child.id}")
    if persona in ALLOWED:
        assert response.status_code == 200
        assert "Alleen voor kinderen" in response.content.decode()
    else:
        assert response.status_code == denied_status(persona)
        assert last_entry(user).outcome == "denied"


def form_data(world, **overrides):  # type: ignore[no-untyped-def]
    data = {
        "resident": str(world.parent.id),
        "analysed_on": "2026-03-01",
        "self_direction": "3",
        "strengths": "Veerkrachtig",
        "wishes": "Werk vinden",
        "score_financien": "2",
        "note_financien": "Huurachterstand",
        "score_werk_opleiding": "3",
    }
    data.update(overrides)
    return data


def test_form_saves_only_the_domains_filled_in(world, trajectory):
    response = web_client(world.own_worker).post(f"/analyse/traject/{trajectory.id}/nieuw/", form_data(world))
    assert response.status_code == 302
    analysis = Analysis.objects.get()
    assert {s.domain: s.score for s in analysis.scores.all()} == {"financien": 2, "werk_opleiding": 3}
    assert analysis.scores.get(domain="financien").note == "Huurachterstand"
    assert last_entry(world.own_worker).action == "create"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"score_financien": "7"}, "score_financien", "Selecteer een geldige keuze"),
        ({"score_financien": "0"}, "score_financien", "Selecteer een geldige keuze"),
        (
            {"score_financien": "", "note_financien": "", "score_werk_opleiding": ""},
            None,
            "Vul minstens één leefgebied in",
        ),
        ({"score_school": "3"}, None, "alleen in voor kinderen"),
        ({"analysed_on": "2026-05-01"}, "analysed_on", "in de toekomst"),
        ({"score_justitie": "", "note_justitie": "iets"}, "score_justitie", "Kies een score"),
    ],
)
def test_form_bad_input_is_shown_per_field_and_linked(world, trajectory, overrides, field, message):
    response = web_client(world.own_worker).post(
        f"/analyse/traject/{trajectory.id}/nieuw/", form_data(world, **overrides)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    if field:
        assert f'id="id_{field}_error"' in html
        assert re.search(rf'aria-describedby="[^"]*id_{field}_error', html) and 'aria-invalid="true"' in html
    assert 'value="Veerkrachtig"' not in html  # textarea: typed text is kept as content
    assert "Veerkrachtig" in html
    assert not Analysis.objects.exists()


def test_household_view_query_count_is_constant(world, trajectory):
    client = web_client(world.own_worker)
    analyse(world, trajectory, world.parent, dt.date(2026, 1, 1), {"financien": 2})
    url = f"/analyse/traject/{trajectory.id}/"
    few = count_queries(lambda: client.get(url))
    for _ in range(3):
        f.add_member(world.household, relation="kind", date_of_birth=dt.date(2015, 1, 1))
    for day in range(1, 6):
        analyse(
            world,
            trajectory,
            world.child,
            dt.date(2026, 2, day),
            {"school": 2, "opvoeding": 3, "financien": 4},
        )
        analyse(world, trajectory, world.parent, dt.date(2026, 2, day), {"financien": 3, "huisvesting": 2})
    assert count_queries(lambda: client.get(url)) == few


def test_domains_page_for_every_staff_member(world):
    for persona in PERSONAS:
        response = web_client(getattr(world, persona)).get("/analyse/leefgebieden/")
        assert response.status_code == 200
        assert "acute problematiek" in response.content.decode()


def test_new_analysis_asks_who_first_then_only_the_domains_that_fit_the_age(world, trajectory):
    """Issue 11 point 9: step 1 asks who; an adult gets no child domains, a child gets them; the scale
    is explained before the first domain; each domain is a disclosure, open once it has a value."""
    client = web_client(world.own_worker)
    url = f"/analyse/traject/{trajectory.id}/nieuw/"
    first = client.get(url).content.decode()
    assert "Over wie gaat deze analyse?" in first and "Score financiën" not in first
    adult = client.get(f"{url}?inwoner={world.parent.id}").content.decode()
    assert "Score financiën" in adult and "Score school (kind)" not in adult
    assert "Alleen voor kinderen" not in adult
    assert adult.index("Zo werkt de score") < adult.index("Score financiën")
    assert adult.count('<details class="stevig-domain-details"') > 5
    assert not re.search(r'data-domein="[a-z_]+" open>', adult), "closed until filled"
    child = client.get(f"{url}?inwoner={world.child.id}").content.decode()
    assert "Score school (kind)" in child
    # Someone outside the household is not offered: step 1 again, with a message.
    stranger = client.get(f"{url}?inwoner=00000000-0000-0000-0000-000000000000")
    assert stranger.status_code == 400 and "Over wie gaat deze analyse?" in stranger.content.decode()
    # After a failed save the domain with the error is open.
    failed = client.post(url, form_data(world, score_justitie="", note_justitie="iets")).content.decode()
    assert re.search(r'<details class="stevig-domain-details" data-domein="justitie" open>', failed)
