"""`rows.csv_text` joins its rows itself: it is held here, byte for byte, against a plain
rendering (one csv.writer row per candidate, every cell neutralised) of the same view, on
the demo at tour 1 and tour 2 and on a session holding every grade code and awkward texts."""

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


def reference_csv(view: SessionView) -> str:
    """What `jury results --format csv` writes, cell by cell, from the view's public reads."""
    units = [u.code for u in view.regulation.units]
    header = ["numero", "nom", "prenom", *units, "moyenne", "points", "coefficients", "proposition", "decision"]
    header += ["a_revoir", "livret", "livret_examine", "unites_acquises", "blocs_acquis", "carte_professionnelle"]
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    yn = {True: "oui", False: "non"}
    for c in view.candidates:
        if c.withdrawn:
            continue
        r = view.result(c.numero)
        d = c.latest_decision
        average = r.moyenne is not None
        cells = [
            c.numero,
            c.nom,
            c.prenom,
            *(grades.display(r.effective.get(u)) for u in units),
            grades.french(r.moyenne) if average else "",
            grades.french(r.points) if average else "",
            str(r.coefficients) if average else "",
            r.proposition,
            d.decision if d else "",
            yn[bool(c.a_revoir)],
            yn[bool(c.livret)],
            yn[bool(c.livret_examine)],
            " ".join(r.unites_acquises),
            " ".join(r.blocs_acquis),
            yn[bool(r.carte_professionnelle)],
        ]
        writer.writerow([rows.neutralise(x) if isinstance(x, str) else x for x in cells])
    return "\ufeff" + buf.getvalue()


def same_csv(state: dict) -> str:
    """csv_text of a view of `state`, checked against the reference of another view."""
    fast = rows.csv_text(SessionView(state))
    assert fast == reference_csv(SessionView(state))
    return fast


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
def test_the_demo_is_written_as_the_reference_writes_it(tours, name):
    text = same_csv(tours[name])
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


def test_every_grade_code_and_awkward_texts_are_written_as_the_reference_writes_them(tours):
    text = same_csv(rich_state(tours))
    assert "'=1+1" in text and '"a;b"' in text and '"dit ""oui"""' in text and "'=HACK()" in text
    for number in ("-12", "12,5", "+3.5"):  # numbers are not neutralised
        assert f";{number};" in text or f"\r\n{number};" in text


@pytest.mark.parametrize("bloc", ["=BC01", "BC;01", "BC 01"])
def test_blocs_that_need_quoting_or_neutralising(tours, bloc):
    same_csv(rich_state(tours, bloc=bloc))


def test_a_cell_without_a_special_character_is_written_as_it_is():
    """The claim `csv_text` joins on: csv.writer (`;`, QUOTE_MINIMAL) quotes a cell only for
    a character `_CSV_SPECIAL` matches, so a cell without any is written as it is."""
    plain = "".join(
        ch for i in range(0x110000) if not 0xD800 <= i < 0xE000 and not rows._CSV_SPECIAL.match(ch := chr(i))
    )
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerow([plain, "x"])
    assert buf.getvalue() == plain + ";x\r\n"
    for special in ';"\r\n':
        assert rows._CSV_SPECIAL.match(special)


def test_numbers_are_written_as_grades_french_writes_them_and_need_nothing_more():
    for h in [*range(-2500, 200_001), 10**9 + 7, -(10**9 + 7)]:
        text = grades.french(h)
        assert rows.neutralise(text) == text and not rows._CSV_SPECIAL.search(text)


def test_the_cells_of_every_value_need_nothing_more():
    values = [None, *(grades.parse(t) for t in ("ABS", "ABJ", "DISP", "VAE", "NP", "B2024:13", "0", "20", "9.99"))]
    for v in values:
        text = grades.display(v)
        assert rows._Fields().render(text) == text


def test_fields_render_as_the_writer_writes_a_neutralised_cell():
    field = rows._Fields()
    for text in [*AWKWARD, None, 0]:
        buf = io.StringIO()
        csv.writer(buf, delimiter=";", lineterminator="\r\n").writerow(
            ["a", rows.neutralise(text) if isinstance(text, str) else text, "b"]
        )
        assert "a;" + field.render(text) + ";b\r\n" == buf.getvalue()


def test_plain_texts():
    assert rows._plain_texts(["DUPONT", "Léa", "02601", "", "12,5", "N'DIAYE"])
    for text in ["=x", "a;b", "x\ny", "@", "+", "-", "-12", "\tx", 'a"b']:  # (-12 is left to `_Fields`)
        assert not rows._plain_texts(["DUPONT", text]), text
    assert not rows._plain_texts(["DUPONT", None])
