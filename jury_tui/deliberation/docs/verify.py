"""`jury verify`: does a procès-verbal match its session's signed tour? (DESIGN.md §5)

What is checked:
- the fingerprint in the PV's footer is that of the tour's signature in force (a signature
  voided by a reopen is named with its dates, and the tour's current state said), and the
  mention « signé par … le … » is that signature's;
- the session still gives that fingerprint when recomputed (it was not altered since);
- every candidate row the PV shows is what the session gives for that tour (a grade edited
  by hand in Word is caught and its row named). An anonymous PV is compared on numeros;
- every other part the fingerprint covers — the header, the jury and its attendance, the
  composition check, the units and coefficients, the totals, the signatories, the texts
  (title, outcome, « Fait à … ») and the page headers and footers — is what the same
  template rendered from the session shows (`documents.compare`), each difference named.
« conforme » is said only when all of it was compared and matched, and says what was.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from jury_tui import seams
from jury_tui.deliberation import signer
from jury_tui.deliberation.docs import common
from jury_tui.deliberation.docs.pv import pv_context
from jury_tui.deliberation.view import tour_state
from jury_tui.documents import typography
from jury_tui.documents.compare import compare, part_names
from jury_tui.domain import tours


@dataclass
class VerifyReport:
    """What `jury verify` found; `ok` only when the fingerprint, every row and every part match."""

    document: str
    tour: int | None
    anonyme: bool
    empreinte: str | None  # read in the footer; None for a PROJET
    signe_par: str | None
    signe_le: str | None
    lignes: int  # candidate rows read
    problems: list[str] = field(default_factory=list)  # fingerprint and signature findings (French)
    rows: dict[str, list[str]] = field(default_factory=dict)  # numero -> what differs
    parts: dict[str, list[str]] = field(default_factory=dict)  # part of the PV -> what differs
    checked: list[str] = field(default_factory=list)  # the parts compared, besides the candidate rows

    @property
    def ok(self) -> bool:
        return not self.problems and not self.rows and not self.parts and bool(self.checked)

    def summary(self) -> list[str]:
        """What was read (French)."""
        tour = f"tour {self.tour}" if self.tour else "tour illisible"
        kind = " (version anonyme)" if self.anonyme else ""
        out = [f"{self.document} : procès-verbal du {tour}{kind}, {typography.count(self.lignes, 'ligne')} de candidats."]
        if self.empreinte:
            out.append(f"Signé par {self.signe_par or '?'} le {self.signe_le or '?'} ; empreinte {self.empreinte}.")
        return out

    def findings(self) -> list[str]:
        """Every difference, one per line (French): signature, parts, then rows by numero."""
        out = list(self.problems)
        for part, items in self.parts.items():
            out.extend(f"{part} : {item}" for item in items)
        for numero, items in sorted(self.rows.items()):
            out.extend(f"ligne du candidat {numero} : {item}" for item in items)
        return out

    def conclusion(self) -> str:
        if self.ok:
            return (f"Procès-verbal conforme : son empreinte est celle de la signature en vigueur du tour {self.tour}, "
                    f"que la session redonne ; et il montre ce que la session donne pour : {', '.join(self.checked)}, "
                    f"et les {self.lignes} lignes de candidats. Non vérifié : ce qui n'est pas du texte (signatures "
                    "manuscrites, images, mise en page).")  # fmt: skip
        parts = []
        if self.problems:
            parts.append("la signature ou l'empreinte n'est pas celle du tour signé en vigueur")
        if self.parts:
            parts.append(f"{typography.count(len(self.parts), 'partie différente', 'parties différentes')} "
                         f"({' ; '.join(self.parts)})")  # fmt: skip
        if self.rows:
            n = len(self.rows)
            plural = "s" if n > 1 else ""
            parts.append(f"{n} ligne{plural} de candidat{plural} différente{plural} ({', '.join(sorted(self.rows))})")
        if not self.checked and not self.problems:
            parts.append("les parties autres que les lignes de candidats n'ont pas pu être comparées")
        hint = (" Un procès-verbal écrit avec le modèle d'un site se vérifie avec ce modèle : --template MODELE.docx."
                if self.parts else "")  # fmt: skip
        return "Procès-verbal NON conforme à la session : " + " ; ".join(parts) + "." + hint


def verify(session, docx_path: str | os.PathLike, *, template: str | os.PathLike | None = None) -> VerifyReport:
    """Read the PV at `docx_path` and compare it with `session` (reads only; nothing recorded).
    `template`: the site's template the PV was written with (default: the shipped one)."""
    from jury_tui.documents.readback import differences, read_pv

    path = Path(docx_path)
    reading = read_pv(path)
    view = session.view()
    report = VerifyReport(
        document=path.name, tour=None, anonyme=reading.anonyme, empreinte=reading.empreinte,
        signe_par=reading.signe_par, signe_le=reading.signe_le, lignes=len(reading.lignes),
    )  # fmt: skip
    if reading.tour not in ("1", "2"):
        report.problems.append("numéro du tour illisible : « tour 1 » ou « tour 2 » attendu dans le titre du document")
        return report
    tour = report.tour = int(reading.tour)
    if tour == 2 and not common.has_tour2(view):
        report.problems.append("la session n'a pas de tour 2 (aucun candidat aux épreuves de contrôle, "
                               "ou tour 1 non signé) : ce document ne peut pas en venir")  # fmt: skip
        return report
    report.problems.extend(_signature_problems(view, tour, reading))
    context = pv_context(view, tour, anonymous=reading.anonyme)
    report.rows = differences(reading, context)
    sig = view.signature(tour)
    if sig and reading.empreinte == sig.get("empreinte"):
        # the document claims the signature in force: every other part must be the session's too
        expected = _expected_parts(context, template)
        report.checked = part_names(expected)
        report.parts = compare(reading.parts, expected)
    return report


