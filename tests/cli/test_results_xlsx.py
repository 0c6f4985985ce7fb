"""The results as a workbook (`jury export SESSION xlsx`), read back as a spreadsheet reads it;
and the CSV's decision labels."""

from __future__ import annotations

import csv
import io
import zipfile

from cli_helpers import CANDIDATE_HEADER, audit_entries, jury, ok, refused, store_names, unchanged, write_csv
from openpyxl import load_workbook


def exported(session, tmp_path):
    out = tmp_path / "resultats.xlsx"
    assert f"Écrit : {out}" in ok(jury("export", session, "xlsx", "--out", out)).stdout
    return out


def test_the_numero_stays_text_and_the_averages_are_exact_numbers(demo, tmp_path):
    lines = [CANDIDATE_HEADER, "02701;DURAND;Zoé;;;;;;12;11;14;9,5;12;11;13;9,5;;;;"]
    ok(jury("import", "candidates", demo, write_csv(tmp_path / "c.csv", lines)))
    store_names(demo, {"02701": ("=1+1", "Zoé")})  # an import refuses it; a session of an earlier version may hold it
    ok(jury("decide", demo, "02605", "ajourné", "--livret-examine"))
    ok(jury("decide", demo, "02613", "non délivré"))
    out = exported(demo, tmp_path)
    book = load_workbook(out)
    sheet = book["Résultats"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["numéro", "nom", "prénom", "U1"] and "proposition_libelle" not in header
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert len(rows) == 63
    numero, nom = rows["02701"][0], rows["02701"][1]
    assert (numero.value, numero.data_type) == ("02701", "s")  # the zero kept
    assert (nom.value, nom.data_type) == ("=1+1", "s")  # a text, never run as a formula
    at = {name: header.index(name) for name in ("moyenne", "points", "coefficients", "proposition", "décision", "U51")}
    durand = rows["02601"]
    average = durand[at["moyenne"]]
    assert (average.value, average.data_type, average.number_format) == (11.57, "n", "0.00")  # 382/33 truncated
    assert (durand[at["points"]].value, durand[at["coefficients"]].value) == (382, 33)
    assert durand[at["U51"]].value == "VAE"
    assert (rows["02605"][at["décision"]].value, rows["02613"][at["décision"]].value) == ("ajourné", "non délivré")
    assert rows["02607"][at["proposition"]].value == "contrôle"
    assert rows["02618"][at["moyenne"]].value is None
    xml = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode()
    assert "<v>11.57</v>" in xml and "11.5757" not in xml  # the exact two-decimal text, not a float's expansion
    assert sheet.freeze_panes == "A2"
    props = book.properties
    assert props.title == "Résultats — BTS MOS — jury 1 — session 2026" and props.creator == "BTS MOS — jury 1"
    assert "RNCP35393" in props.subject and "Académie de Normandie" in props.description
    entry = audit_entries(demo)[-1]
    assert (entry["action"], entry["apres"]["type"], entry["apres"]["fichiers"]) == ("export", "xlsx", ["resultats.xlsx"])


def test_by_default_next_to_the_session_and_never_half_written(demo, tmp_path):
    ok(jury("export", demo, "xlsx"))
    assert (demo.parent / "demo-resultats.xlsx").is_file()
    with unchanged(demo):
        refused(jury("export", demo, "xlsx", "--pdf"), "xlsx : --template et --pdf ne s'appliquent qu'aux documents Word")
        refused(jury("export", demo, "xlsx", "--out", tmp_path / "absent" / "r.xlsx"), "absent")
        refused(jury("export", demo, "xlsx", "--out", tmp_path / "r.csv"), "r.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo"]


def test_the_csv_keeps_the_ids_and_gives_the_labels(demo):
    ok(jury("decide", demo, "02613", "non_delivre"))
    text = ok(jury("results", demo, "--format", "csv")).stdout.lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    row = next(r for r in rows if r["numero"] == "02613")
    assert (row["proposition"], row["decision"]) == ("non_delivre", "non_delivre")
    assert (row["proposition_libelle"], row["decision_libelle"]) == ("non délivré", "non délivré")
    assert next(r for r in rows if r["numero"] == "02601")["decision_libelle"] == ""
