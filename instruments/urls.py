from django.urls import path

from . import views

app_name = "instruments"

urlpatterns = [
    path("projekt/<int:project_pk>/", views.support_form_list, name="support_form_list"),
    path("projekt/<int:project_pk>/nowa/", views.SupportFormEdit.as_view(),
         name="support_form_create"),
    path("<int:pk>/edytuj/", views.SupportFormEdit.as_view(), name="support_form_update"),
]
