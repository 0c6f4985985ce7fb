"""The decision table of RULES.md §5 through `jury decide`, on the demo's candidates.

Proposals on the demo (tour 1): 02603 admis, 02609 controle, 02606 ajourne, 02613 non_delivre,
02618 incomplet — none of them with a livret. 02605 (ajourne) and 02607 (controle) have one.
"""

from __future__ import annotations

import pytest
from cli_helpers import DEMO_SOURCES, jury, ok, refused, results_json, unchanged

ADMIS, CONTROLE, AJOURNE, NON_DELIVRE, INCOMPLET = "02603", "02609", "02606", "02613", "02618"

# (candidate, decision) -> None: allowed without a reason; "reason": allowed with one;
# an article: forbidden whatever the reason, the message citing it.
TABLE = {
    (ADMIS, "admis"): None,
    (ADMIS, "ajourne"): "reason",
    (ADMIS, "controle"): "D643-22",
    (ADMIS, "non_delivre"): "D643-24",
    (CONTROLE, "controle"): None,
    (CONTROLE, "admis"): "reason",
    (CONTROLE, "ajourne"): "reason",
    (CONTROLE, "non_delivre"): "D643-24",
    (AJOURNE, "ajourne"): None,
    (AJOURNE, "admis"): "reason",
    (AJOURNE, "controle"): "D643-22",
    (AJOURNE, "non_delivre"): "D643-24",
    (NON_DELIVRE, "non_delivre"): None,
    (NON_DELIVRE, "admis"): "D643-24",
    (NON_DELIVRE, "ajourne"): "D643-24",
    (NON_DELIVRE, "controle"): "D643-24",
}


@pytest.fixture(scope="module")
def demo_bytes(tmp_path_factory) -> bytes:
    folder = tmp_path_factory.mktemp("demo-source")
    ok(jury("demo", folder / "demo.json"))
    return (folder / "demo.json").read_bytes()


@pytest.fixture
def fresh(tmp_path, demo_bytes):
    path = tmp_path / "demo.json"
    path.write_bytes(demo_bytes)
    return path


def test_the_demo_has_the_proposals_this_table_relies_on(fresh):
    rows = results_json(fresh)
    assert [rows[n]["proposition"] for n in (ADMIS, CONTROLE, AJOURNE, NON_DELIVRE, INCOMPLET)] == [
        "admis", "controle", "ajourne", "non_delivre", "incomplet"]
    assert not any(rows[n]["livret"] for n in (ADMIS, CONTROLE, AJOURNE, NON_DELIVRE))


@pytest.mark.parametrize("numero, decision", sorted(TABLE))
def test_decision_table(fresh, numero, decision):
    rule = TABLE[(numero, decision)]
    if rule is None:
        ok(jury("decide", fresh, numero, decision))
        row = results_json(fresh)[numero]
        assert row["decision"] == decision and row["decisions"][0]["motif"] is None
    elif rule == "reason":
        with unchanged(fresh):
            refused(jury("decide", fresh, numero, decision), f"candidat {numero}", "contraire à la proposition",
                    "motif est obligatoire")
        with unchanged(fresh):
            refused(jury("decide", fresh, numero, decision, "--reason", "   "), "motif est obligatoire")
        ok(jury("decide", fresh, numero, decision, "--reason", "délibération souveraine du jury"))
        row = results_json(fresh)[numero]
        assert row["decision"] == decision and row["decisions"][0]["motif"] == "délibération souveraine du jury"
    else:
        for extra in ((), ("--reason", "le jury insiste")):
            with unchanged(fresh):
                refused(jury("decide", fresh, numero, decision, *extra), f"candidat {numero}", rule)


@pytest.mark.parametrize("decision", ["admis", "ajourne", "controle", "non_delivre"])
def test_no_decision_for_an_incomplete_candidate(fresh, decision):
    with unchanged(fresh):
        refused(jury("decide", fresh, INCOMPLET, decision, "--reason", "x"), "candidat 02618", "incomplet", "U52")


def test_changing_a_decision_follows_the_same_table(fresh):
    ok(jury("decide", fresh, ADMIS, "admis"))
    with unchanged(fresh):
        refused(jury("decide", fresh, ADMIS, "ajourne"), "motif est obligatoire")
    ok(jury("decide", fresh, ADMIS, "ajourne", "--reason", "stage non validé"))
    assert results_json(fresh)[ADMIS]["decision"] == "ajourne"


def test_abs_to_abj_opens_the_way_for_a_non_delivre_candidate(fresh):
    ok(jury("adjust", fresh, NON_DELIVRE, "U4", "ABJ", "--reason", "force majeure admise"))
    row = results_json(fresh)[NON_DELIVRE]
    assert row["proposition"] != "non_delivre"
    ok(jury("decide", fresh, NON_DELIVRE, row["proposition"]))


@pytest.mark.parametrize("numero, decision", [("02605", "ajourne"), ("02607", "controle"), ("02607", "ajourne")])
def test_livret_must_be_examined_before_an_unfavourable_decision(fresh, numero, decision):
    reason = () if decision == results_json(fresh)[numero]["proposition"] else ("--reason", "motif")
    with unchanged(fresh):
        refused(jury("decide", fresh, numero, decision, *reason), f"candidat {numero}", "livret", "D643-26")
    ok(jury("decide", fresh, numero, decision, *reason, "--livret-examine"))
    row = results_json(fresh)[numero]
    assert row["decision"] == decision and row["livret_examine"] is True


def test_livret_examined_is_not_recorded_by_a_refused_decision(fresh):
    with unchanged(fresh):
        refused(jury("decide", fresh, "02607", "admis", "--livret-examine"), "motif est obligatoire")
    assert results_json(fresh)["02607"]["livret_examine"] is False
    ok(jury("decide", fresh, "02607", "admis", "--livret-examine", "--reason", "dossier solide"))
    assert results_json(fresh)["02607"]["livret_examine"] is True


def test_favourable_decision_needs_no_livret_examination(fresh):
    ok(jury("decide", fresh, "02601", "admis"))
    assert results_json(fresh)["02601"]["livret_examine"] is False


@pytest.fixture
def tour2(signed_demo):
    return signed_demo


@pytest.mark.parametrize("numero, decision, rule", [
    ("02607", "admis", None),          # proposed admis after the contrôle
    ("02607", "ajourne", "reason"),
    ("02608", "ajourne", None),        # proposed ajourne after the contrôle
    ("02608", "admis", "reason"),
    ("02607", "controle", "tour 2"),
    ("02608", "non_delivre", "tour 2"),
])
def test_tour_2_decisions(tour2, numero, decision, rule):
    ok(jury("import", "controle", tour2, DEMO_SOURCES / "controle.csv"))
    if rule is None:
        ok(jury("decide", tour2, numero, decision))
    elif rule == "reason":
        with unchanged(tour2):
            refused(jury("decide", tour2, numero, decision), f"candidat {numero}", "motif est obligatoire")
        ok(jury("decide", tour2, numero, decision, "--reason", "délibération"))
    else:
        with unchanged(tour2):
            refused(jury("decide", tour2, numero, decision, "--reason", "x"), f"candidat {numero}", rule)
        return
    row = results_json(tour2)[numero]
    assert [(d["tour"], d["decision"]) for d in row["decisions"]] == [(1, "controle"), (2, decision)]
