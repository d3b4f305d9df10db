from django.urls import path

from .views import agenda, attendance, consultations, referrals, sessions, support_forms

app_name = "instruments"

urlpatterns = [
    path("projekt/<int:project_pk>/", support_forms.support_form_list, name="support_form_list"),
    path("projekt/<int:project_pk>/nowa/", support_forms.SupportFormEdit.as_view(),
         name="support_form_create"),
    path("<int:pk>/edytuj/", support_forms.SupportFormEdit.as_view(), name="support_form_update"),
    path("<int:support_form_pk>/zajecia/", sessions.session_list, name="session_list"),
    path("<int:support_form_pk>/zajecia/nowe/", sessions.SessionCreate.as_view(),
         name="session_create"),
    path("<int:support_form_pk>/obecnosc/", attendance.attendance_grid, name="attendance_grid"),
    path("<int:support_form_pk>/obecnosc/zapisz/", attendance.attendance_save,
         name="attendance_save"),
    path("<int:support_form_pk>/obecnosc/wszyscy/", attendance.attendance_all_present,
         name="attendance_all_present"),
    path("zajecia/<int:pk>/edytuj/", sessions.SessionUpdate.as_view(), name="session_update"),
    path("zajecia/<int:pk>/usun/", sessions.SessionDelete.as_view(), name="session_delete"),
    path("<int:support_form_pk>/lista-obecnosci-miesiac.pdf", attendance.attendance_month_pdf,
         name="attendance_month_pdf"),
    path("terminarz/", agenda.agenda, name="agenda"),
    path("skierowania/<int:pk>/wycofaj/", referrals.ReferralWithdrawal.as_view(),
         name="referral_withdraw"),
    path("<int:support_form_pk>/skierowania/", referrals.ReferralBulk.as_view(),
         name="referral_bulk"),
    path("<int:support_form_pk>/konsultacje/", consultations.ConsultationLog.as_view(),
         name="consultation_log"),
    path("<int:support_form_pk>/harmonogramy/", sessions.session_series_list,
         name="session_series_list"),
    path("<int:support_form_pk>/harmonogram/", sessions.SessionSeriesCreate.as_view(),
         name="session_series_create"),
    path("harmonogram/<int:pk>/usun-przyszle/", sessions.session_series_remove_future_view,
         name="session_series_remove_future"),
    path("harmonogram/<int:pk>/zmien-przyszle/", sessions.SessionSeriesChange.as_view(),
         name="session_series_change"),
    path("zajecia/<int:pk>/lista-obecnosci.pdf", attendance.attendance_sheet_pdf,
         name="attendance_sheet_pdf"),
]
