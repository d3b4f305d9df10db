from .middleware import WARN_BEFORE_SECONDS, session_seconds_left
from .textsize import TEXT_SIZES, text_size_of


def interface(request):
    """What the page frame needs on every page: the reader's text size, and for a signed-in
    person how long the session has left (the warning before it ends)."""
    frame = {"text_size": text_size_of(request), "text_sizes": TEXT_SIZES}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        frame["session_seconds_left"] = session_seconds_left(request)
        frame["session_warn_seconds"] = WARN_BEFORE_SECONDS
    return frame
