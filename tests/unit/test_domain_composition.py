"""The jury's own composition (RULES.md §8; D643-31, D643-31-1).

Errors on the jury as appointed; warnings (code suffixed `_PRESENTS`) on the members present.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from jury_tui.domain.composition import Member, check_composition, role_qualite_error

PRESIDENT = Member("MARTIN", "Anne", "president", "ia_ipr")
T_EC = Member("DUBOIS", "Paul", "enseignant", "enseignant_chercheur")
T_PUB1 = Member("PETIT", "Marie", "enseignant", "enseignant_public")
T_PUB2 = Member("LAURENT", "Luc", "enseignant", "enseignant_public")
T_PRIV = Member("SIMON", "Julie", "enseignant", "enseignant_prive_sous_contrat")
EMP1 = Member("MICHEL", "Henri", "professionnel", "employeur")
EMP2 = Member("LEROY", "Claire", "professionnel", "employeur")
SAL1 = Member("GARCIA", "Hugo", "professionnel", "salarie")
SAL2 = Member("DAVID", "Emma", "professionnel", "salarie")
QUAL = Member("BERTIN", "Louis", "personne_qualifiee", None)

# 4 teachers (3 public, one of them an enseignant-chercheur) and 4 professionals (2 + 2): lawful
LAWFUL = [PRESIDENT, T_EC, T_PUB1, T_PUB2, T_PRIV, EMP1, EMP2, SAL1, SAL2, QUAL]


def codes(findings) -> set[str]:
    return {f.code for f in findings}


def absent(members, *who):
    return [replace(m, presence="absent") if m in who else m for m in members]


def without(members, *who):
    return [m for m in members if m not in who]


def test_a_lawful_jury_has_no_finding():
    errors, warnings = check_composition(LAWFUL)
    assert errors == [] and warnings == []


def test_the_smallest_lawful_jury():
    # president + EC + public teacher + employer + employee: 2 teachers (2 public of 2 > half) vs 2 professionals
    errors, warnings = check_composition([PRESIDENT, T_EC, T_PUB1, EMP1, SAL1])
    assert (errors, warnings) == ([], [])


def test_an_enseignant_chercheur_may_preside():
    errors, _ = check_composition([replace(PRESIDENT, qualite="enseignant_chercheur")] + LAWFUL[1:])
    assert errors == []


def test_qualified_persons_need_no_qualite_and_are_not_counted():
    q2 = replace(QUAL, nom="AUTRE", qualite="employeur")
    errors, warnings = check_composition(LAWFUL + [q2])  # two qualified persons, parity still 4 vs 4
    assert (errors, warnings) == ([], [])


def test_empty_jury():
    errors, _ = check_composition([])
    assert codes(errors) == {"JURY_VIDE"}


# --- errors, as appointed ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "members, expected",
    [
        (without(LAWFUL, PRESIDENT), {"JURY_PRESIDENT"}),
        (LAWFUL + [replace(PRESIDENT, nom="SECOND", qualite="enseignant_chercheur")], {"JURY_PRESIDENTS"}),
        # parity: a fifth teacher (public) against four professionals
        (LAWFUL + [replace(T_PUB1, nom="CINQ")], {"JURY_PARITE"}),
        # parity: a fifth professional
        (LAWFUL + [replace(SAL1, nom="CINQ")], {"JURY_PARITE"}),
        # public majority: EC + public vs private + CFA = 2 of 4, not more than half
        (
            [PRESIDENT, T_EC, T_PUB1, T_PRIV, replace(T_PUB2, qualite="enseignant_cfa"), EMP1, EMP2, SAL1, SAL2],
            {"JURY_PUBLIC"},
        ),
        # no enseignant-chercheur other than the president (the president is one)
        (
            [replace(PRESIDENT, qualite="enseignant_chercheur"), replace(T_EC, qualite="enseignant_public")]
            + LAWFUL[2:],
            {"JURY_EC"},
        ),
        (without(LAWFUL, EMP1, EMP2, T_PUB2, T_PRIV), {"JURY_EMPLOYEUR"}),
        (without(LAWFUL, SAL1, SAL2, T_PUB2, T_PRIV), {"JURY_SALARIE"}),
        (LAWFUL + [replace(QUAL, nom="Q2"), replace(QUAL, nom="Q3")], {"JURY_QUALIFIEES"}),
    ],
    ids=["no-president", "two-presidents", "parity-teachers", "parity-pros", "public-majority",
         "no-ec", "no-employer", "no-employee", "three-qualified"],
)
def test_each_rule_broken_as_appointed_is_an_error(members, expected):
    errors, warnings = check_composition(members)
    assert codes(errors) == expected
    assert all(f.level == "error" for f in errors)
    assert warnings == []  # not repeated among the members present


def test_president_qualite_is_an_error():
    errors, _ = check_composition([replace(PRESIDENT, qualite="enseignant_public")] + LAWFUL[1:])
    assert "JURY_PRESIDENT_QUALITE" in codes(errors)
    assert codes(errors) <= {"JURY_PRESIDENT_QUALITE", "JURY_ROLE_QUALITE"}


def test_a_role_and_qualite_that_do_not_fit_is_an_error():
    misfit = Member("X", "Y", "professionnel", "enseignant_public")
    errors, _ = check_composition(LAWFUL + [misfit, replace(T_PUB1, nom="Z")])
    assert "JURY_ROLE_QUALITE" in codes(errors)


@pytest.mark.parametrize(
    "role, qualite, ok",
    [
        ("president", "enseignant_chercheur", True),
        ("president", "ia_ipr", True),
        ("president", "enseignant_public", False),
        ("president", None, False),
        ("enseignant", "enseignant_chercheur", True),
        ("enseignant", "enseignant_public", True),
        ("enseignant", "enseignant_prive_sous_contrat", True),
        ("enseignant", "enseignant_cfa", True),
        ("enseignant", "ia_ipr", False),
        ("enseignant", "employeur", False),
        ("enseignant", None, False),
        ("professionnel", "employeur", True),
        ("professionnel", "salarie", True),
        ("professionnel", "enseignant_public", False),
        ("professionnel", None, False),
        ("personne_qualifiee", None, True),
        ("personne_qualifiee", "employeur", True),
        ("personne_qualifiee", "enseignant_public", True),
        ("inspecteur", "ia_ipr", False),
    ],
)
def test_role_qualite_pairs(role, qualite, ok):
    assert (role_qualite_error(role, qualite) is None) is ok


@pytest.mark.parametrize("presence", ["visio", "absent"])
def test_president_must_attend_in_person(presence):
    errors, _ = check_composition([replace(PRESIDENT, presence=presence)] + LAWFUL[1:])
    assert "JURY_PRESIDENT_PRESENCE" in codes(errors)


def test_other_members_may_take_part_by_video():
    members = [replace(m, presence="visio") if m.role != "president" else m for m in LAWFUL]
    assert check_composition(members) == ([], [])


# --- warnings, among the members present --------------------------------------------------------


@pytest.mark.parametrize(
    "gone, expected",
    [
        # a private teacher absent: 3 teachers present vs 4 professionals
        ((T_PRIV,), "JURY_PARITE_PRESENTS"),
        # an employee absent: 4 vs 3 (the demo's case)
        ((SAL2,), "JURY_PARITE_PRESENTS"),
        # two public teachers absent (and two professionals): EC + private: 1 public of 2, not more than half
        ((T_PUB1, T_PUB2, EMP1, SAL1), "JURY_PUBLIC_PRESENTS"),
        # the enseignant-chercheur absent (and an employer): 3 public teachers, none EC
        ((T_EC, EMP1), "JURY_EC_PRESENTS"),
        # both employers absent (and two teachers): 2 teachers vs 2 employees
        ((EMP1, EMP2, T_PUB2, T_PRIV), "JURY_EMPLOYEUR_PRESENTS"),
        ((SAL1, SAL2, T_PUB2, T_PRIV), "JURY_SALARIE_PRESENTS"),
    ],
    ids=["parity-teacher-gone", "parity-employee-gone", "public", "ec", "employer", "employee"],
)
def test_each_rule_broken_only_among_the_present_is_a_warning(gone, expected):
    errors, warnings = check_composition(absent(LAWFUL, *gone))
    assert errors == []
    assert codes(warnings) == {expected}
    assert all(w.level == "warning" for w in warnings)


def test_visio_counts_as_present():
    members = [replace(m, presence="visio") if m is T_PUB1 else m for m in absent(LAWFUL, SAL2)]
    errors, warnings = check_composition(members)
    assert errors == [] and codes(warnings) == {"JURY_PARITE_PRESENTS"}


def test_absent_president_is_an_error_and_a_warning_among_the_present():
    errors, warnings = check_composition(absent(LAWFUL, PRESIDENT))
    assert codes(errors) == {"JURY_PRESIDENT_PRESENCE"}
    assert codes(warnings) == {"JURY_PRESIDENT_PRESENTS"}


def test_an_absent_qualified_person_changes_nothing():
    assert check_composition(absent(LAWFUL, QUAL)) == ([], [])


def test_a_rule_broken_as_appointed_is_not_repeated_among_the_present():
    members = absent(without(LAWFUL, T_PRIV), T_PUB2)  # 3 vs 4 appointed, 2 vs 4 present
    errors, warnings = check_composition(members)
    assert codes(errors) == {"JURY_PARITE"}
    assert warnings == []


# --- after a defection (D643-31): which rules may be broken among the members present ------------
# « Si la parité n'est pas atteinte en raison de la défection d'un ou plusieurs membres avant le
# début de ses travaux, le jury peut néanmoins délibérer valablement. » The regulation's policy
# defection_toleree names the rules a defection may break; the shipped regulations: parity only.

PARITY_ONLY = frozenset({"parite"})


@pytest.mark.parametrize("gone", [(T_PRIV,), (SAL2,), (EMP1, T_PUB2)], ids=["teacher", "employee", "one-of-each-side"])
def test_parity_lost_by_a_defection_stays_a_warning(gone):
    errors, warnings = check_composition(absent(LAWFUL, *gone), PARITY_ONLY)
    assert errors == []
    assert codes(warnings) <= {"JURY_PARITE_PRESENTS"}


@pytest.mark.parametrize(
    "gone, expected",
    [
        ((T_PUB1, T_PUB2, EMP1, SAL1), "JURY_PUBLIC_PRESENTS"),
        ((T_EC, EMP1), "JURY_EC_PRESENTS"),
        ((EMP1, EMP2, T_PUB2, T_PRIV), "JURY_EMPLOYEUR_PRESENTS"),
        ((SAL1, SAL2, T_PUB2, T_PRIV), "JURY_SALARIE_PRESENTS"),
    ],
    ids=["public-majority", "ec", "employer", "employee"],
)
def test_any_other_rule_broken_by_a_defection_is_an_error(gone, expected):
    errors, warnings = check_composition(absent(LAWFUL, *gone), PARITY_ONLY)
    assert codes(errors) == {expected} and warnings == []
    assert "n'excuse que la perte de la parité" in errors[0].message and errors[0].level == "error"


def test_both_at_once_parity_a_warning_the_employee_an_error():
    # the only employee of a small jury defects: 2 teachers for 1 professional, no employee
    members = absent([PRESIDENT, T_EC, T_PUB1, EMP1, SAL1], SAL1)
    errors, warnings = check_composition(members, PARITY_ONLY)
    assert codes(errors) == {"JURY_SALARIE_PRESENTS"} and codes(warnings) == {"JURY_PARITE_PRESENTS"}


def test_a_wider_policy_turns_the_named_rule_back_into_a_warning():
    members = absent(LAWFUL, T_EC, EMP1)
    errors, warnings = check_composition(members, frozenset({"parite", "enseignant_chercheur"}))
    assert errors == [] and codes(warnings) == {"JURY_EC_PRESENTS"}


def test_without_a_policy_every_rule_among_the_present_is_a_warning_as_before():
    # a regulation of format 1 (an old session's copy) has no policy: the behaviour it was read with
    errors, warnings = check_composition(absent(LAWFUL, T_EC, EMP1), None)
    assert errors == [] and codes(warnings) == {"JURY_EC_PRESENTS"}


def test_an_absent_president_is_said_once_under_the_policy():
    errors, warnings = check_composition(absent(LAWFUL, PRESIDENT), PARITY_ONLY)
    assert codes(errors) == {"JURY_PRESIDENT_PRESENCE"} and warnings == []
