"""Schemathesis against the portal's own OpenAPI spec: no 5xx, no undocumented status, body or content type;
and every path's ``Allow`` names exactly the methods the spec documents for it.

Each operation gets a bounded number of generated requests (no shrinking), so
the whole run takes a minute or two on 2 cores. Operations are driven one by
one through Hypothesis rather than schemathesis' pytest plugin, which does not
follow the pytest version in use here.
"""
from __future__ import annotations

import warnings

import pytest

pytestmark = pytest.mark.slow

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import positive_data_acceptance  # noqa: E402

EXAMPLES = 15


def test_api_conforms_to_its_spec(store):
    from janji.web import api, create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(store, writable=False))
    failures = []
    operations = 0
    # The portal's own API (janji.web.api); routers other modules mount on the app test their own.
    portal_paths = {route.path for route in api.router.routes}
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path not in portal_paths:
            continue
        operations += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            failures.extend(_fuzz(operation, mode))
    assert operations >= 15
    assert not failures, "\n\n".join(failures)


def _fuzz(operation, mode) -> list[str]:
    # An upload's content is judged after the schema (empty form, a PNG named .txt): a schema-valid
    # upload may rightly be refused with a documented 4xx, so only that operation skips the check
    # that every schema-valid request is accepted.
    excluded = [positive_data_acceptance] if operation.method.upper() == "POST" else []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    def run(case):
        case.call_and_validate(excluded_checks=excluded)

    try:
        run()
    except Unsatisfiable:  # negative mode on an operation without parameters: nothing to break
        return []
    except Exception as exc:  # collect every operation's failure, then report them together
        return [f"{operation.method.upper()} {operation.path} ({mode.value}): {exc}"]
    return []


def test_every_path_names_all_its_methods_in_allow(store):
    """OPTIONS (or any method a path does not take) is answered 405 with an ``Allow`` listing every method
    the spec documents for that path — ``/api/v1/documents`` has GET and POST, as two routes."""
    import re

    from janji.web import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

        client = TestClient(create_app(store, writable=False))
    spec = client.get("/api/openapi.json").json()
    checked = 0
    for path, operations in spec["paths"].items():
        documented = {m.upper() for m in operations if m in ("get", "post", "put", "patch", "delete")}
        url = re.sub(r"\{[^}]+\}", "1", path)
        for method in ("OPTIONS", "PATCH", "PUT", "DELETE"):
            if method in documented:
                continue
            r = client.request(method, url)
            assert r.status_code == 405, (method, path, r.status_code)
            allowed = {m.strip() for m in r.headers.get("allow", "").split(",") if m.strip()}
            assert allowed - {"HEAD", "OPTIONS"} == documented, (method, path, r.headers.get("allow"))
            checked += 1
    assert checked > 40
    r = client.options("/api/v1/documents")
    assert {m.strip() for m in r.headers["allow"].split(",")} >= {"GET", "POST"}
