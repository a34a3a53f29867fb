"""The project's URLs with /oidc/ mounted, as `stevig.urls` does when OpenID Connect is configured."""

from django.urls import include, path

from stevig.urls import handler404, handler500
from stevig.urls import urlpatterns as project_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]

urlpatterns = [*project_urlpatterns, path("oidc/", include("stevig.accounts.oidc_urls"))]
