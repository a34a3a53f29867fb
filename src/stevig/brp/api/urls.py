from django.urls import path

from stevig.brp.api import views

urlpatterns = [
    path("brp/search/", views.SearchView.as_view(), name="api-brp-search"),
    path("brp/households/", views.HouseholdFromBrpView.as_view(), name="api-brp-household"),
    path(
        "brp/households/<uuid:household_id>/differences/",
        views.DifferencesView.as_view(),
        name="api-brp-differences",
    ),
    path(
        "brp/households/<uuid:household_id>/differences/take-over/",
        views.TakeOverView.as_view(),
        name="api-brp-take-over",
    ),
]
