"""Rendering the four documents from sample contexts, read back with python-docx."""

from __future__ import annotations

import os
import shutil
import stat
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from jury_tui.documents import docx_kit, render
from jury_tui.documents import files as files_module
from jury_tui.documents.readback import find_candidates_table
from jury_tui.documents.render import default_template
from jury_tui.errors import JuryError

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "documents"))
import documents_samples as samples  # noqa: E402

CREATED = datetime(2026, 6, 20, 14, 5, tzinfo=UTC)
PROPS = {"title": "Procès-verbal — tour 1", "author": "BTS MOS — jury 1", "created": CREATED}
CANDIDATE_ONLY_NAMES = ["Dupont & Fils <test>", "O'Brien \"Jo\"", "Ñúñez", "Éloïse", "Gwenaëlle", "CHEVALIER"]


def table(document, caption):
    (tbl,) = docx_kit.tables_with_caption(document.element.body, caption)
    from docx.table import Table

    return Table(tbl, document._body)


def rows_text(tbl):
    return [[cell.text for cell in row.cells] for row in tbl.rows]


def all_text(path: Path) -> str:
    """Every text of every XML part (body, headers, footers, properties)."""
    with zipfile.ZipFile(path) as archive:
        return "\n".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml"))


def part_text(element) -> str:
    from docx.text.paragraph import Paragraph

    return "\n".join(Paragraph(p, None).text for p in element.iter(qn("w:p")))


@pytest.fixture(scope="module")
def pv_path(tmp_path_factory):
    """The unsigned PV of the sample, rendered once for the tests that only read it."""
    folder = tmp_path_factory.mktemp("pv")
    return render("pv", samples.pv(), folder / "pv.docx", properties=PROPS)


# --------------------------------------------------------------------------- pv


def test_pv_rows_in_numero_order_with_grades_adjustments_and_decisions(pv_path):
    document = Document(pv_path)
    rows = rows_text(find_candidates_table(document))
    header = [cell.split("\n")[0] for cell in rows[0]]
    assert header == ["N°", "Nom", "Prénom"] + [u[0] for u in samples.UNITS] + ["Moyenne", "Décision", "Observations"]
    body = {row[0]: dict(zip(header, row)) for row in rows[1:]}
    assert list(body) == sorted(body) and len(body) == 12
    durand = body["02601"]
    assert (durand["U6"], durand["U51"], durand["U52"]) == ("9,50 → 10,00", "DISP", "B2024 : 13,00")
    assert (durand["Moyenne"], durand["Décision"]) == ("11,57", "Admis")
    assert (body["02605"]["U4"], body["02605"]["Décision"]) == ("ABS", "Non délivré")
    assert "Décision contraire à la proposition (ajourné)" in body["02606"]["Observations"]
    assert "Livret examiné" in body["02603"]["Observations"]
    assert body["02604"]["Décision"] == "Contrôle"
    assert body["02608"]["U4"] == "VAE" and body["02609"]["U51"] == "NP"


def test_pv_header_jury_composition_coefficients(pv_path):
    document = Document(pv_path)
    info = " ".join(" ".join(r) for r in rows_text(table(document, "entete")))
    for expected in ("Académie de Normandie", "BTS MOS — jury 1", "20 juin 2026", "RNCP35393", "RNCP35393BC06"):
        assert expected in info
    members = rows_text(table(document, "membres"))
    assert members[1] == ["Président", "MARTIN", "Anne", "IA-IPR", "Présent"]
    assert ["Professionnel", "SIMON", "Julie", "Salarié", "Absent"] in members
    assert len(members) == 1 + len(samples.MEMBERS)
    body = "\n".join(p.text for p in document.paragraphs)
    assert rows_text(table(document, "composition"))[1:] == [
        ["Conclusion", samples.pv().composition_resultat], ["Avertissement", samples.PARITY]
    ]
    assert "Coefficients provisoires" in body
    coefficients = rows_text(table(document, "coefficients"))
    assert ["U4", "E4", samples.UNITS[4][2], "Obligatoire", "8", "—", "RNCP35393BC01"] in coefficients
    assert ["UF2", "EF2", "Surveillance humaine et gardiennage", "Facultative", "—", "1", "RNCP35393BC05"] in coefficients


