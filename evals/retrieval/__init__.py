"""Retrieval eval suite: labelled questions -> recall@k, MRR and query latency."""

from evals.retrieval.runner import RetrievalReport, run

__all__ = ["RetrievalReport", "run"]
