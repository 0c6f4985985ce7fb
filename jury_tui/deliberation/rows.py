"""Results as rows: the JSON objects and the Excel-FR CSV of `jury results` (DESIGN.md §2)."""

from __future__ import annotations

import csv
import io
import re

from jury_tui.domain import grades
from jury_tui.domain.grades import french, plain
from jury_tui.domain.results import LABELS

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def result_row(view, numero: str) -> dict:
    c = view.candidate(numero)
    r = view.result(numero)
    no_average = r.moyenne is None
    return {
        "numero": c.numero,
        "nom": c.nom,
        "prenom": c.prenom,
        "moyenne": None if no_average else plain(r.moyenne),
        "points": None if no_average else plain(r.points),
        "coefficients": None if no_average else str(r.coefficients),
        "proposition": r.proposition,
        "decision": c.latest_decision.decision if c.latest_decision else None,
        "decisions": [
            {"tour": d.tour, "decision": d.decision, "motif": d.motif, "par": d.par, "le": d.le}
            for _, d in sorted(c.decisions.items())
        ],
        "a_revoir": c.a_revoir,
        "livret": c.livret,
        "livret_examine": c.livret_examine,
        "unites_acquises": list(r.unites_acquises),
        "blocs_acquis": list(r.blocs_acquis),
        "ajustements": [
            {"unite": a.unite, "avant": _text(a.avant), "apres": _text(a.apres), "motif": a.motif, "par": a.par, "le": a.le}
            for a in c.ajustements
        ],
        "controle": {u: _text(v) for u, v in c.controle.items()},
        "carte_professionnelle": r.carte_professionnelle,
        # why (what the candidate sheet shows): the grades as used, the professional average, the
        # engine's reason, what is missing to reach the threshold
        "moyenne_professionnelle": None if r.moyenne_pro is None else plain(r.moyenne_pro),
        "motif": r.reason,
        "notes": grades_used(view, c, r),
        "manque": _missing_json(view.missing(numero)),
    }


def grades_used(view, c, r) -> dict[str, dict]:
    """Each unit that has a value: the grade imported (`initiale`), the jury's adjustment in force
    (`ajustee`), the contrôle grade (`controle`) and the one that counted (`retenue`)."""
    out = {}
    for unit in view.regulation.units:
        code = unit.code
        adj = c.adjustment(code, r.tour)
        ctrl = c.controle.get(code) if r.tour >= 2 else None
        used = r.effective.get(code)
        if c.notes.get(code) is None and adj is None and ctrl is None and used is None:
            continue
        out[code] = {
            "initiale": _or_none(c.notes.get(code)),
            "ajustee": _or_none(adj.apres if adj else None),
            "controle": _or_none(ctrl),
            "retenue": _or_none(used),
        }
    return out


def _missing_json(missing) -> dict | None:
    """What is missing to reach the threshold (RULES.md §5): the average's hundredths, and the
    grade each unit alone would need (« impossible » beyond 20)."""
    if missing is None:
        return None
    return {
        "moyenne": plain(missing.average_points),
        "unites": {n.unit: plain(n.grade) if n.grade is not None else "impossible" for n in missing.units},
    }


def _or_none(value):
    return None if value is None else _text(value)


def _text(value) -> str:
    """Grades as "12.50" (JSON form); codes as themselves."""
    if value is None:
        return ""
    if value.kind == grades.NOTE:
        return plain(value.hundredths)
    return str(value)


def neutralise(text):
    """A cell a spreadsheet would run as a formula is prefixed with an apostrophe; a cell that
    is not a text (a name stored as null) is left to the writer."""
    if isinstance(text, str) and text.startswith(FORMULA_PREFIXES) and not _is_number(text):
        return "'" + text
    return text


_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")


def _is_number(text: str) -> bool:
    """A plain decimal number. Not float()'s grammar: a spreadsheet runs "-INF", "-1_0" or
    "\t0" as formulas (or errors), so they are neutralised like any other text."""
    return _PLAIN_NUMBER.fullmatch(text) is not None


