"""`jury check` findings from the domain: regulation (provisional, RNCP ended) and candidates."""

from __future__ import annotations

from datetime import date

from jury_tui import regulations
from jury_tui.domain import grades
from jury_tui.domain.candidate import Candidate
from jury_tui.domain.checks import check_all, check_candidates, check_regulation
from jury_tui.domain.composition import Member
from jury_tui.domain.regulation import parse_regulation
from jury_tui.domain.results import compute

REG = regulations.load("bts-mos")
TEXT, _ = regulations.read_text("bts-mos")
OFFICIAL = parse_regulation(TEXT.replace('status = "provisional"', 'status = "official"'), "copie.toml")
SESSION_DATE = date(2026, 6, 20)
MANDATORY = ("U1", "U21", "U22", "U3", "U4", "U51", "U52", "U6")


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def test_provisional_regulation_is_a_warning():
    findings = check_regulation(REG, None)
    assert codes(findings) == ["REG_PROVISOIRE"]
    assert findings[0].level == "warning"


def test_official_regulation_gives_no_provisional_warning():
    assert OFFICIAL.status == "official" and not OFFICIAL.provisional
    assert check_regulation(OFFICIAL, None) == []


def test_rncp_registration_ended_before_the_session():
    # the shipped file: RNCP35393 ended on 2025-08-31; the session is on 2026-06-20
    findings = check_regulation(OFFICIAL, SESSION_DATE)
    assert codes(findings) == ["REG_RNCP_ECHU"]
    assert findings[0].level == "warning"
    assert "RNCP35393" in findings[0].message and "31/08/2025" in findings[0].message
    assert codes(check_regulation(REG, SESSION_DATE)) == ["REG_PROVISOIRE", "REG_RNCP_ECHU"]


def test_rncp_edges():
    assert check_regulation(OFFICIAL, date(2025, 8, 31)) == []  # the last day of registration
    assert codes(check_regulation(OFFICIAL, date(2025, 9, 1))) == ["REG_RNCP_ECHU"]
    assert check_regulation(OFFICIAL, None) == []  # no session date: nothing to compare


def test_no_rncp_end_date_no_warning():
    reg = parse_regulation(
        TEXT.replace('status = "provisional"', 'status = "official"').replace("fin_enregistrement = 2025-08-31\n", ""),
        "copie.toml",
    )
    assert reg.rncp_end is None
    assert check_regulation(reg, SESSION_DATE) == []


def _candidate(numero: str, **cells: str) -> Candidate:
    notes = {u: grades.parse(t) for u, t in cells.items()}
    return Candidate(numero=numero, nom="NOM", prenom="Prénom", notes=notes)


def test_each_incomplete_candidate_is_a_warning():
    full = {u: "12" for u in MANDATORY}
    missing_u52 = {u: t for u, t in full.items() if u != "U52"}
    results = [compute(_candidate("02601", **full), REG), compute(_candidate("02618", **missing_u52), REG)]
    findings = check_candidates(results)
    assert codes(findings) == ["CAND_INCOMPLET"]
    assert "02618" in findings[0].message and "U52" in findings[0].message
    assert findings[0].level == "warning"


def test_check_all_merges_jury_regulation_and_candidates():
    members = [
        Member("MARTIN", "Anne", "president", "ia_ipr"),
        Member("DUBOIS", "Paul", "enseignant", "enseignant_chercheur"),
        Member("PETIT", "Marie", "enseignant", "enseignant_public"),
        Member("MICHEL", "Henri", "professionnel", "employeur"),
        Member("GARCIA", "Hugo", "professionnel", "salarie", presence="absent"),
    ]
    incomplete = compute(_candidate("02618", U1="12"), REG)
    errors, warnings = check_all(members, REG, SESSION_DATE, [incomplete], year=2026)
    # the only employee gone: parity lost (a warning, D643-31's exception), no employee among
    # those present (an error under the shipped policy defection_toleree = ["parite"])
    assert codes(errors) == ["JURY_SALARIE_PRESENTS"]
    assert codes(warnings) == ["JURY_PARITE_PRESENTS", "REG_PROVISOIRE", "REG_RNCP_ECHU", "CAND_INCOMPLET"]
    errors, _ = check_all(members[1:], REG, SESSION_DATE, [])
    assert "JURY_PRESIDENT" in codes(errors)
