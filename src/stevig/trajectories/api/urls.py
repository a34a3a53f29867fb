from django.urls import path

from stevig.trajectories.api import views

urlpatterns = [
    path("trajectories/", views.TrajectoryListView.as_view(), name="api-trajectories"),
    path(
        "trajectories/pilot-light/due/",
        views.PilotLightDueView.as_view(),
        name="api-trajectories-pilot-light-due",
    ),
    path("trajectories/figures/", views.FiguresView.as_view(), name="api-trajectories-figures"),
    path("trajectories/<uuid:trajectory_id>/", views.TrajectoryDetailView.as_view(), name="api-trajectory"),
    path("trajectories/<uuid:trajectory_id>/phase/", views.PhaseView.as_view(), name="api-trajectory-phase"),
    path(
        "trajectories/<uuid:trajectory_id>/reactivate/",
        views.ReactivateView.as_view(),
        name="api-trajectory-reactivate",
    ),
    path(
        "trajectories/<uuid:trajectory_id>/hand-over/",
        views.HandOverView.as_view(),
        name="api-trajectory-hand-over",
    ),
    path(
        "trajectories/<uuid:trajectory_id>/involved/",
        views.InvolvedView.as_view(),
        name="api-trajectory-involved",
    ),
    path(
        "trajectories/<uuid:trajectory_id>/expertise/",
        views.ExpertiseView.as_view(),
        name="api-trajectory-expertise",
    ),
    path(
        "trajectories/<uuid:trajectory_id>/pilot-light/",
        views.PilotLightView.as_view(),
        name="api-trajectory-pilot-light",
    ),
    path(
        "trajectories/<uuid:trajectory_id>/basic-help/",
        views.BasicHelpListView.as_view(),
        name="api-trajectory-basic-help",
    ),
    path(
        "trajectories/<uuid:trajectory_id>/basic-help/<uuid:help_id>/evaluation/",
        views.EvaluationView.as_view(),
        name="api-trajectory-basic-help-evaluation",
    ),
    path(
        "trajectories/<uuid:trajectory_id>/contacts/",
        views.ContactListView.as_view(),
        name="api-trajectory-contacts",
    ),
    path(
        "trajectories/<uuid:trajectory_id>/consultations/",
        views.ConsultationListView.as_view(),
        name="api-trajectory-consultations",
    ),
    path(
        "trajectories/<uuid:trajectory_id>/timeline/",
        views.TimelineView.as_view(),
        name="api-trajectory-timeline",
    ),
]
