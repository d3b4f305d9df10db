from django.urls import path

from . import views

app_name = "instruments"

urlpatterns = [
    path("projekt/<int:project_pk>/", views.support_form_list, name="support_form_list"),
    path("projekt/<int:project_pk>/nowa/", views.SupportFormEdit.as_view(),
         name="support_form_create"),
    path("<int:pk>/edytuj/", views.SupportFormEdit.as_view(), name="support_form_update"),
    path("<int:support_form_pk>/zajecia/", views.session_list, name="session_list"),
    path("<int:support_form_pk>/zajecia/nowe/", views.SessionCreate.as_view(),
         name="session_create"),
    path("<int:support_form_pk>/obecnosc/", views.attendance_grid, name="attendance_grid"),
    path("<int:support_form_pk>/obecnosc/zapisz/", views.attendance_save,
         name="attendance_save"),
    path("<int:support_form_pk>/obecnosc/wszyscy/", views.attendance_all_present,
         name="attendance_all_present"),
    path("zajecia/<int:pk>/edytuj/", views.SessionUpdate.as_view(), name="session_update"),
    path("zajecia/<int:pk>/usun/", views.SessionDelete.as_view(), name="session_delete"),
    path("<int:support_form_pk>/lista-obecnosci-miesiac.pdf", views.attendance_month_pdf,
         name="attendance_month_pdf"),
    path("terminarz/", views.agenda, name="agenda"),
    path("skierowania/<int:pk>/wycofaj/", views.referral_withdrawal, name="referral_withdraw"),
    path("<int:support_form_pk>/skierowania/", views.referral_bulk, name="referral_bulk"),
    path("<int:support_form_pk>/harmonogram/", views.session_series_create_view,
         name="session_series_create"),
    path("harmonogram/<int:pk>/usun-przyszle/", views.session_series_remove_future_view,
         name="session_series_remove_future"),
    path("harmonogram/<int:pk>/zmien-przyszle/", views.session_series_change_view,
         name="session_series_change"),
    path("zajecia/<int:pk>/lista-obecnosci.pdf", views.attendance_sheet_pdf,
         name="attendance_sheet_pdf"),
]
