"""The regulation file (RULES.md §1): the shipped one loads; a malformed copy is refused by key."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from jury_tui import regulations
from jury_tui.domain.regulation import FACULTATIVE, GENERALE, PROFESSIONNELLE, parse_regulation
from jury_tui.errors import JuryError

SHIPPED_TEXT, SHIPPED_SOURCE = regulations.read_text("bts-mos")


def _copy(*replacements: tuple[str, str]) -> str:
    text = SHIPPED_TEXT
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} must occur once in the shipped file"
        text = text.replace(old, new)
    return text


def _problems(text: str) -> list:
    with pytest.raises(JuryError) as info:
        parse_regulation(text, "copie.toml")
    return info.value.problems


def _keys(text: str) -> list[str | None]:
    return [p.place.key for p in _problems(text)]


# --- the shipped file ----------------------------------------------------------------------


def test_shipped_regulation_is_listed_and_loads():
    assert "bts-mos" in regulations.shipped()
    reg = regulations.load("bts-mos")
    assert reg.id == "bts-mos"
    assert reg.diplome == "BTS"
    assert reg.specialite == "Management opérationnel de la sécurité"
    assert reg.text == SHIPPED_TEXT
    assert reg.sha256 == hashlib.sha256(SHIPPED_TEXT.encode("utf-8")).hexdigest()


def test_shipped_units_and_coefficients_match_rules_section_1():
    reg = regulations.load("bts-mos")
    expected = [
        # code, épreuve, nature, coefficient, bloc
        ("U1", "E1", GENERALE, 4, None),
        ("U21", "E21", GENERALE, 2, None),
        ("U22", "E22", GENERALE, 2, None),
        ("U3", "E3", GENERALE, 6, None),
        ("U4", "E4", PROFESSIONNELLE, 8, "RNCP35393BC01"),
        ("U51", "E51", PROFESSIONNELLE, 5, "RNCP35393BC02"),
        ("U52", "E52", PROFESSIONNELLE, 5, "RNCP35393BC03"),
        ("U6", "E6", PROFESSIONNELLE, 6, "RNCP35393BC04"),
        ("UF1", "EF1", FACULTATIVE, 0, None),
        ("UF2", "EF2", FACULTATIVE, 0, "RNCP35393BC05"),
        ("UF3", "EF3", FACULTATIVE, 0, "RNCP35393BC06"),
        ("UF4", "EF4", FACULTATIVE, 0, None),
    ]
    assert [(u.code, u.epreuve, u.nature, u.coefficient, u.bloc) for u in reg.units] == expected
    # U1 4 + LV 4 (U21 2 + U22 2) + U3 6 + U4 8 + U51 5 + U52 5 + U6 6 = 38
    assert sum(u.coefficient for u in reg.mandatory) == 4 + 2 + 2 + 6 + 8 + 5 + 5 + 6 == 38
    assert [u.code for u in reg.mandatory] == ["U1", "U21", "U22", "U3", "U4", "U51", "U52", "U6"]
    assert [u.code for u in reg.optional] == ["UF1", "UF2", "UF3", "UF4"]
    assert [u.code for u in reg.units if u.professional] == ["U4", "U51", "U52", "U6"]
    assert [u.code for u in reg.units if u.carte_professionnelle] == ["UF2"]
    assert all(u.bonus_weight == 1 for u in reg.optional)  # interpretation: default weight 1


def test_shipped_thresholds_policies_and_rncp():
    reg = regulations.load("bts-mos")
    assert reg.status == "provisional" and reg.provisional
    assert reg.source  # the source of the provisional coefficients is named
    assert reg.rncp_code == "RNCP35393"
    assert reg.rncp_end == date(2025, 8, 31)
    assert (reg.admis, reg.controle, reg.controle_pro) == (10 * 100, 8 * 100, 10 * 100)
    assert reg.controle_units == ("U1", "U21", "U22", "U3")
    assert reg.controle_count == 2
    p = reg.policies
    assert p.dispense == "exclure"
    assert p.bonus_weight == 1
    assert p.note_controle == "meilleure"
    assert p.controle_acquiert is True
    assert p.absence_facultative == "sans_effet"
    assert p.abs_moyenne_affichee == "exclure"
    assert p.validite_benefice == 5


def test_unit_lookup():
    reg = regulations.load("bts-mos")
    assert reg.unit("U4").coefficient == 8
    assert reg.has_unit("UF2") and not reg.has_unit("U7")


# --- a regulation file given by path -------------------------------------------------------


def test_a_file_given_by_path_loads(tmp_path):
    path = tmp_path / "mon-bts.toml"
    path.write_text(_copy(('coefficient = 8\n', 'coefficient = 9\n')), encoding="utf-8")
    reg = regulations.load(str(path))
    assert reg.unit("U4").coefficient == 9
    assert sum(u.coefficient for u in reg.mandatory) == 38 - 8 + 9


def test_unknown_name_or_missing_path_is_refused(tmp_path):
    with pytest.raises(JuryError):
        regulations.load("bts-inconnu")
    with pytest.raises(JuryError):
        regulations.load(str(tmp_path / "absent.toml"))


# --- malformed copies: every problem named by its key ---------------------------------------


def test_missing_coefficient_names_the_key():
    text = _copy(('nature = "professionnelle"\nbloc = "RNCP35393BC01"\ncoefficient = 8\n',
                  'nature = "professionnelle"\nbloc = "RNCP35393BC01"\n'))
    assert _keys(text) == ["unites[U4].coefficient"]


def test_coefficient_in_words_names_the_key():
    text = _copy(("coefficient = 8\n", 'coefficient = "huit"\n'))
    problems = _problems(text)
    assert [p.place.key for p in problems] == ["unites[U4].coefficient"]
    assert "huit" in problems[0].message
    assert "clé unites[U4].coefficient" in str(problems[0])
    assert problems[0].place.file == "copie.toml"


@pytest.mark.parametrize("value", ["0", "-2"])
def test_mandatory_coefficient_must_be_positive(value):
    assert _keys(_copy(("coefficient = 8\n", f"coefficient = {value}\n"))) == ["unites[U4].coefficient"]


def test_optional_unit_with_a_coefficient_is_refused():
    text = _copy(('nature = "facultative"\nbloc = "RNCP35393BC06"\n',
                  'nature = "facultative"\nbloc = "RNCP35393BC06"\ncoefficient = 2\n'))
    assert _keys(text) == ["unites[UF3].coefficient"]


def test_unknown_nature_names_the_key():
    text = _copy(('code = "U6"\nepreuve = "E6"\nintitule = "Participation à la sécurité globale"\n'
                  'nature = "professionnelle"',
                  'code = "U6"\nepreuve = "E6"\nintitule = "Participation à la sécurité globale"\n'
                  'nature = "pratique"'))
    problems = _problems(text)
    assert [p.place.key for p in problems] == ["unites[U6].nature"]
    assert "pratique" in problems[0].message


def test_duplicate_unit_names_the_key():
    # the sixth unit (index 5) repeats U4
    text = _copy(('code = "U51"', 'code = "U4"'))
    problems = _problems(text)
    assert [p.place.key for p in problems] == ["unites[5].code"]
    assert "U4" in problems[0].message


def test_unknown_controle_unit_names_the_key():
    text = _copy(('unites = ["U1", "U21", "U22", "U3"]', 'unites = ["U1", "U21", "U7", "U3"]'))
    problems = _problems(text)
    assert [p.place.key for p in problems] == ["controle.unites"]
    assert "U7" in problems[0].message


@pytest.mark.parametrize(
    "old, new, key",
    [
        ('note_controle = "meilleure"', 'note_controle = "pire"', "politiques.note_controle"),
        ('dispense = "exclure"', 'dispense = "zero"', "politiques.dispense"),
        ('absence_facultative = "sans_effet"', 'absence_facultative = "ignorer"', "politiques.absence_facultative"),
        ('abs_moyenne_affichee = "exclure"', 'abs_moyenne_affichee = "vingt"', "politiques.abs_moyenne_affichee"),
        ("controle_acquiert = true", 'controle_acquiert = "oui"', "politiques.controle_acquiert"),
        ("poids_bonus = 1\n", 'poids_bonus = "un"\n', "politiques.poids_bonus"),
        ("poids_bonus = 1\n", "poids_bonus = -1\n", "politiques.poids_bonus"),
        ("validite_benefice = 5", 'validite_benefice = "cinq"', "politiques.validite_benefice"),
    ],
)
def test_bad_policy_value_names_the_key(old, new, key):
    assert _keys(_copy((old, new))) == [key]


@pytest.mark.parametrize(
    "old, new, key",
    [
        ('admis = "10"', 'admis = "dix"', "seuils.admis"),
        ('admis = "10"', 'admis = "21"', "seuils.admis"),
        ('controle = "8"', "controle = 8.5", "seuils.controle"),
        ('status = "provisional"', 'status = "brouillon"', "status"),
        ('code = "RNCP35393"', "code = 35393", "rncp.code"),
        ("fin_enregistrement = 2025-08-31", 'fin_enregistrement = "31/08/2025"', "rncp.fin_enregistrement"),
        # a TOML datetime is a Python date subclass; it could not be compared with the session's date
        ("fin_enregistrement = 2025-08-31", "fin_enregistrement = 2025-08-31T23:59:00", "rncp.fin_enregistrement"),
        ('\nid = "bts-mos"\n', "\n", "id"),
    ],
)
def test_bad_header_thresholds_and_rncp_name_the_key(old, new, key):
    assert _keys(_copy((old, new))) == [key]


def test_every_problem_is_reported_not_just_the_first():
    text = _copy(
        ("coefficient = 8\n", 'coefficient = "huit"\n'),
        ('note_controle = "meilleure"', 'note_controle = "pire"'),
        ('unites = ["U1", "U21", "U22", "U3"]', 'unites = ["U1", "U9"]'),
    )
    assert sorted(_keys(text)) == sorted(["unites[U4].coefficient", "politiques.note_controle", "controle.unites"])


def test_bad_toml_is_refused_with_the_file_named():
    problems = _problems(SHIPPED_TEXT + "\n[[unites]\n")
    assert len(problems) == 1
    assert problems[0].place.file == "copie.toml"
    assert "TOML" in problems[0].message


def test_no_mandatory_unit_is_refused():
    text = (
        'id = "x"\ndiplome = "BTS"\nspecialite = "x"\nstatus = "official"\n'
        '[rncp]\ncode = "RNCP1"\n[seuils]\nadmis = "10"\ncontrole = "8"\ncontrole_moyenne_professionnelle = "10"\n'
        '[[unites]]\ncode = "UF1"\nepreuve = "EF1"\nintitule = "x"\nnature = "facultative"\n'
    )
    assert _keys(text) == ["unites"]


def test_unit_bonus_weight_defaults_to_the_policy_and_can_be_set_per_unit():
    text = _copy(
        ("poids_bonus = 1\n", "poids_bonus = 2\n"),
        ('nature = "facultative"\nbloc = "RNCP35393BC06"\n',
         'nature = "facultative"\nbloc = "RNCP35393BC06"\npoids_bonus = 3\n'),
    )
    reg = parse_regulation(text, "copie.toml")
    assert reg.policies.bonus_weight == 2
    assert {u.code: u.bonus_weight for u in reg.optional} == {"UF1": 2, "UF2": 2, "UF3": 3, "UF4": 2}


# --- format 2: sessions, optional maximum, dispenses, defections ----------------------------------

FORMAT1_TEXT = (Path(__file__).parents[1] / "fixtures" / "regulations" / "bts-mos-format1.toml").read_text(encoding="utf-8")


def test_the_shipped_editions_say_their_sessions_maximum_and_dispenses():
    mos, mos2027 = regulations.load("bts-mos"), regulations.load("bts-mos-2027")
    assert (mos.format, mos.specialite_id, mos2027.specialite_id) == (2, "bts-mos", "bts-mos")
    assert (mos.sessions.first, mos.sessions.last, mos2027.sessions.first, mos2027.sessions.last) == (2022, 2026, 2027, None)
    assert [y for y in range(2020, 2030) if mos.valid_for(y)] == [2022, 2023, 2024, 2025, 2026]
    assert [y for y in range(2020, 2030) if mos2027.valid_for(y)] == [2027, 2028, 2029]
    assert (mos.optional_max, mos2027.optional_max) == (2, 1)  # D643-13; décret 2024-788
    assert [u.code for u in mos.units if u.outside_max] == ["UF4"]  # engagement étudiant, D643-15-1
    assert [u.code for u in mos.mandatory if u.dispensable] == ["U1", "U21", "U22", "U3"]
    assert mos.policies.defection_toleree == frozenset({"parite"})
    # the 2027 edition differs by its id, sessions and maximum only: the same units and numbers
    assert mos2027.units == mos.units and mos2027.policies == mos.policies
    assert (mos2027.admis, mos2027.controle, mos2027.controle_pro) == (mos.admis, mos.controle, mos.controle_pro)


def test_optional_overflow_counts_the_units_presented_outside_engagement_etudiant():
    mos, mos2027 = regulations.load("bts-mos"), regulations.load("bts-mos-2027")
    assert mos.optional_overflow({"U1", "UF1", "UF2", "UF4"}) is None
    assert mos.optional_overflow({"UF1", "UF2", "UF3"}) == ("UF1", "UF2", "UF3")
    assert mos2027.optional_overflow({"UF2", "UF4"}) is None
    assert mos2027.optional_overflow({"UF1", "UF2", "UF4"}) == ("UF1", "UF2")


def test_a_format_1_copy_reads_as_it_was_written():
    old = parse_regulation(FORMAT1_TEXT, "ancienne.toml")
    assert old.format == 1 and old.sessions is None and old.optional_max is None
    assert all(u.dispensable for u in old.mandatory) and old.policies.defection_toleree is None
    assert all(old.valid_for(y) for y in (1990, 2026, 2100)) and old.optional_overflow({"UF1", "UF2", "UF3", "UF4"}) is None
    assert [(u.code, u.coefficient) for u in old.units] == [(u.code, u.coefficient) for u in regulations.load("bts-mos").units]


@pytest.mark.parametrize(
    "old, new, key",
    [
        ("premiere = 2022\n", "", "sessions.premiere"),
        ("premiere = 2022\n", "premiere = 22\n", "sessions.premiere"),
        ("derniere = 2026\n", "derniere = 2020\n", "sessions.derniere"),
        ("maximum = 2\n", "maximum = -1\n", "facultatives.maximum"),
        ("maximum = 2\n", 'maximum = "deux"\n', "facultatives.maximum"),
        ('defection_toleree = ["parite"]', 'defection_toleree = ["parite", "quorum"]', "politiques.defection_toleree"),
        ("coefficient = 8\ndispense = false\n", "coefficient = 8\n", "unites[U4].dispense"),
        ("coefficient = 8\ndispense = false\n", 'coefficient = 8\ndispense = "non"\n', "unites[U4].dispense"),
        ("hors_maximum = true\n", "hors_maximum = true\ndispense = true\n", "unites[UF4].dispense"),
        ("coefficient = 8\ndispense = false\n", "coefficient = 8\ndispense = false\nhors_maximum = true\n", "unites[U4].hors_maximum"),
        ("format = 2\n", "format = 3\n", "format"),
    ],
)
def test_format_2_keys_are_checked_by_key(old, new, key):
    assert _keys(_copy((old, new))) == [key]


@pytest.mark.parametrize("section", ["sessions", "facultatives"])
def test_format_2_requires_its_sections(section):
    start = SHIPPED_TEXT.index(f"\n[{section}]\n")
    end = SHIPPED_TEXT.index("\n[", start + 1)
    assert _keys(SHIPPED_TEXT[:start] + SHIPPED_TEXT[end:]) == [section]
