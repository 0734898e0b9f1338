"""The "Top Defend" list: customers with the highest churn risk x lifetime value."""

from __future__ import annotations

import pandas as pd
from sqlalchemy.orm import Session

from tools.errors import CopilotError
from tools.nba.frames import BookFrames


class ChurnModelUnavailable(CopilotError):
    """The churn / CLV model needed for the Top Defend list is not available."""


def top_defend_rows(session: Session, frames: BookFrames) -> tuple[pd.DataFrame, dict[str, int]]:
    """Return the Top Defend rows of the frames' customers (objectors excluded).

    Raises:
        ChurnModelUnavailable: no churn / CLV model is available yet.
    """
    raise ChurnModelUnavailable(
        "The Top Defend list needs the churn and lifetime-value model (tools.churn), "
        "which is not available in this build; train it with `copilot models train`."
    )