def test_pv_totals_and_signatures(pv_path):
    document = Document(pv_path)
    totals = {row[0]: row[1:] for row in rows_text(table(document, "totaux"))}
    assert totals["Inscrits"] == ["12", "candidats non retirés"]
    assert totals["Présents"][0] == "12" and totals["Admis"][0] == "7" and totals["Non délivrés"][0] == "1"
    assert totals["Taux de réussite"] == ["58,33\u00a0%", "admis / présents"]
    signatures = rows_text(table(document, "signatures"))
    names = [row[1] for row in signatures[1:]]
    assert names[0] == "MARTIN Anne" and signatures[1][0] == "Président du jury"
    assert "SIMON Julie" not in names and len(names) == 9


def test_unsigned_pv_says_projet_on_every_page_and_has_no_fingerprint(pv_path):
    document = Document(pv_path)
    assert all("PROJET" in part_text(s.header._element) for s in document.sections)
    footer = part_text(document.sections[0].footer._element)
    assert "non signé" in footer and "SHA-256" not in footer
    assert "PAGE" in document.sections[0].footer._element.xml and "NUMPAGES" in document.sections[0].footer._element.xml


def test_signed_pv_has_fingerprint_in_footer_and_no_projet(tmp_path):
    path = render("pv", samples.pv(signed=True), tmp_path / "pv.docx", properties=PROPS)
    document = Document(path)
    footer = part_text(document.sections[0].footer._element)
    assert samples.FINGERPRINT in footer and "MARTIN Anne" in footer and "20/06/2026 à 16:02" in footer
    assert "PROJET" not in part_text(document.sections[0].header._element)


def test_pv_is_landscape_a4(pv_path):
    section = Document(pv_path).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)


def test_anonymous_pv_holds_no_candidate_name(tmp_path):
    path = render("pv", samples.pv(anonymous=True), tmp_path / "pv.docx", properties=PROPS)
    text = all_text(path)
    for name in CANDIDATE_ONLY_NAMES:
        escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")
        assert name not in text and escaped not in text
    header = [c.split("\n")[0] for c in rows_text(find_candidates_table(Document(path)))[0]]
    assert "Nom" not in header and "Prénom" not in header and header[1] == "U1"


