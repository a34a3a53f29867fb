from django.urls import path

from stevig.retention import views

app_name = "retention"
urlpatterns = [
    path("", views.lists, name="lists"),
    path("lijst/<uuid:list_id>/", views.list_detail, name="list_detail"),
    path("dossier/<uuid:item_id>/", views.item_detail, name="item_detail"),
    path("bewaarplicht/zoeken/", views.hold_search, name="hold_search"),
    path("huishouden/<uuid:household_id>/bewaarplicht/", views.holds, name="holds"),
    path("bewaarplicht/<uuid:hold_id>/opheffen/", views.lift_hold, name="lift_hold"),
    path("verzoek/<uuid:request_id>/", views.request_detail, name="request_detail"),
    path(
        "huishouden/<uuid:household_id>/verzoek-vernietiging/",
        views.register_request,
        name="register_request",
    ),
]
