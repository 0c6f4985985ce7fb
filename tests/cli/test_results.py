"""`jury results`: the JSON of DESIGN.md §2 key by key on the demo, the Excel-FR CSV, the table."""

from __future__ import annotations

import csv
import io
import json

from cli_helpers import EXPECTED, audit_entries, jury, ok, results_json, store_names, unchanged, write_csv

# DESIGN.md §2, in order
ROW_KEYS = [
    "numero", "nom", "prenom", "moyenne", "points", "coefficients", "proposition", "decision", "decisions",
    "a_revoir", "livret", "livret_examine", "unites_acquises", "blocs_acquis", "ajustements", "controle",
    "carte_professionnelle", "moyenne_professionnelle", "motif", "notes", "manque",
]
COMPARED = ("moyenne", "points", "coefficients", "proposition", "unites_acquises", "blocs_acquis")
UNITS = ["U1", "U21", "U22", "U3", "U4", "U51", "U52", "U6", "UF1", "UF2", "UF3", "UF4"]


def test_json_is_a_versioned_list_ordered_by_numero_with_the_designed_keys(demo):
    with unchanged(demo):
        data = json.loads(ok(jury("results", demo, "--format", "json")).stdout)
    assert list(data) == ["format", "candidats"] and data["format"] == 2
    rows = data["candidats"]
    assert isinstance(rows, list) and len(rows) == 62
    assert [r["numero"] for r in rows] == sorted(EXPECTED)
    for row in rows:
        assert list(row) == ROW_KEYS, row["numero"]
        assert isinstance(row["decisions"], list) and isinstance(row["ajustements"], list)
        assert isinstance(row["controle"], dict)
        for key in ("a_revoir", "livret", "livret_examine", "carte_professionnelle"):
            assert isinstance(row[key], bool)
        for key in ("moyenne", "points", "coefficients"):
            assert row[key] is None or isinstance(row[key], str)


def test_every_demo_candidate_matches_the_independent_computation(demo):
    rows = results_json(demo)
    for numero, expected in EXPECTED.items():
        if numero == "02601":
            continue
        row = rows[numero]
        got = {k: row[k] for k in COMPARED}
        assert got == {k: expected[k] for k in COMPARED}, numero
        assert row["ajustements"] == [] and row["controle"] == {} and row["decision"] is None


def test_02601_is_the_design_example_after_the_u6_adjustment(demo):
    row = results_json(demo)["02601"]
    assert (row["nom"], row["prenom"]) == ("DURAND", "Léa")
    assert (row["moyenne"], row["points"], row["coefficients"]) == ("11.57", "382.00", "33")
    assert row["proposition"] == "admis" and row["decision"] is None and row["decisions"] == []
    assert row["a_revoir"] is False and row["livret"] is True and row["livret_examine"] is False
    assert row["unites_acquises"] == ["U1", "U21", "U22", "U4", "U51", "U52", "U6", "UF2"]
    assert row["blocs_acquis"] == ["RNCP35393BC01", "RNCP35393BC02", "RNCP35393BC03", "RNCP35393BC04", "RNCP35393BC05"]
    assert row["controle"] == {} and row["carte_professionnelle"] is False
    [adj] = row["ajustements"]
    assert list(adj) == ["unite", "avant", "apres", "motif", "par", "le"]
    assert (adj["unite"], adj["avant"], adj["apres"]) == ("U6", "9.50", "10.00")
    assert adj["motif"] and adj["par"] and adj["le"].endswith("Z")
    # before the jury's adjustment, the fixture's figures (the CSV's grades)
    ok(jury("adjust", demo, "02601", "U6", "revert", "--reason", "vérification"))
    row = results_json(demo)["02601"]
    assert {k: row[k] for k in COMPARED} == {k: EXPECTED["02601"][k] for k in COMPARED}


