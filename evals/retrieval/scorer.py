"""Score ranked retrieval results against labels: recall@k, reciprocal rank, latency."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def recall_at_k(ranked_doc_ids: Sequence[str], relevant: Sequence[str], k: int) -> float:
    """Return the share of relevant documents found among the first ``k`` ranked passages."""
    found = set(ranked_doc_ids[:k]) & set(relevant)
    return len(found) / len(set(relevant))


def reciprocal_rank(ranked_doc_ids: Sequence[str], relevant: Sequence[str], k: int) -> float:
    """Return 1 / position of the first passage from a relevant document (0 if none in k)."""
    wanted = set(relevant)
    for position, doc_id in enumerate(ranked_doc_ids[:k], start=1):
        if doc_id in wanted:
            return 1.0 / position
    return 0.0


def percentile_ms(latencies_s: Sequence[float], q: float) -> float:
    """Return the ``q``-th percentile of latencies given in seconds, in milliseconds."""
    if not latencies_s:
        return 0.0
    return float(np.percentile(np.asarray(latencies_s) * 1000.0, q))
