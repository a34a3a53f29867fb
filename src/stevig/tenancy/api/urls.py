from django.urls import path

from stevig.tenancy.api import views

urlpatterns = [
    path("expertise-tags/", views.ExpertiseTagListView.as_view(), name="api-expertise-tags"),
    path("locations/", views.LocationListView.as_view(), name="api-locations"),
]
