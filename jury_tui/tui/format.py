"""French display of what the session view returns (no rule here, only words and layout)."""

from __future__ import annotations

from datetime import date

from jury_tui.deliberation.view import change_text
from jury_tui.domain import grades
from jury_tui.domain.composition import PRESENCE_LABELS, QUALITE_LABELS, ROLE_LABELS
from jury_tui.domain.grades import Value
from jury_tui.domain.results import LABELS, display_average

DASH = "—"


def moyenne(hundredths: int | None) -> str:
    return display_average(hundredths)


def label(code: str | None) -> str:
    """A proposal or decision in words: « non délivré »; empty for none."""
    return LABELS.get(code, code) if code else ""


def cell(value: Value | None) -> str:
    """A grade in a table cell, compact: 12,50 · B13,00 (kept) · ABS · '' (not taken)."""
    if value is None:
        return ""
    if value.kind == grades.KEPT:
        return f"B{grades.french(value.hundredths)}"
    return grades.display(value)


def grade(value: Value | None) -> str:
    """A grade in full: 12,50 · B2024 : 13,00 · ABS · — (not taken)."""
    return grades.display(value) if value is not None else DASH


def points(hundredths: int) -> str:
    return grades.french(hundredths)


def count(n: int, word: str, plural: str | None = None) -> str:
    """« 1 avertissement », « 2 avertissements », « 0 erreur » (French: singular below 2)."""
    return f"{n} {word if n < 2 else plural or word + 's'}"


def rate(admis: int, presents: int) -> str:
    """Success rate, truncated to a tenth of a percent: 45,1 %."""
    if not presents:
        return DASH
    tenths = 1000 * admis // presents
    return f"{tenths // 10},{tenths % 10} %"


def iso_date(text: str | None) -> str:
    if not text:
        return DASH
    try:
        return date.fromisoformat(text).strftime("%d/%m/%Y")
    except ValueError:
        return text


def role(code: str) -> str:
    return ROLE_LABELS.get(code, code)


def qualite(code: str | None) -> str:
    return QUALITE_LABELS.get(code, code) if code else DASH


def presence(code: str) -> str:
    return PRESENCE_LABELS.get(code, code)


def finding(f) -> str:
    """A check finding in plain French, with its article."""
    return f"{f.message} [{f.article}]" if f.article else f.message


def holder(info: dict | None, local_time) -> str:
    """Who holds the session: « anne sur serveur (processus 1234), depuis le 20/06/2026 10:12 »."""
    if not info:
        return "un autre processus"
    actor = info.get("actor") or info.get("user") or "?"
    user = info.get("user")
    who = f"{actor} (compte {user})" if user and user != actor else actor
    text = f"{who} sur {info.get('host') or '?'}"
    if info.get("pid"):
        text += f" (processus {info['pid']})"
    since = local_time(info.get("since")) if info.get("since") else ""
    return f"{text}, depuis le {since}" if since else text


def fingerprint(hexdigest: str) -> str:
    """Groups of eight, easier to read aloud and compare on paper."""
    return " ".join(hexdigest[i : i + 8] for i in range(0, len(hexdigest), 8))


ACTIONS = {
    "decision": "décision",
    "decision_effacee": "décision effacée",
    "ajustement": "ajustement",
    "ajustement_annule": "ajustement annulé",
    "livret_examine": "livret examiné",
    "note_controle": "note de contrôle",
    "correction": "correction",
    "retrait": "retrait",
    "import": "import",
    "signature": "signature",
    "reouverture": "réouverture",
    "reprise": "reprise de la session",
    "presence": "présence",
}


def change(entry: dict) -> str:
    """What an audit entry changed (`deliberation.view.change_text`), grades and decisions in French."""
    return change_text(entry, _value_text)


def _value_text(v) -> str:
    """A stored value in French: a grade ("9.50" -> 9,50), a decision (« non délivré »)."""
    if isinstance(v, str) and v in LABELS:
        return LABELS[v]
    if isinstance(v, str):
        try:
            return grade(grades.parse(v))
        except grades.GradeError:
            return v
    return str(v)


def action(entry: dict) -> str:
    code = entry.get("action") or ""
    return ACTIONS.get(code, code.replace("_", " "))
