"""The deliberation app: one session, its screens, the lock, and every act through `Session`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.reactive import Reactive
from textual.screen import Screen
from textual.signal import Signal

from jury_tui.deliberation.app_support import Changes, open_tour
from jury_tui.errors import JuryError, os_cause
from jury_tui.tui import format as fmt
from jury_tui.tui import signals
from jury_tui.tui.follow import Following
from jury_tui.tui.messages import SessionUpdate
from jury_tui.tui.model import SessionModel
from jury_tui.tui.notices import ERROR, INFORMATION, WARNING, Notices
from jury_tui.tui.widgets.session_bar import BarText

if TYPE_CHECKING:
    from jury_tui.deliberation import Session

HERE = Path(__file__).parent
T = TypeVar("T")
NOTICE_TIMEOUT = 6.0  # seconds a notice stays (a refusal: 10)
INTEGRITY_DELAY = 0.8  # seconds after the first frame: the first keys answer before the audit is checked


def _styled(screen: Screen) -> Screen:
    """A mode's screen, marked as made under the app's current CSS (Textual pinned): else
    Textual re-parses every stylesheet and restyles the app when the mode starts, and the
    candidates' mode starts the app. Our CSS and theme do not change while the app runs."""
    from textual._context import active_app

    screen._css_update_count = active_app.get()._css_update_count
    return screen


def _overview():
    from jury_tui.tui.screens.overview import OverviewScreen

    return _styled(OverviewScreen())


def _candidates():
    from jury_tui.tui.screens.candidates import CandidatesScreen

    return _styled(CandidatesScreen())


def _jury():
    from jury_tui.tui.screens.jury import JuryScreen

    return _styled(JuryScreen())


