from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("projekt/<int:project_pk>/", views.event_list, name="event_list"),
    path("projekt/<int:project_pk>/nowe/", views.EventCreate.as_view(), name="event_create"),
    path("<int:pk>/edycja/", views.EventUpdate.as_view(), name="event_update"),
    path("<int:pk>/usun/", views.EventDelete.as_view(), name="event_delete"),
    path("<int:pk>/uczestnicy/", views.EventAttendees.as_view(), name="event_attendees"),
]
