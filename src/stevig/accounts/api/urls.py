from django.urls import path

from stevig.accounts.api.views import MeView, StaffListView

urlpatterns = [
    path("me/", MeView.as_view(), name="api-me"),
    path("staff/", StaffListView.as_view(), name="api-staff"),
]
