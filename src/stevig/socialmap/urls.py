from django.urls import path

from stevig.socialmap import views

app_name = "socialmap"
urlpatterns = [
    path("", views.search, name="search"),
    # Alias: the start pages of the web shell link to "socialmap:index".
    path("", views.search, name="index"),
    path("voorziening/<uuid:facility_id>/", views.facility, name="facility"),
    path("traject/<uuid:trajectory_id>/", views.referrals, name="referrals"),
    path("traject/<uuid:trajectory_id>/verwijzen/", views.refer, name="refer"),
    path("verwijzing/<uuid:referral_id>/uitkomst/", views.outcome, name="outcome"),
]
