"""The portal answers in Bahasa Indonesia also where Starlette or pydantic would answer in English."""
from __future__ import annotations

import re

ENGLISH = re.compile(r"\b(Not Found|Method Not Allowed|Input should|Field required|valid integer|Bad Request)\b")


def test_an_unknown_address_and_a_wrong_method_are_said_in_indonesian(client):
    for method, path in [("get", "/tidak-ada"), ("get", "/api/v1/tidak-ada"), ("post", "/"),
                         ("post", "/api/v1/stats"), ("delete", "/api/v1/documents")]:
        res = getattr(client, method)(path)
        assert res.status_code in (404, 405), (method, path, res.status_code)
        assert not ENGLISH.search(res.text), (method, path, res.text[:300])
        detail = res.json()["detail"] if path.startswith("/api/") else res.text
        assert "alamat ini" in detail


def test_a_wrong_parameter_is_said_in_indonesian(client):
    for path in ["/api/v1/items?page=abc", "/api/v1/items?per_page=1.5", "/cari?page=0", "/wilayah/abc"]:
        res = client.get(path)
        assert res.status_code == 422, path
        assert not ENGLISH.search(res.text), (path, res.text[:300])
        assert "parameter '" in res.text or "parameter &#39;" in res.text
