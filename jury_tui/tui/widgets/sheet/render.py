"""The candidate sheet's parts as Rich renderables: grades, result, what is missing, decisions."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from jury_tui.deliberation.app_support import UnitRow, in_current_tour, open_tour
from jury_tui.domain import grades
from jury_tui.domain.results import INCOMPLET
from jury_tui.tui import format as fmt

REMARKS = {
    grades.DISP: "dispensée",
    grades.VAE: "validée par VAE",
    grades.NP: "non présentée (NP)",
    grades.ABS: "absence non justifiée",
    grades.ABJ: "absence justifiée (compte 0)",
}


def _remarks(row: UnitRow) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    original = row.original
    if original is not None:
        if original.kind == grades.KEPT:
            out.append((f"conservée ({original.year})", "cyan"))
        elif original.kind in REMARKS:
            out.append((REMARKS[original.kind], "magenta" if original.kind in (grades.ABS, grades.NP) else "cyan"))
    if row.adjustment is not None:
        adj = row.adjustment
        out.append((f"ajustée {fmt.grade(adj.avant)} → {fmt.grade(adj.apres)}", "bold yellow"))
    if row.controle is not None:
        out.append((f"contrôle {fmt.grade(row.controle)}", "bold yellow"))
    if row.held:
        out.append(("acquise", "green"))
    return out


def units_table(rows: list[UnitRow], *, wide: bool) -> Table:
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold", expand=False)
    table.add_column("Unité", no_wrap=True)
    table.add_column("Épr.", no_wrap=True)
    if wide:
        table.add_column("Intitulé", no_wrap=True, overflow="ellipsis", max_width=44)
    table.add_column("Coef.", justify="right", no_wrap=True)
    table.add_column("Note", justify="right", no_wrap=True)
    table.add_column("Compte", justify="right", no_wrap=True)
    table.add_column("Remarques", overflow="fold")
    not_taken = [row.code for row in rows if row.optional and row.original is None and row.controle is None]
    for row in rows:
        if row.code in not_taken:
            continue
        coef = str(row.coefficient) if not row.optional else f"bonus×{row.bonus_weight}"
        counted = ""
        if row.value is not None and row.value != row.original:
            counted = fmt.grade(row.value) + ("*" if row.adjustment is not None else "")
        remarks = Text()
        for i, (words, style) in enumerate(_remarks(row)):
            if i:
                remarks.append(", ")
            remarks.append(words, style)
        cells = [row.code, row.epreuve]
        if wide:
            cells.append(row.intitule)
        original = fmt.grade(row.original) if row.original is not None else ("—" if not row.optional else "")
        cells += [coef, original, Text(counted, "bold yellow"), remarks]
        table.add_row(*cells)
    if not_taken:
        table.caption = f"facultatives non passées : {', '.join(not_taken)}"
        table.caption_justify = "left"
        table.caption_style = "dim"
    return table


def result_text(view, numero: str) -> Text:
    r = view.result(numero)
    t = Text()
    t.append("Moyenne ")
    t.append(fmt.moyenne(r.moyenne), "bold")
    if r.moyenne is not None:
        t.append(f"  ({fmt.points(r.points)} points / {r.coefficients} coef.)")
        if r.moyenne_pro is not None:
            t.append(f" · unités pro. {fmt.moyenne(r.moyenne_pro)}")
    t.append(f"\nProposition (tour {r.tour}) : ")
    t.append(fmt.label(r.proposition).upper(), f"bold {_colour(r.proposition)}")
    t.append(f" — {r.reason}")
    return t


def missing_text(view, numero: str) -> Text | None:
    r = view.result(numero)
    if r.proposition == INCOMPLET:
        return Text(f"Incomplet : note manquante en {', '.join(r.missing)} (correction : touche m).", "bold magenta")
    missing = view.missing(numero)
    if missing is None:
        return None
    t = Text()
    t.append(f"Pour atteindre {fmt.points(view.regulation.admis)} : ", "bold")
    unit = "point" if missing.average_points < 200 else "points"  # French: singular below 2
    t.append(f"il manque {fmt.points(missing.average_points)} {unit} de moyenne.")
    enough = [need for need in missing.units if need.grade is not None]  # the others cannot, even at 20
    if enough:
        t.append("\nUne seule unité suffirait : ")
        for i, need in enumerate(enough):
            if i:
                t.append(" · ")
            t.append(f"{need.unit} ≥ ")
            t.append(fmt.points(need.grade), "bold")
    elif missing.units:
        t.append("\nAucune unité seule ne suffit, même à 20.")
    return t


def decision_text(view, numero: str, *, writable: bool) -> Text:
    c = view.candidate(numero)
    t = Text()
    for tour in sorted(c.decisions):
        d = c.decisions[tour]
        t.append(f"Décision du tour {tour} : ")
        t.append(fmt.label(d.decision).upper(), f"bold {_colour(d.decision)}")
        t.append(f"  par {d.par} le {view.local_time(d.le)}")
        if d.motif:
            t.append(f"\n  motif : « {d.motif} »", "italic")
        t.append("\n")
    tour = open_tour(view)
    if tour and in_current_tour(view, numero) and c.decision(tour) is None:
        t.append(f"Tour {tour} : aucune décision", "bold")
        if view.result(numero, tour).proposition == INCOMPLET:
            t.append(" possible avant la note manquante\n")
        else:
            t.append(" (Entrée : valider la proposition)\n" if writable else "\n")
    if c.a_revoir:
        t.append("À REVOIR : une note a changé sous la décision ; confirmez-la (Entrée) ou changez-la.\n", "bold reverse yellow")
    if c.livret:
        t.append("Livret : fourni, ")
        if c.livret_examine:
            t.append("examiné ✓", "green")
        else:
            t.append("pas encore examiné", "bold yellow")
            if writable:
                t.append(" (touche l quand le jury l'a examiné)")
    else:
        t.append("Livret : non fourni", "dim")
    return t


def adjustments_text(view, numero: str) -> Text | None:
    c = view.candidate(numero)
    if not c.ajustements:
        return None
    t = Text()
    for i, a in enumerate(c.ajustements):
        if i:
            t.append("\n")
        t.append(f"{a.unite} (tour {a.tour}) : ", "bold")
        t.append(f"{fmt.grade(a.avant)} → {fmt.grade(a.apres)}", "bold yellow")
        t.append(f" · « {a.motif} » · par {a.par} le {view.local_time(a.le)}")
    return t


def history_text(view, numero: str) -> Text:
    entries = view.history(numero)
    t = Text()
    if not entries:
        return Text("aucun acte enregistré pour ce candidat", "dim")
    for i, e in enumerate(entries):
        if i:
            t.append("\n")
        t.append(f"{view.local_time(e.get('le'))} ", "dim")
        t.append(f"{e.get('par')} · ")
        t.append(fmt.action(e), "bold")
        change = fmt.change(e)
        if change:
            t.append(f" {change}")
        if e.get("motif"):
            t.append(f" · « {e['motif']} »", "italic")
    return t


def _colour(code: str | None) -> str:
    return {"admis": "green", "ajourne": "red", "controle": "yellow", "non_delivre": "magenta"}.get(code or "", "")
