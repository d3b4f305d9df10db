from .models import AccessLogEntry


def log_access(request, action: str, obj) -> None:
    """Records a view or download of personal data: the record's type and id, not its content."""
    log_access_by(request.user, action, obj, where=request.path)


def log_access_by(user, action: str, obj, *, where: str) -> None:
    """The same record for work done outside a request (a management command names itself)."""
    AccessLogEntry.objects.create(
        user=user,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        project=getattr(obj, "scope_project", None),
        path=where[:300],
    )
