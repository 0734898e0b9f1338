"""The trigger configuration pins the gaps rule pack it proposes products from."""

from __future__ import annotations

import pytest

from tools.gaps.pack import load_gap_rules
from tools.nba import config


def test_a_changed_gap_pack_without_a_new_trigger_version_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pack = load_gap_rules().model_copy(update={"version": "1999.1.1"})
    monkeypatch.setattr(config, "load_gap_rules", lambda: pack)
    config.load_trigger_config.cache_clear()
    try:
        with pytest.raises(config.RulePackMismatch, match="bump both versions"):
            config.load_trigger_config()
    finally:
        config.load_trigger_config.cache_clear()


def test_the_shipped_versions_agree() -> None:
    assert config.load_trigger_config().gap_rules_version == load_gap_rules().version
