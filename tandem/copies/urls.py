app_name = "copies"
urlpatterns: list = []
