from django.urls import path

from stevig.web.api import views

urlpatterns = [
    path("worklist/", views.WorklistView.as_view(), name="api-worklist"),
    path("team/dashboard/", views.TeamDashboardView.as_view(), name="api-team-dashboard"),
    path("team/trajectories/", views.TeamTrajectoriesView.as_view(), name="api-team-trajectories"),
]
