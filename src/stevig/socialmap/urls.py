from django.urls import path

from stevig.socialmap import views

app_name = "socialmap"
urlpatterns = [
    path("", views.search, name="search"),
    path("voorziening/<uuid:facility_id>/", views.facility, name="facility"),
    path("traject/<uuid:trajectory_id>/", views.referrals, name="referrals"),
    path("traject/<uuid:trajectory_id>/verwijzen/", views.refer, name="refer"),
    path("verwijzing/<uuid:referral_id>/uitkomst/", views.outcome, name="outcome"),
]
