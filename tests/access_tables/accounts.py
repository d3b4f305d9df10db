"""The password confirmation page: for everyone signed in, whatever their role."""

from ..access_rows import LOGIN, Row, expect

ROWS = [
    Row("accounts:confirm_password", "GET", None, expect(LOGIN, 200, 200, 200, 200)),
    # An empty password is refused (400); nothing changes.
    Row("accounts:confirm_password", "POST", None, expect(LOGIN, 400, 400, 400, 400)),
]
ROWS += [
    # The "Extend session" button of the warning before the session ends (JSON, no data).
    Row("accounts:session_extend", "GET", None, expect(405, 405, 405, 405, 405)),
    Row("accounts:session_extend", "POST", None, expect(LOGIN, 200, 200, 200, 200)),
]
