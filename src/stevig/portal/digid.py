"""DigiD for Mijn Stevig, through django-digid-eherkenning (Maykin Media).

Two modes, one flow (`/mijn/digid/login/` -> identity provider -> `/mijn/digid/acs/`):

* **mock** (STEVIG_DIGID_MOCK, on in the demo and development, refused elsewhere by settings.py): the
  package's mock identity provider (`digid_eherkenning.mock`), mounted at `/mijn/digid/oefenomgeving/`,
  where you enter a fictitious BSN; it returns to the ACS with that BSN, which the package's mock backend
  checks.
* **SAML** (production): the package's DigiD views and backend with the configuration in /beheer/
  (`DigidConfiguration`: the IdP metadata from Logius, the certificate, the entity id). The ACS resolves
  the artifact with Logius and reads the BSN from the assertion's NameID (`s00000000:<BSN>`).

Residents are not Django users. The package's backends end in `get_or_create_user_from_bsn`; the backends
below override it to hand back only the BSN the identity provider vouched for, so no user row is made and
`django.contrib.auth` never logs a resident in. The portal view (`portal.views.DigidAcs`) then matches the
BSN to a resident and starts the portal session (`portal.principal`).
"""

from dataclasses import dataclass
from typing import Any

from digid_eherkenning.backends import DigiDBackend
from digid_eherkenning.mock.backends import DigiDBackend as DigiDMockBackend
from digid_eherkenning.models import ConfigCertificate, DigidConfiguration
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

# The municipality the resident started the login for (its id), kept in the session across the IdP.
MUNICIPALITY_SESSION_KEY = "mijn_stevig_digid_gemeente"


@dataclass(frozen=True)
class AssertedBsn:
    """What the identity provider vouched for: a BSN, nothing else (never stored as a user)."""

    bsn: str


class _OnlyTheBsn:
    """In place of the package's `BSNBackendMixin.get_or_create_user_from_bsn`: no user, just the BSN."""

    def get_or_create_user_from_bsn(self, request: HttpRequest, bsn: str) -> AssertedBsn | None:
        if not bsn:
            return None
        return AssertedBsn(bsn=bsn)


class PortalDigidBackend(_OnlyTheBsn, DigiDBackend):
    """SAML with Logius: artifact resolution and the NameID check are the package's."""


class PortalDigidMockBackend(_OnlyTheBsn, DigiDMockBackend):
    """The mock: the package's checks on the BSN it got back from the mock identity provider."""


def mock_enabled() -> bool:
    return bool(getattr(settings, "DIGID_MOCK", False))


def saml_configured() -> bool:
    """The DigiD configuration in /beheer/ is complete: IdP metadata, entity id, base URL and a certificate,
    with the package's single logout off (Stevig does not mount it: it logs out a Django user per BSN, and
    residents are not users). Read without `get_solo()`, which would create the row on a page view."""
    config = DigidConfiguration.objects.first()
    if (
        config is None
        or config.slo
        or not (config.idp_metadata_file and config.entity_id and config.base_url)
    ):
        return False
    return ConfigCertificate.objects.for_config(config).exists()


def enabled() -> bool:
    return mock_enabled() or saml_configured()


def login_url() -> str:
    """Where 'Inloggen met DigiD' goes: the start of the package's login (mock or SAML)."""
    return reverse("digid:login")


def asserted_bsn(request: HttpRequest) -> str:
    """The BSN the identity provider vouched for at the ACS; empty when there is none (cancelled, failed,
    or not a BSN). The package's backends log why."""
    result: Any
    if mock_enabled():
        result = PortalDigidMockBackend().authenticate(request, bsn=request.GET.get("bsn"))
    else:
        errors: list[Exception] = []
        result = PortalDigidBackend().authenticate(
            request, digid=True, saml_art=request.GET.get("SAMLart"), errors=errors
        )
    return result.bsn if isinstance(result, AssertedBsn) else ""
