"""Health, metrics and the caller's identity."""

from __future__ import annotations

from fastapi import APIRouter, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from api.deps import AnyUser
from api.metrics import REGISTRY
from api.schemas import HealthPublic, MePublic

router = APIRouter()


@router.get("/health")
def health() -> HealthPublic:
    """Report that the server is up."""
    return HealthPublic(status="ok")


@router.get("/metrics", response_class=Response)
def metrics() -> Response:
    """Return the worker's metrics in the Prometheus text format."""
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)


@router.get("/api/me")
def me(actor: AnyUser) -> MePublic:
    """Return who the token or session belongs to."""
    return MePublic(
        user_id=actor.user_id, name=actor.name, role=actor.role, advisor_id=actor.advisor_id
    )
