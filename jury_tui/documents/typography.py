"""French typography of every document: the one place for its rules.

The rules are those of the Lexique des règles typographiques en usage à l'Imprimerie
nationale:
- a non-breaking space (U+00A0, espace-mot insécable) before the colon, before « % »,
  after « and before »;
- a narrow non-breaking space (U+202F, espace fine insécable) before ; ! and ?;
- the typographic apostrophe (’, U+2019), never the typewriter one;
- a count is written with its word in the right number (« 17 ajournés », « 1 avertissement »,
  « 0 ajourné »: in French the plural begins at two), never « ajourné(s) ».

`typeset` applies them to every text of a document context (built in
`jury_tui.deliberation.docs`), `template_text` to the fixed text of the default templates
(scripts/build_templates.py), leaving Jinja tags as they are. `comparable` undoes them, so
that `jury verify` compares what a PV says, not how its spaces were typed.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass
from typing import Any

NBSP = "\u00a0"  # espace-mot insécable: before « : » and « % », inside « »
NNBSP = "\u202f"  # espace fine insécable: before « ; », « ! », « ? »
APOSTROPHE = "\u2019"

_SPACE = "[ \t\u00a0\u202f]"  # spaces within a line (a line break stays a line break)
_TRIGGERS = frozenset("':;!?%«»")
_RULES = [
    # colon: the spaces before it become one NBSP; none typed before a colon that ends a word
    # group (followed by a space or the end) gets one. « 16:05 » and « https:// » stay.
    (re.compile(rf"{_SPACE}+:"), NBSP + ":"),
    (re.compile(r"(?<=[^\s:;!?])(?=:(?:\s|$))"), NBSP),
    # ; ! ? : the same with a narrow NBSP; « ?! » takes one space, before the first mark
    (re.compile(rf"{_SPACE}+([;!?])"), NNBSP + r"\1"),
    (re.compile(r"(?<=[^\s:;!?])(?=[;!?](?:\s|$))"), NNBSP),
    # per cent: after a number, an NBSP
    (re.compile(rf"(?<=\d){_SPACE}*%"), NBSP + "%"),
    # guillemets: an NBSP inside each
    (re.compile(rf"«{_SPACE}*"), "«" + NBSP),
    (re.compile(rf"{_SPACE}*»"), NBSP + "»"),
]
_TAG = re.compile(r"({{.*?}}|{%.*?%})", re.DOTALL)


def french(text: str) -> str:
    """A text with French typography: « Motif: report » -> « Motif : report » (NBSP)."""
    if not _TRIGGERS.intersection(text):
        return text
    text = text.replace("'", APOSTROPHE)
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


def template_text(text: str) -> str:
    """The fixed text of a template typeset, its {{ tags }} and {% tags %} left as typed."""
    parts = _TAG.split(text)
    return "".join(part if index % 2 else french(part) for index, part in enumerate(parts))


def count(n: int, singular: str, plural: str | None = None) -> str:
    """« 1 avertissement », « 17 ajournés », « 0 ajourné » (plural from two on)."""
    word = singular if n < 2 else (plural or singular + "s")
    return f"{n} {word}"


def typeset(value: Any) -> Any:
    """A document context (a dataclass tree) with every text typeset by `french`."""
    if isinstance(value, str):
        return french(value)
    if isinstance(value, list):
        return [typeset(item) for item in value]
    if is_dataclass(value) and not isinstance(value, type):
        return type(value)(**{f.name: typeset(getattr(value, f.name)) for f in fields(value)})
    return value


_LOOSE_BEFORE = re.compile(r"\s+([:;!?%»])")
_LOOSE_AFTER = re.compile(r"«\s+")


def comparable(text: str) -> str:
    """A text as `jury verify` compares it: apostrophes straight, spaces around punctuation
    and line breaks ignored, so that a retyped space is no difference but a word is."""
    text = text.replace(APOSTROPHE, "'")
    text = _LOOSE_AFTER.sub("«", _LOOSE_BEFORE.sub(r"\1", text))
    return " ".join(text.split())
