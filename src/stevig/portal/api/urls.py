from django.urls import path

from stevig.portal.api import views

urlpatterns = [
    path("mijn/", views.OverviewView.as_view(), name="api-mijn"),
    path("mijn/wie-keek/", views.WhoLookedView.as_view(), name="api-mijn-wie-keek"),
    path("mijn/berichten/", views.MessageView.as_view(), name="api-mijn-berichten"),
    path("mijn/verzoeken/", views.SubjectRequestsView.as_view(), name="api-mijn-verzoeken"),
    path("mijn/volgen/", views.FollowView.as_view(), name="api-mijn-volgen"),
]
