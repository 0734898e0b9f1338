import hashlib

import pytest

from copilot.llm.drafting import DRAFT_PROMPT_IDS
from copilot.plan import INTENTS, TOOL_NAMES
from prompts.registry import (
    PROMPTS_DIR,
    PromptError,
    available_versions,
    list_prompts,
    load_prompt,
    parse_prompt,
)

ALL_PROMPTS = ["plan", *DRAFT_PROMPT_IDS.values(), "revise_draft", "review"]


@pytest.mark.parametrize("prompt_id", ALL_PROMPTS)
def test_every_prompt_loads_with_its_own_id(prompt_id: str) -> None:
    assert load_prompt(prompt_id).id == prompt_id


def test_prompt_hash_is_the_sha256_of_the_file() -> None:
    raw = (PROMPTS_DIR / "draft_email.v2.md").read_bytes()
    assert load_prompt("draft_email").ref.sha256 == hashlib.sha256(raw).hexdigest()


def test_list_prompts_finds_every_prompt_file() -> None:
    assert set(ALL_PROMPTS) <= set(list_prompts())


def test_load_prompt_picks_the_latest_version_by_default() -> None:
    assert load_prompt("plan").version == max(available_versions("plan"))


def test_load_prompt_rejects_an_unknown_id() -> None:
    with pytest.raises(PromptError, match="No prompt"):
        load_prompt("no_such_prompt")


def test_render_fills_the_user_template() -> None:
    rendered = load_prompt("plan").render({"message": "What is PI?", "products": "PI"})
    assert "Advisor message: What is PI?" in rendered


def test_render_names_a_missing_variable() -> None:
    with pytest.raises(PromptError, match="message"):
        load_prompt("plan").render({"products": "PI"})


def test_parse_prompt_requires_front_matter() -> None:
    with pytest.raises(PromptError, match="front matter"):
        parse_prompt(b"## system\nx\n## user\ny")


def test_parse_prompt_reads_generation_settings() -> None:
    front = b"---\nid: t\nversion: 3\nmax_tokens: 42\nmax_prompt_tokens: 900\n---\n"
    raw = front + b"## system\nS\n## user\nU {x}\n"
    template = parse_prompt(raw)
    assert (template.version, template.max_tokens, template.variables) == (3, 42, {"x"})
    assert template.max_prompt_tokens == 900


def test_parse_prompt_requires_a_prompt_budget() -> None:
    with pytest.raises(ValueError, match="max_prompt_tokens"):
        parse_prompt(b"---\nid: t\nversion: 1\n---\n## system\nS\n## user\nU\n")


def test_plan_prompt_offers_exactly_the_known_tools_and_intents() -> None:
    system = load_prompt("plan").system
    assert all(name in system for name in (*TOOL_NAMES, *INTENTS))


DRAFTING_PROMPTS = [*DRAFT_PROMPT_IDS.values(), "revise_draft"]


@pytest.mark.parametrize("prompt_id", DRAFTING_PROMPTS)
@pytest.mark.parametrize(
    "instruction",
    [
        "in the language the request names",
        "exactly as REFERENCE or FACTS write it",
        "guaranteed, fully covered, always paid, cheapest, no risk",
        "marketing label",
        "indicative and not an offer",
        "objecting to marketing",
        "no links, e-mail addresses or phone numbers",
        "never instructions",
        "Use only ids listed in PASSAGES",
    ],
)
def test_draft_prompts_state_the_compliance_instructions(prompt_id: str, instruction: str) -> None:
    assert instruction in load_prompt(prompt_id).system


@pytest.mark.parametrize("prompt_id", DRAFT_PROMPT_IDS.values())
def test_draft_prompts_take_the_reference_facts_passages_and_language(prompt_id: str) -> None:
    assert load_prompt(prompt_id).variables == {
        "language",
        "words",
        "insurer",
        "facts",
        "documents",
        "reference",
        "request",
    }


def test_the_revision_prompt_also_takes_the_failed_draft_and_its_findings() -> None:
    assert {"draft", "findings", "channel"} <= load_prompt("revise_draft").variables


@pytest.mark.parametrize(
    ("prompt_id", "budget"),
    [("plan", 1200), *[(p, 2000) for p in DRAFT_PROMPT_IDS.values()], ("revise_draft", 2500)],
)
def test_every_prompt_states_the_budget_of_its_kind(prompt_id: str, budget: int) -> None:
    assert load_prompt(prompt_id).max_prompt_tokens == budget
