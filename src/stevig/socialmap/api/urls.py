from django.urls import path

from stevig.socialmap.api import views

urlpatterns = [
    path("social-map/facilities/", views.FacilityListView.as_view(), name="api-facilities"),
    path(
        "social-map/facilities/<uuid:facility_id>/", views.FacilityDetailView.as_view(), name="api-facility"
    ),
    path(
        "trajectories/<uuid:trajectory_id>/referrals/",
        views.TrajectoryReferralsView.as_view(),
        name="api-trajectory-referrals",
    ),
    path("referrals/follow-ups-due/", views.FollowUpsDueView.as_view(), name="api-referral-follow-ups"),
    path("referrals/<uuid:referral_id>/", views.ReferralDetailView.as_view(), name="api-referral"),
    path(
        "referrals/<uuid:referral_id>/outcome/",
        views.ReferralOutcomeView.as_view(),
        name="api-referral-outcome",
    ),
]
