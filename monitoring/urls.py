from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("projekt/<int:project_pk>/eksport/", views.export_page, name="export"),
    path(
        "projekt/<int:project_pk>/eksport/<str:fmt>/", views.export_download,
        name="export_download",
    ),
    path(
        "projekt/<int:project_pk>/eksport/<str:fmt>/w-tle/", views.export_job_start,
        name="export_job_start",
    ),
    path("eksport/<int:pk>/", views.ExportJobDetail.as_view(), name="export_job"),
    path("eksport/<int:pk>/stan/", views.export_job_status, name="export_job_status"),
    path("eksport/<int:pk>/plik/", views.export_job_download, name="export_job_download"),
    path("projekt/<int:project_pk>/import/", views.ParticipantImport.as_view(), name="import"),
    path(
        "projekt/<int:project_pk>/import/zatwierdz/", views.ParticipantImportConfirm.as_view(),
        name="import_confirm",
    ),
    path("import/<int:pk>/", views.ImportJobDetail.as_view(), name="import_job"),
    path("import/<int:pk>/stan/", views.import_job_status, name="import_job_status"),
]