class Column:
    """One column of the results, for the CSV (scripts) and the spreadsheet (people) alike.

    `kind` says what its cells hold: "text"; "grade" (a Value: a number or a code); "hundredths"
    (an exact amount, e.g. the average); "integer"; "flag" (oui / non); "decision" (an id:
    the CSV writes it, the spreadsheet writes its French label). `sheet` is False for a
    column the spreadsheet has no need of."""

    __slots__ = ("key", "label", "kind", "sheet")

    def __init__(self, key: str, label: str, kind: str = "text", *, sheet: bool = True):
        self.key, self.label, self.kind, self.sheet = key, label, kind, sheet


def result_columns(view) -> list[Column]:
    units = [Column(u.code, u.code, "grade") for u in view.regulation.units]
    return [
        Column("numero", "numéro"), Column("nom", "nom"), Column("prenom", "prénom"), *units,
        Column("moyenne", "moyenne", "hundredths"), Column("points", "points", "hundredths"),
        Column("coefficients", "coefficients", "integer"),
        Column("proposition", "proposition", "decision"), Column("decision", "décision", "decision"),
        # for scripts that show the decisions: their French labels beside the ids
        Column("proposition_libelle", "proposition", sheet=False), Column("decision_libelle", "décision", sheet=False),
        Column("a_revoir", "à revoir", "flag"), Column("livret", "livret", "flag"),
        Column("livret_examine", "livret examiné", "flag"),
        Column("unites_acquises", "unités acquises"), Column("blocs_acquis", "blocs acquis"),
        Column("carte_professionnelle", "carte professionnelle", "flag"),
        # why (what the candidate sheet shows; the JSON's moyenne_professionnelle, motif, notes, manque)
        Column("moyenne_professionnelle", "moyenne professionnelle", "hundredths"), Column("motif", "motif"),
        Column("notes_modifiees", "notes modifiées"), Column("manque_moyenne", "manque (moyenne)", "hundredths"),
        Column("manque_par_unite", "manque par unité"),
    ]  # fmt: skip


def result_rows(view, columns: list[Column]):
    """One list of values per candidate not withdrawn, in numero order, in `columns`' order."""
    for c in view.active:
        r = view.result(c.numero)
        d = c.latest_decision
        average = r.moyenne is not None
        values = {
            "numero": c.numero, "nom": c.nom, "prenom": c.prenom,
            "moyenne": r.moyenne if average else None, "points": r.points if average else None,
            "coefficients": r.coefficients if average else None,
            "proposition": r.proposition, "decision": d.decision if d else None,
            "a_revoir": c.a_revoir, "livret": c.livret, "livret_examine": c.livret_examine,
            "unites_acquises": " ".join(r.unites_acquises), "blocs_acquis": " ".join(r.blocs_acquis),
            "carte_professionnelle": r.carte_professionnelle,
            "proposition_libelle": LABELS.get(r.proposition, r.proposition),
            "decision_libelle": LABELS.get(d.decision, d.decision) if d else None,
            **_why(view, c, r),
        }  # fmt: skip
        yield [r.effective.get(col.key) if col.kind == "grade" else values[col.key] for col in columns]


def csv_text(view) -> str:
    """The results for Excel-FR (DESIGN.md §2): UTF-8 with BOM, `;`, decimal comma, one column
    per unit, every cell a spreadsheet would run as a formula neutralised."""
    columns = result_columns(view)
    buf = io.StringIO()
    buf.write("\ufeff")
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow([col.key for col in columns])
    for values in result_rows(view, columns):
        writer.writerow([neutralise(_csv_cell(col.kind, value)) for col, value in zip(columns, values)])
    return buf.getvalue()


def _csv_cell(kind: str, value):
    if kind == "flag":
        return _yes_no(value)
    if value is None:
        return ""
    if kind == "grade":
        return grades.display(value)
    if kind == "hundredths":
        return french(value)
    if kind == "integer":
        return str(value)
    return value  # text, and decisions as their ids


def _why(view, c, r) -> dict:
    """The last columns, what the JSON's `moyenne_professionnelle`, `motif`, `notes` and `manque`
    say: « U6 : 9,50 → 10,00 (jury) ; U1 : 9,00 → 12,00 (contrôle) », « U1 13,25 ; … »."""
    changed = []
    for code, g in grades_used(view, c, r).items():
        for key, who in (("ajustee", "jury"), ("controle", "contrôle")):
            if g[key] is not None:
                before = g["initiale"] if key == "ajustee" or g["ajustee"] is None else g["ajustee"]
                changed.append(f"{code} : {_fr(before)} → {_fr(g[key])} ({who})")
    missing = view.missing(c.numero)
    needs = [] if missing is None else [
        f"{n.unit} {french(n.grade) if n.grade is not None else 'impossible'}" for n in missing.units
    ]  # fmt: skip
    return {
        "moyenne_professionnelle": r.moyenne_pro,
        "motif": r.reason,
        "notes_modifiees": " ; ".join(changed),
        "manque_moyenne": None if missing is None else missing.average_points,
        "manque_par_unite": " ; ".join(needs),
    }


