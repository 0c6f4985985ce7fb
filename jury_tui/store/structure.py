"""The inside of a session file, checked when it is read: valid JSON of the wrong shape (a
candidate's `notes` as a text, the regulation removed, a decision as a number) is refused,
naming the part (« candidat 02601, champ notes »), before anything reads or writes it.

The shapes are those `domain.candidate.to_dict` and `deliberation.session.create_session`
write. Only what the program relies on is checked: a key it does not know is left alone
(a newer minor field, a site's note), a key it reads must have its type.
"""

from __future__ import annotations

from pathlib import Path

from jury_tui.domain import grades
from jury_tui.errors import JuryError, Place, Problem

_LISTED = 20  # problems named before « … et N autres »
_TYPES = {str: "un texte", int: "un nombre entier", bool: "true ou false", dict: "un objet", list: "une liste",
          float: "un nombre à virgule"}
_BOOLEANS = ("livret", "livret_examine", "attestation_shg", "a_revoir")
_TEXTS = ("nom", "prenom")
_OPTIONAL_TEXTS = ("date_naissance", "statut", "forme", "ine", "etablissement")
_GOOD_GRADES: set[str] = set()  # grade texts already read once in this process


def _found(value) -> str:
    if value is None:
        return "rien (champ absent ou null)"
    return _TYPES.get(type(value), type(value).__name__)


class _Checker:
    def __init__(self, path: Path):
        self.path = path
        self.problems: list[Problem] = []

    def fail(self, place: Place, message: str) -> None:
        self.problems.append(Problem(message, place, code="SESSION_SHAPE"))

    def typed(self, place: Place, name: str, value, kind: type, *, optional: bool = False) -> bool:
        if value is None and optional:
            return False
        if type(value) is not kind:
            self.fail(place, f"champ {name} : attendu {_TYPES[kind]}, trouvé {_found(value)}")
            return False
        return True

    def grade_map(self, place: Place, name: str, value) -> None:
        if value is None:
            return
        if type(value) is not dict:
            self.fail(place, f"champ {name} : attendu un objet {{unité : note}}, trouvé {_found(value)}")
            return
        for unit, text in value.items():
            self.grade(place, f"{name}.{unit}", text)

    def grade(self, place: Place, name: str, text) -> None:
        if type(text) is not str:
            self.fail(place, f"champ {name} : attendu une note écrite en texte, trouvé {_found(text)}")
        elif text not in _GOOD_GRADES:
            try:
                grades.parse(text)
            except (grades.GradeError, ValueError, TypeError):
                self.fail(place, f"champ {name} : « {text[:20]} » n'est pas une note")
                return
            if len(_GOOD_GRADES) < 50_000:
                _GOOD_GRADES.add(text)


def check_state(state: dict, path: Path) -> None:
    """Refuse (JuryError naming each part) a parsed session whose inside is not a session's."""
    check = _Checker(path)
    _session_parts(check, state)
    for numero, doc in state["candidates"].items():
        if not _plain_candidate(doc):  # the usual case answered fast; else each part is named
            _candidate(check, numero, doc)
    if check.problems:
        raise _refusal(path, check.problems)


def _part(check: _Checker, label: str) -> Place:
    return Place(file=str(check.path), pointer=label)


