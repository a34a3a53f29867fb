from django.urls import path

from stevig.retention.api import views

urlpatterns = [
    path("destruction-lists/", views.DestructionListsView.as_view(), name="api-destruction-lists"),
    path(
        "destruction-lists/<uuid:list_id>/items/",
        views.DestructionListItemsView.as_view(),
        name="api-destruction-list-items",
    ),
    path(
        "destruction-list-items/<uuid:item_id>/review/",
        views.ReviewItemView.as_view(),
        name="api-destruction-list-item-review",
    ),
    path(
        "households/<uuid:household_id>/litigation-holds/",
        views.HoldsView.as_view(),
        name="api-household-litigation-holds",
    ),
    path(
        "litigation-holds/<uuid:hold_id>/lift/", views.LiftHoldView.as_view(), name="api-litigation-hold-lift"
    ),
    path("destruction-requests/", views.DestructionRequestsView.as_view(), name="api-destruction-requests"),
    path(
        "households/<uuid:household_id>/destruction-requests/",
        views.RegisterRequestView.as_view(),
        name="api-household-destruction-requests",
    ),
    path(
        "destruction-requests/<uuid:request_id>/decide/",
        views.DecideRequestView.as_view(),
        name="api-destruction-request-decide",
    ),
]
