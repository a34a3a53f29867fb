from django.urls import path

from stevig.transitions.api import views

urlpatterns = [
    path("transitions/turning-18/", views.TurningEighteenView.as_view(), name="api-transitions-turning-18"),
    path("transitions/overview/", views.OverviewView.as_view(), name="api-transitions-overview"),
    path("future-plans/<uuid:resident_id>/", views.PlanView.as_view(), name="api-future-plan"),
    path("future-plans/<uuid:resident_id>/agree/", views.AgreeView.as_view(), name="api-future-plan-agree"),
    path(
        "perspective-plans/<uuid:resident_id>/",
        views.PerspectivePlanView.as_view(),
        name="api-perspective-plan",
    ),
]
