"""Switching janji.web.direct's read layer off and on in a test, and comparing its answers with the routes'
(the search tests here and the tracking tests in tests/track use it)."""
from __future__ import annotations

import pytest

from janji.web import direct


@pytest.fixture
def layer(monkeypatch):
    """Switches DirectReads off and on, and tells whether it answered the last request."""
    real_call, real_answer = direct._call, direct.DirectReads._answer
    state = {"on": True, "answered": []}

    def answer(*args):
        response = real_answer(*args)
        state["answered"].append(response is not None)
        return response

    monkeypatch.setattr(direct, "_call", lambda scope: real_call(scope) if state["on"] else None)
    monkeypatch.setattr(direct.DirectReads, "_answer", staticmethod(answer))
    return state


def get(client, layer, path, on, method="GET", **kw):
    """The response to ``path`` with the layer on or off, and how the layer took it: "answered", "refused"
    (tried, left to the app) or "passed" (never tried)."""
    layer["on"] = on
    layer["answered"].clear()
    r = client.request(method, path, **kw)
    way = {(): "passed", (True,): "answered", (False,): "refused"}[tuple(layer["answered"])]
    return r, way


def same(a, b):
    assert a.status_code == b.status_code
    assert a.headers.raw == b.headers.raw  # every header, its order and its bytes
    assert a.content == b.content
