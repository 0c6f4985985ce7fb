"""Build the default .docx templates (templates/*.docx) and their variable reference.

    python scripts/build_templates.py [--out templates]

The result is reproducible byte for byte (fixed dates, fixed zip timestamps): a template
changes in git only when its layout does. Tags are plain text typed in one run each, as a
person would type them in Word; the variables are those of `jury_tui.documents.context`,
listed in templates/README.md (its reference part is regenerated here).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jury_tui.documents import builder as b  # noqa: E402
from jury_tui.documents import docx_kit as kit  # noqa: E402
from jury_tui.documents import pagination  # noqa: E402
from jury_tui.documents.context import CONTEXTS, TEMPLATE_FILES, describe  # noqa: E402

LANDSCAPE_WIDTH = 277  # mm between the margins, A4 landscape
PORTRAIT_WIDTH = 174  # mm between the margins, A4 portrait
MARK = 5  # mm: width of a cell that only holds a {%tc %} tag (removed when rendered)

SESSION_LINES = ["{{ entete.diplome }}", "« {{ entete.specialite }} »", "Session {{ entete.session }} — {{ entete.jury }}"]
FAIT = "{{ entete.fait }}."


# --------------------------------------------------------------------------- pv


def build_pv():
    doc = b.new_document(landscape=True)
    section = doc.sections[0]
    b.page_header(
        section,
        ["Procès-verbal de délibération", "{{ entete.diplome }} « {{ entete.specialite }} »",
         "Session {{ entete.session }} — {{ entete.jury }} — tour {{ tour }}"],
        LANDSCAPE_WIDTH,
        projet=True,
    )  # fmt: skip
    b.page_footer(
        section,
        "Procès-verbal — {{ entete.jury }} — session {{ entete.session }} — tour {{ tour }} — édité le {{ entete.edite_le }}",
        LANDSCAPE_WIDTH,
        extra=[
            "{%p if signe %}",
            "Tour {{ tour }} signé par {{ signe_par }} le {{ signe_le }} — empreinte SHA-256 : {{ empreinte }}",
            "{%p else %}",
            "Projet : tour non signé, pas d'empreinte.",
            "{%p endif %}",
        ],
    )
    _pv_title(doc)
    _pv_jury(doc)
    _pv_units(doc)
    _pv_candidates(doc)
    _pv_totals(doc)
    _pv_signatures(doc)
    return doc


def _pv_title(doc) -> None:
    b.text(doc, "PROCÈS-VERBAL DE DÉLIBÉRATION DU JURY", size=15, bold=True, align="center", after=2)
    b.text(doc, "{{ entete.diplome }} « {{ entete.specialite }} » — session {{ entete.session }}",
           size=11, align="center", after=1)  # fmt: skip
    b.text(doc, "{{ tour_libelle }} (tour {{ tour }})", size=11, bold=True, align="center", after=6)
    pairs = [
        ("Académie", "{{ entete.academie }}"), ("Session", "{{ entete.session }}"),
        ("Diplôme", "{{ entete.diplome }} « {{ entete.specialite }} »"), ("Jury", "{{ entete.jury }}"),
        ("Certification", "{{ entete.rncp }} — blocs : {{ entete.blocs }}"),
        ("Date", "{{ entete.date }}{% if date_signature %} (tour signé le {{ date_signature }}){% endif %}"),
        ("Texte de référence", "{{ entete.arrete }}"), ("Lieu", "{{ entete.lieu }}"),
        ("Délibération", "Tour {{ tour }} : {{ tour_libelle }}"), ("Président", "{{ entete.president }}"),
    ]  # fmt: skip
    b.label_table(doc, pairs, [32, 125, 28, 92], caption="entete")


def _pv_jury(doc) -> None:
    b.heading(doc, "1. Composition du jury")
    b.grid(
        doc, [45, 62, 52, 70, 48],
        ["Rôle", "Nom", "Prénom", "Qualité", "Présence"],
        [["{%tr for m in membres %}"], ["{{ m.role }}", "{{ m.nom }}", "{{ m.prenom }}", "{{ m.qualite }}",
                                         "{{ m.presence }}"], ["{%tr endfor %}"]],
        caption="membres", keep_together=True,
    )  # fmt: skip
    b.text(doc, "Contrôle de la composition (articles D643-31 et D643-31-1 du code de l'éducation) :",
           bold=True, before=6, after=2, keep_next=True)  # fmt: skip
    b.grid(
        doc, [35, 242], ["Contrôle", "Constat"],
        [["Conclusion", "{{ composition_resultat }}"], ["{%tr for r in composition_remarques %}"],
         ["{{ r.niveau }}", "{{ r.texte }}"], ["{%tr endfor %}"]],
        caption="composition",
    )  # fmt: skip


def _pv_units(doc) -> None:
    b.heading(doc, "2. Unités et coefficients appliqués")
    b.grid(
        doc, [18, 20, 117, 28, 26, 28, 40],
        ["Unité", "Épreuve", "Intitulé", "Nature", "Coefficient", "Poids du bonus", "Bloc de compétences"],
        [["{%tr for u in unites %}"], ["{{ u.code }}", "{{ u.epreuve }}", "{{ u.intitule }}", "{{ u.nature }}",
                                        "{{ u.coefficient }}", "{{ u.poids_bonus }}", "{{ u.bloc }}"],
         ["{%tr endfor %}"]],
        caption="coefficients", keep_together=True,
    )  # fmt: skip
    b.tag(doc, "{%p if reglement_provisoire %}")
    b.text(doc, "Coefficients provisoires : {{ reglement_mention }}", bold=True, before=3, size=9)
    b.tag(doc, "{%p else %}")
    b.text(doc, "{{ reglement_mention }}", before=3, size=9)
    b.tag(doc, "{%p endif %}")
    b.text(doc, "Unités facultatives : seuls les points au-dessus de 10 comptent, multipliés par le poids du "
                "bonus ; ils s'ajoutent aux points sans modifier le total des coefficients (art. D643-22).",
           size=9, italic=True)  # fmt: skip


def _pv_candidates(doc) -> None:
    b.heading(doc, "3. Résultats des candidats")
    b.tag(doc, "{%p if anonyme %}")
    b.text(doc, "Version anonyme : les candidats sont désignés par leur seul numéro.", size=9, italic=True,
           keep_next=True)  # fmt: skip
    b.tag(doc, "{%p endif %}")
    # The key comes before the table: read first, and it never lands alone on a page after it.
    # It explains the codes the results show, only those.
    b.tag(doc, "{%p if legende %}")
    b.text(doc, "Lecture : {{ legende }}. Moyenne tronquée à deux décimales.", size=7.5, italic=True, keep_next=True)
    b.tag(doc, "{%p else %}")
    b.text(doc, "Moyenne tronquée à deux décimales.", size=7.5, italic=True, keep_next=True)
    b.tag(doc, "{%p endif %}")
    # Relative widths (mm) of the real columns; the table is scaled to the page after rendering.
    widths = [17, MARK, 27, 21, MARK, MARK, 11.4, MARK, 15, 20, 36]  # N°: ten digits on one line
    header = [
        "N°", "{%tc if not anonyme %}", "Nom", "Prénom", "{%tc endif %}", "{%tc for u in unites %}",
        [("{{ u.code }}", 8, True), ("{{ u.ponderation }}", 6, False)], "{%tc endfor %}",
        "Moyenne", "Décision", "Observations",
    ]  # fmt: skip
    row = [
        "{{ c.numero }}", "{%tc if not anonyme %}", "{{ c.nom }}", "{{ c.prenom }}", "{%tc endif %}",
        "{%tc for n in c.notes %}", "{{ n }}", "{%tc endfor %}",
        [("{{ c.moyenne }}", 8, True)], [("{{ c.decision }}", 8, True)], [("{{ c.observations }}", 7.5, False)],
    ]  # fmt: skip
    table = b.grid(
        doc, widths, header, [["{%tr for c in candidats %}"], row, ["{%tr endfor %}"]],
        caption="candidats", size=8, total_mm=LANDSCAPE_WIDTH,
    )  # fmt: skip
    kit.set_cell_margins(table, left=kit.mm(0.6), right=kit.mm(0.6), top=kit.mm(0.3), bottom=kit.mm(0.3))
    for index in (6, 8):  # grades and averages: centred
        for r in table.rows:
            for p in r.cells[index].paragraphs:
                p.style = b.cell_style(doc, 8, "center")
    # What is left to decide (a PROJET), the session's outcome (tour 2): after the last rows, outside
    # the totals kept with the signatures.
    b.tag(doc, "{%p if bilan %}")
    b.text(doc, "{{ bilan }}", bold=True, before=4)
    b.tag(doc, "{%p endif %}")


def _pv_totals(doc) -> None:
    b.heading(doc, "4. Totaux")
    rows = [
        ("Inscrits", "{{ totaux.inscrits }}", "candidats non retirés"),
        ("Présents", "{{ totaux.presents }}", "candidats ayant au moins une unité notée à cette session"),
        ("Admis", "{{ totaux.admis }}", "décision « admis »"),
        ("Ajournés", "{{ totaux.ajournes }}", "décision « ajourné »"),
        ("Contrôle", "{{ totaux.controle }}", "candidats autorisés à subir les épreuves de contrôle"),
        ("Non délivrés", "{{ totaux.non_delivres }}", "diplôme ne pouvant être délivré (absence, art. D643-24)"),
        ("Taux de réussite", "{{ totaux.taux_reussite }}", "admis / présents"),
    ]
    table = b.grid(doc, [45, 30, 120], ["Total", "Nombre", "Définition"], [list(r) for r in rows],
                   caption="totaux", repeat=False, keep_together=True)  # fmt: skip
    table.alignment = 0


def _pv_signatures(doc) -> None:
    b.heading(doc, "5. Signatures")
    b.text(doc, FAIT, keep_next=True)
    table = b.grid(
        doc, [55, 75, 55, 92], ["Fonction", "Nom", "Qualité", "Signature"],
        [["{%tr for s in signataires %}"], ["{{ s.fonction }}", "{{ s.nom }}", "{{ s.qualite }}", ""],
         ["{%tr endfor %}"]],
        caption="signatures", keep_together=True,
    )  # fmt: skip
    kit.set_row_height(table.rows[2], kit.mm(10))
    b.text(doc, "", size=2, after=0)


# --------------------------------------------------------------------------- releves


def build_releve():
    doc = b.new_document(landscape=False)
    section = doc.sections[0]
    b.page_header(section, SESSION_LINES, PORTRAIT_WIDTH)
    b.page_footer(section, "Relevé de notes — session {{ entete.session }} — édité le {{ entete.edite_le }}",
                  PORTRAIT_WIDTH, count="SECTIONPAGES")  # fmt: skip
    b.tag(doc, "{%p for r in releves %}")
    one_section_each(doc)
    b.text(doc, "RELEVÉ DE NOTES", size=16, bold=True, align="center", after=2)
    b.text(doc, "{{ entete.diplome }} « {{ entete.specialite }} » — session {{ entete.session }}",
           size=10.5, align="center", after=8)  # fmt: skip
    pairs = [
        ("Nom", "{{ r.nom }}"), ("N° de candidat", "{{ r.numero }}"),
        ("Prénom", "{{ r.prenom }}"), ("Date de naissance", "{{ r.date_naissance }}"),
        ("Statut", "{{ r.statut }}"), ("Forme", "{{ r.forme }}"),
        ("Établissement", "{{ r.etablissement }}"), ("Jury", "{{ entete.jury }}"),
    ]  # fmt: skip
    b.label_table(doc, pairs, [28, 60, 34, 52], caption="candidat", size=9.5)
    b.heading(doc, "Notes obtenues")
    b.grid(
        doc, [13, 15, 57, 17, 26, 18, 28],
        ["Unité", "Épreuve", "Intitulé", "Coef.", "Note / 20", "Contrôle", "Mention"],
        [["{%tr for l in r.lignes %}"], ["{{ l.code }}", "{{ l.epreuve }}", "{{ l.intitule }}", "{{ l.coefficient }}",
                                          [("{{ l.note }}", 9, True)], "{{ l.controle }}", "{{ l.mention }}"],
         ["{%tr endfor %}"]],
        caption="notes",
    )  # fmt: skip
    b.text(doc, "", size=4, after=0)
    pairs = [("Moyenne générale (sur 20)", "{{ r.moyenne }}"), ("Décision du jury", "{{ r.decision }}"),
             ("Unités acquises", "{{ r.unites_acquises }}")]  # fmt: skip
    table = b.label_table(doc, pairs, [52, 122], caption="resultat", size=10)
    for row in table.rows[:2]:
        row.cells[1].paragraphs[0].runs[0].bold = True
    _releve_blocs(doc)
    b.tag(doc, "{%p if r.observations %}")
    b.text(doc, "Observations : {{ r.observations }}", size=9, before=4)
    b.tag(doc, "{%p endif %}")
    b.text(doc, "Les unités obtenues avec une note égale ou supérieure à 10 sur 20 sont acquises et conservées "
                "pendant cinq ans (article D643-15 du code de l'éducation). La moyenne est tronquée à deux "
                "décimales.", size=8, italic=True, before=8, keep_next=True)  # fmt: skip
    b.tag(doc, "{%p if r.legende %}")
    b.text(doc, "Lecture : {{ r.legende }}.", size=8, italic=True, keep_next=True)
    b.tag(doc, "{%p endif %}")
    _signature_block(doc)
    b.tag(doc, "{%p endfor %}")
    b.text(doc, "", size=2, after=0)
    return doc


def one_section_each(doc) -> None:
    """Inside a loop: from the second item on, a section break before it, so that each item
    starts a page and numbers its own pages (« page 1 / 1 »)."""
    b.tag(doc, "{%p if not loop.first %}")
    pagination.section_break(doc)
    b.tag(doc, "{%p endif %}")


def _releve_blocs(doc) -> None:
    b.heading(doc, "Blocs de compétences acquis")
    b.tag(doc, "{%p if r.blocs_acquis %}")
    b.grid(
        doc, [40, 104, 30], ["Bloc", "Intitulé", "Unité"],
        [["{%tr for k in r.blocs_acquis %}"], ["{{ k.code }}", "{{ k.intitule }}", "{{ k.unite }}"],
         ["{%tr endfor %}"]],
        caption="blocs",
    )  # fmt: skip
    b.tag(doc, "{%p else %}")
    b.text(doc, "Aucun bloc de compétences acquis.", size=9.5)
    b.tag(doc, "{%p endif %}")


def _signature_block(doc) -> None:
    b.text(doc, FAIT, before=10, keep_next=True)
    b.text(doc, "Le président du jury,", before=2, keep_next=True)
    b.text(doc, "{{ entete.president }}", bold=True, before=18)


# --------------------------------------------------------------------------- attestations


def build_attestation():
    doc = b.new_document(landscape=False)
    section = doc.sections[0]
    b.page_header(section, SESSION_LINES, PORTRAIT_WIDTH)
    b.page_footer(section, "Attestation de blocs de compétences — session {{ entete.session }} — "
                           "édité le {{ entete.edite_le }}", PORTRAIT_WIDTH, count="SECTIONPAGES")  # fmt: skip
    b.tag(doc, "{%p for a in attestations %}")
    one_section_each(doc)
    b.text(doc, "ATTESTATION", size=18, bold=True, align="center", after=0)
    b.text(doc, "d'acquisition de blocs de compétences", size=13, bold=True, align="center", after=14)
    b.text(doc, "Le président du jury du {{ entete.diplome }} « {{ entete.specialite }} », session "
                "{{ entete.session }}, {{ entete.academie }}, certification professionnelle {{ entete.rncp }}, "
                "atteste que :", size=11, after=8)  # fmt: skip
    pairs = [("Nom", "{{ a.nom }}"), ("Prénom", "{{ a.prenom }}"),
             ("Date de naissance", "{{ a.date_naissance }}"), ("N° de candidat", "{{ a.numero }}")]  # fmt: skip
    b.label_table(doc, pairs, [36, 51, 36, 51], caption="candidat", size=10.5)
    b.text(doc, "a acquis, à l'issue de la délibération du jury du {{ entete.date }}, les blocs de compétences "
                "suivants, attestés par les unités correspondantes :", size=11, before=10, after=6)  # fmt: skip
    b.grid(
        doc, [40, 94, 18, 22], ["Bloc de compétences", "Intitulé", "Unité", "Note / 20"],
        [["{%tr for k in a.blocs %}"], ["{{ k.code }}", "{{ k.intitule }}", "{{ k.unite }}", "{{ k.note }}"],
         ["{%tr endfor %}"]],
        caption="blocs", size=10,
    )  # fmt: skip
    b.text(doc, "Conformément à l'article D643-15 du code de l'éducation, les unités obtenues avec une note "
                "égale ou supérieure à 10 sur 20, ou validées par la validation des acquis de l'expérience, "
                "sont acquises et conservées pendant cinq ans ; la présente attestation en fait foi pour les "
                "blocs de compétences qu'elles constituent. Elle ne vaut pas délivrance du diplôme.",
           size=9.5, italic=True, before=10)  # fmt: skip
    _signature_block(doc)
    b.tag(doc, "{%p endfor %}")
    b.text(doc, "", size=2, after=0)
    return doc


# --------------------------------------------------------------------------- admis


def build_admis():
    doc = b.new_document(landscape=False)
    section = doc.sections[0]
    b.page_header(section, SESSION_LINES, PORTRAIT_WIDTH)
    b.page_footer(section, "Liste des candidats admis — {{ entete.jury }} — session {{ entete.session }}",
                  PORTRAIT_WIDTH)  # fmt: skip
    b.text(doc, "LISTE DES CANDIDATS ADMIS", size=16, bold=True, align="center", after=2)
    b.text(doc, "{{ entete.diplome }} « {{ entete.specialite }} »", size=11, align="center", after=1)
    b.text(doc, "Session {{ entete.session }} — {{ entete.jury }}", size=11, align="center", after=1)
    b.text(doc, "{{ precision }} — délibération du {{ entete.date }}", size=10, align="center", after=10)
    b.grid(
        doc, [80, 70], ["Nom", "Prénom"],
        [["{%tr for a in admis %}"], ["{{ a.nom }}", "{{ a.prenom }}"], ["{%tr endfor %}"]],
        caption="admis", size=10.5,
    )  # fmt: skip
    b.tag(doc, "{%p if not admis %}")
    b.text(doc, "Aucun candidat admis.", align="center", before=4)
    b.tag(doc, "{%p endif %}")
    b.text(doc, "Nombre de candidats admis : {{ nombre }}", bold=True, before=8)
    b.text(doc, "Liste établie par ordre alphabétique. Seuls les noms des candidats admis sont publiés ; "
                "chaque candidat reçoit son relevé de notes.", size=8.5, italic=True)  # fmt: skip
    _signature_block(doc)
    return doc


# --------------------------------------------------------------------------- main

BUILDERS = {"pv": build_pv, "releves": build_releve, "attestations": build_attestation, "admis": build_admis}
TITLES = {
    "pv": "Modèle : procès-verbal de délibération du jury",
    "releves": "Modèle : relevé de notes",
    "attestations": "Modèle : attestation de blocs de compétences",
    "admis": "Modèle : liste des candidats admis",
}
REFERENCE_MARK = "<!-- Référence générée par scripts/build_templates.py : ne pas modifier à la main. -->"


def write_reference(readme: Path) -> None:
    """Replace the generated part of templates/README.md (after the mark) by the variable lists."""
    head = readme.read_text(encoding="utf-8").split(REFERENCE_MARK)[0] if readme.exists() else ""
    out = [head.rstrip() + "\n\n" + REFERENCE_MARK + "\n"]
    for kind, cls in CONTEXTS.items():
        out.append(f"\n### `{TEMPLATE_FILES[kind]}` ({kind})\n\n| variable | signification |\n|---|---|\n")
        out.extend(f"| `{name}` | {doc} |\n" for name, doc in describe(cls))
    readme.write_text("".join(out), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Construit les modèles .docx par défaut.")
    parser.add_argument("--out", type=Path, default=ROOT / "templates")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for kind, build in BUILDERS.items():
        path = b.save(build(), args.out / TEMPLATE_FILES[kind], TITLES[kind])
        print(path)
    write_reference(args.out / "README.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
