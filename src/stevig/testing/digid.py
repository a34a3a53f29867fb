"""Logging in to Mijn Stevig in tests: the whole DigiD flow through django-digid-eherkenning's mock
identity provider, as a resident does it in the demo (never a session written by hand)."""

from django.http import HttpResponse
from django.test import Client


def mock_bsn_page(client: Client, *, gemeente: str = "") -> str:
    """Start a DigiD login and walk to the mock identity provider's BSN page; its URL (with acs/next)."""
    start = client.get("/mijn/digid/login/" + (f"?gemeente={gemeente}" if gemeente else ""))
    assert start.status_code == 302, start.content.decode()[:300]
    choice = client.get(start["Location"])
    assert choice.status_code == 200, choice.content.decode()[:300]
    return str(choice.context["password_login_url"])


def digid_login(client: Client, bsn: str, *, gemeente: str = "") -> HttpResponse:
    """Enter `bsn` on the mock DigiD page and come back through the ACS; the ACS's answer."""
    back = client.post(mock_bsn_page(client, gemeente=gemeente), {"auth_bsn": bsn})
    assert back.status_code == 302, back.content.decode()[:500]
    response: HttpResponse = client.get(back["Location"])
    return response
