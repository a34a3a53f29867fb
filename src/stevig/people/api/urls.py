from django.urls import path

from stevig.people.api import views

urlpatterns = [
    path("households/", views.HouseholdListView.as_view(), name="api-households"),
    path("households/<uuid:household_id>/", views.HouseholdDetailView.as_view(), name="api-household"),
    path(
        "households/<uuid:household_id>/members/",
        views.HouseholdMembersView.as_view(),
        name="api-household-members",
    ),
    path(
        "households/<uuid:household_id>/emergency-access/",
        views.EmergencyAccessView.as_view(),
        name="api-household-emergency",
    ),
    path("residents/search/", views.ResidentSearchView.as_view(), name="api-resident-search"),
    path("residents/<uuid:resident_id>/", views.ResidentDetailView.as_view(), name="api-resident"),
    path("residents/<uuid:resident_id>/move/", views.ResidentMoveView.as_view(), name="api-resident-move"),
]
