from django.urls import path

from . import views

app_name = "reacties"
urlpatterns = [
    path("<int:pk>/", views.reactie_detail, name="detail"),
]
