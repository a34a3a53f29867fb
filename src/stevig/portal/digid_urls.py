"""DigiD for Mijn Stevig (django-digid-eherkenning), mounted at /mijn/digid/.

`digid` is the namespace the package's views reverse (`digid:login`, `digid:acs`); `digid-mock` the one of
its mock identity provider; `metadata` the one of the SAML metadata that the DigiD configuration's admin
page links to (`metadata:digid`). Stevig uses DigiD only, not eHerkenning.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from digid_eherkenning.mock.idp.views.digid import DigiDMockIDPBSNLoginView, DigiDMockIDPLoginView
from digid_eherkenning.models import DigidConfiguration
from digid_eherkenning.saml2.digid import generate_digid_metadata
from digid_eherkenning.views.metadata import MetadataView
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import include, path

from stevig.portal import digid, views


def mock_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The mock identity provider answers only in the demo and development (STEVIG_DIGID_MOCK)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not digid.mock_enabled():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


mock_idp = (
    [
        path("inloggen/", mock_only(DigiDMockIDPLoginView.as_view()), name="login"),
        path("inloggen_bsn/", mock_only(DigiDMockIDPBSNLoginView.as_view()), name="bsn"),
    ],
    "digid-mock",
)

metadata = (
    [
        path(
            "",
            MetadataView.as_view(
                config_model=DigidConfiguration,
                metadata_generator=generate_digid_metadata,
                filename="digid-metadata.xml",
            ),
            name="digid",
        )
    ],
    "metadata",
)

digid_flow = (
    [
        path("login/", views.digid_login, name="login"),
        path("acs/", views.digid_acs, name="acs"),
    ],
    "digid",
)

urlpatterns = [
    path("", include(digid_flow)),
    path("oefenomgeving/", include(mock_idp)),
    path("metadata/", include(metadata)),
]
