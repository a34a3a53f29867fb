from django.urls import path

from stevig.plans.api import views

urlpatterns = [
    path(
        "trajectories/<uuid:trajectory_id>/plan/",
        views.TrajectoryPlanView.as_view(),
        name="api-trajectory-plan",
    ),
    path("plans/<uuid:plan_id>/", views.PlanDetailView.as_view(), name="api-plan"),
    path("plans/<uuid:plan_id>/goals/", views.PlanGoalsView.as_view(), name="api-plan-goals"),
    path("plans/<uuid:plan_id>/agreements/", views.PlanAgreementsView.as_view(), name="api-plan-agreements"),
    path("plans/<uuid:plan_id>/versions/", views.PlanVersionsView.as_view(), name="api-plan-versions"),
    path("plan-goals/<uuid:goal_id>/", views.GoalDetailView.as_view(), name="api-plan-goal"),
    path("plan-goals/<uuid:goal_id>/actions/", views.GoalActionsView.as_view(), name="api-plan-goal-actions"),
    path("plan-actions/<uuid:action_id>/", views.PlanActionDetailView.as_view(), name="api-plan-action"),
    path("plan-versions/<uuid:version_id>/", views.PlanVersionDetailView.as_view(), name="api-plan-version"),
    path("figures/plans/", views.PlanFiguresView.as_view(), name="api-figures-plans"),
]
