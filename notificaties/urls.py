app_name = "notificaties"
urlpatterns = []
