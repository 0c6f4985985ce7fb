"""Every document of the demo session (both tours), exported and read back with python-docx."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest
from docx import Document

from jury_tui.deliberation import Session
from jury_tui.deliberation.docs import default_output, export, exportable_kinds
from jury_tui.documents import read_pv
from jury_tui.documents.typography import french as F
from jury_tui.errors import JuryError

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "documents"))
import session_docs as sd  # noqa: E402

ADMITTED_AT_TOUR_2 = {"02607", "02609", "02611"}


@pytest.fixture(scope="module")
def closed_source(tmp_path_factory) -> Path:
    return sd.build_once(tmp_path_factory.mktemp("closed"), sd.closed_demo)


@pytest.fixture(scope="module")
def tour1_source(tmp_path_factory) -> Path:
    return sd.build_once(tmp_path_factory.mktemp("tour1"), sd.signed_tour1)


def _copy(source: Path, tmp_path: Path) -> Session:
    folder = tmp_path / "session"
    if folder.exists():  # a test that uses two sessions
        folder = tmp_path / "session-2"
    return Session(sd.copy_session(source, folder))


@pytest.fixture
def closed(closed_source, tmp_path) -> Session:
    return _copy(closed_source, tmp_path)


@pytest.fixture
def tour1(tour1_source, tmp_path) -> Session:
    return _copy(tour1_source, tmp_path)


def exports(session: Session) -> list[dict]:
    return [e for e in session.view().audit if e["action"] == "export"]


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".lock"))


# --------------------------------------------------------------------------- pv, tour 1


def test_pv_tour1_holds_every_candidate_grade_adjustment_decision_and_observation(closed, tmp_path):
    (path,) = export(closed, "pv", tmp_path / "pv1.docx", tour=1)
    document = Document(path)
    rows = sd.keyed_rows(sd.table(document, "candidats"))
    view = closed.view()
    assert list(rows) == sorted(c.numero for c in view.active) and len(rows) == 64
    durand = rows["02601"]
    assert (durand["Nom"], durand["Prénom"]) == ("DURAND", "Léa")
    assert (durand["U1"], durand["U51"], durand["U52"], durand["U6"], durand["UF2"], durand["UF1"]) == (
        "12,50", "VAE", F("B2024 : 13,00"), "9,50 → 10,00", "14,00", "")  # fmt: skip
    assert (durand["Moyenne"], durand["Décision"]) == ("11,57", "Admis")
    assert F("Note du jury en U6 : 9,50 → 10,00 (Points de jury : progression constatée sur l'année)") in durand["Observations"]
    assert "Livret examiné" in durand["Observations"]
    assert rows["02609"]["Moyenne"] == "9,99" and rows["02609"]["Décision"] == "Contrôle"
    assert rows["02613"]["U4"] == "ABS" and rows["02613"]["Décision"] == "Non délivré"
    assert "D643-24" in rows["02613"]["Observations"]
    assert rows["02622"]["U51"] == "NP" and "non présentée" in rows["02622"]["Observations"]
    assert rows["02620"]["U4"] == "VAE" and rows["02616"]["U21"] == "ABJ"
    assert rows["02604"]["Observations"] == F("Carte professionnelle : conditions remplies")
    assert rows["02663"]["Nom"] == "Dupont & Fils <test>" and rows["02663"]["Prénom"] == 'Jo "Jojo" O’Brien'
    assert (rows["02664"]["Nom"], rows["02664"]["Prénom"]) == ("Ñúñez", "Éloïse")


def test_pv_tour1_header_jury_composition_coefficients(closed, tmp_path):
    (path,) = export(closed, "pv", tmp_path / "pv1.docx", tour=1)
    document = Document(path)
    body = sd.body_text(document)
    assert "Première délibération (tour 1)" in body
    assert "Académie de Normandie" in body and "RNCP35393" in body and "Lycée Jean-Rostand" in body
    members = sd.rows(sd.table(document, "membres"))
    assert members[1] == ["Président", "MARTIN", "Anne", "IA-IPR", "Présent"]
    assert ["Enseignant", "PETIT", "Karim", "Enseignant du public", "En visioconférence"] in members
    assert ["Professionnel", "MOULIN", "Fatima", "Salarié", "Absent"] in members
    composition = sd.rows(sd.table(document, "composition"))
    assert composition[1][0] == "Conclusion" and "1 avertissement" in composition[1][1]
    assert composition[2][0] == "Avertissement"  # D643-31, present
    assert F("4 enseignants pour 3 professionnels : la parité n'est pas respectée") in composition[2][1]
    assert F("la délibération reste valable (art. D643-31)") in composition[2][1]
    units = sd.keyed_rows(sd.table(document, "coefficients"))
    assert units["U4"]["Coefficient"] == "8" and units["U4"]["Bloc de compétences"] == "RNCP35393BC01"
    assert units["UF2"]["Coefficient"] == "—" and units["UF2"]["Poids du bonus"] == "1"
    assert F("Coefficients provisoires : coefficients relevés") in body and "total des coefficients" in body


def test_pv_tour1_totals_with_definitions_and_signatures(closed, tmp_path):
    (path,) = export(closed, "pv", tmp_path / "pv1.docx", tour=1)
    document = Document(path)
    totals = {row[0]: row[1:] for row in sd.rows(sd.table(document, "totaux"))[1:]}
    assert totals["Inscrits"] == ["64", "candidats non retirés"]
    assert totals["Présents"][0] == "64" and "au moins une unité notée" in totals["Présents"][1]
    assert [totals[k][0] for k in ("Admis", "Ajournés", "Contrôle", "Non délivrés")] == ["40", "15", "6", "3"]
    assert totals["Taux de réussite"] == ["62,50\u00a0%", "admis / présents"]
    signatures = sd.rows(sd.table(document, "signatures"))[1:]
    assert [row[1] for row in signatures] == [
        "MARTIN Anne", "LEROY Philippe", "BERNARD Sophie", "PETIT Karim", "FOURNIER Isabelle",
        "LOPEZ Marc", "CARON Nathalie", "DUBOIS Sylvain", "LACROIX Bernard",
    ]  # fmt: skip  (MOULIN Fatima was absent)
    assert signatures[0][0] == "Président du jury" and signatures[3][0] == "Membre du jury (en visioconférence)"
    assert "Résultats de la session" not in sd.body_text(document)  # the session's outcome is tour 2's


def test_signed_pv_has_the_stored_fingerprint_in_its_footer_and_no_projet(closed, tmp_path):
    (path,) = export(closed, "pv", tmp_path / "pv1.docx", tour=1)
    document = Document(path)
    signature = closed.view().signature(1)
    footer = sd.footer_text(document)
    assert F(f"empreinte SHA-256 : {signature['empreinte']}") in footer
    assert "Tour 1 signé par MARTIN Anne (président du jury) le 30/06/2026 à" in footer
    assert "PROJET" not in sd.header_text(document)
    assert "PAGE" in sd.xml_text(path) and "NUMPAGES" in sd.xml_text(path)  # page numbers
    core = document.core_properties
    assert core.author == "BTS MOS — jury 1" and "tour 1" in core.title and signature["empreinte"] in core.comments


def test_pv_tour2_shows_the_controle_candidates_their_grades_and_the_session_outcome(closed, tmp_path):
    (path,) = export(closed, "pv", tmp_path / "pv2.docx", tour=2)
    document = Document(path)
    rows = sd.keyed_rows(sd.table(document, "candidats"))
    assert tuple(rows) == sd.CONTROLE
    benali = rows["02607"]
    assert benali["U3"] == "6,50\nC 11,00" and benali["U1"] == "8,00\nC 9,00"
    assert (benali["Moyenne"], benali["Décision"]) == ("10,61", "Admis")
    assert F("Épreuves de contrôle : U1 9,00 (retenue), U3 11,00 (retenue)") in benali["Observations"]
    assert "U21 5,00 (6,50 retenue)" in rows["02608"]["Observations"]
    assert {n for n, r in rows.items() if r["Décision"] == "Admis"} == ADMITTED_AT_TOUR_2
    body = sd.body_text(document)
    assert "Seconde délibération (épreuves de contrôle) (tour 2)" in body
    assert F("Résultats de la session à l'issue des deux délibérations : 43 admis sur 64 présents (67,18 %), "
             "18 ajournés, 3 non délivrés.") in body
    assert closed.view().signature(2)["empreinte"] in sd.footer_text(document)


def test_unsigned_pv_is_a_projet_on_every_page_without_fingerprint(tmp_path):
    session = sd.demo(tmp_path / "demo.json")
    session.decide("02602", "admis")
    (path,) = export(session, "pv")  # no tour signed: the open tour, as a PROJET, next to the session
    assert path == tmp_path / "demo-pv-tour1.docx"
    document = Document(path)
    assert "PROJET — procès-verbal non signé" in sd.header_text(document)
    assert "empreinte SHA-256" not in sd.footer_text(document) and F("Projet : tour non signé") in sd.footer_text(document)
    rows = sd.keyed_rows(sd.table(document, "candidats"))
    assert rows["02602"]["Décision"] == "Admis" and rows["02603"]["Décision"] == "—"
    assert rows["02603"]["Observations"] == F("Proposition : admis")
    assert F("Délibération en cours : 63 candidats sans décision, 0 à revoir.") in sd.body_text(document)
    reading = read_pv(path)
    assert reading.projet and not reading.signe
    assert exports(session)[-1]["apres"]["signe"] is False


def test_default_pv_tour_is_the_latest_signed_one(closed, tour1):
    assert export(closed, "pv")[0].name == "demo-pv-tour2.docx"
    assert export(tour1, "pv")[0].name == "demo-pv-tour1.docx"  # tour 2 open: tour 1's signed minutes
    assert read_pv(tour1.path.with_name("demo-pv-tour1.docx")).signe


def test_a_tour2_projet_while_the_controle_is_open(tour1, tmp_path):
    (path,) = export(tour1, "pv", tmp_path / "pv2.docx", tour=2)
    reading = read_pv(path)
    assert reading.tour == "2" and reading.projet and tuple(reading.lignes) == sd.CONTROLE


def test_anonymous_pv_holds_no_candidate_name(closed, tmp_path):
    (path,) = export(closed, "pv", tmp_path / "anonyme.docx", tour=1, anonymous=True)
    text = sd.xml_text(path)
    view = closed.view()
    import html

    for c in view.candidates:
        for name in (c.nom, c.prenom):
            assert html.escape(name, quote=False) not in text and name not in text, name
    rows = sd.keyed_rows(sd.table(Document(path), "candidats"))
    assert len(rows) == 64 and "Nom" not in rows["02601"]
    assert "(version anonyme)" in Document(path).core_properties.title
    assert exports(closed)[-1]["apres"]["anonyme"] is True


# --------------------------------------------------------------------------- candidates' documents


def test_releves_one_per_candidate_with_final_grades_and_decisions(closed, tmp_path):
    (path,) = export(closed, "releves", tmp_path / "releves.docx")
    document = Document(path)
    identities = sd.tables(document, "candidat")
    notes = sd.tables(document, "notes")
    results = sd.tables(document, "resultat")
    assert len(identities) == len(notes) == len(results) == 64
    by_numero = {sd.rows(t)[0][3]: i for i, t in enumerate(identities)}
    benali = by_numero["02607"]
    assert sd.rows(identities[benali])[0][:2] == ["Nom", "BENALI"]
    lines = sd.keyed_rows(notes[benali])
    assert (lines["U3"]["Note / 20"], lines["U3"]["Contrôle"], lines["U3"]["Mention"]) == ("6,50", "11,00", "Acquise (contrôle)")
    assert lines["U1"]["Mention"] == "Non acquise" and lines["UF1"]["Note / 20"] == "—"
    assert sd.rows(results[benali])[0][1] == "10,61" and sd.rows(results[benali])[1][1] == "Admis"
    durand = sd.keyed_rows(notes[by_numero["02601"]])
    assert durand["U6"]["Note / 20"] == "9,50 → 10,00" and durand["U51"]["Mention"] == "Acquise (VAE)"
    assert durand["U52"]["Mention"] == "Conservée (session 2024)"
    tricky = sd.rows(identities[by_numero["02663"]])
    assert tricky[0][1] == "Dupont & Fils <test>" and tricky[1][1] == 'Jo "Jojo" O’Brien'
    assert F("Décision prise à l'issue des épreuves de contrôle") in sd.body_text(document)


def test_attestations_for_candidates_not_admitted_holding_blocs(closed, tmp_path):
    (path,) = export(closed, "attestations", tmp_path / "attestations.docx")
    document = Document(path)
    people = {sd.rows(t)[1][3]: sd.rows(t) for t in sd.tables(document, "candidat")}
    view = closed.view()
    for numero in people:
        assert view.candidate(numero).latest_decision.decision != "admis"
    assert "02601" not in people and "02607" not in people  # admitted
    assert {"02608", "02621", "02664", "02613"} <= set(people)
    assert people["02664"][0][1] == "Ñúñez" and people["02664"][0][3] == "Éloïse"
    blocs = {sd.rows(t)[1][2]: sd.rows(t) for t in sd.tables(document, "blocs")}
    assert all(row[3] != "DISP" for rows in blocs.values() for row in rows[1:])
    robin = [t for t in sd.tables(document, "blocs") if sd.rows(t)[1][3] == "VAE"]
    assert robin and [row[0] for row in sd.rows(robin[0])[1:]] == [f"RNCP35393BC0{i}" for i in range(1, 5)]
    assert "D643-15" in sd.body_text(document)


def test_admis_alphabetical_names_only(closed, tmp_path):
    (path,) = export(closed, "admis", tmp_path / "admis.docx")
    document = Document(path)
    rows = sd.rows(sd.table(document, "admis"))
    assert rows[0] == ["Nom", "Prénom"] and len(rows) == 1 + 43
    names = [r[0] for r in rows[1:]]
    assert names[:3] == ["ARNAUD", "AUBERT", "BARBIER"] and names.index("ÇELIK") == names.index("CHEVALIER") - 1
    assert ["Dupont & Fils <test>", 'Jo "Jojo" O’Brien'] in rows and "Ñúñez" not in names
    assert "BENALI" in names and "GIRARD" not in names  # admitted at tour 2; ajourné at tour 2
    text = sd.body_text(document)
    assert F("Nombre de candidats admis : 43") in text and "02601" not in sd.xml_text(path)
    assert "Résultats définitifs, après les épreuves de contrôle" in text


def test_admis_of_tour1_once_it_is_signed(tour1, tmp_path):
    (path,) = export(tour1, "admis", tmp_path / "admis1.docx", tour=1)
    text = sd.body_text(Document(path))
    assert F("Nombre de candidats admis : 40") in text and "avant les épreuves de contrôle" in text


@pytest.mark.parametrize("kind", ["releves", "attestations", "admis"])
def test_final_documents_wait_for_every_tour_to_be_signed(tour1, tmp_path, kind):
    before = listing(tmp_path / "session")
    with pytest.raises(JuryError, match="le tour 2 .* n'est pas signé") as info:
        export(tour1, kind, tmp_path / "session" / "doc.docx")
    assert info.value.code == "NOT_FINAL"
    assert listing(tmp_path / "session") == before and exports(tour1) == []


def test_nothing_final_before_tour1_is_signed(tmp_path):
    session = sd.demo(tmp_path / "demo.json", tricky=False)
    with pytest.raises(JuryError, match="le tour 1 n'est pas signé"):
        export(session, "releves", tmp_path / "r.docx")


# --------------------------------------------------------------------------- export mechanics


def test_each_export_is_one_audit_entry(closed, tmp_path):
    export(closed, "pv", tmp_path / "pv.docx", tour=2)
    export(closed, "csv", tmp_path / "resultats.csv")
    pv_entry, csv_entry = exports(closed)
    assert pv_entry["cible"] == "pv tour 2"
    assert pv_entry["apres"] | {} == {
        "type": "pv", "tour": 2, "anonyme": False, "signe": True, "empreinte": closed.view().signature(2)["empreinte"],
        "candidats": 6, "fichiers": ["pv.docx"], "pdf": False, "modele": None, "journal": pv_entry["seq"] - 1,
    }  # fmt: skip
    assert csv_entry["apres"]["fichiers"] == ["resultats.csv"]
    assert closed.verify() == []


def test_csv_is_the_exam_office_results(closed, tmp_path):
    (path,) = export(closed, "csv", tmp_path / "resultats.csv")
    data = path.read_bytes()
    assert data.startswith("\ufeff".encode()) and b"numero;nom;prenom" in data
    assert "Dupont & Fils <test>" in data.decode("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_split_releves_one_file_per_candidate_with_progress(closed, tmp_path):
    seen = []
    out = tmp_path / "releves"
    paths = export(closed, "releves", out, split=True, progress=lambda *a: seen.append(a))
    assert [p.name for p in paths] == [f"releve-{c.numero}.docx" for c in closed.view().active]
    assert listing(out) == sorted(p.name for p in paths)
    assert seen[-1] == ("documents", 64, 64) and len(seen) == 64
    one = Document(out / "releve-02663.docx")
    assert len(sd.tables(one, "candidat")) == 1 and sd.rows(sd.tables(one, "candidat")[0])[0][1] == "Dupont & Fils <test>"
    entry = exports(closed)[-1]["apres"]
    assert entry["dossier"] == "releves" and len(entry["fichiers"]) == 64


def test_split_into_an_existing_folder_keeps_its_other_files(closed, tmp_path):
    out = tmp_path / "courrier"
    out.mkdir()
    (out / "lettre.txt").write_text("à joindre")
    export(closed, "attestations", out, split=True)
    names = listing(out)
    assert "lettre.txt" in names and "attestation-02664.docx" in names and not any(n.startswith(".") for n in names)


def test_progress_of_one_long_document(closed, tmp_path):
    seen = []
    export(closed, "releves", tmp_path / "r.docx", progress=lambda *a: seen.append(a))
    assert seen[0] == ("documents", 1, 64) and seen[-1] == ("documents", 64, 64)


def test_a_failed_split_export_leaves_nothing(closed, tmp_path, monkeypatch):
    import importlib

    render_module = importlib.import_module("jury_tui.documents.render")  # the module, not its function
    calls = []
    real = render_module.atomic_write

    def failing(*args, **kwargs):  # the tenth document cannot be written
        calls.append(1)
        if len(calls) == 10:
            raise JuryError("disque plein")
        return real(*args, **kwargs)

    monkeypatch.setattr(render_module, "atomic_write", failing)
    with pytest.raises(JuryError, match="disque plein"):
        export(closed, "releves", tmp_path / "releves", split=True)
    assert listing(tmp_path) == ["session"] and listing(tmp_path / "session") == ["demo.json"]
    assert exports(closed) == []


def test_a_failed_pdf_leaves_no_document(closed, tmp_path, monkeypatch):
    import jury_tui.documents.pdf as pdf

    monkeypatch.setattr(pdf, "soffice", lambda: "/bin/false")
    with pytest.raises(JuryError, match="LibreOffice a échoué"):
        export(closed, "pv", tmp_path / "pv.docx", pdf=True)
    assert listing(tmp_path) == ["session"] and exports(closed) == []


def test_pdf_without_libreoffice_is_refused_clearly_before_writing(closed, tmp_path, monkeypatch):
    import jury_tui.documents.pdf as pdf

    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    with pytest.raises(JuryError, match="LibreOffice n'est pas installé.*relancez sans --pdf") as info:
        export(closed, "pv", tmp_path / "pv.docx", pdf=True)
    assert info.value.code == "PDF_UNAVAILABLE" and listing(tmp_path) == ["session"] and exports(closed) == []


def test_refused_at_once_while_the_app_holds_the_session_but_not_for_the_app_itself(closed, tmp_path):
    from jury_tui.errors import LockBusy

    app = Session(closed.path)
    app.hold()
    try:
        with pytest.raises(LockBusy, match="ouverte pour écriture"):
            export(Session(closed.path), "releves", tmp_path / "releves", split=True)
        assert listing(tmp_path) == ["session"]
        (path,) = export(app, "admis", tmp_path / "admis.docx")  # the app exports through its own session
        assert path.exists() and exports(app)[-1]["apres"]["type"] == "admis"
    finally:
        app.release()


def test_an_unknown_template_variable_is_refused_with_its_name(closed, tmp_path):
    from jury_tui.documents import default_template

    site = Document(default_template("pv"))
    paragraph = next(p for p in site.paragraphs if "{{ tour_libelle }}" in p.text)
    paragraph.runs[0].text = "{{ tour_libelle }} — {{ academie_region }}"
    site.save(tmp_path / "pv_site.docx")
    with pytest.raises(JuryError, match="« academie_region » qui n'existe pas"):
        export(closed, "pv", tmp_path / "pv.docx", template=tmp_path / "pv_site.docx")
    assert not (tmp_path / "pv.docx").exists() and exports(closed) == []


def test_a_site_template_is_used_and_on_record(closed, tmp_path):
    from jury_tui.documents import default_template

    site = Document(default_template("admis"))
    paragraph = next(p for p in site.paragraphs if "LISTE DES CANDIDATS ADMIS" in p.text)
    paragraph.runs[0].text = "RÉSULTATS — AFFICHAGE DU LYCÉE"
    site.save(tmp_path / "admis_site.docx")
    (path,) = export(closed, "admis", tmp_path / "admis.docx", template=tmp_path / "admis_site.docx")
    assert "RÉSULTATS — AFFICHAGE DU LYCÉE" in sd.body_text(Document(path))
    assert exports(closed)[-1]["apres"]["modele"] == "admis_site.docx"


@pytest.mark.parametrize(
    "kind, options, message",
    [
        ("releves", {"anonymous": True}, "--anonymous ne s'applique qu'au procès-verbal"),
        ("pv", {"split": True}, "--split ne s'applique qu'aux relevés"),
        ("attestations", {"tour": 1}, "--tour ne s'applique qu'au procès-verbal"),
        ("csv", {"pdf": True}, "--template et --pdf ne s'appliquent qu'aux documents Word"),
        ("pv", {"tour": 3}, "une session a un tour 1"),
    ],
)
def test_options_that_do_not_apply_are_refused(closed, tmp_path, kind, options, message):
    with pytest.raises(JuryError, match=message):
        export(closed, kind, tmp_path / "x.docx", **options)
    assert exports(closed) == []


def test_output_paths_are_checked(closed, tmp_path):
    with pytest.raises(JuryError, match="doit finir par .docx"):
        export(closed, "pv", tmp_path / "pv.pdf")
    with pytest.raises(JuryError, match="n'existe pas"):
        export(closed, "pv", tmp_path / "absent" / "pv.docx")
    with pytest.raises(JuryError, match="--split pour un fichier par candidat"):
        export(closed, "releves", tmp_path)


def test_tour2_does_not_exist_before_tour1_is_signed(tmp_path):
    session = sd.demo(tmp_path / "demo.json", tricky=False)
    with pytest.raises(JuryError, match="le tour 1 n'est pas signé"):
        export(session, "pv", tour=2)


# --------------------------------------------------------------------------- for the app


def test_exportable_kinds_follow_the_state(tmp_path, tour1, closed):
    fresh = sd.demo(tmp_path / "fresh.json", tricky=False)
    kinds = {k.kind: k for k in exportable_kinds(fresh.view())}
    assert list(kinds) == ["pv", "releves", "attestations", "admis", "csv", "xlsx"]
    assert kinds["pv"].available and kinds["pv"].tour == 1 and not kinds["pv"].signed and "PROJET" in kinds["pv"].reason
    assert not kinds["releves"].available and "tour 1 n'est pas signé" in kinds["releves"].reason
    kinds = {k.kind: k for k in exportable_kinds(tour1.view())}
    assert kinds["pv"].signed and kinds["pv"].tour == 1 and not kinds["admis"].available
    kinds = {k.kind: k for k in exportable_kinds(closed.view())}
    assert all(k.available for k in kinds.values()) and kinds["pv"].tour == 2


def test_default_output_paths_sit_next_to_the_session(tmp_path):
    session = tmp_path / "bts-mos-2026.json"
    assert default_output(session, "pv", tour=1) == tmp_path / "bts-mos-2026-pv-tour1.docx"
    assert default_output(session, "pv", tour=2, anonymous=True) == tmp_path / "bts-mos-2026-pv-tour2-anonyme.docx"
    assert default_output(session, "releves", split=True) == tmp_path / "bts-mos-2026-releves"
    assert default_output(session, "admis") == tmp_path / "bts-mos-2026-admis.docx"
    assert default_output(session, "csv") == tmp_path / "bts-mos-2026-resultats.csv"
    assert default_output(session, "xlsx") == tmp_path / "bts-mos-2026-resultats.xlsx"
