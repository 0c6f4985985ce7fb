"""Overview: the session, its composition check, progress, statistics, histogram of averages."""

from __future__ import annotations

import asyncio

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from jury_tui.deliberation import signer
from jury_tui.deliberation.app_support import active_numeros, average_histogram, open_tour, statistics, tours_to_show
from jury_tui.domain.results import ADMIS, AJOURNE, CONTROLE, INCOMPLET, NON_DELIVRE
from jury_tui.tui import format as fmt
from jury_tui.tui.messages import SessionUpdate
from jury_tui.tui.screens.base import SessionScreen
from jury_tui.tui.widgets.overview.histogram import Histogram

CHUNK = 250
WIDE = 110
ROWS = (ADMIS, AJOURNE, CONTROLE, NON_DELIVRE, INCOMPLET)


def findings_text(errors, warnings, *, none: str) -> Text:
    text = Text()
    for f in errors:
        text.append("✗ Erreur : ", "bold red")
        text.append(fmt.finding(f) + "\n")
    for f in warnings:
        text.append("! Avertissement : ", "bold yellow")
        text.append(fmt.finding(f) + "\n")
    if not errors and not warnings:
        text.append("✓ " + none, "green")
    text.rstrip()
    return text


def bar(done: int, total: int, width: int = 24) -> str:
    filled = width * done // total if total else 0
    return "█" * filled + "░" * (width - filled)


