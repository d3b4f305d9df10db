from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "results"

urlpatterns = [
    # The indicators page moved to reporting: an address kept in a bookmark still leads there.
    path(
        "projekt/<int:project_pk>/wskazniki/",
        RedirectView.as_view(pattern_name="reporting:project_indicators", permanent=True),
        name="project_indicators_moved",
    ),
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
