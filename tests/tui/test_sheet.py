"""The candidate sheet's words: what is missing to reach 10, what Entrée does."""

from __future__ import annotations

from jury_tui.deliberation import Session
from jury_tui.tui.widgets.sheet import render


def test_what_is_missing_lists_only_the_units_that_would_suffice(demo):
    view = Session(demo).view()
    text = render.missing_text(view, "02610").plain  # 8,00: only U3 or U4 alone could reach 10
    assert "il manque 2,00 points de moyenne" in text
    assert "Une seule unité suffirait : U3 ≥ 15,67 · U4 ≥ 19,50" in text
    assert "impossible" not in text and "U1" not in text
    assert "0,20 point de moyenne" in render.missing_text(view, "02607").plain  # singular below 2


def test_what_is_missing_says_when_no_unit_alone_would_do(demo):
    text = render.missing_text(Session(demo).view(), "02605").plain  # 6,80
    assert text.endswith("Aucune unité seule ne suffit, même à 20.")
    assert "suffirait" not in text
