from django.urls import path

from stevig.datasharing import views

app_name = "datasharing"
urlpatterns = [
    path("register/", views.municipality_register, name="municipality_register"),
    path("verzoeken/", views.subject_requests, name="subject_requests"),
    path("verzoeken/<uuid:request_id>/", views.subject_request, name="subject_request"),
    path("huishouden/<uuid:household_id>/verzoek/", views.subject_request_add, name="subject_request_add"),
    path("huishouden/<uuid:household_id>/", views.register, name="register"),
    path("huishouden/<uuid:household_id>/toestemming/", views.consent_add, name="consent_add"),
    path("huishouden/<uuid:household_id>/delen/", views.disclosure_add, name="disclosure_add"),
    path(
        "huishouden/<uuid:household_id>/toestemming/<uuid:consent_id>/intrekken/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
]
