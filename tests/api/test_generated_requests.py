"""Bad input from the OpenAPI schema (schemathesis): generated requests to every operation,
as the advisor, compliance and admin users, never answer 5xx."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.app import create_app
from tests.api.conftest import Tokens, api_settings_for, make_tokens
from tests.data_dirs import copy_data_dir

SENT: Counter[str] = Counter()
"""Generated requests sent, by operation."""
REQUESTS = 1100
"""Generated requests in all, spread over every operation."""
USERS = ("advisor", "compliance", "admin", "operations")
"""The requests are sent as each of these users in turn."""
STATE: dict[str, object] = {}


@pytest.fixture(scope="module")
def api_schema(
    template_data_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[schemathesis.BaseSchema]:
    """Return the schema of a started app on a private copy of the book."""
    target = tmp_path_factory.mktemp("generated") / "data"
    copy_data_dir(template_data_dir, target)
    chosen = api_settings_for(target)
    app = create_app(chosen)
    with TestClient(app):  # runs the start-up (migrations, the turn service)
        STATE["tokens"] = make_tokens(chosen)
        yield schemathesis.openapi.from_asgi("/openapi.json", app)


def test_no_generated_request_is_a_server_error(api_schema: schemathesis.BaseSchema) -> None:
    tokens = STATE["tokens"]
    assert isinstance(tokens, Tokens)
    operations = [result.ok() for result in api_schema.get_all_operations()]
    strategies = [operation.as_strategy() for operation in operations]
    failures: list[tuple[str, str, int, str]] = []

    @given(data=st.data())
    @settings(
        max_examples=REQUESTS,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def send(data: st.DataObject) -> None:
        case = data.draw(st.sampled_from(strategies).flatmap(lambda strategy: strategy))
        who = data.draw(st.sampled_from(USERS))
        answer = case.call(headers=tokens.header(who))
        SENT[f"{case.method} {case.path}"] += 1
        if answer.status_code >= 500:
            failures.append((case.method, case.formatted_path, answer.status_code, answer.text))

    send()

    assert SENT.total() >= 1000 and len(SENT) == len(operations), SENT
    assert failures == []
