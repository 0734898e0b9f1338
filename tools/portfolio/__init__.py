"""Portfolio action lists over an advisor's book or a segment."""

from tools.portfolio.lists import portfolio_actions
from tools.portfolio.models import PortfolioItem, PortfolioList

__all__ = ["PortfolioItem", "PortfolioList", "portfolio_actions"]
