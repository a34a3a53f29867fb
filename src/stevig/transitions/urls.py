from django.urls import path

from stevig.transitions import views

app_name = "transitions"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("toekomstplan/<uuid:resident_id>/", views.plan, name="plan"),
    path("toekomstplan/<uuid:resident_id>/bewerken/", views.plan_edit, name="plan_edit"),
    path("toekomstplan/<uuid:resident_id>/afspreken/", views.plan_agree, name="plan_agree"),
    path("perspectiefplan/<uuid:resident_id>/", views.perspective, name="perspective"),
    path("perspectiefplan/<uuid:resident_id>/bewerken/", views.perspective_edit, name="perspective_edit"),
]
