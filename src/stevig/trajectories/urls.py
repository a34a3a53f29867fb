from django.urls import URLPattern, URLResolver

app_name = "trajectories"
urlpatterns: list[URLPattern | URLResolver] = []
