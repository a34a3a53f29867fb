from django.urls import path

from stevig.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("team/", views.team_dashboard, name="team"),
    path("sessie/verlengen/", views.keepalive, name="keepalive"),
    path("contact/", views.about_page, {"page": "contact"}, name="contact"),
    path("privacy/", views.about_page, {"page": "privacy"}, name="privacy"),
    path("toegankelijkheid/", views.about_page, {"page": "toegankelijkheid"}, name="accessibility"),
]
