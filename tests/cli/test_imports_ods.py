"""LibreOffice's own format: the demo's files saved by LibreOffice as .ods (and as .xlsx) give
the same session as the demo's CSV files, tour 1 and tour 2.

The workbooks are in tests/fixtures/tables/, made by make_libreoffice_workbooks.py beside them
(typed numbers, dates, formulas whose values LibreOffice cached, binary-float artefacts).
"""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest
from cli_helpers import DEMO_SOURCES, decide_all, jury, ok, refused, unchanged

TABLES = Path(__file__).parents[1] / "fixtures" / "tables"
SOURCES = {
    "csv": {stem: DEMO_SOURCES / f"{stem}.csv" for stem in ("candidats", "membres", "controle")},
    "xlsx": {stem: TABLES / f"{stem}_libreoffice.xlsx" for stem in ("candidats", "membres", "controle")},
    "ods": {stem: TABLES / f"{stem}_libreoffice.ods" for stem in ("candidats", "membres", "controle")},
}


def deliberated(tmp_path: Path, kind: str) -> tuple[Path, list[dict]]:
    """A session filled from the `kind` files, tour 1 decided and signed, contrôle imported:
    (the session, its results after each step)."""
    files = SOURCES[kind]
    session = tmp_path / kind / "s.json"
    session.parent.mkdir()
    ok(jury("new", session, "--regulation", "bts-mos", "--year", "2026", "--academie", "Académie de Normandie",
            "--jury", "BTS MOS — jury 1", "--date", "2026-06-30"))  # fmt: skip
    ok(jury("import", "members", session, files["membres"]))
    ok(jury("import", "candidates", session, files["candidats"]))
    steps = [json.loads(ok(jury("results", session, "--format", "json")).stdout)]
    ok(jury("set", session, "02618", "U52", "12", "--reason", "note reçue"))
    decide_all(session)
    ok(jury("sign", session))
    ok(jury("import", "controle", session, files["controle"]))
    steps.append(json.loads(ok(jury("results", session, "--format", "json")).stdout))
    return session, steps


def state(session: Path) -> dict:
    """What the session holds, but its audit (whose entries name the imported files)."""
    data = orjson.loads(session.read_bytes())
    return {key: value for key, value in data.items() if key != "audit"}


def test_ods_and_xlsx_saved_by_libreoffice_give_the_session_the_csv_gives(tmp_path, fixed_seams):
    start = fixed_seams.t
    sessions = {}
    for kind in SOURCES:
        fixed_seams.t = start  # the same acts at the same times: fingerprints compare too
        sessions[kind] = deliberated(tmp_path, kind)
    csv_session, csv_steps = sessions["csv"]
    assert len(csv_steps[0]["candidats"]) == 62
    for kind in ("xlsx", "ods"):
        session, steps = sessions[kind]
        assert steps == csv_steps, kind
        assert state(session) == state(csv_session), kind
    controle = next(c for c in sessions["ods"][1][1]["candidats"] if c["numero"] == "02607")
    assert controle["controle"] and all(v.endswith((".00", ".50")) for v in controle["controle"].values())


def test_an_ods_report_and_sheet_choice(session):
    report = json.loads(ok(jury("import", "candidates", session, SOURCES["ods"]["candidats"], "--dry-run",
                                "--format", "json")).stdout)  # fmt: skip
    assert (report["ok"], report["crees"], report["simulation"]) == (True, 62, True)
    ok(jury("import", "candidates", session, SOURCES["ods"]["candidats"], "--sheet", "candidats", "--dry-run"))
    with unchanged(session):
        refused(jury("import", "candidates", session, SOURCES["ods"]["candidats"], "--sheet", "Notes"),
                "candidats_libreoffice.ods", "feuille « Notes » introuvable ; feuilles du classeur : « Candidats »")


@pytest.mark.parametrize("content, message", [
    (b"not a zip at all", "fichier ODS illisible"),
    (b"PK\x03\x04truncated", "fichier ODS illisible"),
])  # fmt: skip
def test_a_damaged_ods_is_refused_by_name(session, tmp_path, content, message):
    path = tmp_path / "candidats.ods"
    path.write_bytes(content)
    with unchanged(session):
        refused(jury("import", "candidates", session, path), f"candidats.ods : {message}")
