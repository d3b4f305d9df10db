"""Sums the attendance already recorded into the hours totals and the held sessions (the rule of
``instruments.hours.counted_attendance`` as it stood when the tables came: a present mark at a
group session, or at one's own consultation)."""

from django.db import migrations
from django.db.models import Count, F, Min, Q, Sum


def fill(apps, schema_editor):
    Attendance = apps.get_model("instruments", "Attendance")
    HoursTotal = apps.get_model("instruments", "HoursTotal")
    HeldSession = apps.get_model("instruments", "HeldSession")
    counted = Attendance.objects.filter(present=True).filter(
        Q(session__kind="group") | Q(session__participation=F("participation"))
    )
    inside = Q(session__date__gte=F("participation__start_date")) & (
        Q(participation__end_date__isnull=True)
        | Q(session__date__lte=F("participation__end_date"))
    )
    totals = (
        counted.values("participation_id", "session__support_form_id")
        .annotate(minutes=Sum("session__duration_minutes"), sessions=Count("pk"),
                  first_day=Min("session__date"),
                  first_day_inside=Min("session__date", filter=inside))
        .order_by()
    )
    HoursTotal.objects.bulk_create([
        HoursTotal(participation_id=row["participation_id"],
                   support_form_id=row["session__support_form_id"],
                   minutes=row["minutes"] or 0, sessions=row["sessions"],
                   first_day=row["first_day"], first_day_inside=row["first_day_inside"])
        for row in totals.iterator()
    ], batch_size=1000)
    held = (
        counted.values("session_id", "participation__edition_id")
        .annotate(present=Count("pk")).order_by()
    )
    HeldSession.objects.bulk_create([
        HeldSession(session_id=row["session_id"], edition_id=row["participation__edition_id"],
                    present=row["present"])
        for row in held.iterator()
    ], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("instruments", "0009_hours_totals")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
