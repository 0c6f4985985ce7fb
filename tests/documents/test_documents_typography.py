"""French typography of the documents (Imprimerie nationale): one module, its rules."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from jury_tui.documents import typography as t

NB, FINE = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    "typed, typeset",
    [
        ("Motif : report", f"Motif{NB}: report"),
        ("Motif: report", f"Motif{NB}: report"),
        ("Motif  :report", f"Motif{NB}:report"),
        ("B2024 : 13,00", f"B2024{NB}: 13,00"),
        ("le 20/06/2026 à 16:05", "le 20/06/2026 à 16:05"),  # a time keeps its colon tight
        ("voir https://example.org/a?b=1", "voir https://example.org/a?b=1"),
        ("Absent ; excusé", f"Absent{FINE}; excusé"),
        ("Vraiment? Oui!", f"Vraiment{FINE}? Oui{FINE}!"),
        ("61,29 %", f"61,29{NB}%"),
        ("50%", f"50{NB}%"),
        ("« Management opérationnel »", f"«{NB}Management opérationnel{NB}»"),
        ("«MOS»", f"«{NB}MOS{NB}»"),
        ("code de l'éducation", "code de l’éducation"),
        ("O'Brien \"Jo\"", "O’Brien \"Jo\""),
        ("ligne 1\n: suite", "ligne 1\n: suite"),  # a line break is not turned into a space
        ("12,50", "12,50"),
        ("", ""),
    ],
)
def test_french(typed, typeset):
    assert t.french(typed) == typeset
    assert t.french(typeset) == typeset  # idempotent: typesetting twice changes nothing


def test_template_text_leaves_tags_as_typed():
    text = "{{ r.niveau }} : {{ r.texte }} — l'unité {%p if x == 'a' %} « {{ s }} »"
    assert t.template_text(text) == f"{{{{ r.niveau }}}}{NB}: {{{{ r.texte }}}} — l’unité {{%p if x == 'a' %}} «{NB}{{{{ s }}}}{NB}»"


@pytest.mark.parametrize("n, text", [(0, "0 ajourné"), (1, "1 ajourné"), (2, "2 ajournés"), (17, "17 ajournés")])
def test_count(n, text):
    assert t.count(n, "ajourné") == text


def test_count_with_an_irregular_plural():
    assert t.count(3, "non délivré", "non délivrés") == "3 non délivrés"
    assert t.count(1, "admis", "admis") == "1 admis"


@dataclass(frozen=True, kw_only=True)
class Row:
    nom: str
    notes: list[str]
    signe: bool


@dataclass(frozen=True, kw_only=True)
class Doc:
    titre: str
    lignes: list[Row]


def test_typeset_walks_a_context():
    doc = Doc(titre="Note : l'essai", lignes=[Row(nom="O'Brien", notes=["B2024 : 13,00", "12,00"], signe=True)])
    assert t.typeset(doc) == Doc(
        titre=f"Note{NB}: l’essai", lignes=[Row(nom="O’Brien", notes=[f"B2024{NB}: 13,00", "12,00"], signe=True)]
    )


def test_comparable_ignores_typography_not_words():
    assert t.comparable(t.french("Motif: l'essai « x » 61,29 %")) == t.comparable("Motif : l'essai «x» 61,29%")
    assert t.comparable("Note du jury en U6\n: 9,50") == t.comparable("Note du jury en U6 : 9,50")
    assert t.comparable("Admis") != t.comparable("Ajourné")
    assert t.comparable("11,57") != t.comparable("12,57")
