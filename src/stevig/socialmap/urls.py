from django.urls import URLPattern, URLResolver

app_name = "socialmap"
urlpatterns: list[URLPattern | URLResolver] = []