def test_decisions_in_json(demo):
    ok(jury("decide", demo, "02605", "ajourne", "--livret-examine"))
    ok(jury("decide", demo, "02606", "admis", "--reason", "assiduité exemplaire"))
    rows = results_json(demo)
    assert rows["02605"]["decision"] == "ajourne" and rows["02605"]["livret_examine"] is True
    [d] = rows["02606"]["decisions"]
    assert list(d) == ["tour", "decision", "motif", "par", "le"]
    assert (d["tour"], d["decision"], d["motif"], d["par"]) == (1, "admis", "assiduité exemplaire", "secretariat")


def test_carte_professionnelle_flags(demo):
    rows = results_json(demo)
    carte = sorted(n for n, r in rows.items() if r["carte_professionnelle"])
    assert {"02604", "02635", "02649", "02631"} <= set(carte)
    assert not rows["02630"]["carte_professionnelle"]  # UF2 16 with the certificate, but ajourné
    assert not rows["02601"]["carte_professionnelle"]  # admitted with UF2 14, without the certificate


def _csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_csv_for_excel_fr(demo):
    with unchanged(demo):
        raw = ok(jury("results", demo, "--format", "csv")).stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8")[1:]
    assert "\r\n" in text
    header = text.splitlines()[0].split(";")
    assert header[:3] == ["numero", "nom", "prenom"]
    assert header[3:3 + len(UNITS)] == UNITS  # one column per unit, in regulation order
    assert {"moyenne", "points", "coefficients", "proposition", "decision"} <= set(header)
    rows = {r["numero"]: r for r in _csv_rows(text)}
    assert len(rows) == 62
    r = rows["02601"]
    assert (r["nom"], r["prenom"]) == ("DURAND", "Léa")
    assert (r["U1"], r["U51"], r["U6"], r["UF1"], r["UF2"]) == ("12,50", "VAE", "10,00", "", "14,00")
    assert "13,00" in r["U52"] and "2024" in r["U52"]
    assert (r["moyenne"], r["points"], r["coefficients"], r["proposition"]) == ("11,57", "382,00", "33", "admis")
    r = rows["02609"]
    assert r["moyenne"] == "9,99"  # truncated, never rounded to 10,00
    r = rows["02618"]
    assert (r["moyenne"], r["points"], r["coefficients"], r["proposition"]) == ("", "", "", "incomplet")
    assert rows["02613"]["U4"] == "ABS"
    for numero, expected in EXPECTED.items():
        if numero != "02601" and expected["moyenne"] is not None:
            assert rows[numero]["moyenne"] == expected["moyenne"].replace(".", ","), numero


def test_csv_neutralises_formulas(session, tmp_path):
    candidates = write_csv(tmp_path / "c.csv", [
        "numero;nom;prenom;U1;U21;U22;U3;U4;U51;U52;U6",
        "1;DURAND;Léa;12;12;12;12;12;12;12;12",
        "2;MOREAU;Hugo;12;12;12;12;12;12;12;12",
        "3;MARTIN;-Anne;12;12;12;12;12;12;12;12",
    ])
    ok(jury("import", "candidates", session, candidates))
    store_names(session, {"1": ("=CMD|' /C calc'!A0", "Léa"), "2": ("+A1+A2", "@SUM(A1)")})  # refused at import now
    # the JSON keeps the names as they are
    assert results_json(session)["1"]["nom"] == "=CMD|' /C calc'!A0"
    text = ok(jury("results", session, "--format", "csv")).stdout_bytes.decode("utf-8")[1:]
    rows = {r["numero"]: r for r in _csv_rows(text)}
    assert rows["1"]["nom"] == "'=CMD|' /C calc'!A0"
    assert rows["2"]["nom"] == "'+A1+A2" and rows["2"]["prenom"] == "'@SUM(A1)"
    assert rows["3"]["prenom"] == "'-Anne"
    assert rows["1"]["moyenne"] == "12,00"


