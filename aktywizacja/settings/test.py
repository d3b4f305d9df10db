import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

# Files a test uploads go to a folder of this process (made on the first upload, removed when
# the run ends: tests/conftest.py), never into the checkout's media/.
MEDIA_ROOT = Path(tempfile.gettempdir()) / f"aktywizacja-test-media-{os.getpid()}"

# A test's query counts must not depend on how long it runs on a loaded machine: within ten
# minutes of being written a session is not written again (SessionRenewalMiddleware).
SESSION_RENEW_SECONDS = 600

# Hashing is deliberately slow in production; tests sign in many times.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
AXES_FAILURE_LIMIT = 5