@pytest.mark.parametrize("unit_count", [8, 12, 14])
def test_unit_columns_follow_the_regulation_and_fit_the_page(tmp_path, unit_count):
    path = render("pv", samples.pv(unit_count=unit_count), tmp_path / "pv.docx", properties=PROPS)
    tbl = find_candidates_table(Document(path))
    widths = [int(c.get(qn("w:w"))) for c in tbl._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert len(widths) == 3 + unit_count + 3
    assert abs(sum(widths) - docx_kit.mm(277)) <= 2
    unit_widths = set(widths[3 : 3 + unit_count])
    assert len(unit_widths) == 1 and unit_widths.pop() >= docx_kit.mm(9.5)
    for row in tbl.rows:
        assert len(row._tr.findall(qn("w:tc"))) == len(widths)


def test_long_pv_repeats_its_header_row(tmp_path):
    path = render("pv", samples.pv(copies=10), tmp_path / "pv.docx", properties=PROPS)
    tbl = find_candidates_table(Document(path))
    assert len(tbl.rows) == 1 + 120
    assert tbl.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


# --------------------------------------------------------------------------- other documents


def test_releves_one_page_each_with_units_blocs_and_names_intact(tmp_path):
    path = render("releves", samples.releves(), tmp_path / "releves.docx", properties=PROPS)
    document = Document(path)
    titles = [p for p in document.paragraphs if p.text == "RELEVÉ DE NOTES"]
    assert len(titles) == 4
    # one section each, its pages numbered from 1 (« page 1 / 1 »: see test_documents_pagination)
    assert len(document.sections) == 4
    assert all(s._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1" for s in document.sections)
    identities = [rows_text(docx_kit_table) for docx_kit_table in _tables(document, "candidat")]
    assert identities[1][0][:2] == ["Nom", "Dupont & Fils <test>"]
    assert identities[2][0][:2] == ["Nom", "O'Brien \"Jo\""]
    assert identities[3][0][1] == "Ñúñez" and identities[3][1][1] == "Éloïse"
    notes = rows_text(_tables(document, "notes")[0])
    assert ["U6", "E6", "Participation à la sécurité globale", "6", "9,50 → 10,00", "", "Acquise"] in notes
    assert ["U52", "E52", "Gestion de la relation client", "5", "B2024 : 13,00", "", "Conservée (session 2024)"] in notes
    result = rows_text(_tables(document, "resultat")[0])
    assert result[0] == ["Moyenne générale (sur 20)", "11,57"] and result[1] == ["Décision du jury", "Admis"]
    blocs = rows_text(_tables(document, "blocs")[0])
    assert [row[0] for row in blocs[1:]] == ["RNCP35393BC01", "RNCP35393BC03", "RNCP35393BC04", "RNCP35393BC05"]


def _tables(document, caption):
    from docx.table import Table

    return [Table(t, document._body) for t in docx_kit.tables_with_caption(document.element.body, caption)]


def test_releve_without_bloc_says_so(tmp_path):
    path = render("releves", samples.releves((2,)), tmp_path / "r.docx", properties=PROPS)
    document = Document(path)
    assert not _tables(document, "blocs")
    assert any(p.text == "Aucun bloc de compétences acquis." for p in document.paragraphs)


def test_attestations_list_blocs_with_d643_15_wording(tmp_path):
    path = render("attestations", samples.attestations(), tmp_path / "a.docx", properties=PROPS)
    document = Document(path)
    blocs = [rows_text(t) for t in _tables(document, "blocs")]
    assert len(blocs) == 3
    assert [row[0] for row in blocs[0][1:]] == ["RNCP35393BC01", "RNCP35393BC02", "RNCP35393BC03", "RNCP35393BC04"]
    assert blocs[1][1:] == [["RNCP35393BC02", "Management des ressources humaines", "U51", "10,00"],
                            ["RNCP35393BC05", "Surveillance humaine et gardiennage", "UF2", "11,00"]]  # fmt: skip
    body = "\n".join(p.text for p in document.paragraphs)
    assert body.count("D643-15") == 3 and body.count("ATTESTATION") == 3
    assert rows_text(_tables(document, "candidat")[0])[0] == ["Nom", "Ñúñez", "Prénom", "Éloïse"]


def test_admis_alphabetical_names_only(tmp_path):
    path = render("admis", samples.admis(), tmp_path / "admis.docx", properties=PROPS)
    document = Document(path)
    rows = rows_text(_tables(document, "admis")[0])
    assert rows[0] == ["Nom", "Prénom"]
    assert [r[0] for r in rows[1:]] == ["ÇELIK", "CHEVALIER", "Dupont & Fils <test>", "DURAND", "LE GOFF",
                                        "MARTIN", "PERRIN"]  # fmt: skip
    text = all_text(path)
    assert "02601" not in text and "11,57" not in text
    assert any(p.text == "Nombre de candidats admis\u00a0: 7" for p in document.paragraphs)


def test_empty_admis_list(tmp_path):
    context = samples.admis()
    empty = type(context)(entete=context.entete, admis=[], nombre="0", precision=context.precision)
    document = Document(render("admis", empty, tmp_path / "admis.docx", properties=PROPS))
    assert any(p.text == "Aucun candidat admis." for p in document.paragraphs)


# --------------------------------------------------------------------------- templates refused


def _site_template(tmp_path, text: str, name: str = "pv_site.docx") -> Path:
    document = Document(default_template("pv"))
    document.add_paragraph(text)
    path = tmp_path / name
    document.save(path)
    return path


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("{{ jury_nom }}", "le modèle pv_site.docx utilise la variable « jury_nom » qui n'existe pas"),
        ("{{ entete.jury_nom }}", "« entete.jury_nom » : « jury_nom » n'existe pas"),
        ("{% for c in candidats %}{{ c.note_finale }}{% endfor %}", "« c.note_finale »"),
        ("{% for c in candidats %}{% for n in c.notes %}{{ n }}{% endfor %}{{ c.totaux.x }}{% endfor %}",
         "« c.totaux »"),
        ("{{ entete.__class__ }}", "« __class__ » n'existe pas"),
    ],
)  # fmt: skip
def test_unknown_variable_is_refused_with_its_name(tmp_path, tag, expected):
    template = _site_template(tmp_path, tag)
    out = tmp_path / "out" / "pv.docx"
    out.parent.mkdir()
    with pytest.raises(JuryError) as info:
        render("pv", samples.pv(), out, template=template, properties=PROPS)
    assert expected in str(info.value)
    assert list(out.parent.iterdir()) == []


