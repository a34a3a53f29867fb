"""DigiD for Mijn Stevig: one seam, a mock behind it.

Decision (issue 15, point 3). The well-kept package for the Dutch eIDs is django-digid-eherkenning
(Maykin Media). It brings SAML 2 (maykin-python3-saml with the xmlsec C library), certificates and its
configuration in the database (django-simple-certmanager, django-solo), and a PKIoverheid certificate and
a DigiD connection from Logius that a municipality gets only after an aansluitprocedure. None of that can
run in the demo or the tests, and the project's environment was not extended in this change. So Stevig has
a clearly separated *mock* of the same shape as that package's own mock (`digid_eherkenning.mock`): an
identity-provider page where you type a BSN, then an assertion consumer service (ACS) that reads the BSN.

The rest of the portal uses only `login_url()` and `asserted_bsn(request)`. Replacing the mock:
install django-digid-eherkenning, mount `digid_eherkenning.digid_urls`, let `login_url()` return
`reverse("digid:login")` and let `asserted_bsn()` read the BSN the package's backend put on the session.

The mock is on with STEVIG_DIGID_MOCK=1 (default: on for the demo and DEBUG, off in production). With it
off and no real DigiD, the portal says that DigiD is not set up and offers the reference-code route.
"""

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

MOCK_SESSION_KEY = "digid_mock_bsn"


def enabled() -> bool:
    return bool(getattr(settings, "DIGID_MOCK", False))


def login_url() -> str:
    """Where the 'Inloggen met DigiD' button goes (the identity provider)."""
    return reverse("portal:digid_mock_idp")


def assert_bsn(request: HttpRequest, bsn: str) -> None:
    """The mock identity provider vouches for a BSN (kept in the server-side session, never in a URL)."""
    request.session[MOCK_SESSION_KEY] = bsn


def asserted_bsn(request: HttpRequest) -> str:
    """The BSN the identity provider vouched for, read once at the ACS; empty when there is none."""
    if not enabled():
        return ""
    return str(request.session.pop(MOCK_SESSION_KEY, "") or "")
