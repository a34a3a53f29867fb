from django.urls import path

from stevig.brp import views

app_name = "brp"
urlpatterns = [
    path("", views.search, name="search"),
    path("huishouden/", views.household_new, name="household_new"),
    path("huishouden/<uuid:household_id>/", views.differences, name="differences"),
]
