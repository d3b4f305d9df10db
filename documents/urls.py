from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("projekt/<int:pk>/", views.document_list, name="document_list"),
    path("<int:pk>/pdf/", views.document_pdf_view, name="document_pdf"),
    path("uczestnik/<int:pk>/zaswiadczenie/", views.certificate_issue_view,
         name="certificate_issue"),
    path("projekt/<int:pk>/paczki/", views.batch_list, name="batch_list"),
    path("projekt/<int:pk>/paczka/", views.batch_create, name="batch_create"),
    path("paczka/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("paczka/<int:pk>/stan/", views.batch_status, name="batch_status"),
    path("paczka/<int:pk>/ponow/", views.batch_rerun, name="batch_rerun"),
    path("paczka/<int:pk>/pdf/", views.batch_pdf, name="batch_pdf"),
    path("weryfikacja/", views.verify_form, name="verify_form"),
    path("weryfikacja/<str:code>/", views.verify, name="verify"),
]
