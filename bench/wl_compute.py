"""Results of 100,000 candidates already in memory; the PV of 1,000 candidates."""

from __future__ import annotations

from pathlib import Path

import synth
from common import Workload, build_session, cold_caches


def _candidates(n: int):
    """N parsed candidates (domain objects), a few with a jury adjustment or a decision."""
    from jury_tui.domain import grades
    from jury_tui.domain.candidate import Adjustment, Candidate, Decision

    out = []
    units = (*synth.MANDATORY, *synth.OPTIONAL)
    for k, row in enumerate(synth.candidate_rows(n)):
        notes = {}
        for code, text in zip(units, row[8:]):
            v = grades.parse(text)
            if v is not None:
                notes[code] = v
        adjustments = ()
        u6 = notes.get("U6")
        if k % 40 == 0 and u6 is not None and u6.kind == grades.NOTE and u6.hundredths < 1950:
            adjustments = (Adjustment("U6", u6, grades.note(u6.hundredths + 50), "points de jury", "bench", "2026-06-30T10:00:00Z", 1),)
        decisions = {1: Decision(1, "admis", None, "bench", "2026-06-30T10:00:00Z")} if k % 3 == 0 else {}
        out.append(
            Candidate(
                numero=row[0], nom=row[1], prenom=row[2], notes=notes, forme=row[5],
                livret=row[6] == "oui", attestation_shg=row[7] == "oui",
                ajustements=adjustments, decisions=decisions,
            )
        )  # fmt: skip
    return out


class Results(Workload):
    def __init__(self):
        super().__init__(
            "results",
            "results of 100,000 candidates in memory",
            "plain float loop",
            3.0,
        )

    def setup(self, folder: Path, quick: bool) -> None:
        from jury_tui.domain.grades import ABJ
        from jury_tui.domain.regulation import parse_regulation
        from jury_tui.regulations import read_text

        text, source = read_text("bts-mos")
        self.reg = parse_regulation(text, source)
        self.cands = _candidates(100_000)
        coefs = {u.code: u.coefficient for u in self.reg.units if not u.optional}
        # The same candidates as floats: (grade, coefficient) of each mandatory unit that counts.
        self.rows = []
        for c in self.cands:
            pairs = []
            for code, coef in coefs.items():
                v = c.value(code, 1)
                if v is None:
                    continue
                if v.is_grade:
                    pairs.append((v.hundredths / 100, coef))
                elif v.kind == ABJ:
                    pairs.append((0.0, coef))
            self.rows.append(pairs)

    def prepare_ours(self, i: int) -> None:
        self.out = None  # the previous run's results are freed here, not in the next timed run

    def prepare_baseline(self, i: int) -> None:
        self.base_out = None

    def ours(self, i: int):
        from jury_tui.domain.results import compute_all

        self.out = compute_all(self.cands, self.reg, 1)

    def baseline(self, i: int):
        out = []
        for pairs in self.rows:
            points = weights = 0.0
            for grade, coef in pairs:
                points += grade * coef
                weights += coef
            average = points / weights if weights else 0.0
            out.append("admis" if average >= 10 else "controle" if average >= 8 else "ajourne")
        self.base_out = out

    def check(self) -> str:
        counts: dict[str, int] = {}
        for r in self.out:
            counts[r.proposition] = counts.get(r.proposition, 0) + 1
        return "propositions " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))


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
