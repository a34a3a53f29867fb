"""No lost work: 'Blijf ingelogd' two minutes before the idle logout (WCAG 2.2.1), and drafts of long text
fields that survive the logout."""

import pytest
from django.test import Client

from stevig.testing.personas import PERSONAS, web_client


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_keepalive_renews_the_session_of_a_logged_in_user(world, persona):
    client = web_client(getattr(world, persona))
    assert client.post("/sessie/verlengen/").status_code == 204
    assert client.get("/sessie/verlengen/").status_code == 405


@pytest.mark.django_db
def test_keepalive_refuses_without_a_session(db):
    response = Client().post("/sessie/verlengen/")
    assert response.status_code in (302, 401)
    assert response.status_code != 204


@pytest.mark.django_db
def test_every_staff_page_carries_the_warning_with_the_idle_time(world, settings):
    settings.SESSION_COOKIE_AGE = 900
    html = web_client(world.own_worker).get("/").content.decode()
    assert 'id="stevig-idle"' in html and 'data-idle-seconds="900"' in html and "Blijf ingelogd" in html
    assert 'id="stevig-idle"' not in Client().get("/").content.decode()
