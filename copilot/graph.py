"""The copilot graph, wiring only; each node lives in ``copilot/nodes``.

Top to bottom: understand -> gather facts -> recommend -> retrieve (by the chosen products) ->
draft -> check compliance (-> revise once -> check again -> escalate) -> await the advisor's
approval (-> await compliance's review when the draft must be checked; changes requested go
back to the advisor) -> release to the outbox -> record outcome.
"""

from __future__ import annotations

from functools import lru_cache

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from copilot.context import RunContext
from copilot.nodes.await_approval import await_approval, route_after_approval
from copilot.nodes.await_review import await_review, route_after_review
from copilot.nodes.check_compliance import check_compliance, route_after_check
from copilot.nodes.draft_message import draft_message
from copilot.nodes.escalate_draft import escalate_draft
from copilot.nodes.gather_facts import gather_facts
from copilot.nodes.recommend_actions import recommend_actions
from copilot.nodes.record_outcome import record_outcome
from copilot.nodes.release_message import release_message
from copilot.nodes.retrieve_knowledge import retrieve_knowledge
from copilot.nodes.revise_draft import revise_draft
from copilot.nodes.understand_request import understand_request
from copilot.state import TurnState


def build_graph() -> StateGraph[TurnState, RunContext, TurnState, TurnState]:
    """Return the uncompiled graph of one copilot turn."""
    graph = StateGraph(TurnState, context_schema=RunContext)
    graph.add_node("understand_request", understand_request)
    graph.add_node("gather_facts", gather_facts)
    graph.add_node("recommend_actions", recommend_actions)
    graph.add_node("retrieve_knowledge", retrieve_knowledge)
    graph.add_node("draft_message", draft_message)
    graph.add_node("check_compliance", check_compliance)
    graph.add_node("revise_draft", revise_draft)
    graph.add_node("escalate_draft", escalate_draft)
    graph.add_node("await_approval", await_approval)
    graph.add_node("await_review", await_review)
    graph.add_node("release_message", release_message)
    graph.add_node("record_outcome", record_outcome)

    graph.add_edge(START, "understand_request")
    graph.add_edge("understand_request", "gather_facts")
    graph.add_edge("gather_facts", "recommend_actions")
    graph.add_edge("recommend_actions", "retrieve_knowledge")
    graph.add_edge("retrieve_knowledge", "draft_message")
    graph.add_edge("draft_message", "check_compliance")
    graph.add_conditional_edges("check_compliance", route_after_check)
    graph.add_edge("revise_draft", "check_compliance")
    graph.add_edge("escalate_draft", "await_approval")
    graph.add_conditional_edges("await_approval", route_after_approval)
    graph.add_conditional_edges("await_review", route_after_review)
    graph.add_edge("release_message", "record_outcome")
    graph.add_edge("record_outcome", END)
    return graph


@lru_cache(maxsize=1)
def graph_builder() -> StateGraph[TurnState, RunContext, TurnState, TurnState]:
    """Return the graph builder, built once per process (compiling it does not change it)."""
    return build_graph()


def compile_graph(
    checkpointer: BaseCheckpointSaver[str] | None = None,
) -> CompiledStateGraph[TurnState, RunContext, TurnState, TurnState]:
    """Compile the graph with a checkpointer (needed to pause for approval and resume)."""
    return graph_builder().compile(checkpointer=checkpointer)
