"""The advisor side panel: one customer, the chat, drafts, decisions and ratings."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["pages"], include_in_schema=False)
