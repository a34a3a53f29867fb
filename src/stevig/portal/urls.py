"""Mijn Stevig, mounted at /mijn/ (residents: DigiD or a reference code)."""

from django.urls import path

from stevig.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("uitloggen/", views.logout, name="logout"),
    path("plan/<uuid:version_id>/", views.plan_version, name="plan_version"),
    path("besluit/<uuid:decision_id>/brief/", views.letter, name="letter"),
    path("delen/", views.sharing, name="sharing"),
    path("delen/<uuid:consent_id>/intrekken/", views.withdraw, name="withdraw"),
    path("wie-keek/", views.who_looked, name="who_looked"),
    path("verzoek/", views.subject_request, name="subject_request"),
    path("bericht/", views.message, name="message"),
    path("volgen/", views.follow, name="follow"),
    path("volgen/vraag/", views.followed, name="followed"),
]
