from django.urls import path

from stevig.people import views

app_name = "people"
urlpatterns = [
    path("zoeken/", views.search, name="search"),
    path("huishouden/nieuw/", views.household_new, name="household_new"),
    path("huishouden/<uuid:household_id>/", views.household, name="household"),
    path("huishouden/<uuid:household_id>/wijzigen/", views.household_edit, name="household_edit"),
    path("huishouden/<uuid:household_id>/lid-toevoegen/", views.member_add, name="member_add"),
    path("huishouden/<uuid:household_id>/noodtoegang/", views.emergency, name="emergency"),
    path("inwoner/<uuid:resident_id>/wijzigen/", views.resident_edit, name="resident_edit"),
    path("inwoner/<uuid:resident_id>/verhuizen/", views.resident_move, name="resident_move"),
]
