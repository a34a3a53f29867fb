"""The look: one typeface served locally, the municipality's theme as one setting, its name, logo, phone
and address on every page, and footer links to contact, privacy and accessibility statements."""

import pytest
from django.test import Client

from stevig.testing.personas import web_client


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.django_db
def test_public_pages_name_the_municipality_with_phone_address_and_footer_links(world):
    world.municipality.phone = "088 123 45 00"
    world.municipality.visiting_address = "Stadhuisplein 1, 7811 AA Stevigdam"
    world.municipality.save()
    for path in ("/", "/hulp-vragen/", "/contact/", "/privacy/", "/toegankelijkheid/"):
        response = Client().get(path, {"gemeente": world.municipality.code})
        assert response.status_code == 200, path
        html = response.content.decode()
        assert f"Gemeente {world.municipality.name}" in html, path
        assert "088 123 45 00" in html and "Stadhuisplein 1" in html, path
        for link in ('href="/contact/"', 'href="/privacy/"', 'href="/toegankelijkheid/"'):
            assert link in html, (path, link)


@pytest.mark.django_db
def test_staff_pages_show_their_own_municipality_and_the_current_page_in_the_menu(world):
    html = web_client(world.own_worker).get("/").content.decode()
    assert f"Gemeente {world.municipality.name}" in html
    assert 'aria-current="page"' in html
    assert 'class="stevig-logo__image"' in html


@pytest.mark.django_db
def test_the_theme_is_one_setting_and_the_typeface_is_served_locally(world, settings):
    settings.THEME_CSS = "web/themes/voorbeeld.css"
    html = Client().get("/").content.decode()
    assert "/static/web/themes/voorbeeld.css" in html
    assert "/static/vendor/noto-sans/400.css" in html
    client = Client()
    font_css = _body(client.get("/static/vendor/noto-sans/400.css")).decode()
    assert "font-family: 'Noto Sans'" in font_css
    theme = _body(client.get("/static/web/themes/voorbeeld.css")).decode()
    assert "--utrecht-document-font-family" in theme
    assert "Noto Serif" not in theme
