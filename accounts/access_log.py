from .models import AccessLogEntry


def log_access(request, action: str, obj) -> None:
    """Records a view or download of personal data: the record's type and id, not its content."""
    AccessLogEntry.objects.create(
        user=request.user,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        project=getattr(obj, "scope_project", None),
        path=request.path[:300],
    )
