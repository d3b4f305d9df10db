from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Event, EventAttendance


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "project", "kind", "start_date", "places"]
    list_filter = ["kind"]


@admin.register(EventAttendance)
class EventAttendanceAdmin(SimpleHistoryAdmin):
    list_display = ["event", "participation"]
