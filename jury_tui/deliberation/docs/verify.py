"""`jury verify`: does a procès-verbal match its session's signed tour? (DESIGN.md §5)

Three things are checked:
- the fingerprint in the PV's footer is that of the tour's signature in force (a signature
  voided by a reopen is named with its dates, and the tour's current state said);
- the session still gives that fingerprint when recomputed (it was not altered since);
- every candidate row the PV shows is what the session gives for that tour (a grade edited
  by hand in Word is caught and its row named). An anonymous PV is compared on numeros.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from jury_tui.deliberation.docs import common
from jury_tui.deliberation.docs.pv import pv_context
from jury_tui.deliberation.view import tour_state
from jury_tui.domain import tours


@dataclass
class VerifyReport:
    """What `jury verify` found; `ok` only when the fingerprint and every row match."""

    document: str
    tour: int | None
    anonyme: bool
    empreinte: str | None  # read in the footer; None for a PROJET
    signe_par: str | None
    signe_le: str | None
    lignes: int  # candidate rows read
    problems: list[str] = field(default_factory=list)  # fingerprint and signature findings (French)
    rows: dict[str, list[str]] = field(default_factory=dict)  # numero -> what differs

    @property
    def ok(self) -> bool:
        return not self.problems and not self.rows

    def summary(self) -> list[str]:
        """What was read (French)."""
        tour = f"tour {self.tour}" if self.tour else "tour illisible"
        kind = " (version anonyme)" if self.anonyme else ""
        out = [f"{self.document} : procès-verbal du {tour}{kind}, {self.lignes} ligne(s) de candidats."]
        if self.empreinte:
            out.append(f"Signé par {self.signe_par or '?'} le {self.signe_le or '?'} ; empreinte {self.empreinte}.")
        return out

    def findings(self) -> list[str]:
        """Every difference, one per line (French): fingerprint first, then rows by numero."""
        out = list(self.problems)
        for numero, items in sorted(self.rows.items()):
            out.extend(f"ligne du candidat {numero} : {item}" for item in items)
        return out

    def conclusion(self) -> str:
        if self.ok:
            return (f"Procès-verbal conforme : empreinte de la signature en vigueur du tour {self.tour}, "
                    f"et les {self.lignes} lignes de candidats sont celles de la session.")  # fmt: skip
        parts = []
        if self.problems:
            parts.append("la signature ou l'empreinte n'est pas celle du tour signé en vigueur")
        if self.rows:
            n = len(self.rows)
            plural = "s" if n > 1 else ""
            parts.append(f"{n} ligne{plural} de candidat{plural} différente{plural} ({', '.join(sorted(self.rows))})")
        return "Procès-verbal NON conforme à la session : " + " ; ".join(parts) + "."


def verify(session, docx_path: str | os.PathLike) -> VerifyReport:
    """Read the PV at `docx_path` and compare it with `session` (reads only; nothing recorded)."""
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
    report.rows = differences(reading, pv_context(view, tour, anonymous=reading.anonyme))
    return report


def _signature_problems(view, tour: int, reading) -> list[str]:
    sig = view.signature(tour)
    voided = tour_state(view.state, tour).get("annulees") or []
    if reading.empreinte is None:
        return [f"document non signé (PROJET, sans empreinte) : seul un procès-verbal signé se vérifie ; "
                f"{_state(view, tour, sig)}"]  # fmt: skip
    if sig and reading.empreinte == sig.get("empreinte"):
        out = []
        par, le = sig.get("par"), common.when(view, sig.get("le"))
        if (reading.signe_par, reading.signe_le) != (par, le):
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
        f"{common.when(view, match.get('le'))} par {match.get('par')}, dont ce document porte l'empreinte, est annulée",
        since,
    ]


def _state(view, tour: int, sig: dict | None) -> str:
    if sig:
        return (f"signature en vigueur du tour {tour} : le {common.when(view, sig.get('le'))} par {sig.get('par')}, "
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