def _fr(text: str | None) -> str:
    """A JSON grade text ("9.50", "ABS", None) in the CSV's French form ("9,50", "ABS", "—")."""
    if text is None:
        return "—"
    return text.replace(".", ",") if text[:1].isdigit() else text


def _yes_no(flag) -> str:
    return "oui" if flag else "non"


# --------------------------------------------------------------------------- the workbook

SHEET_WIDTHS = {"text": 14, "grade": 11, "hundredths": 9, "integer": 6, "flag": 8, "decision": 12}
WIDER = {
    "numero": 9, "nom": 22, "prenom": 16, "unites_acquises": 30, "blocs_acquis": 40,
    "motif": 40, "notes_modifiees": 40, "manque_par_unite": 30,
}  # fmt: skip


def xlsx_bytes(view) -> bytes:
    """The results as a workbook for people (`jury export SESSION xlsx`): the columns of the
    CSV but the labels' duplicates, under a frozen header row, with the session's identity in
    the document's properties.

    numero, nom, prénom and every text are text cells (never a formula, and 02701 keeps its
    zero); grades and averages are numbers shown with two decimals; decisions are their French
    labels. An amount is written as its two-decimal text (11.57): the file holds that exact
    value, which the spreadsheet reads into the binary number nearest to it and shows as 11,57.
    It is never the average's unrounded fraction (382/33 = 11.5757…, which a « 0.00 » format
    would show as 11,58): the average is truncated (DESIGN.md §2) before it is written."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    columns = [col for col in result_columns(view) if col.sheet]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Résultats")
    sheet.freeze_panes = "A2"
    for position, col in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = WIDER.get(col.key, SHEET_WIDTHS[col.kind])
    bold = Font(bold=True)
    sheet.append([_sheet_cell(sheet, "text", col.label, font=bold) for col in columns])
    count = 0
    for values in result_rows(view, columns):
        sheet.append([_sheet_cell(sheet, col.kind, value) for col, value in zip(columns, values)])
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    _identity(book.properties, view)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_cell(sheet, kind: str, value, *, font=None):
    from decimal import Decimal

    from openpyxl.cell import WriteOnlyCell

    number_format = None
    if kind == "flag":
        value = _yes_no(value)
    elif value is None:
        value = None
    elif kind == "decision":
        value = LABELS.get(value, value)
    elif kind == "hundredths" or (kind == "grade" and value.kind == grades.NOTE):
        value, number_format = Decimal(value if kind == "hundredths" else value.hundredths).scaleb(-2), "0.00"
    elif kind == "grade" and value.kind == grades.KEPT:
        value = f"B{value.year}:{french(value.hundredths)}"  # kept from an earlier session, as typed in the files
    elif kind == "grade":
        value = grades.display(value)  # ABS, DISP, VAE...
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # a text, even one that begins with "=": never run as a formula
    if number_format:
        cell.number_format = number_format
    if font is not None:
        cell.font = font
    return cell


def _identity(properties, view) -> None:
    """Title, author (the jury), subject (the diploma), description (académie, date, place)."""
    from jury_tui import seams

    header, reg = view.header, view.regulation
    jury = header.get("jury") or ""
    properties.title = f"Résultats — {jury} — session {header.get('annee')}"
    properties.creator = properties.lastModifiedBy = jury
    properties.subject = f"{reg.diplome} {reg.specialite} ({reg.rncp_code})"
    where = ", ".join(x for x in (header.get("academie"), header.get("lieu"), header.get("date")) if x)
    properties.description = f"{where} ; numéros en texte, moyennes tronquées à deux décimales"
    properties.keywords = f"résultats; {reg.rncp_code}; session {header.get('annee')}"
    properties.created = properties.modified = seams.now().replace(tzinfo=None)
