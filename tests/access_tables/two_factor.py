"""Two-factor sign-in pages: for everyone signed in, whatever their role (none of the personas
has a device, so the code page has nothing to ask and sends them on)."""

from ..access_rows import LOGIN, Row, expect

ROWS = [
    Row("accounts:two_factor", "GET", None, expect(LOGIN, 200, 200, 200, 200)),
    # An empty code is refused (400); no device is saved.
    Row("accounts:two_factor", "POST", None, expect(LOGIN, 400, 400, 400, 400)),
    Row("accounts:two_factor_disable", "GET", None, expect(405, 405, 405, 405, 405)),
    # Without a device there is nothing to switch off: back to the set-up page.
    Row("accounts:two_factor_disable", "POST", None, expect(LOGIN, 302, 302, 302, 302)),
    Row("accounts:two_factor_verify", "GET", None, expect(LOGIN, 302, 302, 302, 302)),
    Row("accounts:two_factor_verify", "POST", None, expect(LOGIN, 302, 302, 302, 302)),
]
