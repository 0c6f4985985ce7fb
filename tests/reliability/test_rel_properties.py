"""Properties (hypothesis): the grade grammar, the importers' one error type, the average against a
brute-force computation in fractions, monotony, and the proposal against RULES.md §4 read afresh.

The brute force below is written from RULES.md, not from jury_tui.domain: it shares no code with
the engine but the grade values themselves.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from jury_tui.deliberation import Session
from jury_tui.domain import grades
from jury_tui.domain.candidate import Adjustment, Candidate
from jury_tui.domain.grades import ABJ, ABS, DISP, KEPT, NOTE, NP, VAE, Value
from jury_tui.domain.results import compute
from jury_tui.errors import JuryError
from jury_tui.regulations import load

REG = load("bts-mos")
YEAR = 2026
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ---- the grade grammar ---------------------------------------------------------------------------

hundredths = st.integers(0, 2000)
kept_years = st.integers(YEAR - 5, YEAR - 1)
values = st.one_of(
    hundredths.map(grades.note),
    st.builds(lambda h, y: Value(KEPT, h, y), hundredths, kept_years),
    st.sampled_from([Value(code) for code in grades.CODES]),
)


@SETTINGS
@given(values)
def test_every_value_reads_back_from_each_of_its_written_forms(value):
    assert grades.parse(str(value)) == value  # the session file's form
    assert grades.parse(grades.display(value)) == value  # the French form the documents show
    assert grades.parse(str(value).lower()) == value
    assert grades.parse(f"  {grades.display(value)}\t") == value


@SETTINGS
@given(hundredths, st.sampled_from([",", "."]), st.integers(0, 3))
def test_a_number_reads_with_either_decimal_sign_and_trailing_zeros(h, sign, zeros):
    whole, cents = divmod(h, 100)
    text = f"{whole}{sign}{cents:02d}" + "0" * zeros
    assert grades.parse(text) == grades.note(h)
    if cents % 10 == 0:
        assert grades.parse(f"{whole}{sign}{cents // 10}") == grades.note(h)
    if cents == 0:
        assert grades.parse(str(whole)) == grades.note(h)


grade_like = st.text(st.sampled_from("0123456789,.-+ BbOoAaSsJjDdIiPpVvEeNn:"), max_size=12)


@SETTINGS
@given(st.one_of(grade_like, st.text(max_size=12)))
def test_any_text_is_a_value_or_a_french_refusal_and_a_number_means_what_it_says(text):
    try:
        value = grades.parse(text)
    except grades.GradeError as exc:
        assert str(exc).startswith("« ")
        return
    if value is None:
        assert not text.strip()
    elif value.kind == NOTE:
        assert 0 <= value.hundredths <= 2000
        assert Decimal(text.strip().replace(",", ".")) * 100 == value.hundredths
    elif value.kind == KEPT:
        assert text.strip().upper().startswith(f"B{value.year}")
    else:
        assert text.strip().upper() == value.kind


@SETTINGS
@given(st.integers(0, 1999), st.integers(1, 9))
def test_a_third_significant_decimal_is_refused(h, third):
    whole, cents = divmod(h, 100)
    with pytest.raises(grades.GradeError, match="au plus deux décimales"):
        grades.parse(f"{whole},{cents:02d}{third}")


@SETTINGS
@given(st.integers(2001, 99999))
def test_above_twenty_is_refused(h):
    with pytest.raises(grades.GradeError, match="de 0 à 20"):
        grades.parse(grades.french(h))


# ---- the average and the proposal, brute force from RULES.md ---------------------------------------

ADMIS, AJOURNE, CONTROLE, NON_DELIVRE, INCOMPLET = "admis", "ajourne", "controle", "non_delivre", "incomplet"
RANK = {AJOURNE: 0, CONTROLE: 1, ADMIS: 2}


def brute_force(c: Candidate, reg, tour: int) -> tuple[str, Fraction | None]:
    """RULES.md §3, §4 and §6 (policy "meilleure"), in fractions, unit by unit."""
    policies = reg.policies
    effective = {}
    for unit in reg.units:
        v = c.value(unit.code, tour)
        ctrl = c.controle.get(unit.code) if tour == 2 and unit.code in reg.controle_units else None
        if ctrl is not None and not (v is not None and v.kind in (DISP, VAE)):
            better = v is not None and v.kind in (NOTE, KEPT) and v.hundredths >= ctrl.hundredths
            v = v if better else ctrl
        effective[unit.code] = v
    mandatory = [u for u in reg.units if not u.optional]
    if any(effective[u.code] is None for u in mandatory):  # rule 1
        return INCOMPLET, None
    points, coefs, pro_points, pro_coefs = Fraction(0), 0, Fraction(0), 0
    absent = not_presented = False
    for unit in mandatory:
        v = effective[unit.code]
        if v.kind in (DISP, VAE):
            continue
        if v.kind == NP:
            not_presented = True
            continue
        if v.kind == ABS:
            absent = True
            if policies.abs_moyenne_affichee != "zero":
                continue
        grade = Fraction(0) if v.kind in (ABS, ABJ) else Fraction(v.hundredths, 100)
        points += grade * unit.coefficient
        coefs += unit.coefficient
        if unit.professional:
            pro_points += grade * unit.coefficient
            pro_coefs += unit.coefficient
    for unit in reg.units:
        v = effective[unit.code]
        if not unit.optional or v is None:
            continue
        if v.kind in (NOTE, KEPT):
            points += max(Fraction(0), Fraction(v.hundredths, 100) - 10) * unit.bonus_weight
        elif v.kind == ABS and policies.absence_facultative == "non_delivre":
            absent = True
    average = points / coefs if coefs else None
    if absent:  # rule 2
        return NON_DELIVRE, average
    if not_presented:  # rule 3
        return AJOURNE, average
    if average is None or average >= Fraction(reg.admis, 100):  # rule 4 (all DISP/VAE: admis)
        return ADMIS, average
    if tour == 1 and average >= Fraction(reg.controle, 100) and pro_coefs \
            and pro_points / pro_coefs >= Fraction(reg.controle_pro, 100):  # rule 5
        return CONTROLE, average
    return AJOURNE, average  # rule 6


@st.composite
def regulations(draw):
    """The shipped regulation, or the same with other coefficients, weights and policies."""
    if draw(st.booleans()):
        return REG
    units = tuple(
        replace(u, bonus_weight=draw(st.integers(0, 3))) if u.optional
        else replace(u, coefficient=draw(st.integers(1, 9)))
        for u in REG.units
    )
    policies = replace(
        REG.policies,
        abs_moyenne_affichee=draw(st.sampled_from(["exclure", "zero"])),
        absence_facultative=draw(st.sampled_from(["sans_effet", "non_delivre"])),
    )
    return replace(REG, units=units, policies=policies)


@st.composite
def candidates(draw, *, with_controle: bool = False):
    """Mostly graded candidates (a code or an empty cell now and then), their grades often
    spread around one level — sometimes exactly on a threshold, every unit at 10.00 or 8.00."""
    forme = draw(st.sampled_from(["globale", "progressive"]))
    least_kept = 0 if forme == "progressive" else 1000
    level = draw(st.one_of(st.sampled_from([800, 1000, 999, 1001]), hundredths))
    spread = draw(st.sampled_from([0, 0, 50, 300, 2000]))
    grade = st.integers(max(0, level - spread), min(2000, level + spread)).map(grades.note)
    kept = st.builds(lambda h, y: Value(KEPT, h, y), st.integers(max(least_kept, level - spread), 2000), kept_years)
    codes = [Value(ABS), Value(ABJ), Value(DISP), Value(VAE)] + ([Value(NP)] if forme == "progressive" else [])
    rare = draw(st.sampled_from([0, 2, 10]))  # in a hundred cells: codes and empty mandatory cells

    def mandatory_value(roll: int):
        if roll >= rare:
            return grade if roll >= rare + 8 else kept
        return st.none() if roll == 0 else st.sampled_from(codes)

    mandatory = st.integers(0, 99).flatmap(mandatory_value)
    optional = st.one_of(st.none(), st.none(), grade, kept, st.sampled_from([Value(ABS), Value(ABJ)]))
    notes = {}
    for unit in REG.units:
        v = draw(optional if unit.optional else mandatory)
        if v is not None:
            notes[unit.code] = v
    adjustments = []
    for code, v in notes.items():
        if v.kind in (NOTE, KEPT) and draw(st.integers(0, 5)) == 0:
            new = draw(hundredths.filter(lambda h, v=v: h != v.hundredths))
            adjustments.append(Adjustment(code, v, grades.note(new), "points de jury", "jury", "", 1))
        elif v.kind == ABS and draw(st.booleans()):
            adjustments.append(Adjustment(code, v, Value(ABJ), "force majeure", "jury", "", 1))
    controle = {}
    if with_controle:
        for code in draw(st.lists(st.sampled_from(REG.controle_units), max_size=2, unique=True)):
            controle[code] = grades.note(draw(hundredths))
    return Candidate("02601", "DURAND", "Léa", notes=notes, forme=forme, ajustements=tuple(adjustments),
                     controle=controle)


def on_thresholds(general: int, professional: int) -> Candidate:
    """Every general unit at `general`, every professional unit at `professional`."""
    notes = {u.code: grades.note(professional if u.professional else general) for u in REG.units if not u.optional}
    return Candidate("02601", "DURAND", "Léa", notes=notes)


@SETTINGS
@given(candidates(with_controle=True), regulations(), st.sampled_from([1, 2]))
@example(on_thresholds(1000, 1000), REG, 1)  # exactly 10: admis (« égale ou supérieure »)
@example(on_thresholds(999, 999), REG, 1)  # just below, professional just below: ajourné
@example(on_thresholds(452, 1003), REG, 1)  # 8.00 exactly, professional 10.03: contrôle
@example(on_thresholds(451, 1003), REG, 1)  # just below 8: ajourné
@example(on_thresholds(600, 999), REG, 1)  # 8.52, professional just below 10: ajourné
def test_the_average_and_the_proposal_are_those_of_the_rules(c, reg, tour):
    result = compute(c, reg, tour)
    proposition, average = brute_force(c, reg, tour)
    assert result.proposition == proposition
    if proposition == INCOMPLET or average is None:
        assert result.moyenne is None and result.exact is None and result.points is None
    else:
        assert result.exact == average
        assert result.moyenne == int(average * 100)  # shown truncated, never rounded up
        assert Fraction(result.points, result.coefficients * 100) == average


def _raisable(c: Candidate) -> list[str]:
    return [code for code, v in c.notes.items() if v.kind in (NOTE, KEPT) and v.hundredths < 2000
            and c.adjustment(code, 1) is None]


@SETTINGS
@given(candidates(), regulations(), st.data())
def test_raising_a_grade_never_lowers_the_average_nor_worsens_the_proposal(c, reg, data):
    units = _raisable(c)
    assume(units)
    code = data.draw(st.sampled_from(units))
    old = c.notes[code]
    raised = replace(old, hundredths=data.draw(st.integers(old.hundredths + 1, 2000)))
    before, after = compute(c, reg, 1), compute(replace(c, notes={**c.notes, code: raised}), reg, 1)
    if before.exact is not None:
        assert after.exact >= before.exact
    if before.proposition in RANK:
        assert RANK[after.proposition] >= RANK[before.proposition], (before.proposition, after.proposition)
    else:  # incomplet and non_delivre do not depend on a grade's value
        assert after.proposition == before.proposition


@settings(SETTINGS, max_examples=120)
@given(candidates(with_controle=True), regulations(), st.data())
def test_a_better_controle_grade_never_lowers_the_second_tour(c, reg, data):
    code = data.draw(st.sampled_from(REG.controle_units))
    old = c.controle.get(code) or grades.note(data.draw(st.integers(0, 1999)))
    c = replace(c, controle={**c.controle, code: old})
    assume(old.hundredths < 2000)
    better = grades.note(data.draw(st.integers(old.hundredths + 1, 2000)))
    before, after = compute(c, reg, 2), compute(replace(c, controle={**c.controle, code: better}), reg, 2)
    if before.exact is not None:
        assert after.exact >= before.exact
    if before.proposition in RANK:
        assert RANK[after.proposition] >= RANK[before.proposition]


# ---- importers: the project's own error type, whatever the input ------------------------------------

HEADERS = ["numero", "nom", "prenom", "date_naissance", "statut", "forme", "livret", "attestation_shg",
           "ine", "etablissement", *(u.code for u in REG.units), "Numéro", "u4", "U7", "", "role", "qualite",
           "presence", "unite", "note"]
CELLS = st.one_of(
    st.sampled_from(["", "12", "12,5", "12.50", "21", "-1", "12,555", "1O", "ABS", "abj", "DISP", "VAE", "NP",
                     "B2024:13", "B2019:12", "B24:13", "02601", "2601", "03001", "oui", "non", "peut-être",
                     "scolaire", "progressive", "globale", "14/03/2005", "31/02/2005", "2005-03-14",
                     "president", "ia-ipr", "enseignant", "salarie", "present", "visio", "U3", "U4",
                     "=1+1", '"', '""', ";", ",", "\n", "é", "\u00a0", "\ufeff", "1e3", "NaN", "∞"]),
    st.text(max_size=6),
)


def _import_any(templates: dict[str, Path], kind: str, name: str, data: bytes) -> None:
    """Import `data` for real into a copy of the session (tour 1 signed for contrôle grades): a
    report, or a JuryError and nothing changed."""
    template = templates["signed" if kind == "controle" else "demo"]
    with tempfile.TemporaryDirectory() as folder:
        session = Path(folder) / "session.json"
        shutil.copy(template, session)
        before = session.read_bytes()
        source = Path(folder) / name
        source.write_bytes(data)
        try:
            Session(session).import_file(kind, str(source))
        except JuryError as exc:
            assert exc.problems and all(p.message for p in exc.problems)
            assert session.read_bytes() == before
            left = sorted(n for n in os.listdir(folder) if n != "session.json.lock")
            assert left == sorted(["session.json", name]), "no backup or temp file left by a refusal"


VALID = {
    "numero": st.sampled_from([f"03{i:03d}" for i in range(50)] + ["02601", "02602", "A12"]),
    "nom": st.sampled_from(["MARTIN", "N'DIAYE", "LE GOFF", "Ç"]),
    "prenom": st.sampled_from(["Léa", "Jean-Baptiste", "Zoé"]),
    "date_naissance": st.sampled_from(["14/03/2005", "2005-03-14", ""]),
    "statut": st.sampled_from(["scolaire", "Apprenti", "formation continue", ""]),
    "forme": st.sampled_from(["globale", "progressive", ""]),
    "livret": st.sampled_from(["oui", "non", "", "O"]),
    "attestation_shg": st.sampled_from(["oui", "non", ""]),
    "ine": st.sampled_from(["", "1234567890A"]),
    "etablissement": st.sampled_from(["", "Lycée Jean-Rostand"]),
    "role": st.sampled_from(["president", "enseignant", "professionnel", "personne_qualifiee"]),
    "qualite": st.sampled_from(["ia-ipr", "enseignant-chercheur", "enseignant_public", "employeur", "salarie", ""]),
    "presence": st.sampled_from(["present", "visio", "absent", ""]),
    "unite": st.sampled_from(["U1", "U21", "U22", "U3"]),
    "note": st.sampled_from(["12", "9,5", "0", "20"]),
    **{u.code: st.sampled_from(["", "14", "ABS", "ABJ", "B2024:12"] if u.optional
                               else ["12", "9,5", "10,25", "8", "15", "ABS", "ABJ", "DISP", "VAE", "B2024:13"])
       for u in REG.units},
}
CONTROLE_NUMEROS = ("02607", "02608", "02609", "02610", "02611", "02612")  # decided « contrôle » in tour 1
FULL = {
    "candidates": ["numero", "nom", "prenom", "date_naissance", "statut", "forme", "livret", "attestation_shg",
                   "ine", "etablissement", *(u.code for u in REG.units)],
    "members": ["nom", "prenom", "role", "qualite", "presence"],
    "controle": ["numero", "unite", "note"],
}


@st.composite
def tables(draw, kind: str):
    """A header and rows: the expected columns with mostly valid cells, or anything."""
    valid = {**VALID, "numero": st.sampled_from(CONTROLE_NUMEROS)} if kind == "controle" else VALID
    if draw(st.booleans()):
        header = list(FULL[kind])
        if draw(st.booleans()):
            header = draw(st.permutations(header))
        rows = [[draw(st.integers(0, 19).flatmap(lambda i, h=h: CELLS if i == 0 else valid[h])) for h in header]
                for _ in range(draw(st.integers(0, 4)))]
        return header, rows
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8))
    return header, draw(st.lists(st.lists(CELLS, max_size=9), max_size=6))


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data(), st.sampled_from([";", ","]), st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
       st.sampled_from(["candidates", "members", "controle"]))
def test_no_csv_makes_an_import_raise_anything_but_a_jury_error(templates, data, sep, encoding, kind):
    header, rows = data.draw(tables(kind))

    def line(cells):
        return sep.join('"' + c.replace('"', '""') + '"' if (sep in c or '"' in c or "\n" in c) else c for c in cells)

    text = "\r\n".join([line(header), *(line(r) for r in rows)]) + "\r\n"
    _import_any(templates, kind, "fichier.csv", text.encode(encoding, errors="replace"))


json_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                         CELLS, st.decimals(allow_nan=False, allow_infinity=False, places=4).map(float))
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.sampled_from(HEADERS + ["notes"]), inner, max_size=4), max_leaves=12)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(["candidats", "membres", "controle", "Candidats", "autre"]),
       st.lists(st.one_of(json_values, st.dictionaries(st.sampled_from(HEADERS), json_scalars, max_size=6),
                          st.fixed_dictionaries({"numero": CELLS, "nom": CELLS, "prenom": CELLS,
                                                 "notes": st.dictionaries(st.sampled_from([u.code for u in REG.units]),
                                                                          json_scalars, max_size=8)})),
                max_size=4),
       st.sampled_from(["candidates", "members", "controle"]), st.booleans())
def test_no_json_makes_an_import_raise_anything_but_a_jury_error(templates, key, items, kind, damaged):
    data = json.dumps({key: items}, ensure_ascii=False).encode()
    if damaged:
        data = data[: len(data) * 2 // 3]
    _import_any(templates, kind, "fichier.json", data)


xlsx_cells = st.one_of(st.none(), st.integers(-5, 2700), st.floats(-1, 25, allow_nan=False), CELLS,
                       st.booleans(), st.dates())


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8),
       st.lists(st.lists(xlsx_cells, max_size=9), max_size=4), st.integers(0, 3))
def test_no_workbook_makes_an_import_raise_anything_but_a_jury_error(templates, header, rows, cut):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in row])
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    if cut:
        data = data[: len(data) * cut // 4]
    _import_any(templates, "candidates", "classeur.xlsx", data)
