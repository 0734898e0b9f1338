"""Growth: the one definition of how a customer grew (headcount, revenue, locations).

Over a window ending at ``now``, each measure moves from the ``from`` value of its first
change event in the window to the ``to`` value of its last; growth is the relative change in
percent, rounded to one decimal; locations added is the number of sites gained. The gaps rule
pack reads it over its trend window (730 days), the next-best-action triggers over their
lookback (90 days), the profile's lifecycle over the gaps window, and the batch through the
column-wise twin ``growth_columns`` (a parity test holds the two equal).
"""

from tools.growth.columns import GROWTH_COLUMNS, growth_columns
from tools.growth.trends import Change, EventLike, GrowthTrends, growth_trends

__all__ = [
    "GROWTH_COLUMNS",
    "Change",
    "EventLike",
    "GrowthTrends",
    "growth_columns",
    "growth_trends",
]
