from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Participation, Person


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["last_name", "first_name", "sex", "birth_date"]
    search_fields = ["last_name", "first_name", "pesel"]
    inlines = [ParticipationInline]


@admin.register(Participation)
class ParticipationAdmin(SimpleHistoryAdmin):
    list_display = ["person", "project", "edition", "status", "social_worker"]
    list_filter = ["project", "status"]