def test_table_for_people(demo):
    ok(jury("decide", demo, "02602", "admis"))
    ok(jury("set", demo, "02602", "U1", "15", "--reason", "erreur de report"))
    with unchanged(demo):
        out = ok(jury("results", demo, env={"COLUMNS": "80"})).stdout
    lines = out.splitlines()
    assert lines[0].split() == ["numéro", "nom", "prénom", "moyenne", "proposition", "décision", "à", "revoir"]
    line = next(x for x in lines if x.startswith("02602"))
    assert "14,07" in line and line.split()[-3:] == ["admis", "admis", "oui"]
    assert "9,99" in next(x for x in lines if x.startswith("02609"))
    assert "non délivré" in next(x for x in lines if x.startswith("02613"))
    assert "incomplet" in next(x for x in lines if x.startswith("02618"))
    assert len([x for x in lines if x[:1] == "0"]) == 62


def columns_of(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each column, read from the dashes under the headers."""
    import re

    return [m.span() for m in re.finditer(r"-+", lines[1])]


def test_the_table_fits_80_columns_with_every_column_labelled_and_averages_aligned(demo):
    """The demo, with a candidate à revoir and decisions as long as they get (« non délivré »)."""
    ok(jury("decide", demo, "02613", "non_delivre"))
    ok(jury("decide", demo, "02607", "controle", "--livret-examine"))
    ok(jury("set", demo, "02607", "U1", "15", "--reason", "erreur de report"))
    out = ok(jury("results", demo, env={"COLUMNS": "80"})).stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    spans = columns_of(lines)
    headers = [lines[0][a:b].strip() for a, b in spans]
    assert headers == ["numéro", "nom", "prénom", "moyenne", "proposition", "décision", "à revoir"]
    rows = lines[2:]
    for a, b in spans:  # every cell sits in its column: nothing overflows into the next
        assert all(row[b:b + 2].strip() == "" for row in rows), lines[0][a:b]
    start, end = spans[3]
    averages = [row[start:end] for row in rows if row[start:end].strip() not in ("", "—")]
    assert len(averages) == 61 and len({a.index(",") for a in averages}) == 1, averages  # one comma column
    row = next(x for x in rows if x.startswith("02607"))
    assert [row[a:b].strip() for a, b in spans][4:] == ["admis", "contrôle", "oui"]


def test_long_names_are_cut_and_a_narrow_terminal_drops_the_prenom(session, tmp_path):
    from cli_helpers import CANDIDATE_HEADER

    long = write_csv(tmp_path / "longs.csv", [
        CANDIDATE_HEADER,
        "02701;DE LA ROCHEFOUCAULD-MONTMORENCY;Marie-Charlotte-Éléonore;;;;;;12;11;14;9,5;12;11;13;9,5;;;;",
        "02702;LI;Bo;;;;;;ABS;8;8;8;8;8;8;8;;;;",
    ])
    ok(jury("import", "candidates", session, long))
    ok(jury("decide", session, "02702", "non délivré"))
    lines = ok(jury("results", session, env={"COLUMNS": "80"})).stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[0].split()[:3] == ["numéro", "nom", "prénom"]
    assert lines[2].startswith("02701   DE LA ROCHEFO…  Marie-Ch…    11,26")
    narrow = ok(jury("results", session, env={"COLUMNS": "60"})).stdout.splitlines()
    assert max(len(line) for line in narrow) <= 60 and "prénom" not in narrow[0]
    wide = ok(jury("results", session, env={"COLUMNS": "200"})).stdout.splitlines()
    assert "DE LA ROCHEFOUCAULD-MONTMORENCY" in wide[2] and "Marie-Charlotte-Éléonore" in wide[2]


def test_results_reads_only(demo):
    before = len(audit_entries(demo))
    with unchanged(demo):
        for fmt in ("table", "csv", "json"):
            ok(jury("results", demo, "--format", fmt))
    assert len(audit_entries(demo)) == before
