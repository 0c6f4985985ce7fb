"""French formatting of document contexts, and the schema's own description."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from jury_tui.documents import format as fmt
from jury_tui.documents.context import CONTEXTS, as_template_context, describe, field_types, item_type
from jury_tui.domain import grades


def test_grades_and_cells():
    assert fmt.grade(1250) == "12,50"
    assert fmt.cell(grades.parse("b2024:13")) == "B2024 : 13,00"
    assert fmt.cell(grades.parse("disp")) == "DISP"
    assert fmt.cell(None) == ""
    assert fmt.adjusted(grades.parse("9,5"), grades.parse("10")) == "9,50 → 10,00"
    assert fmt.adjusted(grades.parse("ABS"), grades.parse("ABJ")) == "ABS → ABJ"
    assert fmt.moyenne(999) == "9,99" and fmt.moyenne(None) == "—"


def test_labels():
    assert [fmt.decision(c) for c in ("admis", "ajourne", "controle", "non_delivre", None)] == [
        "Admis", "Ajourné", "Contrôle", "Non délivré", "—",
    ]  # fmt: skip
    assert fmt.diplome("BTS") == "Brevet de technicien supérieur"
    assert fmt.academie("Normandie") == "Académie de Normandie"
    assert fmt.academie("Amiens") == "Académie d'Amiens"
    assert fmt.academie("Orléans-Tours") == "Académie d'Orléans-Tours"
    assert fmt.academie("académie de Lyon") == "académie de Lyon"
    assert fmt.or_dash("  ") == "—" and fmt.lines(["a", "", "b"]) == "a\nb"


def test_dates_and_rates():
    assert fmt.date_long(date(2026, 6, 20)) == "20 juin 2026"
    assert fmt.date_long(date(2026, 7, 1)) == "1er juillet 2026"
    assert fmt.date_short(date(2005, 3, 14)) == "14/03/2005"
    moment = datetime(2026, 6, 20, 14, 5, tzinfo=UTC)
    assert fmt.datetime_short(moment, ZoneInfo("Europe/Paris")) == "20/06/2026 à 16:05"
    assert fmt.percent(7, 12) == "58,33\u00a0%"  # truncated, like averages
    assert fmt.percent(2, 3) == "66,66\u00a0%"
    assert fmt.percent(0, 0) == "—"


def test_alphabetical_order_ignores_accents_and_case():
    names = [("ÇELIK", "Emre"), ("Durand", "Léa"), ("CHEVALIER", "Loïc"), ("DURAND", "Eric"), ("Éloi", "Zoé")]
    ordered = sorted(names, key=lambda n: fmt.name_sort_key(*n))
    assert ordered == [("ÇELIK", "Emre"), ("CHEVALIER", "Loïc"), ("DURAND", "Eric"), ("Durand", "Léa"),
                       ("Éloi", "Zoé")]  # fmt: skip


@pytest.mark.parametrize("kind", list(CONTEXTS))
def test_every_field_is_documented_and_plain(kind):
    allowed = {str, bool}

    def check(cls):
        for f in fields(cls):
            assert f.metadata.get("doc"), f"{cls.__name__}.{f.name}"
            tp = field_types(cls)[f.name]
            element = item_type(tp)
            target = element if element is not None else tp
            if is_dataclass(target):
                check(target)
            else:
                assert target in allowed, f"{cls.__name__}.{f.name}: {tp}"

    check(CONTEXTS[kind])
    names = [name for name, _ in describe(CONTEXTS[kind])]
    assert "entete.academie" in names and len(names) == len(set(names))


def test_template_context_keeps_objects_for_attribute_access():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "documents"))
    import documents_samples as samples

    context = as_template_context(samples.admis())
    assert set(context) == {"entete", "admis", "nombre", "precision"}
    assert context["entete"].academie == "Académie de Normandie"
