from django.urls import path

from . import views

app_name = "participants"

urlpatterns = [
    path("", views.participant_list, name="participant_list"),
    path("moi/", views.participant_list, {"mine": True}, name="my_participants"),
    path("rekrutacja/<int:project_pk>/", views.recruitment_summary, name="recruitment_summary"),
    path("nowy/<int:project_pk>/", views.ParticipantCreate.as_view(), name="participant_create"),
    path("<int:pk>/dane/", views.ParticipationUpdate.as_view(), name="participation_update"),
    path("<int:pk>/osoba/", views.PersonUpdate.as_view(), name="person_update"),
    path("<int:pk>/status/", views.participation_status_change, name="status_change"),
    path("projekt/<int:project_pk>/statusy/", views.BulkStatus.as_view(), name="bulk_status"),
]