def _session_parts(check: _Checker, state: dict) -> None:
    header = state.get("header")
    if check.typed(_part(check, "en-tête"), "header", header, dict):
        for key in ("academie", "jury"):
            check.typed(_part(check, "en-tête"), key, header.get(key), str)
        check.typed(_part(check, "en-tête"), "annee", header.get("annee"), int)
        for key in ("date", "lieu", "tz"):
            check.typed(_part(check, "en-tête"), key, header.get(key), str, optional=True)
    regulation = state.get("regulation")
    if check.typed(_part(check, "règlement"), "regulation", regulation, dict):
        check.typed(_part(check, "règlement"), "toml", regulation.get("toml"), str)
    members = state.get("members", [])
    if check.typed(_part(check, "membres du jury"), "members", members, list):
        for index, member in enumerate(members, 1):
            place = _part(check, f"membre n°{index}")
            if check.typed(place, "membre", member, dict):
                check.typed(place, "nom", member.get("nom"), str)
                check.typed(place, "role", member.get("role"), str)
    tours = state.get("tours", {})
    if check.typed(_part(check, "tours"), "tours", tours, dict):
        for tour, entry in tours.items():
            if tour not in ("1", "2"):
                continue  # only the two tours are read
            if check.typed(_part(check, f"tour {tour}"), "tour", entry, dict):
                check.typed(_part(check, f"tour {tour}"), "signature", entry.get("signature"), dict, optional=True)


def _plain_candidate(doc: dict) -> bool:
    """Whether a candidate has the shape `_candidate` checks, in one pass without naming
    anything (thousands per session: the detailed check runs only where this says no)."""
    get = doc.get
    if type(get("nom", "")) is not str or type(get("prenom", "")) is not str:
        return False
    for key in _OPTIONAL_TEXTS:
        if get(key) is not None and type(get(key)) is not str:
            return False
    for key in _BOOLEANS:
        if get(key) is not None and type(get(key)) is not bool:
            return False
    for key in ("notes", "controle"):
        texts = get(key)
        if texts is None:
            continue
        if type(texts) is not dict or not all(type(t) is str for t in texts.values()):
            return False
        if not _GOOD_GRADES.issuperset(texts.values()):
            return False
    return not get("ajustements") and not get("decisions") and get("retire") is None


def _candidate(check: _Checker, numero: str, doc: dict) -> None:
    place = Place(file=str(check.path), candidate=numero)
    for key in _TEXTS:
        check.typed(place, key, doc.get(key), str, optional=key not in doc)
    for key in _OPTIONAL_TEXTS:
        check.typed(place, key, doc.get(key), str, optional=True)
    for key in _BOOLEANS:
        check.typed(place, key, doc.get(key), bool, optional=True)
    check.grade_map(place, "notes", doc.get("notes"))
    check.grade_map(place, "controle", doc.get("controle"))
    adjustments = doc.get("ajustements")
    if check.typed(place, "ajustements", adjustments, list, optional=True):
        for index, adj in enumerate(adjustments, 1):
            name = f"ajustements[{index}]"
            if check.typed(place, name, adj, dict):
                check.typed(place, f"{name}.unite", adj.get("unite"), str)
                check.grade(place, f"{name}.avant", adj.get("avant"))
                check.grade(place, f"{name}.apres", adj.get("apres"))
                check.typed(place, f"{name}.tour", adj.get("tour"), int, optional=True)
    decisions = doc.get("decisions")
    if check.typed(place, "decisions", decisions, dict, optional=True):
        for tour, decision in decisions.items():
            name = f"decisions.{tour}"
            if not tour.isdigit():
                check.fail(place, f"champ {name} : le tour doit être un numéro (1 ou 2)")
            elif check.typed(place, name, decision, dict):
                check.typed(place, f"{name}.decision", decision.get("decision"), str)
    check.typed(place, "retire", doc.get("retire"), dict, optional=True)


def _refusal(path: Path, problems: list[Problem]) -> JuryError:
    from jury_tui.store.layout import restore_hint

    shown = problems[:_LISTED]
    if len(problems) > _LISTED:
        shown.append(Problem(f"… et {len(problems) - _LISTED} autres", Place(file=str(path))))
    parts = "la partie nommée ci-dessus" if len(problems) == 1 else f"{len(problems)} parties, nommées ci-dessus"
    return JuryError([*shown, Problem(
        f"Le fichier de session {path} est mal formé à l'intérieur ({parts}) : il n'est ni lu ni modifié. "
        + restore_hint(path), code="SESSION_SHAPE")], code="SESSION_SHAPE")  # fmt: skip
