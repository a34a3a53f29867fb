"""Public routes, mounted in `stevig/urls.py` at /hulp-vragen/ and /waar-vind-ik-het-team/."""

from django.urls import path

from stevig.intake import public_views

app_name = "intake_public"
urlpatterns = [
    path("hulp-vragen/", public_views.ask, name="ask"),
    path("hulp-vragen/verstuurd/", public_views.sent, name="sent"),
    path("waar-vind-ik-het-team/", public_views.where, name="where"),
]
