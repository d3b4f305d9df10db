from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Internship, InternshipMonth, JobSupportContact


@admin.register(Internship)
class InternshipAdmin(SimpleHistoryAdmin):
    list_display = ["participation", "employer", "position", "start_date", "end_date", "outcome"]
    list_filter = ["outcome"]


@admin.register(InternshipMonth)
class InternshipMonthAdmin(SimpleHistoryAdmin):
    list_display = ["internship", "month", "days_planned", "days_present"]


@admin.register(JobSupportContact)
class JobSupportContactAdmin(SimpleHistoryAdmin):
    list_display = ["participation", "kind", "date", "employer", "employer_name"]
    list_filter = ["kind"]
