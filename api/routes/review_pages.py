"""The compliance review pages: the queue with filters, one item with its evidence."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["pages"], include_in_schema=False)
