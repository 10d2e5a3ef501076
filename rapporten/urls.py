app_name = "rapporten"
urlpatterns = []
