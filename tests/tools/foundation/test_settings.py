"""Production refuses development defaults; development runs on them."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from tools.foundation.settings import DEVELOPMENT_SECRET, Settings

SECRET = "s" * 40


def test_development_runs_on_the_defaults() -> None:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]

    assert settings.environment == "development"
    assert settings.secret_key.get_secret_value() == DEVELOPMENT_SECRET


def test_production_refuses_the_development_secret(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="COPILOT_SECRET_KEY"):
        Settings(environment="production", data_dir=tmp_path)


def test_production_refuses_a_short_secret(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="at least 32"):
        Settings(environment="production", data_dir=tmp_path, secret_key="short")  # type: ignore[arg-type]


def test_production_refuses_a_data_dir_relative_to_the_working_directory() -> None:
    with pytest.raises(ValidationError, match="COPILOT_DATA_DIR must be an absolute path"):
        Settings(
            environment="production",
            secret_key=SECRET,  # type: ignore[arg-type]
            data_dir=Path("relative-data"),
            cookie_secure=True,
        )


def test_production_refuses_any_site_framing_the_pages(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="COPILOT_FRAME_ANCESTORS"):
        Settings(
            environment="production",
            secret_key=SECRET,  # type: ignore[arg-type]
            data_dir=tmp_path,
            cookie_secure=True,
            frame_ancestors="'self' https://*",
        )
    allowed = Settings(
        environment="production",
        secret_key=SECRET,  # type: ignore[arg-type]
        data_dir=tmp_path,
        cookie_secure=True,
        frame_ancestors="https://crm.example.com",
    )
    assert allowed.frame_ancestors == "https://crm.example.com"


def test_production_starts_with_a_secret_and_an_absolute_data_dir(tmp_path: Path) -> None:
    settings = Settings(
        environment="production",
        secret_key=SECRET,  # type: ignore[arg-type]
        data_dir=tmp_path,
        cookie_secure=True,
    )

    assert settings.environment == "production"


def test_production_is_read_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COPILOT_ENVIRONMENT", "production")
    monkeypatch.setenv("COPILOT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COPILOT_SECRET_KEY", raising=False)

    with pytest.raises(ValidationError, match="refuses development defaults"):
        Settings()


def test_production_refuses_a_cookie_sent_over_plain_http(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="COPILOT_COOKIE_SECURE"):
        Settings(environment="production", secret_key=SECRET, data_dir=tmp_path)  # type: ignore[arg-type]
