"""The offline drafter: deterministic, template-based, multilingual drafts built from facts."""

from copilot.drafting.compose import compose_draft
from copilot.drafting.models import BundlePoint, DraftInput, ProductPoint, ReviewPoint
from copilot.drafting.templates import DraftTemplate, load_template

__all__ = [
    "BundlePoint",
    "DraftInput",
    "DraftTemplate",
    "ProductPoint",
    "ReviewPoint",
    "compose_draft",
    "load_template",
]
