"""An import's changes stored at once give the state stored one by one."""

from __future__ import annotations

from jury_tui.deliberation import ops
from jury_tui.domain import candidate as cand_mod
from jury_tui.domain.candidate import Candidate
from jury_tui.domain.grades import parse


class Tx:
    def __init__(self, candidates):
        self.state = {"candidates": dict(candidates)}


def stored(numero: str) -> dict:
    return cand_mod.to_dict(Candidate(numero, "NOM", "Prénom", notes={"U1": parse("12,5")}))


def both(existing: dict, changes: dict) -> dict:
    at_once, one_by_one = ops.Context(Tx(existing), None), ops.Context(Tx(existing), None)
    at_once.put_changes(changes)
    one_by_one.put_all(changes.values())
    assert at_once.state == one_by_one.state
    assert list(at_once.state["candidates"]) == list(one_by_one.state["candidates"])
    return at_once.state["candidates"]


def test_new_candidates_in_their_stored_form():
    changes = {n: stored(n) for n in ("02603", "02601", "02602")}
    result = both({"00001": stored("00001")}, changes)
    assert list(result) == ["00001", "02603", "02601", "02602"] and result["02601"] is changes["02601"]


def test_stored_forms_and_candidates_together():
    changes = {"02601": stored("02601"), "00001": cand_mod.from_dict({**stored("00001"), "nom": "AUTRE"})}
    result = both({"00001": stored("00001")}, changes)
    assert result["00001"]["nom"] == "AUTRE"


def test_nothing_to_store():
    assert both({"00001": stored("00001")}, {}) == {"00001": stored("00001")}