def test_refusal_lists_the_available_variables(tmp_path):
    with pytest.raises(JuryError) as info:
        render("pv", samples.pv(), tmp_path / "pv.docx", template=_site_template(tmp_path, "{{ jury_nom }}"),
               properties=PROPS)  # fmt: skip
    assert "variables disponibles : entete, tour, tour_libelle, anonyme" in str(info.value)


def test_malformed_tag_is_refused_in_french(tmp_path):
    with pytest.raises(JuryError) as info:
        render("pv", samples.pv(), tmp_path / "pv.docx", template=_site_template(tmp_path, "{{ entete.jury "),
               properties=PROPS)  # fmt: skip
    assert "balise mal formée" in str(info.value)


def test_missing_or_unreadable_template(tmp_path):
    with pytest.raises(JuryError, match="modèle introuvable"):
        render("pv", samples.pv(), tmp_path / "pv.docx", template=tmp_path / "absent.docx", properties=PROPS)
    bad = tmp_path / "bad.docx"
    bad.write_text("pas un docx")
    with pytest.raises(JuryError, match="pas un document Word"):
        render("pv", samples.pv(), tmp_path / "pv.docx", template=bad, properties=PROPS)


def test_unknown_kind_is_refused():
    with pytest.raises(JuryError, match="type de document inconnu « bulletin »"):
        render("bulletin", samples.pv(), "/tmp/x.docx", properties=PROPS)


def test_a_site_template_edited_and_renamed_still_renders(tmp_path):
    template = _site_template(tmp_path, "Visa du recteur : {{ entete.academie }}", name="pv_normandie.docx")
    document = Document(render("pv", samples.pv(), tmp_path / "pv.docx", template=template, properties=PROPS))
    assert any(p.text == "Visa du recteur : Académie de Normandie" for p in document.paragraphs)


# --------------------------------------------------------------------------- properties and files


def test_core_properties_are_set_and_python_docx_is_gone(pv_path):
    core = Document(pv_path).core_properties
    assert core.title == "Procès-verbal — tour 1"
    assert core.author == core.last_modified_by == "BTS MOS — jury 1"
    assert core.created.replace(tzinfo=None) == core.modified.replace(tzinfo=None) == datetime(2026, 6, 20, 14, 5)
    assert core.language == "fr-FR" and core.revision == 1
    with zipfile.ZipFile(pv_path) as archive:
        meta = archive.read("docProps/core.xml") + archive.read("docProps/app.xml")
        assert b"python-docx" not in meta and "docProps/thumbnail.jpeg" not in archive.namelist()


def test_output_is_private_and_no_temp_file_remains(pv_path):
    assert stat.S_IMODE(pv_path.stat().st_mode) == 0o600
    assert [p.name for p in pv_path.parent.iterdir()] == ["pv.docx"]


