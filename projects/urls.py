from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("", views.ProjectList.as_view(), name="project_list"),
    path("nowy/", views.ProjectCreate.as_view(), name="project_create"),
    path("<int:pk>/", views.ProjectDetail.as_view(), name="project_detail"),
    path("<int:pk>/edytuj/", views.ProjectUpdate.as_view(), name="project_update"),
    path("organizacje/", views.OrganisationList.as_view(), name="organisation_list"),
    path("organizacje/nowa/", views.OrganisationCreate.as_view(), name="organisation_create"),
    path("organizacje/<int:pk>/", views.OrganisationDetail.as_view(), name="organisation_detail"),
    path(
        "organizacje/<int:pk>/edytuj/",
        views.OrganisationUpdate.as_view(),
        name="organisation_update",
    ),
]