class JuryApp(Following, App[int]):
    """A jury deliberates one session: overview, candidates, sheet, jury, signature."""

    TITLE = "Délibération"
    CSS_PATH = [HERE / "styles" / "app.tcss"]
    MODES = {"synthese": _overview, "candidats": _candidates, "jury": _jury}
    DEFAULT_MODE = "candidats"  # the working screen first; the overview computes everything
    ENABLE_COMMAND_PALETTE = True
    # The terminal's own 16 colours (what SSH sessions show best), set before the first frame.
    theme: Reactive[str] = Reactive("ansi-dark")

    BINDINGS = [
        Binding("ctrl+q", "quit", "Quitter", priority=True, key_display="^q"),
        Binding("ctrl+c", "help_quit", show=False, system=True),
        Binding("ctrl+p", "command_palette", "Commandes", show=False, priority=True, key_display="^p"),
        Binding("question_mark,f1", "help", "Aide", key_display="?"),
        Binding("1", "mode('synthese')", "Synthèse", show=False),
        Binding("2", "mode('candidats')", "Candidats", show=False),
        Binding("3,J", "mode('jury')", "Jury", show=False),
        Binding("s", "sign", "Signer", show=False),
        Binding("d", "documents", "Documents", show=False),
        Binding("i", "import_file", "Importer", show=False),
    ]

    def __init__(
        self,
        session_path: Path,
        *,
        read_only: bool = False,
        take_over: bool = False,
        poll_interval: float = 0.5,
        announce_path: bool = False,
    ):
        super().__init__()
        self.set_class(self.no_color, "-no-color")  # NO_COLOR: the cursors in reverse video (app.tcss)
        self.model = SessionModel(Path(session_path))
        self.read_only_requested = read_only
        self.take_over_requested = take_over
        self.poll_interval = poll_interval
        self.announce_path = announce_path
        self.session_changed: Signal[SessionUpdate] = Signal(self, "session_changed")
        self.notices = Notices()  # said in the lines above the footer (widgets/notice_bar.py)
        self.notices_changed: Signal[None] = Signal(self, "notices_changed")
        self.integrity_problems: list[str] | None = None
        self.open_error: str | None = None
        self._offered_take = False
        self._ticks = 0
        self.hung_up = False
        self.first_frame = False
        self.exporting = False  # documents being written in a thread: no other act, no reload meanwhile
        self._after_first_frame: list[Callable[[], None]] = []

    # ---- start and stop -----------------------------------------------------------------------
    def on_load(self) -> None:
        """Before any screen: read the session and take it (or follow it)."""
        try:
            self.model.load()
        except JuryError as exc:
            self.open_error = str(exc)
            return
        if self.read_only_requested:
            self.model.follow()
        else:
            self.model.try_hold()

    def on_mount(self) -> None:
        if self.open_error is not None:
            from jury_tui.tui.screens.error import OpenErrorScreen

            self.push_screen(OpenErrorScreen(self.open_error))
            return
        if not self.model.writable and not self.read_only_requested and not self.take_over_requested:
            self.say(
                f"Session tenue par {fmt.holder(self.model.holder.info if self.model.holder else None, self.model.view.local_time)} : "
                "ouverte en lecture seule ; les changements s'affichent au fil de l'eau.",
                title="Lecture seule",
                severity=WARNING,
                timeout=10,
            )
        self.after_first_frame(self._announce_composition)
        self.set_interval(self.poll_interval, self._poll)
        if not self.is_headless:
            signals.install(self)
        if self.announce_path:
            self.say(str(self.model.path.resolve()), title="Session ouverte", timeout=8)
        self.after_first_frame(lambda: self.set_timer(INTEGRITY_DELAY, self._check_integrity))
        if self.take_over_requested and not self.model.writable:
            self.run_worker(self._take_over(), exclusive=True, group="take-over")

    def _announce_composition(self) -> None:
        """The jury's composition, at once (cheap): the overview and the jury screen say more."""
        from jury_tui.deliberation.app_support import composition_check

        errors, warnings = composition_check(self.model.view)
        if errors:
            self.say(
                f"{fmt.count(len(errors), 'erreur')} de composition du jury : il ne peut pas siéger ; voir l'écran Jury (3).",
                title="Jury",
                severity=ERROR,
                key="jury",
                timeout=10,
            )
        elif warnings:
            self.say(
                f"{fmt.count(len(warnings), 'avertissement')} sur les membres présents ; voir l'écran Jury (3).",
                title="Jury",
                severity=WARNING,
                key="jury",
                timeout=6,
            )

    def on_ready(self) -> None:
        """The first frame is on screen: now the work that can wait (statistics, integrity)."""
        self.first_frame = True
        callbacks, self._after_first_frame = self._after_first_frame, []
        for callback in callbacks:
            self.set_timer(0.01, callback)

    def after_first_frame(self, callback: Callable[[], None]) -> None:
        """Run `callback` once the first frame is drawn (at once if it already is)."""
        if self.first_frame:
            self.call_later(callback)
        else:
            self._after_first_frame.append(callback)

    def exit(self, result=None, return_code: int = 0, message=None) -> None:
        """Leaving: the lock is released first (every act is already on disk)."""
        self.model.release()
        super().exit(result, return_code, message)

    def on_unmount(self) -> None:
        self.model.release()
        if not self.is_headless:
            signals.uninstall()

    def hang_up(self, signum: int) -> None:
        """SIGHUP or SIGTERM: release the lock first, then leave (every act is already saved)."""
        self.model.release()
        self.hung_up = True
        signals.exit_soon(signum)
        self.exit(return_code=128 + signum)

    def _fatal_error(self) -> None:
        """An unexpected error ends the app: a French message, no traceback (its locals would
        show candidates' data); the lock is released first. (Textual's hook, pinned version.)"""
        from rich.text import Text

        self.model.release()
        kind = type(self._exception).__name__ if self._exception else "erreur"
        self._exit_renderables.append(
            Text(
                f"Erreur inattendue de l'application ({kind}). Tout ce qui a été confirmé est enregistré "
                "dans la session ; rouvrez-la avec « jury open », et signalez l'erreur."
            )
        )
        self._close_messages_no_wait()

    async def action_quit(self) -> None:
        if self.exporting:
            self.show_error("un export de documents est en cours : attendez qu'il finisse, puis ctrl+q")
            return
        self.exit()

    def action_help_quit(self) -> None:
        self.say("Pour quitter : ctrl+q", title="Quitter ?")

    # ---- integrity ----------------------------------------------------------------------------
    def _check_integrity(self) -> None:
        if self.exporting:  # the export thread is reading and writing the file: check just after
            self.set_timer(0.5, self._check_integrity)
            return
        try:
            problems = self.model.session.verify()
        except JuryError as exc:
            problems = exc.problems
        self.integrity_problems = [str(p) for p in problems]
        if problems:
            from jury_tui.tui.screens.dialogs import MessageDialog

            lines = "\n".join(f"• {p}" for p in self.integrity_problems[:8])
            self.push_screen(
                MessageDialog(
                    "Intégrité du journal",
                    "Le journal de cette session ne se vérifie pas : le fichier a pu être modifié hors de "
                    f"jury-tui.\n\n{lines}\n\nPrévenez le service des examens avant de signer.",
                    error=True,
                )
            )
        self.publish(Changes(session=True), force=True)

    # ---- acting -------------------------------------------------------------------------------
    @property
    def session(self) -> Session:
        """The session every act goes through: `app.perform(app.session.decide, numero, ...)`."""
        return self.model.session

    def perform(self, act: Callable[..., T], *args, **kwargs) -> tuple[bool, T | None]:
        """Run one act on the session (a `Session` method) with its arguments: (True, what it
        returns), or (False, None) with the refusal shown. The view is refreshed either way."""
        ok, result, refusal = self._act(act, *args, **kwargs)
        if refusal is not None:
            self.show_error(refusal)
        return ok, result

    def attempt(self, act: Callable[..., object], *args, **kwargs) -> str | None:
        """As `perform`, for a dialog that says its own refusals: None when done, else the
        refusal, in French."""
        return self._act(act, *args, **kwargs)[2]

    def _act(self, act: Callable[..., T], *args, **kwargs) -> tuple[bool, T | None, str | None]:
        if self.exporting:
            return False, None, "un export de documents est en cours : attendez qu'il finisse"
        if not self.model.writable:
            self.refresh_model()
            return False, None, "session ouverte en lecture seule : aucune modification possible"
        ok, result, refusal = False, None, None
        try:
            result = act(*args, **kwargs)
            ok = True
        except JuryError as exc:
            refusal = str(exc)
        except OSError as exc:
            refusal = str(JuryError(f"écriture impossible : {os_cause(exc)}"))
        except Exception as exc:  # noqa: BLE001 - a bug must not lose the session: say it, carry on
            refusal = (f"erreur inattendue ({type(exc).__name__}) : l'acte a été enregistré en entier ou pas du tout ; "
                       "vérifiez la fiche")  # fmt: skip
        self.refresh_model()
        return ok, result, refusal

    def refresh_model(self) -> None:
        try:
            changes = self.model.refresh()
        except JuryError as exc:
            self.show_error(exc)
            return
        self.publish(changes)

    def publish(self, changes: Changes, *, mode_changed: bool = False, force: bool = False) -> None:
        if changes.any or mode_changed or force:
            self.session_changed.publish(SessionUpdate(changes, self.model.generation, mode_changed))

    def show_error(self, exc: JuryError | str, title: str = "Refusé") -> None:
        """A refusal, said where the user is: in the open dialog's own line when it has one, else
        above the footer, in place of the previous refusal."""
        text = str(exc)
        shown_in_dialog = getattr(self.screen, "show_refusal", None)
        if shown_in_dialog is None or not shown_in_dialog(text):
            self.say(text, title=title, severity=ERROR, timeout=10)
        self.bell()

    def say(self, text: str, *, title: str = "", severity: str = INFORMATION, key: str | None = None,
            timeout: float = NOTICE_TIMEOUT) -> None:  # fmt: skip
        """A notice above the footer (a new one replaces the one with the same key: every
        refusal shares one); it goes after `timeout` seconds."""
        self.notices.say(text, title=title, severity=severity, key=key, timeout=timeout)
        self.notices_changed.publish(None)
        self.set_timer(timeout + 0.05, lambda: self.notices_changed.publish(None))

    def require_writable(self) -> bool:
        if self.model.writable:
            return True
        self.show_error("session ouverte en lecture seule : aucune modification possible", title="Lecture seule")
        return False

    # ---- navigation and commands ------------------------------------------------------------
    def action_mode(self, mode: str) -> None:
        if self.model.view is None:
            return
        if mode == self.current_mode and len(self.screen_stack) > 1:
            back = getattr(self.screen, "action_back", None)  # from a candidate's sheet to the table
            if back is not None:
                back()
            return
        self.switch_mode(mode)

    def action_help(self) -> None:
        from jury_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_sign(self) -> None:
        if self.model.view is None or not self.require_writable():
            return
        from jury_tui.tui.screens.sign import SignScreen

        self.push_screen(SignScreen())

    def action_documents(self, preselect: tuple[str, ...] | None = None) -> None:
        """The documents screen: what can be written now, written through our own Session."""
        if self.model.view is None or not self.require_writable():
            return
        from jury_tui.tui.screens.export import ExportScreen

        if not isinstance(self.screen, ExportScreen):
            self.push_screen(ExportScreen(preselect))

    def import_kind(self) -> str | None:
        """What a file imported now brings: candidates at tour 1, contrôle grades at tour 2."""
        tour = open_tour(self.model.view) if self.model.view is not None else None
        return {1: "candidates", 2: "controle"}.get(tour)

    def action_import_file(self) -> None:
        """Import the exam office's file through our own Session (`jury import` is refused while
        the app holds the session)."""
        if self.model.view is None or not self.require_writable():
            return
        kind = self.import_kind()
        if kind is None:
            self.show_error("la session est close : plus rien à importer")
            return
        from jury_tui.tui.screens.import_file import ImportDialog, summary

        def imported(report) -> None:
            if report is not None:
                self.say(summary(report).splitlines()[0] + " ; inscrit au journal.", title="Importé", timeout=10)

        self.push_screen(ImportDialog(kind, self.model.path.resolve().parent), imported)

    def action_reopen(self) -> None:
        if self.model.view is None or not self.require_writable():
            return
        from jury_tui.tui.screens.sign import reopen_flow

        self.run_worker(reopen_flow(self), exclusive=True, group="reopen")

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            from jury_tui.tui.palette import JuryCommandPalette

            self.push_screen(JuryCommandPalette())

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("sign", "reopen", "documents", "import_file") and not self.model.writable:
            return None
        return True

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        own: Callable[[], Iterable[tuple[str, str, Callable]]] | None = getattr(screen, "palette_commands", None)
        if own is not None:
            for title, help_text, callback in own():
                yield SystemCommand(title, help_text, callback)
        if self.model.view is not None:
            yield SystemCommand("Aller à : synthèse de la session", "touche 1", lambda: self.action_mode("synthese"))
            yield SystemCommand("Aller à : candidats", "touche 2", lambda: self.action_mode("candidats"))
            yield SystemCommand("Aller à : jury", "touche 3 ou J", lambda: self.action_mode("jury"))
            if self.model.writable:
                yield SystemCommand("Signer le tour", "touche s", self.action_sign)
                yield SystemCommand("Documents : procès-verbal, relevés, attestations, admis, CSV",
                                    "touche d ; écrits à côté de la session, inscrits au journal", self.action_documents)
                if self.import_kind() == "controle":
                    yield SystemCommand("Importer les notes de contrôle (fichier)", "touche i ; vérifié avant d'être importé",
                                        self.action_import_file)  # fmt: skip
                elif self.import_kind() == "candidates":
                    yield SystemCommand("Importer des candidats et leurs notes (fichier)", "touche i ; vérifié avant d'être importé",
                                        self.action_import_file)  # fmt: skip
                yield SystemCommand("Rouvrir le dernier tour signé", "avec un motif, inscrit au journal", self.action_reopen)
            else:
                yield SystemCommand("Prendre la session pour écrire", "si personne ne la tient", self.action_take)
        yield SystemCommand("Aide", "touches et écrans (touche ?)", self.action_help)
        yield SystemCommand("Quitter", "ctrl+q ; tout ce qui est confirmé est déjà enregistré", self.action_quit)

    # ---- what the bar shows ---------------------------------------------------------------------
    def bar(self) -> tuple[BarText | None, bool]:
        """What the bar at the top says, and whether the session is read-only here."""
        view = self.model.view
        if view is None:
            return None, False
        h = view.header
        tour = open_tour(view)
        texts = dict(jury=h.get("jury") or "", year=f"session {h.get('annee')}",
                     tour=f"tour {tour}" if tour else "session close", name=self.model.path.name)  # fmt: skip
        if self.model.writable:
            return BarText(**texts, state="écriture"), False
        if self.model.holder and self.model.holder.info:
            info = self.model.holder.info
            who = info.get("actor") or info.get("user") or "?"
            since = view.local_time(info.get("since"))[-5:] if info.get("since") else ""
            return BarText(**texts, state=f"LECTURE SEULE · tenue par {who} depuis {since}", short_state="LECTURE SEULE"), True
        return BarText(**texts, state="LECTURE SEULE"), True

    def bar_texts(self) -> tuple[str, str, bool]:
        """The bar's texts in full: (session and tour, file and who writes, read-only)."""
        bar, read_only = self.bar()
        if bar is None:
            return "", "", False
        return f"{bar.jury} · {bar.year} · {bar.tour}", f"{bar.name} · {bar.state}", read_only
