from django.urls import path

from stevig.patterns.api import views

urlpatterns = [path("patterns/", views.PatternView.as_view(), name="api-patterns")]
