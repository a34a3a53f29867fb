from django.urls import path

from stevig.web.api import views

urlpatterns = [path("worklist/", views.WorklistView.as_view(), name="api-worklist")]
