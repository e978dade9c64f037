"""Schemathesis over the tracking API's operations (as tests/web does for the portal's): no 5xx, no
undocumented status, body or content type."""
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
    from janji.track.web import api
    from janji.web import create_app

    sworld["tracker"].update_status(sworld["actors"]["editor"], sworld["road"], "dalam proses", expected_version=0,
                                    evidence_url="https://example.go.id/a", evidence_date="2026-01-05")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(sworld["store"]))
    ours = {route.path for route in api.routes}
    failures, operations = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path not in ours:
            continue
        operations += 1
        # a schema-valid POST without a token is rightly refused (401): skip the acceptance check there
        excluded = [positive_data_acceptance] if operation.method.upper() == "POST" else []
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=10, deadline=None, derandomize=True, database=None,
                      phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
            def run(case):
                case.call_and_validate(excluded_checks=excluded)

            try:
                run()
            except Unsatisfiable:
                pass
            except Exception as exc:  # collect every operation's failure, not just the first
                failures.append(f"{operation.method.upper()} {operation.path} ({mode}): {str(exc)[:600]}")
    assert operations >= 8
    assert not failures, "\n\n".join(failures)
