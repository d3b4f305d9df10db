from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import TrainingCourse, TrainingResult


@admin.register(TrainingCourse)
class TrainingCourseAdmin(SimpleHistoryAdmin):
    list_display = ["support_form", "min_attendance_percent", "exam_required", "completed_on"]


@admin.register(TrainingResult)
class TrainingResultAdmin(SimpleHistoryAdmin):
    list_display = ["participation", "course", "completed", "exam_result", "document_kind"]
    list_filter = ["completed", "document_kind"]
