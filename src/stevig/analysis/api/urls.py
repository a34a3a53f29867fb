from django.urls import path

from stevig.analysis.api import views

urlpatterns = [
    path("life-domains/", views.LifeDomainsView.as_view(), name="api-life-domains"),
    path(
        "trajectories/<uuid:trajectory_id>/analyses/",
        views.TrajectoryAnalysesView.as_view(),
        name="api-trajectory-analyses",
    ),
    path("analyses/<uuid:analysis_id>/", views.AnalysisDetailView.as_view(), name="api-analysis"),
]
