from django.urls import path

from stevig.signalering.api import views

urlpatterns = [
    path("signals/", views.SignalListView.as_view(), name="api-signals"),
    path("signals/<uuid:signal_id>/", views.SignalDetailView.as_view(), name="api-signal"),
    path("signal-clusters/", views.ClusterListView.as_view(), name="api-signal-clusters"),
    path("signal-groups/", views.GroupListView.as_view(), name="api-signal-groups"),
    path("signal-groups/<uuid:group_id>/", views.GroupDetailView.as_view(), name="api-signal-group"),
    path(
        "signal-groups/<uuid:group_id>/answer/",
        views.GroupAnswerView.as_view(),
        name="api-signal-group-answer",
    ),
    path("signal-groups/<uuid:group_id>/signals/", views.GroupAddView.as_view(), name="api-signal-group-add"),
]
