from django.urls import path

from stevig.safety.api import views

urlpatterns = [
    path("safety-tracks/", views.TrackListView.as_view(), name="api-safety-tracks"),
    path("safety-tracks/<uuid:track_id>/", views.TrackDetailView.as_view(), name="api-safety-track"),
    path("safety-tracks/<uuid:track_id>/steps/", views.StepView.as_view(), name="api-safety-track-steps"),
    path("safety-tracks/<uuid:track_id>/weigh/", views.WeighView.as_view(), name="api-safety-track-weigh"),
    path("safety-tracks/<uuid:track_id>/decide/", views.DecideView.as_view(), name="api-safety-track-decide"),
    path(
        "safety-tracks/<uuid:track_id>/veilig-thuis/",
        views.FollowUpView.as_view(),
        name="api-safety-track-follow-up",
    ),
    path(
        "safety-tracks/<uuid:track_id>/colleagues/",
        views.ColleagueView.as_view(),
        name="api-safety-track-colleagues",
    ),
    path("safety-tracks/<uuid:track_id>/risks/", views.RisksView.as_view(), name="api-safety-track-risks"),
    path(
        "safety-tracks/<uuid:track_id>/emergency-access/",
        views.EmergencyView.as_view(),
        name="api-safety-track-emergency",
    ),
]
