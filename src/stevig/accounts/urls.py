from django.urls import path

from stevig.accounts import views

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.login_view, name="login"),
    path("tweede-stap/", views.verify_view, name="verify"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("tweede-factor/", views.two_factor_view, name="two_factor"),
    path("instellen/<str:token>/", views.enrol_view, name="enrol"),
    path("wachtwoord/", views.password_view, name="password"),
    path("api-sleutels/", views.api_tokens_view, name="api_tokens"),
]
