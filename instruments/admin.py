from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Attendance, Referral, Session, SupportForm


@admin.register(SupportForm)
class SupportFormAdmin(SimpleHistoryAdmin):
    list_display = ["name", "project", "instrument", "mode", "provider"]
    list_filter = ["instrument", "project"]


@admin.register(Referral)
class ReferralAdmin(SimpleHistoryAdmin):
    list_display = ["participation", "support_form", "status", "referred_on"]
    list_filter = ["status"]


@admin.register(Session)
class SessionAdmin(SimpleHistoryAdmin):
    list_display = ["support_form", "date", "start_time", "end_time", "kind", "hours_unit"]
    list_filter = ["kind", "hours_unit"]
    readonly_fields = ["duration_minutes"]


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ["session", "participation", "present"]
    list_filter = ["present"]
