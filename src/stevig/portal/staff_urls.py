"""The staff side of Mijn Stevig, mounted at /berichten-van-inwoners/."""

from django.urls import path

from stevig.portal import views

app_name = "portal_staff"
urlpatterns = [path("<uuid:message_id>/", views.staff_message, name="message")]
