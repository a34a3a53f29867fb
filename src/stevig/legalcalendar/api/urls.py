from django.urls import URLPattern, URLResolver, path

from stevig.legalcalendar.api import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("legal-calendar/", views.LegalCalendarView.as_view(), name="api-legal-calendar"),
    path("legal-calendar/deadline/", views.DeadlineView.as_view(), name="api-legal-calendar-deadline"),
]
