"""Imported files as an exam office in a hurry makes them: a member listed twice, a file saved
in ISO-8859-15 or by a Mac, a JSON escape that is half a character, a file far too large,
an empty list, a header repeated (issue cases 5, 6, 7, 9 and 13). The corpus (corpus/) holds
each file and its messages; these tests hold what a message alone cannot show."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from cli_helpers import (
    CANDIDATE_HEADER,
    DEMO_SOURCES,
    jury,
    ok,
    refused,
    results_json,
    unchanged,
    usage_error,
    write_csv,
)

from jury_tui.deliberation import Session
from jury_tui.errors import JuryError
from jury_tui.importing import limits

CORPUS = Path(__file__).parent / "corpus"
GRADES = "14/03/2005;scolaire;globale;non;non;12;11;13;10;12;11;12;13;;;;"
MEMBERS = [
    "nom;prenom;role;qualite;presence",
    "MARTIN;Anne;president;ia-ipr;present",
    "LEROY;Philippe;enseignant;enseignant-chercheur;present",
    "BERNARD;Sophie;enseignant;enseignant_public;present",
    "PETIT;Karim;enseignant;enseignant_public;present",
    "LOPEZ;Marc;professionnel;employeur;present",
    "DUBOIS;Sylvain;professionnel;salarie;present",
]


@pytest.fixture
def empty(tmp_path) -> Path:
    session = tmp_path / "vide" / "session.json"
    session.parent.mkdir()
    ok(jury("new", session, "--regulation", "bts-mos", "--year", "2026", "--academie", "Académie de Normandie",
            "--jury", "BTS MOS — jury 1"))
    return session


# ---- 5. a member listed twice --------------------------------------------------------------------


def test_a_member_listed_twice_is_refused_instead_of_making_the_jury_lawful(empty, tmp_path):
    ok(jury("import", "members", empty, write_csv(tmp_path / "jury.csv", MEMBERS)))
    refused(jury("check", empty), "3 enseignants pour 2 professionnels : la parité n'est pas respectée")
    twice = write_csv(tmp_path / "jury-bis.csv", [*MEMBERS, "Lopez;MARC;professionnel;employeur;present"])
    with unchanged(empty):
        refused(jury("import", "members", empty, twice),
                "jury-bis.csv, ligne 8 : membre « Lopez MARC » en double : déjà ligne 6 (« LOPEZ Marc »)")
    refused(jury("check", empty), "la parité n'est pas respectée")  # still the jury as it is


# ---- 6. encodings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("encoding", "nom", "prenom", "fragment"), [
    ("iso8859_15", "CŒUR", "Zoé", "« C¼UR » en Windows-1252, « CŒUR » en ISO-8859-15"),
    ("mac_roman", "DURAND", "Léa", "« LŽa » serait « Léa » en Mac Roman ; si c'est l'encodage du fichier, relancez avec --encoding mac-roman"),
])
def test_a_file_in_another_encoding_is_refused_then_read_as_told(empty, tmp_path, encoding, nom, prenom, fragment):
    source = write_csv(tmp_path / "candidats.csv", [CANDIDATE_HEADER, f"03001;{nom};{prenom};{GRADES}"], encoding)
    with unchanged(empty):
        refused(jury("import", "candidates", empty, source), "candidats.csv, ligne 2, colonne", fragment)
    option = {"iso8859_15": "iso-8859-15", "mac_roman": "mac-roman"}[encoding]
    ok(jury("import", "candidates", empty, source, "--encoding", option.upper()))
    row = results_json(empty)["03001"]
    assert (row["nom"], row["prenom"]) == (nom, prenom)


def test_a_utf8_file_read_as_told_in_windows_1252_says_so(empty, tmp_path):
    source = write_csv(tmp_path / "candidats.csv", [CANDIDATE_HEADER, f"03001;DURAND;Léa;{GRADES}"])
    with unchanged(empty):
        refused(jury("import", "candidates", empty, source, "--encoding", "windows-1252"),
                "« LÃ©a » contient le caractère « © »", "lu en Windows-1252 (--encoding windows-1252)",
                "« LÃ©a » serait « Léa » en UTF-8 ; si c'est l'encodage du fichier, relancez avec --encoding utf-8")


def test_every_import_offers_the_encoding(empty, tmp_path, signed):
    jury_file = write_csv(tmp_path / "jury.csv", [*MEMBERS[:-1], "FRANÇOIS;Hélène;professionnel;salarie;present"], "mac_roman")
    ok(jury("import", "members", empty, jury_file, "--encoding", "mac-roman"))
    controle = write_csv(tmp_path / "controle.csv", ["numero;unite;note", "02607;U3;11"], "cp1252")
    ok(jury("import", "controle", signed, controle, "--encoding", "windows-1252"))
    with unchanged(empty):
        usage_error(jury("import", "candidates", empty, controle, "--encoding", "ebcdic"))
        refused(jury("import", "candidates", empty, CORPUS / "note_21.xlsx", "--encoding", "utf-8"),
                "le choix de l'encodage (--encoding) ne vaut que pour un fichier .csv")


def test_the_exam_offices_usual_files_read_as_before(empty, tmp_path):
    """Excel's Windows-1252 with `;` and decimal commas, UTF-8 with a BOM, ISO-8859-15 without
    its eight letters of its own: the demo's 62 candidates, the same names and grades."""
    text = (DEMO_SOURCES / "candidats.csv").read_text(encoding="utf-8")
    expected = None
    for name, data in [("windows-1252.csv", text.encode("cp1252")), ("bom.csv", b"\xef\xbb\xbf" + text.encode()),
                       ("iso-8859-15.csv", text.encode("iso8859_15"))]:
        session = tmp_path / name.replace(".csv", ".json")
        ok(jury("new", session, "--regulation", "bts-mos", "--year", "2026", "--academie", "A", "--jury", "J"))
        (tmp_path / name).write_bytes(data)
        ok(jury("import", "candidates", session, tmp_path / name))
        got = {n: (r["nom"], r["prenom"], r["moyenne"]) for n, r in results_json(session).items()}
        assert len(got) == 62 and got == (expected or got)
        expected = got
    assert expected["02606"][:2] == ("NÚÑEZ", "Adrián")


