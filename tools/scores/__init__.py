"""The trained models' scores as inputs to the tools: once per customer, or column-wise.

``load_model_set`` loads the registered models of a models directory once per process;
``score_snapshot`` scores one customer through all of them once (``CustomerScores``); the
builders in ``tools.scores.outputs`` turn that into the propensity, risk-profile and
churn/CLV tool outputs and the ranking's model inputs.
"""

from tools.scores.customer import CustomerScores, score_snapshot, scores_for
from tools.scores.models import ModelSet, as_model_set, load_model_set
from tools.scores.outputs import (
    churn_clv_of,
    model_inputs_of,
    propensity_scores,
    risk_profile_of,
)

__all__ = [
    "CustomerScores",
    "ModelSet",
    "as_model_set",
    "churn_clv_of",
    "load_model_set",
    "model_inputs_of",
    "propensity_scores",
    "risk_profile_of",
    "score_snapshot",
    "scores_for",
]
