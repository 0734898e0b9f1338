"""One settings object for the whole product, read from ``COPILOT_*`` environment variables.

Every layer receives a ``Settings`` object from its caller; only the process edges (the CLI,
the API start-up, benchmarks) call ``get_settings()``. ``COPILOT_ENVIRONMENT=production``
refuses the development defaults (a validator), so a deployment cannot start on them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal, Self

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEVELOPMENT_SECRET = "development-only-secret-do-not-use-in-production"
"""The default signing secret; refused when ``environment`` is production."""
MIN_SECRET_LENGTH = 32
"""Shortest signing secret accepted in production (characters)."""


class ProductionSettingsError(ValueError):
    """Production was asked for with a development default still in place."""


class Settings(BaseSettings):
    """Runtime configuration; every field maps to an environment variable ``COPILOT_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="COPILOT_", env_file=".env", extra="ignore")

    environment: Literal["development", "production"] = Field(
        "development", description="`production` refuses development-only defaults."
    )
    data_dir: Path = Field(
        Path(".copilot-data"),
        description="Where the database, vector store, models and reports live (never in git).",
    )
    database_url: str | None = Field(
        None,
        description="SQLAlchemy URL of the book of business; default a SQLite file in the data dir."
        " PostgreSQL: postgresql+psycopg://user@host:port/db.",
    )
    chroma_url: str | None = Field(
        None, description="Chroma server URL (http://host:port); default an embedded store."
    )
    embeddings: Literal["local", "openai"] = Field(
        "local", description="`local`: offline all-MiniLM-L6-v2 (ONNX); `openai`: the LLM endpoint."
    )
    embeddings_model: str = Field(
        "text-embedding-3-small", description="Embedding model name when embeddings=openai."
    )
    llm_base_url: str | None = Field(
        None, description="OpenAI-compatible endpoint; unset means the offline drafter."
    )
    llm_model: str | None = Field(None, description="Model name sent to the LLM endpoint.")
    llm_api_key: SecretStr | None = Field(None, description="API key for the LLM endpoint.")
    llm_timeout_s: float = Field(30.0, description="Timeout of one LLM request, in seconds.")
    llm_max_retries: int = Field(2, description="Retries of the OpenAI SDK on 408/429/5xx.")
    insurer_name: str = Field(
        "Fjord Mutual Insurance Ltd",
        description="The insurer that carries the risk, named in every outreach message.",
    )
    insurer_website: str = Field(
        "https://fjordmutual.example",
        description="The insurer's website: the one link a draft may carry besides the facts'.",
    )
    insurer_email: str = Field(
        "kontakt@fjordmutual.example",
        description="The insurer's customer e-mail address a draft may give.",
    )
    insurer_phone: str = Field(
        "+46 8 555 010 00", description="The insurer's customer phone number a draft may give."
    )
    host: str = Field("127.0.0.1", description="Address `copilot serve` binds to.")
    port: int = Field(8000, description="Port `copilot serve` listens on.")
    log_level: str = Field("INFO", description="Python logging level.")
    review_sample_rate: float = Field(
        0.1,
        ge=0.0,
        le=1.0,
        description="Share of approved drafts compliance reviews at random before they go out.",
    )
    review_target_hours: float = Field(
        24.0, gt=0, description="Time compliance aims to decide a queued draft in, hours."
    )
    outcome_no_response_days: int = Field(
        30, gt=0, description="Days an offer waits for an outcome before it counts as no response."
    )
    alert_window_days: int = Field(
        30, gt=0, description="Rolling window of the learning loop's alerts, days."
    )
    alert_min_offers: int = Field(
        20, gt=0, description="Fewest settled offers before a product's conversion can alert."
    )
    alert_psi_threshold: float = Field(
        0.25, gt=0, description="Population stability index above which a model's scores drift."
    )
    session_hours: float = Field(
        8.0, gt=0, description="Hours a browser sign-in lasts before the cookie expires."
    )
    cookie_secure: bool = Field(
        False, description="Send the session cookie over HTTPS only (required in production)."
    )
    cookie_samesite: Literal["lax", "strict", "none"] = Field(
        "lax",
        description="SameSite of the session cookie; `none` (with cookie_secure) lets the panel"
        " work inside a CRM on another site.",
    )
    frame_ancestors: str = Field(
        "'self'",
        description="Space-separated origins allowed to embed the pages in an iframe (the CRM),"
        " sent as the Content-Security-Policy frame-ancestors; no `*` in production.",
    )
    demo_users: bool = Field(
        True, description="Create the demo advisor and compliance users at start-up (dev only)."
    )
    secret_key: SecretStr = Field(
        SecretStr(DEVELOPMENT_SECRET),
        description="Secret that signs session cookies and CSRF tokens; required in production.",
    )

    @model_validator(mode="after")
    def _refuse_development_defaults(self) -> Self:
        """In production, refuse the development secret and a data dir relative to the cwd."""
        if self.environment != "production":
            return self
        problems = []
        secret = self.secret_key.get_secret_value()
        if secret == DEVELOPMENT_SECRET or len(secret) < MIN_SECRET_LENGTH:
            problems.append(
                f"COPILOT_SECRET_KEY must be set to a random secret of at least "
                f"{MIN_SECRET_LENGTH} characters"
            )
        if not self.data_dir.is_absolute():
            problems.append("COPILOT_DATA_DIR must be an absolute path")
        if not self.cookie_secure:
            problems.append("COPILOT_COOKIE_SECURE must be true (HTTPS only)")
        if any("*" in origin for origin in self.frame_ancestors.split()):
            problems.append(
                "COPILOT_FRAME_ANCESTORS must list the CRM's origins (no wildcard), "
                "e.g. 'self' https://crm.example.com"
            )
        if problems:
            raise ProductionSettingsError(
                "COPILOT_ENVIRONMENT=production refuses development defaults: "
                + "; ".join(problems)
                + "."
            )
        return self

    @property
    def db_url(self) -> str:
        """Return the effective database URL (the SQLite default lives in the data dir)."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'copilot.db').resolve()}"

    @property
    def is_postgres(self) -> bool:
        """Return whether the book of business lives in PostgreSQL."""
        return self.db_url.startswith("postgresql")

    @property
    def models_dir(self) -> Path:
        """Return the folder of versioned model artifacts."""
        return self.data_dir / "models"

    @property
    def chroma_dir(self) -> Path:
        """Return the folder of the embedded Chroma store."""
        return self.data_dir / "chroma"

    @property
    def checkpoint_path(self) -> Path:
        """Return the SQLite file holding LangGraph checkpoints (SQLite deployments)."""
        return self.data_dir / "checkpoints.sqlite"

    @property
    def reports_dir(self) -> Path:
        """Return the folder of eval reports and model cards."""
        return self.data_dir / "reports"

    def ensure_dirs(self) -> None:
        """Create the data directory tree if it does not exist."""
        for path in (self.data_dir, self.models_dir, self.chroma_dir, self.reports_dir):
            path.mkdir(parents=True, exist_ok=True)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the process-wide settings (cached; tests call ``get_settings.cache_clear()``)."""
    return Settings()
