from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("projekt/<int:project_pk>/", views.dashboard, name="dashboard"),
    path("projekt/<int:project_pk>/wskazniki/", views.project_indicators_view,
         name="project_indicators"),
    path("projekt/<int:project_pk>/podsumowanie/", views.summary, name="summary"),
    path("projekt/<int:project_pk>/podsumowanie/podglad.pdf", views.summary_preview,
         name="summary_preview"),
    path("projekt/<int:project_pk>/podsumowanie/wydaj/", views.SummaryIssue.as_view(),
         name="summary_issue"),
    path("podsumowanie/<int:pk>.pdf", views.summary_issued_pdf, name="summary_issued_pdf"),
    path("projekt/<int:project_pk>/okres/", views.claim, name="claim"),
    path("projekt/<int:project_pk>/okres.<str:fmt>", views.claim_download, name="claim_download"),
]
