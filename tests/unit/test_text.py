"""What a text may hold (domain/text.py): the written-out lists against Unicode's own tables."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jury_tui.domain import text
from jury_tui.errors import Place, Problem

UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def test_the_unsafe_characters_are_exactly_unicodes_control_format_separator_and_surrogate_ones():
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        category = unicodedata.category(char)
        unsafe = text.unsafe_at(char) is not None
        if category in UNSAFE_CATEGORIES:
            assert unsafe, f"U+{code:04X} ({category}) is not refused"
        else:  # a character of a later Unicode version may be refused before this Python knows it
            assert not unsafe or category == "Cn", f"U+{code:04X} ({category}) is refused"


def test_name_letters_are_those_every_exam_office_encoding_can_write():
    def letters(encoding: str) -> set[str]:
        out = set()
        for byte in range(256):
            try:
                out.add(bytes([byte]).decode(encoding))
            except UnicodeDecodeError:
                pass
        return {c for c in out if unicodedata.category(c) in ("Lu", "Ll")}

    shared = letters("cp1252") & letters("iso8859_15") & letters("mac_roman")
    assert set(text.NAME_LETTERS) == shared - {"µ"}  # the micro sign is a symbol in a name
    for letter in "àâäéèêëïîôöùûüÿçæœÀÂÄÉÈÊËÏÎÔÖÙÛÜŸÇÆŒ":  # French civil status (circulaire 2014)
        assert letter in text.NAME_LETTERS


@pytest.mark.parametrize("name", ["DURAND", "Léa", "N'DIAYE", "N’DIAYE", "LEFÈVRE-DUPONT", "DA SILVA",
                                  "CŒUR", "Lætitia", "NÚÑEZ", "Adrián", "ÇELIK", "'t HOOFT", "Strauß"])
def test_real_names_are_names(name):
    assert text.name_problem(name) is None


@pytest.mark.parametrize(("name", "fragment"), [
    ("LŽa", "« Ž », qui n'est pas une lettre des noms"),  # Mac Roman « Léa » read as Windows-1252
    ("DURAND¤", "« ¤ »"),  # ISO-8859-15 « DURAND€ » read as Windows-1252
    ("ŞAHIN", "écrivez-le sans son signe (« S »)"),
    ("DUPONT & FILS", "« & »"),
    ("LE\u00a0GOFF", "espace spéciale (U+00A0)"),
    ("- '", "au moins une lettre"),
    ("DUR\x1b[2JAND", "caractère de contrôle Échap (\\x1b)"),
    ("DE LA\nTOUR", "tient sur plusieurs lignes"),
    ("ABC\u202eDEF", "inverse le sens du texte (\\u202e)"),
    ("DUR\ud800AND", "moitié de caractère isolée (\\ud800)"),
])
def test_what_no_name_holds(name, fragment):
    problem = text.name_problem(name)
    assert problem is not None and fragment in problem
    assert text.unsafe_at(problem) is None  # the refusal itself prints safely


def test_free_text_takes_any_printable_character():
    assert text.text_problem("Points de jury — délibération, 3 € & « guillemets » <ok>") is None
    assert "octet \\xe9, qui n'est pas de l'UTF-8" in text.text_problem("r\udce9ponse")


@given(st.text())
def test_a_problem_never_carries_an_unsafe_character(value):
    problem = Problem(f"« {value} » : refusé", Place(file=value, column=value))
    for part in (problem.message, problem.place.file, problem.place.column, str(problem)):
        assert text.unsafe_at(part) is None
    if text.unsafe_at(value) is None:
        assert problem.message == f"« {value} » : refusé"  # what was safe is left as it was
