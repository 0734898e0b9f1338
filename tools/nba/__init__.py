"""Next best actions: triggers detected from the book, proposed as typed candidate actions."""

from tools.nba.models import ActionCandidate, Trigger
from tools.nba.service import next_best_actions

__all__ = ["ActionCandidate", "Trigger", "next_best_actions"]
