"""Next best actions: triggers detected from the book, proposed as typed candidate actions.

``detect_customer_candidates`` decides one customer from its snapshot in plain Python (a turn,
the ``next_best_actions`` tool); ``candidates.detect_candidates`` many customers column-wise
(the batch). Model scores come in as a ``ModelView`` (``GivenScores`` for plain values).
"""

from tools.nba.customer_candidates import detect_customer_candidates
from tools.nba.model_view import GivenScores, ModelView
from tools.nba.models import ActionCandidate, Trigger
from tools.nba.service import next_best_actions

__all__ = [
    "ActionCandidate",
    "GivenScores",
    "ModelView",
    "Trigger",
    "detect_customer_candidates",
    "next_best_actions",
]
