from django.urls import path

from . import views

app_name = "dossier"

urlpatterns = [
    path("uczestnik/<int:participation_pk>/nowy/", views.DossierFileAdd.as_view(),
         name="file_add"),
    path("plik/<int:pk>/pobierz/", views.dossier_file_download, name="file_download"),
    path("plik/<int:pk>/usun/", views.DossierFileRemove.as_view(), name="file_remove"),
    path("projekt/<int:project_pk>/", views.ProjectDossier.as_view(), name="project_dossier"),
]