def _expected_parts(context, template):
    """The parts (but the candidate rows) of the PV the session gives, rendered with `template`."""
    import io
    from dataclasses import replace

    from docx import Document

    from jury_tui.documents.readback import read_parts
    from jury_tui.documents.render import rendered

    props = {"title": "", "author": "", "created": seams.now()}
    template = Path(template) if template is not None else None  # a site's: rendered in a bounded child
    (data,) = rendered("pv", [replace(context, candidats=[])], template=template, properties=props)
    return read_parts(Document(io.BytesIO(data)))


def _signature_problems(view, tour: int, reading) -> list[str]:
    sig = view.signature(tour)
    voided = tour_state(view.state, tour).get("annulees") or []
    if reading.empreinte is None:
        return [f"document non signé (PROJET, sans empreinte) : seul un procès-verbal signé se vérifie ; "
                f"{_state(view, tour, sig)}"]  # fmt: skip
    if sig and reading.empreinte == sig.get("empreinte"):
        out = []
        par, le = typography.french(signer.label(sig)), common.when(view, sig.get("le"))
        if (typography.comparable(reading.signe_par or ""), reading.signe_le) != (typography.comparable(par), le):
            out.append(f"mention de signature modifiée : « signé par {reading.signe_par} le {reading.signe_le} » "
                       f"dans le document, « signé par {par} le {le} » dans la session")  # fmt: skip
        if recompute(view, tour, sig) != sig.get("empreinte"):
            out.append(f"la session ne donne plus l'empreinte de la signature du tour {tour} : elle a été modifiée "
                       "depuis la signature (voir « jury audit --verify »)")  # fmt: skip
        return out
    match = next((v for v in voided if v.get("empreinte") == reading.empreinte), None)
    if match is None:
        return [f"l'empreinte du document ne correspond à aucune signature du tour {tour} de cette session ; "
                f"{_state(view, tour, sig)}"]  # fmt: skip
    motif = f" (motif : {match['motif_annulation']})" if match.get("motif_annulation") else ""
    since = (f"depuis, le tour {tour} a été signé de nouveau ({_state(view, tour, sig)}) : exportez à nouveau "
             "le procès-verbal" if sig else f"depuis, le tour {tour} n'a pas été signé de nouveau")  # fmt: skip
    return [
        f"le tour {tour} a été rouvert le {common.when(view, match.get('annulee_le'))}{motif} : la signature du "
        f"{common.when(view, match.get('le'))} par {signer.label(match)}, dont ce document porte l'empreinte, est annulée",
        since,
    ]


def _state(view, tour: int, sig: dict | None) -> str:
    if sig:
        return (f"signature en vigueur du tour {tour} : le {common.when(view, sig.get('le'))} par {signer.label(sig)}, "
                f"empreinte {sig.get('empreinte')}")  # fmt: skip
    return f"le tour {tour} n'est pas signé actuellement"


def recompute(view, tour: int, sig: dict) -> str:
    """The fingerprint the session gives now for this signature (as `ops.sign` computes it)."""
    payload = tours.fingerprint_payload(
        view.header, view.regulation.sha256, view.state.get("members") or [], view.active, view.results(tour), tour, sig
    )
    if "rang" in sig:
        payload["signature"]["rang"] = sig["rang"]
    return tours.fingerprint(payload)
