from django.urls import path

from . import views

app_name = "employment"

urlpatterns = [
    path("uczestnik/<int:participation_pk>/", views.participation_employment,
         name="participation_employment"),
    path("uczestnik/<int:participation_pk>/staz/nowy/", views.InternshipCreate.as_view(),
         name="internship_create"),
    path("staz/<int:pk>/edycja/", views.InternshipUpdate.as_view(), name="internship_update"),
    path("staz/<int:pk>/obecnosc/", views.InternshipMonths.as_view(), name="internship_months"),
    path("staz/<int:pk>/zakonczenie/", views.InternshipClose.as_view(), name="internship_close"),
    path("uczestnik/<int:participation_pk>/kontakt/nowy/",
         views.JobSupportContactCreate.as_view(), name="contact_create"),
    path("kontakt/<int:pk>/edycja/", views.JobSupportContactUpdate.as_view(),
         name="contact_update"),
    path("kontakt/<int:pk>/usun/", views.job_support_contact_delete_view, name="contact_delete"),
    path("projekt/<int:project_pk>/staze/", views.internship_list, name="internship_list"),
    path("projekt/<int:project_pk>/posrednictwo/", views.placement_summary,
         name="placement_summary"),
]
