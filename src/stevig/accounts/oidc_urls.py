"""`/oidc/`: mounted by `stevig.urls` only when OpenID Connect is configured (`settings.OIDC_ENABLED`)."""

from django.urls import path
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from stevig.accounts.oidc import CallbackView

urlpatterns = [
    path("authenticate/", OIDCAuthenticationRequestView.as_view(), name="oidc_authentication_init"),
    path("callback/", CallbackView.as_view(), name="oidc_authentication_callback"),
]
