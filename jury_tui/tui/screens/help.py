"""Help: every key of every screen, the marks of the tables, and how the session is kept."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

SECTIONS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Partout",
        [
            ("1 · 2 · 3 (ou J)", "synthèse · candidats · jury"),
            ("s", "signer le tour en cours : ce qui bloque, les avertissements à cocher (Espace), puis Entrée"),
            ("d", "documents : procès-verbal, version anonyme, relevés, attestations, admis, CSV (Espace pour cocher, e pour écrire)"),
            ("ctrl+p", "toutes les commandes (rouvrir un tour, prendre la session, filtres, tris…)"),
            ("? ou F1", "cette aide"),
            ("ctrl+q", "quitter : tout ce qui est confirmé est déjà enregistré"),
        ],
    ),
    (
        "Candidats",
        [
            ("↑ ↓ PgPréc PgSuiv", "se déplacer (Début, Fin : premier, dernier)"),
            ("← →", "faire défiler les unités (les cinq premières colonnes restent)"),
            ("Entrée", "ouvrir la fiche du candidat"),
            ("/", "chercher par nom ou numéro (Entrée : retour au tableau, Échap : effacer)"),
            ("f", "filtre : non décidés, limites, à revoir, contrôle, non délivré"),
            ("t", "trier par une colonne (la même : ordre inverse) ; un clic sur l'en-tête aussi"),
            ("Échap", "effacer la recherche, puis le filtre"),
        ],
    ),
    (
        "Fiche du candidat",
        [
            ("Entrée", "valider la proposition et passer au suivant (à revoir : confirmer la décision)"),
            ("a · j · c · n", "décider admis · ajourné · contrôle · non délivré (motif si contraire)"),
            ("+ ou ] ou ctrl+n", "candidat suivant (dans l'ordre et le filtre du tableau)"),
            ("- ou [ ou ctrl+b", "candidat précédent"),
            ("e", "ajuster une note (points de jury), motif obligatoire"),
            ("r", "annuler un ajustement, motif obligatoire"),
            ("l", "le jury a examiné le livret"),
            ("o", "tour 2 : saisir les notes de contrôle"),
            ("m", "corriger une note saisie (note manquante, erreur de report), motif obligatoire"),
            ("x", "effacer la décision (confirmation)"),
            ("h", "aller à l'historique ; ↑ ↓ font défiler la fiche"),
            ("Échap", "retour au tableau"),
        ],
    ),
    (
        "Jury",
        [
            ("↑ ↓", "choisir un membre"),
            ("p · v · a", "présent · en visioconférence · absent (jusqu'à la signature du tour 1)"),
            ("Entrée", "présence suivante"),
        ],
    ),
    (
        "Dialogues",
        [
            ("Entrée", "valider ; Tab passe au champ suivant"),
            ("o · n", "oui · non dans une confirmation"),
            ("Échap", "annuler"),
        ],
    ),
]

MARKS = [
    ("12,50*", "note ajustée par le jury (la note d'origine est dans la fiche)"),
    ("11,00c", "tour 2 : la note de contrôle est celle qui compte"),
    ("B13,00", "note conservée d'une session antérieure"),
    ("admis !", "à revoir : une note a changé sous la décision"),
    ("9,99", "les moyennes sont tronquées, jamais arrondies : 9,996 s'affiche 9,99"),
]


def help_renderable() -> Group:
    table = Table(box=None, padding=(0, 1), show_header=False, expand=False)
    table.add_column(style="bold", no_wrap=True, width=20)
    table.add_column()
    for i, (title, keys) in enumerate(SECTIONS):
        if i:
            table.add_row("", "")
        table.add_row(Text(title, style="bold underline"), "")
        for key, what in keys:
            table.add_row(key, what)
    table.add_row("", "")
    table.add_row(Text("Marques du tableau", style="bold underline"), "")
    for mark, what in MARKS:
        table.add_row(mark, what)
    note = Text(
        "Chaque acte est enregistré dès qu'il est confirmé, avec son auteur, son heure et son motif, "
        "dans le journal de la session. Une seule personne écrit à la fois : une seconde ouverture "
        "suit la session en lecture seule et propose de la prendre quand elle se libère. Si la "
        "connexion SSH tombe, la session est libérée et rien de confirmé n'est perdu."
    )
    return Group(table, Text(""), note)


class HelpScreen(ModalScreen):
    BINDINGS = [Binding("escape,question_mark,f1,q", "close", "Fermer", key_display="Échap")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -help"):
            yield Label("Aide : touches et écrans", classes="dialog-title")
            with VerticalScroll(id="help-body", can_focus=True):
                yield Static(help_renderable())
            yield Static("↑ ↓ pour faire défiler · Échap pour fermer", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
