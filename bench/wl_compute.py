"""The PV of 1,000 candidates."""

from __future__ import annotations

from pathlib import Path

from common import Workload, build_session, cold_caches


class PvExport(Workload):
    def __init__(self):
        super().__init__(
            "pv",
            "PV export, 1,000 candidates",
            "docxtpl, one-table template",
            1.5,
        )

    def setup(self, folder: Path, quick: bool) -> None:
        from docx import Document

        from jury_tui.deliberation import Session
        from jury_tui.deliberation.docs.pv import pv_context

        self.folder = folder
        self.path = build_session(folder, 1000, every=1)
        self.session = Session(self.path)
        context = pv_context(self.session.view(), 1)
        self.rows = [
            {"numero": r.numero, "nom": r.nom, "prenom": r.prenom, "notes": r.notes, "moyenne": r.moyenne,
             "decision": r.decision, "observations": r.observations}
            for r in context.candidats
        ]  # fmt: skip
        self.units = [u.code for u in context.unites]
        self.template = folder / "one-table.docx"
        doc = Document()
        table = doc.add_table(rows=4, cols=3 + len(self.units) + 3)
        heads = ["N°", "Nom", "Prénom", *self.units, "Moyenne", "Décision", "Observations"]
        cells = ["{{ c.numero }}", "{{ c.nom }}", "{{ c.prenom }}"]
        cells += [f"{{{{ c.notes[{k}] }}}}" for k in range(len(self.units))]
        cells += ["{{ c.moyenne }}", "{{ c.decision }}", "{{ c.observations }}"]
        for k, text in enumerate(heads):
            table.rows[0].cells[k].text = text
        table.rows[1].cells[0].text = "{%tr for c in candidats %}"
        for k, text in enumerate(cells):
            table.rows[2].cells[k].text = text
        table.rows[3].cells[0].text = "{%tr endfor %}"
        doc.save(self.template)

    def prepare_ours(self, i: int) -> None:
        from jury_tui.deliberation import Session

        cold_caches()
        self.session = Session(self.path)

    def ours(self, i: int):
        """`jury export SESSION pv`: context, rendering, staging, the export on record, in place."""
        from jury_tui.deliberation.docs.export import export

        export(self.session, "pv", self.folder / "pv.docx", tour=1)

    def baseline(self, i: int):
        from docxtpl import DocxTemplate

        tpl = DocxTemplate(str(self.template))
        tpl.render({"candidats": self.rows}, autoescape=True)
        tpl.save(str(self.folder / "baseline.docx"))

    def check(self) -> str:
        from jury_tui.documents import read_pv

        reading = read_pv(self.folder / "pv.docx")
        assert len(reading.lignes) == len(self.rows), (len(reading.lignes), len(self.rows))
        return f"PV read back: {len(reading.lignes)} candidate rows"
