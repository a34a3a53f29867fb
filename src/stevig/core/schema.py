"""OpenAPI extensions: describe our session authentication like DRF's own."""

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class VerifiedSessionScheme(OpenApiAuthenticationExtension):
    target_class = "stevig.core.api_auth.VerifiedSessionAuthentication"
    name = "sessie"

    def get_security_definition(self, auto_schema):  # type: ignore[no-untyped-def]
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": settings.SESSION_COOKIE_NAME,
            "description": "Sessie van de webapplicatie, na inloggen met tweede factor.",
        }
