"""A model's written draft gets the template's legal notices back, verbatim, when it drops them."""

from __future__ import annotations

from copilot.drafting.notices import required_notices, with_required_notices

INSURER = "Fjord Mutual Insurance Ltd"
OPT_OUT_SV = (
    "Ni kan när som helst invända mot marknadsföring eller avregistrera er genom att svara STOPP."
)


def test_a_dropped_opt_out_is_put_back_before_the_sign_off() -> None:
    body = (
        "Hej Sarah,\n\nVi föreslår en cyberförsäkring.\n\n"
        f"Försäkringsgivare som bär risken är {INSURER}.\n\n"
        f"Vänliga hälsningar\nEr rådgivare på {INSURER}"
    )

    completed = with_required_notices(body, "email", "sv", INSURER)

    assert completed.count(OPT_OUT_SV) == 1
    assert completed.index(OPT_OUT_SV) < completed.index("Vänliga hälsningar")
    assert completed.endswith(f"Er rådgivare på {INSURER}")


def test_a_draft_that_kept_its_notices_is_unchanged() -> None:
    notices = "\n".join(required_notices("email", "sv", INSURER))
    body = f"Hej Sarah,\n\nVi föreslår en cyberförsäkring.\n\n{notices}\n\nVänliga hälsningar"

    assert with_required_notices(body, "email", "sv", INSURER) == body


def test_spoken_formats_are_left_to_their_template() -> None:
    assert required_notices("call_script", "sv", INSURER) == []
    assert with_required_notices("Hej!", "talking_points", "sv", INSURER) == "Hej!"


def test_without_a_sign_off_the_notices_close_the_message() -> None:
    completed = with_required_notices("Hei Kristin,\n\nTakk.", "portal_message", "nb", INSURER)

    assert completed.startswith("Hei Kristin,\n\nTakk.\n\n")
    assert all(n in completed for n in required_notices("portal_message", "nb", INSURER))
