"""Help: every key of every screen, the marks of the tables, and how the session is kept."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from jury_tui.tui.screens.dialogs import Dialog

SECTIONS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Partout",
        [
            ("1 · 2 · 3 (ou J)", "synthèse · candidats · jury"),
            ("s", "signer le tour en cours : ce qui bloque, les avertissements à cocher (Espace), puis Entrée"),
            ("d", "documents : procès-verbal, version anonyme, relevés, attestations, admis, CSV (Espace pour cocher, e pour écrire)"),
            ("i", "importer le fichier du service des examens : notes de contrôle au tour 2 (candidats au tour 1) ; "
                  "Entrée le vérifie sans rien écrire, o l'importe"),
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
            ("Entrée", "valider la proposition et passer au suivant (à revoir : confirmer la décision ; "
                       "déjà décidé ou incomplet : passer au suivant)"),
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
            ("↑ ↓", "choisir dans une liste (elle s'arrête au premier et au dernier)"),
            ("Entrée · Tab", "champ suivant ; au dernier champ, la ligne du changement à confirmer"),
            ("o", "oui : confirmer (une note ne change qu'une fois sa ligne confirmée : « U52 : — → 11,00 »)"),
            ("n · Échap", "non ; Échap revient aux champs, puis ferme sans rien changer"),
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


class HelpScreen(Dialog):
    BINDINGS = [Binding("escape,question_mark,f1,q", "cancel", "Fermer", key_display="Échap")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -help"):
            yield Label("Aide : touches et écrans", classes="dialog-title")
            with VerticalScroll(id="help-body", can_focus=True):
                yield Static(help_renderable())

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def footer_keys(self) -> list[tuple[str, str, str]]:
        return [("down", "↑ ↓", "Faire défiler"), ("pagedown", "PgSuiv", "Page suivante"), ("escape", "Échap", "Fermer")]
