from django.urls import path

from . import views

app_name = "card"

urlpatterns = [
    path("<int:pk>/", views.participation_detail, name="participation_detail"),
    path("<int:pk>/karta/<slug:tab>/", views.participation_detail, name="participation_tab"),
    path("<int:pk>/sciezka/nowa/", views.PathCreate.as_view(), name="path_create"),
]
