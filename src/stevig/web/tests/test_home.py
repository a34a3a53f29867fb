"""The start page: public for visitors, one per role for verified staff; menu, panels, error pages."""

import pytest
from django.test import Client
from django.urls import reverse

from stevig.accounts.models import Role
from stevig.audit.models import AccessLogEntry
from stevig.testing import factories as f
from stevig.testing.personas import PERSONAS, web_client
from stevig.web import panels
from stevig.web.navigation import NavItem, items_for

pytestmark = pytest.mark.django_db

ROLE_INTRO = {
    Role.WORKER: "U werkt in het lokale team.",
    Role.TEAM_LEAD: "U leidt een team.",
    Role.COORDINATOR: "U bent coördinator.",
    Role.DEPARTMENT: "U werkt bij een vakafdeling.",
    Role.POLICY: "U werkt aan beleid.",
    Role.ADMIN: "U richt Stevig in voor uw gemeente.",
    Role.PRIVACY: "U bewaakt de privacy.",
}


def test_anonymous_gets_the_public_start_page(db):
    response = Client().get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl" class="voorbeeld-theme">' in html
    assert 'href="#inhoud"' in html and 'id="inhoud"' in html
    assert "Hulp vragen" in html and "Waar vind ik het team?" in html and "Inloggen voor medewerkers" in html
    assert 'href="/account/inloggen/"' in html
    assert "data-start-role" not in html
    assert "Uitloggen" not in html
    assert 'aria-label="Hoofdmenu"' not in html


def test_password_only_session_gets_the_public_page(world):
    client = Client()
    client.force_login(world.own_worker)
    html = client.get("/").content.decode()
    assert "data-start-role" not in html and "Hulp vragen" in html


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_start_page_of_their_role(world, persona):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from stevig.testing import factories as f

    user = getattr(world, persona)
    client = web_client(user)
    client.get("/")  # warm-up: the first access-log row creates the chain head
    with CaptureQueriesContext(connection) as before:
        client.get("/")
    for _ in range(5):
        f.add_member(f.HouseholdFactory(municipality=world.municipality, team=world.team))
    with CaptureQueriesContext(connection) as after:
        response = client.get("/")
    # The worklist panels of other apps add queries, but a fixed number whatever the caseload.
    assert len(after.captured_queries) == len(before.captured_queries), (
        persona,
        len(before.captured_queries),
    )
    # Budget: about two queries per worklist source (13 sources registered) plus session, user and menu.
    assert len(after.captured_queries) <= 45, [q["sql"][:90] for q in after.captured_queries]
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-start-role="{user.role}"' in html
    assert ROLE_INTRO[user.role] in html
    for role, intro in ROLE_INTRO.items():
        if role != user.role:
            assert intro not in html
    # Header: name, role, municipality and a logout button that POSTs.
    assert user.get_full_name() in html
    assert str(user.get_role_display()) in html
    assert user.municipality.name in html
    assert '<form method="post" action="/account/uitloggen/"' in html
    assert 'aria-label="Hoofdmenu"' in html
    assert 'aria-current="page"' in html
    # Admin link only for functioneel beheer.
    assert ('href="/beheer/"' in html) == (persona == "admin")
    # Roles without household files see no resident data on their start page, so nothing is logged.
    if persona in ("policy", "admin", "privacy"):
        assert not AccessLogEntry.objects.filter(user_id=user.id).exists()


def test_menu_items_per_role_and_missing_routes_are_left_out(world):
    labels = {role: [str(i.label) for i in items_for(role)] for role in Role.values}
    for role in (Role.WORKER, Role.TEAM_LEAD, Role.COORDINATOR):
        assert "Inwoner zoeken" in labels[role]
    for role in (Role.POLICY, Role.DEPARTMENT, Role.ADMIN, Role.PRIVACY):
        assert "Inwoner zoeken" not in labels[role]
    assert "Toegangslog" in labels[Role.PRIVACY] and "Toegangslog" not in labels[Role.WORKER]
    assert "Inrichting" in labels[Role.ADMIN] and "Inrichting" not in labels[Role.PRIVACY]
    assert NavItem("x", url_name="bestaat:niet").url() is None
    assert NavItem("Start", url_name="web:home").url() == reverse("web:home")


def test_registered_panel_shows_only_for_its_role(world, tmp_path, settings):
    (tmp_path / "testpanel.html").write_text(
        '<section class="stevig-panel" data-panel="test">{{ n }}</section>'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    panels.register_panel(
        panels.Panel(
            key="test",
            template="testpanel.html",
            roles=(Role.COORDINATOR,),
            context=lambda request: {"n": 42},
        )
    )
    try:
        assert (
            '<section class="stevig-panel" data-panel="test">42</section>'
            in web_client(world.coordinator).get("/").content.decode()
        )
        assert 'data-panel="test"' not in web_client(world.own_worker).get("/").content.decode()
        assert 'data-panel="test"' not in Client().get("/").content.decode()
    finally:
        panels.unregister_panel("test")


def test_user_without_role_sees_contact_message(world):
    user = f.UserFactory(municipality=world.municipality, role="")
    html = web_client(user).get("/").content.decode()
    assert "Uw account heeft nog geen rol of gemeente." in html


def test_flash_messages_are_in_a_status_region(world):
    client = web_client(world.own_worker)
    response = client.post("/account/uitloggen/", follow=True)
    html = response.content.decode()
    assert 'role="status"' in html and "U bent uitgelogd." in html


def test_404_page_is_dutch(db):
    response = Client().get("/bestaat-echt-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Deze pagina bestaat niet" in html and 'lang="nl"' in html


def test_403_page_is_dutch(world):
    response = web_client(world.own_worker).get("/beheer/", follow=True)
    assert response.status_code == 403
    assert "U heeft geen toegang tot deze pagina" in response.content.decode()


def test_500_page_renders_without_request_context():
    from django.template.loader import get_template

    html = get_template("500.html").render()
    assert "Er ging iets mis" in html and 'lang="nl"' in html


def test_413_for_too_large_request(db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = Client().post("/account/inloggen/", {"username": "x" * 20_000, "password": "y"})
    assert response.status_code == 413


def test_static_assets_are_served(db):
    client = Client()
    for path in (
        "/static/web/stevig.css",
        "/static/vendor/utrecht/index.css",
        "/static/vendor/voorbeeld/theme.css",
        "/static/vendor/htmx/htmx.min.js",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert len(body) > 100, path
