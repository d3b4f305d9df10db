from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("uczestnik/<int:pk>/kopia-danych/", views.subject_export_page, name="subject_export"),
    path("uczestnik/<int:pk>/kopia-danych/zip/", views.subject_export_download,
         name="subject_export_download"),
    path("", views.officer_start, name="officer_start"),
    path("rejestr-dostepu/", views.access_log, name="access_log"),
    path("rejestr-dostepu/csv/", views.access_log_csv, name="access_log_csv"),
    path("kopie-danych/", views.export_list, name="export_list"),
    path("projekt/<int:project_pk>/rejestr-czynnosci/", views.register, name="register"),
    path("projekt/<int:project_pk>/rejestr-czynnosci/pdf/", views.register_pdf,
         name="register_pdf"),
]
