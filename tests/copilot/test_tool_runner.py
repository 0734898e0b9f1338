"""The tool runner: expected tool errors are recorded typed, others propagate."""

from __future__ import annotations

import pytest

from copilot.tool_runner import ToolRunner
from tools.foundation.errors import NotEligible


def test_an_expected_tool_error_is_recorded_typed_and_the_turn_goes_on() -> None:
    runner = ToolRunner()

    def refuse() -> int:
        raise NotEligible("S000001 is not in the target market")

    assert runner.run("check_eligibility", refuse) is None
    assert runner.called == ["check_eligibility"]
    assert [(e.tool, e.error_type) for e in runner.errors] == [("check_eligibility", "NotEligible")]
    assert "S000001" in runner.errors[0].message


def test_an_unexpected_error_propagates() -> None:
    def broken() -> int:
        raise ValueError("bug")

    with pytest.raises(ValueError):
        ToolRunner().run("quote", broken)


def test_time_is_summed_over_tools_and_their_inputs() -> None:
    runner = ToolRunner()
    assert runner.timed(lambda: 1) == 1
    assert runner.run("customer_profile", lambda: 2) == 2
    assert runner.seconds > 0 and runner.called == ["customer_profile"]