def test_one_bad_cell_on_line_87_is_named_alone(empty, tmp_path):
    rows = [f"{3001 + i:05d};MARTIN;Paul;{GRADES}" for i in range(100)]
    rows[85] = rows[85].replace("MARTIN;Paul", "MARTIN;Pa\x1bul")
    source = tmp_path / "candidats.csv"
    source.write_bytes(("\r\n".join([CANDIDATE_HEADER, *rows]) + "\r\n").encode("cp1252"))
    with unchanged(empty):
        stderr = refused(jury("import", "candidates", empty, source), "candidats.csv, ligne 87, colonne prenom : « Pa\\x1bul »")
    assert stderr.count("Erreur :") == 1


# ---- 7. a dry run and the import reach the same verdict --------------------------------------------


@pytest.mark.parametrize("name", ["json_substitut_isole.json", "caracteres_de_controle.csv", "mac_roman_sans_encoding.csv",
                                  "membres_en_double.json"])
def test_a_dry_run_and_the_import_give_the_same_refusal(demo, name):
    kind = "members" if name.startswith("membres") else "candidates"
    with unchanged(demo):
        dry = jury("import", kind, demo, CORPUS / name, "--dry-run")
        real = jury("import", kind, demo, CORPUS / name)
    assert dry.exit_code == real.exit_code == 1
    assert dry.stderr == real.stderr and "Erreur inattendue" not in real.stderr


def test_half_a_character_never_reaches_the_session_through_the_operations(demo):
    session = Session(demo)
    for dry_run in (True, False):
        with unchanged(demo), pytest.raises(JuryError) as refusal:
            session.import_file("candidates", str(CORPUS / "json_substitut_isole.json"), dry_run=dry_run)
        assert "moitié de caractère isolée (\\ud800)" in str(refusal.value)


# ---- 9. sizes ------------------------------------------------------------------------------------


def _refused_before_parsing(monkeypatch, *parsers: tuple[object, str]) -> None:
    def parsing(*args, **kwargs):
        raise AssertionError("the file was parsed")

    for owner, name in parsers:
        monkeypatch.setattr(owner, name, parsing)


def test_a_million_rows_are_refused_before_the_csv_is_parsed(empty, tmp_path, monkeypatch):
    import csv

    source = tmp_path / "candidats.csv"
    source.write_bytes((CANDIDATE_HEADER + "\r\n").encode() + b"03001;MARTIN;Paul\r\n" * 1_000_000)
    _refused_before_parsing(monkeypatch, (csv, "reader"))
    with unchanged(empty):
        refused(jury("import", "candidates", empty, source),
                "candidats.csv : trop de lignes : plus de 50 000 lignes de données, pour 50 000 au plus par fichier")


