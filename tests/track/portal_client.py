"""The tracking tests' way into the portal: a TestClient over https (the session cookie is Secure, so a
client must speak https to get it back), the CSRF token of a form, and the accounts' password."""
from __future__ import annotations

import re
import warnings

PASSWORD = "kata-sandi-uji-123"  # every account of conftest.py's world
CSRF_RE = re.compile(r'name="csrf" value="([^"]+)"')


def client(store, **kw):
    """A TestClient of the portal over ``store``; ``kw`` goes to TestClient (``client=(address, port)``)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from janji.web import create_app

    return TestClient(create_app(store), base_url="https://testserver", follow_redirects=False, **kw)
