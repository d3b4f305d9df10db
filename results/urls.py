from django.urls import path

from . import views

app_name = "results"

urlpatterns = [
    path(
        "uczestnik/<int:participation_pk>/zatrudnienie/",
        views.EmploymentCreate.as_view(),
        name="employment_create",
    ),
    path("zatrudnienie/<int:pk>/", views.EmploymentUpdate.as_view(), name="employment_update"),
    path(
        "zatrudnienie/<int:pk>/usuniecie/",
        views.EmploymentDelete.as_view(),
        name="employment_delete",
    ),
    path(
        "uczestnik/<int:participation_pk>/postep-spoleczny/",
        views.SocialProgressCreate.as_view(),
        name="progress_create",
    ),
    path(
        "postep-spoleczny/<int:pk>/",
        views.SocialProgressUpdate.as_view(),
        name="progress_update",
    ),
    path(
        "postep-spoleczny/<int:pk>/usuniecie/",
        views.SocialProgressDelete.as_view(),
        name="progress_delete",
    ),
]
