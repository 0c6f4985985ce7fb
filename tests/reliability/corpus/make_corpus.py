"""Write the bad-file corpus (the files beside this script), as an exam office could produce them.

    python tests/reliability/corpus/make_corpus.py

The files are committed; this script says how each was made and can rebuild them. What each
file must give (import kind, message, place) is in expected.toml, written by hand.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent
UNITS = ["U1", "U21", "U22", "U3", "U4", "U51", "U52", "U6", "UF1", "UF2", "UF3", "UF4"]
FIELDS = ["numero", "nom", "prenom", "date_naissance", "statut", "forme", "livret", "attestation_shg"]
HEADER = FIELDS + UNITS
GOOD = ["12", "11", "13", "10", "12", "11", "12", "13", "", "", "", ""]


def row(numero: str, nom: str = "MARTIN", prenom: str = "Paul", *, grades: dict | None = None,
        **fields: str) -> list[str]:
    values = {"date_naissance": "01/02/2005", "statut": "scolaire", "forme": "globale", "livret": "non",
              "attestation_shg": "non", **fields}
    cells = [numero, nom, prenom] + [values[f] for f in FIELDS[3:]]
    notes = dict(zip(UNITS, GOOD))
    notes.update(grades or {})
    return cells + [notes[u] for u in UNITS]


def csv_text(rows: list[list[str]], sep: str = ";", header: list[str] | None = None) -> str:
    lines = [sep.join(header or HEADER)] + [sep.join(r) for r in rows]
    return "\r\n".join(lines) + "\r\n"


def write(name: str, data: str | bytes, encoding: str = "utf-8") -> None:
    (HERE / name).write_bytes(data if isinstance(data, bytes) else data.encode(encoding))


def xlsx_bytes(rows: list[list], title: str = "Candidats") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for r in rows:
        sheet.append(r)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def as_numbers(r: list[str]) -> list:
    out: list = []
    for i, v in enumerate(r):
        if i >= len(FIELDS) and v and v.replace(",", ".").replace(".", "", 1).isdigit():
            out.append(float(v.replace(",", ".")) if "," in v or "." in v else int(v))
        else:
            out.append(v or None)
    return out


def candidates_csv() -> None:
    # encodings
    write("utf16_texte_unicode.csv", "\ufeff" + csv_text([row("03001", "LEFÈVRE", "Zoé")]), "utf-16-le")
    mixed = (csv_text([row("03001", "LEFÈVRE", "Zoé")]).encode("utf-8")
             + ";".join(row("03002", "GUÉRIN", "Inès")).encode("cp1252") + b"\r\n")
    write("encodages_melanges.csv", mixed)
    undecodable = csv_text([row("03001", "DUPONT", "Paul"), row("03002", "DURAND", "Léa"),
                            row("03003", "PETIT", "Max")]).encode("cp1252")
    undecodable = undecodable.replace(b"DUPONT", b"DUP\x81NT").replace(b"PETIT", b"PET\x8dT")
    write("caracteres_illisibles.csv", undecodable)
    write("windows1252_note_21.csv", csv_text([row("03001", "LEFÈVRE", "Zoé"),
                                               row("03002", "FRANÇOIS", "Élodie", grades={"U4": "21"})]), "cp1252")
    write("nul_dans_le_fichier.csv", csv_text([row("03001")]).replace("MARTIN", "MAR\x00TIN"))
    # separators and quotes
    write("separateurs_melanges.csv", "numero;nom;prenom,date_naissance;" + ";".join(HEADER[4:]) + "\r\n"
          + ";".join(row("03001")) + "\r\n")
    write("virgule_sans_guillemets.csv", csv_text([row("03001"), row("03002", grades={"U1": "12,5"})], sep=","))
    write("point_virgule_dans_une_valeur.csv", csv_text([row("03001"), row("03002", "DUPONT;DURAND")]))
    write("tabulations.csv", csv_text([row("03001")], sep="\t"))
    write("sep_barre.csv", "sep=|\r\n" + csv_text([row("03001")]))
    quoted = csv_text([row("03001", '"DUPONT; DURAND"'), row("03002", grades={"U51": "1O"})])
    write("guillemets_avec_separateur.csv", quoted)
    newline = csv_text([row("03001", '"DE LA\r\nTOUR"'), row("03002", grades={"U3": "-1"})])
    write("guillemets_avec_saut_de_ligne.csv", newline)
    write("guillemet_jamais_ferme.csv", csv_text([row("03001"), row("03002", '"DURAND'), row("03003")]))
    write("texte_apres_guillemet.csv", csv_text([row("03001"), row("03002", '"DURAND" Léa')]))
    # rows
    write("numero_en_double.csv", csv_text([row("03001"), row("03002"), row("03001", "DURAND", "Léa")]))
    write("zeros_en_tete_perdus.csv", csv_text([row("2601", "DURAND", "Léa")]))
    write("lignes_vides.csv", csv_text([row("03001"), [""] * 0, [""] * len(HEADER), [""] * 0,
                                        row("03002", grades={"U6": "21"})]))
    write("fichier_vide.csv", "")
    write("seulement_des_lignes_vides.csv", "\r\n;;;;\r\n\r\n")
    write("numero_manquant.csv", csv_text([row("03001"), row("", "DURAND", "Léa")]))
    write("numero_avec_espace.csv", csv_text([row("030 01")]))
    write("nom_manquant.csv", csv_text([row("03001", "")]))
    # columns
    write("colonne_unite_inconnue.csv", csv_text([row("03001") + ["14"]], header=HEADER + ["U7"]))
    typo = HEADER.index("U51")
    write("colonne_unite_mal_tapee.csv", csv_text([row("03001")], header=HEADER[:typo] + ["U5 1"] + HEADER[typo + 1:]))
    missing = [h for h in HEADER if h != "U6"]
    write("colonne_unite_manquante.csv", csv_text([[v for h, v in zip(HEADER, row("03001")) if h != "U6"]], header=missing))
    no_numero = [h for h in HEADER if h != "numero"]
    write("colonne_numero_manquante.csv", csv_text([row("03001")[1:]], header=no_numero))
    write("en_tete_en_double.csv", csv_text([row("03001") + ["12"]], header=HEADER + ["u4"]))
    write("valeurs_sans_en_tete.csv", csv_text([row("03001") + ["oui"]], header=HEADER + [""]))
    # grades
    write("note_21.csv", csv_text([row("03001"), row("03002", grades={"U4": "21"})]))
    write("note_moins_1.csv", csv_text([row("03001", grades={"U21": "-1"})]))
    write("note_12_555.csv", csv_text([row("03001", grades={"U22": "12,555"})]))
    write("note_lettre_o.csv", csv_text([row("03001", grades={"U1": "1O"})]))
    write("dispense_sur_facultative.csv", csv_text([row("03001", grades={"UF1": "DISP"})]))
    write("np_en_forme_globale.csv", csv_text([row("03001", grades={"U4": "NP"})]))
    write("note_conservee_perimee.csv", csv_text([row("03001", grades={"U3": "B2019:12"})]))
    write("note_conservee_sous_10.csv", csv_text([row("03001", grades={"U3": "B2024:8"})]))
    write("note_conservee_mal_ecrite.csv", csv_text([row("03001", grades={"U3": "B24:13"})]))
    write("plusieurs_erreurs.csv", csv_text([row("03001", grades={"U1": "21"}), row("03002", grades={"U4": "1O"}),
                                             row("03003", grades={"U6": "-1"}, livret="peut-être")]))
    # other fields
    write("date_impossible.csv", csv_text([row("03001", date_naissance="31/02/2005")]))
    write("statut_inconnu.csv", csv_text([row("03001", statut="alternant")]))
    write("livret_ni_oui_ni_non.csv", csv_text([row("03001", livret="peut-être")]))
    write("sep_point_virgule_note_21.csv", "sep=;\r\n" + csv_text([row("03001", grades={"U52": "21"})]))
    write("bom_utf8_note_lettre_o.csv", "\ufeff" + csv_text([row("03001", "LEFÈVRE", "Zoé", grades={"U6": "1O"})]))
    demo_row = row("02601", "DURAND", "Léa", grades={"U6": "VAE"})  # DISP: U6 cannot be dispensed at all
    write("reimport_vae_sous_ajustement.csv", csv_text([demo_row]))
    write("fichier_des_membres_importe_en_candidats.csv", "nom;prenom;role;qualite;presence\r\nMARTIN;Anne;president;ia-ipr;present\r\n")
    # a workbook saved with the wrong extension
    write("classeur_renomme_en_csv.csv", xlsx_bytes([HEADER, as_numbers(row("03001"))]))


def candidates_xlsx() -> None:
    good = xlsx_bytes([HEADER, as_numbers(row("03001")), as_numbers(row("03002"))])
    write("classeur_tronque.xlsx", good[: len(good) // 2])
    write("ancien_format_renomme.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    write("classeur_vide.xlsx", xlsx_bytes([]))
    write("note_21.xlsx", xlsx_bytes([HEADER, as_numbers(row("03001")), as_numbers(row("03002", grades={"U4": "21"}))]))
    noisy = as_numbers(row("03001"))
    noisy[HEADER.index("U4")] = 12.3456
    write("note_trop_precise.xlsx", xlsx_bytes([HEADER, noisy]))
    error = as_numbers(row("03001"))
    error[HEADER.index("U52")] = "#DIV/0!"
    write("cellule_en_erreur.xlsx", xlsx_bytes([HEADER, error]))
    lost = as_numbers(row("03001"))
    lost[0] = 2601
    write("numero_nombre_zeros_perdus.xlsx", xlsx_bytes([HEADER, lost]))
    write("classeur_xls.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)


def candidates_json() -> None:
    one = {"numero": "03001", "nom": "MARTIN", "prenom": "Paul", "notes": dict(zip(UNITS[:8], GOOD[:8]))}
    write("json_liste_au_lieu_d_objet.json", json.dumps([one], ensure_ascii=False, indent=2))
    write("json_cle_anglaise.json", json.dumps({"candidates": [one]}, indent=2))
    write("json_notes_en_liste.json", json.dumps({"candidats": [{**one, "notes": GOOD[:8]}]}, indent=2))
    text = json.dumps({"candidats": [one]}, indent=2)
    write("json_virgule_en_trop.json", text.replace('"13"\n', '"13",\n', 1))
    write("json_note_trop_precise.json", json.dumps({"candidats": [one]}, indent=2).replace('"U3": "10"', '"U3": 12.555'))
    write("json_note_21.json", json.dumps({"candidats": [{**one, "notes": {**one["notes"], "U51": 21}}]}, indent=2))


def members() -> None:
    header = "nom;prenom;role;qualite;presence"
    base = ["MARTIN;Anne;president;ia-ipr;present", "LEROY;Philippe;enseignant;enseignant-chercheur;present"]
    write("membres_president_enseignant_public.csv",
          "\r\n".join([header, "MARTIN;Anne;president;enseignant_public;present", base[1]]) + "\r\n")
    write("membres_professionnel_enseignant.csv",
          "\r\n".join([header, *base, "LOPEZ;Marc;professionnel;enseignant_public;present"]) + "\r\n")
    write("membres_role_inconnu.csv", "\r\n".join([header, *base, "DUBOIS;Sylvain;juré;salarie;present"]) + "\r\n")
    write("membres_presence_inconnue.csv", "\r\n".join([header, *base, "DUBOIS;Sylvain;professionnel;salarie;en retard"]) + "\r\n")
    write("membres_sans_colonne_role.csv", "nom;prenom;qualite\r\nMARTIN;Anne;ia-ipr\r\n")
    write("membres_liste_mal_formee.json", json.dumps({"membres": {"nom": "MARTIN", "role": "president"}}, indent=2))
    write("membres_president_sans_qualite.csv", "\r\n".join([header, "MARTIN;Anne;president;;present", base[1]]) + "\r\n")


def controle() -> None:
    header = "numero;unite;note"
    write("controle_unite_hors_controle.csv", "\r\n".join([header, "02607;U3;11", "02607;U4;12"]) + "\r\n")
    write("controle_candidat_inconnu.csv", "\r\n".join([header, "09999;U3;11"]) + "\r\n")
    write("controle_candidat_admis.csv", "\r\n".join([header, "02602;U1;12"]) + "\r\n")
    write("controle_en_double.csv", "\r\n".join([header, "02607;U3;11", "02607;U1;9", "02607;U3;12"]) + "\r\n")
    write("controle_code_au_lieu_de_note.csv", "\r\n".join([header, "02607;U3;DISP"]) + "\r\n")  # ABS, ABJ: an absence


def regulations() -> None:
    from jury_tui.regulations import read_text

    text, _ = read_text("bts-mos")
    u4 = text.index('code = "U4"')
    coef = text.index("coefficient = 8", u4)
    write("reglement_coefficient_manquant.toml", text[:coef] + text[coef + len("coefficient = 8\n"):])
    write("reglement_coefficient_nul.toml", text[:coef] + "coefficient = 0" + text[coef + len("coefficient = 8"):])
    write("reglement_coefficient_texte.toml", text[:coef] + 'coefficient = "8"' + text[coef + len("coefficient = 8"):])
    write("reglement_toml_illisible.toml", text.replace('[seuils]', '[seuils', 1))


def sessions() -> None:
    """Session files that are valid JSON but wrong inside, as a hand edit leaves them."""
    import tempfile

    from jury_tui.demo import build_demo

    with tempfile.TemporaryDirectory() as folder:
        demo = Path(folder) / "demo.json"
        build_demo(demo)
        source = json.loads(demo.read_text(encoding="utf-8"))

    def variant(name: str, change) -> None:
        data = json.loads(json.dumps(source))
        change(data)
        write(name, json.dumps(data, ensure_ascii=False, indent=1))

    def candidate(data: dict, numero: str) -> dict:
        return next(doc for doc in data["candidates"].values() if doc["numero"] == numero)

    variant("session_notes_en_texte.json", lambda d: candidate(d, "02601").update(notes="12,5"))
    variant("session_sans_reglement.json", lambda d: d["session"]["1"].pop("regulation"))
    variant("session_decision_en_nombre.json",
            lambda d: candidate(d, "02602").update(decisions={"1": 3}))
    variant("session_note_illisible.json", lambda d: candidate(d, "02603")["notes"].update(U4="douze"))
    variant("session_membres_en_objet.json", lambda d: d["session"]["1"].update(members={"nom": "MARTIN"}))
    variant("session_livret_en_texte.json", lambda d: candidate(d, "02604").update(livret="oui"))


def fixed_date_xlsx(rows: list[list], title: str) -> bytes:
    """An XLSX of `rows` whose bytes do not depend on the day it is made."""
    from datetime import datetime

    book = openpyxl.Workbook()
    book.properties.created = book.properties.modified = datetime(2026, 6, 1, 8, 0)
    sheet = book.active
    sheet.title = title
    for r in rows:
        sheet.append(r)
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    # openpyxl stamps the time of saving in docProps/core.xml and on each part: fixed dates instead
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-06-01T08:00:00Z", content)
            info.date_time = (2026, 6, 1, 8, 0, 0)
            target.writestr(info, content)
    return out.getvalue()


def encodings_and_characters() -> None:
    """Files read in the wrong encoding, characters no text holds, empty lists, repeated headers."""
    iso = csv_text([row("03001", "CŒUR", "Zoé"), row("03002", "DURAND€", "Léa")])
    write("iso_8859_15_sans_encoding.csv", iso.encode("iso8859_15"))
    write("mac_roman_sans_encoding.csv", csv_text([row("03001", "DURAND", "Léa")]).encode("mac_roman"))
    write("mac_roman_illisible.csv", csv_text([row("03001", "LEFÈVRE", "Hélène")]).encode("mac_roman"))
    write("caracteres_de_controle.csv", csv_text([row("03001", "DUR\x1b[2JAND", "Léa"), row("03002", "MOREAU", "Hu\x07go")]))
    write("nom_caractere_interdit.csv", csv_text([row("03001", "DUPONT & FILS", "Léa"), row("03002", "ŞAHIN", "Emre")]))
    rows = [row(f"{3001 + i:05d}") for i in range(40)]
    write("en_tete_repete.csv", csv_text(rows[:29] + [HEADER] + rows[29:]))
    one = {"numero": "03001", "nom": "MARTIN", "prenom": "Paul", "notes": dict(zip(UNITS[:8], GOOD[:8]))}
    write("json_liste_vide.json", json.dumps({"candidats": []}))
    write("json_substitut_isole.json", json.dumps({"candidats": [{**one, "nom": "DUR\ud800AND"}]}, indent=2))
    write("json_caractere_de_controle.json", json.dumps({"candidats": [{**one, "prenom": "Pa\u001b]0;x\u0007ul"}]}, indent=2))
    write("trop_de_lignes.csv", csv_text([row("03001")]) + "\r\n" * 50_002)  # a "used range" down the sheet
    write("trop_de_colonnes.csv", csv_text([row("03001") + ["x"] * 200], header=HEADER + [f"X{i}" for i in range(200)]))
    write("json_trop_d_objets.json", '{"candidats": [' + ",".join(["{}"] * 100_001) + "]}")
    write("classeur_bombe.xlsx", xlsx_bomb())


def xlsx_bomb() -> bytes:
    """A workbook of a few kilobytes whose sheet unzips to 300 MiB (one row, over and over)."""
    good = zipfile.ZipFile(io.BytesIO(fixed_date_xlsx([HEADER, as_numbers(row("03001"))], "Candidats")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in good.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info, good.read(info.filename))
                continue
            head, _, tail = good.read(info.filename).partition(b"</sheetData>")
            filler = b"<row><c><v>1</v></c></row>" * 40_000
            bomb = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            bomb.compress_type = zipfile.ZIP_BZIP2  # as a zip bomb would: far smaller than deflate
            with target.open(bomb, "w", force_zip64=True) as sheet:
                sheet.write(head)
                for _ in range(300 * 1024 * 1024 // len(filler)):
                    sheet.write(filler)
                sheet.write(b"</sheetData>" + tail)
    return out.getvalue()


def members_twice() -> None:
    """A member listed twice (accents and case aside), in each format an exam office uses."""
    header = ["nom", "prenom", "role", "qualite", "presence"]
    jury = [["MARTIN", "Anne", "president", "ia-ipr", "present"],
            ["LEROY", "Philippe", "enseignant", "enseignant-chercheur", "present"],
            ["BERNARD", "Sophie", "enseignant", "enseignant_public", "present"],
            ["FRANÇOIS", "Hélène", "enseignant", "enseignant_public", "present"],
            ["LOPEZ", "Marc", "professionnel", "employeur", "present"],
            ["DUBOIS", "Sylvain", "professionnel", "salarie", "present"],
            ["Francois", "HELENE", "professionnel", "salarie", "present"]]
    write("membres_en_double.csv", "\r\n".join(";".join(r) for r in [header, *jury]) + "\r\n")
    write("membres_en_double.xlsx", fixed_date_xlsx([header, *jury], "Jury"))
    write("membres_en_double.json", json.dumps({"membres": [dict(zip(header, r)) for r in jury]}, ensure_ascii=False, indent=2))


# A site's template (`jury export SESSION pv --template FILE`) that asks for more than a document
# needs: each tag below in a PV template that is otherwise lawful, typed as Word keeps it.
HOSTILE_TEMPLATES = {
    "modele_texte_multiplie.docx": "{{ entete.jury * 200000000 }}",
    "modele_liste_multipliee.docx": "{% for c in candidats * 10000000 %}{{ c.nom }}{% endfor %}",
    "modele_puissance.docx": "{{ 99999 ** 99999 ** 99999 }}",
    "modele_range_imbriques.docx": "{% for i in range(99999) %}{% for j in range(99999) %}{{ j }}{% endfor %}"
                                   "{% endfor %}",
    "modele_boucles_sans_sortie.docx": "{% for a in candidats %}{% for b in candidats %}{% for c in candidats %}"
                                       "{% for d in candidats %}{% for e in candidats %}{% for f in candidats %}"
                                       "{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}",
    "modele_sortie_enorme.docx": "{% for a in candidats %}{% for b in candidats %}{% for c in candidats %}"
                                 "{% for d in candidats %}{{ entete.arrete }}{% endfor %}{% endfor %}{% endfor %}"
                                 "{% endfor %}",
    "modele_macro_recursive.docx": "{% macro page(n) %}{{ page(n + 1) }}{{ page(n + 1) }}{% endmacro %}{{ page(0) }}",
    "modele_macro_en_eventail.docx": "{% macro page(n) %}{% if n < 60 %}{{ page(n + 1) }}{{ page(n + 1) }}"
                                     "{% endif %}{% endmacro %}{{ page(0) }}",
    "modele_largeur_enorme.docx": "{{ entete.jury | center(1000000000) }}",
    "modele_division_par_zero.docx": "{{ candidats | length / 0 }}",
}


def site_templates() -> None:
    from docx import Document

    for name, tag in HOSTILE_TEMPLATES.items():
        document = Document()
        document.add_paragraph("Procès-verbal de délibération — {{ entete.jury }}, tour {{ tour }}")
        document.add_paragraph(tag)
        document.core_properties.author = "Service des examens"
        buffer = io.BytesIO()
        document.save(buffer)
        write(name, buffer.getvalue())


if __name__ == "__main__":
    candidates_csv()
    candidates_xlsx()
    candidates_json()
    members()
    controle()
    regulations()
    sessions()
    encodings_and_characters()
    members_twice()
    site_templates()
    print(len([p for p in HERE.iterdir() if p.suffix in (".csv", ".xlsx", ".xls", ".json", ".toml", ".docx") and p.name != "expected.toml"]), "files")
