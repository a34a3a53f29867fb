app_name = "datasharing"
urlpatterns: list = []
