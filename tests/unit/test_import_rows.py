"""The fast reading of valid candidate rows gives exactly what the full reading gives.

Each file is planned twice against the same session: as it is, and with the fast reader
switched off (every row through the full reading). Reports, candidates and refusals must
be the same, placed the same.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jury_tui.deliberation import Session
from jury_tui.deliberation.view import regulation_of
from jury_tui.demo import build_demo
from jury_tui.domain import candidate as cand_mod
from jury_tui.errors import JuryError
from jury_tui.importing import candidate_rows, importer
from jury_tui.resources import demo_dir

HEADER = "numero;nom;prenom;date_naissance;statut;forme;livret;attestation_shg;U1;U21;U22;U3;U4;U51;U52;U6;UF1;UF2;UF3;UF4"


def plans(path: Path, state: dict, reg):
    """(fast, full) outcomes of planning `path`: an ImportReport's content or the problems."""

    def outcome():
        table = importer.read(str(path), "candidates")
        try:
            report = importer.plan("candidates", table, state, reg)
        except JuryError as exc:
            return "refused", [(p.message, p.place) for p in exc.problems]
        stored = {n: c if type(c) is dict else cand_mod.to_dict(c) for n, c in report.changes.items()}
        return "planned", (report.created, report.updated, report.unchanged, report.grades_changed,
                           report.a_revoir, stored)  # fmt: skip

    fast = outcome()
    original = candidate_rows.RowReader.read
    candidate_rows.RowReader.read = lambda self, row, state, seen: None
    try:
        full = outcome()
    finally:
        candidate_rows.RowReader.read = original
    return fast, full


@pytest.fixture
def demo(tmp_path):
    path = build_demo(tmp_path / "demo.json")
    session = Session(path)
    for numero in ("02602", "02603"):
        session.decide(numero, session.view().result(numero).proposition, livret_examine=True)
    return session


def empty(tmp_path):
    from jury_tui.deliberation import create_session

    return create_session(tmp_path / "s.json", regulation="bts-mos", year=2026, academie="A", jury="J")


def write(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_demo_into_an_empty_session(tmp_path):
    session = empty(tmp_path)
    view = session.view()
    fast, full = plans(demo_dir() / "candidats.csv", view.state, regulation_of(view.state))
    assert fast[0] == "planned" and len(fast[1][0]) == 62
    assert fast == full


def test_a_reimport_over_decisions_and_an_adjustment(demo, tmp_path):
    lines = (demo_dir() / "candidats.csv").read_text(encoding="utf-8").splitlines()
    changed = [lines[0]]
    for line in lines[1:]:
        cells = line.split(";")
        if cells[0] in ("02601", "02602", "02610"):
            cells[15] = "12"  # U6: under the adjustment of 02601, under the decision of 02602
        if cells[0] == "02604":
            cells[5] = "Progressive"
            cells[7] = "Non"
        changed.append(";".join(cells))
    path = write(tmp_path, "reimport.csv", changed)
    view = demo.view()
    fast, full = plans(path, view.state, regulation_of(view.state))
    assert fast[0] == "planned" and "02601" in fast[1][4] and "02602" in fast[1][4]
    assert not any(type(c) is dict for c in importer.plan("candidates", importer.read(str(path), "candidates"), view.state, regulation_of(view.state)).changes.values())
    assert fast == full


def test_refusals_are_the_same_and_placed_the_same(tmp_path):
    rows = [
        HEADER,
        "00001;A;B;01/01/2005;scolaire;globale;oui;non;12;11;14;9,5;12;DISP;B2024:13;9,5;;14;;",
        "00002;;B;31/02/2005;scolaire;globale;oui;non;21;11;14;9,5;12;DISP;B2024:8;9,5;;14;;",
        "00001;A;B;01/01/2005;inconnu;globale;peut-être;non;12;11;14;NP;12;DISP;B2024:13;9,5;DISP;14;;",
        "00003;A;B;;scolaire;progressive;non;non;12;11;14;NP;12;B2030:13;B2024:8;9,5;;;;",
        "0003;C;D;;scolaire;globale;non;non;12;11;14;12;12;12;12;12;;;;",
        "00004 x;C;D;;scolaire;globale;non;non;12;11;14;12;12;12;12;1O;;;;",
    ]
    session = empty(tmp_path)
    view = session.view()
    fast, full = plans(write(tmp_path, "bad.csv", rows), view.state, regulation_of(view.state))
    assert fast[0] == "refused" and len(fast[1]) >= 8
    assert fast == full


def test_json_rows_too(tmp_path):
    data = {"candidats": [
        {"numero": "00001", "nom": "A", "prenom": "B", "forme": "globale", "livret": True,
         "notes": {"U1": "12,5", "U21": "DISP", "U22": 14.5, "U3": "ABJ", "U4": "VAE", "U51": 11, "U52": "B2024:13",
                   "U6": 9.5, "UF2": "14"}},
        {"numero": "00002", "nom": "C", "prenom": "D", "ine": " 123 ",
         "notes": {"U1": "ABS", "U21": "11", "U22": "14", "U3": "8", "U4": "12", "U51": "12", "U52": "12", "U6": "12"}},
    ]}  # fmt: skip
    path = tmp_path / "c.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    session = empty(tmp_path)
    view = session.view()
    fast, full = plans(path, view.state, regulation_of(view.state))
    assert fast[0] == "planned" and len(fast[1][0]) == 2
    assert fast == full


def test_every_valid_row_of_the_demo_is_read_fast(tmp_path):
    session = empty(tmp_path)
    view = session.view()
    reg = regulation_of(view.state)
    table = importer.read(str(demo_dir() / "candidats.csv"), "candidates")
    mapping = {key: key if key in importer.fields.KNOWN_FIELDS else key.upper() for key in table.headers}
    reader = candidate_rows.RowReader(mapping, reg, 2026)
    seen: dict = {}
    read = [reader.read(row, view.state, seen) for row in table.rows]
    assert all(c is not None for c in read) and len(read) == 62
    assert all(type(c) is dict and c == cand_mod.to_dict(cand_mod.from_dict(c)) for c in read)
    assert all(list(c) == list(cand_mod.to_dict(cand_mod.from_dict(c))) for c in read)


def test_candidates_stored_together_are_stored_as_one_by_one(demo):
    from jury_tui.deliberation import ops
    from jury_tui.domain import candidate as cand_mod

    view = demo.view()
    cands = view.candidates
    assert any(c.ajustements for c in cands) and any(c.decisions for c in cands)

    class Tx:
        state = {"candidates": {}}

    ctx = ops.Context(Tx(), view.regulation)
    ctx.put_all(cands)
    stored = ctx.state["candidates"]
    for c in cands:
        expected = cand_mod.to_dict(c)
        assert stored[c.numero] == expected
        assert list(stored[c.numero]) == list(expected)  # same key order: same file bytes
