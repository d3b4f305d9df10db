from django.urls import path

from . import views

app_name = "retention"

urlpatterns = [
    path("", views.RetentionOverview.as_view(), name="overview"),
    path("projekt/<int:project_pk>/", views.ProjectAnonymise.as_view(), name="project_anonymise"),
]