def test_a_file_beyond_the_size_limit_is_read_no_further(empty, tmp_path):
    source = tmp_path / "candidats.csv"
    with open(source, "wb") as handle:
        handle.write((CANDIDATE_HEADER + "\r\n").encode())
        handle.truncate(2 * 1024**3)  # 2 GiB, sparse: reading it whole would take 2 GiB
    with unchanged(empty):
        refused(jury("import", "candidates", empty, source), "fichier trop grand (2048 Mio, au plus 32 Mio")
    fifo = tmp_path / "tube.csv"
    os.mkfifo(fifo)
    with unchanged(empty):
        refused(jury("import", "candidates", empty, fifo), "n'est pas un fichier ordinaire")


def test_a_zip_bomb_is_refused_before_it_is_opened(empty, monkeypatch):
    _refused_before_parsing(monkeypatch, (openpyxl, "load_workbook"))
    with unchanged(empty):
        refused(jury("import", "candidates", empty, CORPUS / "classeur_bombe.xlsx"), "classeur trop grand une fois décompressé")


def test_too_many_json_objects_are_refused_before_the_json_is_parsed(empty, monkeypatch):
    _refused_before_parsing(monkeypatch, (json, "loads"))
    with unchanged(empty):
        refused(jury("import", "candidates", empty, CORPUS / "json_trop_d_objets.json"), "trop de lignes")


def test_a_sheet_is_refused_on_the_size_it_declares_or_stopped_while_it_is_read(empty, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 30)  # the mechanism, on a small workbook
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(CANDIDATE_HEADER.split(";"))
    for i in range(40):
        sheet.append([f"{3001 + i:05d}", "MARTIN", "Paul"])
    honest = tmp_path / "candidats.xlsx"
    book.save(honest)
    with unchanged(empty):
        refused(jury("import", "candidates", empty, honest), "trop de lignes : 40 lignes de données, pour 30 au plus")
    lying = tmp_path / "menteur.xlsx"
    with zipfile.ZipFile(honest) as source, zipfile.ZipFile(lying, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1:T41"/>', b'<dimension ref="A1:C2"/>')
                assert b'"A1:C2"' in data
            target.writestr(info, data)
    with unchanged(empty):
        refused(jury("import", "candidates", empty, lying), "trop de lignes : plus de 30 lignes de données")


def _peak_of(command: list[str]) -> int:
    """The peak resident size, in bytes, of `command` run as the only child of a fresh process."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, timeout=120)
    return int(out.stdout) * 1024  # Linux counts kilobytes


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss in kilobytes")
def test_refusing_huge_files_takes_little_memory(empty, tmp_path):
    """The issue's figures were 2.6 GB to refuse a 1,000,000-row CSV, 4.7 GB for a 1.5 MB XLSX
    that unzips to 1.5 GB: refused now with what a command needs anyway (Python and the rules)."""
    huge = tmp_path / "candidats.csv"
    row = "03001;MARTIN;Paul;" + GRADES + "\r\n"
    huge.write_bytes((CANDIDATE_HEADER + "\r\n" + row * 1_000_000).encode())
    baseline = _peak_of([sys.executable, "-m", "jury_tui", "results", str(empty)])
    for source in (huge, CORPUS / "classeur_bombe.xlsx"):
        peak = _peak_of([sys.executable, "-m", "jury_tui", "import", "candidates", str(empty), str(source)])
        assert peak < baseline + 2 * limits.MAX_BYTES, (source.name, peak, baseline)
    assert limits.MAX_BYTES < huge.stat().st_size


# ---- 13. one message, not a flood ------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "document", "message"), [
    ("candidates", {"candidats": []}, "vide.json, candidats : aucun candidat dans le fichier"),
    ("candidates", {"candidats": [{}, {}]}, "vide.json, candidats : aucun candidat dans le fichier"),
    ("members", {"membres": []}, "vide.json, membres : aucun membre dans le fichier"),
])
def test_an_empty_list_is_one_error(empty, tmp_path, kind, document, message):
    source = tmp_path / "vide.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    with unchanged(empty):
        stderr = refused(jury("import", kind, empty, source), message)
    assert stderr.count("Erreur :") == 1, stderr


def test_a_header_repeated_in_a_workbook_is_one_error(empty, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    header = CANDIDATE_HEADER.split(";")
    sheet.append(header)
    for i in range(40):
        if i == 29:
            sheet.append([h.upper() for h in header])  # a second export pasted below, its header too
        sheet.append([f"{3001 + i:05d}", "MARTIN", "Paul", *GRADES.split(";")])
    path = tmp_path / "candidats.xlsx"
    book.save(path)
    with unchanged(empty):
        stderr = refused(jury("import", "candidates", empty, path), "candidats.xlsx, feuille Sheet, ligne 31 : en-tête répété ligne 31")
    assert stderr.count("Erreur :") == 1, stderr
