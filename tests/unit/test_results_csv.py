"""The results CSV (`jury results --format csv`, DESIGN.md §2) on the demo at both tours and on
a session holding every grade code and awkward texts: read back with the csv module, every row
has the header's columns, and no cell is one a spreadsheet would run as a formula."""

from __future__ import annotations

import copy
import csv
import io

import pytest

from jury_tui.deliberation import Session, rows
from jury_tui.deliberation.view import SessionView
from jury_tui.demo import build_demo
from jury_tui.domain import candidate as cand_mod
from jury_tui.domain import grades
from jury_tui.domain.candidate import Adjustment, Candidate, Decision

FORMULA_FIRST = ("=", "+", "-", "@", "\t", "\r")


def read_back(state: dict) -> tuple[str, list[list[str]]]:
    """csv_text of a view of `state`, and its rows read back as Excel-FR is read."""
    text = rows.csv_text(SessionView(state))
    assert text.startswith("\ufeffnumero;nom;prenom;")
    lines = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))
    header = lines[0]
    assert header[-11:] == [
        "a_revoir", "livret", "livret_examine", "unites_acquises", "blocs_acquis", "carte_professionnelle",
        "moyenne_professionnelle", "motif", "notes_modifiees", "manque_moyenne", "manque_par_unite",
    ]  # fmt: skip
    for line in lines[1:]:
        assert len(line) == len(header), line
        for cell in line:
            assert not cell.startswith(FORMULA_FIRST) or rows._is_number(cell), cell
    return text, lines


@pytest.fixture(scope="module")
def tours(tmp_path_factory) -> dict[str, dict]:
    """The demo's states: tour 1 (a withdrawal, an adjustment), then tour 2 (contrôle grades)."""
    session = Session(build_demo(tmp_path_factory.mktemp("demo") / "demo.json"))
    session.withdraw("02605", reason="erreur d'import")
    session.adjust("02606", "U4", "10", reason="points de jury")
    session.set_field("02618", "U52", "12", reason="note reçue")
    states = {"tour 1": copy.deepcopy(session.view().state)}
    view = session.view()
    for c in view.active:
        session.decide(c.numero, view.result(c.numero).proposition, livret_examine=True)
    states["tour 1 decided"] = copy.deepcopy(session.view().state)
    session.sign()
    session.set_controle_grade("02607", "U3", "11,5")
    session.set_controle_grade("02608", "U3", "14")
    session.set_controle_grade("02609", "U1", "6")
    session.decide("02607", "admis")
    states["tour 2"] = copy.deepcopy(session.view().state)
    return states


@pytest.mark.parametrize("name", ["tour 1", "tour 1 decided", "tour 2"])
def test_the_demo_is_written_whole(tours, name):
    text, lines = read_back(tours[name])
    active = [n for n, raw in tours[name]["candidates"].items() if not raw.get("retire")]
    assert [line[0] for line in lines[1:]] == sorted(active)
    if name == "tour 2":
        assert ";11,50;" in text.split("\r\n02607;")[1].split("\r\n")[0]  # the contrôle grade counts


AWKWARD = [
    "=1+1", "+33 6 12", "-12", "-1_0", "-INF", "@moi", "\tTab", "\rCR", "a;b", 'dit "oui"', "deux\nlignes",
    "", "  espacé ", "12,5", "+3.5", "Ærø ; ÿ", "=", "-", "'déjà", "\x00nul", "fin\r",
]  # fmt: skip


def rich_state(tours, *, bloc: str | None = None) -> dict:
    """The demo at tour 1 and candidates with every grade code, awkward names and decisions."""
    state = copy.deepcopy(tours["tour 1 decided"])
    if bloc is not None:
        reg = state["regulation"]
        assert reg["toml"].count('bloc = "RNCP35393BC01"') == 1
        reg["toml"] = reg["toml"].replace('bloc = "RNCP35393BC01"', f'bloc = "{bloc}"')
    mandatory = ("U1", "U21", "U22", "U3", "U4", "U51", "U52", "U6")
    cells = ["12.5", "0", "20", "9.99", "10", "ABS", "ABJ", "DISP", "VAE", "NP", "B2024:13", "B2023:9.5", ""]
    stored = state["candidates"]
    for k, name in enumerate(AWKWARD):
        notes = {u: cells[(k + i) % len(cells)] for i, u in enumerate(mandatory)}
        notes.update({"UF1": cells[k % len(cells)], "UX": "11"})  # an optional unit; one the regulation lacks
        if k % 5 == 0:
            del notes["U4"]  # incomplete
        c = Candidate(
            numero=name if k % 3 == 0 else f"9{k:04d}",
            nom=name,
            prenom=AWKWARD[-k - 1],
            forme="progressive" if k % 2 else "globale",
            livret=k % 2 == 0,
            livret_examine=k % 4 == 0,
            attestation_shg=k % 3 == 1,
            a_revoir=k % 7 == 0,
            ajustements=(Adjustment("U3", grades.parse("8"), grades.parse("10.5"), "jury", "X", "", 1),) * (k % 6 == 2),
            decisions={1: Decision(1, ["admis", "ajourne", "controle", "=HACK()", "non_delivre"][k % 5], None, "X", "")} if k % 2 else {},
        )
        raw = cand_mod.to_dict(c, notes)
        if k == 4:
            raw["nom"] = None
        if k == 7:
            raw["decisions"]["1"]["decision"] = None
        stored[raw["numero"]] = raw
    return state


def test_every_grade_code_and_awkward_texts_are_quoted_or_neutralised(tours):
    text, lines = read_back(rich_state(tours))
    names = {line[1] for line in lines[1:]}
    assert {"'=1+1", "a;b", 'dit "oui"', "deux\nlignes", "'@moi", "'\tTab"} <= names
    assert "'=1+1" in text and '"a;b"' in text and '"dit ""oui"""' in text and "'=HACK()" in text
    for number in ("-12", "12,5", "+3.5"):  # numbers are not neutralised
        assert f";{number};" in text or f"\r\n{number};" in text


@pytest.mark.parametrize("bloc", ["=BC01", "BC;01", "BC 01"])
def test_blocs_that_need_quoting_or_neutralising(tours, bloc):
    _, lines = read_back(rich_state(tours, bloc=bloc))
    at = lines[0].index("blocs_acquis")
    held = [line[at] for line in lines[1:] if line[at]]
    assert any(bloc in cell for cell in held)

