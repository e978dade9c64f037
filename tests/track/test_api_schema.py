"""Schemathesis over the tracking API's operations (as tests/web does for the portal's): no 5xx, no
undocumented status, body or content type — and for the update operation, with an admin's token on a real
promise, every body the schema allows is accepted (201/202) or refused only for the promise's state (409):
the schema and the validation say the same thing."""
from __future__ import annotations

import warnings

import pytest

pytestmark = pytest.mark.slow

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import positive_data_acceptance  # noqa: E402


def test_tracking_api_conforms_to_its_spec(sworld):
    from janji.web.track_api import router as api
    from janji.web import create_app

    sworld["tracker"].update_status(sworld["actors"]["editor"], sworld["road"], "dalam proses", expected_version=0,
                                    evidence_url="https://example.go.id/a", evidence_date="2026-01-05")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(sworld["store"]))
    ours = {route.path for route in api.routes}
    token = sworld["tracker"].create_token(sworld["actors"]["admin"], "schemathesis")["token"]
    failures, operations = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path not in ours:
            continue
        operations += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            failures.extend(_fuzz(operation, mode, token, sworld["road"], sworld["tracker"]))
    assert operations >= 8
    assert not failures, "\n\n".join(failures)


UPDATES = "/api/v1/items/{item_id}/updates"


def _fuzz(operation, mode, token: str, promise: int, tracker) -> list[str]:
    with_token = operation.path == UPDATES and mode == GenerationMode.POSITIVE
    # a schema-valid POST without a token is rightly refused (401): skip the acceptance check there —
    # except for updates, which get an admin's token and a real promise in positive mode
    excluded = [positive_data_acceptance] if operation.method.upper() == "POST" and not with_token else []

    seen: list = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=40 if with_token else 10, deadline=None, derandomize=True, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    def run(case):
        if with_token:
            case.path_parameters = {**(case.path_parameters or {}), "item_id": promise}
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
            if isinstance(case.body, dict) and len(seen) % 4:  # mostly the version the client saw: past 409
                case.body = {**case.body, "expected_version": tracker.state(promise)["version"]}
            seen.append(case)
        response = case.call_and_validate(excluded_checks=excluded)
        if with_token:  # accepted, or refused for the promise's state (a stale version) — never as invalid
            assert response.status_code in (201, 202, 409), (case.body, response.status_code, response.text[:300])

    try:
        run()
    except Unsatisfiable:
        return []
    except Exception as exc:  # collect every operation's failure, not just the first
        return [f"{operation.method.upper()} {operation.path} ({mode}): {str(exc)[:600]}"]
    return []
