from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularJSONAPIView

from stevig.core import health
from stevig.core.api_paths import without_trailing_slashes

api_v1: list[URLPattern | URLResolver] = [
    path("", include("stevig.people.api.urls")),
    path("", include("stevig.audit.api.urls")),
    path("", include("stevig.accounts.api.urls")),
    path("", include("stevig.tenancy.api.urls")),
    path("", include("stevig.intake.api.urls")),
    path("", include("stevig.legalcalendar.api.urls")),
    path("", include("stevig.trajectories.api.urls")),
    path("", include("stevig.analysis.api.urls")),
    path("", include("stevig.plans.api.urls")),
    path("", include("stevig.socialmap.api.urls")),
    path("", include("stevig.mandates.api.urls")),
    path("", include("stevig.datasharing.api.urls")),
    path("", include("stevig.decisions.api.urls")),
    path("", include("stevig.istandaarden.api.urls")),
    path("", include("stevig.brp.api.urls")),
    path("", include("stevig.safety.api.urls")),
    path("", include("stevig.signalering.api.urls")),
    path("", include("stevig.transitions.api.urls")),
    path("", include("stevig.patterns.api.urls")),
    path("", include("stevig.selfassessment.api.urls")),
    path("", include("stevig.web.api.urls")),
    path("", include("stevig.portal.api.urls")),
    path("", include("stevig.retention.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # NLGov API Design Rules: the document at /api/v1/openapi.json. (No Redoc page: it loads its script
    # and fonts from a third-party CDN and runs inline script, which the CSP refuses.)
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi-json"),
]

# Under /api/ an unknown path or a server error is a problem document too (RFC 9457), not an HTML page.
handler404 = "stevig.core.api.not_found"
handler500 = "stevig.core.api.server_error"

urlpatterns = [
    # Liveness and readiness for the process manager and load balancer (no login, no data).
    path("health", health.health, name="health"),
    path("ready", health.ready, name="ready"),
    # Slashless API paths (NLGov API Design Rules); the old form with a slash stays answered, unlisted.
    path("api/v1/", include(without_trailing_slashes(api_v1))),
    path("beheer/", admin.site.urls),
    path("account/", include("stevig.accounts.urls")),
    path("inwoners/", include("stevig.people.urls")),
    path("toegangslog/", include("stevig.audit.urls")),
    path("intake/", include("stevig.intake.urls")),
    path("trajecten/", include("stevig.trajectories.urls")),
    path("analyse/", include("stevig.analysis.urls")),
    path("plannen/", include("stevig.plans.urls")),
    path("sociale-kaart/", include("stevig.socialmap.urls")),
    # Public pages for residents: /hulp-vragen/ and /waar-vind-ik-het-team/ (intake).
    path("", include("stevig.intake.public_urls")),
    path("mandaat/", include("stevig.mandates.urls")),
    path("gegevensdeling/", include("stevig.datasharing.urls")),
    path("beschikkingen/", include("stevig.decisions.urls")),
    path("berichten/", include("stevig.istandaarden.urls")),
    path("brp/", include("stevig.brp.urls")),
    path("veiligheid/", include("stevig.safety.urls")),
    path("knelpunten/", include("stevig.signalering.urls")),
    path("16-27/", include("stevig.transitions.urls")),
    path("patronen/", include("stevig.patterns.urls")),
    path("zelfevaluatie/", include("stevig.selfassessment.urls")),
    path("bewaren/", include("stevig.retention.urls")),
    # Mijn Stevig: the resident's portal (DigiD or a reference code), and the staff page of a message.
    path("mijn/digid/", include("stevig.portal.digid_urls")),
    path("mijn/", include("stevig.portal.urls")),
    path("berichten-van-inwoners/", include("stevig.portal.staff_urls")),
    path("", include("stevig.web.urls")),
]

if settings.BRP_MOCK:
    # The test BRP with fictitious persons (stevig.brp.mock): demo and tests only, see README.
    urlpatterns.append(path("mock-brp/", include("stevig.brp.mock_urls")))

if settings.OIDC_ENABLED:
    # Staff login through the municipality's OpenID Connect provider (stevig.accounts.oidc).
    urlpatterns.append(path("oidc/", include("stevig.accounts.oidc_urls")))
