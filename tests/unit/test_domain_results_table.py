"""The engine over any regulation: a unit code is only a key, whatever its text; a regulation
without professional unit."""

from __future__ import annotations

from domain_helpers import REG, TEXT, candidate, every, variant

from jury_tui.domain.candidate import Candidate
from jury_tui.domain.regulation import parse_regulation
from jury_tui.domain.results import ADMIS, AJOURNE, compute, compute_all

ODD = "U6\"'); raise SystemExit  # {x} {general_coefs!r} \\ {}"


def _renamed(c: Candidate, code: str) -> Candidate:
    notes = {(code if unit == "U6" else unit): v for unit, v in c.notes.items()}
    return Candidate(numero=c.numero, nom=c.nom, prenom=c.prenom, notes=notes, forme=c.forme)


def _sums(r):
    return r.proposition, r.points, r.coefficients, r.pro_points, r.pro_coefficients


def test_a_unit_code_of_any_text_is_only_a_key():
    toml = ODD.replace("\\", "\\\\").replace('"', '\\"')
    reg = variant(('code = "U6"', f'code = "{toml}"'))
    assert reg.has_unit(ODD)
    cases = (every("12"), every("9", U4="10"), every("12", U6="ABS"), every("12", U6="DISP"), every("8,5", U6="ABJ"))
    for cells in cases:
        c = candidate(**cells)
        expected, got = compute(c, REG), compute(_renamed(c, ODD), reg)
        assert _sums(got) == _sums(expected)
        assert got.reason == expected.reason.replace("U6", ODD)


def test_a_regulation_without_professional_unit_has_no_professional_average():
    general = parse_regulation(TEXT.replace('nature = "professionnelle"', 'nature = "generale"'), "copie.toml")
    assert not any(u.professional for u in general.units)
    results = compute_all([candidate(**every("12")), candidate(**every("9")), candidate(**every("7"))], general)
    assert [(r.moyenne, r.pro_points, r.pro_coefficients) for r in results] == [
        (1200, None, None), (900, None, None), (700, None, None),
    ]  # fmt: skip
    assert [r.proposition for r in results] == [ADMIS, AJOURNE, AJOURNE]