class OverviewScreen(SessionScreen):
    BINDINGS = [
        Binding("2", "app.mode('candidats')", "Candidats"),
        Binding("3", "app.mode('jury')", "Jury"),
        Binding("s", "app.sign", "Signer"),
    ]

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="overview", can_focus=True):
            with Horizontal(id="overview-columns"):
                with Vertical(id="overview-left"):
                    yield Static(id="session-info")
                    yield Static("Avancement", classes="section-title", id="title-progress")
                    yield Static("calcul…", id="progress")
                    yield Static("Contrôle de la session", classes="section-title")
                    yield Static("vérification…", id="check")
                with Vertical(id="overview-right"):
                    yield Static("Statistiques", classes="section-title", id="title-stats")
                    yield Static("calcul…", id="stats")
                    yield Static("Répartition des moyennes", classes="section-title", id="title-histogram")
                    yield Histogram(id="histogram")
                    yield Static("", id="legend", classes="legend")

    def on_mount(self) -> None:
        self._ready = False
        self._show_session()
        self.set_class(self.app.size.width < WIDE, "-narrow")
        self.app.after_first_frame(self._start)

    def on_resize(self) -> None:
        self.set_class(self.app.size.width < WIDE, "-narrow")

    def _start(self) -> None:
        self.run_worker(self._compute(), exclusive=True, group="overview")

    async def _compute(self) -> None:
        """Compute every result in small steps (the screen is already drawn), then show."""
        view = self.view
        for i, numero in enumerate(active_numeros(view)):
            self.view.result(numero)
            if i % CHUNK == CHUNK - 1:
                await asyncio.sleep(0)
        self._ready = True
        self._show_all()

    def on_session_update(self, update: SessionUpdate) -> None:
        if not self.is_current:
            self._stale = True  # shown again when the screen comes back
            return
        self._show_session()
        if self._ready:
            self._show_all()

    def on_screen_resume(self) -> None:
        if getattr(self, "_stale", False):
            self._stale = False
            self._show_session()
            if self._ready:
                self._show_all()

    def _show_all(self) -> None:
        self._show_session()
        self._show_check()
        self._show_progress()
        self._show_stats()

    # ---- sections ---------------------------------------------------------------------------
    def _show_session(self) -> None:
        view = self.view
        h = view.header
        reg = view.regulation
        t = Text()
        t.append(f"{h.get('academie')} · session {h.get('annee')}", "bold")
        t.append(f" · {h.get('diplome') or ''} {h.get('specialite') or ''}".rstrip() + "\n")
        place = f" · {h['lieu']}" if h.get("lieu") else ""
        t.append(f"Jury : {h.get('jury')} · {fmt.iso_date(h.get('date'))}{place}\n")
        t.append(f"Règlement {reg.id}{' (provisoire)' if reg.provisional else ''} · ")
        tour = open_tour(view)
        t.append(f"tour en cours : {tour}" if tour else "session close (tous les tours signés)", "bold")
        problems = self.app.integrity_problems
        t.append(" · journal ")
        if problems is None:
            t.append("en vérification…", "dim")
        elif problems:
            t.append(f"NON INTÈGRE ({len(problems)} problème(s)) : prévenez le service des examens", "bold red")
        else:
            t.append("intègre", "green")
        for n in (1, 2):
            sig = view.signature(n)
            if sig:
                t.append(f"\nTour {n} signé par {signer.label(sig)} le {view.local_time(sig.get('le'))}", "green")
                t.append(f" · empreinte {fmt.fingerprint(sig.get('empreinte', ''))[:17]}…", "dim")
        self.query_one("#session-info", Static).update(t)

    def _show_check(self) -> None:
        report = self.view.check()
        text = findings_text(report.errors, report.warnings, none="aucune erreur, aucun avertissement")
        self.query_one("#check", Static).update(text)

    def _show_progress(self) -> None:
        view = self.view
        tour = open_tour(view) or max(tours_to_show(view))
        totals = view.totals(tour)
        self.query_one("#title-progress", Static).update(f"Avancement du tour {tour}")
        t = Text()
        t.append(bar(totals.decides, totals.inscrits) + " ", "green")
        t.append(f"{totals.decides} / {totals.inscrits}\n", "bold")
        t.append(f"décidés {totals.decides} · à décider {totals.a_decider} · ")
        t.append(f"à revoir {totals.a_revoir}", "bold yellow" if totals.a_revoir else "")
        blockers = view.sign_blockers(tour) if open_tour(view) else []
        if open_tour(view):
            t.append("\n")
            if blockers:
                t.append(f"Signature : {fmt.count(len(blockers), 'point')} à régler (touche s pour le détail)", "yellow")
            else:
                t.append("Le tour peut être signé (touche s).", "green")
        self.query_one("#progress", Static).update(t)

    def _show_stats(self) -> None:
        view = self.view
        shown = tours_to_show(view)
        table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
        table.add_column("")
        stats = [statistics(view, tour) for tour in shown]
        for s in stats:
            suffix = f" T{s.tour}" if len(shown) > 1 else ""
            table.add_column(f"Proposés{suffix}", justify="right")
            table.add_column(f"Décidés{suffix}", justify="right")
        for code in ROWS:
            cells = [fmt.label(code).capitalize()]
            for s in stats:
                cells.append(str(s.proposals.get(code, 0)))
                cells.append("—" if code == INCOMPLET else str(s.decisions.get(code, 0)))
            table.add_row(*cells)
        last = stats[-1]
        t = Text()
        for s in stats:
            tot = s.totals
            t.append(f"Tour {s.tour} : {tot.inscrits} inscrits, {tot.presents} présents ; taux de réussite ")
            t.append(fmt.rate(tot.admis, tot.presents), "bold")
            t.append(f" ({tot.admis} admis / {tot.presents} présents)\n")
        t.rstrip()
        self.query_one("#stats", Static).update(_group(table, t))
        bins, without = average_histogram(view)
        title = "Répartition des moyennes" + (" (tour 2 pour les candidats au contrôle)" if len(shown) > 1 else "")
        self.query_one("#title-histogram", Static).update(title)
        self.query_one(Histogram).show(bins, last.controle, last.admis)
        legend = Text()
        legend.append(f"moins de {fmt.points(last.controle)}", "red")
        legend.append(" · ")
        legend.append(f"{fmt.points(last.controle)} à {fmt.points(last.admis)}", "yellow")
        legend.append(" · ")
        legend.append(f"{fmt.points(last.admis)} et plus", "green")
        if without:
            legend.append(f" · sans moyenne : {without}")
        self.query_one("#legend", Static).update(legend)

    def palette_commands(self):
        yield ("Actualiser la synthèse", "recalcule les statistiques", self._show_all)


def _group(*renderables):
    from rich.console import Group

    return Group(*renderables)