def test_output_in_a_set_group_id_folder_is_shared_with_the_group(tmp_path):
    shared = tmp_path / "jury"
    shared.mkdir()
    os.chmod(shared, 0o2770)
    if not shared.stat().st_mode & stat.S_ISGID:
        pytest.skip("set-group-ID folders are not supported here")
    path = render("admis", samples.admis(), shared / "admis.docx", properties=PROPS)
    assert stat.S_IMODE(path.stat().st_mode) == 0o660
    assert path.stat().st_gid == shared.stat().st_gid


def test_a_failing_write_leaves_no_file_and_keeps_the_previous_one(tmp_path, monkeypatch):
    target = tmp_path / "pv.docx"
    target.write_bytes(b"previous")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files_module.os, "replace", broken_replace)
    with pytest.raises(JuryError, match="écriture impossible"):
        render("pv", samples.pv(), target, properties=PROPS)
    assert [p.name for p in tmp_path.iterdir()] == ["pv.docx"]
    assert target.read_bytes() == b"previous"


def test_a_failing_fsync_leaves_nothing(tmp_path, monkeypatch):
    def broken_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(files_module.os, "fsync", broken_fsync)
    with pytest.raises(JuryError):
        render("pv", samples.pv(), tmp_path / "pv.docx", properties=PROPS)
    assert list(tmp_path.iterdir()) == []


def test_missing_destination_folder_is_refused(tmp_path):
    with pytest.raises(JuryError, match="n'existe pas"):
        render("pv", samples.pv(), tmp_path / "absent" / "pv.docx", properties=PROPS)


def test_control_characters_in_data_do_not_break_the_document(tmp_path):
    context = samples.pv()
    row = context.candidats[0]
    broken = type(row)(**{**row.__dict__, "nom": "DU\x0cRAND\x07\x00", "observations": "a\nb"})
    context = type(context)(**{**context.__dict__, "candidats": [broken]})
    document = Document(render("pv", context, tmp_path / "pv.docx", properties=PROPS))
    rows = rows_text(find_candidates_table(document))
    assert rows[1][1] == "DURAND" and rows[1][-1] == "a\nb"


def _entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_shipped_templates_are_the_built_ones(tmp_path):
    """templates/*.docx are what scripts/build_templates.py builds (run it after a change)."""
    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root / "scripts"))
    import build_templates

    out = tmp_path / "templates"
    out.mkdir()
    shutil.copy(root / "templates" / "README.md", out / "README.md")
    build_templates.main(["--out", str(out)])
    for name in ("pv.docx", "releve.docx", "attestation.docx", "admis.docx"):
        assert _entries(out / name) == _entries(root / "templates" / name), name
    assert (out / "README.md").read_text() == (root / "templates" / "README.md").read_text()


@pytest.mark.parametrize("kind", ["pv", "releves", "attestations", "admis"])
def test_structure_word_requires(tmp_path, kind):
    """Word refuses a cell without a paragraph, and wants a header, a footer and the body to end with one."""
    context = {"pv": samples.pv(signed=True, anonymous=True), "releves": samples.releves(),
               "attestations": samples.attestations(), "admis": samples.admis()}[kind]  # fmt: skip
    document = Document(render(kind, context, tmp_path / "doc.docx", properties=PROPS))
    for tc in document.element.body.iter(qn("w:tc")):
        assert tc[-1].tag == qn("w:p")
    body = [child for child in document.element.body if child.tag != qn("w:sectPr")]
    assert body[-1].tag == qn("w:p")
    for section in document.sections:
        for part in (section.header._element, section.footer._element):
            assert part[-1].tag == qn("w:p")
    for tbl in document.element.body.iter(qn("w:tbl")):
        columns = len(tbl.find(qn("w:tblGrid")))
        for tr in tbl.findall(qn("w:tr")):
            assert sum(docx_kit._span(tc) for tc in tr.findall(qn("w:tc"))) == columns
