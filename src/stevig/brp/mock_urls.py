from django.urls import path

from stevig.brp import mock_views

app_name = "mock_brp"

urlpatterns = [path("personen", mock_views.personen, name="personen")]
